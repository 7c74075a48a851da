#!/bin/bash
# An item answered on several objects (issue 11): one row per object under
# the item text, the answer keys act on the highlighted object and move to
# the next unanswered one, then to the next item; * answers the rest at
# once; O walks one object. What was saved is checked per object with
# `mlps export`. At 80x24, the smallest size promised.
. "$(dirname "$0")/lib.bash"

id=$(mlps new --system 测试系统 --level 3 --object server:web01 --object server:db01)
check_eq "a new assessment with two servers" 1 "$id"

# answer_on KEY OBJECT: the status stored for one (requirement, object), or nothing.
answer_on() {
	mlps export 1 | awk -v key="$1" -v obj="$2" '
		/"key": / { k = $2; gsub(/[",]/, "", k) }
		/"object": / { o = $2; gsub(/[",]/, "", o) }
		/"status": / && k == key && o == obj { s = $2; gsub(/[",]/, "", s); print s; exit }'
}

tui_start 80x24 LANG=C.UTF-8 -- open 1
check "open starts at the first unanswered requirement" current_is L3-PES1-01

keys /
wait_for "搜索"
text "CES1-01"
keys Enter
check "search finds L3-CES1-01" current_is L3-CES1-01
expect "its two objects have a row each, web01 highlighted" "▶ web01 +未作答 +服务器"
expect "db01 below it, not highlighted" "│   db01 +未作答"
expect "the tree lists the items with their objects' progress" "L3-CES1-01 +0/2"

keys n
expect "n answers web01 only" "L3-CES1-01 @ web01：不符合（已保存）"
check "and stays on the item" current_is L3-CES1-01
expect "web01's row shows its answer" "│   web01 +不符合"
expect "db01, still unanswered, is highlighted now" "▶ db01 +未作答"
expect "the tree counts one object of two" "L3-CES1-01 +1/2"

keys y
check "answering the last object moves to the next item" current_is L3-CES1-02
expect "which starts at its first object" "▶ web01 +未作答"
keys k
check "k goes back to the previous item" current_is L3-CES1-01
expect "on its last object, with both answers shown" "▶ db01 +符合"
expect "web01 keeps its own answer" "│   web01 +不符合"
expect "the tree counts both objects" "L3-CES1-01 +2/2"

keys j
check "j from the last object goes to the next item" current_is L3-CES1-02
keys '*'
expect "* offers one answer for the rest" "其余 2 个未答对象都设为"
keys 2
check "and then moves to the next item" current_is L3-CES1-03

keys O
expect "O lists the objects to walk" "db01（服务器和操作系统，25 项）"
keys 4
expect "walking db01 says so in the title" "对象：db01"
expect "and the answer acts on db01" "答案 +db01: 未作答"
keys t
check "t answers db01 and moves to its next item" current_is L3-CES1-04

keys L
expect "in English the walk goes on" "object: db01"
keys O 1
expect "all objects again: the rows come back, in English" "Objects  0/2 answered"

keys q q
check_eq "q, q quits with status 0" 0 "$(wait_exit)"
check_clean_exit "after q"

k1=$(key_of L3-CES1-01)
k2=$(key_of L3-CES1-02)
k3=$(key_of L3-CES1-03)
check_eq "L3-CES1-01 on web01 is stored noncompliant" noncompliant "$(answer_on "$k1" web01)"
check_eq "L3-CES1-01 on db01 is stored compliant" compliant "$(answer_on "$k1" db01)"
check_eq "nothing was saved on the system object" "" "$(answer_on "$k1" 测试系统)"
check_eq "* saved web01 partial" partial "$(answer_on "$k2" web01)"
check_eq "* saved db01 partial" partial "$(answer_on "$k2" db01)"
check_eq "the walk saved db01 to confirm" todo "$(answer_on "$k3" db01)"
check_eq "and left web01 alone" "" "$(answer_on "$k3" web01)"
check_eq "object list counts web01's answers" 2 "$(mlps object list 1 --format tsv | awk -F'\t' '$1 == "web01" { print $5 }')"

# The wizard's objects step: added before creating, stored with the assessment.
tui_start 80x24 LANG=C.UTF-8 --
wait_for "评估列表"
keys n
wait_for "新建评估"
text "门户"
keys Enter Enter G k
expect "the objects step is a field of its own, skipped by default" "测评对象 +（仅系统整体；Enter 添加）"
keys Enter
expect "Enter offers to add an object" "＋ 添加对象"
keys 1
expect "the kind comes from the catalogue's vocabulary" "服务器和操作系统"
keys 4
wait_for "对象名称"
text "app01"
keys Enter
expect "then the importance" "资产重要程度"
keys 1
expect "the object is listed with its kind and importance" "app01 · 服务器和操作系统 · 关键"
keys 2 4
wait_for "对象名称"
text "app01"
keys Enter
expect "a name taken is refused with the check's message" "already has an object named 'app01'"
keys 3
expect "done: the form lists the object" "测评对象 +app01（服务器和操作系统）"
keys C-d
expect "Ctrl-D creates the assessment with it" "#2 门户 G3"
keys Q
wait_exit >/dev/null
check_eq "the new assessment has the system object and app01" "门户 system key
app01 server key" "$(mlps object list 2 --format tsv | awk -F'\t' 'NR > 1 { print $1, $2, $3 }')"

check_eq "the database checks out" 0 "$(mlps db check >/dev/null 2>&1; echo $?)"

finish
