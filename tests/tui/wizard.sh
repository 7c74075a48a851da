#!/bin/bash
# New assessments from the terminal UI: the grading wizard (object x harm
# for business information S and system service A) produces the right
# S?A?G? and level, level 5 is refused, extensions and system properties
# are stored; a typed level works too.
. "$(dirname "$0")/lib.bash"

tui_start 100x30 LANG=C.UTF-8 --
expect "an empty database says how to start" "还没有评估"
keys n
expect "n opens the new-assessment form" "新建评估"
text "网上银行系统"
keys Enter
text "某某银行"
keys Enter
expect "the form moves from the name to the organisation and on" "直接填写已知级别"
# Level from the grading wizard: S = social order, especially serious harm (4)...
keys l j l j l l
expect "the wizard shows the business-information level" "S4A1G4 · 第4级"
# ...then A = national security, especially serious harm (5): refused.
keys j l l j l l
expect "national security, especially serious gives level 5" "S4A5G5"
keys C-d
expect "level 5 cannot be assessed" "第五级的要求未公开发布"
# A = citizens, especially serious (2); S = social order, serious (3): S3A2G3.
keys k l k h
expect "the wizard shows S3A2G3, level 3" "S3A2G3 · 第3级 · 需备案 · 每12个月测评"
keys j j j ' ' j ' '
expect "an extension is ticked" "\[x\] 云计算"
expect "and a system property" "\[x\] 业务连续性要求高"
keys C-d
expect "Ctrl-D creates it and opens the questionnaire" "#1 网上银行系统 S3A2G3"
check "at its first requirement" current_is L3-PES1-01
keys q
expect "Home lists the system and its assessment" "#1 +S3A2G3"

keys n
wait_for "新建评估"
text "办公系统"
keys Enter Escape 2 C-d
expect "a typed level creates the second one" "#2 办公系统 G2"
keys q
wait_for "#2 +G2"
keys q
check_eq "quits cleanly" 0 "$(wait_exit)"
check_clean_exit "wizard"

list=$(mlps list --format tsv)
check_eq "stored: level and notation of the graded one" "3	S3A2G3" \
	"$(echo "$list" | awk -F'\t' '$1 == 1 { print $4 "\t" $5 }')"
check_eq "stored: organisation" "某某银行" "$(echo "$list" | awk -F'\t' '$1 == 1 { print $3 }')"
check_eq "stored: extensions" "cloud" "$(echo "$list" | awk -F'\t' '$1 == 1 { print $6 }')"
check_eq "stored: the system property" '"continuity"' "$(mlps export 1 | grep -A1 '"flags"' | tail -1 | tr -d ' ')"
check_eq "stored: the typed level" "2	G2" "$(echo "$list" | awk -F'\t' '$1 == 2 { print $4 "\t" $5 }')"

finish
