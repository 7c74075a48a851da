#!/bin/bash
# Home, the summary and export: the list shows level, date, progress,
# score, verdict and the next evaluation; the summary shows per-level
# scores, verdicts, category bars and the high-risk findings, and jumps to
# one; reports are exported from the summary and from Home; a re-audit
# carries answers; delete asks first. Monochrome (NO_COLOR) at 80x24.
. "$(dirname "$0")/lib.bash"

mlps new --system 网上银行系统 --org 某某银行 --level 3 --flags continuity >/dev/null
mlps answer 1 L3-PES1-01 compliant
mlps answer 1 L3-CES1-01 noncompliant
mlps answer 1 L3-PES1-02 partial

tui_start 80x24 LANG=C.UTF-8 NO_COLOR=1 --
expect "Home lists the system with its next evaluation" "网上银行系统 · 某某银行 +下次测评 [0-9-]{10}"
expect "and the assessment with level, date, progress, score, verdict" "#1 +G3 +[0-9-]{10} +3/211 +1% +[0-9.]+ +不符合"

keys s
expect "s opens the summary with per-level scores" "L3 \* +211 +3 +1\.4%"
expect "and the verdicts" "结论（第3级）"
expect "and the high-risk finding" "L3-CES1-01 +不符合 +高"
keys j Enter
check "Enter on a finding opens it in the questionnaire" current_is L3-CES1-01
expect "marked as high risk" "风险 +高（高风险场景"
keys s x
expect "x in the summary offers every format" "Excel 工作簿（xlsx）"
keys 1
expect "then asks for the file name" "mlps-1\.txt"
keys Enter
expect "and writes the report" "报告已导出：$TMP/mlps-1\.txt"
check "the text report is on disk" test -s "$TMP/mlps-1.txt"
keys x 3 Enter
expect "CSV as well" "报告已导出：$TMP/mlps-1\.csv"
keys x 3 Enter
expect "an existing file is not replaced without asking" "已存在。覆盖它吗"
keys n
keys q q
expect "back on Home" "评估列表"

keys r
expect "r asks before starting a re-audit" "以 #1（网上银行系统，第3级）为基础开始复评"
keys y
expect "the re-audit opens with carried answers to confirm" "沿用 3 条（待确认）"
expect "in its own questionnaire" "#2 网上银行系统"
keys q
expect "Home shows the re-audit under the same system" "#2 +G3 .*复评自 #1 待确认 3"

keys k d
expect "d asks before deleting" "删除评估 #1"
keys y
expect "the base of a re-audit is refused" "re-audit 2"
keys j d
wait_for "删除评估 #2"
keys n
expect "n keeps it" "#2 +G3"
keys d
wait_for "删除评估 #2"
keys y
expect "y deletes it" "评估 #2 已删除"
keys L
expect "L switches Home to English" "next evaluation"
keys q
check_eq "quits cleanly" 0 "$(wait_exit)"
check_clean_exit "home"
check_eq "one assessment is left" 1 "$(mlps list --format tsv | tail -n +2 | wc -l)"
check "an answer given before is still there" test "$(score_field 3 partial)" = 1

finish
