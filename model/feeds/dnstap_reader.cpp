// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// dnstap over Frame Streams, decoded without libfstrm or a protobuf runtime.
//
// Terms: a Frame Streams file is a sequence of *frames*, each a 32-bit big-endian length
// and that many octets. A length of zero is an *escape*: a *control frame* follows (its own
// 32-bit length, a 32-bit control type, then typed fields such as the content type).
// Any other frame is a *data frame* holding one protobuf `dnstap.Dnstap` message, whose
// `message` field (a `dnstap.Message`) carries the DNS message in wire format.
//
// Steps: FrameInput keeps a large buffer over the InputStream and hands out each frame as
// one contiguous span (no per-frame allocation). Control frames are checked (the START
// content type must be dnstap). Each data frame is decoded by a minimal protobuf reader
// that knows the published field numbers (dnstap.proto) and skips every other field; the
// response message is parsed by dns::parseMessage into a reused dns::Message, and its RRs
// are moved into observations. Problems inside a frame skip that frame; a length that
// cannot be trusted stops the file, since framing cannot be recovered after it.
#include "feeds/dnstap_reader.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <limits>
#include <memory>
#include <span>
#include <vector>

#include "common/observation.h"
#include "dns/rrtype.h"
#include "dns/wire.h"
#include "feeds/input_stream.h"

namespace tapir {
namespace {

constexpr std::string_view kContentType = "protobuf:dnstap.Dnstap";
constexpr std::uint32_t kMaxControlLength = 512;  // FSTRM_CONTROL_FRAME_LENGTH_MAX
constexpr std::uint32_t kControlFieldContentType = 1;
constexpr std::size_t kBufferSize = std::size_t{256} << 10;
constexpr std::uint64_t kCancelCheckMask = 0x3ff;  // check every 1024 frames

enum class Control : std::uint32_t { Accept = 1, Start = 2, Stop = 3, Ready = 4, Finish = 5 };

// dnstap.Message.Type (dnstap.proto), index = value.
constexpr std::array<std::string_view, 15> kMessageTypes = {
    "",
    "AUTH_QUERY",
    "AUTH_RESPONSE",
    "RESOLVER_QUERY",
    "RESOLVER_RESPONSE",
    "CLIENT_QUERY",
    "CLIENT_RESPONSE",
    "FORWARDER_QUERY",
    "FORWARDER_RESPONSE",
    "STUB_QUERY",
    "STUB_RESPONSE",
    "TOOL_QUERY",
    "TOOL_RESPONSE",
    "UPDATE_QUERY",
    "UPDATE_RESPONSE",
};

inline std::uint32_t load32(const std::uint8_t* p) {
    return (std::uint32_t{p[0]} << 24) | (std::uint32_t{p[1]} << 16) | (std::uint32_t{p[2]} << 8) |
           std::uint32_t{p[3]};
}

// A forward reader over the InputStream that can hold a whole frame contiguously.
class FrameInput {
public:
    explicit FrameInput(InputStream& input)
        : m_input(input),
          m_buffer(std::make_unique_for_overwrite<std::uint8_t[]>(kBufferSize)),
          m_capacity(kBufferSize) {}

    // Makes `n` octets available at data(). False at the end of the stream (available()
    // then tells how many octets were left).
    Result<bool> ensure(std::size_t n) {
        if (m_end - m_begin >= n) {
            return true;
        }
        if (m_eof) {
            return false;
        }
        if (m_capacity < n) {
            const std::size_t capacity = std::max(n, m_capacity * 2);
            auto bigger = std::make_unique_for_overwrite<std::uint8_t[]>(capacity);
            std::memcpy(bigger.get(), m_buffer.get() + m_begin, m_end - m_begin);
            m_buffer = std::move(bigger);
            m_capacity = capacity;
            m_end -= m_begin;
            m_begin = 0;
        } else if (m_begin > 0) {
            std::memmove(m_buffer.get(), m_buffer.get() + m_begin, m_end - m_begin);
            m_end -= m_begin;
            m_begin = 0;
        }
        while (m_end < n) {
            auto got = m_input.read(reinterpret_cast<std::byte*>(m_buffer.get() + m_end),
                                    m_capacity - m_end);
            if (!got) {
                return got.error();
            }
            if (*got == 0) {
                m_eof = true;
                return false;
            }
            m_end += *got;
        }
        return true;
    }
    [[nodiscard]] const std::uint8_t* data() const { return m_buffer.get() + m_begin; }
    [[nodiscard]] std::size_t available() const { return m_end - m_begin; }
    // Stream offset of data().
    [[nodiscard]] std::uint64_t offset() const { return m_offset; }
    void consume(std::size_t n) {
        m_begin += n;
        m_offset += n;
    }

private:
    InputStream& m_input;
    std::unique_ptr<std::uint8_t[]> m_buffer;
    std::size_t m_capacity;
    std::size_t m_begin = 0;
    std::size_t m_end = 0;
    std::uint64_t m_offset = 0;
    bool m_eof = false;
};

// Just enough protobuf (wire types 0, 1, 2, 5) to walk a message's fields.
class ProtoReader {
public:
    explicit ProtoReader(std::span<const std::uint8_t> data)
        : m_p(data.data()), m_end(data.data() + data.size()) {}

    [[nodiscard]] bool atEnd() const { return m_p == m_end; }

    bool varint(std::uint64_t& value) {
        value = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (m_p == m_end) {
                return false;
            }
            const std::uint8_t b = *m_p++;
            value |= std::uint64_t{b & 0x7fu} << shift;
            if ((b & 0x80) == 0) {
                return true;
            }
        }
        return false;
    }
    bool key(std::uint32_t& field, std::uint32_t& wireType) {
        std::uint64_t k = 0;
        if (!varint(k) || (k >> 3) == 0 || (k >> 3) > 0x1fffffff) {
            return false;
        }
        field = static_cast<std::uint32_t>(k >> 3);
        wireType = static_cast<std::uint32_t>(k & 7);
        return true;
    }
    bool bytes(std::span<const std::uint8_t>& out) {
        std::uint64_t len = 0;
        if (!varint(len) || len > static_cast<std::uint64_t>(m_end - m_p)) {
            return false;
        }
        out = {m_p, static_cast<std::size_t>(len)};
        m_p += len;
        return true;
    }
    bool fixed(std::size_t n) {
        if (static_cast<std::size_t>(m_end - m_p) < n) {
            return false;
        }
        m_p += n;
        return true;
    }
    bool skip(std::uint32_t wireType) {
        std::uint64_t v = 0;
        std::span<const std::uint8_t> s;
        switch (wireType) {
            case 0:
                return varint(v);
            case 1:
                return fixed(8);
            case 2:
                return bytes(s);
            case 5:
                return fixed(4);
            default:
                return false;  // groups (3, 4) are not used by dnstap
        }
    }

private:
    const std::uint8_t* m_p;
    const std::uint8_t* m_end;
};

// The fields of dnstap.Message that Tapir uses. Addresses and ports are skipped unread.
struct DnstapMessage {
    std::uint64_t type = 0;
    bool hasQueryTime = false;
    std::uint64_t queryTimeSec = 0;
    bool hasResponseTime = false;
    std::uint64_t responseTimeSec = 0;
    bool hasQueryZone = false;
    std::span<const std::uint8_t> queryZone;
    bool hasResponseMessage = false;
    std::span<const std::uint8_t> responseMessage;
};

// Decodes a dnstap.Dnstap frame; returns an error text or empty. `isMessage` is false for
// a Dnstap of another type (then `otherType` holds it).
std::string_view decodeFrame(std::span<const std::uint8_t> frame, DnstapMessage& out,
                             bool& isMessage, std::uint64_t& otherType) {
    ProtoReader top(frame);
    bool hasType = false;
    std::uint64_t type = 0;
    bool hasMessage = false;
    std::span<const std::uint8_t> message;
    while (!top.atEnd()) {
        std::uint32_t field = 0;
        std::uint32_t wireType = 0;
        if (!top.key(field, wireType)) {
            return "bad protobuf field key in dnstap.Dnstap";
        }
        if (field == 15 && wireType == 0) {
            hasType = top.varint(type);
            if (!hasType) {
                return "bad dnstap.Dnstap.type";
            }
        } else if (field == 14 && wireType == 2) {
            hasMessage = top.bytes(message);
            if (!hasMessage) {
                return "dnstap.Dnstap.message runs past the end of the frame";
            }
        } else if (!top.skip(wireType)) {
            return "truncated or invalid protobuf field in dnstap.Dnstap";
        }
    }
    if (!hasType) {
        return "dnstap.Dnstap has no type";
    }
    if (type != 1) {  // Dnstap.Type.MESSAGE
        isMessage = false;
        otherType = type;
        return {};
    }
    if (!hasMessage) {
        return "dnstap.Dnstap of type MESSAGE has no message";
    }
    isMessage = true;
    ProtoReader r(message);
    bool hasMessageType = false;
    while (!r.atEnd()) {
        std::uint32_t field = 0;
        std::uint32_t wireType = 0;
        if (!r.key(field, wireType)) {
            return "bad protobuf field key in dnstap.Message";
        }
        bool ok = true;
        if (field == 1 && wireType == 0) {
            ok = hasMessageType = r.varint(out.type);
        } else if (field == 8 && wireType == 0) {
            ok = out.hasQueryTime = r.varint(out.queryTimeSec);
        } else if (field == 12 && wireType == 0) {
            ok = out.hasResponseTime = r.varint(out.responseTimeSec);
        } else if (field == 11 && wireType == 2) {
            ok = out.hasQueryZone = r.bytes(out.queryZone);
        } else if (field == 14 && wireType == 2) {
            ok = out.hasResponseMessage = r.bytes(out.responseMessage);
        } else {
            ok = r.skip(wireType);
        }
        if (!ok) {
            return "truncated or invalid protobuf field in dnstap.Message";
        }
    }
    if (!hasMessageType) {
        return "dnstap.Message has no type";
    }
    return {};
}

std::string messageTypeName(std::uint64_t type) {
    if (type > 0 && type < kMessageTypes.size()) {
        return std::string(kMessageTypes[type]);
    }
    // Bounded, as it names a bucket of dropped frames (see FrameHandler::handle).
    return type < 64 ? "dnstap message type " + std::to_string(type)
                     : std::string("dnstap message types above 63");
}

// Why a message type is not stored, or empty when it is.
std::string_view dropReason(std::uint64_t type) {
    switch (type) {
        case 2:  // AUTH_RESPONSE
        case 4:  // RESOLVER_RESPONSE
        case 8:  // FORWARDER_RESPONSE
            return {};
        case 1:
        case 3:
        case 5:
        case 7:
        case 9:
        case 11:
        case 13:
            return "queries carry no answers";
        case 6:
        case 10:
            return "client-side traffic";
        case 12:
            return "tool traffic";
        case 14:
            return "dynamic updates";
        default:
            return "unknown message type";
    }
}

// The fields of a control frame that matter: its type and content types.
struct ControlFrame {
    std::uint32_t type = 0;
    std::vector<std::string_view> contentTypes;
};

// Parses a control frame body (after the escape and length); returns an error or empty.
std::string_view parseControl(const std::uint8_t* p, std::uint32_t len, ControlFrame& out) {
    if (len < 4) {
        return "control frame shorter than its type";
    }
    out.type = load32(p);
    out.contentTypes.clear();
    std::uint32_t pos = 4;
    while (pos < len) {
        if (len - pos < 8) {
            return "truncated control frame field";
        }
        const std::uint32_t fieldType = load32(p + pos);
        const std::uint32_t fieldLen = load32(p + pos + 4);
        pos += 8;
        if (fieldLen > len - pos) {
            return "control frame field runs past the frame";
        }
        if (fieldType == kControlFieldContentType) {
            out.contentTypes.emplace_back(reinterpret_cast<const char*>(p + pos), fieldLen);
        }
        pos += fieldLen;
    }
    return {};
}

std::string printableText(std::string_view s) {
    std::string out;
    for (char c : s.substr(0, 64)) {
        const auto u = static_cast<unsigned char>(c);
        out += (u >= 0x20 && u < 0x7f) ? c : '?';
    }
    return out;
}

// Turns decoded frames into observations; owns the buffers reused between frames.
class FrameHandler {
public:
    FrameHandler(ObservationSink& sink, ReadContext& context) : m_sink(sink), m_context(context) {}

    void handle(std::span<const std::uint8_t> frame, std::uint64_t offset) {
        DnstapMessage m;
        bool isMessage = false;
        std::uint64_t otherType = 0;
        const std::string_view error = decodeFrame(frame, m, isMessage, otherType);
        if (!error.empty()) {
            m_context.badRecordAtOffset(offset, std::string(error));
            return;
        }
        if (!isMessage) {
            // One bucket for every unknown value, so a hostile file cannot grow the report's
            // map of drop reasons by one entry per frame.
            m_context.drop((otherType < 16 ? "dnstap type " + std::to_string(otherType)
                                           : std::string("dnstap types above 15")) +
                           " frames (not stored: not a DNS message)");
            return;
        }
        const std::string_view reason = dropReason(m.type);
        if (!reason.empty()) {
            m_context.drop(messageTypeName(m.type) + " frames (not stored: " + std::string(reason) +
                           ")");
            return;
        }
        if (!m.hasResponseMessage) {
            m_context.drop(messageTypeName(m.type) + " frames (not stored: no response_message)");
            return;
        }
        std::int64_t time = 0;
        if (m.hasResponseTime || m.hasQueryTime) {
            const std::uint64_t t = m.hasResponseTime ? m.responseTimeSec : m.queryTimeSec;
            time = static_cast<std::int64_t>(
                std::min<std::uint64_t>(t, std::numeric_limits<std::int64_t>::max()));
        } else {
            m_context.badRecordAtOffset(
                offset, messageTypeName(m.type) + ": no response_time_sec or query_time_sec");
            return;
        }
        if (!updateBailiwick(m, offset)) {
            return;
        }
        if (auto status = dns::parseMessage(m.responseMessage, m_message); !status) {
            m_context.badRecordAtOffset(
                offset,
                messageTypeName(m.type) + ": malformed DNS message: " + status.error().message +
                    " (message octet " + std::to_string(status.error().offset.value_or(0)) + ")");
            return;
        }
        emit(time);
    }

private:
    // Normalises query_zone, caching the last one (a resolver repeats zones a lot).
    bool updateBailiwick(const DnstapMessage& m, std::uint64_t offset) {
        if (!m.hasQueryZone) {
            m_bailiwick.clear();
            m_zoneWire.clear();
            return true;
        }
        const std::string_view raw(reinterpret_cast<const char*>(m.queryZone.data()),
                                   m.queryZone.size());
        if (raw == m_zoneWire && !m_zoneWire.empty()) {
            return true;
        }
        auto zone = dns::parseWireName(m.queryZone);
        if (!zone) {
            m_context.badRecordAtOffset(
                offset, messageTypeName(m.type) + ": bad query_zone: " + zone.error().message);
            m_zoneWire.clear();
            return false;
        }
        m_zoneWire.assign(raw);
        m_bailiwick = std::move(*zone);
        return true;
    }

    void emit(std::int64_t time) {
        // The name an NXDOMAIN is about, found before the records are moved out.
        auto nx = dns::nxdomainSubject(m_message);
        std::string nxName = nx ? std::move(nx->name) : std::string();
        const std::uint16_t nxType = nx ? nx->type : 0;
        std::uint64_t otherClass = 0;
        std::uint64_t outside = 0;
        for (auto& rr : m_message.records) {
            if (rr.rrClass != dns::kClassIn) {
                ++otherClass;
                continue;
            }
            if (!inBailiwick(rr.name)) {
                ++outside;
                continue;
            }
            Observation obs;
            obs.rrname = std::move(rr.name);
            obs.rrtype = rr.type;
            obs.rdata = std::move(rr.rdata);
            obs.bailiwick = m_bailiwick;
            obs.firstSeen = obs.lastSeen = time;
            add(std::move(obs));
        }
        if (otherClass > 0) {
            m_context.drop("non-IN class RRs (not stored)", otherClass);
        }
        if (!nxName.empty() && !inBailiwick(nxName)) {
            ++outside;
            nxName.clear();
        }
        if (outside > 0) {
            m_context.drop(
                "out-of-bailiwick RRs (not stored: the answering server is not "
                "authoritative for them)",
                outside);
        }
        if (!nxName.empty()) {
            Observation obs;
            obs.rrname = std::move(nxName);
            obs.rrtype = kNxdomainType;
            obs.rdata = dns::typeName(nxType);
            obs.bailiwick = m_bailiwick;
            obs.firstSeen = obs.lastSeen = time;
            add(std::move(obs));
        }
    }

    // The bailiwick rule of passive DNS collectors: a server may only vouch for names at or
    // below the zone it was asked about (query_zone). Records outside it (chased CNAME
    // targets, foreign glue) are what cache poisoning injects, so they are not stored.
    // Without a query_zone every record is kept.
    [[nodiscard]] bool inBailiwick(std::string_view name) const {
        if (m_bailiwick.empty() || m_bailiwick == ".") {
            return true;
        }
        return name == m_bailiwick ||
               (name.size() > m_bailiwick.size() && name.ends_with(m_bailiwick) &&
                name[name.size() - m_bailiwick.size() - 1] == '.');
    }

    void add(Observation&& obs) {
        ++m_context.stats().observations;
        m_sink.add(std::move(obs));
    }

    ObservationSink& m_sink;
    ReadContext& m_context;
    dns::Message m_message;
    std::string m_zoneWire;   // query_zone as last seen on the wire
    std::string m_bailiwick;  // ... and normalised
};

}  // namespace

int DnstapReader::probe(std::string_view head) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(head.data());
    if (head.size() < 12 || load32(p) != 0) {
        return 0;
    }
    const std::uint32_t len = load32(p + 4);
    if (len < 4 || len > kMaxControlLength) {
        return 0;
    }
    const auto type = static_cast<Control>(load32(p + 8));
    if (type != Control::Start && type != Control::Ready && type != Control::Accept) {
        return 0;
    }
    if (head.size() < 8 + std::size_t{len}) {
        return 40;  // a Frame Streams start, content type not in view
    }
    ControlFrame control;
    if (!parseControl(p + 8, len, control).empty()) {
        return 0;
    }
    if (control.contentTypes.empty()) {
        return 40;
    }
    const bool dnstap = std::find(control.contentTypes.begin(), control.contentTypes.end(),
                                  kContentType) != control.contentTypes.end();
    return dnstap ? 100 : 5;
}

Status DnstapReader::read(InputStream& input, ObservationSink& sink, ReadContext& context) {
    FrameInput in(input);
    FrameHandler handler(sink, context);
    ControlFrame control;
    bool started = false;   // inside a START..STOP run
    bool anyFrame = false;  // anything read yet
    auto fail = [&](std::string message, std::uint64_t offset) {
        Error e = makeError(ErrorCode::Format, std::move(message), context.path());
        e.offset = offset;
        return e;
    };
    // Framing is lost: report where and keep what was read so far.
    auto stop = [&](std::uint64_t offset, std::string message) {
        context.badRecordAtOffset(offset, message);
        context.warn("stopped reading at offset " + std::to_string(offset) + ": " + message);
    };
    for (;;) {
        auto ready = in.ensure(4);
        if (!ready) {
            return ready.error();
        }
        const std::uint64_t offset = in.offset();
        if (!*ready) {
            if (in.available() > 0) {
                stop(offset, "truncated frame: the file ends inside a frame length");
            } else if (!anyFrame) {
                return fail("empty file: not a Frame Streams (dnstap) file", 0);
            } else if (started) {
                context.warn(
                    "no STOP control frame at the end: the capture was cut short or is still "
                    "being written");
            }
            return {};
        }
        const std::uint32_t length = load32(in.data());
        if (length == 0) {
            // Escape: a control frame follows.
            ready = in.ensure(8);
            if (!ready) {
                return ready.error();
            }
            if (!*ready) {
                stop(offset, "truncated control frame");
                return {};
            }
            const std::uint32_t controlLength = load32(in.data() + 4);
            if (controlLength < 4 || controlLength > kMaxControlLength) {
                if (!anyFrame) {
                    return fail("not a Frame Streams file: control frame length " +
                                    std::to_string(controlLength) + " out of range",
                                offset);
                }
                stop(offset, "control frame length " + std::to_string(controlLength) +
                                 " is out of range (4.." + std::to_string(kMaxControlLength) + ")");
                return {};
            }
            ready = in.ensure(8 + std::size_t{controlLength});
            if (!ready) {
                return ready.error();
            }
            if (!*ready) {
                stop(offset, "truncated control frame");
                return {};
            }
            const std::string_view error = parseControl(in.data() + 8, controlLength, control);
            in.consume(8 + std::size_t{controlLength});
            anyFrame = true;
            if (!error.empty()) {
                context.badRecordAtOffset(offset, std::string(error));
                continue;
            }
            switch (static_cast<Control>(control.type)) {
                case Control::Start:
                    if (control.contentTypes.empty()) {
                        context.warn("START control frame at offset " + std::to_string(offset) +
                                     " has no content type; assuming dnstap");
                    } else if (control.contentTypes.front() != kContentType) {
                        return fail("content type is \"" +
                                        printableText(control.contentTypes.front()) + "\", not \"" +
                                        std::string(kContentType) + "\"",
                                    offset);
                    }
                    started = true;
                    break;
                case Control::Stop:
                    started = false;
                    break;
                case Control::Ready:
                case Control::Accept:
                case Control::Finish:
                    break;  // bidirectional handshake, recorded along with the data
                default:
                    context.badRecordAtOffset(
                        offset, "unknown control frame type " + std::to_string(control.type));
                    break;
            }
            continue;
        }
        if (!anyFrame) {
            return fail("not a Frame Streams file: no START control frame at the beginning", 0);
        }
        if (length > kMaxFrameLength) {
            stop(offset, "data frame length " + std::to_string(length) + " exceeds the limit of " +
                             std::to_string(kMaxFrameLength) +
                             " octets: the file is corrupt or not dnstap");
            return {};
        }
        ready = in.ensure(4 + std::size_t{length});
        if (!ready) {
            return ready.error();
        }
        if (!*ready) {
            stop(offset, "truncated data frame: " + std::to_string(length) + " octets announced, " +
                             std::to_string(in.available() - 4) + " left in the file");
            return {};
        }
        ++context.stats().recordsRead;
        if ((context.stats().recordsRead & kCancelCheckMask) == 0 && context.cancelled()) {
            return makeError(ErrorCode::Cancelled, "import cancelled", context.path());
        }
        handler.handle({in.data() + 4, length}, offset);
        in.consume(4 + std::size_t{length});
        context.tick(input);
    }
}

}  // namespace tapir
