// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

// The bodies of the libFuzzer targets, shared by the fuzzers (fuzz_main.cpp, one binary per
// target) and by tests/model/regression_test.cpp, which replays every crasher of
// tests/data/regressions/<target>/ in the regular build. Each takes one input, runs it
// through an engine entry point and checks the invariants that entry point promises;
// a broken invariant aborts, as a crash would.

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

#include "common/observation.h"
#include "common/progress.h"
#include "dns/name.h"
#include "dns/wire.h"
#include "feeds/feed_reader.h"
#include "feeds/input_stream.h"
#include "query/flexible_index.h"
#include "query/query_parser.h"
#include "query/triage.h"

namespace tapir::fuzz {

inline void check(bool condition, const char* what) {
    if (!condition) {
        std::fprintf(stderr, "fuzz invariant broken: %s\n", what);
        std::abort();
    }
}

// dns::parseMessage (which formats every RR's rdata) and dns::parseWireName.
inline int dnsWire(const std::uint8_t* data, std::size_t size) {
    const std::span<const std::uint8_t> wire(data, size);
    dns::Message message;
    const auto status = dns::parseMessage(wire, message);
    if (!status) {
        check(status.error().offset.value_or(0) <= size, "error offset inside the message");
    } else {
        for (const auto& rr : message.records) {
            check(!rr.name.empty(), "owner names are never empty (the root is '.')");
        }
    }
    (void)dns::parseWireName(wire);
    return 0;
}

// One feed reader over the input as a whole file, as the importer runs it after detection.
inline int feedReader(std::string_view formatName, const std::uint8_t* data, std::size_t size) {
    const FeedFormat* format = findFormat(formatName);
    check(format != nullptr, "format is registered");
    const std::string path = "fuzz-input";
    auto input = memoryInput(std::string(reinterpret_cast<const char*>(data), size), path);
    NullProgress progress;
    CancelToken cancel;
    ReadContext context(path, progress, cancel);
    struct Sink final : ObservationSink {
        void add(Observation&& o) override {
            check(!o.rrname.empty(), "observation has an rrname");
            check(o.lastSeen >= o.firstSeen, "lastSeen >= firstSeen");
            ++count;
        }
        std::uint64_t count = 0;
    } sink;
    auto reader = format->create();
    const auto status = reader->read(*input, sink, context);
    if (!status) {
        check(!status.error().file.empty(), "a file-level error names the file");
    }
    check(context.stats().observations == sink.count, "observations counted as emitted");
    for (const auto& issue : context.stats().issues) {
        check(!issue.file.empty() && (issue.line || issue.offset),
              "a bad record is reported with its file and line or offset");
    }
    return 0;
}

// Format detection: every registered probe over a file head.
inline int detectFormat(const std::uint8_t* data, std::size_t size) {
    const std::string_view head(reinterpret_cast<const char*>(data), size);
    auto detected = tapir::detectFormat(head, "fuzz-input");
    if (!detected) {
        check(!detected.error().message.empty(), "detection failure has a message");
    }
    return 0;
}

// The search language, with a fixed clock.
inline int queryParser(const std::uint8_t* data, std::size_t size) {
    constexpr std::int64_t kNow = 1790000000;
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    auto spec = parseQuery(text, kNow);
    if (!spec) {
        check(spec.error().offset.value_or(0) <= size, "error offset inside the query");
    } else if (!spec->pattern.empty()) {
        // What the indexes are asked for: every literal makes a trigram query, and a
        // regex's prefix is plain lower-case name characters.
        const bool regex =
            spec->kind == QuerySpec::Kind::NameRegex || spec->kind == QuerySpec::Kind::RdataRegex;
        for (const auto& literal : requiredLiterals(spec->pattern, regex))
            check(!trigramMatch(literal).empty(), "a literal has a trigram");
        if (regex) {
            for (const char c : anchoredPrefix(spec->pattern)) {
                check((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '-' ||
                          c == '_',
                      "a prefix holds name characters only");
            }
        }
    }
    (void)parseTimeBound(text, kNow);
    // Indicators as reports write them: refanging never grows the text and is idempotent
    // (the search box refangs what Back brings back), and a defanged name refangs back.
    const std::string refanged = refangIndicator(text);
    check(refanged.size() <= size, "refanging does not grow an indicator");
    check(refangIndicator(refanged) == refanged, "refanging is idempotent");
    (void)parseQuery(refanged, kNow);
    const bool nameLike = !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
        return std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '-' || c == '_' ||
               c == '*';
    });
    if (nameLike)
        check(refangIndicator(defangIndicator(text)) == text, "defang then refang is identity");
    return 0;
}

// Name and rdata normalisation of text feeds. The first two octets pick the RR type.
inline int dnsName(const std::uint8_t* data, std::size_t size) {
    if (size < 2) {
        return 0;
    }
    const std::uint32_t type = (std::uint32_t{data[0]} << 8) | data[1];
    const std::string_view text(reinterpret_cast<const char*>(data + 2), size - 2);
    if (auto name = dns::normalizeName(text)) {
        check(!name->empty(), "a normalised name is not empty");
        (void)dns::reverseName(*name);
    }
    const std::string rdata = dns::normalizeRdata(type, text);
    (void)dns::rdataTargetName(type, rdata);
    if (auto ip = dns::parseIp(text)) {
        auto back = dns::parseIp(dns::formatIp(*ip));
        check(back && *back == *ip, "formatted IPs parse back to the same address");
        (void)dns::isPrivateOrReserved(*ip);
    }
    return 0;
}

// Target names: the fuzzer's name without the fuzz_ prefix ("dns_wire", "dnstap", ...).
inline bool knownTarget(std::string_view name) {
    return name == "dns_wire" || name == "dns_name" || name == "query_parser" ||
           name == "detect_format" || findFormat(name) != nullptr;
}

// Runs one target; false for an unknown name.
inline bool runTarget(std::string_view name, const std::uint8_t* data, std::size_t size) {
    if (name == "dns_wire") {
        dnsWire(data, size);
    } else if (name == "dns_name") {
        dnsName(data, size);
    } else if (name == "query_parser") {
        queryParser(data, size);
    } else if (name == "detect_format") {
        detectFormat(data, size);
    } else if (findFormat(name) != nullptr) {
        feedReader(name, data, size);
    } else {
        return false;
    }
    return true;
}

}  // namespace tapir::fuzz
