// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Lookalike matching: which watched brand does a name imitate?
//
// Terms. A name's *registrable domain* comes from the Public Suffix List (libpsl); its
// first label is the *core* ("paypal-login" in "www.paypal-login.co.uk"), the labels left
// of it are *subdomain labels*. A *skeleton* (ConfusableSkeleton) maps characters that
// look alike to one representative, so "paypa1", "pаypal" (Cyrillic а) and "paypal" share
// one. A *one-edit* pair differs by one deletion, insertion, substitution or adjacent
// transposition. Edit distance only finds candidates; the score comes from the technique,
// the brand's length (a one-letter change to a 4-letter brand hits dictionary words, to a
// 10-letter brand it hardly ever does) and the visual closeness; the tier follows from the
// score (tierForScore).
//
// Index (built once per watchlist, so a name is never compared with every brand):
//  - a deletion index (the "symmetric delete" idea of SymSpell): for every brand skeleton
//    b, the 64-bit polynomial hashes of b and of each b-with-one-character-deleted, in an
//    open-addressing table. A name skeleton s is a one-edit neighbour of b iff one of the
//    hashes of s and of s-minus-one-character equals one of those; hashing every deletion
//    of s takes O(|s|) with prefix hashes. Hits are verified on the strings, so hash
//    collisions cost time, never a wrong alert.
//  - an Aho-Corasick automaton over the skeletons of brands of 4+ characters, which finds
//    every brand embedded in a longer core in one pass (combosquatting).
//  - a hash set of the brands' own domains.
//
// Steps for one name:
//  1. Names under a brand's own domain are never alerts; names that are a public suffix
//     have no core and are skipped.
//  2. The core is decoded strictly (IDNA UTS #46); an invalid xn-- label is remembered.
//  3. Core skeleton against the deletion index: equal skeletons are homographs (ASCII or
//     IDN) or, when the core is the brand's label itself, a TLD swap; one-edit neighbours
//     are classified on the raw strings as omission, insertion, addition, repetition,
//     replacement (keyboard-adjacent on QWERTY/QWERTZ/AZERTY weighs more), transposition,
//     vowel swap, hyphenation, bitsquatting or plural.
//  4. Brands inside the core (automaton), hyphen-separated tokens and lure-word affixes
//     ("login", "secure") give combosquatting and typo-inside-combo.
//  5. Subdomain labels equal to a brand (paypal.com.evil.example), and the brand split by
//     dots (pay.pal.com), are checked by exact skeleton.
//  6. The best candidate wins; without one, a mixed-script or invalid IDN core is an alert
//     of its own without a brand.
#include "lookalike/lookalike_matcher.h"

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <string>
#include <unordered_map>

#include "lookalike/confusable_skeleton.h"
#include "lookalike/keyboard_layouts.h"
#include "lookalike/public_suffix_list.h"

namespace tapir::lookalike {
namespace {

constexpr std::size_t kMaxLabels = 128;
constexpr std::size_t kMaxHashed = 255;
constexpr std::uint64_t kBase = 0x100000001b3ULL;
constexpr int kAlertFloor = 30;

// Words phishing names pair with a brand ("paypal-login", "secure-paypal").
constexpr std::array<std::string_view, 64> kLureWords = {
    "login",    "logon",    "signin",       "sign",    "secure",  "security", "account",
    "accounts", "verify",   "verification", "update",  "support", "help",     "service",
    "services", "online",   "web",          "app",     "apps",    "mail",     "pay",
    "payment",  "payments", "bank",         "banking", "wallet",  "auth",     "id",
    "customer", "billing",  "invoice",      "shop",    "store",   "official", "confirm",
    "recovery", "unlock",   "alert",        "www",     "my",      "portal",   "cloud",
    "team",     "access",   "center",       "info",    "com",     "net",      "org",
    "gift",     "promo",    "bonus",        "free",    "win",     "prize",    "refund",
    "tracking", "delivery", "client",       "user",    "members", "checkout", "order",
    "de"};

std::string_view trimHyphens(std::string_view s) {
    while (!s.empty() && s.front() == '-')
        s.remove_prefix(1);
    while (!s.empty() && s.back() == '-')
        s.remove_suffix(1);
    return s;
}

bool isVowel(char c) {
    return c == 'a' || c == 'e' || c == 'i' || c == 'o' || c == 'u';
}

// Pairs of single characters that read alike but are not merged in the skeleton (merging
// them would make too many real words collide); a substitution between them counts as a
// homoglyph.
bool similarGlyphs(char a, char b) {
    constexpr std::array<std::array<char, 2>, 11> kPairs = {{{'c', 'e'},
                                                             {'b', 'd'},
                                                             {'g', 'q'},
                                                             {'m', 'n'},
                                                             {'n', 'r'},
                                                             {'3', '8'},
                                                             {'6', '9'},
                                                             {'u', 'v'},
                                                             {'5', 's'},
                                                             {'2', 'z'},
                                                             {'8', 'b'}}};
    for (const auto& p : kPairs) {
        if ((p[0] == a && p[1] == b) || (p[0] == b && p[1] == a))
            return true;
    }
    return false;
}

int codePoints(std::string_view utf8) {
    int n = 0;
    for (char c : utf8)
        n += (static_cast<unsigned char>(c) & 0xc0) != 0x80 ? 1 : 0;
    return n;
}

// Score adjustments by brand length: short brands collide with ordinary words.
int typoLengthAdjust(int length) {
    if (length <= 3)
        return -40;
    if (length == 4)
        return -25;
    if (length == 5)
        return -12;
    if (length == 6)
        return -5;
    if (length <= 8)
        return 0;
    if (length <= 11)
        return 5;
    return 8;
}

int homoglyphLengthAdjust(int length) {
    if (length <= 3)
        return -30;
    if (length == 4)
        return -8;
    if (length == 5)
        return -3;
    return 0;
}

std::string quoted(std::string_view s) {
    // Built by append: `"'" + std::string(s) + "'"` trips GCC 12's -Wrestrict false
    // positive (GCC bug 105329) at -O3.
    std::string out;
    out.reserve(s.size() + 2);
    out += '\'';
    out += s;
    out += '\'';
    return out;
}

// One edit between a candidate a and a brand b, found on the strings themselves.
struct Edit {
    enum class Kind { None, Equal, Delete, Insert, Substitute, Transpose } kind = Kind::None;
    std::size_t pos = 0;
    char from = 0;  // brand character (Delete, Substitute)
    char to = 0;    // candidate character (Insert, Substitute)
};

Edit oneEdit(std::string_view a, std::string_view b) {
    Edit e;
    if (a == b) {
        e.kind = Edit::Kind::Equal;
        return e;
    }
    const std::size_t la = a.size();
    const std::size_t lb = b.size();
    if (la > lb + 1 || lb > la + 1)
        return e;
    std::size_t p = 0;
    while (p < la && p < lb && a[p] == b[p])
        ++p;
    e.pos = p;
    if (la == lb) {
        if (a.substr(p + 1) == b.substr(p + 1)) {
            e.kind = Edit::Kind::Substitute;
            e.from = b[p];
            e.to = a[p];
        } else if (p + 1 < la && a[p] == b[p + 1] && a[p + 1] == b[p] &&
                   a.substr(p + 2) == b.substr(p + 2)) {
            e.kind = Edit::Kind::Transpose;
            e.from = b[p];
            e.to = a[p];
        }
    } else if (la == lb + 1) {
        if (a.substr(p + 1) == b.substr(p)) {
            e.kind = Edit::Kind::Insert;
            e.to = a[p];
        }
    } else if (a.substr(p) == b.substr(p + 1)) {
        e.kind = Edit::Kind::Delete;
        e.from = b[p];
    }
    return e;
}

// Hashes every one-deletion of a string in O(n) from prefix hashes.
class DeletionHasher {
public:
    DeletionHasher() {
        m_pow[0] = 1;
        for (std::size_t i = 1; i < m_pow.size(); ++i)
            m_pow[i] = m_pow[i - 1] * kBase;
    }
    static std::uint64_t hash(std::string_view s) {
        std::uint64_t h = 0;
        for (char c : s)
            h = h * kBase + static_cast<std::uint64_t>(static_cast<unsigned char>(c)) + 1;
        return h;
    }
    // Calls f(hash) for s and for each distinct one-deletion of s.
    template <typename F>
    void forEach(std::string_view s, F&& f) const {
        const std::size_t n = s.size();
        if (n > kMaxHashed)
            return;
        std::array<std::uint64_t, kMaxHashed + 1> prefix;
        prefix[0] = 0;
        for (std::size_t i = 0; i < n; ++i) {
            prefix[i + 1] = prefix[i] * kBase +
                            static_cast<std::uint64_t>(static_cast<unsigned char>(s[i])) + 1;
        }
        const std::uint64_t full = prefix[n];
        f(full);
        for (std::size_t i = 0; i < n; ++i) {
            if (i > 0 && s[i] == s[i - 1])
                continue;  // same string as deleting s[i - 1]
            const std::uint64_t p = m_pow[n - 1 - i];
            const std::uint64_t suffix = full - prefix[i + 1] * p;
            f(prefix[i] * p + suffix);
        }
    }

private:
    std::array<std::uint64_t, kMaxHashed + 1> m_pow{};
};

const DeletionHasher& hasher() {
    static const DeletionHasher h;
    return h;
}

// Open-addressing table from a hash to a run of brand indices.
class HashIndex {
public:
    void build(std::vector<std::pair<std::uint64_t, std::uint32_t>> entries) {
        std::sort(entries.begin(), entries.end());
        entries.erase(std::unique(entries.begin(), entries.end()), entries.end());
        std::size_t keys = 0;
        for (std::size_t i = 0; i < entries.size(); ++i) {
            keys += (i == 0 || entries[i].first != entries[i - 1].first) ? 1 : 0;
        }
        std::size_t size = 16;
        while (size < keys * 2)
            size <<= 1;
        m_mask = size - 1;
        m_slots.assign(size, Slot{});
        m_tags.assign(size, 0);
        m_postings.clear();
        m_postings.reserve(entries.size());
        for (std::size_t i = 0; i < entries.size();) {
            std::size_t j = i;
            while (j < entries.size() && entries[j].first == entries[i].first) {
                m_postings.push_back(entries[j].second);
                ++j;
            }
            std::size_t slot = mix(entries[i].first) & m_mask;
            while (m_tags[slot] != 0)
                slot = (slot + 1) & m_mask;
            m_tags[slot] = tag(entries[i].first);
            m_slots[slot] =
                Slot{entries[i].first, static_cast<std::uint32_t>(m_postings.size() - (j - i)),
                     static_cast<std::uint32_t>(j - i)};
            i = j;
        }
    }
    template <typename F>
    void find(std::uint64_t key, F&& f) const {
        if (m_slots.empty())
            return;
        // The one-byte tags (a few KiB, cache-resident) answer most misses without
        // touching the slots.
        const std::uint8_t t = tag(key);
        for (std::size_t slot = mix(key) & m_mask; m_tags[slot] != 0; slot = (slot + 1) & m_mask) {
            if (m_tags[slot] == t && m_slots[slot].key == key) {
                for (std::uint32_t k = 0; k < m_slots[slot].count; ++k) {
                    f(m_postings[m_slots[slot].first + k]);
                }
                return;
            }
        }
    }
    [[nodiscard]] std::size_t bytes() const {
        return m_slots.size() * (sizeof(Slot) + 1) + m_postings.size() * sizeof(std::uint32_t);
    }

private:
    struct Slot {
        std::uint64_t key = 0;
        std::uint32_t first = 0;
        std::uint32_t count = 0;
    };
    static std::size_t mix(std::uint64_t k) {
        return static_cast<std::size_t>((k * 0x9E3779B97F4A7C15ULL) >> 20);
    }
    static std::uint8_t tag(std::uint64_t k) {
        return static_cast<std::uint8_t>(((k * 0xC2B2AE3D27D4EB4FULL) >> 56) | 1U);
    }
    std::vector<std::uint8_t> m_tags;
    std::vector<Slot> m_slots;
    std::vector<std::uint32_t> m_postings;
    std::size_t m_mask = 0;
};

// Aho-Corasick over a 38-symbol alphabet (a-z, 0-9, '-', anything else), as a full DFA.
class BrandAutomaton {
public:
    static constexpr int kSymbols = 38;

    static int symbol(char c) {
        if (c >= 'a' && c <= 'z')
            return c - 'a';
        if (c >= '0' && c <= '9')
            return 26 + (c - '0');
        if (c == '-')
            return 36;
        return 37;
    }

    void add(std::string_view pattern, std::uint32_t id) {
        if (m_next.empty())
            newState();
        int s = 0;
        for (char c : pattern) {
            const int k = symbol(c);
            int& t = m_next[static_cast<std::size_t>(s) * kSymbols + static_cast<std::size_t>(k)];
            if (t < 0) {
                const int created = newState();
                m_next[static_cast<std::size_t>(s) * kSymbols + static_cast<std::size_t>(k)] =
                    created;
                s = created;
            } else {
                s = t;
            }
        }
        m_out[static_cast<std::size_t>(s)].push_back(id);
    }

    void build() {
        if (m_next.empty())
            newState();
        std::vector<int> fail(m_out.size(), 0);
        std::vector<int> queue;
        for (int k = 0; k < kSymbols; ++k) {
            int& t = m_next[static_cast<std::size_t>(k)];
            if (t < 0) {
                t = 0;
            } else {
                fail[static_cast<std::size_t>(t)] = 0;
                queue.push_back(t);
            }
        }
        for (std::size_t head = 0; head < queue.size(); ++head) {
            const int s = queue[head];
            auto& out = m_out[static_cast<std::size_t>(s)];
            const auto& inherited =
                m_out[static_cast<std::size_t>(fail[static_cast<std::size_t>(s)])];
            out.insert(out.end(), inherited.begin(), inherited.end());
            for (int k = 0; k < kSymbols; ++k) {
                const std::size_t at =
                    static_cast<std::size_t>(s) * kSymbols + static_cast<std::size_t>(k);
                const int f =
                    m_next[static_cast<std::size_t>(fail[static_cast<std::size_t>(s)]) * kSymbols +
                           static_cast<std::size_t>(k)];
                if (m_next[at] < 0) {
                    m_next[at] = f;
                } else {
                    fail[static_cast<std::size_t>(m_next[at])] = f;
                    queue.push_back(m_next[at]);
                }
            }
        }
        m_hasOut.resize(m_out.size());
        for (std::size_t i = 0; i < m_out.size(); ++i)
            m_hasOut[i] = m_out[i].empty() ? 0 : 1;
    }

    // Calls f(id, endPosition) for every pattern occurrence in text.
    template <typename F>
    void scan(std::string_view text, F&& f) const {
        if (m_next.empty())
            return;
        int s = 0;
        for (std::size_t i = 0; i < text.size(); ++i) {
            s = m_next[static_cast<std::size_t>(s) * kSymbols +
                       static_cast<std::size_t>(symbol(text[i]))];
            if (m_hasOut[static_cast<std::size_t>(s)] == 0)
                continue;
            for (std::uint32_t id : m_out[static_cast<std::size_t>(s)])
                f(id, i + 1);
        }
    }

    [[nodiscard]] std::size_t bytes() const {
        std::size_t n = m_next.size() * sizeof(int);
        for (const auto& o : m_out)
            n += sizeof(o) + o.size() * sizeof(std::uint32_t);
        return n;
    }

private:
    int newState() {
        m_next.insert(m_next.end(), kSymbols, -1);
        m_out.emplace_back();
        return static_cast<int>(m_out.size() - 1);
    }
    std::vector<int> m_next;
    std::vector<std::vector<std::uint32_t>> m_out;
    std::vector<std::uint8_t> m_hasOut;  // dense, so the scan loop rarely touches m_out
};

struct TransparentHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

struct BrandInfo {
    std::string label;    // A-label
    std::string unicode;  // U-label
    std::string skeleton;
    std::string coarse;
    bool idn = false;
    int length = 0;  // characters of the U-label
};

// The best alert candidate so far for one name.
struct Candidate {
    int brand = -1;
    Technique technique = Technique::None;
    int score = 0;
    std::vector<std::string> reasons;
};

}  // namespace

struct LookalikeMatcher::Index {
    std::vector<BrandInfo> brands;
    HashIndex deletions;
    HashIndex coarse;
    BrandAutomaton automaton;
    std::unordered_map<std::string, int, TransparentHash, std::equal_to<>> ownDomains;
    std::vector<std::string> lureSkeletons;
    std::size_t minBrandLength = 1000;
};

namespace {

// The working state of one match() call.
class NameCheck {
public:
    NameCheck(const std::vector<Brand>& brands, const std::vector<BrandInfo>& info,
              const HashIndex& deletions, const HashIndex& coarse, const BrandAutomaton& automaton,
              const std::vector<std::string>& lures)
        : m_brands(brands),
          m_info(info),
          m_deletions(deletions),
          m_coarse(coarse),
          m_automaton(automaton),
          m_lures(lures) {}

    Candidate best;

    void consider(int brand, Technique t, int score, std::vector<std::string> reasons) {
        if (score > best.score) {
            best = Candidate{brand, t, score, std::move(reasons)};
        }
    }

    // Calls f(brand) for every brand whose skeleton may be one edit from s (deduplicated).
    template <typename F>
    void neighbours(std::string_view s, F&& f) const {
        std::array<std::uint32_t, 32> seen{};
        std::size_t nSeen = 0;
        hasher().forEach(s, [&](std::uint64_t h) {
            m_deletions.find(h, [&](std::uint32_t b) {
                for (std::size_t i = 0; i < nSeen; ++i) {
                    if (seen[i] == b)
                        return;
                }
                if (nSeen < seen.size())
                    seen[nSeen++] = b;
                f(static_cast<int>(b));
            });
        });
    }

    bool isLure(std::string_view token) const {
        for (const auto& w : m_lures) {
            if (w == token)
                return true;
        }
        return false;
    }

    // True when every hyphen-separated token of s is a lure word.
    bool allLures(std::string_view s) const {
        s = trimHyphens(s);
        if (s.empty())
            return false;
        std::size_t start = 0;
        while (start <= s.size()) {
            std::size_t dash = s.find('-', start);
            if (dash == std::string_view::npos)
                dash = s.size();
            if (dash > start && !isLure(s.substr(start, dash - start)))
                return false;
            start = dash + 1;
        }
        return true;
    }

    // Step 3: the core's skeleton against one brand's.
    void checkEdit(std::string_view raw, std::string_view unicode, std::string_view skel, bool idn,
                   int b) {
        const BrandInfo& brand = m_info[static_cast<std::size_t>(b)];
        const Edit e = oneEdit(skel, brand.skeleton);
        if (e.kind == Edit::Kind::None) {
            // Skeletons apart, labels one edit apart ("barcmlays": the brand's "cl" was
            // merged into "d"): a plain typo.
            if (!idn && !brand.idn)
                checkRawTypo(raw, b);
            return;
        }
        const std::string target = quoted(brand.unicode);
        if (e.kind == Edit::Kind::Equal) {
            if (raw == brand.label) {
                consider(
                    b, Technique::TldSwap, 70 + homoglyphLengthAdjust(brand.length) * 2,
                    {"the brand's label " + target + " under a domain the brand does not own"});
            } else if (idn) {
                std::vector<std::string> reasons = {"reads as " + target + " (UTS #39 skeleton)"};
                const std::string scripts = ConfusableSkeleton::scripts(unicode);
                reasons.push_back(
                    (scripts.find('+') != std::string::npos ? "mixed-script " : "whole-script ") +
                    scripts);
                consider(b, Technique::IdnHomograph, 92 + homoglyphLengthAdjust(brand.length),
                         std::move(reasons));
            } else {
                consider(b, Technique::Homoglyph, 80 + homoglyphLengthAdjust(brand.length),
                         {"reads as " + target + " (ASCII lookalike characters)"});
            }
            return;
        }
        if (idn) {
            std::vector<std::string> reasons = {"reads as one edit from " + target};
            reasons.push_back("scripts " + ConfusableSkeleton::scripts(unicode));
            consider(b, Technique::IdnHomograph, 72 + typoLengthAdjust(brand.length),
                     std::move(reasons));
            return;
        }
        if (brand.idn)
            return;
        if (auto typo = classifyTypo(raw, brand.label)) {
            typo->reasons.push_back("brand " + target + ", " + std::to_string(brand.length) +
                                    " characters");
            consider(b, typo->technique, typo->score + typoLengthAdjust(brand.length),
                     std::move(typo->reasons));
        } else {
            consider(b, Technique::Homoglyph, 62 + typoLengthAdjust(brand.length),
                     {"lookalike characters plus one edit from " + target});
        }
    }

    void checkRawTypo(std::string_view raw, int b) {
        const BrandInfo& brand = m_info[static_cast<std::size_t>(b)];
        if (auto typo = classifyTypo(raw, brand.label)) {
            typo->reasons.push_back("brand " + quoted(brand.unicode) + ", " +
                                    std::to_string(brand.length) + " characters");
            consider(b, typo->technique, typo->score + typoLengthAdjust(brand.length),
                     std::move(typo->reasons));
        }
    }

    struct Typo {
        Technique technique;
        int score;
        std::vector<std::string> reasons;
    };

    // Names the single edit from the brand label to the raw core.
    static std::optional<Typo> classifyTypo(std::string_view raw, std::string_view brand) {
        const Edit e = oneEdit(raw, brand);
        const auto pos = std::to_string(e.pos + 1);
        switch (e.kind) {
            case Edit::Kind::None:
            case Edit::Kind::Equal:
                return std::nullopt;
            case Edit::Kind::Delete:
                return Typo{Technique::Omission,
                            65,
                            {"'" + std::string(1, e.from) + "' left out at position " + pos}};
            case Edit::Kind::Transpose:
                return Typo{Technique::Transposition,
                            70,
                            {"'" + std::string(1, e.from) + std::string(1, e.to) + "' swapped"}};
            case Edit::Kind::Insert: {
                const char x = e.to;
                if (x == '-')
                    return Typo{Technique::Hyphenation, 68, {"hyphen inserted"}};
                if (e.pos == brand.size() && x == 's' && !brand.ends_with('s')) {
                    return Typo{Technique::Plural, 60, {"plural 's' appended"}};
                }
                const bool repeated = (e.pos > 0 && raw[e.pos - 1] == x) ||
                                      (e.pos + 1 < raw.size() && raw[e.pos + 1] == x);
                if (repeated) {
                    return Typo{Technique::Repetition, 68, {"'" + std::string(1, x) + "' doubled"}};
                }
                if (e.pos == brand.size()) {
                    return Typo{Technique::Addition, 55, {"'" + std::string(1, x) + "' appended"}};
                }
                std::uint8_t layouts = 0;
                if (e.pos > 0)
                    layouts |= adjacentKeyLayouts(raw[e.pos - 1], x);
                if (e.pos + 1 < raw.size())
                    layouts |= adjacentKeyLayouts(raw[e.pos + 1], x);
                if (layouts != 0) {
                    return Typo{
                        Technique::Insertion,
                        66,
                        {"'" + std::string(1, x) + "' inserted next to a neighbouring key (" +
                         layoutNames(layouts) + ")"}};
                }
                return Typo{Technique::Insertion,
                            56,
                            {"'" + std::string(1, x) + "' inserted at position " + pos}};
            }
            case Edit::Kind::Substitute: {
                const std::string change =
                    "'" + std::string(1, e.from) + "' replaced by '" + std::string(1, e.to) + "'";
                if (isVowel(e.from) && isVowel(e.to)) {
                    return Typo{Technique::VowelSwap, 60, {change + " (vowel swap)"}};
                }
                if (const auto layouts = adjacentKeyLayouts(e.from, e.to); layouts != 0) {
                    return Typo{Technique::Replacement,
                                68,
                                {change + ", an adjacent key on " + layoutNames(layouts)}};
                }
                if (similarGlyphs(e.from, e.to)) {
                    return Typo{
                        Technique::Homoglyph, 70, {change + ", a similar-looking character"}};
                }
                const auto bits = static_cast<unsigned>(static_cast<unsigned char>(e.from) ^
                                                        static_cast<unsigned char>(e.to));
                if (std::popcount(bits) == 1) {
                    return Typo{Technique::Bitsquatting, 62, {change + " (one bit flipped)"}};
                }
                return Typo{Technique::Replacement, 52, {change}};
            }
        }
        return std::nullopt;
    }

    // Step 4: a brand's skeleton found inside a longer core skeleton at [start, end).
    void checkCombo(std::string_view raw, std::string_view skel, std::size_t start, std::size_t end,
                    int b) {
        const BrandInfo& brand = m_info[static_cast<std::size_t>(b)];
        const std::string_view left = skel.substr(0, start);
        const std::string_view right = skel.substr(end);
        const bool leftBoundary = left.empty() || left.back() == '-';
        const bool rightBoundary = right.empty() || right.front() == '-';
        const bool leftLure = left.empty() || allLures(left);
        const bool rightLure = right.empty() || allLures(right);
        // Show the lure word as written when the skeleton kept the length.
        const std::string_view shown = raw.size() == skel.size() ? raw : skel;
        const std::string_view extra =
            trimHyphens(left.empty() ? shown.substr(end) : shown.substr(0, start));
        int score = 0;
        std::vector<std::string> reasons;
        if (leftLure && rightLure) {
            score = leftBoundary && rightBoundary ? 75 : 72;
            reasons.push_back("brand " + quoted(brand.unicode) + " with the lure word " +
                              quoted(extra));
        } else if (leftBoundary && rightBoundary) {
            score = 62;
            reasons.push_back("brand " + quoted(brand.unicode) + " as a hyphen-separated part");
        } else {
            if (brand.length <= 4)
                return;
            score = 40;
            reasons.push_back("brand " + quoted(brand.unicode) + " inside a longer word");
        }
        if (brand.length <= 3) {
            score -= 30;
        } else if (brand.length == 4) {
            score -= 20;
        } else if (brand.length == 5) {
            score -= 8;
        } else if (brand.length == 6) {
            score -= 3;
        } else if (brand.length >= 8) {
            score += 3;
        }
        if (raw.size() == skel.size() && raw.substr(start, end - start) != brand.label) {
            reasons.push_back("written with lookalike characters");
        }
        consider(b, Technique::Combosquatting, score, std::move(reasons));
    }

    // A token or affix-stripped part of a combo that is one edit from a brand.
    void checkTypoPart(std::string_view part, std::string_view context, bool lure) {
        if (part.size() < 4) {
            // Short brands only as an exact hyphen-separated token ("ups-tracking").
            neighbours(part, [&](int b) {
                const BrandInfo& brand = m_info[static_cast<std::size_t>(b)];
                if (part == brand.skeleton && brand.length <= 3) {
                    consider(
                        b, Technique::Combosquatting, (lure ? 72 : 62) - 30,
                        {"brand " + quoted(brand.unicode) + " as a part of " + quoted(context)});
                }
            });
            return;
        }
        neighbours(part, [&](int b) {
            const BrandInfo& brand = m_info[static_cast<std::size_t>(b)];
            const Edit e = oneEdit(part, brand.skeleton);
            if (e.kind == Edit::Kind::None || e.kind == Edit::Kind::Equal)
                return;
            std::vector<std::string> reasons = {quoted(part) + " in " + quoted(context) +
                                                " is one edit from " + quoted(brand.unicode)};
            if (lure)
                reasons.push_back("with a lure word");
            consider(b, Technique::TypoCombo, (lure ? 68 : 60) + typoLengthAdjust(brand.length),
                     std::move(reasons));
        });
    }

    void checkCore(std::string_view raw, std::string_view unicode, std::string_view skel,
                   bool idn) {
        neighbours(skel, [&](int b) { checkEdit(raw, unicode, skel, idn, b); });
        if (!idn && raw != skel) {
            // Plain typos of the label as written (the brands' labels are indexed too).
            neighbours(raw, [&](int b) {
                if (!m_info[static_cast<std::size_t>(b)].idn)
                    checkRawTypo(raw, b);
            });
        }
        // Several similar-letter swaps at once: whole-label equality of coarse skeletons.
        if (best.score < 80 && skel.size() >= 4) {
            const std::string coarse = ConfusableSkeleton::coarseSkeleton(skel);
            m_coarse.find(DeletionHasher::hash(coarse), [&](std::uint32_t b) {
                const BrandInfo& brand = m_info[b];
                if (coarse != brand.coarse || skel == brand.skeleton)
                    return;
                if (idn) {
                    consider(static_cast<int>(b), Technique::IdnHomograph,
                             84 + homoglyphLengthAdjust(brand.length),
                             {"reads as " + quoted(brand.unicode) + " (several lookalike letters)",
                              "scripts " + ConfusableSkeleton::scripts(unicode)});
                } else {
                    consider(static_cast<int>(b), Technique::Homoglyph,
                             60 + typoLengthAdjust(brand.length),
                             {"reads as " + quoted(brand.unicode) + " (several similar letters)"});
                }
            });
        }
        // Plural with "es".
        if (skel.size() > 5 && skel.ends_with("es")) {
            const std::string_view stem = skel.substr(0, skel.size() - 2);
            neighbours(stem, [&](int b) {
                const BrandInfo& brand = m_info[static_cast<std::size_t>(b)];
                if (stem == brand.skeleton && !idn) {
                    consider(b, Technique::Plural, 60 + typoLengthAdjust(brand.length),
                             {"plural 'es' appended to " + quoted(brand.unicode)});
                }
            });
        }
        if (skel.size() > 4) {
            m_automaton.scan(skel, [&](std::uint32_t b, std::size_t end) {
                const BrandInfo& brand = m_info[b];
                const std::size_t start = end - brand.skeleton.size();
                if (brand.skeleton.size() < skel.size()) {
                    checkCombo(raw, skel, start, end, static_cast<int>(b));
                }
            });
        }
        if (skel.find('-') != std::string_view::npos) {
            std::size_t start = 0;
            while (start <= skel.size()) {
                std::size_t dash = skel.find('-', start);
                if (dash == std::string_view::npos)
                    dash = skel.size();
                if (dash > start) {
                    const std::string_view token = skel.substr(start, dash - start);
                    if (token.size() < skel.size()) {
                        const std::string_view rest_left = skel.substr(0, start);
                        const std::string_view rest_right = skel.substr(dash);
                        const bool lure = (rest_left.empty() || allLures(rest_left)) &&
                                          (rest_right.empty() || allLures(rest_right));
                        checkTypoPart(token, skel, lure);
                    }
                }
                start = dash + 1;
            }
        } else {
            for (const auto& w : m_lures) {
                if (skel.size() < w.size() + 4)
                    continue;
                if (skel.starts_with(w))
                    checkTypoPart(skel.substr(w.size()), skel, true);
                if (skel.ends_with(w))
                    checkTypoPart(skel.substr(0, skel.size() - w.size()), skel, true);
            }
        }
    }

    // Step 5a: subdomain labels equal to a brand.
    void checkSubdomain(std::string_view skel, std::string_view next, int labelsAfter) {
        if (skel.size() < 3)
            return;
        neighbours(skel, [&](int b) {
            const BrandInfo& brand = m_info[static_cast<std::size_t>(b)];
            if (skel != brand.skeleton)
                return;
            bool ownDomainInside = false;
            for (const auto& d : m_brands[static_cast<std::size_t>(b)].domains) {
                const std::size_t dot = d.find('.');
                ownDomainInside = ownDomainInside || (dot != std::string::npos &&
                                                      std::string_view(d).substr(dot + 1) == next);
            }
            if (labelsAfter > 0 &&
                (ownDomainInside || PublicSuffixList::instance().isListedSuffix(next))) {
                consider(b, Technique::Subdomain, 80 + homoglyphLengthAdjust(brand.length) * 2,
                         {"brand domain " + quoted(brand.unicode + "." + std::string(next)) +
                          " used as a subdomain"});
            } else {
                consider(b, Technique::Subdomain, 52 + homoglyphLengthAdjust(brand.length) * 3,
                         {"brand " + quoted(brand.unicode) + " as a subdomain label"});
            }
        });
    }

    // Step 5b: the brand split by dots.
    void checkSplit(std::string_view joined, int pieces) {
        if (joined.size() < 5)
            return;
        neighbours(joined, [&](int b) {
            const BrandInfo& brand = m_info[static_cast<std::size_t>(b)];
            if (joined != brand.skeleton)
                return;
            consider(b, Technique::Split, 65 + typoLengthAdjust(brand.length),
                     {"brand " + quoted(brand.unicode) + " split by dots into " +
                      std::to_string(pieces) + " labels"});
        });
    }

private:
    const std::vector<Brand>& m_brands;
    const std::vector<BrandInfo>& m_info;
    const HashIndex& m_deletions;
    const HashIndex& m_coarse;
    const BrandAutomaton& m_automaton;
    const std::vector<std::string>& m_lures;
};

}  // namespace

LookalikeMatcher::LookalikeMatcher(std::vector<Brand> brands)
    : m_brands(std::move(brands)), m_index(std::make_unique<Index>()) {
    std::vector<std::pair<std::uint64_t, std::uint32_t>> entries;
    std::vector<std::pair<std::uint64_t, std::uint32_t>> coarseEntries;
    for (std::size_t i = 0; i < m_brands.size(); ++i) {
        const Brand& brand = m_brands[i];
        BrandInfo info;
        info.label = brand.name;
        const DecodedLabel decoded = ConfusableSkeleton::decodeLabel(brand.name);
        info.unicode = decoded.unicode;
        info.idn = decoded.idn && decoded.valid;
        info.skeleton = ConfusableSkeleton::unicodeSkeleton(info.unicode);
        info.length = codePoints(info.unicode);
        info.coarse = ConfusableSkeleton::coarseSkeleton(info.skeleton);
        const auto id = static_cast<std::uint32_t>(i);
        if (info.length >= 4)
            coarseEntries.emplace_back(DeletionHasher::hash(info.coarse), id);
        hasher().forEach(info.skeleton, [&](std::uint64_t h) { entries.emplace_back(h, id); });
        // The label itself too: merging "cl" into "d" would otherwise hide plain typos of
        // brands such as "cloudflare" ("lcoudflare").
        if (!info.idn && info.label != info.skeleton) {
            hasher().forEach(info.label, [&](std::uint64_t h) { entries.emplace_back(h, id); });
        }
        if (info.skeleton.size() >= 4) {
            m_index->automaton.add(info.skeleton, id);
        }
        m_index->minBrandLength = std::min(m_index->minBrandLength, info.skeleton.size());
        for (const auto& d : brand.domains) {
            m_index->ownDomains.emplace(d, static_cast<int>(i));
        }
        m_index->brands.push_back(std::move(info));
    }
    m_index->deletions.build(std::move(entries));
    m_index->coarse.build(std::move(coarseEntries));
    m_index->automaton.build();
    for (auto w : kLureWords) {
        m_index->lureSkeletons.push_back(ConfusableSkeleton::asciiSkeleton(w));
    }
}

LookalikeMatcher::~LookalikeMatcher() = default;

int LookalikeMatcher::ownerOf(std::string_view name) const {
    const auto& own = m_index->ownDomains;
    if (own.empty())
        return -1;
    std::size_t start = 0;
    while (start < name.size()) {
        if (auto it = own.find(name.substr(start)); it != own.end())
            return it->second;
        const std::size_t dot = name.find('.', start);
        if (dot == std::string_view::npos)
            break;
        start = dot + 1;
    }
    return -1;
}

std::size_t LookalikeMatcher::memoryBytes() const {
    std::size_t n =
        m_index->deletions.bytes() + m_index->coarse.bytes() + m_index->automaton.bytes();
    for (const auto& b : m_index->brands) {
        n += sizeof(b) + b.label.capacity() + b.unicode.capacity() + b.skeleton.capacity();
    }
    for (const auto& [d, id] : m_index->ownDomains)
        n += d.capacity() + 32;
    return n;
}

Match LookalikeMatcher::match(std::string_view name) const {
    Match m;
    if (!match(name, m)) {
        m = Match{};
        m.name = std::string(name);
        m.unicodeName = ConfusableSkeleton::displayName(name);
    }
    return m;
}

bool LookalikeMatcher::match(std::string_view name, Match& out) const {
    if (name.size() < 3 || name.size() > 253 || name.find('.') == std::string_view::npos) {
        return false;
    }
    if (ownerOf(name) >= 0)
        return false;
    const std::string_view registrable = PublicSuffixList::instance().registrableDomain(name);
    if (registrable.empty())
        return false;

    std::array<std::string_view, kMaxLabels> labels;
    std::size_t nLabels = 0;
    const std::size_t regStart = name.size() - registrable.size();
    std::size_t coreIndex = 0;
    for (std::size_t start = 0; start <= name.size() && nLabels < kMaxLabels;) {
        std::size_t dot = name.find('.', start);
        if (dot == std::string_view::npos)
            dot = name.size();
        if (start == regStart)
            coreIndex = nLabels;
        labels[nLabels++] = name.substr(start, dot - start);
        start = dot + 1;
    }
    const std::string_view core = labels[coreIndex];

    NameCheck check(m_brands, m_index->brands, m_index->deletions, m_index->coarse,
                    m_index->automaton, m_index->lureSkeletons);

    // Steps 2-4: the core.
    const bool coreIdn = core.starts_with("xn--");
    DecodedLabel decoded;
    std::string skel;
    if (coreIdn) {
        decoded = ConfusableSkeleton::decodeLabel(core);
        skel = decoded.valid ? ConfusableSkeleton::unicodeSkeleton(decoded.unicode)
                             : ConfusableSkeleton::asciiSkeleton(core);
    } else {
        ConfusableSkeleton::asciiSkeleton(core, skel);
    }
    const bool idn = coreIdn && decoded.valid;
    if (!m_brands.empty()) {
        check.checkCore(core, idn ? std::string_view(decoded.unicode) : core, skel, idn);

        // Step 5: subdomain labels and the brand split by dots.
        std::string labelSkel;
        for (std::size_t i = 0; i < coreIndex; ++i) {
            labelSkel.clear();
            if (labels[i].starts_with("xn--")) {
                const DecodedLabel d = ConfusableSkeleton::decodeLabel(labels[i]);
                labelSkel = d.valid ? ConfusableSkeleton::unicodeSkeleton(d.unicode)
                                    : ConfusableSkeleton::asciiSkeleton(labels[i]);
            } else {
                ConfusableSkeleton::asciiSkeleton(labels[i], labelSkel);
            }
            check.checkSubdomain(labelSkel, labels[i + 1], static_cast<int>(coreIndex - i - 1));
        }
        if (coreIndex >= 1 && !coreIdn) {
            std::string joined;
            for (std::size_t pieces = 2; pieces <= 3 && pieces <= coreIndex + 1; ++pieces) {
                joined.clear();
                bool ascii = true;
                for (std::size_t k = coreIndex + 1 - pieces; k <= coreIndex; ++k) {
                    ascii = ascii && !labels[k].starts_with("xn--");
                    ConfusableSkeleton::asciiSkeleton(labels[k], joined);
                }
                if (ascii)
                    check.checkSplit(joined, static_cast<int>(pieces));
            }
        }
    }

    // Step 6: brandless IDN alerts.
    if (check.best.score < kAlertFloor) {
        bool invalid = coreIdn && !decoded.valid;
        for (std::size_t i = 0; i < nLabels && !invalid; ++i) {
            invalid = labels[i].starts_with("xn--") && i != coreIndex &&
                      !ConfusableSkeleton::decodeLabel(labels[i]).valid;
        }
        if (invalid) {
            check.consider(-1, Technique::InvalidIdn, 50,
                           {"an xn-- label that is not valid, canonical punycode"});
        } else if (idn) {
            const std::string scripts = ConfusableSkeleton::scripts(decoded.unicode);
            const bool latinLike = std::all_of(skel.begin(), skel.end(), [](char c) {
                return static_cast<unsigned char>(c) < 0x80;
            });
            const bool mixed = scripts.find("Latin") != std::string::npos &&
                               (scripts.find("Cyrillic") != std::string::npos ||
                                scripts.find("Greek") != std::string::npos);
            if (mixed) {
                check.consider(
                    -1, Technique::IdnHomograph, 58,
                    {"mixed-script label (" + scripts + ") that reads as " + quoted(skel)});
            } else if (latinLike && (scripts == "Cyrillic" || scripts == "Greek")) {
                check.consider(
                    -1, Technique::IdnHomograph, 45,
                    {"whole-script " + scripts + " label that reads as Latin " + quoted(skel)});
            }
        }
    }

    if (check.best.score < kAlertFloor)
        return false;
    out = Match{};
    out.name = std::string(name);
    out.unicodeName = ConfusableSkeleton::displayName(name);
    out.registrable = std::string(registrable);
    out.brand = check.best.brand;
    out.brandName =
        out.brand >= 0 ? m_brands[static_cast<std::size_t>(out.brand)].name : std::string();
    out.technique = check.best.technique;
    out.score = std::clamp(check.best.score, 0, 100);
    out.tier = tierForScore(out.score);
    out.reasons = std::move(check.best.reasons);
    if (coreIdn && decoded.valid) {
        out.reasons.push_back("shown as " + out.unicodeName);
    }
    return true;
}

}  // namespace tapir::lookalike
