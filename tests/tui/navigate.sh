#!/bin/bash
# Search (IDs, Chinese text, "find next", not found), next-unanswered and
# the gap filter land where they should; the interface runs in English.
. "$(dirname "$0")/lib.bash"

mlps new --system "Web portal" --level 3 >/dev/null
for id in L3-PES1-01 L3-PES1-02 L3-PES1-03 L3-CES1-07; do
	mlps answer 1 "$id" compliant
done
mlps answer 1 L3-CES1-02 noncompliant

tui_start 100x30 LANG=C.UTF-8 -- --lang en open 1
check "open lands on the first unanswered requirement" current_is L3-PES1-04
expect "the interface is in English" "item 4/211"

keys /
expect "/ asks what to search for" "Search"
text "ces1-05"
keys Enter
check "an ID, in any case and without its level, is found" current_is L3-CES1-05
keys N
check "N skips to the next unanswered" current_is L3-CES1-06
keys N
check "N skips requirements already answered" current_is L3-CES1-08

keys /
wait_for "Search"
text "防雷"
keys Enter
check "Chinese text (a control point's name) is found, wrapping round" current_is L3-PES1-07
keys /
wait_for "Search"
keys Enter
check "an empty search finds the next match" current_is L3-PES1-08
keys /
wait_for "Search"
text "zzzz-nothing"
keys Enter
expect "a miss says so" "'zzzz-nothing' not found"
check "and stays put" current_is L3-PES1-08

keys f
expect "f offers the filters with counts" "gaps \(partial, noncompliant\) \(1\)"
keys 3
check "the gap filter lands on the gap" current_is L3-CES1-02
expect "and says so in the title" "filter: gaps"
keys j
expect "moving past the last gap says so" "This is the last item"
keys f 1 g
check "with the filter off, g goes to the first requirement" current_is L3-PES1-01

# The tree: Tab moves the focus there, j moves by category, Enter goes back.
keys Tab j
check "in the tree, j moves to the next control point" current_is L3-PES1-03
keys Enter y
check "Enter returns to the requirement; y on a compliant item just moves on" current_is L3-PES1-04

keys L
expect "L switches to Chinese" "第 4/211 项"
keys q q
check_eq "quits cleanly" 0 "$(wait_exit)"
check_clean_exit "navigation"
check_eq "the repeated answer changed nothing" 4 "$(score_field 3 compliant)"

finish
