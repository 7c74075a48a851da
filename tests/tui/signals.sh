#!/bin/bash
# SIGTERM mid-session keeps every answer given and restores the terminal;
# so do SIGHUP and Ctrl-C (SIGINT). A note being typed when the terminal
# goes away is kept rather than lost.
. "$(dirname "$0")/lib.bash"

mlps new --system 测试系统 --level 3 >/dev/null

tui_start 100x30 LANG=C.UTF-8 -- open 1
current_is L3-PES1-01
keys y y n y
check "four answers given" current_is L3-PES1-05
kill -TERM "$(mlps_pid)"
check_eq "SIGTERM ends mlps with 128+15" 143 "$(wait_exit)"
check_clean_exit "after SIGTERM"
check_eq "every answer given before SIGTERM is kept" 3 "$(score_field 3 compliant)"
check_eq "including the noncompliant one" 1 "$(score_field 3 noncompliant)"

tui_start 100x30 LANG=C.UTF-8 -- open 1
check "reopening lands on the first unanswered" current_is L3-PES1-05
keys c
wait_for "备注 · L3-PES1-05"
text "挂断前输入的备注"
wait_for "挂断前输入的备注"
kill -HUP "$(mlps_pid)"
check_eq "SIGHUP ends mlps with 128+1" 129 "$(wait_exit)"
check_clean_exit "after SIGHUP"
check_eq "the note typed when the line dropped is kept" '"挂断前输入的备注"' \
	"$(answer_field "$(key_of L3-PES1-05)" note)"

tui_start 100x30 LANG=C.UTF-8 -- open 1
current_is L3-PES1-05
keys p
current_is L3-PES1-06
keys C-c
check_eq "Ctrl-C ends mlps with 128+2" 130 "$(wait_exit)"
check_clean_exit "after Ctrl-C"
check_eq "the answer before Ctrl-C is kept" 1 "$(score_field 3 partial)"
check_eq "the database checks out" 0 "$(mlps db check >/dev/null 2>&1; echo $?)"

finish
