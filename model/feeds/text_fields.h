// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace simdjson::dom {
class object;
}

namespace tapir {

// Field parsing shared by the text and JSON readers.

// Unix seconds from "1795714029", "1795714029.095494" (fraction dropped) or an ISO 8601 UTC
// time "2026-01-01T12:00:00Z" / "2026-01-01 12:00:00".
[[nodiscard]] std::optional<std::int64_t> parseEpoch(std::string_view text);
[[nodiscard]] std::optional<std::uint64_t> parseUnsigned(std::string_view text);
// A short, printable rendering of untrusted text for error messages.
[[nodiscard]] std::string printable(std::string_view text, std::size_t max = 60);
[[nodiscard]] std::string_view firstLine(std::string_view head);
// The RCODE mnemonic (IANA registry) for a logged RCODE name or number, or "other RCODE".
// Names a bucket of dropped responses, so it comes from a fixed set whatever the input holds.
[[nodiscard]] std::string_view rcodeBucket(std::string_view rcode);
// Reads an integer member that may arrive as a JSON number or a string (COF allows both);
// strings may also hold an ISO 8601 time. False if absent or malformed.
[[nodiscard]] bool jsonInteger(const simdjson::dom::object& object, std::string_view key,
                               std::int64_t& out);

}  // namespace tapir
