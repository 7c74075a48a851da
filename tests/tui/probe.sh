#!/bin/bash
# The probe's proposals in the UI (issue 17 item 6): on a server object of
# the questionnaire, P runs the probe on this host; i imports a probe file
# (here the weak fixture host's results), y accepts a proposal (saved as a
# person's confirmed answer with the evidence), c picks another status, s
# skips. What was saved is checked with `mlps export`. At 80x24.
. "$(dirname "$0")/lib.bash"

id=$(mlps new --system 探测系统 --level 3 --object server:web01)
check_eq "a new assessment with one server" 1 "$id"
mlps probe --root "$SRC/tests/fixtures/probe/weak" --format json >"$TMP/weak.json"
check "the weak host's results are written as JSON" grep -q '"schema": "mlps-probe/1"' "$TMP/weak.json"

tui_start 80x24 LANG=C.UTF-8 -- --lang en open 1
keys /
wait_for "earch"
text "CES1-01"
keys Enter
check "search finds L3-CES1-01" current_is L3-CES1-01
keys P
expect "P opens the proposals for web01" "Probe proposals"
keys i
wait_for "Import a probe file"
text "$TMP/weak.json"
keys Enter
expect "the imported results are listed" "Probe of .*weak -> object web01"
expect "the first proposal is L3-CES1-01, partial" "L3-CES1-01 +Partial"
expect "with its evidence below" "common-password:1: password requisite pam_cracklib.so"
keys NPage NPage
expect "PgDn scrolls the evidence" "test has an empty password field"
keys y
expect "y accepts it" "L3-CES1-01 +Partial .*accepted"
keys c
wait_for "Answer instead"
keys 3
expect "c saves another status" "L3-CES1-02 +Partial .*changed"
keys s
expect "s skips" "L3-CES1-03 +Partial .*skipped"
keys q
check "q goes back to the questionnaire" current_is L3-CES1-01
keys q q
check_eq "q, q quits with status 0" 0 "$(wait_exit)"
check_clean_exit "after q"

k1=$(key_of L3-CES1-01)
k2=$(key_of L3-CES1-02)
k3=$(key_of L3-CES1-03)
check_eq "the accepted proposal is stored partial" '"partial"' "$(answer_field "$k1" status)"
check_eq "and confirmed (a person decided)" false "$(answer_field "$k1" to_confirm)"
check "with the probe's evidence" sh -c "'$MLPS' export 1 | grep -q 'test has an empty password field'"
check_eq "the changed one is stored noncompliant" '"noncompliant"' "$(answer_field "$k2" status)"
check_eq "the skipped one is not stored" "" "$(answer_field "$k3" status)"
finish
