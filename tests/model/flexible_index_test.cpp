// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// The opt-in flexible-search index (trigram) for glob and regex name searches: the same
// answers as a scan, really used when on, kept up to date by imports, removable.
#include <gtest/gtest.h>
#include <sqlite3.h>

#include <fstream>
#include <set>

#include "ingest/importer.h"
#include "query/flexible_index.h"
#include "query/query_parser.h"
#include "query/record_query.h"
#include "query/regex_function.h"
#include "store/database.h"
#include "store/statement.h"
#include "test_util.h"

namespace tapir {
namespace {

using Literals = std::vector<std::string>;

TEST(FlexibleIndex, RequiredLiteralOfGlobs) {
    EXPECT_EQ(requiredLiterals("*paypal*", false), Literals{"paypal"});
    EXPECT_EQ(requiredLiterals("pay*pal-login.*", false), Literals{"pal-login."});
    EXPECT_EQ(requiredLiterals("[abc]xyz*", false), Literals{"xyz"});
    EXPECT_EQ(requiredLiterals("*a?c*", false), Literals{});
    EXPECT_EQ(requiredLiterals("ab", false), Literals{});
    EXPECT_EQ(requiredLiterals("*PayPal*", false), Literals{"PayPal"});  // GLOB keeps case
    EXPECT_EQ(requiredLiterals("*éa*", false), Literals{});              // 3 bytes, 2 characters
    EXPECT_EQ(requiredLiterals("*éab*", false), Literals{"éab"});
}

TEST(FlexibleIndex, RequiredLiteralOfRegexesIsConservative) {
    EXPECT_EQ(requiredLiterals(R"(^pay.*\.test$)", true), Literals{".test"});
    EXPECT_EQ(requiredLiterals(R"(shop\.ratahiku)", true), Literals{"shop.ratahiku"});
    EXPECT_EQ(requiredLiterals("paypa?l", true), Literals{"payp"});  // the 'a' may be absent
    EXPECT_EQ(requiredLiterals("(foo)?barbaz", true), Literals{"barbaz"});
    EXPECT_EQ(requiredLiterals(R"([a-z]{3}\.test)", true), Literals{".test"});
    EXPECT_EQ(requiredLiterals(R"(\d+\w+)", true), Literals{});
    EXPECT_EQ(requiredLiterals("ab+cd", true), Literals{});  // "ab" then "b...bcd": no 3 sure
    EXPECT_EQ(requiredLiterals("abc+d", true), Literals{"abc"});
    // Regex searches ignore case and names are lower-case: literals are looked up so.
    EXPECT_EQ(requiredLiterals("PayPal", true), Literals{"paypal"});
    // Escapes that spell code points or classes are not their letters and digits.
    EXPECT_EQ(requiredLiterals(R"(\x41bc)", true), Literals{});
    EXPECT_EQ(requiredLiterals(R"(\x{41}bcd)", true), Literals{"bcd"});
    EXPECT_EQ(requiredLiterals(R"(\u0041bc)", true), Literals{});
    EXPECT_EQ(requiredLiterals(R"(\0101bc)", true), Literals{});
    EXPECT_EQ(requiredLiterals(R"(\cAbc)", true), Literals{});
    EXPECT_EQ(requiredLiterals(R"(\p{L}abc)", true), Literals{"abc"});
    EXPECT_EQ(requiredLiterals(R"(x\Qa.b*c\Ey)", true), Literals{"xa.b*cy"});
    // Comments mode changes what the text means; flag groups and lookarounds do not count.
    EXPECT_EQ(requiredLiterals("(?x)a b c d", true), Literals{});
    EXPECT_EQ(requiredLiterals("(?=abcd)ab", true), Literals{});
    EXPECT_EQ(requiredLiterals("(?i:abcd)", true), Literals{});
    EXPECT_EQ(requiredLiterals("é[a]abc", true), Literals{"abc"});
}

TEST(FlexibleIndex, RequiredLiteralsOfAlternatives) {
    EXPECT_EQ(requiredLiterals("pay|bank", true), (Literals{"bank", "pay"}));
    EXPECT_EQ(requiredLiterals("pay|ba", true), Literals{});  // "ba" is too short
    EXPECT_EQ(requiredLiterals(R"(^(paypal|paypa1)-login\.)", true),
              Literals{"-login."});  // one literal of 7 beats two of 6
    EXPECT_EQ(requiredLiterals(R"(^(paypal|paypa1)\.com$)", true), (Literals{"paypa1", "paypal"}));
    EXPECT_EQ(requiredLiterals(R"((www|mail)\.acme)", true), Literals{".acme"});
    EXPECT_EQ(requiredLiterals("(?:abc|abcd)x", true), Literals{"abc"});  // abcd implies abc
    EXPECT_EQ(requiredLiterals("(abc|def)?xy", true), Literals{});
    EXPECT_EQ(requiredLiterals("a|b|c|d|e|f|g|h|i", true), Literals{});
    EXPECT_EQ(requiredLiterals("aaa|bbb|ccc|ddd|eee|fff|ggg|hhh|iii", true), Literals{});
    EXPECT_EQ(requiredLiterals("[|]abc", true), Literals{"abc"});  // not an alternation
}

TEST(FlexibleIndex, AnchoredPrefixOfRegexes) {
    EXPECT_EQ(anchoredPrefix(R"(^mx[0-9]+\.)"), "mx");
    EXPECT_EQ(anchoredPrefix(R"(^www\.PayPal\.)"), "www.paypal.");  // names are lower-case
    EXPECT_EQ(anchoredPrefix(R"(^a-b_c\-d)"), "a-b_c-d");
    EXPECT_EQ(anchoredPrefix("^ab?c"), "a");  // the b may be absent
    EXPECT_EQ(anchoredPrefix("^ab*c"), "a");
    EXPECT_EQ(anchoredPrefix("^ab{0,2}"), "a");
    EXPECT_EQ(anchoredPrefix("^ab+c"), "ab");  // at least one b
    EXPECT_EQ(anchoredPrefix(R"(^\d+)"), "");
    EXPECT_EQ(anchoredPrefix("mx[0-9]"), "");   // not anchored
    EXPECT_EQ(anchoredPrefix("^mx|^ns"), "");   // alternatives
    EXPECT_EQ(anchoredPrefix("^(mx|ns)"), "");  // a group first
    EXPECT_EQ(anchoredPrefix("^(?x)a b"), "");  // comments mode
    EXPECT_EQ(anchoredPrefix("^ab(?x) c"), "");
    EXPECT_EQ(anchoredPrefix("^é"), "");
}

TEST(FlexibleIndex, TrigramMatchQuotesEachTrigram) {
    EXPECT_EQ(trigramMatch("abc"), R"("abc")");
    EXPECT_EQ(trigramMatch("abcd"), R"("abc" AND "bcd")");
    EXPECT_EQ(trigramMatch(R"(a"bc)"), R"("a""b" AND """bc")");  // FTS5 doubles a quote
    EXPECT_EQ(trigramMatch("a*b OR c"),
              R"("a*b" AND "*b " AND "b O" AND " OR" AND "OR " AND "R c")");
    // Trigrams of characters, not bytes, like the tokenizer's.
    EXPECT_EQ(trigramMatch("bücher"), R"("büc" AND "üch" AND "che" AND "her")");
}

// tapir_regexp matches ASCII values as UTF-16 and the others through UTF-8, on the same
// compiled pattern, value after value: the answers are those of characters, not bytes, and
// case-insensitive, whichever way a value went.
TEST(FlexibleIndex, RegexFunctionOnAsciiAndUnicodeValues) {
    sqlite3* db = nullptr;
    ASSERT_EQ(sqlite3_open(":memory:", &db), SQLITE_OK);
    ASSERT_TRUE(registerRegexFunction(db).ok());
    ASSERT_EQ(sqlite3_exec(db,
                           "CREATE TABLE t(v); INSERT INTO t VALUES ('abc'), ('café'), "
                           "('xyz'), ('naïve'), ('ÉCOLE'), ('école'), ('e'), ('abcd')",
                           nullptr, nullptr, nullptr),
              SQLITE_OK);
    auto matches = [&](const char* pattern) {
        sqlite3_stmt* q = nullptr;
        EXPECT_EQ(sqlite3_prepare_v2(db,
                                     "SELECT group_concat(v, ',') FROM t WHERE "
                                     "tapir_regexp(?1, v) ORDER BY rowid",
                                     -1, &q, nullptr),
                  SQLITE_OK);
        sqlite3_bind_text(q, 1, pattern, -1, SQLITE_TRANSIENT);
        std::string got;
        if (sqlite3_step(q) == SQLITE_ROW && sqlite3_column_text(q, 0) != nullptr)
            got = reinterpret_cast<const char*>(sqlite3_column_text(q, 0));
        sqlite3_finalize(q);
        return got;
    };
    EXPECT_EQ(matches("^[a-z]+$"), "abc,xyz,e,abcd");
    EXPECT_EQ(matches("^.{4}$"), "café,abcd");  // 4 characters, 5 bytes in UTF-8
    EXPECT_EQ(matches("^.{5}$"), "naïve,ÉCOLE,école");
    EXPECT_EQ(matches("é"), "café,ÉCOLE,école");
    EXPECT_EQ(matches("^ABC"), "abc,abcd");
    EXPECT_EQ(matches("e$"), "naïve,ÉCOLE,école,e");  // é is not e
    sqlite3_close(db);
}

class FlexibleIndexTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto db = store::Database::open(m_dir.file("f.db"));
        ASSERT_TRUE(db.ok());
        m_db = std::move(*db);
        importFile(test::dataPath("passivedns/passivedns.log"));
    }
    void importFile(const std::string& path) {
        NullProgress progress;
        CancelToken cancel;
        auto r = Importer(*m_db).importFile(path, {}, progress, cancel);
        ASSERT_EQ(r.status, FileStatus::Imported) << path;
    }
    std::set<std::string> rows(const std::string& text) {
        auto spec = parseQuery(text);
        EXPECT_TRUE(spec.ok()) << text;
        spec->limit = 100000;
        RecordQuery q(*m_db);
        auto got = q.run(*spec);
        EXPECT_TRUE(got.ok()) << text << ": " << got.error().describe();
        std::set<std::string> out;
        for (const auto& r : *got)
            out.insert(r.rrname + " " + std::to_string(r.rrtype) + " " + r.rdata);
        EXPECT_EQ(q.count(*spec).value(), out.size()) << text;
        return out;
    }
    // A name with one A record, written straight into the tables (not through an import,
    // so no index learns of it beyond SQLite's own).
    void writeNameBehindTheIndex(const std::string& name, const std::string& rname) {
        store::Statement(m_db->handle(), "INSERT INTO names(name, rname) VALUES(?1, ?2)")
            .bind(1, name)
            .bind(2, rname)
            .run();
        store::Statement(m_db->handle(),
                         "INSERT INTO records(name_id, type, rdata_id, first, last, count) "
                         "SELECT (SELECT id FROM names WHERE name = ?1), 1, id, 1, 1, 1 "
                         "FROM rdata WHERE type = 1 LIMIT 1")
            .bind(1, name)
            .run();
    }
    void disable() {
        ASSERT_TRUE(FlexibleIndex::disable(*m_db).ok());
        ASSERT_FALSE(FlexibleIndex::enabled(*m_db).value());
    }
    void enable() {
        NullProgress progress;
        CancelToken cancel;
        ASSERT_TRUE(FlexibleIndex::enable(*m_db, progress, cancel).ok());
        ASSERT_TRUE(FlexibleIndex::enabled(*m_db).value());
    }

    test::TempDir m_dir;
    std::unique_ptr<store::Database> m_db;
};

TEST_F(FlexibleIndexTest, SameAnswersAsAScan) {
    const std::vector<std::string> searches = {
        "glob:*acme*", "glob:*pay*", "glob:www.*", "glob:*.example", "glob:*PAYPAL*", "glob:*a?me*",
        "glob:*éa*", "rdata-glob:*éa*", "glob:*ü-bü*", R"(re:^pay.*\.example$)", "re:acme",
        R"(re:(www|mail)\.acme)", R"(re:^.{3}\.acme\.example$)", "re:xn--", R"(re:dnshost\.lab$)",
        "re:ACME", "re:PayPal", R"(re:(?-i)ACME)", R"(re:\x61cme)", R"(re:\u0061cme\.ex)",
        "re:(?x)acme#comment", "re:acme|dnshost", R"(re:^(api|www)\.acme\.example$)",
        R"(re:^(?:mail|ns[0-9])\.)", R"(re:\Qacme.example\E$)",
        // rdata values (rdata_trigram, case-insensitive; the glob keeps its case)
        "rdata-glob:*DMARC1*", "rdata-glob:*dmarc1*", R"(rdata-glob:"*""v=DMARC1*")",
        "rdata-re:dmarc1", "rdata-re:V=SPF1", "rdata-glob:*_spf.*", R"(rdata-re:^198\.51\.100\.1)",
        R"(rdata-re:(mx1|mx2)\.mailhost)", "rdata-glob:*.cdn-edge.test",
        "rdata-glob:*.cdn-edge.test sort:count",  // the all-matches path, not the merged one
    };
    disable();  // new stores have it: answer by scanning first
    std::map<std::string, std::set<std::string>> scanned;
    for (const auto& s : searches)
        scanned[s] = rows(s);
    ASSERT_FALSE(scanned["glob:*acme*"].empty());
    ASSERT_FALSE(scanned[R"(re:^pay.*\.example$)"].empty());
    ASSERT_EQ(scanned["re:ACME"], scanned["re:acme"]);
    ASSERT_EQ(scanned["re:(?x)acme#comment"], scanned["re:acme"]);
    ASSERT_FALSE(scanned["re:acme|dnshost"].empty());
    ASSERT_FALSE(scanned[R"(re:^(api|www)\.acme\.example$)"].empty());
    ASSERT_FALSE(scanned["rdata-glob:*DMARC1*"].empty());
    ASSERT_EQ(scanned[R"(rdata-glob:"*""v=DMARC1*")"], scanned["rdata-glob:*DMARC1*"]);
    ASSERT_TRUE(scanned["rdata-glob:*dmarc1*"].empty());
    ASSERT_EQ(scanned["rdata-re:dmarc1"], scanned["rdata-glob:*DMARC1*"]);
    ASSERT_FALSE(scanned["rdata-re:V=SPF1"].empty());
    ASSERT_GT(scanned["rdata-glob:*.cdn-edge.test"].size(), 16U);
    enable();
    for (const auto& s : searches)
        EXPECT_EQ(rows(s), scanned[s]) << s;
}

// A store created from nothing has the index, and its first import fills it; a store that
// existed before keeps what it had (this fixture's SetUp made its store new).
TEST_F(FlexibleIndexTest, NewStoresHaveItAndImportsFillIt) {
    EXPECT_TRUE(FlexibleIndex::enabled(*m_db).value());
    std::int64_t names = 0;
    {
        store::Statement q(m_db->handle(), "SELECT count(*) FROM names");
        ASSERT_TRUE(q.step());
        names = q.int64(0);
    }
    EXPECT_GT(names, 300);
    EXPECT_EQ(FlexibleIndex::indexedNames(*m_db).value(), names);
    disable();
    m_db.reset();
    auto again = store::Database::open(m_dir.file("f.db"));  // reopening does not rebuild it
    ASSERT_TRUE(again.ok());
    EXPECT_FALSE(FlexibleIndex::enabled(**again).value());
}

TEST_F(FlexibleIndexTest, SearchesUseTheIndexWhenOn) {
    enable();
    // A name written behind the index's back (not through an import) is invisible to an
    // indexed search and visible to a scan: proof of which path answered.
    writeNameBehindTheIndex("zzhidden.example", "example.zzhidden");
    EXPECT_TRUE(rows("glob:*zzhidden*").empty());
    EXPECT_TRUE(rows("re:zzhidden").empty());
    EXPECT_TRUE(rows("re:ZZHIDDEN").empty());
    {
        store::Statement(m_db->handle(),
                         "INSERT INTO rdata(type, value) VALUES(16, '\"zzsecret-token\"')")
            .run();
        store::Statement(m_db->handle(),
                         "INSERT INTO records(name_id, type, rdata_id, first, last, count) "
                         "SELECT (SELECT min(id) FROM names WHERE name NOT LIKE '%acme%'), 16, "
                         "id, 1, 1, 1 FROM rdata WHERE value = '\"zzsecret-token\"'")
            .run();
    }
    EXPECT_TRUE(rows("rdata-glob:*zzsecret*").empty());
    EXPECT_TRUE(rows("rdata-re:ZZSECRET").empty());
    EXPECT_FALSE(rows("re:zzhidden|acme").empty());  // alternatives: looked up one by one
    for (const auto& r : rows("re:zzhidden|acme"))
        EXPECT_EQ(r.find("zzhidden"), std::string::npos) << r;
    EXPECT_EQ(rows("glob:zz*").size(), 1U);  // no 3-character literal: a scan
    ASSERT_TRUE(FlexibleIndex::disable(*m_db).ok());
    EXPECT_FALSE(FlexibleIndex::enabled(*m_db).value());
    EXPECT_EQ(rows("glob:*zzhidden*").size(), 1U);
    EXPECT_EQ(rows("re:zzhidden").size(), 1U);
    EXPECT_EQ(rows("re:ZZHIDDEN").size(), 1U);
    EXPECT_EQ(rows("re:zzhidden|acme").size(), rows("re:acme").size() + 1);
    EXPECT_EQ(rows("rdata-glob:*zzsecret*").size(), 1U);
    EXPECT_EQ(rows("rdata-re:ZZSECRET").size(), 1U);
}

// The index looks up the rare part of a literal: on a store where every name starts with
// "www." and ends in ".example", `www.rarebrand.example` is looked up by a short part
// around "rarebrand" (trigrams like "w.r" are as rare), with the same answers as a scan.
TEST_F(FlexibleIndexTest, LooksUpTheRarePartOfALiteral) {
    const std::string log = m_dir.file("common.log");
    {
        std::ofstream out(log);
        for (int i = 0; i < 3000; ++i) {
            out << 1795714029 + i << "||c||s||IN||www.common" << i << ".example.||A||192.0.2."
                << 1 + i % 250 << "||60||1\n";
        }
        out << "1795719999||c||s||IN||www.rarebrand.example.||A||192.0.2.7||60||1\n";
    }
    importFile(log);
    auto sample = TrigramSample::take(*m_db, TrigramSample::Column::Names);
    ASSERT_TRUE(sample.ok());
    EXPECT_GT(sample->rows(), 3000U);
    EXPECT_GT(sample->share("www"), 0.5);
    EXPECT_GT(sample->share("WWW"), 0.5);  // case-folded
    EXPECT_LT(sample->share("rar"), 0.01);
    EXPECT_GT(sample->share("rar"), 0.0);  // smoothed: an unseen trigram is rare, not free
    const std::string narrowed = sample->narrow("www.rarebrand.example");
    EXPECT_GE(narrowed.size(), 3U);
    EXPECT_NE(std::string("www.rarebrand.example").find(narrowed), std::string::npos);
    EXPECT_EQ(narrowed.find("www"), std::string::npos) << narrowed;  // in every name
    EXPECT_EQ(narrowed.find("exa"), std::string::npos) << narrowed;
    EXPECT_LE(narrowed.size(), 9U) << narrowed;
    EXPECT_EQ(sample->narrow("www"), "www");                        // nothing shorter to look up
    EXPECT_EQ(sample->narrow("bücher.example"), "bücher.example");  // not ASCII: as it is
    // An empty store gives an empty sample, which leaves literals alone.
    {
        test::TempDir other;
        auto empty = store::Database::open(other.file("e.db"));
        ASSERT_TRUE(empty.ok());
        auto none = TrigramSample::take(**empty, TrigramSample::Column::Rdata);
        ASSERT_TRUE(none.ok());
        EXPECT_EQ(none->rows(), 0U);
        EXPECT_EQ(none->narrow("www.rarebrand.example"), "www.rarebrand.example");
    }
    const std::vector<std::string> searches = {
        R"(re:^www\.rarebrand\.example$)", "glob:*www.rarebrand.ex*", "glob:www.common1?.*",
        R"(re:^www\.common12\.)",          "rdata-glob:*192.0.2.7*",  R"(rdata-re:^192\.0\.2\.7$)",
    };
    std::map<std::string, std::set<std::string>> indexed;
    for (const auto& s : searches)
        indexed[s] = rows(s);
    EXPECT_EQ(indexed[R"(re:^www\.rarebrand\.example$)"].size(), 1U);
    EXPECT_EQ(indexed["glob:www.common1?.*"].size(), 10U);
    EXPECT_EQ(indexed[R"(re:^www\.common12\.)"].size(), 1U);
    disable();
    for (const auto& s : searches)
        EXPECT_EQ(rows(s), indexed[s]) << s;
}

// A regex anchored on a prefix reads the range of names with that prefix: the same answers
// as the pattern written so that no prefix can be seen, and a name stored behind the
// range's back (upper case, which imports never store) is not found.
TEST_F(FlexibleIndexTest, AnchoredRegexesReadOnePrefixRange) {
    for (const bool indexed : {true, false}) {
        if (!indexed)
            disable();
        for (const auto& [anchored, unanchored] : std::vector<std::pair<std::string, std::string>>{
                 {R"(re:^ns[0-9]\.)", R"(re:^(?:ns)[0-9]\.)"},
                 {R"(re:^API\.)", R"(re:^(?:api)\.)"},
                 {R"(re:^pay.*\.example$)", R"(re:^(?:pay).*\.example$)"},
                 {R"(re:^w+w\.)", R"(re:^(?:w)+w\.)"},
             }) {
            const auto expected = rows(unanchored);
            EXPECT_FALSE(expected.empty()) << unanchored;
            EXPECT_EQ(rows(anchored), expected) << anchored;
        }
    }
    writeNameBehindTheIndex("NSX.HIDDEN", "HIDDEN.NSX");
    for (const auto& r : rows(R"(re:^nsx\.hidden$)"))
        ADD_FAILURE() << "found through the prefix range: " << r;
    EXPECT_EQ(rows(R"(re:^(?:nsx)\.hidden$)").size(), 1U);  // a scan finds it
}

TEST_F(FlexibleIndexTest, ImportsKeepItUpToDate) {
    enable();
    const auto before = FlexibleIndex::indexedNames(*m_db).value();
    const std::string log = m_dir.file("new.log");
    std::ofstream(log) << "1795714029||c||s||IN||newbrand-login.example.||A||192.0.2.9||60||1\n";
    importFile(log);
    EXPECT_EQ(rows("glob:*newbrand*").size(), 1U);
    EXPECT_EQ(rows("re:brand-log").size(), 1U);
    EXPECT_EQ(rows("rdata-glob:*192.0.2.9*").size(), 1U);  // a new rdata value, indexed
    EXPECT_EQ(FlexibleIndex::indexedNames(*m_db).value(), before + 1);
}

TEST_F(FlexibleIndexTest, CancelledBuildLeavesNothing) {
    disable();
    NullProgress progress;
    CancelToken cancel;
    cancel.cancel();
    auto st = FlexibleIndex::enable(*m_db, progress, cancel);
    ASSERT_FALSE(st.ok());
    EXPECT_EQ(st.error().code, ErrorCode::Cancelled);
    EXPECT_FALSE(FlexibleIndex::enabled(*m_db).value());
    EXPECT_FALSE(rows("glob:*acme*").empty());  // searches still work, by scanning
}

}  // namespace
}  // namespace tapir
