// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "ingest/policy.h"

#include "dns/name.h"
#include "dns/rrtype.h"
#include "store/database.h"

namespace tapir {
namespace {

bool underSuffix(std::string_view name, std::string_view suffix) {
    if (name.size() == suffix.size()) {
        return name == suffix;
    }
    return name.size() > suffix.size() && name.ends_with(suffix) &&
           name[name.size() - suffix.size() - 1] == '.';
}

}  // namespace

Result<PrivacyPolicy> PrivacyPolicy::load(store::Database& db) {
    PrivacyPolicy p;
    auto drop = db.setting("policy.drop_private_answers");
    if (!drop)
        return drop.error();
    p.dropPrivateAnswers = drop->value_or("0") == "1";
    auto suffixes = db.setting("policy.internal_suffixes");
    if (!suffixes)
        return suffixes.error();
    const std::string list = suffixes->value_or("");
    std::size_t start = 0;
    while (start < list.size()) {
        std::size_t end = list.find(',', start);
        if (end == std::string::npos)
            end = list.size();
        if (auto n = dns::normalizeName(list.substr(start, end - start))) {
            p.internalSuffixes.push_back(*n);
        }
        start = end + 1;
    }
    return p;
}

Status PrivacyPolicy::save(store::Database& db) const {
    std::string list;
    for (const auto& s : internalSuffixes) {
        if (!list.empty())
            list += ',';
        list += dns::normalizeName(s).value_or(s);
    }
    if (auto st = db.setSetting("policy.drop_private_answers", dropPrivateAnswers ? "1" : "0");
        !st) {
        return st;
    }
    return db.setSetting("policy.internal_suffixes", list);
}

std::string PrivacyPolicy::describe() const {
    std::string out = "Client addresses are never stored. ";
    out += dropPrivateAnswers ? "Answers pointing into private or reserved address space are "
                                "dropped. "
                              : "Answers pointing into private address space are kept. ";
    if (internalSuffixes.empty()) {
        out += "No internal suffixes are filtered.";
    } else {
        out += "Names under these internal suffixes are dropped:";
        for (const auto& s : internalSuffixes) {
            out += ' ';
            out += s;
        }
        out += '.';
    }
    return out;
}

bool PrivacyPolicy::rejects(const Observation& o) const {
    for (const auto& suffix : internalSuffixes) {
        if (underSuffix(o.rrname, suffix)) {
            return true;
        }
        if (const std::string target = dns::rdataTargetName(o.rrtype, o.rdata);
            !target.empty() && underSuffix(target, suffix)) {
            return true;
        }
    }
    if (dropPrivateAnswers && (o.rrtype == 1 || o.rrtype == 28)) {
        if (auto ip = dns::parseIp(o.rdata); ip && dns::isPrivateOrReserved(*ip)) {
            return true;
        }
    }
    return false;
}

void PolicyFilter::add(Observation&& o) {
    if (m_policy.rejects(o)) {
        ++m_filtered;
        return;
    }
    m_next.add(std::move(o));
}

}  // namespace tapir
