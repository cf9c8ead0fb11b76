// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Store layout
//
// Terms: a *record* is one (rrname, rrtype, rdata) key with first/last seen, count and the
// first bailiwick seen. Names and rdata values are interned in dictionary tables so the
// record table is four integers wide plus its aggregates, and `WITHOUT ROWID` keyed by
// (name_id, type, rdata_id): records of one name are adjacent on disk.
//
// Lookups and the index that serves each:
//  - exact name            names.rname (unique) -> records PK prefix (name_id)
//  - suffix *.example.com  range scan on names.rname ("com.example." .. "com.example/")
//  - prefix www.example.*  range scan on names.name
//  - rdata by name         names -> rdata.target_id (partial index) -> records_by_rdata
//  - IP, CIDR, range       rdata.ip (16-byte blob, IPv4 mapped; partial index), a range
//                          scan, then records_by_rdata (by last seen within each rdata
//                          value since schema 4, so newest-first pages stop early)
// Provenance: record_sources links a record to every source (file) that contributed.
// Sources: one row per import attempt; a content hash with status 'complete' is imported
// at most once (partial unique index).

#include "store/schema.h"

#include <array>

namespace tapir::store {
namespace {

constexpr std::string_view kV1 = R"sql(
CREATE TABLE settings(
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE names(
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL,
    rname TEXT NOT NULL UNIQUE
);
CREATE INDEX names_by_name ON names(name);

CREATE TABLE rdata(
    id        INTEGER PRIMARY KEY,
    type      INTEGER NOT NULL,
    value     TEXT NOT NULL,
    ip        BLOB,
    target_id INTEGER,
    UNIQUE(type, value)
);
CREATE INDEX rdata_by_ip ON rdata(ip) WHERE ip IS NOT NULL;
CREATE INDEX rdata_by_target ON rdata(target_id) WHERE target_id IS NOT NULL;

CREATE TABLE records(
    name_id      INTEGER NOT NULL,
    type         INTEGER NOT NULL,
    rdata_id     INTEGER NOT NULL,
    first        INTEGER NOT NULL,
    last         INTEGER NOT NULL,
    count        INTEGER NOT NULL,
    bailiwick_id INTEGER,
    PRIMARY KEY(name_id, type, rdata_id)
) WITHOUT ROWID;
CREATE INDEX records_by_rdata ON records(rdata_id);

CREATE TABLE sources(
    id           INTEGER PRIMARY KEY,
    path         TEXT NOT NULL,
    size         INTEGER NOT NULL,
    hash         TEXT NOT NULL,
    format       TEXT NOT NULL,
    compression  TEXT NOT NULL DEFAULT 'none',
    status       TEXT NOT NULL CHECK(status IN ('complete', 'cancelled', 'failed')),
    message      TEXT,
    started_at   INTEGER NOT NULL,
    finished_at  INTEGER,
    time_first   INTEGER,
    time_last    INTEGER,
    records_read INTEGER NOT NULL DEFAULT 0,
    observations INTEGER NOT NULL DEFAULT 0,
    skipped      INTEGER NOT NULL DEFAULT 0,
    new_records  INTEGER NOT NULL DEFAULT 0,
    filtered     INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX sources_complete_hash ON sources(hash) WHERE status = 'complete';

CREATE TABLE record_sources(
    name_id   INTEGER NOT NULL,
    type      INTEGER NOT NULL,
    rdata_id  INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    PRIMARY KEY(name_id, type, rdata_id, source_id)
) WITHOUT ROWID;
CREATE INDEX record_sources_by_source ON record_sources(source_id);
)sql";

// Lookalike brand alerts (issue 8): the watchlist (a brand's label and the domains it
// owns), alerts with triage status, and the id of the last name scanned (names.id grows,
// so names above the watermark are the new ones; 0 asks for a full rescan).
constexpr std::string_view kLookalikeV2 = R"sql(
CREATE TABLE brands(
    id    INTEGER PRIMARY KEY,
    name  TEXT NOT NULL UNIQUE,
    added INTEGER NOT NULL
);

CREATE TABLE brand_domains(
    brand_id INTEGER NOT NULL,
    domain   TEXT NOT NULL,
    PRIMARY KEY(brand_id, domain)
) WITHOUT ROWID;

CREATE TABLE alerts(
    id        INTEGER PRIMARY KEY,
    name      TEXT NOT NULL,
    brand     TEXT NOT NULL,
    technique TEXT NOT NULL,
    score     INTEGER NOT NULL,
    tier      TEXT NOT NULL CHECK(tier IN ('low', 'medium', 'high')),
    reasons   TEXT NOT NULL,
    status    TEXT NOT NULL DEFAULT 'new'
              CHECK(status IN ('new', 'acknowledged', 'false_positive', 'confirmed')),
    note      TEXT NOT NULL DEFAULT '',
    created   INTEGER NOT NULL,
    updated   INTEGER NOT NULL,
    scan      INTEGER NOT NULL DEFAULT 0,
    UNIQUE(name, brand)
);
CREATE INDEX alerts_by_score ON alerts(score DESC);
CREATE INDEX alerts_by_brand ON alerts(brand);

INSERT INTO settings(key, value) VALUES('lookalike.watermark', '0');
)sql";

// Timelines (issue 6): observation counts per record and time bucket (bucket = its start,
// Unix seconds; the width is the setting activity.bucket_seconds at import time). Keyed like
// records so one name's activity is adjacent; by rdata for IP timelines.
constexpr std::string_view kActivityV3 = R"sql(
CREATE TABLE record_activity(
    name_id  INTEGER NOT NULL,
    type     INTEGER NOT NULL,
    rdata_id INTEGER NOT NULL,
    bucket   INTEGER NOT NULL,
    count    INTEGER NOT NULL,
    PRIMARY KEY(name_id, type, rdata_id, bucket)
) WITHOUT ROWID;
CREATE INDEX record_activity_by_rdata ON record_activity(rdata_id);
)sql";

// Faster imports (issue 9) and rdata lookups (issue 5). Fewer index entries per record:
// the activity of an address is found through records_by_rdata (rdata -> name, type) and
// then record_activity's primary key, so its own index by rdata only cost an insert per
// activity row; no query reads record_sources by source. records_by_rdata is ordered by
// last seen within an rdata value, so "the 100 most recent domains on this nameserver"
// reads 100 index entries, not all 100,000 of them. records_by_last serves the newest-first
// browse (the empty search a window opens with) and time fences without a lookup: 11 s to
// 0.x ms for the first page of 20 M records. Its inserts come at the end (new records are
// the most recently seen), so it costs imports little.
constexpr std::string_view kLeanerIndexesV4 = R"sql(
DROP INDEX record_activity_by_rdata;
DROP INDEX record_sources_by_source;
DROP INDEX records_by_rdata;
CREATE INDEX records_by_rdata ON records(rdata_id, last);
CREATE INDEX records_by_last ON records(last);
)sql";

// Monitors (query/monitors.h): searches an analyst keeps watch on, each with the feed time
// up to which its records were seen.
constexpr std::string_view kMonitorsV5 = R"sql(
CREATE TABLE monitors(
    id         INTEGER PRIMARY KEY,
    query      TEXT NOT NULL UNIQUE,
    added      INTEGER NOT NULL,
    seen_until INTEGER NOT NULL
);
)sql";

constexpr auto kMigrations = std::to_array<std::string_view>(
    {kV1, kLookalikeV2, kActivityV3, kLeanerIndexesV4, kMonitorsV5});

// Both are looked up by the trigrams of a literal the pattern requires (query/
// flexible_index.h: trigramMatch), and each candidate row is then tested with the GLOB or
// regex itself. Names: case_sensitive 1, like GLOB; regex literals are looked up in lower
// case, like the names. Rdata keeps its case (TXT): case-insensitive.
constexpr std::string_view kFlexibleIndex =
    "CREATE VIRTUAL TABLE IF NOT EXISTS names_trigram USING fts5(name, content='names', "
    "content_rowid='id', tokenize='trigram case_sensitive 1', detail='none');"
    "CREATE VIRTUAL TABLE IF NOT EXISTS rdata_trigram USING fts5(value, content='rdata', "
    "content_rowid='id', tokenize='trigram case_sensitive 0', detail='none');";

// Keep in step with kV1 and kLeanerIndexesV4 (a test compares them with a migrated store).
constexpr auto kLookupIndexes = std::to_array<LookupIndex>({
    {"DROP INDEX IF EXISTS names_by_name",
     "CREATE INDEX IF NOT EXISTS names_by_name ON names(name)"},
    {"DROP INDEX IF EXISTS rdata_by_ip",
     "CREATE INDEX IF NOT EXISTS rdata_by_ip ON rdata(ip) WHERE ip IS NOT NULL"},
    {"DROP INDEX IF EXISTS rdata_by_target",
     "CREATE INDEX IF NOT EXISTS rdata_by_target ON rdata(target_id) WHERE target_id IS NOT NULL"},
    {"DROP INDEX IF EXISTS records_by_rdata",
     "CREATE INDEX IF NOT EXISTS records_by_rdata ON records(rdata_id, last)"},
});

}  // namespace

std::span<const LookupIndex> lookupIndexes() {
    return kLookupIndexes;
}

std::string_view flexibleIndexDdl() {
    return kFlexibleIndex;
}
std::string_view newStoreDefaults() {
    return kFlexibleIndex;
}

std::span<const std::string_view> migrations() {
    return kMigrations;
}
int schemaVersion() {
    return static_cast<int>(kMigrations.size());
}

}  // namespace tapir::store
