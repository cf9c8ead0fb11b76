// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>

#include "lookalike/confusable_skeleton.h"
#include "lookalike/keyboard_layouts.h"
#include "lookalike/lookalike_matcher.h"
#include "lookalike/public_suffix_list.h"
#include "test_util.h"

namespace tapir::lookalike {
namespace {

std::vector<Brand> testBrands() {
    return {
        {1, "paypal", {"paypal.com", "paypal.me"}},
        {2, "microsoft", {"microsoft.com"}},
        {3, "google", {"google.com"}},
        {4, "acme", {"acme.example"}},
        {5, "netflix", {"netflix.com"}},
        {6, "initech", {"initech.lab"}},
        {7, "ups", {"ups.com"}},
    };
}

const LookalikeMatcher& matcher() {
    static const LookalikeMatcher m(testBrands());
    return m;
}

TEST(KeyboardLayouts, StaggeredNeighbours) {
    EXPECT_NE(adjacentKeyLayouts('a', 's') & static_cast<std::uint8_t>(KeyboardLayout::Qwerty), 0);
    EXPECT_NE(adjacentKeyLayouts('g', 'y') & static_cast<std::uint8_t>(KeyboardLayout::Qwerty), 0);
    EXPECT_EQ(adjacentKeyLayouts('a', 'p'), 0);
    // z sits where y does on QWERTZ, and next to e on AZERTY.
    EXPECT_NE(adjacentKeyLayouts('z', 't') & static_cast<std::uint8_t>(KeyboardLayout::Qwertz), 0);
    EXPECT_EQ(adjacentKeyLayouts('z', 't') & static_cast<std::uint8_t>(KeyboardLayout::Qwerty), 0);
    EXPECT_NE(adjacentKeyLayouts('z', 'e') & static_cast<std::uint8_t>(KeyboardLayout::Azerty), 0);
    EXPECT_EQ(layoutNames(3), "QWERTY/QWERTZ");
}

TEST(ConfusableSkeleton, AsciiAndUnicodeMeet) {
    EXPECT_EQ(ConfusableSkeleton::asciiSkeleton("paypa1"),
              ConfusableSkeleton::asciiSkeleton("paypal"));
    EXPECT_EQ(ConfusableSkeleton::asciiSkeleton("rnicros0ft"),
              ConfusableSkeleton::asciiSkeleton("microsoft"));
    EXPECT_EQ(ConfusableSkeleton::asciiSkeleton("vvalmart"),
              ConfusableSkeleton::asciiSkeleton("walmart"));
    // Cyrillic а, о; Latin with diacritics; small capitals and stroke letters.
    EXPECT_EQ(ConfusableSkeleton::unicodeSkeleton("p\u0430ypal"),
              ConfusableSkeleton::asciiSkeleton("paypal"));
    EXPECT_EQ(ConfusableSkeleton::unicodeSkeleton("g\u043e\u043egle"),
              ConfusableSkeleton::asciiSkeleton("google"));
    EXPECT_EQ(ConfusableSkeleton::unicodeSkeleton("p\u00e0yp\u00e1l"),
              ConfusableSkeleton::asciiSkeleton("paypal"));
    EXPECT_EQ(ConfusableSkeleton::unicodeSkeleton("mic\u0280osoft"),
              ConfusableSkeleton::asciiSkeleton("microsoft"));
    EXPECT_EQ(ConfusableSkeleton::unicodeSkeleton("paypa\u0142"),
              ConfusableSkeleton::asciiSkeleton("paypal"));
    // Different words stay different.
    EXPECT_NE(ConfusableSkeleton::asciiSkeleton("paypal"),
              ConfusableSkeleton::asciiSkeleton("papal"));
    EXPECT_NE(ConfusableSkeleton::unicodeSkeleton("\u4f8b\u3048"),
              ConfusableSkeleton::asciiSkeleton("paypal"));
}

TEST(ConfusableSkeleton, StrictPunycode) {
    const auto ok = ConfusableSkeleton::decodeLabel("xn--pypal-4ve");
    EXPECT_TRUE(ok.idn);
    EXPECT_TRUE(ok.valid);
    EXPECT_EQ(ok.unicode, "p\u0430ypal");
    EXPECT_FALSE(ConfusableSkeleton::decodeLabel("xn--zz-").valid);
    EXPECT_FALSE(ConfusableSkeleton::decodeLabel("xn--paypal-").valid);  // ASCII only: not an IDN
    EXPECT_FALSE(ConfusableSkeleton::decodeLabel("xn--").valid);
    EXPECT_FALSE(ConfusableSkeleton::decodeLabel("paypal").idn);
    EXPECT_EQ(ConfusableSkeleton::displayName("www.xn--pypal-4ve.example"),
              "www.p\u0430ypal.example");
    EXPECT_EQ(ConfusableSkeleton::scripts("p\u0430ypal"), "Latin+Cyrillic");
}

TEST(PublicSuffixList, RegistrableDomains) {
    const auto& psl = PublicSuffixList::instance();
    EXPECT_EQ(psl.registrableDomain("www.example.co.uk"), "example.co.uk");
    EXPECT_EQ(psl.registrableDomain("a.b.paypal.example"), "paypal.example");
    EXPECT_EQ(psl.registrableDomain("co.uk"), "");
    EXPECT_TRUE(psl.isListedSuffix("com"));
    EXPECT_FALSE(psl.isListedSuffix("example"));
}

struct Case {
    const char* name;
    const char* brand;      // "" for brandless
    const char* technique;  // "none" when no alert
};

class MatcherCases : public ::testing::TestWithParam<Case> {};

TEST_P(MatcherCases, BrandAndTechnique) {
    const Case& c = GetParam();
    const Match m = matcher().match(c.name);
    EXPECT_EQ(techniqueName(m.technique), c.technique) << c.name << ": " << m.reasonText();
    if (std::string_view(c.technique) != "none") {
        EXPECT_EQ(m.brandName, c.brand) << c.name;
        EXPECT_TRUE(m.alert()) << c.name;
        EXPECT_FALSE(m.reasons.empty()) << c.name;
    } else {
        EXPECT_FALSE(m.alert()) << c.name << ": " << m.reasonText();
    }
}

INSTANTIATE_TEST_SUITE_P(
    Lookalike, MatcherCases,
    ::testing::Values(
        Case{"paypl.com", "paypal", "omission"}, Case{"paytpal.com", "paypal", "insertion"},
        Case{"netflixq.com", "netflix", "addition"}, Case{"payppal.com", "paypal", "repetition"},
        Case{"paypsl.com", "paypal", "replacement"}, Case{"pyapal.com", "paypal", "transposition"},
        Case{"paypel.com", "paypal", "vowel-swap"}, Case{"pay-pal.com", "paypal", "hyphenation"},
        Case{"paypad.com", "paypal", "bitsquatting"}, Case{"paypa1.com", "paypal", "homoglyph"},
        Case{"rnicrosoft.com", "microsoft", "homoglyph"},
        Case{"xn--pypal-4ve.com", "paypal", "idn-homograph"},
        Case{"xn--ggle-55da.test", "google", "idn-homograph"},
        Case{"paypal-login.com", "paypal", "combosquatting"},
        Case{"securepaypal.net", "paypal", "combosquatting"},
        Case{"paypl-secure.com", "paypal", "typo-combo"},
        Case{"netflx-billing.com", "netflix", "typo-combo"},
        Case{"paypal.example", "paypal", "tld-swap"}, Case{"pay.pal.com", "paypal", "split"},
        Case{"paypal.com.evil.example", "paypal", "subdomain"},
        Case{"paypals.com", "paypal", "plural"}, Case{"acrne.example", "acme", "homoglyph"},
        Case{"initech-login.lab", "initech", "combosquatting"},
        Case{"ups-tracking.com", "ups", "combosquatting"},
        Case{"xn--bnk-6cd.example", "", "idn-homograph"},  // mixed-script, no brand
        Case{"xn--zz-.example", "", "invalid-idn"},
        // The brands' own names and ordinary names raise nothing.
        Case{"www.paypal.com", "", "none"}, Case{"paypal.me", "", "none"},
        Case{"login.microsoft.com", "", "none"}, Case{"example.com", "", "none"},
        Case{"wikipedia.org", "", "none"}, Case{"com", "", "none"},
        Case{"startups.com", "", "none"}, Case{"xn--bcher-kva.example", "", "none"}));

TEST(LookalikeMatcher, LongerBrandsScoreTyposHigher) {
    const LookalikeMatcher m({{1, "ebay", {"ebay.com"}}, {2, "wellsfargo", {"wellsfargo.com"}}});
    const Match shortTypo = m.match("ebya.com");
    const Match longTypo = m.match("wellsfrago.com");
    ASSERT_EQ(shortTypo.technique, Technique::Transposition);
    ASSERT_EQ(longTypo.technique, Technique::Transposition);
    EXPECT_LT(shortTypo.score, longTypo.score);
    EXPECT_EQ(longTypo.tier, Tier::High);
    EXPECT_EQ(shortTypo.tier, Tier::Low);
}

TEST(LookalikeMatcher, EmptyWatchlistOnlyFlagsBadIdn) {
    const LookalikeMatcher m({});
    EXPECT_FALSE(m.match("paypa1.com").alert());
    EXPECT_TRUE(m.match("xn--zz-.example").alert());
}

// The committed dnstwist sample (tools/lookalike_eval.py --sample-dir): every variant of a
// single-edit or homograph fuzzer must alert for its brand; the benign sample must raise
// no high-tier alert. The full evaluation is the script; this guards against regressions.
TEST(LookalikeMatcher, DnstwistSampleAndBenignSample) {
    std::vector<Brand> brands;
    {
        std::ifstream in(test::dataPath("lookalike/eval-brands.txt"));
        std::string line;
        std::int64_t id = 0;
        while (std::getline(in, line)) {
            if (line.empty())
                continue;
            const auto reg = PublicSuffixList::instance().registrableDomain(line);
            brands.push_back({++id, std::string(reg.substr(0, reg.find('.'))), {line}});
        }
    }
    ASSERT_GT(brands.size(), 50U);
    const LookalikeMatcher m(std::move(brands));
    std::ifstream in(test::dataPath("lookalike/dnstwist-sample.csv"));
    std::string line;
    std::getline(in, line);                                // header
    std::map<std::string, std::pair<int, int>> perFuzzer;  // hits, total
    std::vector<std::string> missed;
    while (std::getline(in, line)) {
        std::stringstream row(line);
        std::string brand, fuzzer, name;
        std::getline(row, brand, ',');
        std::getline(row, fuzzer, ',');
        std::getline(row, name, ',');
        const Match match = m.match(name);
        const bool hit = match.alert() && match.brandName == brand;
        auto& [hits, total] = perFuzzer[fuzzer];
        hits += hit ? 1 : 0;
        ++total;
        if (!hit)
            missed.push_back(fuzzer + ":" + name);
    }
    ASSERT_GT(perFuzzer.size(), 10U);
    std::string missedText;
    for (const auto& s : missed)
        missedText += s + " ";
    EXPECT_LE(missed.size(), 2U) << missedText;
    std::ifstream benign(test::dataPath("lookalike/benign-sample.txt"));
    int names = 0;
    while (std::getline(benign, line)) {
        if (line.empty())
            continue;
        ++names;
        const Match match = m.match(line);
        EXPECT_NE(match.tier, Tier::High) << line << ": " << match.reasonText();
    }
    EXPECT_GT(names, 300);
}

}  // namespace
}  // namespace tapir::lookalike
