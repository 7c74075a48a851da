#!/bin/sh
# A throwaway PostgreSQL cluster for the test suite and the benchmarks.
#
#   cluster.sh start STATEFILE [--fsync]   new cluster in /tmp/mlps-pg.XXXXXX
#   cluster.sh stop STATEFILE              stop it, remove its dir and STATEFILE
#   cluster.sh restart STATEFILE           fast restart (clients must reconnect)
#   cluster.sh kill STATEFILE              immediate stop, keeping everything
#   cluster.sh startagain STATEFILE        start a killed cluster on the same dir
#
# STATEFILE holds shell-sourceable PGDIR, PGHOST, PGPORT, PGUSER and PGBIN.
# The server listens only on a Unix socket in its private dir, with trust
# auth for the superuser mlps_admin. Root never runs the server: it runs as
# the postgres OS user (or nobody), as PostgreSQL refuses to run as root.
set -eu

PORT=5432
ADMIN=mlps_admin

die() {
	echo "cluster.sh: $*" >&2
	exit 1
}

usage() {
	die "usage: cluster.sh start STATEFILE [--fsync] | stop|restart|kill|startagain STATEFILE"
}

# The server's bin dir: pg_config's when it is a server's (libpq-dev alone
# ships pg_config without initdb), else the highest /usr/lib/postgresql/*/bin.
find_bin() {
	if command -v pg_config >/dev/null 2>&1; then
		b=$(pg_config --bindir 2>/dev/null) || b=""
		if [ -n "$b" ] && [ -x "$b/initdb" ]; then
			echo "$b"
			return
		fi
	fi
	# Globbing initdb itself skips client-only version dirs.
	b=$(printf '%s\n' /usr/lib/postgresql/*/bin/initdb | sort -V | tail -n 1)
	if [ -x "$b" ]; then
		echo "${b%/initdb}"
		return
	fi
	die "no PostgreSQL server binaries (initdb); run scripts/deps.sh (packages postgresql libpq-dev)"
}

# Runs a command as $RUNAS (set when we are root), from inside $PGDIR: the
# caller's cwd (say /root) may be unreadable for that user, which the
# PostgreSQL tools complain about.
as_owner() {
	if [ -n "$RUNAS" ]; then
		(cd "$PGDIR" && runuser -u "$RUNAS" -- "$@")
	else
		(cd "$PGDIR" && "$@")
	fi
}

pg_ctl_() {
	as_owner "$PGBIN/pg_ctl" -D "$PGDIR/data" -l "$PGDIR/log" "$@"
}

# Reads STATEFILE into PGDIR etc. and works out who runs pg_ctl: as root,
# whoever owns the data dir (the user start picked); otherwise the caller.
load_state() {
	# "." searches PATH for a name without a slash.
	case $STATEFILE in */*) ;; *) STATEFILE=./$STATEFILE ;; esac
	[ -r "$STATEFILE" ] || die "cannot read $STATEFILE (cluster not started?)"
	# shellcheck disable=SC1090
	. "$STATEFILE"
	# Guards the rm -rf in stop against a damaged state file.
	case ${PGDIR:-} in /tmp/mlps-pg.*) ;; *) die "$STATEFILE: PGDIR is not a /tmp/mlps-pg.* dir" ;; esac
	RUNAS=""
	if [ "$(id -u)" -eq 0 ] && [ -d "$PGDIR/data" ]; then
		RUNAS=$(stat -c %U "$PGDIR/data")
		[ "$RUNAS" = root ] && RUNAS=""
	fi
	return 0
}

# Removes a cluster whose start failed, showing why.
fail_start() {
	echo "cluster.sh: $1 failed; last lines of $PGDIR/log:" >&2
	tail -n 20 "$PGDIR/log" >&2 2>/dev/null || true
	# pg_ctl -w gives up after 60 s but the server may still come up.
	if [ -f "$PGDIR/data/postmaster.pid" ]; then
		pg_ctl_ stop -m immediate >/dev/null 2>&1 || true
	fi
	rm -rf "$PGDIR"
	rm -f "$STATEFILE"
	die "$1 failed (PostgreSQL in $PGBIN)"
}

start() {
	fsync=off
	case ${1:-} in
	--fsync) fsync=on ;;
	"") ;;
	*) usage ;;
	esac
	PGBIN=$(find_bin)
	RUNAS=""
	if [ "$(id -u)" -eq 0 ]; then
		RUNAS=nobody
		id -u postgres >/dev/null 2>&1 && RUNAS=postgres
	fi

	PGDIR=$(mktemp -d /tmp/mlps-pg.XXXXXX)
	# Other local users may connect too (the state file is world-readable);
	# the data dir inside stays 0700.
	chmod 755 "$PGDIR"
	# The server appends to the log we create here for initdb's output.
	: >"$PGDIR/log"
	[ -n "$RUNAS" ] && chown "$RUNAS:" "$PGDIR" "$PGDIR/log"
	# Written first, so a state file that cannot be written fails before a
	# server runs, and stop can clean up whatever happens next.
	if ! printf 'PGDIR=%s\nPGHOST=%s\nPGPORT=%s\nPGUSER=%s\nPGBIN=%s\n' \
		"$PGDIR" "$PGDIR" "$PORT" "$ADMIN" "$PGBIN" >"$STATEFILE" ||
		! chmod 644 "$STATEFILE"; then
		rm -rf "$PGDIR"
		die "cannot write $STATEFILE"
	fi

	# --no-sync: a throwaway cluster need not survive an OS crash, and the
	# benchmarks measure the server's commit fsyncs, not initdb's.
	for loc in C.UTF-8 C; do
		rm -rf "$PGDIR/data"
		if as_owner "$PGBIN/initdb" -D "$PGDIR/data" -U "$ADMIN" --auth=trust \
			-E UTF8 --locale="$loc" --no-sync >>"$PGDIR/log" 2>&1; then
			break
		fi
		[ "$loc" = C ] && fail_start initdb
	done

	# In postgresql.conf rather than pg_ctl -o, so that restart and
	# startagain get the same settings.
	{
		echo "# cluster.sh"
		echo "listen_addresses = ''"
		echo "unix_socket_directories = '$PGDIR'"
		echo "port = $PORT"
		echo "max_connections = 100"
		echo "shared_buffers = 32MB"
		# The test suite wants speed and never needs to survive a crash;
		# the benchmarks (--fsync) keep the durable defaults.
		if [ "$fsync" = off ]; then
			# Commits still reach the kernel before they are
			# acknowledged (synchronous_commit stays on): a test that
			# kills the server must find every acknowledged answer.
			echo "fsync = off"
			echo "full_page_writes = off"
		fi
	} | as_owner tee -a "$PGDIR/data/postgresql.conf" >/dev/null

	pg_ctl_ start -w >>"$PGDIR/log" 2>&1 || fail_start "server start"
}

[ $# -ge 2 ] || usage
cmd=$1
STATEFILE=$2
shift 2

case $cmd in
start)
	[ $# -le 1 ] || usage
	start "$@"
	;;
stop)
	[ $# -eq 0 ] || usage
	# Already stopped and cleaned up.
	[ -e "$STATEFILE" ] || exit 0
	load_state
	# The server may have died already: the dir goes either way.
	if [ -f "$PGDIR/data/postmaster.pid" ]; then
		pg_ctl_ stop -m immediate -w >/dev/null 2>&1 || true
	fi
	rm -rf "$PGDIR"
	rm -f "$STATEFILE"
	;;
restart)
	[ $# -eq 0 ] || usage
	load_state
	pg_ctl_ restart -m fast -w >/dev/null
	;;
kill)
	[ $# -eq 0 ] || usage
	load_state
	pg_ctl_ stop -m immediate -w >/dev/null
	;;
startagain)
	[ $# -eq 0 ] || usage
	load_state
	pg_ctl_ start -w >/dev/null
	;;
*)
	usage
	;;
esac
