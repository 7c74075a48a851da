# lib.bash - what the terminal tests share. Sourced, never run: CTest runs
# only tests/tui/*.sh, each as `bash SCRIPT MLPS_BINARY SOURCE_DIR`.
#
# Every test drives the real binary in a private tmux server (its own
# socket, killed at the end), with its own database in a temporary
# directory, and polls the screen with a timeout instead of sleeping.

set -u

MLPS=$1
SRC=$2
export MLPS_PROFILES="$SRC/profiles/gbt22239-2019"
TMP=$(mktemp -d "${TMPDIR:-/tmp}/mlps-tui.XXXXXX")
export MLPS_DB="$TMP/mlps.db"
SOCK="mlps-test-$$"
PASSED=0
FAILED=0

tm() {
	tmux -L "$SOCK" -f /dev/null "$@"
}

cleanup() {
	tm kill-server 2>/dev/null
	rm -rf "$TMP"
}
trap cleanup EXIT

ok() {
	PASSED=$((PASSED + 1))
	echo "ok - $*"
}

fail() {
	FAILED=$((FAILED + 1))
	echo "FAIL - $*"
}

# check DESCRIPTION COMMAND...: passes when the command succeeds.
check() {
	local desc=$1
	shift
	if "$@"; then ok "$desc"; else fail "$desc"; fi
}

# check_eq DESCRIPTION EXPECTED ACTUAL
check_eq() {
	if [ "$2" = "$3" ]; then ok "$1"; else fail "$1: expected '$2', got '$3'"; fi
}

# The mlps command line, on the test database.
mlps() {
	"$MLPS" "$@"
}

# tui_start WxH [ENV=VALUE...] -- [mlps arguments...]: runs mlps in a fresh
# tmux session. After mlps exits, the pane records its exit status, the
# terminal modes it left (stty -a) and a marker line, and stays open.
tui_start() {
	local size=$1 envs=() arg
	shift
	while [ $# -gt 0 ]; do
		arg=$1
		shift
		[ "$arg" = "--" ] && break
		envs+=("$arg")
	done
	tm kill-session -t t 2>/dev/null
	rm -f "$TMP/status" "$TMP/pid" "$TMP/stderr" "$TMP/stty"
	{
		echo "#!/bin/bash"
		echo "cd '$TMP'"
		printf 'export MLPS_DB=%q MLPS_PROFILES=%q ASAN_OPTIONS=%q UBSAN_OPTIONS=%q\n' \
			"$MLPS_DB" "$MLPS_PROFILES" "${ASAN_OPTIONS:-}" "${UBSAN_OPTIONS:-}"
		for arg in "${envs[@]}"; do printf 'export %q\n' "$arg"; done
		printf 'bash -c %q _ %q' 'echo $$ > "$1"; shift; exec "$@"' "$TMP/pid"
		printf ' %q' "$MLPS" "$@"
		printf ' 2> %q\n' "$TMP/stderr"
		printf 'echo $? > %q.tmp; stty -a > %q; mv %q.tmp %q\n' "$TMP/status" "$TMP/stty" "$TMP/status" "$TMP/status"
		echo 'echo MLPS-EXITED'
		echo 'exec sleep 600'
	} > "$TMP/run.sh"
	# Killing the last session ends the server; a new session started while it
	# is still going away can fail on a busy machine: try again a few times.
	local try
	for try in 1 2 3 4 5; do
		tm new-session -d -s t -x "${size%x*}" -y "${size#*x}" "bash $TMP/run.sh" 2>/dev/null &&
			tm has-session -t t 2>/dev/null && return 0
		sleep 0.3
	done
	echo "# tmux would not start a session" >&2
	return 1
}

screen() {
	tm capture-pane -p -t t 2>/dev/null
}

keys() {
	tm send-keys -t t "$@"
}

# Types text literally (UTF-8 included), as a terminal's input method would.
text() {
	tm send-keys -t t -l "$1"
}

# wait_for PATTERN [SECONDS]: until the screen matches the extended regex.
wait_for() {
	local pat=$1 limit=${2:-15} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if screen | grep -qE -- "$pat"; then
			return 0
		fi
		# mlps is gone: nothing will change any more.
		if [ -s "$TMP/status" ] && [ "$i" -gt 0 ]; then
			break
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "# gave up waiting for: $pat; the screen was:"
	screen | sed 's/^/#   /'
	return 1
}

# expect DESCRIPTION PATTERN [SECONDS]: a check that waits for the screen.
expect() {
	if wait_for "$2" "${3:-15}"; then ok "$1"; else fail "$1"; fi
}

# The requirement on the right pane: its ID starts the pane's first line.
current_is() {
	wait_for "│ $1 " "${2:-15}"
}

# wait_exit [SECONDS]: until mlps has exited; prints its status.
wait_exit() {
	local limit=${1:-15} i=0
	while [ "$i" -lt $((limit * 20)) ]; do
		if [ -s "$TMP/status" ]; then
			cat "$TMP/status"
			return 0
		fi
		sleep 0.05
		i=$((i + 1))
	done
	echo "timeout"
	return 1
}

mlps_pid() {
	cat "$TMP/pid" 2>/dev/null
}

# After mlps exited: no sanitizer report, and the terminal as a shell wants it.
check_clean_exit() {
	local what=$1
	if grep -qE "Sanitizer|runtime error" "$TMP/stderr" 2>/dev/null; then
		fail "$what: no sanitizer report"
		sed 's/^/#   /' "$TMP/stderr" | head -40
	else
		ok "$what: no sanitizer report"
	fi
	if grep -qE '(^| )-icanon( |$)|(^| )-echo( |$)' "$TMP/stty"; then
		fail "$what: terminal modes restored (stty: $(tr '\n' ' ' < "$TMP/stty" | head -c 300))"
	else
		ok "$what: terminal modes restored"
	fi
	check_eq "$what: alternate screen left" 0 "$(tm display -p -t t '#{alternate_on}')"
	check_eq "$what: cursor visible again" 1 "$(tm display -p -t t '#{cursor_flag}')"
	expect "$what: the shell gets the screen back" "MLPS-EXITED" 5
}

# score_field LEVEL FIELD [ASSESSMENT]: a number from `mlps score --format json`.
score_field() {
	mlps score "${3:-1}" --format json | awk -v lvl="$1" -v f="$2" '
		$0 ~ "^ *\"level\": " lvl "," { on = 1 }
		on && $0 ~ "^ *\"" f "\":" { v = $2; sub(/,$/, "", v); print v; exit }'
}

# answer_field KEY FIELD [ASSESSMENT]: a field of one answer in `mlps export`, as JSON.
answer_field() {
	mlps export "${3:-1}" | awk -v key="$1" -v f="$2" '
		$0 ~ "\"key\": \"" key "\"" { on = 1 }
		on && $0 ~ "^ *\"" f "\":" { sub(/^[^:]*: /, ""); sub(/,$/, ""); print; exit }'
}

# The requirement key of an ID (first line of `mlps catalog show`).
key_of() {
	mlps catalog show "$1" | head -1
}

finish() {
	echo "$PASSED passed, $FAILED failed"
	[ "$FAILED" -eq 0 ]
	exit $?
}
