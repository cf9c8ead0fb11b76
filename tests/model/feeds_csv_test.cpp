// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/csv_reader.h"

#include <sstream>

#include "feeds_test_util.h"
#include "query/record_query.h"
#include "report/csv_writer.h"

namespace tapir {
namespace {

using test::dataPath;

TEST(Csv, DnsdbqCsvMatchesExpected) {
    CsvReader reader;
    auto r = test::readPath(reader, dataPath("csv/dnsdbq.csv"));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    auto expected = test::expectedKeys(dataPath("csv/dnsdbq.expected.tsv"));
    expected.insert({"multi.wonka.test", "TXT", "\"line one\nline two\""});  // quoted line break
    test::expectSameKeys(r.keys(), expected);
    EXPECT_EQ(r.stats.recordsRead, 9U);
    ASSERT_EQ(r.stats.issues.size(), 2U);
    EXPECT_EQ(r.stats.issues[0].line, 9U);   // bad time
    EXPECT_EQ(r.stats.issues[1].line, 10U);  // too few fields
    const auto& www = r.sink.all.at(0);
    EXPECT_EQ(www.firstSeen, 1795714029);
    EXPECT_EQ(www.lastSeen, 1795714200);
    EXPECT_EQ(www.count, 12U);
    EXPECT_EQ(www.bailiwick, "wonka.test");
    EXPECT_EQ(r.sink.all.at(1).firstSeen, 1767225600);  // zone_first when time_first is empty
}

TEST(Csv, GenericNamedColumnsAndTsv) {
    CsvReader reader;
    auto r = test::readPath(reader, dataPath("csv/generic.tsv"));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    ASSERT_EQ(r.sink.all.size(), 2U);
    EXPECT_EQ(r.sink.all[0].rrname, "www.wonka.test");
    EXPECT_EQ(r.sink.all[0].count, 4U);
    EXPECT_EQ(r.sink.all[0].lastSeen, 1795714090);
    EXPECT_EQ(r.sink.all[1].rdata, "2001:db8::7");
    EXPECT_EQ(r.sink.all[1].count, 1U);
    ASSERT_EQ(r.stats.issues.size(), 1U);
    EXPECT_EQ(r.stats.issues[0].line, 4U);
}

TEST(Csv, MissingColumnsFailTheFileNamingThem) {
    CsvReader reader;
    auto r = test::readPath(reader, dataPath("csv/missing-columns.csv"));
    ASSERT_FALSE(r.status.ok());
    const Error& e = r.status.error();
    EXPECT_EQ(e.line, 1U);
    EXPECT_NE(e.describe().find("missing-columns.csv:1"), std::string::npos) << e.describe();
    EXPECT_NE(e.message.find("rrtype (accepted names: rrtype, type, qtype"), std::string::npos)
        << e.message;
    EXPECT_NE(e.message.find("rdata (accepted names: rdata, answer, value"), std::string::npos);
    EXPECT_EQ(e.message.find("rrname ("), std::string::npos);  // `domain` was understood
    // Detection still picks CSV, so the user gets this message rather than "unrecognised".
    EXPECT_EQ(detectFormat(test::readFile(dataPath("csv/missing-columns.csv")), "m").value()->name,
              "csv");
}

TEST(Csv, ReadsWhatTheExporterWrites) {
    std::vector<Record> records(2);
    records[0].rrname = "www.wonka.test";
    records[0].rrtype = 1;
    records[0].rdata = "198.51.100.7";
    records[0].firstSeen = 1795714029;
    records[0].lastSeen = 1795714090;
    records[0].count = 5;
    records[1].rrname = "=cmd.wonka.test";
    records[1].rrtype = 16;
    records[1].rdata = "\"a \\\"quoted\\\" word\"";
    records[1].firstSeen = records[1].lastSeen = 1795714029;
    records[1].count = 1;
    std::ostringstream out;
    CsvWriter writer(out);
    writer.writeHeader();
    writer.write(records);
    CsvReader reader;
    auto r = test::readWith(reader, memoryInput(out.str(), "export.csv"));
    ASSERT_TRUE(r.status.ok());
    ASSERT_EQ(r.sink.all.size(), 2U);
    EXPECT_EQ(r.sink.all[0].rrname, "www.wonka.test");
    EXPECT_EQ(r.sink.all[0].count, 5U);
    EXPECT_EQ(r.sink.all[0].lastSeen, 1795714090);
    EXPECT_EQ(r.sink.all[1].rrname, "=cmd.wonka.test");
    EXPECT_EQ(r.sink.all[1].rdata, records[1].rdata);
}

}  // namespace
}  // namespace tapir
