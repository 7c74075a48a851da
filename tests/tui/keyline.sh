#!/bin/bash
# The key line at 80x24 (issue 15 item 7): summary, help and back always
# show on the right, in Chinese and in English; what does not fit folds
# behind "? more keys", and that help lists the folded keys. Also the item
# history key (H), the edit form (E) and the sign-off (F) from Home.
. "$(dirname "$0")/lib.bash"

mlps new --system 网上银行 --level 3 --object server:web01 >/dev/null 2>&1
mlps answer 1 L3-PES1-01 compliant --note 已查看 >/dev/null

tui_start 80x24 LANG=C.UTF-8 -- open 1
expect "the questionnaire opens at 80x24" "第 2/211 项"
last=$(screen | tail -1)
check "zh: s (summary) is on the key line" grep -q "s汇总" <<<"$last"
check "zh: q (back) is on the key line" grep -q "q返回" <<<"$last"
check "zh: ? says more keys are behind it" grep -q "?更多键" <<<"$last"
keys '?'
expect "? lists the keys that did not fit: search" "按编号或文字搜索"
expect "filter" "筛选：全部、未答、差距、待确认、高风险"
expect "evidence" "编辑证据"
expect "next unanswered" "跳到下一个未答项"
expect "and the history key" "本项的修改记录"
keys q
keys L
expect "English: the same keys stay" "s summary +q back"
last=$(screen | tail -1)
check "en: ? more keys" grep -q "? more keys" <<<"$last"
keys L
wait_for "s汇总"

# H: the history of the current item.
keys k
current_is L3-PES1-01
keys H
expect "H shows the item's history" "修改记录 · L3-PES1-01"
expect "with the status change" "网上银行: — → 符合"
keys Escape

# E from the questionnaire: the edit form; a level change says what left the scope.
keys E
expect "E opens the edit form" "修改评估（答案按要求保留）"
keys 2 C-d
expect "saved, with the scope change" "范围：2 项进入，78 项移出"
expect "the questionnaire is at level 2 now" "第 1/135 项"
keys q
expect "Home" "评估列表"
last=$(screen | tail -1)
check "Home's key line keeps s, q and ?" grep -qE "s汇总.*q退出.*\?更多键" <<<"$last"
keys F
expect "F asks before signing with open items" "仍然定稿吗"
keys y
wait_for "定稿：评估人"
text "李四"
keys Enter
wait_for "定稿：审核人"
keys Enter
wait_for "定稿：签署日期"
keys Enter
expect "finalised from Home" "评估 #1 已定稿：评估人 李四"
keys q
check_eq "quits cleanly" 0 "$(wait_exit)"
check_clean_exit "keyline"
check_eq "stored: final" "final" "$(mlps list --format tsv | awk -F'\t' '$1 == 1 { print $8 }')"
check_eq "stored: level 2" "2" "$(mlps list --format tsv | awk -F'\t' '$1 == 1 { print $4 }')"
finish
