#!/bin/bash
# A cloud customer system (issue 13): the detail pane labels the requirement
# text as a paraphrase, and a provider-only cloud item offers N/A with its
# reason prepared, accepted with one key. What was saved is checked with
# `mlps export`. At 80x24.
. "$(dirname "$0")/lib.bash"

id=$(mlps new --system 客户系统 --level 3 --ext cloud --flags cloud-customer)
check_eq "a cloud customer system" 1 "$id"

tui_start 80x24 LANG=C.UTF-8 -- open 1
expect "the text is labelled as a paraphrase" "要求（释义，以 GB/T 22239-2019 原文为准）"

keys /
wait_for "搜索"
text "CNS2-01"
keys Enter
check "search finds the provider-only L3-CNS2-01" current_is L3-CNS2-01
expect "N/A is offered with the prepared reason" "按 a 以此为理由设为不适用。"
keys a
expect "one key sets it not applicable" "L3-CNS2-01：不适用（已保存）"
check "and moves on" current_is L3-CNS2-02
# IDs mean what they say (issue 14): the target level's IDs come first.
keys /
wait_for "搜索"
text "PES1-06"
keys Enter
check "PES1-06 at level 3 finds L3-PES1-06, not the item whose level-4 ID it is" current_is L3-PES1-06
keys /
wait_for "搜索"
text "L4-PES1-06"
keys Enter
check "a level-4 ID finds its item" current_is L3-PES1-05
expect "and says what it is at this level" "L4-PES1-06 是本项第4级的编号，本评估（第3级）中为 L3-PES1-05"
keys q q
wait_exit
check_eq "the reason was saved" "本项仅适用于云计算平台（云服务商），本系统为云服务客户系统。" \
	"$(mlps export 1 | awk '/"key": "cloud.cns.arch.a"/ { f = 1 } f && /"na_reason"/ { sub(/.*"na_reason": "/, ""); sub(/",$/, ""); print; exit }')"
finish
