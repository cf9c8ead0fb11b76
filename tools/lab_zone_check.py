#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Checks the zone reader against a resolver-lab run: every record the resolvers were
answered (their dnstap, and the upstream pcap) must be a record of the zones NSD served.

    tools/lab_zone_check.py TAPIR_CLI LAB_OUTDIR

LAB_OUTDIR is what `shared/lab/resolver-lab.sh OUTDIR` wrote. The script imports the three
`zones-roundN.tar.gz` into one scratch store and each capture into another with tapir-cli,
exports both as CSV and compares the (rrname, rrtype, rdata) keys. A name the zones only
hold as a wildcard (`*.user.acme.example`) matches through it; NXDOMAIN records have no
zone record. Exits 1 if any answered record is missing from the zones.
"""
import csv
import os
import subprocess
import sys
import tempfile


def keys(cli, db, files):
    subprocess.run([cli, "--db", db, "import", *files], capture_output=True, check=False)
    out = db + ".csv"
    subprocess.run([cli, "--db", db, "export", "--csv", out], capture_output=True, check=True)
    with open(out, newline="") as f:
        return {(r["rrname"], r["rrtype"], r["rdata"]) for r in csv.DictReader(f)}


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    cli, lab = sys.argv[1], sys.argv[2]
    missing_total = 0
    with tempfile.TemporaryDirectory() as tmp:
        zones = keys(cli, os.path.join(tmp, "zones.db"),
                     [os.path.join(lab, f"zones-round{i}.tar.gz") for i in (1, 2, 3)])
        print(f"zones: {len(zones)} records")
        for n, capture in enumerate(("unbound-resolver.dnstap", "bind-resolver.dnstap",
                                     "lab-upstream.pcap")):
            path = os.path.join(lab, capture)
            if not os.path.exists(path):
                continue
            seen = {k for k in keys(cli, os.path.join(tmp, f"capture{n}.db"), [path])
                    if k[1] != "NXDOMAIN"}
            direct = {k for k in seen if k in zones}
            wildcard = {k for k in seen - direct
                        if ("*" + k[0][k[0].find("."):], k[1], k[2]) in zones}
            missing = sorted(seen - direct - wildcard)
            missing_total += len(missing)
            print(f"{capture}: {len(seen)} records, {len(direct)} in the zones, "
                  f"{len(wildcard)} through a wildcard, {len(missing)} missing")
            for k in missing[:10]:
                print("  missing", *k)
    return 1 if missing_total else 0


if __name__ == "__main__":
    sys.exit(main())
