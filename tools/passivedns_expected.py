#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Independent oracle for the passivedns reader: prints the sorted, unique set of
(rrname, rrtype, rdata) keys and the summed count a passivedns pipe log should produce,
as TSV `rrname<TAB>rrtype<TAB>rdata<TAB>count`. Written without looking at the C++ reader's
code paths: plain string handling of the documented format.

Normal form: names lower-case without the trailing dot (root stays "."); NXDOMAIN answers
become rrtype NXDOMAIN with the query type as rdata; SERVFAIL-like answers and non-IN
classes are not records. passivedns logs only the target name of MX, SRV and SOA answers.
"""
import sys
import ipaddress

NAME_TYPES = {"CNAME", "NS", "PTR", "DNAME", "MX", "SRV", "SOA"}


def name(n):
    n = n.lower()
    if n != "." and n.endswith("."):
        n = n[:-1]
    return n


def main(path):
    counts = {}
    for raw in open(path, encoding="utf-8", errors="surrogateescape"):
        raw = raw.rstrip("\n")
        if not raw:
            continue
        f = raw.split("||")
        if len(f) != 9:
            continue
        ts, _client, _server, cls, query, rtype, answer, _ttl, count = f
        if cls != "IN" or answer in ("SERVFAIL", "REFUSED", "FORMERR", "NOTIMP"):
            continue
        if answer == "NXDOMAIN":
            key = (name(query), "NXDOMAIN", rtype)
        elif rtype in NAME_TYPES:
            key = (name(query), rtype, name(answer))
        elif rtype in ("A", "AAAA"):
            key = (name(query), rtype, str(ipaddress.ip_address(answer)))
        else:
            key = (name(query), rtype, answer)
        counts[key] = counts.get(key, 0) + int(count)
    for k in sorted(counts):
        print("\t".join(k) + "\t" + str(counts[k]))


if __name__ == "__main__":
    main(sys.argv[1])
