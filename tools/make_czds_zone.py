#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Writes a synthetic TLD zone in the form ICANN's CZDS hands out (one fully qualified
record per line, tab-separated, lower case): the SOA and NS of the TLD, then two NS
records for each of N random second-level domains, on 977 name-server hosts. For the zone
reader's figures in README.md:

    tools/make_czds_zone.py 500000 > big.zone          # 1,000,001 records, 53 MB
    build/bench/tools/bench/tapir-bench parse --format zone big.zone
"""
import random
import sys


def main():
    domains = int(sys.argv[1]) if len(sys.argv) > 1 else 500000
    rng = random.Random(1)
    out = sys.stdout
    out.write("example.\t86400\tin\tsoa\ta.nic.example. noc.nic.example. 1 1800 900 604800 86400\n")
    out.write("example.\t172800\tin\tns\ta.nic.example.\n")
    letters = "abcdefghijklmnopqrstuvwxyz"
    for i in range(domains):
        name = "".join(rng.choice(letters) for _ in range(rng.randint(5, 12))) + str(i)
        host = i % 977
        out.write(f"{name}.example.\t3600\tin\tns\tns1.host{host}.test.\n")
        out.write(f"{name}.example.\t3600\tin\tns\tns2.host{host}.test.\n")


if __name__ == "__main__":
    main()
