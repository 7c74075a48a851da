#!/bin/bash
# A crafted database (issue 20, item 2): Home on a file whose answers table
# holds a NULL status does not open on an empty list; mlps names the row
# on stderr, exits 1 and leaves the file as it was.
. "$(dirname "$0")/lib.bash"

id=$(mlps new --system S --level 3)
check_eq "an assessment" 1 "$id"
mlps answer 1 L3-CES1-01 compliant >/dev/null
python3 - "$MLPS_DB" <<'PY'
import sqlite3, sys
c = sqlite3.connect(sys.argv[1])
c.execute("PRAGMA foreign_keys = OFF")
for t in ["answers"]:
    # answers has no rowid (schema 6): the loose copy takes its rows in key order
    c.execute(f"CREATE TABLE loose AS SELECT * FROM {t} ORDER BY assessment_id, req_key, object_id")
    c.execute(f"DROP TABLE {t}")
    c.execute(f"ALTER TABLE loose RENAME TO {t}")
c.execute("UPDATE answers SET status = NULL WHERE rowid = 1")
c.commit()
c.close()
PY
before=$(sha256sum < "$MLPS_DB")

tui_start 80x24 LANG=C.UTF-8 --
check_eq "Home exits 1" 1 "$(wait_exit)"
check_eq "naming the row" "mlps: $MLPS_DB: answers row (1, ces.ia.a, 1): status is NULL; the database is damaged (see 'mlps db check'); nothing was changed" \
	"$(cat "$TMP/stderr")"
check_eq "the file is unchanged" "$before" "$(sha256sum < "$MLPS_DB")"
finish
