#!/bin/bash
# Two people, two terminals, one assessment on PostgreSQL (issue 18): alice
# and bob, each a login role of mlps_writer, have the questionnaire open at
# the same time (bob's terminal under another OS account, nobody, when the
# tests run as root). Each answers; the other's screen reloads by itself (LISTEN
# and NOTIFY) and names who changed what. A reader's terminal shows the
# answers but refuses to change one. Needs the test cluster (CTest fixture
# pg: MLPS_TEST_PG names its state file).
. "$(dirname "$0")/lib.bash"

if [ -z "${MLPS_TEST_PG:-}" ] || [ ! -s "$MLPS_TEST_PG" ]; then
	echo "needs the PostgreSQL test cluster (run through ctest: fixture pg)"
	exit 1
fi
. "$MLPS_TEST_PG"
sql() {
	"$PGBIN/psql" -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "$1" >/dev/null
}
sql "DROP DATABASE IF EXISTS tui_two"
sql "CREATE DATABASE tui_two TEMPLATE mlps_template"
for who in alice_t:mlps_writer bob_t:mlps_writer carol_t:mlps_reader; do
	sql "DO \$\$ BEGIN IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '${who%%:*}') THEN
	     CREATE ROLE ${who%%:*} LOGIN IN ROLE ${who#*:}; END IF; END \$\$"
done
db_as() {
	echo "postgresql:///tui_two?host=$PGHOST&port=$PGPORT&user=$1"
}
export MLPS_DB=$(db_as alice_t)

id=$(mlps new --system 两人系统 --level 3)
check_eq "a new assessment on PostgreSQL" 1 "$id"

# bob's terminal: a second tmux session, started as tui_start starts the first.
bob() {
	tm "$@"
}
bob_screen() {
	tm capture-pane -p -t u 2>/dev/null
}
bob_expect() {
	local i
	for i in $(seq 1 300); do
		if bob_screen | grep -qE -- "$2"; then ok "$1"; return; fi
		sleep 0.05
	done
	fail "$1"
	bob_screen | sed 's/^/#   /'
}
# Run as root (CI), the second terminal belongs to another OS account too.
# Only when that account can reach the build: a checkout in a private
# directory (mktemp -d is 0700) keeps it out, and then both run as the caller.
other=()
if [ "$(id -u)" -eq 0 ] && id nobody >/dev/null 2>&1 &&
	runuser -u nobody -- env MLPS_PROFILES="$MLPS_PROFILES" MLPS_NO_CACHE=1 "$MLPS" catalog show L3-PES1-01 \
		>/dev/null 2>&1; then
	other=(runuser -u nobody --)
else
	echo "# the second terminal runs under the same OS account (nobody cannot run $MLPS here)"
fi
mkdir -p "$TMP/other"
chmod 755 "$TMP"
chmod 777 "$TMP/other"
start_bob() {
	{
		echo "#!/bin/bash"
		printf 'export MLPS_DB=%q MLPS_PROFILES=%q MLPS_NO_CACHE=1 LANG=C.UTF-8 USER=bob ASAN_OPTIONS=%q ' \
			"$(db_as "$1")" "$MLPS_PROFILES" "${ASAN_OPTIONS:-}"
		printf 'UBSAN_OPTIONS=%q\n' "${UBSAN_OPTIONS:-}"
		printf 'cd %q\n' "$TMP/other"
		printf '%q open 1 2> %q\n' "$MLPS" "$TMP/other/stderr-$1"
		printf 'echo $? > %q\n' "$TMP/other/status-$1"
		echo 'exec sleep 600'
	} > "$TMP/other/run-$1.sh"
	chmod 644 "$TMP/other/run-$1.sh"
	bob kill-session -t u 2>/dev/null
	bob new-session -d -s u -x 100 -y 30 "${other[*]} bash $TMP/other/run-$1.sh"
}

tui_start 100x30 LANG=C.UTF-8 USER=alice -- open 1
check "alice's UI opens at L3-PES1-01" current_is L3-PES1-01
start_bob bob_t
bob_expect "bob's UI opens at L3-PES1-01 too" "│ L3-PES1-01 "

# alice answers; bob sees it without doing anything.
keys n
bob_expect "bob's screen reloads by itself and says who changed which item" "已载入别处的修改：alice_t 于 [0-9-]+ [0-9:]+ 将 L3-PES1-01 @ 两人系统 设为 不符合"
bob_expect "and shows her answer" "答案 +不符合"

# bob answers the second item, where alice's answer took her; she sees it.
bob send-keys -t u Down
bob_expect "bob moves to L3-PES1-02" "│ L3-PES1-02 "
check "alice's answer moved her on to L3-PES1-02" current_is L3-PES1-02
bob send-keys -t u y
expect "alice's screen reloads by itself and says who changed which item" "已载入别处的修改：bob_t 于 [0-9-]+ [0-9:]+ 将 L3-PES1-02 @ 两人系统 设为 符合"
expect "alice sees bob's answer on L3-PES1-02" "答案 +符合"
check_eq "both answers are in the database, each by its own role" "L3-PES1-01 alice_t noncompliant
L3-PES1-02 bob_t compliant" "$(mlps --lang en log 1 | awk '{print $4, $3, $NF}' | sort)"

# carol may only read: her terminal shows the answers, and refuses a change.
keys q q
check_eq "alice's UI quits cleanly" 0 "$(wait_exit)"
bob send-keys -t u q q
start_bob carol_t
bob_expect "carol's UI shows both answers (2 of PES answered)" "PES 安全物理环境 +2/22"
bob send-keys -t u y
bob_expect "carol's change is refused, saying why" "role carol_t may only read"
check_eq "nothing carol typed reached the database" "2" "$(mlps --lang en log 1 | wc -l | tr -d ' ')"
check_eq "carol's terminal runs as ${other[2]:-the same OS account (see above)}" \
	"${other[2]:-$(id -un)}" "$(ps -o user= -p "$(pgrep -n -x mlps)" 2>/dev/null | tr -d ' ')"
bob send-keys -t u q q
if grep -qE "Sanitizer|runtime error" "$TMP"/other/stderr-* 2>/dev/null; then
	fail "no sanitizer report in the second terminal"
	cat "$TMP"/other/stderr-* | head -30
else
	ok "no sanitizer report in the second terminal"
fi
sql "DROP DATABASE IF EXISTS tui_two WITH (FORCE)"
finish
