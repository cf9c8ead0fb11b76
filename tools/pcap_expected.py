#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Independent oracle for the pcap reader: runs tshark on a capture and prints the sorted,
unique set of (rrname, rrtype, rdata) keys that the DNS responses in it hold, as TSV
`rrname<TAB>rrtype<TAB>rdata`. Written from tshark's field reference, not from the C++
reader: tshark does its own link-layer decoding, IP defragmentation and TCP reassembly.

    tools/pcap_expected.py CAPTURE [PORT ...]      (ports default to 53)

Rules: responses (QR=1) whose source port is a DNS port, over UDP or TCP, not the copies
quoted inside ICMP errors; every RR of class IN in the answer, authority and additional
sections except OPT; NXDOMAIN responses add (end of the question's CNAME chain, NXDOMAIN,
query type). Normal form as tools/passivedns_expected.py: names lower-case without the
trailing dot (root "."), addresses canonical, rdata in presentation format.
"""
import ipaddress
import subprocess
import sys

AGG = "\x1f"
TYPE_NAMES = {1: "A", 2: "NS", 5: "CNAME", 6: "SOA", 12: "PTR", 15: "MX", 16: "TXT",
              28: "AAAA", 33: "SRV", 39: "DNAME", 257: "CAA"}
FIELDS = [
    "frame.number", "dns.flags.rcode", "dns.qry.name", "dns.qry.type", "dns.qry.class",
    "dns.count.answers", "dns.count.auth_rr", "dns.count.add_rr",
    "dns.resp.name", "dns.resp.type", "dns.resp.class", "dns.resp.len",
    "dns.a", "dns.aaaa", "dns.ns", "dns.cname", "dns.ptr.domain_name", "dns.dname",
    "dns.mx.preference", "dns.mx.mail_exchange",
    "dns.soa.mname", "dns.soa.rname", "dns.soa.serial_number", "dns.soa.refresh_interval",
    "dns.soa.retry_interval", "dns.soa.expire_limit", "dns.soa.minimum_ttl",
    "dns.srv.service", "dns.srv.proto", "dns.srv.name", "dns.srv.priority", "dns.srv.weight", "dns.srv.port", "dns.srv.target",
    "dns.txt", "dns.txt.length", "dns.caa.flags", "dns.caa.tag", "dns.caa.value",
]


def name(n):
    if n in ("<Root>", ""):
        return "."
    n = n.lower()
    return n[:-1] if n.endswith(".") and n != "." else n


def quoted(s):
    out = '"'
    for ch in s.encode("utf-8", "surrogateescape"):
        if 0x20 <= ch < 0x7F:
            out += ("\\" if ch in (0x22, 0x5C) else "") + chr(ch)
        else:
            out += "\\%03d" % ch
    return out + '"'


def number(v):
    return str(int(v, 16) if v.startswith("0x") else int(v))


def main(path, ports):
    flt = "dns.flags.response == 1 && !icmp && !icmpv6 && (%s)" % " || ".join(
        "udp.srcport == %d || tcp.srcport == %d" % (p, p) for p in ports)
    cmd = ["tshark", "-n", "-r", path, "-Y", flt, "-T", "fields", "-E", "aggregator=" + AGG,
           "-E", "occurrence=a", "-o", "tcp.desegment_tcp_streams:TRUE",
           "-o", "tcp.reassemble_out_of_order:TRUE"]
    for p in ports:
        if p != 53:
            cmd += ["-d", "udp.port==%d,dns" % p, "-d", "tcp.port==%d,dns" % p]
    for f in FIELDS:
        cmd += ["-e", f]
    out = subprocess.run(cmd, check=True, capture_output=True, text=True,
                         errors="surrogateescape").stdout
    keys = set()
    for line in out.splitlines():
        cols = line.split("\t")
        v = {f: (cols[i].split(AGG) if i < len(cols) and cols[i] != "" else [])
             for i, f in enumerate(FIELDS)}
        it = {f: iter(v[f]) for f in FIELDS}
        nxt = lambda f: next(it[f])
        # A frame may hold several messages (TCP): split the RR list by the section counts.
        for m in range(len(v["dns.flags.rcode"])):
            rcode = int(v["dns.flags.rcode"][m])
            qname = name(v["dns.qry.name"][m]) if m < len(v["dns.qry.name"]) else None
            qtype = int(v["dns.qry.type"][m]) if m < len(v["dns.qry.type"]) else None
            qclass = int(v["dns.qry.class"][m], 16) if m < len(v["dns.qry.class"]) else None
            counts = [int(v[c][m]) for c in ("dns.count.answers", "dns.count.auth_rr",
                                              "dns.count.add_rr")]
            cnames = {}
            for section, count in enumerate(counts):
                for _ in range(count):
                    rtype = int(nxt("dns.resp.type"))
                    if rtype == 33:  # tshark splits an SRV owner into service, proto, name
                        owner = name("%s.%s.%s" % (nxt("dns.srv.service"), nxt("dns.srv.proto"),
                                                   nxt("dns.srv.name")))
                    else:
                        owner = name(nxt("dns.resp.name"))
                    length = int(nxt("dns.resp.len"))
                    if rtype == 41:  # OPT has no class field
                        continue
                    rclass = int(nxt("dns.resp.class"), 16)
                    if rtype == 1:
                        rdata = str(ipaddress.ip_address(nxt("dns.a")))
                    elif rtype == 28:
                        rdata = str(ipaddress.ip_address(nxt("dns.aaaa")))
                    elif rtype == 2:
                        rdata = name(nxt("dns.ns"))
                    elif rtype == 5:
                        rdata = name(nxt("dns.cname"))
                    elif rtype == 12:
                        rdata = name(nxt("dns.ptr.domain_name"))
                    elif rtype == 39:
                        rdata = name(nxt("dns.dname"))
                    elif rtype == 15:
                        pref = nxt("dns.mx.preference")
                        rdata = "%s %s" % (pref, name(nxt("dns.mx.mail_exchange")))
                    elif rtype == 6:
                        rdata = " ".join([name(nxt("dns.soa.mname")), name(nxt("dns.soa.rname"))] +
                                         [nxt(f) for f in ("dns.soa.serial_number",
                                                           "dns.soa.refresh_interval",
                                                           "dns.soa.retry_interval",
                                                           "dns.soa.expire_limit",
                                                           "dns.soa.minimum_ttl")])
                    elif rtype == 33:
                        rdata = " ".join([nxt("dns.srv.priority"), nxt("dns.srv.weight"),
                                          nxt("dns.srv.port"), name(nxt("dns.srv.target"))])
                    elif rtype == 16:
                        strings, used = [], 0
                        while used < length:
                            n = int(nxt("dns.txt.length"))
                            strings.append(quoted(nxt("dns.txt")))
                            used += n + 1
                        rdata = " ".join(strings)
                    elif rtype == 257:
                        rdata = "%s %s %s" % (number(nxt("dns.caa.flags")), nxt("dns.caa.tag"),
                                              quoted(nxt("dns.caa.value")))
                    else:
                        sys.exit("frame %s: RR type %d not handled by this oracle"
                                 % (v["frame.number"][0], rtype))
                    if rclass != 1:
                        continue
                    if section == 0 and rtype == 5:
                        cnames[owner] = rdata
                    keys.add((owner, TYPE_NAMES[rtype], rdata))
            if rcode == 3 and qname is not None and qclass == 1:
                nx = qname
                for _ in range(16):
                    if nx not in cnames or cnames[nx] == nx:
                        break
                    nx = cnames[nx]
                keys.add((nx, "NXDOMAIN", TYPE_NAMES.get(qtype, "TYPE%d" % qtype)))
    for k in sorted(keys):
        print("\t".join(k))


if __name__ == "__main__":
    main(sys.argv[1], [int(p) for p in sys.argv[2:]] or [53])
