#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end: tapir-cli timeline on the resolver lab's three rotated captures (one per round).
# The change events must follow the lab's zone files (tests/data/timeline/*.tsv): globex.test
# is renumbered every round, umbrella.corp moves to its own nameservers in round 2.
set -eu
cli=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/t.db"
fail() { echo "FAIL: $*"; for f in "$tmp"/*.txt "$tmp"/*.csv; do echo "== $f"; cat "$f"; done; exit 1; }

"$cli" --db "$db" timeline --set-bucket 1 > /dev/null
for t in 172749 172756 172808; do
    "$cli" --db "$db" import "$data/dnstap/unbound-resolver.20261126T${t}Z.dnstap" > /dev/null
done

# Name timeline: lanes CSV and events CSV.
"$cli" --db "$db" timeline globex.test --csv "$tmp/lanes.csv" --events "$tmp/events.csv" \
    > "$tmp/out.txt" || fail "timeline globex.test exited $?"
head -1 "$tmp/lanes.csv" | grep -q '^entity,type,label,bucket_start,bucket_start_utc,count' ||
    fail "lanes header"
head -1 "$tmp/events.csv" | grep -q '^time,time_utc,entity,type,removed,added,description' ||
    fail "events header"
a1=$(awk '$1 == 1 && $2 == "A" {print $3}' "$data/timeline/globex-test-apex-by-round.tsv")
a2=$(awk '$1 == 2 && $2 == "A" {print $3}' "$data/timeline/globex-test-apex-by-round.tsv")
a3=$(awk '$1 == 3 && $2 == "A" {print $3}' "$data/timeline/globex-test-apex-by-round.tsv")
# One lane per apex address (text fields are quoted).
for a in "$a1" "$a2" "$a3"; do
    grep -q "^\"globex.test\",A,\"$a\"," "$tmp/lanes.csv" || fail "no lane for $a"
done
# Exactly the two renumberings, in order, in the events file and on stdout.
grep ',"globex.test",A,' "$tmp/events.csv" | cut -d, -f5,6 | tr -d '"' > "$tmp/changes.txt"
printf '%s,%s\n%s,%s\n' "$a1" "$a2" "$a2" "$a3" | diff - "$tmp/changes.txt" > /dev/null ||
    fail "A change events differ from the zone files"
grep -q "globex.test A $a1 → $a2" "$tmp/out.txt" || fail "stdout lacks the first change"

# The nameserver move, worded as a provider move.
"$cli" --db "$db" timeline umbrella.corp --events "$tmp/ns.csv" > /dev/null
[ "$(grep -c ',"umbrella.corp",NS,' "$tmp/ns.csv")" -eq 1 ] || fail "expected one NS event"
grep -q 'NS moved from dnshost.lab to self-hosted' "$tmp/ns.csv" || fail "NS event text"

# Address timeline: the /24 of the round-2 address has globex.test as a lane.
"$cli" --db "$db" timeline "${a2%.*}.0/24" --csv "$tmp/ip.csv" > /dev/null
grep -q ',"globex.test",' "$tmp/ip.csv" || fail "globex.test missing from the /24 timeline"

# Usage errors exit 2; an unknown name has no lanes (exit 1, partial).
set +e
"$cli" --db "$db" timeline 2> /dev/null; [ $? -eq 2 ] || fail "no subject should exit 2"
"$cli" --db "$db" timeline globex.test --bucket fortnight 2> /dev/null; [ $? -eq 2 ] ||
    fail "bad bucket should exit 2"
"$cli" --db "$db" timeline nothing-here.example > /dev/null; rc=$?
set -e
[ "$rc" -eq 1 ] || fail "an unknown name should exit 1 (no lanes), got $rc"
echo "cli timeline ok"
