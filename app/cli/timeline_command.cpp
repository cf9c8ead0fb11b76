// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <charconv>
#include <fstream>
#include <iostream>

#include "cli_common.h"
#include "common/time_format.h"
#include "ingest/activity_settings.h"
#include "store/database.h"
#include "timeline/timeline_builder.h"
#include "timeline/timeline_csv.h"

namespace tapir::cli {
namespace {

// day, hour, minute or a number of seconds.
std::optional<std::int64_t> parseBucket(const std::string& text) {
    if (text == "day")
        return 86400;
    if (text == "hour")
        return 3600;
    if (text == "minute")
        return 60;
    std::int64_t v = 0;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
    if (ec != std::errc{} || end != text.data() + text.size() || v <= 0)
        return std::nullopt;
    return v;
}

}  // namespace

// timeline NAME|IP|CIDR [--bucket B] [--subdomains] [--lanes N] [--csv FILE] [--events FILE]
// timeline --set-bucket B   (the width future imports record activity with)
int runTimeline(Context& context, Args args) {
    if (auto v = optionValue(args, "--set-bucket")) {
        const auto seconds = parseBucket(*v);
        if (!seconds)
            return usage("--set-bucket takes day, hour, minute or seconds");
        if (!args.empty())
            return usage("--set-bucket takes no other argument");
        store::Database* db = context.database();
        if (db == nullptr)
            return kDatabase;
        if (auto st = db->setSetting(ActivitySettings::kBucketSetting, std::to_string(*seconds));
            !st) {
            std::cerr << "error: " << st.error().describe() << "\n";
            return kFailed;
        }
        std::cout << "activity buckets of " << *seconds << " s for files imported from now on\n";
        return kOk;
    }
    timeline::TimelineOptions options;
    if (auto v = optionValue(args, "--bucket")) {
        const auto seconds = parseBucket(*v);
        if (!seconds)
            return usage("--bucket takes day, hour, minute or seconds");
        options.bucketSeconds = *seconds;
    }
    if (auto v = optionValue(args, "--lanes")) {
        const auto n = parseBucket(*v);
        if (!n)
            return usage("--lanes takes a positive number");
        options.laneLimit = static_cast<std::size_t>(*n);
    }
    options.includeSubdomains = takeFlag(args, "--subdomains");
    const auto csv = optionValue(args, "--csv");
    const auto events = optionValue(args, "--events");
    for (const auto& a : args) {
        if (a.starts_with("--"))
            return usage("unknown option '" + a + "'");
    }
    if (args.size() != 1)
        return usage("timeline needs one NAME, IP or CIDR");

    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    timeline::TimelineBuilder builder(*db);
    auto t = builder.build(args.front(), options, cancelToken());
    if (!t) {
        if (t.error().code == ErrorCode::Syntax)
            return usage(t.error().message);
        if (t.error().code == ErrorCode::Cancelled)
            return kCancelled;
        std::cerr << "error: " << t.error().describe() << "\n";
        return kFailed;
    }
    auto write = [](const std::string& path, auto&& fn) {
        std::ofstream out(path, std::ios::binary);
        if (out)
            fn(out);
        if (!out)
            std::cerr << "error: cannot write " << path << "\n";
        return static_cast<bool>(out);
    };
    if (csv && !write(*csv, [&](std::ostream& o) { timeline::TimelineCsv::writeLanes(o, *t); })) {
        return kFailed;
    }
    if (events &&
        !write(*events, [&](std::ostream& o) { timeline::TimelineCsv::writeEvents(o, *t); })) {
        return kFailed;
    }
    std::cout << t->subject << ": " << t->lanes.size() << " lane(s)"
              << (t->grouped ? " (grouped)" : "") << ", " << t->events.size()
              << " change event(s), buckets of " << t->bucketSeconds << " s\n";
    for (const auto& e : t->events) {
        std::cout << timeline::formatBucket(e.time, t->bucketSeconds) << ": " << e.entity << " "
                  << e.text << "\n";
    }
    return t->lanes.empty() ? kPartial : kOk;
}

}  // namespace tapir::cli
