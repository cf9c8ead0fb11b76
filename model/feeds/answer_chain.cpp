// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/answer_chain.h"

#include "dns/rrtype.h"

namespace tapir {

void AnswerChain::add(std::uint32_t type, std::string rdata) {
    Answer a{m_end, type, std::move(rdata)};
    if (type == static_cast<std::uint32_t>(dns::RRType::CNAME)) {
        m_end = a.rdata;
    }
    m_answers.push_back(std::move(a));
}

void appendQuotedText(std::string& out, std::string_view bytes) {
    out += '"';
    for (char ch : bytes) {
        const auto c = static_cast<unsigned char>(ch);
        if (c >= 0x20 && c < 0x7f) {
            if (c == '"' || c == '\\') {
                out += '\\';
            }
            out += ch;
        } else {
            const char buf[4] = {'\\', static_cast<char>('0' + c / 100),
                                 static_cast<char>('0' + (c / 10) % 10),
                                 static_cast<char>('0' + c % 10)};
            out.append(buf, 4);
        }
    }
    out += '"';
}

}  // namespace tapir
