#!/bin/sh
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
#
# compare_dnstap_with_ldns.sh TAPIR_CLI FILE.dnstap...
# For each file (e.g. fresh resolver-lab runs with other seeds and sizes): imports it into a
# throwaway store and checks that the set of (rrname, rrtype, rdata) Tapir stores equals what
# dnstap-ldns decodes from the same file (tools/dnstap_expected.py). Exit 1 on a difference.
set -eu
cli=$1
shift
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
status=0
for f in "$@"; do
    "$cli" --db "$tmp/t.db" import --format dnstap "$f" > /dev/null
    "$cli" --db "$tmp/t.db" export --csv "$tmp/all.csv" 2> /dev/null
    python3 - "$tmp/all.csv" > "$tmp/tapir.tsv" <<'PY'
import csv, sys
rows = set()
with open(sys.argv[1], newline="", encoding="latin-1") as fh:
    for r in csv.DictReader(fh):
        name = r["rrname"]
        if name != "." and name.endswith("."):
            name = name[:-1]
        rows.add((name, r["rrtype"], r["rdata"]))
for r in sorted(rows):
    print("\t".join(r))
PY
    python3 "$here/dnstap_expected.py" "$f" | cut -f1-3 | sort > "$tmp/expected.tsv"
    sort -o "$tmp/tapir.tsv" "$tmp/tapir.tsv"
    if cmp -s "$tmp/expected.tsv" "$tmp/tapir.tsv"; then
        echo "$f: identical ($(wc -l < "$tmp/expected.tsv") keys)"
    else
        echo "$f: DIFFERENT"
        diff "$tmp/expected.tsv" "$tmp/tapir.tsv" | head -20
        status=1
    fi
    rm -f "$tmp"/t.db*
done
exit $status
