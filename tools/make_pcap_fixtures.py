#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
# SPDX-FileCopyrightText: 2026 The Tapir authors
"""Writes the link-layer, IPv6, fragmentation and TCP variants of a real capture that the
pcap reader's tests use (tests/data/pcap/README.md). Only the standard library: every
header is built by hand from its RFC layout, so tshark (which decodes them independently)
can serve as the oracle.

    tools/make_pcap_fixtures.py tests/data/pcap/lab-cut.pcap tests/data/pcap

Reads an Ethernet/IPv4 pcap and writes, next to it:
  sll.pcap, sll2.pcap, raw.pcap, null.pcap, vlan.pcap   same packets, other link layers
  ipv6.pcap        every IPv4 packet as IPv6 (2001:db8::<v4 address>), checksums redone
  fragments.pcap   DNS responses over UDP fragmented: IPv4 (in order and reversed) and IPv6
  tcp-streams.pcap DNS responses over TCP: several per stream, split across segments at odd
                   places (the length prefix too), one segment early, one retransmitted
"""
import struct
import sys

ETH_IP4, ETH_IP6 = 0x0800, 0x86DD


def read_pcap(path):
    data = open(path, "rb").read()
    magic = struct.unpack("<I", data[:4])[0]
    assert magic == 0xA1B2C3D4, "little-endian microsecond pcap expected"
    linktype = struct.unpack("<I", data[20:24])[0]
    assert linktype == 1, "Ethernet expected"
    pos, out = 24, []
    while pos + 16 <= len(data):
        sec, usec, caplen, _ = struct.unpack("<IIII", data[pos:pos + 16])
        out.append((sec, usec, data[pos + 16:pos + 16 + caplen]))
        pos += 16 + caplen
    return out


def write_pcap(path, linktype, packets):
    with open(path, "wb") as f:
        f.write(struct.pack("<IHHiIII", 0xA1B2C3D4, 2, 4, 0, 0, 262144, linktype))
        for sec, usec, frame in packets:
            f.write(struct.pack("<IIII", sec, usec, len(frame), len(frame)))
            f.write(frame)


def checksum(data):
    if len(data) % 2:
        data += b"\0"
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    return (~s) & 0xFFFF


def ipv4_header(src, dst, proto, payload_len, ident=0, frag=0):
    h = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 20 + payload_len, ident, frag, 64, proto, 0, src, dst)
    return h[:10] + struct.pack("!H", checksum(h)) + h[12:]


def v6(addr4):
    return bytes.fromhex("20010db8000000000000000000000000")[:12] + addr4


def l4_with_checksum(proto, src, dst, l4):
    """Recomputes a UDP/TCP checksum over the IPv6 pseudo-header (RFC 8200 §8.1)."""
    off = 6 if proto == 17 else 16
    l4 = l4[:off] + b"\0\0" + l4[off + 2:]
    pseudo = src + dst + struct.pack("!I3xB", len(l4), proto)
    c = checksum(pseudo + l4) or 0xFFFF
    return l4[:off] + struct.pack("!H", c) + l4[off + 2:]


def split_eth(frame):
    return frame[:12], struct.unpack("!H", frame[12:14])[0], frame[14:]


def main(src_path, outdir):
    packets = read_pcap(src_path)
    ip_packets = []  # (sec, usec, ethertype, ip datagram)
    for sec, usec, frame in packets:
        _, et, ip = split_eth(frame)
        ip_packets.append((sec, usec, et, ip))

    def sll(et, ip):
        return struct.pack("!HHH8sH", 0, 1, 6, b"\x02\0\0\0\0\x01\0\0", et) + ip

    def sll2(et, ip):
        return struct.pack("!HHIHBB8s", et, 0, 1, 1, 0, 6, b"\x02\0\0\0\0\x01\0\0") + ip

    def null(et, ip):
        return struct.pack("<I", 2 if et == ETH_IP4 else 10) + ip

    def vlan(i, et, ip):
        macs = b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02"
        tags = struct.pack("!HH", 0x8100, 100) if i % 2 else \
            struct.pack("!HHHH", 0x88A8, 10, 0x8100, 200)  # every other frame double-tagged
        return macs + tags + struct.pack("!H", et) + ip

    write_pcap(outdir + "/sll.pcap", 113, [(s, u, sll(e, ip)) for s, u, e, ip in ip_packets])
    write_pcap(outdir + "/sll2.pcap", 276, [(s, u, sll2(e, ip)) for s, u, e, ip in ip_packets])
    write_pcap(outdir + "/raw.pcap", 101, [(s, u, ip) for s, u, e, ip in ip_packets])
    write_pcap(outdir + "/null.pcap", 0, [(s, u, null(e, ip)) for s, u, e, ip in ip_packets])
    write_pcap(outdir + "/vlan.pcap", 1,
               [(s, u, vlan(i, e, ip)) for i, (s, u, e, ip) in enumerate(ip_packets)])

    # IPv6: same transport payloads, new network header.
    v6frames = []
    udp_responses = []  # (sec, usec, src, dst, udp segment) of DNS responses, for later
    for sec, usec, et, ip in ip_packets:
        if et != ETH_IP4:
            continue
        ihl = (ip[0] & 15) * 4
        total = struct.unpack("!H", ip[2:4])[0]
        proto, src, dst = ip[9], ip[12:16], ip[16:20]
        if proto not in (6, 17):
            continue
        l4 = ip[ihl:total]
        s6, d6 = v6(src), v6(dst)
        l4 = l4_with_checksum(proto, s6, d6, l4)
        hdr = struct.pack("!IHBB16s16s", 6 << 28, len(l4), proto, 64, s6, d6)
        v6frames.append((sec, usec, b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x86\xdd" + hdr + l4))
        if proto == 17 and struct.unpack("!H", l4[:2])[0] == 53 and len(l4) > 8 + 12 and \
                l4[10] & 0x80:
            udp_responses.append((sec, usec, src, dst, ip[ihl:total]))
    write_pcap(outdir + "/ipv6.pcap", 1, v6frames)

    # Fragments: the 40 largest responses, IPv4 in order, IPv4 reversed, IPv6 in order.
    eth4 = b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x08\x00"
    eth6 = b"\x02\0\0\0\0\x01\x02\0\0\0\0\x02\x86\xdd"
    big = sorted(udp_responses, key=lambda r: -len(r[4]))[:40]
    big.sort(key=lambda r: (r[0], r[1]))
    frag_frames = []
    for n, (sec, usec, src, dst, udp) in enumerate(big):
        ident = 0x1000 + n
        size = 48 if n % 3 else 16  # multiples of 8
        pieces = [(off, udp[off:off + size]) for off in range(0, len(udp), size)]
        if n % 3 == 0:
            frames = []
            s6, d6 = v6(src), v6(dst)
            udp6 = l4_with_checksum(17, s6, d6, udp)
            for off, chunk in [(o, udp6[o:o + size]) for o in range(0, len(udp6), size)]:
                more = 1 if off + size < len(udp6) else 0
                fh = struct.pack("!BBHI", 17, 0, off | more, ident)
                hdr = struct.pack("!IHBB16s16s", 6 << 28, len(fh) + len(chunk), 44, 64, s6, d6)
                frames.append(eth6 + hdr + fh + chunk)
        else:
            frames = []
            for off, chunk in pieces:
                more = 0x2000 if off + size < len(udp) else 0
                frames.append(eth4 + ipv4_header(src, dst, 17, len(chunk), ident, more | off // 8)
                              + chunk)
            if n % 3 == 2:
                frames.reverse()
        frag_frames += [(sec, usec, f) for f in frames]
    write_pcap(outdir + "/fragments.pcap", 1, frag_frames)

    # TCP: responses regrouped into streams of five, each message with its length prefix.
    tcp_frames = []
    client, server = bytes([192, 0, 2, 10]), bytes([192, 0, 2, 53])

    def seg(sec, usec, sport, dport, seq, ack, flags, payload, src, dst):
        tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0) + payload
        pseudo = src + dst + struct.pack("!BBH", 0, 6, len(tcp))
        tcp = tcp[:16] + struct.pack("!H", checksum(pseudo + tcp)) + tcp[18:]
        return (sec, usec, eth4 + ipv4_header(src, dst, 6, len(tcp)) + tcp)

    groups = [udp_responses[i:i + 5] for i in range(0, min(len(udp_responses), 60), 5)]
    for g, group in enumerate(groups):
        sec, usec = group[0][0], group[0][1]
        cport = 40000 + g
        stream = b"".join(struct.pack("!H", len(r[4]) - 8) + r[4][8:] for r in group)
        cseq, sseq = 1000, 5000 + g * 100000
        tcp_frames.append(seg(sec, usec, cport, 53, cseq, 0, 0x02, b"", client, server))
        tcp_frames.append(seg(sec, usec, 53, cport, sseq, cseq + 1, 0x12, b"", server, client))
        # The client's side: one query-like message that must be dropped.
        q = group[0][4][8:]
        query = q[:2] + bytes([q[2] & 0x7F]) + q[3:]
        tcp_frames.append(seg(sec, usec, cport, 53, cseq + 1, sseq + 1, 0x18,
                              struct.pack("!H", len(query)) + query, client, server))
        # Server side cut at odd places: 1 byte (half a length prefix), then 7, 13, rest...
        cuts, pos, step = [], 0, [1, 7, 13, 101, 5, 300]
        while pos < len(stream):
            n = step[len(cuts) % len(step)]
            cuts.append((pos, stream[pos:pos + n]))
            pos += n
        segs = [seg(sec, usec, 53, cport, sseq + 1 + off, cseq + 1 + 2 + len(query), 0x18, chunk,
                    server, client) for off, chunk in cuts]
        if g % 2 == 0 and len(segs) > 3:
            segs[1], segs[2] = segs[2], segs[1]  # one segment arrives early
        if g % 3 == 0 and len(segs) > 4:
            segs.insert(4, segs[3])  # and one is retransmitted
        tcp_frames += segs
        tcp_frames.append(seg(sec, usec, 53, cport, sseq + 1 + len(stream), 0, 0x11, b"",
                              server, client))
    write_pcap(outdir + "/tcp-streams.pcap", 1, tcp_frames)


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2])
