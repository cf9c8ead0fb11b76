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

# Batch mode: each query's output framed by ++/-- lines, equal to the same query run alone;
# a bad query is reported in its frame and the batch goes on (exit 1).
"$cli" --db "$db" query paypal.example --type A --csv - > "$tmp/alone.csv"
printf 'paypal.example\n\n# a comment\nbad after:xx\nip:198.51.100.0/24\n' > "$tmp/batch.txt"
set +e
"$cli" --db "$db" query --batch "$tmp/batch.txt" --type A --csv - > "$tmp/batch.out" 2> "$tmp/batch.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "batch exit $rc"; cat "$tmp/batch.err"; exit 1; }
[ "$(grep -c '^++ ' "$tmp/batch.out")" -eq 3 ] || { cat "$tmp/batch.out"; exit 1; }
sed -n '/^++ paypal.example$/,/^-- /p' "$tmp/batch.out" | sed '1d;$d' | diff - "$tmp/alone.csv"
grep -q '^-- bad query: bad time' "$tmp/batch.out" || { cat "$tmp/batch.out"; exit 1; }
grep -q '^3 queries, 1 bad' "$tmp/batch.err" || { cat "$tmp/batch.err"; exit 1; }
printf 'paypal.example\n' | "$cli" --db "$db" query --batch - --type A --csv - | sed '1d;$d' |
    diff - "$tmp/alone.csv"
# A defanged indicator is searched as what it stands for.
"$cli" --db "$db" query 'hxxps://paypal[.]example/login' --type A --csv - 2>/dev/null |
    diff - "$tmp/alone.csv"

# A dnsdbq batch file runs unchanged: rrset/name/NAME/TYPE answers as NAME with --type.
printf 'rrset/name/paypal.example/A\nrdata/raw/0366\n' | "$cli" --db "$db" query --batch - --csv - \
    > "$tmp/dnsdbq.out" 2> /dev/null || true
sed -n '/^++ rrset/,/^-- /p' "$tmp/dnsdbq.out" | sed '1d;$d' | diff - "$tmp/alone.csv"
grep -q '^-- bad query: raw (hex) lookups are not supported' "$tmp/dnsdbq.out" ||
    { cat "$tmp/dnsdbq.out"; exit 1; }

# triage: each indicator of a list, defanged as reports write them, gets the summary its
# search has; a bad one is reported in its row and makes the exit code 1.
printf '# IOCs\nhxxps://paypal[.]example/login\n*.example\nbad after:xx\n' > "$tmp/ioc.txt"
set +e
"$cli" --db "$db" triage --csv - "$tmp/ioc.txt" > "$tmp/triage.csv" 2> "$tmp/triage.err"
rc=$?
set -e
[ "$rc" -eq 1 ] || { echo "triage exit $rc"; cat "$tmp/triage.err"; exit 1; }
for q in paypal.example '*.example'; do
    want=$("$cli" --db "$db" query "$q" --summarize --csv - 2>/dev/null | tr -d '\r' | sed -n 2p |
        awk -F, '{ print $5 "," $6 "," $1 "," $2 }')
    got=$(tr -d '\r' < "$tmp/triage.csv" | grep -F ",\"$q\"," | awk -F, '{ print $4 "," $3 "," $5 "," $6 }')
    [ -n "$want" ] && [ "$got" = "$want" ] || { echo "triage of $q: '$got', want '$want'"; exit 1; }
done
grep -q '^"bad after:xx","bad after:xx",0,0,,,"bad time' "$tmp/triage.csv" ||
    { cat "$tmp/triage.csv"; exit 1; }
grep -q '^3 indicator(s): 2 seen, 1 bad' "$tmp/triage.err" || { cat "$tmp/triage.err"; exit 1; }
# --json: one object per indicator with the same numbers.
"$cli" --db "$db" triage --json "$tmp/ioc.txt" > "$tmp/triage.json" 2> /dev/null || true
want=$(tr -d '\r' < "$tmp/triage.csv" | grep -F ',"paypal.example",' | awk -F, '{ print $4 "," $3 }')
got=$(grep -F '"query":"paypal.example"' "$tmp/triage.json" |
    sed 's/.*"count":\([0-9]*\),"num_results":\([0-9]*\),.*/\1,\2/')
[ -n "$want" ] && [ "$got" = "$want" ] || { echo "triage --json: '$got', want '$want'"; exit 1; }
grep -q '^{"indicator":"bad after:xx","query":"bad after:xx","error":"bad time' "$tmp/triage.json" ||
    { cat "$tmp/triage.json"; exit 1; }
[ "$(wc -l < "$tmp/triage.json")" -eq 3 ]

# --offset pages as dnsdbq -O: records 6-10 of the same order; --limit 0 gives them all.
"$cli" --db "$db" query '*.example' --limit 10 2>/dev/null | sed -n 6,10p > "$tmp/first10.txt"
"$cli" --db "$db" query '*.example' --limit 5 --offset 5 2>/dev/null | diff - "$tmp/first10.txt"
[ "$(wc -l < "$tmp/first10.txt")" -eq 5 ]
[ "$("$cli" --db "$db" query '*.example' --limit 0 2>/dev/null | wc -l)" -gt 100 ]

# --summarize (dnsdbq -V summarize) sums the records the same query lists: their number,
# their counts, and the earliest first seen and latest last seen.
"$cli" --db "$db" query '*.example' --limit 100000 --csv - | tr -d '\r' | sed 1d > "$tmp/sum-rows.csv"
want=$(awk -F, '{ n++; c += $5; if (f == "" || $1 < f) f = $1; if ($2 > l) l = $2 }
    END { printf "%s,%s,,,%d,%d", f, l, c, n }' "$tmp/sum-rows.csv")
got=$("$cli" --db "$db" query '*.example' --summarize --csv - 2>/dev/null | tr -d '\r' | sed -n 2p)
[ "$got" = "$want" ] || { echo "summary '$got', records sum to '$want'"; exit 1; }
[ "$(wc -l < "$tmp/sum-rows.csv")" -gt 10 ]
"$cli" --db "$db" query '*.example' --summarize --json 2>/dev/null |
    grep -q "^{\"count\":[0-9]*,\"num_results\":$(wc -l < "$tmp/sum-rows.csv"),\"time_first\":"

# A bulk import builds its lookup indexes at the end; a killed one's (simulated: one index
# dropped and the flag set) are reported by `index` and built by `index on`.
"$cli" --db "$db" import --bulk "$data/dnstap/bind-resolver.dnstap" > "$tmp/bulk.txt" 2>&1
grep -q "lookup indexes built in" "$tmp/bulk.txt" || { cat "$tmp/bulk.txt"; exit 1; }
index_count() {
    sqlite3 "$db" "SELECT count(*) FROM sqlite_schema WHERE name IN ('names_by_name',
        'rdata_by_ip', 'rdata_by_target', 'records_by_rdata')"
}
[ "$(index_count)" -eq 4 ]
sqlite3 "$db" "DROP INDEX records_by_rdata; INSERT INTO settings VALUES('indexes.deferred', '1')"
"$cli" --db "$db" index | grep -q "lookup indexes: left out"
"$cli" --db "$db" index on > /dev/null 2>&1
[ "$(index_count)" -eq 4 ]
if "$cli" --db "$db" index | grep -q "lookup indexes"; then exit 1; fi

# --names: one row per rrname of the records, with their number and summed count.
"$cli" --db "$db" query '*.test' --limit 0 --csv - > "$tmp/recs.csv"
"$cli" --db "$db" query '*.test' --limit 0 --names --csv - > "$tmp/names.csv"
head -1 "$tmp/names.csv" | grep -q '^rrname,num_results,count,time_first,time_last,rrtypes'
tr -d '\r' < "$tmp/recs.csv" | awk -F, 'NR > 1 { n[$7]++; c[$7] += $5 } END { for (k in n) print k "," n[k] "," c[k] }' | sort > "$tmp/names.want"
tr -d '\r' < "$tmp/names.csv" | awk -F, 'NR > 1 { print $1 "," $2 "," $3 }' | sort | diff - "$tmp/names.want"
[ "$(wc -l < "$tmp/names.want")" -gt 10 ]
set +e
"$cli" --db "$db" query '*.test' --names --summarize 2>/dev/null; [ $? -eq 2 ] || exit 1
set -e

# monitors: a search kept watch on; the next rotated file's records first seen after it
# are its new ones, printed once and then marked seen.
mdb="$tmp/m.db"
"$cli" --db "$mdb" import "$data/dnstap/unbound-resolver.20261126T172749Z.dnstap" > /dev/null 2>&1
"$cli" --db "$mdb" monitors add '*.cdn-edge.test' | grep -q "^monitor 1: \*.cdn-edge.test (new: first seen after 2026-11-26 17:27:50 UTC)"
"$cli" --db "$mdb" monitors | grep -q "^1	0	"
"$cli" --db "$mdb" import "$data/dnstap/unbound-resolver.20261126T172756Z.dnstap" > /dev/null 2>&1
new=$("$cli" --db "$mdb" monitors | awk -F'\t' 'NR == 2 { print $2 }')
[ "$new" -gt 0 ]
"$cli" --db "$mdb" query '*.cdn-edge.test mode:strict after:2026-11-26T17:27:51Z' --limit 0 --csv - | sort > "$tmp/new.want"
"$cli" --db "$mdb" monitors new --csv - --mark-seen > "$tmp/new.out"
head -1 "$tmp/new.out" | grep -qx '++ \*.cdn-edge.test'
tail -1 "$tmp/new.out" | grep -qx -- "-- $new new record(s)"
sed '1d;$d' "$tmp/new.out" | sort | diff - "$tmp/new.want"
[ "$(wc -l < "$tmp/new.want")" -eq $((new + 1)) ]
"$cli" --db "$mdb" monitors | grep -q "^1	0	"
[ ! -s "$("$cli" --db "$mdb" monitors new > "$tmp/none.out"; echo "$tmp/none.out")" ]
set +e
"$cli" --db "$mdb" monitors add 'x.example after:-1d' 2>/dev/null; [ $? -eq 2 ] || exit 1
"$cli" --db "$mdb" monitors remove nope 2>/dev/null; [ $? -eq 2 ] || exit 1
set -e
"$cli" --db "$mdb" monitors remove 1
[ "$("$cli" --db "$mdb" monitors | wc -l)" -eq 1 ]

# watch: a monitor's new records are told as the folder brings them; a retention window
# is kept from the start. Each watcher is stopped with Ctrl-C (SIGINT) once it has said so.
wdb="$tmp/w.db"
mkdir -p "$tmp/spool"
"$cli" --db "$wdb" import "$data/dnstap/unbound-resolver.20261126T172749Z.dnstap" > /dev/null 2>&1
"$cli" --db "$wdb" monitors add '*.cdn-edge.test' > /dev/null
cp "$data/dnstap/unbound-resolver.20261126T172756Z.dnstap" "$tmp/spool/"
watch_until() {  # PATTERN: run watch until its output has PATTERN (20 s at most)
    "$cli" --db "$wdb" watch --interval 0.2 --settle 0.2 --idle 0.2 "$tmp/spool" > "$tmp/watch.out" 2>&1 &
    pid=$!
    i=0
    while ! grep -q "$1" "$tmp/watch.out" && [ $i -lt 100 ]; do sleep 0.2; i=$((i + 1)); done
    kill -INT $pid
    wait $pid || true
    grep -q "$1" "$tmp/watch.out" || { cat "$tmp/watch.out"; exit 1; }
}
watch_until "^monitor 1 \*.cdn-edge.test: [1-9][0-9]* new record(s)"
"$cli" --db "$wdb" retention --keep 1d > /dev/null
watch_until "^retention: deleted [1-9][0-9]* records; 0 remain"

# prune: --dry-run counts what --before would delete; prune deletes exactly the records
# last seen before the date (the rest export as before), and the file stays imported.
cp "$db" "$tmp/p.db"
"$cli" --db "$tmp/p.db" export --csv "$tmp/before.csv" > /dev/null
total=$(($(wc -l < "$tmp/before.csv") - 1))
cutoff=1795714045  # 2026-11-26 17:27:25 UTC; CSV times compare as text
want=$(awk -F, 'NR > 1 && $2 < "\"2026-11-26 17:27:25\"" { n++ } END { print n + 0 }' "$tmp/before.csv")
[ "$want" -gt 0 ] && [ "$want" -lt "$total" ]
"$cli" --db "$tmp/p.db" prune --before "$cutoff" --dry-run > "$tmp/dry.txt"
grep -q "^$want of $total records were last seen before 2026-11-26 17:27:25 UTC" "$tmp/dry.txt" || { echo "want $want"; cat "$tmp/dry.txt"; exit 1; }
"$cli" --db "$tmp/p.db" prune --before 2026-11-26T17:27:25Z > "$tmp/prune.txt" 2> /dev/null
grep -q "^deleted $want records .* $((total - want)) records remain" "$tmp/prune.txt" || { cat "$tmp/prune.txt"; exit 1; }
"$cli" --db "$tmp/p.db" export --csv "$tmp/kept.csv" > /dev/null
awk -F, 'NR > 1 && $2 >= "\"2026-11-26 17:27:25\""' "$tmp/before.csv" | sort > "$tmp/kept.want"
sed 1d "$tmp/kept.csv" | sort | diff - "$tmp/kept.want"
"$cli" --db "$tmp/p.db" import "$data/passivedns/passivedns.log" | grep -q "already imported"
set +e
"$cli" --db "$tmp/p.db" prune 2>/dev/null; [ $? -eq 2 ] || exit 1
"$cli" --db "$tmp/p.db" prune --before yesterdayish 2>/dev/null; [ $? -eq 2 ] || exit 1
set -e

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
