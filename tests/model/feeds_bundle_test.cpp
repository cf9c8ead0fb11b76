// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "feeds/bundle_reader.h"

#include "feeds/passivedns_reader.h"
#include "feeds/suricata_reader.h"
#include "feeds/zeek_reader.h"
#include "feeds_test_util.h"

namespace tapir {
namespace {

using test::dataPath;

// What the members give when read on their own.
std::map<test::Key, std::uint64_t> memberCounts() {
    std::map<test::Key, std::uint64_t> all;
    ZeekReader zeek;
    SuricataReader suricata;
    PassiveDnsReader pdns;
    auto addAll = [&](const test::ReadResult& r) {
        for (const auto& [k, n] : r.sink.counts)
            all[k] += n;
    };
    addAll(test::readPath(zeek, dataPath("zeek/dns.log")));
    addAll(test::readPath(suricata, dataPath("suricata/eve.json")));
    addAll(test::readPath(pdns, dataPath("passivedns/passivedns-nxdomain.log")));
    return all;
}

class BundleGolden : public ::testing::TestWithParam<std::string> {};

TEST_P(BundleGolden, MembersAreDetectedAndReadInTurn) {
    BundleReader reader;
    auto r = test::readPath(reader, dataPath("bundle/" + GetParam()));
    ASSERT_TRUE(r.status.ok()) << r.status.error().describe();
    EXPECT_EQ(r.sink.counts, memberCounts());
    // NOTES.txt is of no known format: reported, skipped, the rest read.
    EXPECT_EQ(r.stats.dropped.at("archive members of unknown format"), 1U);
    ASSERT_FALSE(r.stats.warnings.empty());
    EXPECT_NE(r.stats.warnings[0].find("NOTES.txt"), std::string::npos) << r.stats.warnings[0];
    // Bad lines are reported against their member.
    bool zeekIssue = false;
    for (const auto& e : r.stats.issues) {
        if (e.file.ends_with("dns.log") && e.line == 16U)
            zeekIssue = true;
    }
    EXPECT_TRUE(zeekIssue);
    EXPECT_NE(r.stats.issues.at(0).describe().find(GetParam() + "!"), std::string::npos)
        << r.stats.issues.at(0).describe();
}

INSTANTIATE_TEST_SUITE_P(Archives, BundleGolden, ::testing::Values("feeds.zip", "feeds.tar.gz"));

TEST(Bundle, DetectedByContentAfterDecompression) {
    auto input = openInput(dataPath("bundle/feeds.tar.gz"));
    ASSERT_TRUE(input.ok());
    std::string head(4096, '\0');
    auto n = (*input)->read(reinterpret_cast<std::byte*>(head.data()), head.size());
    ASSERT_TRUE(n.ok());
    head.resize(*n);
    EXPECT_EQ(detectFormat(head, "x").value()->name, "bundle");
    EXPECT_EQ(detectFormat(test::readFile(dataPath("bundle/feeds.zip")), "x").value()->name,
              "bundle");
}

TEST(Bundle, MemberSizeAndRatioLimitsStopABomb) {
    BundleLimits small;
    small.maxMemberBytes = 1 << 20;
    BundleReader sized(small);
    auto r1 = test::readPath(sized, dataPath("bundle/bomb.zip"));
    ASSERT_FALSE(r1.status.ok());
    EXPECT_EQ(r1.status.error().code, ErrorCode::Limit);
    EXPECT_NE(r1.status.error().message.find("member 'dns.log' is larger than"), std::string::npos)
        << r1.status.error().message;

    BundleLimits ratio;
    ratio.maxRatio = 100;  // the bomb expands about 1000:1
    BundleReader rated(ratio);
    auto r2 = test::readPath(rated, dataPath("bundle/bomb.zip"));
    ASSERT_FALSE(r2.status.ok());
    EXPECT_EQ(r2.status.error().code, ErrorCode::Limit);
    EXPECT_NE(r2.status.error().message.find("decompression bomb"), std::string::npos);
}

TEST(Bundle, DamagedArchiveIsAnErrorNotACrash) {
    auto zip = test::readFile(dataPath("bundle/feeds.zip"));
    zip.resize(zip.size() / 2);
    for (std::size_t i = 200; i < 260 && i < zip.size(); ++i)
        zip[i] = '\x55';
    BundleReader reader;
    auto r = test::readWith(reader, memoryInput(zip, "cut.zip"));
    EXPECT_FALSE(r.status.ok() && r.stats.warnings.empty());
}

}  // namespace
}  // namespace tapir
