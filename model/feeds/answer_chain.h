// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace tapir {

// Rebuilds owner names for logs that keep a response's answers but not whose they are
// (Zeek's `answers` vector, Suricata's `grouped` answers). The answer section of a
// response to "qname/qtype" is a CNAME chain from qname followed by the records of the
// chain's last name (RFC 1034 §4.3.2), so: each CNAME is owned by the current end of the
// chain and moves the end to its target; every other answer is owned by the end.
// Used by one reader on one thread.
class AnswerChain {
public:
    struct Answer {
        std::string owner;
        std::uint32_t type = 0;
        std::string rdata;  // normal form
    };

    explicit AnswerChain(std::string qname) : m_end(std::move(qname)) {}
    void add(std::uint32_t type, std::string rdata);
    [[nodiscard]] std::vector<Answer>& answers() { return m_answers; }

private:
    std::string m_end;
    std::vector<Answer> m_answers;
};

// A character-string in presentation format as dns::parseMessage writes it: quoted,
// " and \ escaped, bytes outside printable ASCII as \DDD.
void appendQuotedText(std::string& out, std::string_view bytes);

}  // namespace tapir
