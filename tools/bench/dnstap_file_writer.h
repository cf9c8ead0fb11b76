// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdio>
#include <string>

#include "common/result.h"
#include "synthetic_feed.h"

namespace tapir::bench {

// Writes synthetic responses as a unidirectional Frame Streams file of protobuf
// `dnstap.Dnstap` messages (content type "protobuf:dnstap.Dnstap"), each a
// RESOLVER_RESPONSE carrying the response in DNS wire format (name compression, EDNS OPT),
// the way `fstrm_capture` stores what Unbound or BIND send. One writer per file and thread.
class DnstapFileWriter {
public:
    DnstapFileWriter() = default;
    ~DnstapFileWriter();
    DnstapFileWriter(const DnstapFileWriter&) = delete;
    DnstapFileWriter& operator=(const DnstapFileWriter&) = delete;

    [[nodiscard]] Status open(const std::string& path);
    void write(const SyntheticResponse& response);
    // Writes the STOP frame and closes the file.
    [[nodiscard]] Status close();

    // The DNS wire message alone (exposed for tests and the COF/dnstap cross-check).
    static void encodeMessage(const SyntheticResponse& response, std::string& out);

private:
    void put(const std::string& bytes);

    std::FILE* m_file = nullptr;
    std::string m_path;
    std::string m_wire, m_message, m_frame;
};

}  // namespace tapir::bench
