#!/bin/sh
# The PostgreSQL side of `make test` (CTest fixture "pg", CMakeLists.txt):
#
#   fixture.sh setup STATEFILE MLPS     a throwaway cluster (cluster.sh) and the
#                                       database mlps_template with the mlps schema
#                                       made by the real `mlps db init`; each test
#                                       store is a copy of it (tests/testutil.c)
#   fixture.sh cleanup STATEFILE        stops the cluster and removes it
#
# CTest runs cleanup after the last test that needs the fixture, also when
# tests fail.
set -eu
here=$(cd "$(dirname "$0")" && pwd)

case "${1:-}" in
setup)
	state=$2
	mlps=$3
	# A cluster left by an interrupted run is stopped first.
	sh "$here/cluster.sh" stop "$state"
	sh "$here/cluster.sh" start "$state"
	. "$state"
	"$PGBIN/psql" -X -q -h "$PGHOST" -p "$PGPORT" -U "$PGUSER" -d postgres \
		-c "CREATE DATABASE mlps_template"
	"$mlps" db init "postgresql:///mlps_template?host=$PGHOST&port=$PGPORT&user=$PGUSER" >/dev/null
	echo "PostgreSQL test cluster at $PGHOST, template mlps_template made by mlps db init"
	;;
cleanup)
	sh "$here/cluster.sh" stop "$2"
	;;
*)
	echo "usage: fixture.sh setup STATEFILE MLPS | cleanup STATEFILE" >&2
	exit 2
	;;
esac
