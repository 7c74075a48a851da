#!/bin/bash
# Two writers on one assessment (issue 14): the UI is open on an item while
# `mlps answer` changes it from another shell. The UI notices (data_version,
# polled on every key and once a second), reloads, and says who changed
# what; an evidence edit afterwards keeps the other writer's status and
# note; and a note edited while the other writer changes it is not lost
# either way: the UI shows both and keeps both on request.
. "$(dirname "$0")/lib.bash"

id=$(mlps new --system 并发系统 --level 3)
check_eq "a new assessment" 1 "$id"

tui_start 100x30 LANG=C.UTF-8 USER=ui-user -- open 1
check "the UI opens at L3-PES1-01" current_is L3-PES1-01

USER=alice mlps answer 1 L3-PES1-01 noncompliant --note "门禁坏了" >/dev/null
expect "the UI reloads by itself and says who changed what" "已载入别处的修改：alice"
expect "and shows the other writer's answer" "答案 +不符合"
expect "with its note" "门禁坏了"

keys e
wait_for "证据 · L3-PES1-01"
text "门禁日志"
keys C-d
expect "the evidence is saved" "证据已保存"
check_eq "nothing of the other writer is lost: status" '"noncompliant"' "$(answer_field pes.location.a status)"
check_eq "nothing of the other writer is lost: note" '"门禁坏了"' "$(answer_field pes.location.a note)"
check_eq "the UI's evidence is there" '"门禁日志"' "$(answer_field pes.location.a evidence)"

# The note is opened in the UI, then changed by alice before the UI saves.
keys c
wait_for "备注 · L3-PES1-01"
keys End
text "，已报修"
USER=alice mlps answer 1 L3-PES1-01 noncompliant --note "门禁已更换" >/dev/null
sleep 1.5
keys C-d
expect "the UI says the note changed meanwhile, and whose" "被 alice 修改"
expect "and offers to keep both" "两者都保留"
keys 3
expect "the merged note is saved" "备注已保存"
check_eq "both texts are kept" '"门禁坏了，已报修\n--- 以下为 alice ---\n门禁已更换"' "$(answer_field pes.location.a note)"
check_eq "the answer log has every write, two from each side" "alice
ui-user
alice
ui-user" "$(python3 -c 'import sqlite3, sys; [print(r[0]) for r in sqlite3.connect(sys.argv[1]).execute("SELECT who FROM answer_log ORDER BY id")]' "$MLPS_DB")"

keys q q
check_eq "the UI quits cleanly" 0 "$(wait_exit)"
finish
