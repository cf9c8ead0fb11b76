#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# End-to-end reliability checks of tapir-cli (issue 10):
#   reliability_cli_test.sh TAPIR_CLI TEST_DATA_DIR HOSTILE_DIR
# - a database from a newer schema version is refused with exit code 3 and a message;
# - two processes importing into one database at once both succeed and give the records of
#   a sequential import; a writer that waits too long for the lock gets a clear message;
# - a read-only database file or folder, and a full disk, are reported cleanly (exit code,
#   message naming the database), and leave the store intact;
# - CSV exports neutralise formula cells (checked by parsing with Python's csv module) and
#   JSON exports parse.
set -euo pipefail
cli=$1
data=$2
hostile=$3
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
chmod 755 "$tmp"
fail() { echo "FAIL: $*" >&2; exit 1; }
expect_exit() {  # expected-codes command...: runs it, keeps stderr in $tmp/err
    local want=$1; shift
    set +e
    "$@" > "$tmp/out" 2> "$tmp/err"
    local got=$?
    set -e
    case ",$want," in
        *",$got,"*) ;;
        *) cat "$tmp/out" "$tmp/err" >&2; fail "$* exited $got, expected $want" ;;
    esac
}
state() {
    sqlite3 "$1" "SELECT (SELECT count(*) FROM records), (SELECT sum(count) FROM records),
                         (SELECT count(*) FROM sources WHERE status='complete')"
}
pdns="$data/passivedns/passivedns.log"
nx="$data/passivedns/passivedns-nxdomain.log"

# --- A database from a newer Tapir is refused: exit 3, a message, the file untouched. ------
db="$tmp/newer.db"
"$cli" --db "$db" import "$nx" > /dev/null
sqlite3 "$db" "PRAGMA user_version = 999"
sum=$(sha256sum < "$db")
for cmd in "sources" "query example" "import $pdns" "export --csv $tmp/x.csv"; do
    # shellcheck disable=SC2086
    expect_exit 3 "$cli" --db "$db" $cmd
    grep -q "schema version 999 is newer" "$tmp/err" || fail "$cmd: no schema message"
    grep -q "$db" "$tmp/err" || fail "$cmd: message does not name the database"
done
[ "$(sha256sum < "$db")" = "$sum" ] || fail "a refused newer database was modified"
echo "ok: newer schema refused"

# --- Two importers at once on one database. -----------------------------------------------
db="$tmp/shared.db"
"$cli" --db "$tmp/seq.db" import "$pdns" "$nx" "$data/cof/plain.json" > /dev/null || true
for round in 1 2 3; do
    rm -f "$db" "$db-wal" "$db-shm"
    # Created first: two processes creating a new store at the same instant race in its
    # migrations (see reliability_test's TwoConnectionsCreatingTheStoreAtOnce).
    "$cli" --db "$db" sources > /dev/null
    "$cli" --db "$db" import "$pdns" > "$tmp/a.out" 2>&1 &
    a=$!
    "$cli" --db "$db" import "$nx" "$data/cof/plain.json" > "$tmp/b.out" 2>&1 &
    b=$!
    wait $a || { cat "$tmp/a.out"; fail "concurrent importer A failed"; }
    set +e; wait $b; rb=$?; set -e
    # plain.json holds one bad line: exit 0 either way (bad records do not fail a file).
    [ $rb -eq 0 ] || { cat "$tmp/b.out"; fail "concurrent importer B failed"; }
    [ "$(sqlite3 "$db" "PRAGMA integrity_check")" = ok ] || fail "integrity after concurrent imports"
    [ "$(state "$db")" = "$(state "$tmp/seq.db")" ] ||
        fail "concurrent imports: $(state "$db") != sequential $(state "$tmp/seq.db")"
done
echo "ok: concurrent importers serialise and give the sequential result"

# A writer that cannot get the lock within the busy timeout (10 s) gives up with a message
# naming the database, and the store is unchanged.
before=$(state "$db")
python3 - "$db" "$tmp/locked" <<'EOF' &
import sqlite3, sys, time
c = sqlite3.connect(sys.argv[1], isolation_level=None)
c.execute("BEGIN IMMEDIATE")
open(sys.argv[2], "w").close()
time.sleep(14)
c.execute("ROLLBACK")
EOF
holder=$!
for _ in $(seq 1 300); do [ -f "$tmp/locked" ] && break; sleep 0.1; done
[ -f "$tmp/locked" ] || fail "the lock holder did not start"
expect_exit 1 "$cli" --db "$db" import "$data/cof/dnsdb-stream.json"
grep -q "database is locked" "$tmp/err" || { cat "$tmp/err"; fail "no 'locked' message"; }
grep -q "$db" "$tmp/err" || fail "lock message does not name the database"
wait $holder
[ "$(state "$db")" = "$before" ] || fail "store changed by a locked-out import"
echo "ok: a locked-out writer is told so"

# --- Read-only database file and folder. Root ignores permissions, so the checks run the CLI
# as 'nobody' when started as root.
as_user() {
    if [ "$(id -u)" -eq 0 ]; then
        setpriv --reuid=65534 --regid=65534 --clear-groups -- "$@"
    else
        "$@"
    fi
}
if [ "$(id -u)" -ne 0 ] || id nobody > /dev/null 2>&1; then
    ro="$tmp/ro"
    mkdir -p "$ro"
    "$cli" --db "$ro/t.db" import "$nx" > /dev/null
    sqlite3 "$ro/t.db" "PRAGMA wal_checkpoint(TRUNCATE)" > /dev/null
    rm -f "$ro/t.db-wal" "$ro/t.db-shm"
    before=$(state "$ro/t.db")
    sum=$(sha256sum < "$ro/t.db")
    chmod 755 "$ro"; chmod 444 "$ro/t.db"
    [ "$(id -u)" -ne 0 ] || chown 65534 "$ro"
    # The store opens (read-only) and each file fails (exit 1), or it cannot open (exit 3).
    expect_exit 1,3 as_user "$cli" --db "$ro/t.db" import "$pdns"
    grep -q "$ro/t.db" "$tmp/err" || { cat "$tmp/err"; fail "read-only file: message does not name it"; }
    grep -qi "read-only\|readonly" "$tmp/err" || { cat "$tmp/err"; fail "read-only file: no clear message"; }
    chmod 644 "$ro/t.db"; chmod 555 "$ro"; [ "$(id -u)" -ne 0 ] || chown 0 "$ro/t.db"
    expect_exit 1,3 as_user "$cli" --db "$ro/t.db" import "$pdns"
    grep -q "$ro/t.db" "$tmp/err" || { cat "$tmp/err"; fail "read-only folder: message does not name it"; }
    cp "$tmp/err" "$tmp/ro-folder.err"
    chmod 755 "$ro"
    [ "$(sha256sum < "$ro/t.db")" = "$sum" ] || fail "read-only database was modified"
    [ "$(state "$ro/t.db")" = "$before" ] || fail "read-only database changed"
    echo "ok: read-only database file and folder reported: $(grep error: "$tmp/ro-folder.err")"
fi

# --- Full disk: a 1 MiB tmpfs in a private mount namespace (root only; skipped otherwise).
if [ "$(id -u)" -eq 0 ] && unshare -m true 2>/dev/null; then
    full="$tmp/full"
    mkdir -p "$full"
    set +e
    unshare -m bash -c '
        mount -t tmpfs -o size=1m tmpfs "$1" || exit 99
        "$2" --db "$1/t.db" import "$3" > "$1/first.out" 2>&1 || exit 98
        before=$(sqlite3 "$1/t.db" "SELECT count(*), sum(count) FROM records")
        # Fill the disk, then free 48 KiB: the import starts and runs out of room.
        cat /dev/urandom > "$1/filler" 2>/dev/null
        truncate -s -49152 "$1/filler"
        "$2" --db "$1/t.db" import "$4" > /dev/null 2> "$1/err"
        code=$?
        cp "$1/err" "$5/full.err"
        [ "$(sqlite3 "$1/t.db" "PRAGMA integrity_check")" = ok ] || exit 97
        [ "$(sqlite3 "$1/t.db" "SELECT count(*), sum(count) FROM records")" = "$before" ] || exit 96
        exit $code' _ "$full" "$cli" "$nx" "$pdns" "$tmp"
    code=$?
    set -e
    case $code in
        99) echo "skip: cannot mount a tmpfs here" ;;
        1) grep -qi "full" "$tmp/full.err" || { cat "$tmp/full.err"; fail "full disk: no clear message"; }
           grep -q "passivedns.log\|t.db" "$tmp/full.err" || fail "full disk: message names nothing"
           echo "ok: full disk reported, store intact: $(grep error: "$tmp/full.err")" ;;
        *) cat "$tmp/full.err" 2>/dev/null || true; fail "full disk: exit code $code" ;;
    esac
fi

# --- Exports: formula cells neutralised for spreadsheets, JSON well-formed. ---------------
db="$tmp/export.db"
"$cli" --db "$db" import "$hostile/passivedns-formula-cells.log" \
    "$hostile/passivedns-control-and-bidi.log" > /dev/null
"$cli" --db "$db" export --csv "$tmp/all.csv" > /dev/null
"$cli" --db "$db" export --json "$tmp/all.json" > /dev/null
"$cli" --db "$db" query 'glob:*hostile*' --csv "$tmp/q.csv" > /dev/null
python3 - "$tmp/all.csv" "$tmp/q.csv" "$tmp/all.json" <<'EOF'
import csv, json, sys
for path in sys.argv[1:3]:
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][:2] == ["time_first", "time_last"], rows[0]
    cells = [c for row in rows[1:] for c in row]
    # No cell a spreadsheet would evaluate: RFC 4180 parsing gives each cell's text, and
    # none may start with = + - @ TAB CR (OWASP's list).
    bad = [c for c in cells if c and c[0] in "=+-@\t\r"]
    assert not bad, f"{path}: formula cells {bad}"
    # The neutralised cells are still there, prefixed with a quote.
    for text in ("'=cmd|'", "'=HYPERLINK(", "'-2+3", "'+sum(1+1)", "'@import"):
        assert any(c.startswith(text) for c in cells), f"{path}: {text} missing: {cells}"
    # Control and bidi characters of names arrive escaped.
    assert not any(ch in c for c in cells for ch in "\x1b\u202e\x00"), path
    assert len(rows) >= 9, (path, len(rows))
with open(sys.argv[3], encoding="utf-8") as f:
    objs = [json.loads(line) for line in f if line.strip()]
assert len(objs) >= 8 and all("rrname" in o for o in objs), objs
print("ok: CSV formula cells neutralised, JSON parses")
EOF
echo "reliability cli ok"
