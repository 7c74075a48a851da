#!/bin/bash
# Answers a run of requirements by keys and checks the result with
# `mlps score --format json`; N/A asks for a reason and stores it; the note
# editor stores Chinese text over two lines; u clears an answer.
. "$(dirname "$0")/lib.bash"

id=$(mlps new --system 测试系统 --org 测试单位 --level 3)
check_eq "a new assessment" 1 "$id"

tui_start 100x30 LANG=C.UTF-8 -- open 1
check "open starts at the first unanswered requirement" current_is L3-PES1-01

# One key per answer; typed ahead, as a fast operator would.
keys y y p n t
check "five keys answer five requirements and move on" current_is L3-PES1-06
expect "the last answer is acknowledged" "L3-PES1-05：待确认（已保存）"

keys a
expect "N/A asks for the reason" "不适用的理由 · L3-PES1-06"
keys Enter
expect "an empty reason is refused" "不适用必须写明理由"
check "and the item stays unanswered" current_is L3-PES1-06
keys a
wait_for "不适用的理由 · L3-PES1-06"
text "本单位无此类设备"
keys Enter
check "N/A with a reason answers and moves on" current_is L3-PES1-07

keys k
current_is L3-PES1-06
keys c
expect "c opens the note editor" "备注 · L3-PES1-06"
text "现场查看：门禁已启用"
keys C-j
text "第二行 second line"
keys Enter
expect "the note is saved" "L3-PES1-06：备注已保存"
expect "and shown in the pane" "第二行 second line"
keys c
wait_for "备注 · L3-PES1-06"
keys Escape
expect "an unchanged note closes on Esc without asking" "第二行 second line"
keys c
wait_for "备注 · L3-PES1-06"
text "多余"
keys Escape
expect "a changed note asks before discarding" "放弃修改？"
keys y
wait_for "第二行 second line"

keys k
current_is L3-PES1-05
keys u
expect "u clears the answer" "L3-PES1-05：未作答（已保存）"
check "and stays on the item" current_is L3-PES1-05

keys q
expect "q goes back to the assessment list" "评估列表"
keys q
check_eq "q on the list quits with status 0" 0 "$(wait_exit)"
check_clean_exit "after q"

check_eq "score: compliant at level 3" 2 "$(score_field 3 compliant)"
check_eq "score: partial at level 3" 1 "$(score_field 3 partial)"
check_eq "score: noncompliant at level 3" 1 "$(score_field 3 noncompliant)"
check_eq "score: na at level 3" 1 "$(score_field 3 na)"
check_eq "score: todo at level 3 (cleared)" 0 "$(score_field 3 todo)"
key=$(key_of L3-PES1-06)
check_eq "the N/A reason is stored" '"本单位无此类设备"' "$(answer_field "$key" na_reason)"
check_eq "the Chinese two-line note is stored" '"现场查看：门禁已启用\n第二行 second line"' "$(answer_field "$key" note)"
check_eq "the database checks out" 0 "$(mlps db check >/dev/null 2>&1; echo $?)"

finish
