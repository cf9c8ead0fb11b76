// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

#include "feeds/cof_reader.h"
#include "feeds/input_stream.h"
#include "ingest/importer.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "query/triage.h"
#include "report/cof_writer.h"
#include "report/csv_writer.h"
#include "store/database.h"
#include "test_util.h"

namespace tapir {
namespace {

class QueryTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = store::Database::open(m_dir.file("q.db"));
        ASSERT_TRUE(db.ok());
        m_db = std::move(*db);
        NullProgress progress;
        CancelToken cancel;
        auto r = Importer(*m_db).importFile(test::dataPath("passivedns/passivedns.log"), {},
                                            progress, cancel);
        ASSERT_EQ(r.status, FileStatus::Imported);
    }

    std::set<std::string> names(const QuerySpec& spec) {
        RecordQuery q(*m_db);
        auto rows = q.run(spec);
        EXPECT_TRUE(rows.ok());
        std::set<std::string> out;
        for (const auto& r : *rows)
            out.insert(r.rrname + " " + dns::typeName(r.rrtype) + " " + r.rdata);
        return out;
    }

    // Writes `text` (passivedns lines) to `file` in the test directory and imports it.
    void importText(const std::string& file, const std::string& text) {
        const std::string path = m_dir.file(file);
        std::ofstream(path) << text;
        NullProgress progress;
        CancelToken cancel;
        ASSERT_EQ(Importer(*m_db).importFile(path, {}, progress, cancel).status,
                  FileStatus::Imported);
    }

    // Every sort key and direction, paged 7 rows at a time, gives the same rows in the
    // order of a whole-result sort.
    void checkSortedPages(QuerySpec all);

    test::TempDir m_dir;
    std::unique_ptr<store::Database> m_db;
};

// RecordQuery keeps its prepared statements; each must end its read when done, or a later
// query on the connection would still see the store as it was (WAL snapshot).
TEST_F(QueryTest, CachedStatementsSeeLaterImports) {
    RecordQuery q(*m_db);
    QuerySpec fresh;
    fresh.kind = QuerySpec::Kind::Name;
    fresh.name = "fresh.example";
    QuerySpec all;
    const auto before = q.count(all).value();
    ASSERT_TRUE(q.run(fresh)->empty());
    ASSERT_TRUE(q.run(all).ok());
    ASSERT_EQ(q.countUpTo(fresh, 10).value(), 0U);  // stops after one row: no DONE step
    {
        const std::string log = m_dir.file("fresh.log");
        std::ofstream(log) << "1795714029||c||s||IN||fresh.example.||A||192.0.2.77||60||1\n";
        auto writer = store::Database::open(m_dir.file("q.db"));
        ASSERT_TRUE(writer.ok());
        NullProgress progress;
        CancelToken cancel;
        ASSERT_EQ(Importer(**writer).importFile(log, {}, progress, cancel).status,
                  FileStatus::Imported);
    }
    // Other statements first: were countUpTo's still open, they would read its snapshot.
    EXPECT_EQ(q.run(fresh)->size(), 1U);
    EXPECT_EQ(q.count(all).value(), before + 1);
    EXPECT_EQ(q.countUpTo(fresh, 10).value(), 1U);
}

TEST_F(QueryTest, ExactName) {
    QuerySpec spec;
    spec.kind = QuerySpec::Kind::Name;
    spec.name = "paypal.example";
    spec.rrtype = 28;
    auto got = names(spec);
    ASSERT_FALSE(got.empty());
    for (const auto& g : got)
        EXPECT_TRUE(g.starts_with("paypal.example AAAA ")) << g;
    RecordQuery q(*m_db);
    EXPECT_EQ(q.count(spec).value(), got.size());
}

// Every sort key and direction, paged 7 rows at a time, gives the same sequence as sorting
// the whole result in memory (ties broken by the record key, as the engine promises), with
// every row's columns intact after the page is joined back to names, rdata and sources.
TEST_F(QueryTest, SortedPagesMatchAWholeSort) {
    // A name lookup and rdata lookups. Sorted by last seen, an rdata lookup over at most
    // 16 rdata values (one NS target; part of a /24) is merged from per-value runs of
    // records_by_rdata; more values (the log's 158 addresses), the other sorts, and name
    // lookups sort all matches at once.
    std::vector<QuerySpec> specs(5);
    specs[4].kind = QuerySpec::Kind::All;  // the browse a window opens with
    specs[0].kind = QuerySpec::Kind::NameSuffix;
    specs[0].name = "example";
    specs[1].kind = QuerySpec::Kind::RdataName;
    specs[1].name = "ns1.dnshost.lab";
    specs[2].kind = QuerySpec::Kind::IpRange;
    specs[2].ipLow = *dns::parseIp("0.0.0.0");
    specs[2].ipHigh = *dns::parseIp("255.255.255.255");
    specs[3].kind = QuerySpec::Kind::IpRange;
    specs[3].ipLow = *dns::parseIp("203.0.113.144");
    specs[3].ipHigh = *dns::parseIp("203.0.113.159");  // 8 addresses, 21 records
    specs[3].after = 0;                                // a fence the merged runs must respect too
    specs[3].rrtype = 1;
    for (const auto& base : specs) {
        checkSortedPages(base);
    }
}

// A suffix or prefix that covers many of the names is read newest first from
// records_by_last (RecordQuery::broadNames: at least 1,000 names and 5 % of all); its pages,
// in every sort (the others collect and sort all matches), give the same rows.
TEST_F(QueryTest, BroadSuffixAndPrefixPagesMatchAWholeSort) {
    std::ostringstream log;
    for (int i = 0; i < 3000; ++i) {
        // Times out of name order, and repeats, so last seen differs from insertion.
        const int t = 1795714029 + (i * 7919) % 3000;
        log << t << "||c||s||IN||www.h" << i % 1500 << ".broad.example.||A||192.0.2." << i % 250
            << "||60||1\n";
    }
    ASSERT_NO_FATAL_FAILURE(importText("broad.log", log.str()));
    std::vector<QuerySpec> specs(3);
    specs[0].kind = QuerySpec::Kind::NameSuffix;
    specs[0].name = "broad.example";
    specs[1].kind = QuerySpec::Kind::NamePrefix;
    specs[1].name = "www";
    specs[2] = specs[0];
    specs[2].after = 1795714029 + 1000;  // a fence, read as a range of records_by_last
    for (const auto& base : specs) {
        checkSortedPages(base);
    }
}

void QueryTest::checkSortedPages(QuerySpec all) {
    SCOPED_TRACE(static_cast<int>(all.kind));
    all.limit = 100000;
    RecordQuery q(*m_db);
    auto everything = q.run(all);
    ASSERT_TRUE(everything.ok());
    ASSERT_GT(everything->size(), 14U);  // several pages of 7
    auto row = [](const Record& r) {
        return r.rrname + "|" + std::to_string(r.rrtype) + "|" + r.rdata + "|" + r.bailiwick + "|" +
               std::to_string(r.firstSeen) + "|" + std::to_string(r.lastSeen) + "|" +
               std::to_string(r.count) + "|" + std::to_string(r.sourceCount);
    };
    for (const auto sort : {QuerySpec::Sort::LastSeen, QuerySpec::Sort::FirstSeen,
                            QuerySpec::Sort::Count, QuerySpec::Sort::Name}) {
        for (const bool descending : {false, true}) {
            QuerySpec spec = all;
            spec.sort = sort;
            spec.descending = descending;
            spec.limit = 7;
            std::vector<Record> paged;
            for (spec.offset = 0;; spec.offset += spec.limit) {
                auto page = q.run(spec);
                ASSERT_TRUE(page.ok()) << page.error().describe();
                paged.insert(paged.end(), page->begin(), page->end());
                if (page->size() < 7U)
                    break;
            }
            ASSERT_EQ(paged.size(), everything->size());
            auto key = [&](const Record& r) -> std::string {
                switch (sort) {
                    case QuerySpec::Sort::LastSeen:
                        return std::to_string(r.lastSeen + 1'000'000'000'000);
                    case QuerySpec::Sort::FirstSeen:
                        return std::to_string(r.firstSeen + 1'000'000'000'000);
                    case QuerySpec::Sort::Count:
                        return std::to_string(r.count + 1'000'000'000'000);
                    case QuerySpec::Sort::Name:
                        return r.rrname;
                }
                return {};
            };
            for (std::size_t i = 1; i < paged.size(); ++i) {
                const std::string a = key(paged[i - 1]);
                const std::string b = key(paged[i]);
                EXPECT_TRUE(descending ? a >= b : a <= b)
                    << "row " << i << ": " << row(paged[i - 1]) << " then " << row(paged[i]);
            }
            std::multiset<std::string> want;
            std::multiset<std::string> got;
            for (const auto& r : *everything)
                want.insert(row(r));
            for (const auto& r : paged) {
                got.insert(row(r));
                EXPECT_GE(r.sourceCount, 1U);
            }
            EXPECT_EQ(got, want);
        }
    }
}

TEST_F(QueryTest, SuffixExcludesApexAndLookalikes) {
    QuerySpec spec;
    spec.kind = QuerySpec::Kind::NameSuffix;
    spec.name = "acme.example";
    auto got = names(spec);
    ASSERT_FALSE(got.empty());
    for (const auto& g : got) {
        EXPECT_TRUE(g.find(".acme.example ") != std::string::npos) << g;
    }
}

TEST_F(QueryTest, PrefixMatchesWholeLabels) {
    QuerySpec spec;
    spec.kind = QuerySpec::Kind::NamePrefix;
    spec.name = "www";
    auto got = names(spec);
    ASSERT_FALSE(got.empty());
    for (const auto& g : got)
        EXPECT_TRUE(g.starts_with("www.")) << g;
}

TEST_F(QueryTest, RdataNameFindsWhoPointsThere) {
    QuerySpec spec;
    spec.kind = QuerySpec::Kind::RdataName;
    spec.name = "ns1.dnshost.lab";
    auto got = names(spec);
    ASSERT_FALSE(got.empty());
    for (const auto& g : got)
        EXPECT_TRUE(g.ends_with(" ns1.dnshost.lab")) << g;
}

TEST_F(QueryTest, CidrRange) {
    QuerySpec spec;
    spec.kind = QuerySpec::Kind::IpRange;
    spec.ipLow = *dns::parseIp("198.51.100.0");
    spec.ipHigh = *dns::parseIp("198.51.100.255");
    auto got = names(spec);
    ASSERT_FALSE(got.empty());
    for (const auto& g : got)
        EXPECT_NE(g.find(" A 198.51.100."), std::string::npos) << g;
}

TEST_F(QueryTest, TimeFenceLooseAndStrict) {
    RecordQuery q(*m_db);
    QuerySpec all;
    const auto total = q.count(all).value();
    QuerySpec late;
    late.after = 1795714040;
    QuerySpec lateStrict = late;
    lateStrict.strict = true;
    const auto loose = q.count(late).value();
    const auto strict = q.count(lateStrict).value();
    EXPECT_LE(strict, loose);
    EXPECT_LT(loose, total);
    const auto rows = q.run(lateStrict);  // keep the Result alive while iterating
    ASSERT_TRUE(rows.ok());
    for (const auto& r : *rows)
        EXPECT_GE(r.firstSeen, 1795714040);
}

TEST(Csv, HeaderQuotingAndFormulaNeutralisation) {
    std::ostringstream out;
    CsvWriter w(out);
    w.writeHeader();
    Record r;
    r.rrname = "x.example";
    r.rrtype = 16;
    r.rdata = "=HYPERLINK(\"http://evil\")";
    r.firstSeen = 0;
    r.lastSeen = 86400;
    r.count = 3;
    w.write(r);
    EXPECT_EQ(out.str(),
              "time_first,time_last,zone_first,zone_last,count,bailiwick,rrname,rrtype,rdata\r\n"
              "\"1970-01-01 00:00:00\",\"1970-01-02 00:00:00\",,,3,,\"x.example.\",\"TXT\","
              "\"'=HYPERLINK(\"\"http://evil\"\")\"\r\n");
    EXPECT_EQ(CsvWriter::field("-1"), "\"'-1\"");
    EXPECT_EQ(CsvWriter::field("@x"), "\"'@x\"");
    EXPECT_EQ(CsvWriter::field("ok"), "\"ok\"");
}

TEST(Cof, WriterOutputReadsBackUnchanged) {
    Record r;
    r.rrname = "www.example.com";
    r.rrtype = 16;
    r.rdata = "\"v=spf1 -all\" \"a\\\\b\"";
    r.bailiwick = "example.com";
    r.firstSeen = 1700000000;
    r.lastSeen = 1700000500;
    r.count = 9;
    std::ostringstream out;
    CofWriter(out).write(r);
    CofReader reader;
    test::CollectingSink sink;
    NullProgress progress;
    CancelToken cancel;
    auto input = memoryInput(out.str(), "mem");
    ReadContext ctx("mem", progress, cancel);
    ASSERT_TRUE(reader.read(*input, sink, ctx).ok());
    ASSERT_EQ(sink.all.size(), 1U);
    EXPECT_EQ(sink.all[0].rrname, r.rrname);
    EXPECT_EQ(sink.all[0].rdata, r.rdata);
    EXPECT_EQ(sink.all[0].bailiwick, r.bailiwick);
    EXPECT_EQ(sink.all[0].count, r.count);
    EXPECT_EQ(sink.all[0].firstSeen, r.firstSeen);
    EXPECT_EQ(sink.all[0].lastSeen, r.lastSeen);
}

}  // namespace
}  // namespace tapir

namespace tapir {
namespace {

TEST(QueryParser, Forms) {
    auto exact = parseQuery(" WWW.Example.com. ");
    ASSERT_TRUE(exact.ok());
    EXPECT_EQ(exact->kind, QuerySpec::Kind::Name);
    EXPECT_EQ(exact->name, "www.example.com");
    EXPECT_EQ(parseQuery("*.example.com")->kind, QuerySpec::Kind::NameSuffix);
    EXPECT_EQ(parseQuery("www.example.*")->kind, QuerySpec::Kind::NamePrefix);
    auto ns = parseQuery("ns:ns1.dnshost.lab");
    EXPECT_EQ(ns->kind, QuerySpec::Kind::RdataName);
    EXPECT_EQ(ns->rrtype, 2U);
    auto cidr = parseQuery("ip:198.51.100.7/24");
    ASSERT_TRUE(cidr.ok());
    EXPECT_EQ(dns::formatIp(cidr->ipLow), "198.51.100.0");
    EXPECT_EQ(dns::formatIp(cidr->ipHigh), "198.51.100.255");
    auto v6 = parseQuery("ip:2001:db8::/32");
    ASSERT_TRUE(v6.ok());
    EXPECT_EQ(dns::formatIp(v6->ipHigh), "2001:db8:ffff:ffff:ffff:ffff:ffff:ffff");
    EXPECT_EQ(parseQuery("")->kind, QuerySpec::Kind::All);
}

// dnsdbq's batch-file lookups (dnsdbq -f) read as the same specs as Tapir's own forms.
TEST(QueryParser, DnsdbqBatchForms) {
    auto rrset = parseQuery("rrset/name/WWW.Example.com./A/example.com");
    ASSERT_TRUE(rrset.ok()) << rrset.error().message;
    EXPECT_EQ(rrset->kind, QuerySpec::Kind::Name);
    EXPECT_EQ(rrset->name, "www.example.com");
    EXPECT_EQ(rrset->rrtype, 1U);
    EXPECT_EQ(rrset->bailiwick, "example.com");
    auto any = parseQuery("rrset/name/example.com/ANY");
    ASSERT_TRUE(any.ok());
    EXPECT_FALSE(any->rrtype.has_value());
    EXPECT_TRUE(any->bailiwick.empty());
    EXPECT_EQ(parseQuery("rrset/name/*.example.com")->kind, QuerySpec::Kind::NameSuffix);
    EXPECT_EQ(parseQuery("rrset/name/*.example.com")->name, "example.com");
    EXPECT_EQ(parseQuery("rrset/name/www.example.*")->kind, QuerySpec::Kind::NamePrefix);
    auto rdata = parseQuery("rdata/name/ns1.dnshost.lab/NS after:2026-01-01");
    ASSERT_TRUE(rdata.ok());
    EXPECT_EQ(rdata->kind, QuerySpec::Kind::RdataName);
    EXPECT_EQ(rdata->name, "ns1.dnshost.lab");
    EXPECT_EQ(rdata->rrtype, 2U);
    EXPECT_TRUE(rdata->after.has_value());
    auto below = parseQuery("rdata/name/*.dnshost.lab");
    ASSERT_TRUE(below.ok());
    EXPECT_EQ(below->kind, QuerySpec::Kind::RdataGlob);
    EXPECT_EQ(below->pattern, "*.dnshost.lab");
    for (const char* text : {"rdata/ip/198.51.100.7,24", "rdata/ip/198.51.100.7/24"}) {
        auto ip = parseQuery(text);
        ASSERT_TRUE(ip.ok()) << text;
        EXPECT_EQ(ip->kind, QuerySpec::Kind::IpRange);
        EXPECT_EQ(dns::formatIp(ip->ipLow), "198.51.100.0");
        EXPECT_EQ(dns::formatIp(ip->ipHigh), "198.51.100.255");
    }
    auto range = parseQuery("rdata/ip/2001:db8::1-2001:db8::9");
    ASSERT_TRUE(range.ok());
    EXPECT_EQ(dns::formatIp(range->ipHigh), "2001:db8::9");
    auto withBailiwick = parseQuery("example.com bailiwick:COM.");
    ASSERT_TRUE(withBailiwick.ok());
    EXPECT_EQ(withBailiwick->bailiwick, "com");
    // Errors point at the part that is wrong.
    auto raw = parseQuery("rdata/raw/0366");
    ASSERT_FALSE(raw.ok());
    EXPECT_EQ(raw.error().offset, 6U);
    EXPECT_NE(raw.error().message.find("raw"), std::string::npos);
    EXPECT_EQ(parseQuery("rrset/name/example.com/BOGUS").error().offset, 23U);
    EXPECT_EQ(parseQuery("rrset/name/example.com/A/com/more").error().offset, 28U);
    EXPECT_EQ(parseQuery("rrset/ip/198.51.100.7").error().offset, 6U);
    EXPECT_FALSE(parseQuery("rrset/name/").ok());
    // A trailing slash leaves the type or bailiwick open.
    auto open = parseQuery("rrset/name/example.com/A/");
    ASSERT_TRUE(open.ok()) << open.error().message;
    EXPECT_EQ(open->rrtype, 1U);
    EXPECT_TRUE(open->bailiwick.empty());
    EXPECT_FALSE(parseQuery("rrset/name/example.com/")->rrtype.has_value());
    EXPECT_EQ(parseQuery("rdata/ip/198.51.100.7/")->kind, QuerySpec::Kind::IpRange);
    EXPECT_FALSE(parseQuery("rdata/ip/banana").ok());
    EXPECT_FALSE(parseQuery("example.com bailiwick:").ok());
}

// bailiwick: keeps the records of that bailiwick only, in every lookup and in the summary.
TEST_F(QueryTest, BailiwickFilter) {
    importText(
        "bw.json",
        R"({"rrname":"www.bw.example.","rrtype":"A","rdata":"192.0.2.1","bailiwick":"bw.example.","time_first":1795714000,"time_last":1795714100,"count":3}
{"rrname":"www.bw.example.","rrtype":"A","rdata":"192.0.2.2","bailiwick":"example.","time_first":1795714000,"time_last":1795714100,"count":4}
{"rrname":"bw.example.","rrtype":"NS","rdata":"ns.bw.example.","bailiwick":"example.","time_first":1795714000,"time_last":1795714100,"count":5}
)");
    RecordQuery q(*m_db);
    auto rows = [&](const std::string& text) {
        auto spec = parseQuery(text);
        EXPECT_TRUE(spec.ok()) << text;
        std::set<std::string> out;
        const auto found = q.run(*spec);  // kept alive while iterating
        for (const auto& r : found.value())
            out.insert(r.rrname + " " + r.rdata + " " + r.bailiwick);
        return out;
    };
    EXPECT_EQ(rows("www.bw.example"), (std::set<std::string>{"www.bw.example 192.0.2.1 bw.example",
                                                             "www.bw.example 192.0.2.2 example"}));
    EXPECT_EQ(rows("rrset/name/www.bw.example/A/bw.example"),
              (std::set<std::string>{"www.bw.example 192.0.2.1 bw.example"}));
    EXPECT_EQ(rows("*.bw.example bailiwick:example"),
              (std::set<std::string>{"www.bw.example 192.0.2.2 example"}));
    EXPECT_EQ(rows("ip:192.0.2.0/24 bailiwick:bw.example"),
              (std::set<std::string>{"www.bw.example 192.0.2.1 bw.example"}));
    EXPECT_TRUE(rows("www.bw.example bailiwick:no-such.example").empty());
    EXPECT_EQ(q.summarize(*parseQuery("glob:*bw.example bailiwick:example")).value().count, 9U);
}

TEST(QueryParser, ErrorsPointAtTheProblem) {
    auto bad = parseQuery("ip:198.51.100.0/33");
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().code, ErrorCode::Syntax);
    auto notIp = parseQuery("ip:banana");
    ASSERT_FALSE(notIp.ok());
    EXPECT_EQ(notIp.error().offset, 3U);
    auto two = parseQuery("www example.com");
    ASSERT_FALSE(two.ok());
    EXPECT_EQ(two.error().offset, 4U);
    EXPECT_NE(two.error().message.find("only one lookup"), std::string::npos);
    auto type = parseQuery("example.com type:BOGUS");
    ASSERT_FALSE(type.ok());
    EXPECT_EQ(type.error().offset, 17U);
    auto re = parseQuery("re:^pay(");
    ASSERT_FALSE(re.ok());
    EXPECT_EQ(re.error().code, ErrorCode::Syntax);
    EXPECT_FALSE(parseQuery("after:yesterday").ok());
    EXPECT_FALSE(parseQuery("\"unterminated").ok());
    EXPECT_FALSE(parseQuery(R"("a""b)").ok());  // the doubled quote does not close
    auto quote = parseQuery(R"(rdata-glob:"""v=spf1 *")");
    ASSERT_TRUE(quote.ok());
    EXPECT_EQ(quote->pattern, R"("v=spf1 *)");
    EXPECT_EQ(parseQuery(R"(rdata-glob:a""b)")->pattern, "ab");  // outside quotes: empty
    EXPECT_FALSE(parseQuery("after:2026-02-01 before:2026-01-01").ok());
}

TEST(QueryParser, ModifiersAndRelativeTimes) {
    const std::int64_t now = 1'767'400'000;  // 2026-01-03
    auto q = parseQuery(
        "name:*.example.com type:AAAA after:-7d before:2026-01-02 mode:strict "
        "sort:count limit:50",
        now);
    ASSERT_TRUE(q.ok()) << q.error().message;
    EXPECT_EQ(q->kind, QuerySpec::Kind::NameSuffix);
    EXPECT_EQ(q->rrtype, 28U);
    EXPECT_EQ(q->after, now - 7 * 86400);
    EXPECT_EQ(q->before, 1767312000);
    EXPECT_TRUE(q->strict);
    EXPECT_EQ(q->sort, QuerySpec::Sort::Count);
    EXPECT_EQ(q->limit, 50);
    auto bare = parseQuery("198.51.100.0/24");
    EXPECT_EQ(bare->kind, QuerySpec::Kind::IpRange);
    auto range = parseQuery("ip:192.0.2.10-192.0.2.20");
    ASSERT_TRUE(range.ok());
    EXPECT_EQ(dns::formatIp(range->ipHigh), "192.0.2.20");
    EXPECT_EQ(parseQuery("mx:mail.example.com")->rrtype, 15U);
    auto re = parseQuery("re:\"^pay.*\\.test$\"");
    ASSERT_TRUE(re.ok());
    EXPECT_EQ(re->pattern, "^pay.*\\.test$");
}

}  // namespace
}  // namespace tapir

namespace tapir {
namespace {

TEST_F(QueryTest, FlexibleSearchRegexAndGlob) {
    auto re = parseQuery("re:^pay.*\\.(example|test)$");
    ASSERT_TRUE(re.ok()) << re.error().message;
    auto got = names(*re);
    ASSERT_FALSE(got.empty());
    for (const auto& g : got)
        EXPECT_TRUE(g.starts_with("pay")) << g;
    auto glob = parseQuery("glob:*.cdn-edge.test type:A");
    ASSERT_TRUE(glob.ok());
    auto hosts = names(*glob);
    ASSERT_FALSE(hosts.empty());
    for (const auto& g : hosts)
        EXPECT_NE(g.find(".cdn-edge.test A "), std::string::npos) << g;
    auto rdataRe = parseQuery("rdata-re:^v=spf1");
    ASSERT_TRUE(rdataRe.ok());
    // TXT rdata is stored in presentation form, quotes included.
    EXPECT_TRUE(names(*rdataRe).empty());
    auto rdataRe2 = parseQuery("rdata-re:\"^.v=spf1\"");
    ASSERT_TRUE(rdataRe2.ok());
    auto spf = names(*rdataRe2);
    ASSERT_FALSE(spf.empty());
    for (const auto& g : spf)
        EXPECT_NE(g.find(" TXT \"v=spf1"), std::string::npos) << g;
}

// The GUI stops a count or a page that a newer search made useless (RecordPageLoader):
// the statement ends with an error, and the next query on the same RecordQuery runs.
TEST_F(QueryTest, AStoppedQueryLeavesTheNextOneWorking) {
    std::ostringstream log;
    for (int i = 0; i < 5000; ++i) {
        log << 1795714029 + i << "||c||s||IN||h" << i << ".many.example.||A||192.0.2." << i % 250
            << "||60||1\n";
    }
    ASSERT_NO_FATAL_FAILURE(importText("many.log", log.str()));
    QuerySpec suffix;
    suffix.kind = QuerySpec::Kind::NameSuffix;
    suffix.name = "many.example";
    QuerySpec byCount;
    byCount.sort = QuerySpec::Sort::Count;
    byCount.limit = 10;
    RecordQuery q(*m_db);
    bool stale = true;
    int checks = 0;
    m_db->setInterruptCheck([&] {
        ++checks;
        return stale;
    });
    const auto stoppedCount = q.count(suffix);
    ASSERT_FALSE(stoppedCount.ok());
    EXPECT_NE(stoppedCount.error().message.find("interrupt"), std::string::npos)
        << stoppedCount.error().message;
    EXPECT_FALSE(q.run(byCount).ok());
    EXPECT_GE(checks, 2);

    stale = false;  // the work is wanted again
    EXPECT_EQ(q.count(suffix).value(), 5000U);
    const auto rows = q.run(byCount);
    ASSERT_TRUE(rows.ok());
    EXPECT_EQ(rows->size(), 10U);
    m_db->setInterruptCheck({});
    EXPECT_EQ(q.count(suffix).value(), 5000U);
}

TEST_F(QueryTest, CountUpToStopsEarly) {
    RecordQuery q(*m_db);
    QuerySpec all;
    EXPECT_EQ(q.countUpTo(all, 10).value(), 11U);
    EXPECT_EQ(q.countUpTo(all, 100000).value(), q.count(all).value());
}

// A lookup of each kind that finds several records in the lab store (every record, a
// suffix, an rdata name, an address range, a glob, and a suffix with a type and a fence).
std::vector<QuerySpec> everyLookupKind() {
    std::vector<QuerySpec> specs(6);
    specs[1].kind = QuerySpec::Kind::NameSuffix;
    specs[1].name = "test";
    specs[2].kind = QuerySpec::Kind::RdataName;
    specs[2].name = "ns1.dnshost.lab";
    specs[3].kind = QuerySpec::Kind::IpRange;
    specs[3].ipLow = *dns::parseIp("198.51.100.0");
    specs[3].ipHigh = *dns::parseIp("198.51.100.255");
    specs[4].kind = QuerySpec::Kind::NameGlob;
    specs[4].pattern = "*mail*";
    specs[5] = specs[1];
    specs[5].rrtype = 1;
    specs[5].after = 1795714040;
    return specs;
}

// summarize() must equal the sum over the records run() returns, for every lookup kind and
// with filters, and be all zero when nothing matches.
TEST_F(QueryTest, SummaryEqualsTheSumOfItsRecords) {
    RecordQuery q(*m_db);
    std::vector<QuerySpec> specs = everyLookupKind();
    specs.emplace_back();
    specs.back().kind = QuerySpec::Kind::Name;
    specs.back().name = "no-such-name.example";
    for (auto& spec : specs) {
        spec.limit = 100000;
        spec.sort = QuerySpec::Sort::Count;  // summarize ignores sort, limit and offset
        const auto rows = q.run(spec);
        ASSERT_TRUE(rows.ok());
        RecordSummary want;
        for (const auto& r : *rows) {
            want.firstSeen =
                want.records == 0 ? r.firstSeen : std::min(want.firstSeen, r.firstSeen);
            want.lastSeen = std::max(want.lastSeen, r.lastSeen);
            want.count += r.count;
            ++want.records;
        }
        spec.limit = 1;
        spec.offset = 3;
        const auto got = q.summarize(spec);
        ASSERT_TRUE(got.ok());
        EXPECT_EQ(got->records, want.records) << static_cast<int>(spec.kind);
        EXPECT_EQ(got->count, want.count) << static_cast<int>(spec.kind);
        EXPECT_EQ(got->firstSeen, want.firstSeen) << static_cast<int>(spec.kind);
        EXPECT_EQ(got->lastSeen, want.lastSeen) << static_cast<int>(spec.kind);
        if (spec.kind != QuerySpec::Kind::Name) {
            EXPECT_GT(want.records, 1U) << static_cast<int>(spec.kind);
            EXPECT_GT(want.count, want.records) << static_cast<int>(spec.kind);
        }
    }
}

// names() groups exactly the records run() returns, by rrname, in every lookup kind; its
// order and paging are by name rows.
TEST_F(QueryTest, NamesGroupTheRecordsByName) {
    RecordQuery q(*m_db);
    std::vector<QuerySpec> specs = everyLookupKind();
    for (auto& spec : specs) {
        spec.limit = 100000;
        const auto rows = q.run(spec);
        ASSERT_TRUE(rows.ok());
        std::map<std::string, NameSummary> want;
        for (const auto& r : *rows) {
            NameSummary& n = want[r.rrname];
            RecordSummary& s = n.summary;
            s.firstSeen = s.records == 0 ? r.firstSeen : std::min(s.firstSeen, r.firstSeen);
            s.lastSeen = std::max(s.lastSeen, r.lastSeen);
            s.count += r.count;
            ++s.records;
            if (std::find(n.rrtypes.begin(), n.rrtypes.end(), r.rrtype) == n.rrtypes.end())
                n.rrtypes.push_back(r.rrtype);
        }
        spec.sort = QuerySpec::Sort::Name;
        spec.descending = false;
        const auto got = q.names(spec);
        ASSERT_TRUE(got.ok()) << got.error().describe();
        ASSERT_EQ(got->size(), want.size()) << static_cast<int>(spec.kind);
        EXPECT_GT(want.size(), 1U) << static_cast<int>(spec.kind);
        auto count = q.countNames(spec);
        ASSERT_TRUE(count.ok());
        EXPECT_EQ(*count, want.size());
        auto it = want.begin();
        for (const auto& n : *got) {
            auto types = it->second.rrtypes;
            std::sort(types.begin(), types.end());
            EXPECT_EQ(n.rrname, it->first);
            EXPECT_EQ(n.summary.records, it->second.summary.records) << n.rrname;
            EXPECT_EQ(n.summary.count, it->second.summary.count) << n.rrname;
            EXPECT_EQ(n.summary.firstSeen, it->second.summary.firstSeen) << n.rrname;
            EXPECT_EQ(n.summary.lastSeen, it->second.summary.lastSeen) << n.rrname;
            EXPECT_EQ(n.rrtypes, types) << n.rrname;
            ++it;
        }
        // By summed count, largest first, ties by name; a page is a slice of that order.
        spec.sort = QuerySpec::Sort::Count;
        spec.descending = true;
        const auto byCount = q.names(spec);
        ASSERT_TRUE(byCount.ok());
        ASSERT_EQ(byCount->size(), want.size());
        for (std::size_t i = 1; i < byCount->size(); ++i) {
            const auto& a = (*byCount)[i - 1];
            const auto& b = (*byCount)[i];
            EXPECT_TRUE(a.summary.count > b.summary.count ||
                        (a.summary.count == b.summary.count && a.rrname < b.rrname));
        }
        spec.offset = 1;
        spec.limit = 2;
        const auto page = q.names(spec);
        ASSERT_TRUE(page.ok());
        ASSERT_EQ(page->size(), std::min<std::size_t>(2, want.size() - 1));
        EXPECT_EQ((*page)[0].rrname, (*byCount)[1].rrname);
    }
}

TEST(Triage, RefangUndoesWhatReportsDoToIndicators) {
    const std::pair<const char*, const char*> cases[] = {
        {"evil[.]example", "evil.example"},
        {"  evil(.)example(dot)com  ", "evil.example.com"},
        {"EVIL[DOT]example{.}net", "EVIL.example.net"},
        {"hxxps://login.evil[.]example/path?x=1#top", "login.evil.example"},
        {"hXXp[:]//user:pw@evil[.]example:8080/", "evil.example"},
        {"ftp://[2001:db8::7]:21/file", "2001:db8::7"},
        {"https://2001:db8::7/", "2001:db8::7"},
        {"victim[@]evil[.]example", "evil.example"},
        {"phish[at]evil.example", "evil.example"},
        {"198.51.100[.]7", "198.51.100.7"},
        {"evil[.]example:443", "evil.example"},
        {"\"evil[.]example\",", "evil.example"},
        {"<evil.example>", "evil.example"},
        // Layers come off until none is left; refanging twice changes nothing.
        {"<hxxp://\"evil[.]example\">", "evil.example"},
        {"a@b@evil.example", "evil.example"},
        {"\f@\"x*\"", "x*"},
        {"2001:db8::1", "2001:db8::1"},
        // Tapir's own searches come back unchanged.
        {"ip:198.51.100.0/24", "ip:198.51.100.0/24"},
        {"*.evil.example type:A", "*.evil.example type:A"},
        {"re:^evil[.]example", "re:^evil[.]example"},
        {"rdata-glob:*[.]example", "rdata-glob:*[.]example"},
        {R"(rdata-glob:"""v=spf1*")", R"(rdata-glob:"""v=spf1*")"},
        {R"(name:"a b")", R"(name:"a b")"},
        {R"("a b")", R"("a b")"},
        {"ip:198.51.100.7:443", "ip:198.51.100.7:443"},
        {"", ""},
    };
    for (const auto& [in, want] : cases) {
        EXPECT_EQ(refangIndicator(in), want) << in;
        EXPECT_EQ(refangIndicator(refangIndicator(in)), refangIndicator(in)) << in;
    }
    // Defanging and refanging again gives the indicator back.
    for (const char* in :
         {"evil.example", "198.51.100.7", "2001:db8::1", "xn--bcher-kva.example"}) {
        EXPECT_EQ(refangIndicator(defangIndicator(in)), in);
    }
    EXPECT_EQ(defangIndicator("evil.example"), "evil[.]example");
    EXPECT_EQ(defangIndicator("2001:db8::1"), "2001[:]db8[:][:]1");
    EXPECT_EQ(indicatorLines("a.example\r\n\n  # comment\n b.example \n#x\nc.example"),
              (std::vector<std::string>{"a.example", "b.example", "c.example"}));
}

// Each indicator gets the summary of the search it refangs to; bad ones their error.
TEST_F(QueryTest, TriageSummarisesEachIndicator) {
    RecordQuery q(*m_db);
    const std::vector<std::string> indicators{
        "paypal[.]example",  "hxxps://api.paypal[.]example/login",
        "cc.flux[.]example", "no-such[.]example",
        "bad after:xx",      "http://"};
    NullProgress progress;
    CancelToken cancel;
    const auto rows = triage(q, indicators, {}, progress, cancel);
    ASSERT_TRUE(rows.ok());
    ASSERT_EQ(rows->size(), indicators.size());
    const char* queries[] = {"paypal.example", "api.paypal.example", "cc.flux.example"};
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& row = (*rows)[i];
        EXPECT_EQ(row.indicator, indicators[i]);
        EXPECT_EQ(row.query, queries[i]);
        EXPECT_TRUE(row.error.empty()) << row.error;
        const auto want = q.summarize(*parseQuery(queries[i])).value();
        EXPECT_GT(want.records, 0U) << queries[i];
        EXPECT_EQ(row.summary.records, want.records) << queries[i];
        EXPECT_EQ(row.summary.count, want.count) << queries[i];
        EXPECT_EQ(row.summary.firstSeen, want.firstSeen) << queries[i];
        EXPECT_EQ(row.summary.lastSeen, want.lastSeen) << queries[i];
    }
    EXPECT_EQ((*rows)[3].summary.records, 0U);
    EXPECT_TRUE((*rows)[3].error.empty());
    EXPECT_NE((*rows)[4].error.find("bad time"), std::string::npos) << (*rows)[4].error;
    EXPECT_EQ((*rows)[4].summary.records, 0U);
    EXPECT_FALSE((*rows)[5].error.empty());  // nothing left to look up: not every record

    // below: the name and every name under it.
    const std::vector<std::string> one{"paypal.example"};
    const auto below = triage(q, one, {.below = true}, progress, cancel);
    ASSERT_TRUE(below.ok());
    const auto exact = q.summarize(*parseQuery("paypal.example")).value();
    const auto under = q.summarize(*parseQuery("*.paypal.example")).value();
    ASSERT_GT(under.records, 0U);
    EXPECT_EQ((*below)[0].summary.records, exact.records + under.records);
    EXPECT_EQ((*below)[0].summary.count, exact.count + under.count);
    EXPECT_EQ((*below)[0].summary.firstSeen, std::min(exact.firstSeen, under.firstSeen));
    EXPECT_EQ((*below)[0].summary.lastSeen, std::max(exact.lastSeen, under.lastSeen));

    cancel.cancel();
    const auto stopped = triage(q, indicators, {}, progress, cancel);
    ASSERT_FALSE(stopped.ok());
    EXPECT_EQ(stopped.error().code, ErrorCode::Cancelled);
}

TEST_F(QueryTest, RecordsCarryTheirSourceCount) {
    RecordQuery q(*m_db);
    QuerySpec spec;
    spec.limit = 5;
    const auto rows = q.run(spec);
    ASSERT_TRUE(rows.ok());
    ASSERT_FALSE(rows->empty());
    for (const auto& r : *rows)
        EXPECT_EQ(r.sourceCount, 1U);
}

}  // namespace
}  // namespace tapir
