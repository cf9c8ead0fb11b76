#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Independent oracle for the dnstap reader.

    dnstap_expected.py FILE.dnstap [...] [-o OUT.tsv | --out-dir DIR]
    dnstap_expected.py --make-fixture OUT.dnstap

The first form runs `dnstap-ldns -y -r FILE` (ldns decodes Frame Streams, protobuf and the
DNS messages; nothing of Tapir's C++ is involved) and prints the sorted, unique set of
(rrname, rrtype, rdata) keys the reader should produce, with how often each occurs, as TSV
`rrname<TAB>rrtype<TAB>rdata<TAB>count`. With --out-dir each FILE.dnstap gives
DIR/FILE.expected.tsv.

What is counted, as Tapir's DnstapReader defines it: every RR of the answer, authority and
additional sections of RESOLVER_RESPONSE, FORWARDER_RESPONSE and AUTH_RESPONSE messages,
class IN only (ldns never lists OPT as an RR). An NXDOMAIN response adds
(name, "NXDOMAIN", qtype) where name is the end of the CNAME chain from the question in the
answer section (RFC 6604: the RCODE is about the last name of the chain). The bailiwick
rule applies to both: when the frame has a query_zone other than the root, only names at or
below it are counted (records outside it are what cache poisoning injects).

ldns presentation is turned into Tapir's normal form; each rule below is either the normal
form itself or an ldns quirk, and says which:
  - names (owner, and the name fields of CNAME, NS, PTR, DNAME, MX, KX, AFSDB, RP, SOA, SRV,
    NAPTR, RRSIG signer, NSEC next, SVCB/HTTPS target): lower-case, no trailing dot, the
    root as "." (normal form);
  - a raw tab inside a string (TXT, CAA, SvcParam values): ldns prints it as is, Tapir as
    \\009 so rdata never holds a tab (normal form: control characters as \\DDD);
  - DNSKEY/CDNSKEY: ldns appends a comment `;{id = ..., size = ...}`: dropped (quirk);
  - NSEC/NSEC3/NSEC3PARAM: ldns leaves a trailing space after the type list or salt and a
    double space before an NSEC3 hash: spaces collapsed (quirk);
  - NSEC3 next hashed owner: ldns pads base32hex with "=", RFC 5155 §3.3 says unpadded,
    as Tapir prints it: padding dropped (quirk; only hash lengths that are not a multiple
    of 5 octets, SHA-1's 20 are not affected);
  - CAA with an empty value: ldns omits it, Tapir prints the empty string "" that RFC 8659
    presentation requires (quirk).
Types that ldns formats but Tapir prints as RFC 3597 `\\# len hex` (LOC, APL, CERT, ...)
are not covered by this rewrite; the fixtures avoid them.

The second form writes the synthetic fixture `rrtypes.dnstap`: one RESOLVER_RESPONSE per
family of RR types Tapir formats, names with escapes and compression pointers, NXDOMAIN
with a CNAME chain, a non-IN RR, OPT, and frames that must be dropped (queries, client
side). Feed it to the first form for its expected file.
"""
import argparse
import os
import struct
import subprocess
import sys

KEPT_TYPES = {"RESOLVER_RESPONSE", "FORWARDER_RESPONSE", "AUTH_RESPONSE"}
NAME_FIELDS = {  # type -> positions of name fields in the space-split rdata
    "CNAME": [0], "NS": [0], "PTR": [0], "DNAME": [0],
    "MX": [1], "KX": [1], "AFSDB": [1], "RP": [0, 1], "SOA": [0, 1], "SRV": [3],
    "RRSIG": [7], "NSEC": [0], "SVCB": [1], "HTTPS": [1],
}


def name(n):
    n = n.lower()
    if n != "." and n.endswith("."):
        n = n[:-1]
    return n


def normalise_rdata(rtype, rdata):
    rdata = rdata.replace("\t", "\\009")
    if rtype in ("DNSKEY", "CDNSKEY") and " ;{" in rdata:
        rdata = rdata[: rdata.index(" ;{")]
    if rtype in ("NSEC", "NSEC3", "NSEC3PARAM"):
        rdata = " ".join(f for f in rdata.split(" ") if f)
    if rtype == "NSEC3":
        fields = rdata.split(" ")
        fields[4] = fields[4].rstrip("=")
        rdata = " ".join(fields)
    if rtype == "CAA" and len(rdata.split(" ")) == 2:
        rdata += ' ""'
    if rtype == "NAPTR":
        head, _, last = rdata.rpartition(" ")
        return head + " " + name(last)
    positions = NAME_FIELDS.get(rtype)
    if positions:
        fields = rdata.split(" ", max(positions) + 1)
        for p in positions:
            fields[p] = name(fields[p])
        rdata = " ".join(fields)
    return rdata


def in_bailiwick(owner, zone):
    if not zone or zone == ".":
        return True
    return owner == zone or owner.endswith("." + zone)


def parse_message(lines, counts, zone=None):
    """One response_message block (already de-indented) -> keys into counts."""
    section = None
    rcode = None
    question = None
    records = []
    for line in lines:
        if line.startswith(";; ->>HEADER<<-"):
            rcode = line.split("rcode: ", 1)[1].split(",", 1)[0]
        elif line.startswith(";; QUESTION SECTION"):
            section = "question"
        elif line.startswith(";; ANSWER SECTION"):
            section = "answer"
        elif line.startswith(";; AUTHORITY SECTION"):
            section = "authority"
        elif line.startswith(";; ADDITIONAL SECTION"):
            section = "additional"
        elif line.startswith(";;") or not line.strip():
            continue
        elif section == "question" and line.startswith(";"):
            if question is None:
                qname, qclass, qtype = line[1:].split("\t")[:3]
                question = (name(qname), qclass, qtype)
        elif section in ("answer", "authority", "additional"):
            owner, _ttl, rclass, rtype, *rest = line.split("\t", 4)
            if rclass != "IN":
                continue
            rdata = normalise_rdata(rtype, rest[0] if rest else "")
            records.append((section, name(owner), rtype, rdata))
    for _section, owner, rtype, rdata in records:
        if not in_bailiwick(owner, zone):
            continue
        key = (owner, rtype, rdata)
        counts[key] = counts.get(key, 0) + 1
    if rcode == "NXDOMAIN" and question and question[1] == "IN":
        target = question[0]
        for _ in range(16):
            nxt = [r[3] for r in records
                   if r[0] == "answer" and r[2] == "CNAME" and r[1] == target]
            if not nxt or nxt[0] == target:
                break
            target = nxt[0]
        if in_bailiwick(target, zone):
            key = (target, "NXDOMAIN", question[2])
            counts[key] = counts.get(key, 0) + 1


def expected(path):
    out = subprocess.run(["dnstap-ldns", "-y", "-r", path], check=True,
                         capture_output=True).stdout.decode("latin-1")
    counts = {}
    failed = 0
    for doc in out.split("\n---\n"):
        lines = doc.split("\n")
        if "type: MESSAGE" not in lines:
            continue
        mtype = next((l.split(": ", 1)[1] for l in lines if l.startswith("  type: ")), None)
        if mtype not in KEPT_TYPES:
            continue
        if any(l.strip() == "# response_message: parse failed" for l in lines):
            failed += 1
            continue
        try:
            start = lines.index("  response_message: |") + 1
        except ValueError:
            continue
        block = []
        for l in lines[start:]:
            if l and not l.startswith("    "):
                break
            block.append(l[4:])
        zone = next((name(l.split(": ", 1)[1].strip('"')) for l in lines
                     if l.startswith("  query_zone: ")), None)
        parse_message(block, counts, zone)
    if failed:
        print(f"{path}: {failed} response messages ldns could not parse", file=sys.stderr)
    return counts


def write_tsv(counts, stream):
    for key in sorted(counts):
        stream.write("\t".join(key) + "\t" + str(counts[key]) + "\n")


# --- synthetic fixture -------------------------------------------------------------------

def varint(n):
    out = b""
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def pb(field, value):
    if isinstance(value, int):
        return varint(field << 3) + varint(value)
    return varint(field << 3 | 2) + varint(len(value)) + value


def wname(text):
    """Wire name from labels given as bytes or a dotted str (no escapes)."""
    labels = text if isinstance(text, list) else [l.encode() for l in text.split(".") if l]
    return b"".join(bytes([len(l)]) + l for l in labels) + b"\0"


def rr(owner, rtype, rdata, rclass=1, ttl=3600):
    owner = owner if isinstance(owner, bytes) else wname(owner)
    return owner + struct.pack(">HHIH", rtype, rclass, ttl, len(rdata)) + rdata


def message(qname, qtype, answer=(), authority=(), additional=(), rcode=0):
    header = struct.pack(">HHHHHH", 0x4242, 0x8400 | rcode, 1, len(answer), len(authority),
                         len(additional))
    return (header + wname(qname) + struct.pack(">HH", qtype, 1) + b"".join(answer) +
            b"".join(authority) + b"".join(additional))


def dnstap(mtype, response=None, query=None, zone=None, rtime=1764178031, qtime=None):
    m = pb(1, mtype) + pb(2, 1) + pb(3, 1)
    m += pb(4, bytes([198, 18, 0, 1])) + pb(5, bytes([198, 51, 100, 7]))  # never stored
    m += pb(6, 40000) + pb(7, 53)
    if qtime is not None:
        m += pb(8, qtime) + varint(9 << 3 | 5) + struct.pack("<I", 1000)
    if query is not None:
        m += pb(10, query)
    if zone is not None:
        m += pb(11, wname(zone))
    if rtime is not None and response is not None:
        m += pb(12, rtime) + varint(13 << 3 | 5) + struct.pack("<I", 2000)
    if response is not None:
        m += pb(14, response)
    return pb(1, b"tapir-fixture") + pb(2, b"0.1") + pb(15, 1) + pb(14, m)


def cs(*strings):
    """<character-string>s: each prefixed with its length."""
    return b"".join(bytes([len(x)]) + x for x in strings)


def svc(key, value):
    return struct.pack(">HH", key, len(value)) + value


def make_fixture(path):
    RQ, RR, CQ, CR, AR, FR = 3, 4, 5, 6, 2, 8
    A, NS, CNAME, SOA, PTR, HINFO, MX, TXT, RP, AFSDB, AAAA, SRV, NAPTR, KX = (
        1, 2, 5, 6, 12, 13, 15, 16, 17, 18, 28, 33, 35, 36)
    DNAME, OPT, DS, SSHFP, RRSIG, NSEC, DNSKEY, NSEC3, NSEC3PARAM, TLSA, SMIMEA = (
        39, 41, 43, 44, 46, 47, 48, 50, 51, 52, 53)
    CDS, CDNSKEY, OPENPGPKEY, SVCB, HTTPS, SPF, URI, CAA = 59, 60, 61, 64, 65, 99, 256, 257
    soa = wname("NS1.Example.TEST") + wname("hostmaster.example.test") + struct.pack(
        ">IIIII", 2026112601, 7200, 900, 1209600, 300)
    bitmap = bytes([0, 7, 0x62, 0x01, 0x80, 0x08, 0x00, 0x03, 0x80]) + bytes([1, 1, 0x40])
    frames = []
    # 1. Addresses and names, with compression pointers (0xc00c = the question name).
    frames.append(dnstap(RR, zone="example.test", response=message(
        "WWW.Example.TEST", A,
        answer=[rr(b"\xc0\x0c", CNAME, wname("Web.example.test")),
                rr(wname("web.example.test"), A, bytes([192, 0, 2, 10])),
                rr(wname("web.example.test"), AAAA, bytes.fromhex("20010db8000000000000000000000010")),
                rr(wname("web.example.test"), AAAA, bytes(10) + b"\xff\xff" + bytes([192, 0, 2, 11])),
                rr(wname("web.example.test"), AAAA, bytes(16))],
        authority=[rr(wname("example.test"), NS, b"\x03ns1\xc0\x10"),
                   rr(wname("example.test"), NS, wname("ns2.example.test"))],
        additional=[rr(wname("ns1.example.test"), A, bytes([192, 0, 2, 53])),
                    rr(b"\0", OPT, b"", rclass=1232, ttl=0x8000)])))
    # 2. Odd names: escapes, an inner dot, non-ASCII, the root, a long chain of labels.
    odd = [b"a.b", b"semi;colon", b"(paren)", b"back\\slash", b"sp ace", b"\x00\x7f\xc3\xa9",
           b"Quote\"", b"at@dollar$", b"example", b"test"]
    frames.append(dnstap(RR, zone="example.test", response=message(
        "odd.example.test", PTR,
        answer=[rr(wname(odd), PTR, wname(odd)),
                rr(wname([b"x"] * 100 + [b"test"]), PTR, wname(".")),
                rr(wname("."), NS, wname("a.root-servers.test"))])))
    # 3. Mail, services, text.
    frames.append(dnstap(RR, zone="example.test", response=message(
        "example.test", MX,
        answer=[rr(b"\xc0\x0c", MX, struct.pack(">H", 10) + b"\x04mail\xc0\x0c"),
                rr(b"\xc0\x0c", MX, struct.pack(">H", 0) + b"\0"),
                rr(wname("_sip._tcp.example.test"), SRV,
                   struct.pack(">HHH", 10, 60, 5060) + wname("SIP.example.test")),
                rr(b"\xc0\x0c", TXT, cs(b"v=spf1 -all", b"", b"quote\"back\\", b"tab\tx",
                                         b"\x01\x7f\xff;")),
                rr(b"\xc0\x0c", SPF, cs(b"v=spf1 -all")),
                rr(b"\xc0\x0c", TXT, b"\xff" + bytes(range(0, 255))),
                rr(b"\xc0\x0c", HINFO, cs(b"PDP-11", b"UNIX")),
                rr(b"\xc0\x0c", RP, wname("admin.example.test") + wname("txt.example.test")),
                rr(b"\xc0\x0c", AFSDB, struct.pack(">H", 1) + wname("afs.example.test")),
                rr(b"\xc0\x0c", KX, struct.pack(">H", 5) + wname("kx.example.test")),
                rr(wname("_http._tcp.example.test"), URI,
                   struct.pack(">HH", 10, 1) + b"https://www.example.test/a b"),
                rr(wname("example.test"), NAPTR, struct.pack(">HH", 100, 10)
                   + cs(b"U", b"E2U+sip", b"!^.*$!sip:info@example.test!") + b"\x00"),
                rr(wname("example.test"), NAPTR, struct.pack(">HH", 100, 20)
                   + cs(b"S", b"SIP+D2U", b"") + wname("_sip._udp.Example.test")),
                rr(wname("example.test"), CAA, b"\x00\x05issue" + b"ca.example.net; account=1"),
                rr(wname("example.test"), CAA, b"\x80\x05iodef" + b"mailto:sec@example.test"),
                rr(wname("example.test"), CAA, b"\x00\x09issuewild"),
                rr(wname("example.test"), CAA, b"\x00\x03tbs" + b"q\"uo\\te\t"),
                rr(wname("example.test"), SOA, soa)])))
    # 4. DNSSEC.
    key = bytes(range(1, 65))
    frames.append(dnstap(RR, zone="example.test", response=message(
        "example.test", DNSKEY,
        answer=[rr(b"\xc0\x0c", DNSKEY, struct.pack(">HBB", 257, 3, 13) + key),
                rr(b"\xc0\x0c", DNSKEY, struct.pack(">HBB", 256, 3, 8) + key[:3]),
                rr(b"\xc0\x0c", CDNSKEY, struct.pack(">HBB", 257, 3, 13) + key),
                rr(b"\xc0\x0c", RRSIG, struct.pack(">HBBIIIH", DNSKEY, 13, 2, 3600, 1767225600,
                                                   1764547200, 12345) + wname("Example.test")
                   + key),
                rr(b"\xc0\x0c", RRSIG, struct.pack(">HBBIIIH", 65280, 8, 3, 300, 0x7FFFFFFF,
                                                   1, 7) + wname("example.test") + b"\x01\x02"),
                rr(b"\xc0\x0c", DS, struct.pack(">HBB", 12345, 13, 2) + bytes(range(32))),
                rr(b"\xc0\x0c", CDS, struct.pack(">HBB", 12345, 8, 1) + bytes(range(20))),
                rr(b"\xc0\x0c", NSEC, wname("A.example.test") + bitmap),
                rr(b"\xc0\x0c", NSEC, wname("b.example.test")),
                rr(wname("k0ia2d4n7etr3bfab5le51s03t7d0p8e.example.test"), NSEC3,
                   bytes([1, 1]) + struct.pack(">H", 10) + b"\x04\xaa\xbb\xcc\xdd"
                   + b"\x14" + bytes(range(100, 120)) + bitmap),
                rr(wname("a.example.test"), NSEC3,
                   bytes([1, 0]) + struct.pack(">H", 0) + b"\x00" + b"\x14" + bytes(range(20))),
                rr(wname("b.example.test"), NSEC3,
                   bytes([1, 0]) + struct.pack(">H", 0) + b"\x00" + b"\x07" + bytes(range(7))
                   + bytes([0, 1, 0x40])),
                rr(b"\xc0\x0c", NSEC3PARAM, bytes([1, 0]) + struct.pack(">H", 5) + b"\x02\xbe\xef"),
                rr(b"\xc0\x0c", NSEC3PARAM, bytes([1, 0, 0, 0, 0]))])))
    # 5. Keys and fingerprints.
    frames.append(dnstap(RR, zone="example.test", response=message(
        "_443._tcp.example.test", TLSA,
        answer=[rr(b"\xc0\x0c", TLSA, bytes([3, 1, 1]) + bytes(range(32))),
                rr(b"\xc0\x0c", SMIMEA, bytes([3, 0, 0]) + bytes(range(40))),
                rr(wname("host.example.test"), SSHFP, bytes([4, 2]) + bytes(range(32))),
                rr(wname("host.example.test"), SSHFP, bytes([1, 1]) + bytes(range(20))),
                rr(wname("host.example.test"), OPENPGPKEY, bytes(range(50))),
                rr(wname("host.example.test"), 65280, b"\x01\x02\x03"),
                rr(wname("host.example.test"), 65281, b""),
                rr(wname("host.example.test"), TXT, b"")])))
    # 6. SVCB and HTTPS.
    params = (svc(0, struct.pack(">HH", 1, 3)) + svc(1, b"\x02h2\x02h3\x04a,b\\") + svc(2, b"")
              + svc(3, struct.pack(">H", 8443)) + svc(4, bytes([192, 0, 2, 1, 192, 0, 2, 2]))
              + svc(5, b"\x00\x45\xfe\x0d") + svc(6, bytes.fromhex("20010db8000000000000000000000001"))
              + svc(7, b"/dns-query{?dns}") + svc(65000, b"x y\"z") + svc(65001, b""))
    frames.append(dnstap(RR, zone="example.test", response=message(
        "example.test", HTTPS,
        answer=[rr(b"\xc0\x0c", HTTPS, struct.pack(">H", 1) + b"\0" + params),
                rr(b"\xc0\x0c", HTTPS, struct.pack(">H", 0) + wname("CDN.example.net")),
                rr(wname("_dns.example.test"), SVCB, struct.pack(">H", 2) + wname("dns.example.test")
                   + svc(1, cs(b"dot")) + svc(3, struct.pack(">H", 853))),
                rr(wname("_dns.example.test"), SVCB, struct.pack(">H", 3) + wname("doh.example.test")
                   + svc(1, b"\x02h2") + svc(7, b"/q{?dns}") + svc(8, b"\x01\x02"))])))
    # 7. NXDOMAIN through a CNAME chain, and a plain one; DNAME; a CH-class RR (dropped).
    frames.append(dnstap(RR, zone="example.test", response=message(
        "alias.example.test", AAAA, rcode=3,
        answer=[rr(b"\xc0\x0c", CNAME, wname("hop.example.test")),
                rr(wname("hop.example.test"), CNAME, wname("Gone.Example.NET"))],
        authority=[rr(wname("example.net"), SOA, soa)])))
    frames.append(dnstap(RR, zone="example.test", response=message(
        "missing.example.test", MX, rcode=3, authority=[rr(wname("example.test"), SOA, soa)])))
    frames.append(dnstap(RR, zone="example.test", response=message(
        "x.old.example.test", A,
        answer=[rr(wname("old.example.test"), DNAME, wname("new.example.test")),
                rr(b"\xc0\x0c", CNAME, wname("x.new.example.test")),
                rr(wname("version.bind"), TXT, cs(b"nope"), rclass=3)])))
    # 8. Other kept message types; response time missing (query time used instead).
    frames.append(dnstap(AR, response=message(
        "auth.example.test", A, answer=[rr(b"\xc0\x0c", A, bytes([192, 0, 2, 80]))])))
    frames.append(dnstap(FR, zone="example.org", rtime=None, qtime=1764178000, response=message(
        "fwd.example.org", A, answer=[rr(b"\xc0\x0c", A, bytes([192, 0, 2, 81]))])))
    # 9. Dropped: queries and client-side messages (their answers must not show up).
    leak = message("client.example.test", A, answer=[rr(b"\xc0\x0c", A, bytes([203, 0, 113, 99]))])
    frames.append(dnstap(RQ, query=message("q.example.test", A), rtime=None, qtime=1764178030))
    frames.append(dnstap(CQ, query=message("client.example.test", A), rtime=None, qtime=1764178030))
    frames.append(dnstap(CR, response=leak))
    content = b"protobuf:dnstap.Dnstap"
    start = struct.pack(">III", 2, 1, len(content)) + content
    data = struct.pack(">II", 0, len(start)) + start
    for f in frames:
        data += struct.pack(">I", len(f)) + f
    data += struct.pack(">III", 0, 4, 3)
    with open(path, "wb") as out:
        out.write(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("files", nargs="*")
    ap.add_argument("-o", "--output")
    ap.add_argument("--out-dir")
    ap.add_argument("--make-fixture", metavar="OUT")
    args = ap.parse_args()
    if args.make_fixture:
        make_fixture(args.make_fixture)
        return
    if args.out_dir:
        for f in args.files:
            base = os.path.basename(f)
            base = base[: -len(".dnstap")] if base.endswith(".dnstap") else base
            with open(os.path.join(args.out_dir, base + ".expected.tsv"), "w",
                      encoding="latin-1", newline="\n") as out:
                write_tsv(expected(f), out)
        return
    counts = {}
    for f in args.files:
        for k, v in expected(f).items():
            counts[k] = counts.get(k, 0) + v
    if args.output:
        with open(args.output, "w", encoding="latin-1", newline="\n") as out:
            write_tsv(counts, out)
    else:
        write_tsv(counts, sys.stdout)


if __name__ == "__main__":
    main()
