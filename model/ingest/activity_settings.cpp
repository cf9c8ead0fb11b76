// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "ingest/activity_settings.h"

#include <charconv>
#include <string>

#include "store/database.h"

namespace tapir {

Result<std::int64_t> ActivitySettings::bucketSeconds(store::Database& db) {
    auto value = db.setting(kBucketSetting);
    if (!value) {
        return value.error();
    }
    if (!*value) {
        return kDefaultBucketSeconds;
    }
    std::int64_t seconds = 0;
    const std::string& text = **value;
    const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), seconds);
    if (ec != std::errc{} || end != text.data() + text.size() || seconds <= 0) {
        return makeError(ErrorCode::Syntax, std::string("setting ") + kBucketSetting +
                                                " must be a positive number of seconds, not '" +
                                                text + "'");
    }
    return seconds;
}

}  // namespace tapir
