#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# End-to-end: tapir-cli imports a real passivedns log twice, queries and exports it.
set -eu
cli=$1
data=$2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
db="$tmp/t.db"

"$cli" --db "$db" import "$data/passivedns/passivedns.log" > "$tmp/first.txt" 2> "$tmp/first.err"
grep -q "imported (passivedns): 1286 read" "$tmp/first.txt" || { cat "$tmp/first.txt"; exit 1; }
# stderr says when the records are in the store.
grep -q "^committed: files 1-1 are done" "$tmp/first.err" || { cat "$tmp/first.err"; exit 1; }
"$cli" --db "$db" import "$data/passivedns/passivedns.log" > "$tmp/second.txt"
grep -q "already imported" "$tmp/second.txt" || { cat "$tmp/second.txt"; exit 1; }

# Exported records equal the oracle's set, once.
"$cli" --db "$db" export --csv "$tmp/all.csv"
head -1 "$tmp/all.csv" | grep -q '^time_first,time_last,zone_first,zone_last,count,bailiwick,rrname,rrtype,rdata' 
rows=$(($(wc -l < "$tmp/all.csv") - 1))
expected=$(wc -l < "$data/passivedns/passivedns.expected.tsv")
[ "$rows" -eq "$expected" ] || { echo "exported $rows rows, expected $expected"; exit 1; }

"$cli" --db "$db" query paypal.example --type A > "$tmp/q.txt"
grep -q "paypal.example	A	" "$tmp/q.txt" || { cat "$tmp/q.txt"; exit 1; }
"$cli" --db "$db" query 'ip:198.51.100.0/24' --csv "$tmp/ip.csv"
[ "$(wc -l < "$tmp/ip.csv")" -gt 1 ]

# Usage errors exit 2; a missing file exits 1 and names it.
set +e
"$cli" --db "$db" frobnicate 2>/dev/null; [ $? -eq 2 ] || exit 1
"$cli" --db "$db" import "$tmp/nope.log" 2> "$tmp/err.txt"; [ $? -eq 1 ] || exit 1
grep -q "nope.log" "$tmp/err.txt" || exit 1
set -e
"$cli" --db "$db" sources | grep -q complete

# The flexible-search index: on in a new store, off (same answers by scanning), on again.
"$cli" --db "$db" index | grep -q "index: on"
"$cli" --db "$db" query 'glob:*pay*' --limit 100000 | sort > "$tmp/indexed.txt"
[ -s "$tmp/indexed.txt" ]
"$cli" --db "$db" index off | grep -q "index: off"
"$cli" --db "$db" query 'glob:*pay*' --limit 100000 | sort | diff - "$tmp/indexed.txt"
"$cli" --db "$db" index on 2>/dev/null | grep -q "index: on"
echo "cli ok"
