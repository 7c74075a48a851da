#!/bin/bash
# tests/completion.sh MLPS SRCDIR: sources the bash completion (and, when zsh
# is installed, loads the zsh one) and checks that commands, options,
# assessment numbers, requirement IDs and formats complete.
set -u
MLPS=$1
SRC=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
export MLPS_DB=$tmp/c.db MLPS_PROFILES=$SRC/profiles/gbt22239-2019 LANG=C.UTF-8
"$MLPS" new --system 补全 --level 3 >/dev/null 2>&1 || { echo "cannot create an assessment"; exit 1; }
"$MLPS" new --system other --level 2 >/dev/null 2>&1
fail=0

# shellcheck source=/dev/null
source "$SRC/scripts/completion/mlps.bash"

# complete "WORDS..." : COMPREPLY for the last word (may be empty: "").
complete_words()
{
	COMP_WORDS=("$MLPS" "$@")
	COMP_CWORD=$((${#COMP_WORDS[@]} - 1))
	COMPREPLY=()
	_mlps
}

expect()
{
	local want=$1
	shift
	complete_words "$@"
	if ! printf '%s\n' "${COMPREPLY[@]}" | grep -qx -- "$want"; then
		echo "FAIL: 'mlps $*' does not complete to '$want' (got: ${COMPREPLY[*]})"
		fail=1
	fi
}

expect_not()
{
	local bad=$1
	shift
	complete_words "$@"
	if printf '%s\n' "${COMPREPLY[@]}" | grep -qx -- "$bad"; then
		echo "FAIL: 'mlps $*' completes to '$bad'"
		fail=1
	fi
}

expect finalise ""
expect report "rep"
expect --db "--d"
expect xlsx report 1 --format ""
expect json log 1 --format ""
expect 1 score ""
expect 2 set ""
expect --reviewer finalise 1 --re
expect --no-bom report 1 --no
expect --yes delete 1 --y
expect L3-CES1-01 answer 1 L3-CES1-0
expect ces.ia.a log 1 ces.ia.
expect noncompliant answer 1 L3-CES1-01 non
expect cloud set 1 --ext ""
expect finalise help fin
expect copy db co
expect grant db org gr
expect --per-org db init --pe
# Global options before the command do not count as the command.
expect 2 --lang en delete ""
expect_not 3 score ""
complete_words --db "$tmp/none.db" score ""
[ ${#COMPREPLY[@]} -eq 0 ] || { echo "FAIL: a missing --db still lists assessments"; fail=1; }

if command -v zsh >/dev/null; then
	# The zsh function must load under compinit and name what bash names.
	out=$(zsh -f -c "fpath=($SRC/scripts/completion \$fpath); autoload -Uz compinit; compinit -u -D; \
		autoload -Uz _mlps; whence -w _mlps; functions _mlps >/dev/null && echo loaded" 2>&1)
	case $out in
	*loaded*) ;;
	*) echo "FAIL: zsh cannot load _mlps: $out"; fail=1 ;;
	esac
	zsh -n "$SRC/scripts/completion/_mlps" || { echo "FAIL: _mlps has a syntax error"; fail=1; }
	for word in finalise reopen delete log set --no-bom xlsx _mlps_assessments _mlps_ids; do
		grep -q -- "$word" "$SRC/scripts/completion/_mlps" || { echo "FAIL: _mlps lacks $word"; fail=1; }
	done
else
	echo "zsh not installed: the zsh completion was not loaded (scripts/deps.sh installs it)"
fi
[ $fail -eq 0 ] && echo "completion: ok"
exit $fail
