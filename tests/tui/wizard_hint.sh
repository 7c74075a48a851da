#!/bin/bash
# The wizard's hint and its behaviour agree at 80x24 (issue 15 item 7): the
# name field is open for typing at once, as the hint says; typing the name
# as told puts it into 系统名称; Enter on an empty name stays there; Up and
# Shift-Tab leave the editor; text dialogs accept with Enter and say which
# key starts a new line.
. "$(dirname "$0")/lib.bash"

tui_start 80x24 LANG=C.UTF-8 --
expect "Home" "还没有评估"
keys n
expect "the form opens" "新建评估"
expect "the hint says to type the name directly" "直接输入，Enter 确定并转到运营单位"
keys Enter
expect "Enter on an empty name does not leave it" "系统名称必填"
text "网上银行系统"
keys Enter
expect "then Enter moves to the organisation" "同名同单位的系统视为同一系统"
text "某某银行"
keys BTab
expect "Shift-Tab leaves the editor, keeping the text" "运营单位 +某某银行"
keys Up
keys Enter
keys Up
expect "Up leaves the name's editor too" "系统名称 +网上银行系统"
keys 3 C-d
expect "created" "#1 网上银行系统 G3"
keys c
expect "the note dialog states the Enter rule in its frame" "Enter 保存   Ctrl-J 换行   Esc 取消"
text "第一行"
keys C-j
text "第二行"
keys Enter
expect "Enter saves the note" "备注已保存"
keys q q
check_eq "quits cleanly" 0 "$(wait_exit)"
check_clean_exit "wizard hint"
check_eq "the name typed as the hint says is the system's name" "网上银行系统" \
	"$(mlps list --format tsv | awk -F'\t' '$1 == 1 { print $2 }')"
check_eq "and the organisation is the organisation" "某某银行" \
	"$(mlps list --format tsv | awk -F'\t' '$1 == 1 { print $3 }')"
check_eq "the note has two lines" '"第一行\n第二行"' "$(answer_field "$(key_of L3-PES1-01)" note)"
finish
