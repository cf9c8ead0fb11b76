// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Frame Streams + dnstap protobuf + DNS wire encoder (the writing side of what
// model/feeds/dnstap_reader.cpp decodes), from the published formats:
//  - Frame Streams: a control frame is an escape (32-bit zero), its length, its type
//    (START = 2, STOP = 3) and fields (CONTENT_TYPE = 1: length + string); a data frame is
//    a 32-bit big-endian length and the payload. All integers big-endian.
//  - protobuf (dnstap.proto of golang-github-dnstap-golang-dnstap): Dnstap{identity = 1,
//    version = 2, type = 15 (MESSAGE = 1), message = 14}; Message{type = 1
//    (RESOLVER_RESPONSE = 4), socket_family = 2, socket_protocol = 3, query_address = 4,
//    response_address = 5, query_port = 6, response_port = 7, query_time_sec = 8,
//    query_time_nsec = 9 (fixed32), query_zone = 11, response_time_sec = 12,
//    response_time_nsec = 13 (fixed32), response_message = 14}.
//  - DNS (RFC 1035): header, one question, the records; names compressed against every
//    suffix already written (also inside NS, CNAME, PTR, MX and SOA rdata, as §4.1.4
//    allows for these well-known types); an OPT RR (RFC 6891) closes the message.
#include "dnstap_file_writer.h"

#include <cerrno>
#include <cstring>
#include <string_view>
#include <vector>

namespace tapir::bench {
namespace {

constexpr std::string_view kContentType = "protobuf:dnstap.Dnstap";

void put16(std::string& out, std::uint32_t v) {
    out += static_cast<char>((v >> 8) & 0xff);
    out += static_cast<char>(v & 0xff);
}
void put32(std::string& out, std::uint32_t v) {
    put16(out, v >> 16);
    put16(out, v & 0xffff);
}

void putVarint(std::string& out, std::uint64_t v) {
    while (v >= 0x80) {
        out += static_cast<char>((v & 0x7f) | 0x80);
        v >>= 7;
    }
    out += static_cast<char>(v);
}
void putTag(std::string& out, std::uint32_t field, std::uint32_t wireType) {
    putVarint(out, (field << 3) | wireType);
}
void putBytes(std::string& out, std::uint32_t field, std::string_view bytes) {
    putTag(out, field, 2);
    putVarint(out, bytes.size());
    out += bytes;
}
void putUint(std::string& out, std::uint32_t field, std::uint64_t v) {
    putTag(out, field, 0);
    putVarint(out, v);
}
void putFixed32(std::string& out, std::uint32_t field, std::uint32_t v) {
    putTag(out, field, 5);
    for (int i = 0; i < 4; ++i)
        out += static_cast<char>((v >> (8 * i)) & 0xff);
}

// Uncompressed wire form of a name in normal form ("." is the root).
std::string wireName(std::string_view name) {
    std::string out;
    if (name != ".") {
        std::size_t start = 0;
        while (start <= name.size()) {
            const std::size_t dot = std::min(name.find('.', start), name.size());
            out += static_cast<char>(dot - start);
            out.append(name.substr(start, dot - start));
            start = dot + 1;
        }
    }
    out += '\0';
    return out;
}

// Writes names with compression: remembers where each suffix was written.
class NameCompressor {
public:
    void reset() { m_suffixes.clear(); }
    void write(std::string& out, std::string_view name) {
        std::string_view rest = name;
        while (!rest.empty()) {
            for (const auto& [suffix, offset] : m_suffixes) {
                if (suffix == rest) {
                    put16(out, 0xc000 | offset);
                    return;
                }
            }
            if (out.size() < 0x3fff)
                m_suffixes.emplace_back(std::string(rest), static_cast<std::uint32_t>(out.size()));
            const std::size_t dot = rest.find('.');
            const std::string_view label = rest.substr(0, dot);
            out += static_cast<char>(label.size());
            out.append(label);
            rest = dot == std::string_view::npos ? std::string_view() : rest.substr(dot + 1);
        }
        out += '\0';
    }

private:
    std::vector<std::pair<std::string, std::uint32_t>> m_suffixes;
};

}  // namespace

DnstapFileWriter::~DnstapFileWriter() {
    if (m_file != nullptr)
        std::fclose(m_file);
}

Status DnstapFileWriter::open(const std::string& path) {
    m_path = path;
    m_file = std::fopen(path.c_str(), "wb");
    if (m_file == nullptr) {
        return makeError(ErrorCode::Io, std::string("cannot create: ") + std::strerror(errno),
                         path);
    }
    std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
    std::string control;
    put32(control, 2);  // START
    put32(control, 1);  // CONTENT_TYPE
    put32(control, static_cast<std::uint32_t>(kContentType.size()));
    control += kContentType;
    std::string frame;
    put32(frame, 0);
    put32(frame, static_cast<std::uint32_t>(control.size()));
    frame += control;
    put(frame);
    return {};
}

void DnstapFileWriter::encodeMessage(const SyntheticResponse& r, std::string& out) {
    thread_local NameCompressor names;
    names.reset();
    out.clear();
    std::uint16_t counts[3] = {0, 0, 0};
    for (const auto& rr : r.records)
        ++counts[static_cast<int>(rr.section)];
    const bool referral =
        counts[0] == 0 && r.rcode == 0 && counts[1] > 0 && r.records.front().type == 2;
    put16(out, r.id);
    put16(out, 0x8000u | (referral ? 0u : 0x0400u) | r.rcode);  // QR, AA unless a referral
    put16(out, 1);
    put16(out, counts[0]);
    put16(out, counts[1]);
    put16(out, static_cast<std::uint32_t>(counts[2] + 1));  // + OPT
    names.write(out, r.qname);
    put16(out, r.qtype);
    put16(out, 1);
    for (const auto& rr : r.records) {
        names.write(out, rr.name);
        put16(out, rr.type);
        put16(out, 1);
        put32(out, rr.ttl);
        const std::size_t lengthAt = out.size();
        put16(out, 0);
        switch (rr.type) {
            case 1:
                out.append(reinterpret_cast<const char*>(rr.ip.data() + 12), 4);
                break;
            case 28:
                out.append(reinterpret_cast<const char*>(rr.ip.data()), 16);
                break;
            case 15:
                put16(out, rr.numbers[0]);
                names.write(out, rr.target);
                break;
            case 16:
                out += static_cast<char>(rr.target.size());
                out += rr.target;
                break;
            case 6:
                names.write(out, rr.target);
                names.write(out, rr.target2);
                for (std::uint32_t n : rr.numbers)
                    put32(out, n);
                break;
            default:  // NS, CNAME, PTR
                names.write(out, rr.target);
                break;
        }
        const std::size_t length = out.size() - lengthAt - 2;
        out[lengthAt] = static_cast<char>(length >> 8);
        out[lengthAt + 1] = static_cast<char>(length & 0xff);
    }
    out += '\0';  // OPT: root owner, type 41, UDP size 1232, no flags, no options
    put16(out, 41);
    put16(out, 1232);
    put32(out, 0);
    put16(out, 0);
}

void DnstapFileWriter::write(const SyntheticResponse& r) {
    encodeMessage(r, m_wire);
    m_message.clear();
    putUint(m_message, 1, 4);  // RESOLVER_RESPONSE
    const bool v4 = dns::isIpv4Mapped(r.server);
    putUint(m_message, 2, v4 ? 1 : 2);
    putUint(m_message, 3, 1);  // UDP
    // The resolver's own address (192.0.2.53, documentation range): not a client.
    static constexpr char kResolver[4] = {static_cast<char>(192), 0, 2, 53};
    putBytes(m_message, 4, std::string_view(kResolver, 4));
    putBytes(m_message, 5,
             std::string_view(reinterpret_cast<const char*>(r.server.data()) + (v4 ? 12 : 0),
                              v4 ? 4 : 16));
    putUint(m_message, 6, 1024 + r.id % 60000);
    putUint(m_message, 7, 53);
    const std::uint32_t rtt = 2'000'000 + r.id * 300u;  // 2..22 ms
    const std::int64_t queryNs = static_cast<std::int64_t>(r.nanoseconds) - rtt;
    putUint(m_message, 8, static_cast<std::uint64_t>(r.time + (queryNs < 0 ? -1 : 0)));
    putFixed32(m_message, 9,
               static_cast<std::uint32_t>(queryNs < 0 ? queryNs + 1'000'000'000 : queryNs));
    putBytes(m_message, 11, wireName(r.zone));
    putUint(m_message, 12, static_cast<std::uint64_t>(r.time));
    putFixed32(m_message, 13, r.nanoseconds);
    putBytes(m_message, 14, m_wire);

    m_frame.clear();
    put32(m_frame, 0);  // length, filled in below
    putBytes(m_frame, 1, "tapir-gen");
    putBytes(m_frame, 2, "tapir-gen 0.1");
    putBytes(m_frame, 14, m_message);
    putUint(m_frame, 15, 1);  // MESSAGE
    const auto length = static_cast<std::uint32_t>(m_frame.size() - 4);
    for (int i = 0; i < 4; ++i)
        m_frame[static_cast<std::size_t>(i)] = static_cast<char>(length >> (24 - 8 * i));
    put(m_frame);
}

void DnstapFileWriter::put(const std::string& bytes) {
    std::fwrite(bytes.data(), 1, bytes.size(), m_file);
}

Status DnstapFileWriter::close() {
    if (m_file == nullptr)
        return {};
    std::string frame;
    put32(frame, 0);
    put32(frame, 4);
    put32(frame, 3);  // STOP
    put(frame);
    const bool failed = std::ferror(m_file) != 0;
    const bool closeFailed = std::fclose(m_file) != 0;
    m_file = nullptr;
    if (failed || closeFailed) {
        return makeError(ErrorCode::Io, "write failed", m_path);
    }
    return {};
}

}  // namespace tapir::bench
