// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// tapir-gen: writes realistic synthetic passive DNS feeds (see synthetic_feed.h) as COF
// NDJSON or as dnstap Frame Streams files, of any size, optionally split into files.
#include <charconv>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "dns/rrtype.h"
#include "dnstap_file_writer.h"
#include "report/cof_writer.h"
#include "synthetic_feed.h"

namespace {

using namespace tapir;
using namespace tapir::bench;

constexpr std::string_view kUsage =
    "usage: tapir-gen [--format cof|dnstap] [--count N] [--hosts N] [--seed N] [--zipf X]\n"
    "                 [--days N | --minutes N] [--files K] [--per-response] -o PATH\n"
    "  --count N   observations (cof lines) or frames (dnstap) in total; suffixes k, M, G\n"
    "  --hosts N   size of the host-name universe (default count / 2)\n"
    "  --files K   split the stream into K files PATH-0001.ext ... (consecutive time)\n"
    "  --days N, --minutes N  time the stream spans (default 7 days); --minutes 60\n"
    "              --files 60 writes one-minute files, as a resolver's collector rotates them\n"
    "  --per-response  N counts responses for COF too (same stream as dnstap with that N)\n";

bool parseCount(std::string_view text, std::uint64_t& out) {
    std::uint64_t scale = 1;
    if (!text.empty() && (text.back() == 'k' || text.back() == 'M' || text.back() == 'G')) {
        scale = text.back() == 'k' ? 1'000 : text.back() == 'M' ? 1'000'000 : 1'000'000'000;
        text.remove_suffix(1);
    }
    double v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc() || end != text.data() + text.size() || v < 0)
        return false;
    out = static_cast<std::uint64_t>(v * static_cast<double>(scale));
    return true;
}

std::string numberedPath(const std::string& path, std::uint64_t index, std::uint64_t files) {
    if (files <= 1)
        return path;
    const std::filesystem::path p(path);
    char number[16];
    std::snprintf(number, sizeof(number), "-%04llu", static_cast<unsigned long long>(index + 1));
    return (p.parent_path() / (p.stem().string() + number + p.extension().string())).string();
}

// Writes observations as COF NDJSON lines (count 1 each, as a raw sensor would).
class CofFile {
public:
    bool open(const std::string& path) {
        m_file = std::fopen(path.c_str(), "wb");
        if (m_file != nullptr)
            std::setvbuf(m_file, nullptr, _IOFBF, 1 << 20);
        return m_file != nullptr;
    }
    void write(const Observation& o) {
        m_line = "{\"rrname\":";
        m_line += CofWriter::jsonString(o.rrname);
        m_line += ",\"rrtype\":\"";
        m_line += dns::typeName(o.rrtype);
        m_line += "\",\"rdata\":";
        m_line += CofWriter::jsonString(o.rdata);
        m_line += ",\"time_first\":";
        m_line += std::to_string(o.firstSeen);
        m_line += ",\"time_last\":";
        m_line += std::to_string(o.lastSeen);
        m_line += ",\"count\":1,\"bailiwick\":";
        m_line += CofWriter::jsonString(o.bailiwick);
        m_line += "}\n";
        std::fwrite(m_line.data(), 1, m_line.size(), m_file);
    }
    bool close() {
        const bool ok = std::ferror(m_file) == 0;
        return std::fclose(m_file) == 0 && ok;
    }

private:
    std::FILE* m_file = nullptr;
    std::string m_line;
};

}  // namespace

int main(int argc, char** argv) {
    std::string format = "cof";
    std::string out;
    std::uint64_t count = 1'000'000;
    std::uint64_t files = 1;
    FeedOptions options;
    std::uint64_t days = 7;
    std::uint64_t minutes = 0;
    bool perResponse = false;
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        const bool hasValue = i + 1 < argc;
        auto number = [&](std::uint64_t& target) {
            if (!hasValue || !parseCount(argv[++i], target)) {
                std::fprintf(stderr, "tapir-gen: %s needs a number\n%s", argv[i - 1],
                             kUsage.data());
                std::exit(2);
            }
        };
        if (arg == "--format" && hasValue) {
            format = argv[++i];
        } else if (arg == "-o" && hasValue) {
            out = argv[++i];
        } else if (arg == "--count") {
            number(count);
        } else if (arg == "--hosts") {
            number(options.hosts);
        } else if (arg == "--seed") {
            number(options.seed);
        } else if (arg == "--days") {
            number(days);
        } else if (arg == "--minutes") {
            number(minutes);
        } else if (arg == "--files") {
            number(files);
        } else if (arg == "--per-response") {
            perResponse = true;
        } else if (arg == "--zipf" && hasValue) {
            options.zipfExponent = std::strtod(argv[++i], nullptr);
        } else {
            std::fprintf(stderr, "%s", kUsage.data());
            return 2;
        }
    }
    if (out.empty() || (format != "cof" && format != "dnstap") || files == 0 || count == 0 ||
        options.zipfExponent <= 0) {
        std::fprintf(stderr, "%s", kUsage.data());
        return 2;
    }
    // About 1.8 observations per response.
    options.responses = format == "cof" && !perResponse ? count * 10 / 18 : count;
    if (options.hosts == 0)
        options.hosts = std::max<std::uint64_t>(count / 2, 1);
    options.span = minutes > 0 ? static_cast<std::int64_t>(minutes) * 60
                               : static_cast<std::int64_t>(days) * 86400;

    SyntheticFeed feed(options);
    SyntheticResponse response;
    std::vector<Observation> batch;
    std::uint64_t written = 0, responses = 0, observationCount = 0;
    for (std::uint64_t f = 0; f < files; ++f) {
        const std::string path = numberedPath(out, f, files);
        const std::uint64_t target = count * (f + 1) / files;
        if (format == "dnstap") {
            DnstapFileWriter writer;
            if (auto st = writer.open(path); !st) {
                std::fprintf(stderr, "tapir-gen: %s\n", st.error().describe().c_str());
                return 1;
            }
            for (; written < target; ++written, ++responses) {
                feed.next(response);
                writer.write(response);
                batch.clear();
                observations(response, batch);
                observationCount += batch.size();
            }
            if (auto st = writer.close(); !st) {
                std::fprintf(stderr, "tapir-gen: %s\n", st.error().describe().c_str());
                return 1;
            }
        } else {
            CofFile writer;
            if (!writer.open(path)) {
                std::fprintf(stderr, "tapir-gen: cannot create %s: %s\n", path.c_str(),
                             std::strerror(errno));
                return 1;
            }
            while (written < target) {
                feed.next(response);
                ++responses;
                batch.clear();
                observations(response, batch);
                for (const auto& o : batch) {
                    if (written == target && !perResponse)
                        break;
                    writer.write(o);
                    written += perResponse ? 0 : 1;
                    ++observationCount;
                }
                written += perResponse ? 1 : 0;
            }
            if (!writer.close()) {
                std::fprintf(stderr, "tapir-gen: write failed: %s\n", path.c_str());
                return 1;
            }
        }
    }
    std::fprintf(stderr, "tapir-gen: %llu responses, %llu observations, %llu file(s)\n",
                 static_cast<unsigned long long>(responses),
                 static_cast<unsigned long long>(observationCount),
                 static_cast<unsigned long long>(files));
    return 0;
}
