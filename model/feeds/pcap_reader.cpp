// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Packet captures to observations.
//
// Terms: a *packet* is one captured frame; its *link layer* (Ethernet, SLL, ...) wraps an
// IPv4/IPv6 *datagram*, which may arrive as *fragments* to be reassembled; a *segment* is
// one TCP packet's payload, placed in its *stream* (one direction of a connection) by
// sequence number. DNS over TCP frames each message with a two-octet length (RFC 1035
// §4.2.2), and one stream may carry several messages.
//
// Steps: libpcap reads the capture from the InputStream (fopencookie turns the stream into
// the FILE* that pcap_fopen_offline wants; libpcap handles pcap/pcapng and byte order).
// Each packet is unwrapped down to IP; IPv4 fragments and IPv6 fragment headers go to a
// bounded reassembly table keyed by (addresses, id). UDP payloads from a DNS port are parsed
// at once. TCP segments from a DNS port are appended to their stream in sequence order
// (retransmitted bytes trimmed, early segments held up to a limit); each complete
// length-prefixed message is cut from the front. A stream picked up mid-way, or that fails
// to parse, resynchronises at the next segment. Parsed responses are turned into
// observations as the dnstap reader does: every class-IN RR except OPT, plus an NXDOMAIN
// observation for the end of the CNAME chain. Queries (QR=0) and packets to a DNS port are
// the client side and are dropped without parsing.
//
// Memory: stream buffers hold at most one message plus the held-back segments (capped),
// the stream and fragment tables are capped and expire by capture time, so memory does not
// grow with the capture's size.
#include "feeds/pcap_reader.h"

#include <pcap/pcap.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <map>
#include <optional>
#include <span>
#include <unordered_map>

#include "common/observation.h"
#include "dns/rrtype.h"
#include "dns/wire.h"
#include "feeds/input_stream.h"

namespace tapir {
namespace {

constexpr std::uint8_t kProtoTcp = 6;
constexpr std::uint8_t kProtoUdp = 17;
constexpr std::size_t kMaxHeldBytes = 256 * 1024;  // out-of-order bytes held per stream
constexpr std::uint64_t kCancelCheckMask = 0x3ff;

// Link types as pcap_datalink() reports them (DLT_* values).
constexpr int kDltNull = 0;
constexpr int kDltEthernet = 1;
constexpr int kDltRaw = 12;
constexpr int kDltRawBsd = 14;
constexpr int kDltLoop = 108;
constexpr int kDltLinuxSll = 113;
constexpr int kDltIpv4 = 228;
constexpr int kDltIpv6 = 229;
constexpr int kDltLinuxSll2 = 276;

inline std::uint16_t be16(const std::uint8_t* p) {
    return static_cast<std::uint16_t>((p[0] << 8) | p[1]);
}
inline std::uint32_t be32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           p[3];
}

// fopencookie callbacks: libpcap reads the InputStream through a FILE*.
struct Cookie {
    InputStream* input = nullptr;
    std::optional<Error> error;
    std::uint64_t bytes = 0;
};

ssize_t cookieRead(void* c, char* buf, size_t size) {
    auto* cookie = static_cast<Cookie*>(c);
    auto n = cookie->input->read(reinterpret_cast<std::byte*>(buf), size);
    if (!n) {
        cookie->error = n.error();
        errno = EIO;
        return -1;
    }
    cookie->bytes += *n;
    return static_cast<ssize_t>(*n);
}

// Only answers "where am I" (ftell), so a damaged packet can be reported by offset.
int cookieSeek(void* c, off64_t* pos, int whence) {
    auto* cookie = static_cast<Cookie*>(c);
    if (whence == SEEK_CUR && *pos == 0) {
        *pos = static_cast<off64_t>(cookie->bytes);
        return 0;
    }
    errno = ESPIPE;
    return -1;
}

int cookieClose(void*) {
    return 0;
}

using Address = std::array<std::uint8_t, 16>;

struct FragmentKey {
    Address src{}, dst{};
    std::uint32_t id = 0;
    std::uint8_t proto = 0;
    std::uint8_t version = 0;
    bool operator==(const FragmentKey&) const = default;
};

struct FlowKey {
    Address src{}, dst{};
    std::uint16_t sport = 0, dport = 0;
    bool operator==(const FlowKey&) const = default;
};

// FNV-1a, field by field (hashing the struct's bytes would read its padding).
struct Fnv {
    std::size_t h = 1469598103934665603ULL;
    void bytes(const std::uint8_t* p, std::size_t n) {
        for (std::size_t i = 0; i < n; ++i)
            h = (h ^ p[i]) * 1099511628211ULL;
    }
    void number(std::uint64_t v) {
        for (int i = 0; i < 8; ++i)
            h = (h ^ ((v >> (8 * i)) & 0xff)) * 1099511628211ULL;
    }
};
struct FragmentKeyHash {
    std::size_t operator()(const FragmentKey& k) const {
        Fnv f;
        f.bytes(k.src.data(), k.src.size());
        f.bytes(k.dst.data(), k.dst.size());
        f.number((std::uint64_t{k.id} << 16) | (std::uint64_t{k.proto} << 8) | k.version);
        return f.h;
    }
};
struct FlowKeyHash {
    std::size_t operator()(const FlowKey& k) const {
        Fnv f;
        f.bytes(k.src.data(), k.src.size());
        f.bytes(k.dst.data(), k.dst.size());
        f.number((std::uint64_t{k.sport} << 16) | k.dport);
        return f.h;
    }
};

// One datagram being reassembled from fragments.
struct Reassembly {
    std::vector<std::uint8_t> data;
    std::vector<bool> have;  // per 8-octet block
    std::optional<std::size_t> total;
    std::int64_t started = 0;

    // Adds a fragment; true once the datagram is complete.
    bool add(std::size_t offset, std::span<const std::uint8_t> payload, bool more) {
        const std::size_t end = offset + payload.size();
        if (end > 65535)
            return false;
        if (data.size() < end) {
            data.resize(end);
            have.resize((end + 7) / 8);
        }
        if (!payload.empty())  // an empty fragment on an empty buffer: memcpy(nullptr) is UB
            std::memcpy(data.data() + offset, payload.data(), payload.size());
        for (std::size_t b = offset / 8; b < (end + 7) / 8; ++b)
            have[b] = true;
        if (!more)
            total = end;
        if (!total || data.size() < *total)
            return false;
        for (std::size_t b = 0; b < (*total + 7) / 8; ++b) {
            if (!have[b])
                return false;
        }
        data.resize(*total);
        return true;
    }
};

struct TcpStream {
    bool synced = false;
    std::uint32_t nextSeq = 0;
    std::vector<std::uint8_t> buffer;  // in-order bytes not yet cut into messages
    std::map<std::uint32_t, std::vector<std::uint8_t>> held;  // early segments by seq
    std::size_t heldBytes = 0;
    std::int64_t lastSeen = 0;

    void reset() {
        synced = false;
        buffer.clear();
        held.clear();
        heldBytes = 0;
    }
};

class PacketDecoder {
public:
    PacketDecoder(const PcapOptions& options, ObservationSink& sink, ReadContext& context)
        : m_options(options), m_sink(sink), m_context(context) {}

    void packet(int linkType, const pcap_pkthdr& header, const std::uint8_t* data,
                std::uint64_t number, std::uint64_t offset) {
        m_time = header.ts.tv_sec;
        m_number = number;
        m_offset = offset;
        std::span<const std::uint8_t> p(data, header.caplen);
        std::uint16_t etherType = 0;
        switch (linkType) {
            case kDltEthernet:
                if (p.size() < 14)
                    return bad("truncated Ethernet header");
                etherType = be16(p.data() + 12);
                p = p.subspan(14);
                break;
            case kDltLinuxSll:
                if (p.size() < 16)
                    return bad("truncated Linux cooked (SLL) header");
                etherType = be16(p.data() + 14);
                p = p.subspan(16);
                break;
            case kDltLinuxSll2:
                if (p.size() < 20)
                    return bad("truncated Linux cooked (SLL2) header");
                etherType = be16(p.data());
                p = p.subspan(20);
                break;
            case kDltNull:
            case kDltLoop: {
                if (p.size() < 4)
                    return bad("truncated loopback header");
                // NULL stores the family in the capturing host's byte order, LOOP in network
                // order; AF_INET is 2 everywhere, AF_INET6 is 10 (Linux), 24, 28 or 30 (BSDs).
                std::uint32_t family = be32(p.data());
                if (linkType == kDltNull && family > 0xffff) {
                    family = std::uint32_t{p[0]} | (std::uint32_t{p[1]} << 8);
                }
                p = p.subspan(4);
                if (family == 2)
                    etherType = 0x0800;
                else if (family == 10 || family == 24 || family == 28 || family == 30)
                    etherType = 0x86dd;
                else
                    return drop("non-IP packets");
                break;
            }
            case kDltRaw:
            case kDltRawBsd:
            case kDltIpv4:
            case kDltIpv6:
                if (p.empty())
                    return bad("empty packet");
                etherType = (p[0] >> 4) == 6 ? 0x86dd : 0x0800;
                break;
            default:
                return;  // checked before the loop
        }
        // 802.1Q, 802.1ad and the old QinQ tag, possibly stacked.
        while (etherType == 0x8100 || etherType == 0x88a8 || etherType == 0x9100) {
            if (p.size() < 4)
                return bad("truncated VLAN tag");
            etherType = be16(p.data() + 2);
            p = p.subspan(4);
        }
        if (etherType == 0x0800) {
            ipv4(p);
        } else if (etherType == 0x86dd) {
            ipv6(p);
        } else {
            drop("non-IP packets");
        }
    }

    void expire() {
        std::erase_if(m_fragments, [&](const auto& kv) {
            return m_time - kv.second.started > m_options.idleSeconds;
        });
        std::erase_if(m_streams, [&](const auto& kv) {
            return m_time - kv.second.lastSeen > m_options.idleSeconds;
        });
    }

private:
    void bad(const std::string& message) {
        m_context.badRecordAtOffset(m_offset,
                                    "packet " + std::to_string(m_number) + ": " + message);
    }
    void drop(const std::string& reason) { m_context.drop(reason); }

    bool isDnsPort(std::uint16_t port) const {
        return std::find(m_options.ports.begin(), m_options.ports.end(), port) !=
               m_options.ports.end();
    }

    void ipv4(std::span<const std::uint8_t> p) {
        if (p.size() < 20 || (p[0] >> 4) != 4)
            return bad("bad IPv4 header");
        const std::size_t ihl = std::size_t{p[0] & 0x0fu} * 4;
        const std::size_t total = be16(p.data() + 2);
        if (ihl < 20 || total < ihl || p.size() < ihl)
            return bad("bad IPv4 header length");
        if (p.size() < total)
            return bad("IPv4 datagram truncated by the capture");
        p = p.first(total);
        FragmentKey key;
        std::memcpy(key.src.data(), p.data() + 12, 4);
        std::memcpy(key.dst.data(), p.data() + 16, 4);
        key.proto = p[9];
        key.version = 4;
        const std::uint16_t frag = be16(p.data() + 6);
        const bool more = (frag & 0x2000) != 0;
        const std::size_t offset = std::size_t{frag & 0x1fffu} * 8;
        const auto payload = p.subspan(ihl);
        if (!more && offset == 0) {
            return transport(key.proto, key.src, key.dst, payload);
        }
        key.id = be16(p.data() + 4);
        fragment(key, offset, payload, more);
    }

    void ipv6(std::span<const std::uint8_t> p) {
        if (p.size() < 40 || (p[0] >> 4) != 6)
            return bad("bad IPv6 header");
        const std::size_t payloadLength = be16(p.data() + 4);
        if (p.size() < 40 + payloadLength)
            return bad("IPv6 datagram truncated by the capture");
        FragmentKey key;
        std::memcpy(key.src.data(), p.data() + 8, 16);
        std::memcpy(key.dst.data(), p.data() + 24, 16);
        key.version = 6;
        std::uint8_t next = p[6];
        p = p.subspan(40, payloadLength);
        // Walk the extension headers (RFC 8200 §4).
        for (int hops = 0; hops < 16; ++hops) {
            if (next == 0 || next == 43 || next == 60) {  // hop-by-hop, routing, destination
                if (p.size() < 8)
                    return bad("truncated IPv6 extension header");
                const std::size_t len = (std::size_t{p[1]} + 1) * 8;
                if (p.size() < len)
                    return bad("truncated IPv6 extension header");
                next = p[0];
                p = p.subspan(len);
            } else if (next == 51) {  // authentication header
                if (p.size() < 8)
                    return bad("truncated IPv6 AH");
                const std::size_t len = (std::size_t{p[1]} + 2) * 4;
                if (p.size() < len)
                    return bad("truncated IPv6 AH");
                next = p[0];
                p = p.subspan(len);
            } else if (next == 44) {  // fragment
                if (p.size() < 8)
                    return bad("truncated IPv6 fragment header");
                key.proto = p[0];
                const std::uint16_t offMore = be16(p.data() + 2);
                key.id = be32(p.data() + 4);
                const std::size_t offset = std::size_t{offMore & 0xfff8u};
                const bool more = (offMore & 1) != 0;
                if (!more && offset == 0) {  // an atomic fragment (RFC 6946)
                    next = key.proto;
                    p = p.subspan(8);
                    continue;
                }
                return fragment(key, offset, p.subspan(8), more);
            } else {
                return transport(next, key.src, key.dst, p);
            }
        }
        bad("too many IPv6 extension headers");
    }

    void fragment(const FragmentKey& key, std::size_t offset, std::span<const std::uint8_t> payload,
                  bool more) {
        if (m_fragments.size() >= m_options.maxFragmentedDatagrams && !m_fragments.count(key)) {
            expire();
            if (m_fragments.size() >= m_options.maxFragmentedDatagrams) {
                m_context.drop("fragments dropped (too many datagrams in reassembly)");
                return;
            }
        }
        auto [it, inserted] = m_fragments.try_emplace(key);
        if (inserted)
            it->second.started = m_time;
        if (offset + payload.size() > 65535) {
            m_fragments.erase(it);
            return bad("fragment beyond the largest datagram");
        }
        if (!it->second.add(offset, payload, more))
            return;
        const std::vector<std::uint8_t> whole = std::move(it->second.data);
        m_fragments.erase(it);
        transport(key.proto, key.src, key.dst, whole);
    }

    void transport(std::uint8_t proto, const Address& src, const Address& dst,
                   std::span<const std::uint8_t> p) {
        if (proto == kProtoUdp) {
            if (p.size() < 8)
                return bad("truncated UDP header");
            const std::uint16_t sport = be16(p.data());
            const std::uint16_t dport = be16(p.data() + 2);
            std::size_t length = be16(p.data() + 4);
            if (length < 8 || length > p.size())
                length = p.size();  // 0 in jumbograms
            if (!isDnsPort(sport)) {
                return drop(isDnsPort(dport) ? "queries (client side)" : "non-DNS packets");
            }
            message(p.subspan(8, length - 8), "UDP");
            return;
        }
        if (proto == kProtoTcp) {
            return tcp(src, dst, p);
        }
        drop("non-DNS packets");
    }

    void tcp(const Address& src, const Address& dst, std::span<const std::uint8_t> p) {
        if (p.size() < 20)
            return bad("truncated TCP header");
        const std::uint16_t sport = be16(p.data());
        const std::uint16_t dport = be16(p.data() + 2);
        const std::size_t dataOffset = static_cast<std::size_t>(p[12] >> 4) * 4;
        if (dataOffset < 20 || dataOffset > p.size())
            return bad("bad TCP header length");
        if (!isDnsPort(sport)) {
            return drop(isDnsPort(dport) ? "queries (client side)" : "non-DNS packets");
        }
        const std::uint8_t flags = p[13];
        const bool syn = (flags & 0x02) != 0;
        const bool fin = (flags & 0x01) != 0;
        const bool rst = (flags & 0x04) != 0;
        std::uint32_t seq = be32(p.data() + 4);
        auto payload = p.subspan(dataOffset);

        FlowKey key;
        key.src = src;
        key.dst = dst;
        key.sport = sport;
        key.dport = dport;
        auto it = m_streams.find(key);
        if (it == m_streams.end()) {
            if (payload.empty() && !syn)
                return;
            if (m_streams.size() >= m_options.maxTcpStreams) {
                expire();
                if (m_streams.size() >= m_options.maxTcpStreams) {
                    evictIdlest();
                }
            }
            it = m_streams.try_emplace(key).first;
        }
        TcpStream& s = it->second;
        s.lastSeen = m_time;
        if (syn) {
            s.reset();
            s.synced = true;
            s.nextSeq = seq + 1;
            seq += 1;
        }
        if (!payload.empty()) {
            if (!s.synced) {  // picked up mid-stream: hope a message starts here
                s.synced = true;
                s.nextSeq = seq;
            }
            segment(s, seq, payload);
        }
        if (fin || rst) {
            m_streams.erase(it);
        }
    }

    void segment(TcpStream& s, std::uint32_t seq, std::span<const std::uint8_t> payload) {
        const auto diff = static_cast<std::int32_t>(seq - s.nextSeq);
        if (diff > 0) {  // early: hold it until the gap is filled
            if (s.heldBytes + payload.size() > kMaxHeldBytes) {
                bad("TCP stream has a gap that was never filled; stream dropped");
                s.reset();
                return;
            }
            auto [h, inserted] = s.held.try_emplace(seq, payload.begin(), payload.end());
            if (inserted)
                s.heldBytes += payload.size();
            return;
        }
        const auto skip = static_cast<std::size_t>(-static_cast<std::int64_t>(diff));
        if (skip < payload.size()) {  // retransmitted bytes are trimmed
            append(s, payload.subspan(skip));
        }
        // Held segments that now fit.
        while (!s.held.empty()) {
            auto h = s.held.begin();
            const auto d = static_cast<std::int32_t>(h->first - s.nextSeq);
            if (d > 0)
                break;
            std::vector<std::uint8_t> bytes = std::move(h->second);
            s.heldBytes -= bytes.size();
            s.held.erase(h);
            const auto trim = static_cast<std::size_t>(-static_cast<std::int64_t>(d));
            if (trim < bytes.size()) {
                append(s, std::span<const std::uint8_t>(bytes).subspan(trim));
            }
        }
    }

    void append(TcpStream& s, std::span<const std::uint8_t> bytes) {
        s.nextSeq += static_cast<std::uint32_t>(bytes.size());
        s.buffer.insert(s.buffer.end(), bytes.begin(), bytes.end());
        std::size_t pos = 0;
        while (s.buffer.size() - pos >= 2) {
            const std::size_t len = be16(s.buffer.data() + pos);
            if (s.buffer.size() - pos < 2 + len)
                break;
            const bool ok =
                message(std::span<const std::uint8_t>(s.buffer).subspan(pos + 2, len), "TCP");
            pos += 2 + len;
            if (!ok) {  // lost framing: start again at the next segment
                s.buffer.clear();
                s.synced = false;
                s.held.clear();
                s.heldBytes = 0;
                return;
            }
        }
        s.buffer.erase(s.buffer.begin(), s.buffer.begin() + static_cast<std::ptrdiff_t>(pos));
    }

    void evictIdlest() {
        // Rare (only past maxTcpStreams live streams): drop the older half.
        std::vector<std::int64_t> seen;
        seen.reserve(m_streams.size());
        for (const auto& kv : m_streams)
            seen.push_back(kv.second.lastSeen);
        std::nth_element(seen.begin(), seen.begin() + static_cast<std::ptrdiff_t>(seen.size() / 2),
                         seen.end());
        const std::int64_t cut = seen[seen.size() / 2];
        const std::size_t before = m_streams.size();
        std::erase_if(m_streams, [&](const auto& kv) { return kv.second.lastSeen <= cut; });
        m_context.drop("TCP streams dropped (too many open)", before - m_streams.size());
    }

    // One DNS message from a server port; false if it cannot be parsed.
    bool message(std::span<const std::uint8_t> wire, const char* transportName) {
        if (wire.size() >= 3 && (wire[2] & 0x80) == 0) {
            drop("queries (client side)");
            return true;
        }
        if (auto st = dns::parseMessage(wire, m_message); !st) {
            bad(std::string("malformed DNS message over ") + transportName + ": " +
                st.error().message + " (message octet " +
                std::to_string(st.error().offset.value_or(0)) + ")");
            return false;
        }
        if (!m_message.header.response()) {
            drop("queries (client side)");
            return true;
        }
        if (m_message.header.opcode() != 0) {
            drop("responses with an opcode other than QUERY");
            return true;
        }
        emit();
        return true;
    }

    void emit() {
        // The name an NXDOMAIN is about, found before the records are moved out.
        auto nx = dns::nxdomainSubject(m_message);
        std::string nxName = nx ? std::move(nx->name) : std::string();
        const std::uint16_t nxType = nx ? nx->type : 0;
        std::uint64_t otherClass = 0;
        for (auto& rr : m_message.records) {
            if (rr.rrClass != dns::kClassIn) {
                ++otherClass;
                continue;
            }
            add(std::move(rr.name), rr.type, std::move(rr.rdata));
        }
        if (otherClass > 0) {
            m_context.drop("non-IN class RRs (not stored)", otherClass);
        }
        if (!nxName.empty()) {
            add(std::move(nxName), kNxdomainType, dns::typeName(nxType));
        }
    }

    void add(std::string name, std::uint32_t type, std::string rdata) {
        Observation o;
        o.rrname = std::move(name);
        o.rrtype = type;
        o.rdata = std::move(rdata);
        o.firstSeen = o.lastSeen = m_time;
        ++m_context.stats().observations;
        m_sink.add(std::move(o));
    }

    const PcapOptions& m_options;
    ObservationSink& m_sink;
    ReadContext& m_context;
    dns::Message m_message;
    std::int64_t m_time = 0;
    std::uint64_t m_number = 0;
    std::uint64_t m_offset = 0;  // of the packet's record in the (decompressed) capture
    std::unordered_map<FragmentKey, Reassembly, FragmentKeyHash> m_fragments;
    std::unordered_map<FlowKey, TcpStream, FlowKeyHash> m_streams;
};

bool supportedLinkType(int t) {
    return t == kDltNull || t == kDltEthernet || t == kDltRaw || t == kDltRawBsd || t == kDltLoop ||
           t == kDltLinuxSll || t == kDltIpv4 || t == kDltIpv6 || t == kDltLinuxSll2;
}

}  // namespace

PcapOptions PcapOptions::fromEnvironment() {
    PcapOptions options;
    const char* env = std::getenv("TAPIR_DNS_PORTS");
    if (env == nullptr || *env == '\0')
        return options;
    std::vector<std::uint16_t> ports;
    std::string_view s(env);
    while (!s.empty()) {
        const std::size_t comma = s.find(',');
        const std::string item(s.substr(0, comma));
        const long v = std::strtol(item.c_str(), nullptr, 10);
        if (v > 0 && v < 65536)
            ports.push_back(static_cast<std::uint16_t>(v));
        if (comma == std::string_view::npos)
            break;
        s.remove_prefix(comma + 1);
    }
    if (!ports.empty())
        options.ports = std::move(ports);
    return options;
}

int PcapReader::probe(std::string_view head) {
    if (head.size() < 4)
        return 0;
    const auto* p = reinterpret_cast<const std::uint8_t*>(head.data());
    const std::uint32_t magic = be32(p);
    switch (magic) {
        case 0xa1b2c3d4:
        case 0xd4c3b2a1:  // pcap, microseconds
        case 0xa1b23c4d:
        case 0x4d3cb2a1:  // pcap, nanoseconds
        case 0x0a0d0d0a:  // pcapng section header block
            return 95;
        default:
            return 0;
    }
}

Status PcapReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    Cookie cookie;
    cookie.input = &input;
    cookie_io_functions_t io{};
    io.read = &cookieRead;
    io.seek = &cookieSeek;
    io.close = &cookieClose;
    std::FILE* file = fopencookie(&cookie, "rb", io);
    if (file == nullptr) {
        return makeError(ErrorCode::Io, "cannot set up the capture stream", context.path());
    }
    std::array<char, PCAP_ERRBUF_SIZE> errbuf{};
    pcap_t* pcap = pcap_fopen_offline(file, errbuf.data());  // owns `file` from here
    if (pcap == nullptr) {
        std::fclose(file);
        if (cookie.error)
            return *cookie.error;
        return makeError(ErrorCode::Format, std::string("not a readable capture: ") + errbuf.data(),
                         context.path());
    }
    struct Closer {
        pcap_t* p;
        ~Closer() { pcap_close(p); }
    } closer{pcap};

    const int linkType = pcap_datalink(pcap);
    if (!supportedLinkType(linkType)) {
        const char* name = pcap_datalink_val_to_name(linkType);
        return makeError(ErrorCode::Unsupported,
                         "capture link type " + std::string(name ? name : "?") + " (" +
                             std::to_string(linkType) +
                             ") is not supported (Ethernet, Linux cooked SLL/SLL2, raw IP and "
                             "loopback are)",
                         context.path());
    }
    PacketDecoder decoder(m_options, sink, context);
    std::uint64_t packets = 0;
    for (;;) {
        const long position = std::ftell(file);
        pcap_pkthdr* header = nullptr;
        const u_char* data = nullptr;
        const int rc = pcap_next_ex(pcap, &header, &data);
        if (rc == PCAP_ERROR_BREAK)
            break;  // end of file
        if (rc != 1) {
            if (cookie.error)
                return *cookie.error;
            // A capture cut short mid-packet (a capture still being written, a copied
            // prefix) keeps what came before.
            context.warn("capture ends with a damaged or truncated packet after packet " +
                         std::to_string(packets) + ": " + pcap_geterr(pcap));
            break;
        }
        ++packets;
        ++context.stats().recordsRead;
        context.tick(input);
        if ((packets & kCancelCheckMask) == 0 && context.cancelled()) {
            return makeError(ErrorCode::Cancelled, "import cancelled", context.path());
        }
        if ((packets & 0xffff) == 0) {
            decoder.expire();
        }
        decoder.packet(linkType, *header, data, packets,
                       position < 0 ? cookie.bytes : static_cast<std::uint64_t>(position));
    }
    return {};
}

}  // namespace tapir
