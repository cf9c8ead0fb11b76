#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# Crash safety (issue 10): kills `tapir-cli import` and `tapir-cli watch` with SIGKILL at
# random moments and checks, after every kill, that
#   - the store passes PRAGMA integrity_check,
#   - the killed file is not marked imported (no 'complete' row in sources) unless the
#     process had already finished, and the records are exactly those of before the attempt
#     (a file counts wholly or not at all),
# and at the end that importing everything again gives exactly the records, counts and
# sources of one clean import (the CSV and JSON exports are compared byte for byte).
#
#   tools/crash_test.sh [--cli PATH] [--kills N] [--watch-kills N] [--size-mb M] [--seed S]
#
# Defaults: 20 kills of each kind on a 100 MB generated passivedns log (a few minutes).
# ctest runs a short version (crash_safety_short: 5 + 3 kills on 4 MB). Needs sqlite3 and
# python3. Exit 0 when every check passed; the work directory is kept on failure.
set -euo pipefail

here=$(cd "$(dirname "$0")/.." && pwd)
cli="$here/build/rel/app/tapir-cli"
kills=20
watch_kills=20
size_mb=100
seed=${RANDOM}
while [ $# -gt 0 ]; do
    case "$1" in
        --cli) cli=$2; shift 2 ;;
        --kills) kills=$2; shift 2 ;;
        --watch-kills) watch_kills=$2; shift 2 ;;
        --size-mb) size_mb=$2; shift 2 ;;
        --seed) seed=$2; shift 2 ;;
        *) echo "usage: $0 [--cli PATH] [--kills N] [--watch-kills N] [--size-mb M] [--seed S]" >&2
           exit 2 ;;
    esac
done
command -v sqlite3 >/dev/null || { echo "crash_test: sqlite3 is needed" >&2; exit 2; }
[ -x "$cli" ] || { echo "crash_test: no tapir-cli at $cli (use --cli)" >&2; exit 2; }

work=$(mktemp -d "${TMPDIR:-/tmp}/tapir-crash.XXXXXX")
ok=0
cleanup() {
    if [ "$ok" -eq 1 ]; then rm -rf "$work"; else echo "crash_test: work left in $work" >&2; fi
}
trap cleanup EXIT
fail() { echo "crash_test: FAIL: $*" >&2; exit 1; }
log() { echo "crash_test: $*"; }
RANDOM=$seed
log "seed $seed, $kills import kills, $watch_kills watch kills, ${size_mb} MB"

# Feeds: one large log with many distinct keys and repeats (so merging has work to do), and
# two small ones that share keys with it.
mkdir -p "$work/feeds"
python3 - "$work/feeds" "$size_mb" "$seed" <<'EOF'
import os, random, sys
out, size_mb, seed = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rng = random.Random(seed)
def line(t, i):
    name = f"h{i % 50000}.d{i % 997}.crash.example"
    if i % 5 == 0:
        return f"{t}||c||s||IN||{name}||CNAME||t{i % 3001}.crash.example.||60||1\n"
    if i % 7 == 0:
        return f"{t}||c||s||IN||{name}||AAAA||2001:db8::{i % 65536:x}||60||1\n"
    return f"{t}||c||s||IN||{name}||A||198.51.{(i >> 8) % 256}.{i % 256}||60||{1 + i % 3}\n"
with open(os.path.join(out, "big.log"), "w") as f:
    t, written, target = 1790000000, 0, size_mb << 20
    while written < target:
        chunk = "".join(line(t + k // 100, rng.randrange(400000)) for k in range(10000))
        f.write(chunk)
        written += len(chunk)
        t += 100
for n in (1, 2):
    with open(os.path.join(out, f"small-{n}.log"), "w") as f:
        f.write("".join(line(1800000000 + n * 1000 + k, rng.randrange(400000))
                        for k in range(2000)))
EOF
big="$work/feeds/big.log"

db_state() {  # records, sum of counts, provenance links, sources (all, complete)
    sqlite3 "$1" "SELECT (SELECT count(*) FROM records), (SELECT coalesce(sum(count),0) FROM records),
                         (SELECT count(*) FROM record_sources), (SELECT count(*) FROM sources),
                         (SELECT count(*) FROM sources WHERE status='complete')"
}
check_integrity() {
    local r
    r=$(sqlite3 "$1" "PRAGMA integrity_check") || fail "sqlite3 cannot open $1 after a kill"
    [ "$r" = "ok" ] || fail "integrity_check after a kill: $r"
}
big_complete() {
    sqlite3 "$1" "SELECT count(*) FROM sources WHERE status='complete' AND path LIKE '%/big.log'"
}
exports() {  # db prefix: CSV and JSON exports, sorted so row order does not matter
    "$cli" --db "$1" export --csv "$2.csv.raw" >/dev/null 2>&1
    "$cli" --db "$1" export --json "$2.json.raw" >/dev/null 2>&1
    { head -1 "$2.csv.raw"; tail -n +2 "$2.csv.raw" | LC_ALL=C sort; } > "$2.csv"
    LC_ALL=C sort "$2.json.raw" > "$2.json"
    # new_records depends on import order, the rest of a file's row does not.
    sqlite3 "$1" "SELECT format, size, hash, records_read, observations, skipped
                  FROM sources WHERE status='complete' ORDER BY hash" > "$2.sources"
}
compare_with_reference() {
    exports "$1" "$work/$2"
    cmp -s "$work/ref.csv" "$work/$2.csv" || fail "$2: CSV export differs from one clean import"
    cmp -s "$work/ref.json" "$work/$2.json" || fail "$2: JSON export differs from one clean import"
    cmp -s "$work/ref.sources" "$work/$2.sources" || fail "$2: sources differ from one clean import"
    [ "$(db_state "$1")" = "$(db_state "$work/ref.db")" ] || fail "$2: counts differ"
}

# Reference: one clean import of everything; its time sets the range of kill moments. The
# watcher imports in name order (big, small-1, small-2), so the states it may be left in
# are those of the first 0, 1, 2 or 3 files imported cleanly.
"$cli" --db "$work/ref1.db" import "$big" > /dev/null
"$cli" --db "$work/ref2.db" import "$big" "$work/feeds/small-1.log" > /dev/null
watch_states="0|0|0|0|0 $(db_state "$work/ref1.db") $(db_state "$work/ref2.db")"
start=$(date +%s%N)
"$cli" --db "$work/ref.db" import "$work/feeds" > "$work/ref.out"
elapsed_ms=$(( ($(date +%s%N) - start) / 1000000 ))
exports "$work/ref.db" "$work/ref"
watch_states="$watch_states $(db_state "$work/ref.db")"
log "clean import: ${elapsed_ms} ms, state $(db_state "$work/ref.db")"

# Random moment in [20 ms, 95% of the clean import time]: covers hashing, detection,
# reading, merging and the commit.
random_delay() {
    local max=$(( elapsed_ms * 95 / 100 ))
    [ "$max" -gt 40 ] || max=40
    local ms=$(( 20 + (RANDOM * 32768 + RANDOM) % (max - 20) ))
    printf '%d.%03d' $((ms / 1000)) $((ms % 1000))
}

# --- import -------------------------------------------------------------------------------
db="$work/kill.db"
# Start from a store that already holds the small files, so "nothing lost" is checked too.
"$cli" --db "$db" import "$work/feeds/small-1.log" "$work/feeds/small-2.log" > /dev/null 2>&1
killed=0
finished=0
for i in $(seq 1 "$kills"); do
    before=$(db_state "$db")
    delay=$(random_delay)
    "$cli" --db "$db" import "$big" > "$work/import-$i.out" 2>&1 &
    pid=$!
    sleep "$delay"
    if kill -KILL "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        killed=$((killed + 1))
    else
        wait "$pid" || fail "import $i exited with an error: $(cat "$work/import-$i.out")"
        finished=$((finished + 1))
    fi
    check_integrity "$db"
    if [ "$(big_complete "$db")" -ne 0 ]; then
        # The import got to its commit before the kill: it must then be whole.
        log "kill $i at ${delay}s: import had already committed"
        compare_with_reference "$db" "import-$i"
        # Start over so the remaining kills hit an unfinished import again.
        rm -f "$db" "$db-wal" "$db-shm"
        "$cli" --db "$db" import "$work/feeds/small-1.log" "$work/feeds/small-2.log" > /dev/null 2>&1
        continue
    fi
    after=$(db_state "$db")
    [ "$after" = "$before" ] || fail "kill $i at ${delay}s: records changed ($before -> $after)"
done
log "import: $killed killed mid-way, $finished finished first; integrity ok after each"
"$cli" --db "$db" import "$work/feeds" > "$work/reimport.out"
compare_with_reference "$db" "import-final"
log "import: re-importing everything gives exactly one clean import's records and sources"

# --- watch --------------------------------------------------------------------------------
# The watcher imports the folder's files in name order; killing it mid-file must leave no
# trace of that file, and a restarted watcher must finish the job.
wdb="$work/watch.db"
wdir="$work/watched"
mkdir -p "$wdir"
cp "$work/feeds/"*.log "$wdir/"
wkilled=0
for i in $(seq 1 "$watch_kills"); do
    delay=$(random_delay)
    "$cli" --db "$wdb" watch --interval 0.05 --settle 0 --idle 0 "$wdir" > "$work/watch-$i.out" 2>&1 &
    pid=$!
    sleep "$delay"
    kill -KILL "$pid" 2>/dev/null && wkilled=$((wkilled + 1))
    wait "$pid" 2>/dev/null || true
    [ -f "$wdb" ] || continue
    check_integrity "$wdb"
    # Whole files only: the state is that of the first k files imported cleanly, with no
    # half-merged file and no source row for the killed one.
    state=$(db_state "$wdb")
    case " $watch_states " in
        *" $state "*) ;;
        *) fail "watch kill $i at ${delay}s: state $state is not one of: $watch_states" ;;
    esac
    complete=$(sqlite3 "$wdb" "SELECT count(*) FROM sources WHERE status='complete'")
    if [ "$complete" -eq 3 ]; then
        compare_with_reference "$wdb" "watch-$i"
        rm -f "$wdb" "$wdb-wal" "$wdb-shm"
    fi
done
# A restarted watcher imports what is left; stop it with SIGINT once all three are in.
"$cli" --db "$wdb" watch --interval 0.05 --settle 0 --idle 0 "$wdir" > "$work/watch-final.out" 2>&1 &
pid=$!
for _ in $(seq 1 600); do
    [ -f "$wdb" ] && [ "$(sqlite3 "$wdb" "SELECT count(*) FROM sources WHERE status='complete'" 2>/dev/null || echo 0)" -eq 3 ] && break
    sleep 0.1
done
kill -INT "$pid"
wait "$pid" || fail "watch did not stop cleanly on SIGINT"
check_integrity "$wdb"
compare_with_reference "$wdb" "watch-final"
log "watch: $wkilled killed; integrity ok after each; the restarted watcher gives one clean import"
ok=1
log "PASS"
