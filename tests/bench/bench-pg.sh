#!/bin/sh
# The store on SQLite and on PostgreSQL side by side: answer commit, load and
# score with 50 objects, list with 10,000 assessments. PostgreSQL is a
# throwaway cluster with the durable settings (tests/pg/cluster.sh --fsync),
# on a Unix socket; SQLite is a file on the same disk.
# MLPS_BENCH_MAX=1000 lists fewer assessments.
set -eu
build=${1:-build}
tmp=$(mktemp -d)
state="$tmp/pg.state"
trap 'sh tests/pg/cluster.sh stop "$state"; rm -rf "$tmp"' EXIT

mkdir -p "$tmp/cache"

# One cluster: makes the database and runs bench_pg against it and a new SQLite file.
bench() {
	sh tests/pg/cluster.sh start "$state" "$@"
	. "$state"
	"$PGBIN/psql" -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres -c "CREATE DATABASE mlps_bench"
	uri="postgresql:///mlps_bench?host=$PGHOST&port=$PGPORT&user=$PGUSER"
	"$build/mlps" db init "$uri" >/dev/null
	rm -f "$tmp/bench.db" "$tmp/bench.db-wal" "$tmp/bench.db-shm"
	XDG_CACHE_HOME="$tmp/cache" MLPS_PROFILES=profiles/gbt22239-2019 \
		"$build/bench_pg" "$build/mlps" profiles/gbt22239-2019 "$tmp/bench.db" "$uri"
	sh tests/pg/cluster.sh stop "$state"
}

echo "== store: SQLite against PostgreSQL (medians, one run; durable settings on both)"
bench --fsync
echo "-- the same with the server's disk flush off (fsync = off): what the socket and the store's"
echo "   statements cost a commit, without this disk's fsync (SQLite still syncs)"
MLPS_BENCH_MAX=1 bench
