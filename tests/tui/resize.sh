#!/bin/bash
# Below 80x24 a plain "terminal too small" screen appears and swallows keys;
# back at a usable size the same view returns (also with a dialog open, and
# when mlps starts small); 80x24 itself is usable.
. "$(dirname "$0")/lib.bash"

mlps new --system 测试系统 --level 3 >/dev/null

tui_start 100x30 LANG=C.UTF-8 -- open 1
current_is L3-PES1-01
keys y y
check "two answers" current_is L3-PES1-03

tm resize-window -t t -x 40 -y 10
expect "40x10 shows the too-small screen" "终端太小：40x10"
keys y
sleep 0.3
tm resize-window -t t -x 100 -y 30
check "back at 100x30 the same requirement is shown" current_is L3-PES1-03
expect "with the tree" "PES 安全物理环境 +2/22"
expect "and the key hints" "y符合  p部分"
check_eq "the key typed while too small was not taken as an answer" 2 "$(score_field 3 compliant)"

tm resize-window -t t -x 80 -y 24
check "80x24 is large enough" current_is L3-PES1-03
expect "and lays out the hints" "q返回"

keys c
wait_for "备注 · L3-PES1-03"
text "调整窗口大小"
tm resize-window -t t -x 60 -y 20
expect "a dialog gives way to the too-small screen" "终端太小：60x20"
tm resize-window -t t -x 100 -y 30
expect "and comes back with what was typed" "调整窗口大小"
keys C-d
expect "which is then saved" "L3-PES1-03：备注已保存"
keys q q
check_eq "quits cleanly after resizing" 0 "$(wait_exit)"
check_clean_exit "after resizing"

tui_start 40x10 LANG=C.UTF-8 --
expect "starting small shows the too-small screen" "终端太小：40x10"
tm resize-window -t t -x 100 -y 30
expect "and Home once the window is large enough" "评估列表"
keys q
check_eq "quits cleanly" 0 "$(wait_exit)"
check_clean_exit "after starting small"

finish
