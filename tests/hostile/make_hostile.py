#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Writes the hostile-input corpus of tests/hostile/ (see README.md there for each file).

    python3 tests/hostile/make_hostile.py

Most files hold a good record before and after the bad part, named
good-before.hostile.example and good-after.hostile.example, so the test can check that
the good records around a bad one are still imported. Output is deterministic (fixed
seed, fixed compression levels; gzip without a time stamp).
"""
import bz2
import gzip
import io
import os
import random
import struct
import subprocess

HERE = os.path.dirname(os.path.abspath(__file__))
TS = 1795714029
BEFORE = f"{TS}||c||s||IN||good-before.hostile.example||A||192.0.2.1||60||1\n".encode()
AFTER = f"{TS}||c||s||IN||good-after.hostile.example||A||192.0.2.2||60||1\n".encode()


def pdns(name, answer="192.0.2.9", rrtype="A"):
    return f"{TS}||c||s||IN||".encode() + name + f"||{rrtype}||{answer}||60||1\n".encode()


def cof(name, rdata="192.0.2.1"):
    return (b'{"rrname":"' + name + b'","rrtype":"A","rdata":"' + rdata.encode() +
            b'","time_first":1700000000,"time_last":1700000100,"count":2}\n')


COF_BEFORE = cof(b"good-before.hostile.example")
COF_AFTER = cof(b"good-after.hostile.example", "192.0.2.2")


def write(name, data):
    with open(os.path.join(HERE, name), "wb") as f:
        f.write(data)


# --- dnstap: Frame Streams, protobuf and DNS wire built from the published numbers ---------

def control(ctype, content_type=None):
    body = struct.pack(">I", ctype)
    if content_type is not None:
        body += struct.pack(">II", 1, len(content_type)) + content_type
    return struct.pack(">II", 0, len(body)) + body


START = control(2, b"protobuf:dnstap.Dnstap")
STOP = control(3)


def varint(v):
    out = b""
    while True:
        b = v & 0x7F
        v >>= 7
        if v:
            out += bytes([b | 0x80])
        else:
            return out + bytes([b])


def field_varint(num, v):
    return varint(num << 3) + varint(v)


def field_bytes(num, data):
    return varint(num << 3 | 2) + varint(len(data)) + data


def frame(payload):
    return struct.pack(">I", len(payload)) + payload


def dnstap_frame(dns_message, msg_type=4):
    message = field_varint(1, msg_type) + field_varint(12, TS) + field_bytes(14, dns_message)
    return frame(field_bytes(14, message) + field_varint(15, 1))


def wire_name(name):
    out = b""
    for label in name.split(b"."):
        out += bytes([len(label)]) + label
    return out + b"\0"


def dns_response(name, ip=(192, 0, 2, 1), rcode=0, counts=None, answer_name=None,
                 rdlength=None):
    qd, an, ns, ar = counts or (1, 1, 0, 0)
    header = struct.pack(">HHHHHH", 0x1234, 0x8180 | rcode, qd, an, ns, ar)
    question = wire_name(name) + struct.pack(">HH", 1, 1)
    owner = answer_name if answer_name is not None else b"\xc0\x0c"
    rdata = bytes(ip)
    rr = owner + struct.pack(">HHIH", 1, 1, 60, rdlength if rdlength is not None else 4) + rdata
    return header + question + rr


GOOD_BEFORE_FRAME = dnstap_frame(dns_response(b"good-before.hostile.example"))
GOOD_AFTER_FRAME = dnstap_frame(dns_response(b"good-after.hostile.example", (192, 0, 2, 2)))


def dnstap_around(bad):
    return START + GOOD_BEFORE_FRAME + bad + GOOD_AFTER_FRAME + STOP


def main():
    rng = random.Random(10)
    for old in os.listdir(HERE):
        if old not in ("README.md", "make_hostile.py"):
            os.remove(os.path.join(HERE, old))

    # Empty and nearly empty files.
    write("empty.log", b"")
    write("only-newlines.log", b"\n\r\n\n")
    write("only-bom.log", b"\xef\xbb\xbf")

    # passivedns text: bad lines between good ones.
    write("passivedns-truncated-last-line.log", BEFORE + AFTER + BEFORE[:37])
    write("passivedns-nul-bytes.log",
          BEFORE + pdns(b"nul\0in\0name.hostile.example") + b"\0\0\0\0||\0\n" + AFTER)
    write("passivedns-invalid-utf8.log",
          BEFORE + pdns(b"bad\xff\xfe\xc3(utf8.hostile.example") + pdns(b"\xed\xa0\x80.example")
          + AFTER)
    write("passivedns-control-and-bidi.log",
          BEFORE + pdns(b"ansi\x1b[31mred.hostile.example") +
          pdns("bidi\u202egnp.exe.hostile.example".encode()) +
          pdns(b"tab\tand\rcr.hostile.example") + AFTER)
    write("passivedns-binary-garbage.log",
          BEFORE + bytes(rng.getrandbits(8) for _ in range(8192)) + b"\n" + AFTER)
    write("passivedns-wrong-field-count.log",
          BEFORE + b"1795714029||c||s||IN||x.example||A||192.0.2.1||60\n" +
          b"1795714029||c||s||IN||x.example||A||192.0.2.1||60||1||extra\n" +
          b"||||||||||||||||\n" + AFTER)
    write("passivedns-absurd-numbers.log",
          BEFORE + pdns(b"x.example").replace(str(TS).encode(), b"99999999999999999999999") +
          pdns(b"x.example").replace(b"||60||1\n", b"||60||-1\n") +
          pdns(b"x.example").replace(b"||60||1\n", b"||60||18446744073709551616\n") +
          pdns(b"x.example").replace(str(TS).encode(), b"-5") +
          pdns(b"x.example").replace(str(TS).encode(), b"2026-02-30T00:00:00Z") +
          pdns(b"x.example", rrtype="TYPE99999999") + pdns(b"x.example", rrtype="") + AFTER)
    write("passivedns-long-name.log",
          BEFORE + pdns(b"a" * 3000 + b".example") + pdns(b".".join([b"a"] * 5000)) + AFTER)
    write("passivedns-formula-cells.log",
          BEFORE + pdns(b"=cmd|' /c calc'!a0.hostile.example") +
          pdns(b"+sum(1+1).hostile.example", answer="=HYPERLINK(\"http://x\")", rrtype="TXT") +
          pdns(b"@import.hostile.example", answer="-2+3", rrtype="TXT") + AFTER)
    write("passivedns-json-nesting-bomb.json",
          b'{"timestamp_s":1795714029,"class":"IN","query":"good-before.hostile.example",'
          b'"type":"A","answer":"192.0.2.1","count":1}\n' + b"[" * 5000 + b"]" * 5000 +
          b"\n" + b"{\"a\":" * 3000 + b"1" + b"}" * 3000 + b"\n" +
          b'{"timestamp_s":1795714029,"class":"IN","query":"good-after.hostile.example",'
          b'"type":"A","answer":"192.0.2.2","count":1}\n')

    write("passivedns-unique-classes.log",
          BEFORE + b"".join(pdns(b"x.example").replace(b"||IN||", b"||C%d||" % i)
                            for i in range(300)) + AFTER)

    # COF / DNSDB NDJSON.
    write("cof-nesting-bomb.json", COF_BEFORE + b'{"rrname":' + b"[" * 5000 + b"\n" + COF_AFTER)
    write("cof-bad-values.json",
          COF_BEFORE + cof(b"x.example").replace(b'"A"', b'"NOSUCHTYPE"') +
          cof(b"x.example").replace(b'"count":2', b'"count":-7') +
          cof(b"x.example").replace(b'"count":2', b'"count":1e400') +
          cof(b"x.example").replace(b"1700000000", b"18446744073709551616") +
          cof(b"x.example").replace(b'"192.0.2.1"', b"[1,2]") +
          cof(b"x.example").replace(b'"192.0.2.1"', b"[]") +
          b'{"rrname":"","rrtype":"A","rdata":"192.0.2.1","time_first":1}\n' +
          b'"just a string"\n[1,2,3]\n{"rrname":"x\\u0000y.example","rrtype":"A",'
          b'"rdata":"192.0.2.1","time_first":1}\n' + COF_AFTER)
    write("cof-truncated-object.json", COF_BEFORE + COF_AFTER + COF_BEFORE[:40])
    write("cof-stream-limited.json",
          b'{"cond":"begin"}\n{"obj":' + COF_BEFORE.rstrip(b"\n") + b"}\n" +
          b'{"obj":' + COF_AFTER.rstrip(b"\n") + b"}\n" +
          b'{"cond":"limited","msg":"Result limit reached\\u001b[2J"}\n')

    # dnstap: every layer.
    good = dnstap_around(b"")
    write("dnstap-start-only.dnstap", START)
    write("dnstap-truncated-in-frame.dnstap", good[: len(START) + len(GOOD_BEFORE_FRAME) + 20])
    write("dnstap-truncated-in-length.dnstap", START + GOOD_BEFORE_FRAME + b"\0\0")
    write("dnstap-truncated-in-control.dnstap", START[:10])
    write("dnstap-absurd-frame-length.dnstap",
          START + GOOD_BEFORE_FRAME + struct.pack(">I", 0xFFFFFFF0) + b"x" * 64)
    write("dnstap-absurd-control-length.dnstap", struct.pack(">II", 0, 0xFFFFFFFF) + b"\0" * 64)
    write("dnstap-wrong-content-type.dnstap",
          control(2, b"protobuf:something.Else") + GOOD_BEFORE_FRAME + STOP)
    write("dnstap-bad-protobuf.dnstap",
          dnstap_around(frame(b"\xff" * 12) + frame(field_bytes(14, b"\x0a\xff\xff\xff\xff\x0f"))
                        + frame(varint(14 << 3 | 2) + varint(1 << 40))))
    loop = struct.pack(">HHHHHH", 1, 0x8180, 1, 1, 0, 0) + b"\xc0\x0c" + struct.pack(">HH", 1, 1)
    two_step = (struct.pack(">HHHHHH", 1, 0x8180, 1, 0, 0, 0) + b"\x01a\xc0\x12" +
                struct.pack(">HH", 1, 1) + b"\x01b\xc0\x0c")
    write("dnstap-dns-compression-loop.dnstap",
          dnstap_around(dnstap_frame(loop) + dnstap_frame(two_step) +
                        dnstap_frame(dns_response(b"x.example", answer_name=b"\xc0\x24"))))
    write("dnstap-dns-absurd-counts.dnstap",
          dnstap_around(dnstap_frame(dns_response(b"x.example", counts=(1, 65535, 65535, 65535)))
                        + dnstap_frame(dns_response(b"x.example", counts=(65535, 0, 0, 0)))))
    write("dnstap-dns-truncated-message.dnstap",
          dnstap_around(dnstap_frame(dns_response(b"x.example")[:11]) +
                        dnstap_frame(dns_response(b"x.example")[:-2]) + dnstap_frame(b"")))
    write("dnstap-dns-rdlength-overflow.dnstap",
          dnstap_around(dnstap_frame(dns_response(b"x.example", rdlength=65535)) +
                        dnstap_frame(dns_response(b"x.example", rdlength=2))))
    write("dnstap-dns-long-name.dnstap",
          dnstap_around(dnstap_frame(dns_response(b".".join([b"a" * 63] * 5))) +
                        dnstap_frame(dns_response(b".".join([b"a"] * 130)))))
    unknown_types = b"".join(frame(field_varint(15, 1000 + i)) for i in range(300))
    unknown_types += b"".join(
        frame(field_bytes(14, field_varint(1, 100 + i) + field_varint(12, TS)) + field_varint(15, 1))
        for i in range(300))
    write("dnstap-unknown-types.dnstap", dnstap_around(unknown_types))
    write("dnstap-dns-control-chars.dnstap",
          dnstap_around(dnstap_frame(dns_response(b"ctl\x00\x1b\x7f.bidi\xe2\x80\xae.example"))))

    # Wrong format behind the right extension; binary garbage.
    write("text-named.dnstap", BEFORE + AFTER)
    write("json-named.pcap", COF_BEFORE + COF_AFTER)
    write("binary-garbage.bin", bytes(rng.getrandbits(8) for _ in range(16384)))

    # Compressed: truncated, corrupt, bombs (limit: ratio 1000 after 16 MiB of output).
    lines = BEFORE + AFTER
    gz = gzip.compress(lines * 200, compresslevel=9, mtime=0)
    write("gzip-truncated.log.gz", gz[: len(gz) // 2])
    write("gzip-corrupt.log.gz", gz[:20] + bytes(b ^ 0x5A for b in gz[20:60]) + gz[60:])
    bomb_body = lines + b"\0" * (20 << 20)
    write("bomb-gzip.log.gz", gzip.compress(bomb_body, compresslevel=9, mtime=0))
    write("bomb-bzip2.log.bz2", bz2.compress(lines * ((100 << 20) // len(lines)), 9))
    zstd = subprocess.run(["zstd", "-19", "-q", "-c"], input=lines * ((200 << 20) // len(lines)),
                          capture_output=True, check=True).stdout
    write("bomb-zstd.log.zst", zstd)

    zone_files()

    for name in sorted(os.listdir(HERE)):
        if name not in ("README.md", "make_hostile.py"):
            print(f"{os.path.getsize(os.path.join(HERE, name)):>9}  {name}")


def zone_files():
    """A zone with every kind of trouble between its two good records."""
    lines = [
        b"$ORIGIN hostile.example.",
        b"$TTL 300",
        b"@ IN SOA ns1 host 1 2 3 4 5",
        b"good-before IN A 192.0.2.1",
        b"$INCLUDE /etc/passwd",                      # never followed
        b"$INCLUDE /etc/shadow bad..origin",          # stops the scanner
        b"long IN A 192.0.2.3 ; " + b"x" * 5000,      # long comment: fine
        b"l" * 3000 + b" IN A 192.0.2.4",             # label over 63 octets
        b"ctl IN TXT \"\x1b[31mred\x1b[0m\"",           # raw control bytes in a string
        b"nul\x00name IN A 192.0.2.5",
        bytes(range(256)) * 4,                        # binary garbage
        b"quote IN TXT \"never closed",
        b"bad IN A 192.0.2.300",
        b"other.example.net. IN A 192.0.2.6",         # outside the zone
        b"deep IN TXT ( \"a\" ( \"b\" )",              # nested parenthesis
        b"good-after IN A 192.0.2.2",
    ]
    write("zone-hostile.zone", b"\n".join(lines) + b"\n")


if __name__ == "__main__":
    main()
