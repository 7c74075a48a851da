#!/bin/bash
# mlps open N paints the questionnaire without building Home first (issue 19):
# Home loads when it is first shown, with every assessment and the answer
# just given, and q from there quits as usual.
. "$(dirname "$0")/lib.bash"

mlps new --system 网上银行 --level 3 >/dev/null 2>&1
mlps new --system 门户网站 --level 2 >/dev/null 2>&1

tui_start 80x24 LANG=C.UTF-8 -- --lang en open 2
expect "the questionnaire of assessment 2 opens first" "门户网站"
keys y
keys q
expect "q shows Home, loaded only now" "网上银行"
expect "with both assessments" "门户网站"
expect "and the answer just given counted" "#2 +G2 +[0-9-]{10} +1/"
keys q
wait_exit
check_clean_exit "q from Home"
finish
