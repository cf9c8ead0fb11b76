// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "cli_common.h"

#include <iostream>

#include "common/time_format.h"
#include "dns/name.h"
#include "feeds/feed_reader.h"
#include "ingest/policy.h"
#include "store/database.h"

namespace tapir::cli {

int runSources(Context& context, Args args) {
    if (!args.empty())
        return usage("sources takes no arguments");
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    auto sources = db->sources();
    if (!sources) {
        std::cerr << "error: " << sources.error().describe() << "\n";
        return kFailed;
    }
    std::cout << "id\tstatus\tformat\tsize\tread\tskipped\tnew\timported_at\tpath\n";
    for (const auto& s : *sources) {
        std::cout << s.id << "\t" << s.status << "\t" << s.format << "\t" << s.size << "\t"
                  << s.recordsRead << "\t" << s.skipped << "\t" << s.newRecords << "\t"
                  << formatUtc(s.startedAt) << "\t" << s.path;
        if (!s.message.empty())
            std::cout << "\t" << s.message;
        std::cout << "\n";
    }
    return kOk;
}

int runPolicy(Context& context, Args args) {
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    auto policy = PrivacyPolicy::load(*db);
    if (!policy) {
        std::cerr << "error: " << policy.error().describe() << "\n";
        return kFailed;
    }
    bool changed = false;
    if (auto v = optionValue(args, "--drop-private")) {
        if (*v != "on" && *v != "off")
            return usage("--drop-private takes on or off");
        policy->dropPrivateAnswers = *v == "on";
        changed = true;
    }
    if (auto v = optionValue(args, "--internal")) {
        policy->internalSuffixes.clear();
        std::size_t start = 0;
        while (start <= v->size()) {
            auto end = v->find(',', start);
            if (end == std::string::npos)
                end = v->size();
            if (auto n = dns::normalizeName(v->substr(start, end - start))) {
                policy->internalSuffixes.push_back(*n);
            }
            start = end + 1;
        }
        changed = true;
    }
    if (!args.empty())
        return usage("unexpected argument '" + args[0] + "'");
    if (changed) {
        if (auto st = policy->save(*db); !st) {
            std::cerr << "error: " << st.error().describe() << "\n";
            return kFailed;
        }
    }
    std::cout << policy->describe() << "\n";
    return kOk;
}

int runFormats(Context&, Args args) {
    if (!args.empty())
        return usage("formats takes no arguments");
    for (const auto& f : feedFormats()) {
        std::cout << f.name << "\t" << f.description << "\n";
    }
    return kOk;
}

}  // namespace tapir::cli
