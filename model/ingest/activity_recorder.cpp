// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Activity buckets (ActivityRecorder)
//
// Terms: a *bucket* is the time interval [start, start + width) an observation falls in;
// *activity* is the count of observations of one record (rrname, rrtype, rdata) per bucket,
// kept in record_activity keyed by (name_id, type, rdata_id, bucket) like the records.
//
// Steps:
//  1. add(): the observation's count goes to the bucket of its time. An aggregated
//     observation (COF, DNSDB: first < last, count n) has no known distribution, so its
//     first bucket gets 1 and its last bucket n - 1: both ends are visible on a timeline,
//     and the sum stays n. The observation is then forwarded unchanged.
//  2. The map is ordered by (reversed name, type, rdata, bucket); above maxEntries keys it
//     is written in that order to a temporary spill table (upsert adding counts) and cleared.
//  3. finish(): what is left is spilled too, and one INSERT ... SELECT joins the spill table
//     to the names and rdata dictionaries (filled by the record merge before) and adds the
//     counts into record_activity in primary-key order. The temporary table is emptied.
// Everything happens on the import's connection inside its transaction.
#include "ingest/activity_recorder.h"

#include <charconv>

#include "dns/name.h"
#include "store/database.h"
#include "store/statement.h"

namespace tapir {

namespace {

constexpr std::string_view kCreateSpill = R"sql(
CREATE TEMP TABLE IF NOT EXISTS activity_spill(
    rname  TEXT NOT NULL,
    type   INTEGER NOT NULL,
    rdata  TEXT NOT NULL,
    bucket INTEGER NOT NULL,
    count  INTEGER NOT NULL,
    PRIMARY KEY(rname, type, rdata, bucket)
) WITHOUT ROWID)sql";

constexpr std::string_view kSpillRow = R"sql(
INSERT INTO temp.activity_spill(rname, type, rdata, bucket, count) VALUES(?1, ?2, ?3, ?4, ?5)
ON CONFLICT(rname, type, rdata, bucket) DO UPDATE SET count = count + excluded.count)sql";

// `WHERE true` keeps the upsert's ON from being read as a join constraint (SQLite docs).
constexpr std::string_view kMerge = R"sql(
INSERT INTO record_activity(name_id, type, rdata_id, bucket, count)
SELECT n.id, s.type, r.id, s.bucket, s.count
  FROM temp.activity_spill s
  JOIN names n ON n.rname = s.rname
  JOIN rdata r ON r.type = s.type AND r.value = s.rdata
 WHERE true
 ORDER BY n.id, s.type, r.id, s.bucket
ON CONFLICT(name_id, type, rdata_id, bucket) DO UPDATE SET count = count + excluded.count)sql";

}  // namespace

ActivityRecorder::ActivityRecorder(store::Database& db, ObservationSink& next,
                                   std::int64_t bucketSeconds, std::size_t maxEntries)
    : m_db(db),
      m_next(next),
      m_width(bucketSeconds > 0 ? bucketSeconds : kDefaultBucketSeconds),
      m_maxEntries(maxEntries > 0 ? maxEntries : 1) {}

Result<std::int64_t> ActivityRecorder::bucketSeconds(store::Database& db) {
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

std::int64_t ActivityRecorder::bucketStart(std::int64_t time, std::int64_t width) {
    const std::int64_t q = time / width;
    return (time % width < 0 ? q - 1 : q) * width;
}

void ActivityRecorder::count(const Observation& o, std::int64_t time, std::uint64_t n) {
    Key key{dns::reverseName(o.rrname), o.rrtype, o.rdata, bucketStart(time, m_width)};
    m_counts[std::move(key)] += n;
}

void ActivityRecorder::add(Observation&& observation) {
    const Observation& o = observation;
    const std::int64_t first = std::min(o.firstSeen, o.lastSeen);
    const std::int64_t last = std::max(o.firstSeen, o.lastSeen);
    if (o.count > 1 && bucketStart(first, m_width) != bucketStart(last, m_width)) {
        count(o, first, 1);
        count(o, last, o.count - 1);
    } else {
        count(o, last, std::max<std::uint64_t>(o.count, 1));
    }
    if (m_counts.size() >= m_maxEntries && m_status.ok()) {
        m_status = spill();
    }
    m_next.add(std::move(observation));
}

Status ActivityRecorder::spill() {
    try {
        if (!m_spilled) {
            store::Statement(m_db.handle(), kCreateSpill).run();
            store::Statement(m_db.handle(), "DELETE FROM temp.activity_spill").run();
            m_spilled = true;
        }
        store::Statement insert(m_db.handle(), kSpillRow);
        for (const auto& [key, n] : m_counts) {
            insert.bind(1, std::get<0>(key))
                .bind(2, static_cast<std::int64_t>(std::get<1>(key)))
                .bind(3, std::get<2>(key))
                .bind(4, std::get<3>(key))
                .bind(5, static_cast<std::int64_t>(n))
                .run();
        }
        m_counts.clear();
        return {};
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, "recording activity: " + e.message, m_db.path());
    }
}

Status ActivityRecorder::finish() {
    if (!m_status.ok()) {
        return m_status;
    }
    if (m_counts.empty() && !m_spilled) {
        return {};
    }
    if (auto st = spill(); !st) {
        return st;
    }
    try {
        store::Statement(m_db.handle(), kMerge).run();
        store::Statement changes(m_db.handle(), "SELECT changes()");
        if (changes.step()) {
            m_written = static_cast<std::uint64_t>(changes.int64(0));
        }
        store::Statement(m_db.handle(), "DELETE FROM temp.activity_spill").run();
        return {};
    } catch (const store::DatabaseError& e) {
        return makeError(ErrorCode::Database, "recording activity: " + e.message, m_db.path());
    }
}

}  // namespace tapir
