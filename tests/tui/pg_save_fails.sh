#!/bin/bash
# The server goes away under an open questionnaire (issue 18): a note typed
# then cannot be saved. The UI says so, keeps the text, saves it again on
# request once the server is back, or offers it again the next time the
# field is edited; nothing typed is lost. Needs the test cluster (CTest
# fixture pg) and runs alone: it stops and starts the server.
. "$(dirname "$0")/lib.bash"

if [ -z "${MLPS_TEST_PG:-}" ] || [ ! -s "$MLPS_TEST_PG" ]; then
	echo "needs the PostgreSQL test cluster (run through ctest: fixture pg)"
	exit 1
fi
. "$MLPS_TEST_PG"
cluster() {
	sh "$SRC/tests/pg/cluster.sh" "$1" "$MLPS_TEST_PG" >/dev/null 2>&1
}
sql() {
	"$PGBIN/psql" -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "$1" >/dev/null
}
sql "DROP DATABASE IF EXISTS tui_fails"
sql "CREATE DATABASE tui_fails TEMPLATE mlps_template"
export MLPS_DB="postgresql:///tui_fails?host=$PGHOST&port=$PGPORT&user=$PGUSER"

id=$(mlps new --system 断线系统 --level 3)
check_eq "a new assessment on PostgreSQL" 1 "$id"
tui_start 100x30 LANG=C.UTF-8 -- open 1
check "the UI opens at L3-PES1-01" current_is L3-PES1-01

# The server stops; a note is typed and cannot be saved: kept for later.
cluster kill
keys c
wait_for "备注 · L3-PES1-01"
text "门禁记录缺三月份"
keys C-d
expect "the UI says it was not saved and offers to try again" "现在重试吗"
expect "and the message says why" "connection"
keys n
expect "declined: the text is kept for the next edit" "输入的内容已保留"

# The server is back; editing the note again starts from what was typed.
cluster startagain
keys c
expect "the note dialog offers the unsaved text again" "门禁记录缺三月份"
keys C-d
expect "saved this time" "备注已保存"
check_eq "the note is in the database" '"门禁记录缺三月份"' "$(answer_field pes.location.a note)"

# Down again: this time the retry is asked for once the server is back.
cluster kill
keys e
wait_for "证据 · L3-PES1-01"
text "门禁系统导出 0301-0331"
keys C-d
expect "again not saved, and asked" "现在重试吗"
cluster startagain
keys y
expect "the retry saves the evidence" "证据已保存"
check_eq "the evidence is in the database" '"门禁系统导出 0301-0331"' "$(answer_field pes.location.a evidence)"
check_eq "each save is one line of the log, nothing twice" "2" "$(mlps log 1 | wc -l | tr -d ' ')"

keys q q
check_eq "the UI quits cleanly" 0 "$(wait_exit)"
check_clean_exit "after the server went away twice"
sql "DROP DATABASE IF EXISTS tui_fails WITH (FORCE)"
finish
