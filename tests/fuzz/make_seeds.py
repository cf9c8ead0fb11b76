#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Writes the fuzz seed corpora (tests/fuzz/corpus/<target>/) from the real fixtures in
tests/data: small slices of each feed file, the DNS messages inside the dnstap captures,
names and rdata from the expected outputs, and queries from the README's search table.

    python3 tests/fuzz/make_seeds.py        # rewrites tests/fuzz/corpus/

Seeds are small (libFuzzer mutates small inputs best) and named by content hash, so
re-running the script gives the same files.
"""
import gzip
import hashlib
import os
import shutil
import struct
import sys
import tarfile

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DATA = os.path.join(ROOT, "tests", "data")
OUT = os.path.join(ROOT, "tests", "fuzz", "corpus")
MAX_SEED = 4096


def write(target, data):
    d = os.path.join(OUT, target)
    os.makedirs(d, exist_ok=True)
    name = hashlib.sha1(data).hexdigest()[:16]
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


def frames(blob):
    """(is_control, bytes including the length prefix) for each Frame Streams frame."""
    pos = 0
    while pos + 4 <= len(blob):
        (n,) = struct.unpack_from(">I", blob, pos)
        if n == 0:
            (c,) = struct.unpack_from(">I", blob, pos + 4)
            yield True, blob[pos:pos + 8 + c]
            pos += 8 + c
        else:
            yield False, blob[pos:pos + 4 + n]
            pos += 4 + n


def varint(b, i):
    v = shift = 0
    while True:
        c = b[i]
        i += 1
        v |= (c & 0x7F) << shift
        shift += 7
        if not c & 0x80:
            return v, i


def fields(b):
    i = 0
    while i < len(b):
        k, i = varint(b, i)
        f, wt = k >> 3, k & 7
        if wt == 0:
            v, i = varint(b, i)
        elif wt == 2:
            n, i = varint(b, i)
            v = b[i:i + n]
            i += n
        elif wt == 1:
            v = b[i:i + 8]
            i += 8
        elif wt == 5:
            v = b[i:i + 4]
            i += 4
        else:
            return
        yield f, wt, v


def dns_messages(frame):
    """query_message (10) and response_message (14) of the dnstap.Message in a data frame."""
    for f, wt, v in fields(frame[4:]):
        if f == 14 and wt == 2:
            for g, gwt, w in fields(v):
                if g in (10, 14) and gwt == 2:
                    yield w


def dnstap_seeds():
    wire = set()
    for name in sorted(os.listdir(os.path.join(DATA, "dnstap"))):
        if not name.endswith(".dnstap"):
            continue
        blob = open(os.path.join(DATA, "dnstap", name), "rb").read()
        all_frames = list(frames(blob))
        start = [f for c, f in all_frames if c][:1]
        data = [f for c, f in all_frames if not c]
        for f in data:
            wire.update(dns_messages(f))
        # A START, a few data frames, a STOP: one seed per slice of the capture.
        step = 4 if name.startswith("rrtypes") else 97
        for i in range(0, len(data), step):
            chunk = b"".join(data[i:i + 4])
            if len(chunk) < MAX_SEED:
                write("fuzz_dnstap", b"".join(start) + chunk + b"\0\0\0\0\0\0\0\4\0\0\0\3")
    # Every distinct DNS message of the synthetic capture, a sample of the lab ones.
    for i, m in enumerate(sorted(wire)):
        if len(m) <= MAX_SEED and (len(wire) < 200 or i % 25 == 0):
            write("fuzz_dns_wire", m)
    return wire


def line_slices(path, lines_per_seed, target, limit=30):
    lines = open(path, "rb").read().splitlines(keepends=True)
    for n, i in enumerate(range(0, len(lines), lines_per_seed)):
        if n >= limit:
            break
        write(target, b"".join(lines[i:i + lines_per_seed])[:MAX_SEED])


def name_seeds():
    seen = set()
    for sub in ("dnstap", "passivedns"):
        for name in sorted(os.listdir(os.path.join(DATA, sub))):
            if not name.endswith(".expected.tsv"):
                continue
            for line in open(os.path.join(DATA, sub, name), "rb"):
                cols = line.rstrip(b"\n").split(b"\t")
                if len(cols) < 3 or cols[1] in seen:
                    continue
                seen.add(cols[1])
                rrtype = {b"A": 1, b"NS": 2, b"CNAME": 5, b"SOA": 6, b"PTR": 12, b"MX": 15,
                          b"TXT": 16, b"AAAA": 28, b"SRV": 33, b"DNAME": 39}.get(cols[1], 99)
                write("fuzz_dns_name", struct.pack(">H", rrtype) + cols[2])
                write("fuzz_dns_name", struct.pack(">H", 0) + cols[0])
    for raw in ("Www.Example.COM.", "b\xfccher.example", "\u30c6\u30b9\u30c8.\u30c6\u30b9\u30c8",
                "a\\046b.example", "tab\there.example", "xn--bcher-kva.example."):
        write("fuzz_dns_name", b"\0\0" + raw.encode())
    for ip in ("192.0.2.1", "2001:DB8::1", "::ffff:192.0.2.1", "10.0.0.1"):
        write("fuzz_dns_name", struct.pack(">H", 28) + ip.encode())


def query_seeds():
    for q in ("www.example.com", "name:www.example.com", "*.example.com", "www.example.*",
              "198.51.100.7", "ip:198.51.100.0/24", "ip:2001:db8::/32",
              "ip:192.0.2.10-192.0.2.20", "rdata:mail.example.com", "ns:ns1.dnshost.lab",
              "mx:mail.example.com type:MX", "glob:*pay*.test", "re:^pay.*\\.test$",
              "rdata-glob:*.lab", "rdata-re:^10\\.", "type:ANY after:2026-01-01 before:-7d",
              "mode:strict after:2026-01-01T12:00:00Z before:1790000000", "sort:count limit:500",
              "sort:first-asc", 'name:"quoted value" sort:name-desc', "before:-30m after:-2w",
              "rrset/name/www.example.com/A/example.com", "rdata/name/*.example.net/NS",
              "rdata/ip/198.51.100.0,24 bailiwick:com", "rrset/name/x/ANY/", ""):
        write("fuzz_query_parser", q.encode())


def main():
    if os.path.isdir(OUT):
        shutil.rmtree(OUT)
    dnstap_seeds()
    for name in ("passivedns.log", "passivedns-nxdomain.log", "passivedns-head200.json",
                 "passivedns-nxdomain.json"):
        line_slices(os.path.join(DATA, "passivedns", name), 8, "fuzz_passivedns")
    for name in ("plain.json", "dnsdb-stream.json"):
        line_slices(os.path.join(DATA, "cof", name), 2, "fuzz_cof")
        write("fuzz_cof", open(os.path.join(DATA, "cof", name), "rb").read())
    name_seeds()
    query_seeds()
    # The readers of issue 4: text formats as line slices, binary ones whole when small.
    line_slices(os.path.join(DATA, "zeek", "dns.log"), 12, "fuzz_zeek")
    line_slices(os.path.join(DATA, "zeek", "dns.json"), 4, "fuzz_zeek")
    line_slices(os.path.join(DATA, "suricata", "eve.json"), 4, "fuzz_suricata")
    for name in ("dnsdbq.csv", "missing-columns.csv", "generic.tsv"):
        line_slices(os.path.join(DATA, "csv", name), 6, "fuzz_csv")
    for name in sorted(os.listdir(os.path.join(DATA, "pcap"))):
        if name.endswith((".pcap", ".pcapng")):
            blob = open(os.path.join(DATA, "pcap", name), "rb").read()
            write("fuzz_pcap", blob[:MAX_SEED * 2])
    # The bundle reader gets archives already decompressed by openInput (tar.gz -> tar).
    write("fuzz_bundle", open(os.path.join(DATA, "bundle", "feeds.zip"), "rb").read())
    write("fuzz_bundle", gzip.decompress(open(os.path.join(DATA, "bundle", "feeds.tar.gz"),
                                              "rb").read()))
    # Zone files: every zone NSD served in the first lab round, and the syntax the lab's
    # zones do not use (directives, parentheses, escapes, omitted fields, CZDS lines).
    with tarfile.open(os.path.join(DATA, "zone", "zones-round1.tar.gz")) as archive:
        for member in sorted(archive.getmembers(), key=lambda m: m.name):
            if member.isfile():
                write("fuzz_zone", archive.extractfile(member).read()[:MAX_SEED])
    write("fuzz_zone", b"$ORIGIN example.com.\n$TTL 1h\n@ IN SOA ns1 host ( 1 ; serial\n"
                       b" 2 3 4 5 )\n  NS ns1\nwww 60 IN A 192.0.2.1\ntxt TXT \"a;b(\" \"\\059\"\n"
                       b"$INCLUDE /etc/passwd x..y\n  IN AAAA 2001:db8::1\nbad IN A 1.2.3\n")
    write("fuzz_zone", b"example.\t86400\tin\tsoa\ta.nic.example. noc.nic.example. 1 2 3 4 5\n"
                       b"brand.example.\t3600\tin\tds\t2371 13 2 1F98\n")
    # Detection sees file heads: the first 2 KiB of every fixture.
    for sub in sorted(os.listdir(DATA)):
        d = os.path.join(DATA, sub)
        for name in sorted(os.listdir(d)):
            if name.endswith((".md", ".tsv", ".txt")) or not os.path.isfile(os.path.join(d, name)):
                continue
            write("fuzz_detect_format", open(os.path.join(d, name), "rb").read(2048))
    for target in sorted(os.listdir(OUT)):
        files = os.listdir(os.path.join(OUT, target))
        size = sum(os.path.getsize(os.path.join(OUT, target, f)) for f in files)
        print(f"{target}: {len(files)} seeds, {size} bytes")


if __name__ == "__main__":
    sys.exit(main())
