// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "common/observation.h"
#include "common/result.h"

namespace tapir {

namespace store {
class Database;
}

// The anonymisation policy applied to every import. Client addresses are never stored,
// whatever this says (readers do not emit them); on top of that the user may drop answers
// that point into private/reserved address space and names under internal suffixes
// (e.g. "corp", "lan", "internal.example.com"). Kept in the database's settings so the GUI
// and the CLI apply the same policy.
struct PrivacyPolicy {
    bool dropPrivateAnswers = false;
    std::vector<std::string> internalSuffixes;

    [[nodiscard]] static Result<PrivacyPolicy> load(store::Database& db);
    [[nodiscard]] Status save(store::Database& db) const;
    // A one-paragraph description for the GUI and `tapir-cli policy`.
    [[nodiscard]] std::string describe() const;
    // True when this observation must not be stored.
    [[nodiscard]] bool rejects(const Observation& o) const;
};

// Applies a policy in front of another sink, counting what it drops.
class PolicyFilter final : public ObservationSink {
public:
    PolicyFilter(const PrivacyPolicy& policy, ObservationSink& next)
        : m_policy(policy), m_next(next) {}
    void add(Observation&& o) override;
    [[nodiscard]] std::uint64_t filtered() const { return m_filtered; }

private:
    const PrivacyPolicy& m_policy;
    ObservationSink& m_next;
    std::uint64_t m_filtered = 0;
};

}  // namespace tapir
