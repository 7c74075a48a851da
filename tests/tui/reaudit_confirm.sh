#!/bin/bash
# A re-audit is checked before it counts (issue 14): carried answers count
# as unanswered until confirmed; the item shows last year's answer beside
# this year's and marks last year's note; C confirms one as it is, B
# confirms a whole control point after one question; answering a gap
# compliant closes its plan (and asks when the plan has an owner).
. "$(dirname "$0")/lib.bash"

mlps new --system 复评系统 --level 3 >/dev/null
mlps answer 1 L3-PES1-01 noncompliant --note "去年：机房漏雨" >/dev/null
mlps answer 1 L3-PES1-02 compliant >/dev/null
mlps answer 1 L3-PES1-03 partial --due 2026-06-30 >/dev/null
mlps answer 1 L3-PES1-04 partial --owner 张三 >/dev/null
check_eq "the re-audit is assessment 2" 2 "$(mlps reaudit 1 2>/dev/null)"
check_eq "its carried answers count as unanswered" "0 4" \
	"$(mlps score 2 --format json | python3 -c 'import json,sys; d=json.load(sys.stdin); l=[x for x in d["levels"] if x["level"]==3][0]; print(l["answered"], d["unconfirmed"])')"

tui_start 100x30 LANG=C.UTF-8 -- open 2
check "the re-audit opens at its first carried item" current_is L3-PES1-01
expect "last year's answer is shown beside this year's" "上次 +评估 #1：不符合"
expect "the carried note is marked as last year's" "上次备注 +去年：机房漏雨"
keys C
expect "C confirms it as it is" "L3-PES1-01：已确认沿用（不符合）"
check "and moves on" current_is L3-PES1-02
keys B
expect "B asks once, saying how many" "本控制点（物理位置选择）：确认 1 条沿用答案"
keys Enter
expect "and confirms them" "已确认 1 条沿用答案。"
check_eq "two carried answers are left to confirm" 2 \
	"$(mlps score 2 --format json | python3 -c 'import json,sys; print(json.load(sys.stdin)["unconfirmed"])')"

keys /
wait_for "搜索"
text "PES1-03"
keys Enter
check "on L3-PES1-03, a partial gap with a plan and no owner" current_is L3-PES1-03
keys y
expect "compliant now" "L3-PES1-03：符合（已保存）"
check_eq "its plan is closed" '"done"' "$(answer_field "$(key_of L3-PES1-03)" plan 2)"
keys /
wait_for "搜索"
text "PES1-04"
keys Enter
keys y
expect "a plan with an owner asks first" "把 张三 负责的整改计划标记为已完成？"
keys n
check_eq "and stays open when told so" '"open"' "$(answer_field "$(key_of L3-PES1-04)" plan 2)"
keys q q
check_eq "the UI quits cleanly" 0 "$(wait_exit)"
finish
