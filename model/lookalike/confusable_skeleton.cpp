// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// Skeletons for lookalike detection.
//
// Terms: a *skeleton* is a string in which characters that look alike are replaced by one
// representative, so equal skeletons mean "reads the same". UTS #39 defines one for all of
// Unicode (confusables.txt, case-sensitive, in NFD); Tapir's names are lower-case ASCII
// A-labels, so most are compared with a small ASCII table instead.
//
// Steps for a Unicode label: (0) ICU's Latin-ASCII transform (ł → l, ʀ → R, ƈ → c),
// (1) ICU uspoof skeleton (e.g. Cyrillic а → a, ɑ → a, m → rn),
// (2) case fold (the UTS #39 prototypes include capitals such as O for 0), (3) NFD and drop
// non-spacing marks (diacritic stripping: à → a), (4) the ASCII table (rn → m, 0 → o, ...).
// Step (4) is idempotent, and maps the UTS #39 prototypes of ASCII letters back (m → rn →
// m, d → cl → d), so ASCII and Unicode labels meet in the same space.
#include "lookalike/confusable_skeleton.h"

#include <unicode/uidna.h>
#include <unicode/unorm2.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/ustring.h>
#include <unicode/utrans.h>

#include <array>
#include <memory>
#include <utility>
#include <vector>

namespace tapir::lookalike {
namespace {

const USpoofChecker* spoofChecker() {
    static USpoofChecker* checker = [] {
        UErrorCode status = U_ZERO_ERROR;
        USpoofChecker* c = uspoof_open(&status);
        if (U_FAILURE(status))
            return static_cast<USpoofChecker*>(nullptr);
        uspoof_setChecks(c, USPOOF_CONFUSABLE, &status);
        return c;
    }();
    return checker;
}

struct TransliteratorCloser {
    void operator()(UTransliterator* t) const { utrans_close(t); }
};

// ICU's Latin-ASCII transform folds letters with strokes, hooks and small capitals (ł, ƈ,
// ʀ, ᴍ) that neither NFD nor the UTS #39 table maps to their base letter. A transliterator
// is not safe to share between threads, so each thread clones its own and closes it when the
// thread ends (worker threads come and go; a bare pointer leaked one clone per thread).
UTransliterator* latinToAscii() {
    static UTransliterator* prototype = [] {
        UErrorCode status = U_ZERO_ERROR;
        UParseError error;
        const char16_t id[] = u"Latin-ASCII";
        UTransliterator* t = utrans_openU(reinterpret_cast<const UChar*>(id), -1, UTRANS_FORWARD,
                                          nullptr, 0, &error, &status);
        return U_FAILURE(status) ? nullptr : t;
    }();
    thread_local const std::unique_ptr<UTransliterator, TransliteratorCloser> local = [] {
        UErrorCode status = U_ZERO_ERROR;
        return std::unique_ptr<UTransliterator, TransliteratorCloser>(
            prototype == nullptr ? nullptr : utrans_clone(prototype, &status));
    }();
    return local.get();
}

const UIDNA* strictIdna() {
    static UIDNA* idna = [] {
        UErrorCode status = U_ZERO_ERROR;
        UIDNA* i =
            uidna_openUTS46(UIDNA_CHECK_BIDI | UIDNA_CHECK_CONTEXTJ |
                                UIDNA_NONTRANSITIONAL_TO_ASCII | UIDNA_NONTRANSITIONAL_TO_UNICODE,
                            &status);
        return U_FAILURE(status) ? nullptr : i;
    }();
    return idna;
}

std::u16string toUtf16(std::string_view s) {
    std::u16string out(s.size() + 1, u'\0');
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strFromUTF8Lenient(reinterpret_cast<UChar*>(out.data()), static_cast<int32_t>(out.size()), &n,
                         s.data(), static_cast<int32_t>(s.size()), &status);
    out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(n) : 0);
    return out;
}

std::string toUtf8(const std::u16string& s) {
    std::string out(s.size() * 3 + 1, '\0');
    UErrorCode status = U_ZERO_ERROR;
    int32_t n = 0;
    u_strToUTF8(out.data(), static_cast<int32_t>(out.size()), &n,
                reinterpret_cast<const UChar*>(s.data()), static_cast<int32_t>(s.size()), &status);
    out.resize(U_SUCCESS(status) ? static_cast<std::size_t>(n) : 0);
    return out;
}

// Letters that read as ASCII ones but are in neither ICU table (Latin-ASCII, UTS #39):
// three Latin letters, and Cyrillic lower-case letters shaped like Latin small capitals.
void foldExtraLookalikes(std::u16string& text) {
    constexpr std::array<std::pair<char16_t, char16_t>, 8> kExtra = {{
        {u'\u0185', u'b'},  // ƅ tone six
        {u'\u01bf', u'p'},  // ƿ wynn
        {u'\u0259', u'a'},  // ə schwa
        {u'\u043a', u'k'},  // к
        {u'\u043c', u'm'},  // м
        {u'\u0442', u't'},  // т
        {u'\u044c', u'b'},  // ь
        {u'\u050d', u'g'},  // ԍ
    }};
    for (auto& c : text) {
        for (const auto& [from, to] : kExtra) {
            if (c == from)
                c = to;
        }
    }
}

bool isAscii(std::string_view s) {
    for (char c : s) {
        if (static_cast<unsigned char>(c) >= 0x80)
            return false;
    }
    return true;
}

}  // namespace

void ConfusableSkeleton::asciiSkeleton(std::string_view label, std::string& out) {
    // Digits first (so "c1" reads as "cl"), then letter pairs that render as one letter in
    // most fonts (rn, cl, vv), then i as l. Mapping i before the pairs would turn "ci"
    // into "d".
    auto digit = [](char c) -> char {
        if (c == '0')
            return 'o';
        if (c == '1')
            return 'l';
        return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c;
    };
    for (std::size_t i = 0; i < label.size(); ++i) {
        const char c = digit(label[i]);
        const char next = i + 1 < label.size() ? digit(label[i + 1]) : '\0';
        if ((c == 'r' && next == 'n') || (c == 'c' && next == 'l') || (c == 'v' && next == 'v')) {
            out += c == 'r' ? 'm' : c == 'c' ? 'd' : 'w';
            ++i;
            continue;
        }
        out += c == 'i' ? 'l' : c;
    }
}

std::string ConfusableSkeleton::asciiSkeleton(std::string_view label) {
    std::string out;
    out.reserve(label.size());
    asciiSkeleton(label, out);
    return out;
}

std::string ConfusableSkeleton::coarseSkeleton(std::string_view skeleton) {
    // Pass 1: single letters that are merely similar.
    std::string single;
    single.reserve(skeleton.size());
    for (char c : skeleton) {
        switch (c) {
            case 'e':
                single += 'c';
                break;
            case 'd':
                single += 'b';
                break;
            case 'q':
                single += 'g';
                break;
            case 'n':
            case 'r':
                single += 'm';
                break;
            case '3':
                single += '8';
                break;
            case '6':
                single += '9';
                break;
            default:
                single += c;
        }
    }
    // Pass 2, in the merged alphabet: two letters that pass for one (rr/nn for m, lc/lk for
    // k, lb for b, lh for h, dl for d).
    std::string out;
    out.reserve(single.size());
    for (std::size_t i = 0; i < single.size(); ++i) {
        const char c = single[i];
        const char next = i + 1 < single.size() ? single[i + 1] : '\0';
        if (c == 'm' && next == 'm') {
            out += 'm';
            ++i;
        } else if (c == 'l' && (next == 'c' || next == 'k' || next == 'b' || next == 'h')) {
            out += next == 'c' ? 'k' : next;
            ++i;
        } else if (c == 'b' && next == 'l') {
            out += 'b';
            ++i;
        } else {
            out += c;
        }
    }
    return out;
}

std::string ConfusableSkeleton::unicodeSkeleton(std::string_view utf8) {
    if (isAscii(utf8)) {
        // UTS #39 maps ASCII only onto ASCII prototypes the table below already merges.
        return asciiSkeleton(utf8);
    }
    const USpoofChecker* sc = spoofChecker();
    std::u16string text = toUtf16(utf8);
    foldExtraLookalikes(text);
    if (UTransliterator* t = latinToAscii(); t != nullptr) {
        std::u16string out = text;
        out.resize(text.size() * 4 + 16);
        auto length = static_cast<int32_t>(text.size());
        int32_t limit = length;
        UErrorCode status = U_ZERO_ERROR;
        utrans_transUChars(t, reinterpret_cast<UChar*>(out.data()), &length,
                           static_cast<int32_t>(out.size()), 0, &limit, &status);
        if (U_SUCCESS(status)) {
            out.resize(static_cast<std::size_t>(length));
            text = std::move(out);
        }
    }
    if (sc != nullptr) {
        UErrorCode status = U_ZERO_ERROR;
        std::u16string skel(text.size() * 4 + 16, u'\0');
        const int32_t n = uspoof_getSkeleton(
            sc, 0, reinterpret_cast<const UChar*>(text.data()), static_cast<int32_t>(text.size()),
            reinterpret_cast<UChar*>(skel.data()), static_cast<int32_t>(skel.size()), &status);
        if (U_SUCCESS(status)) {
            skel.resize(static_cast<std::size_t>(n));
            text = std::move(skel);
        }
        foldExtraLookalikes(text);  // UTS #39 maps some letters onto ones listed there
    }
    {
        UErrorCode status = U_ZERO_ERROR;
        std::u16string folded(text.size() * 3 + 16, u'\0');
        const int32_t n = u_strFoldCase(
            reinterpret_cast<UChar*>(folded.data()), static_cast<int32_t>(folded.size()),
            reinterpret_cast<const UChar*>(text.data()), static_cast<int32_t>(text.size()),
            U_FOLD_CASE_DEFAULT, &status);
        if (U_SUCCESS(status)) {
            folded.resize(static_cast<std::size_t>(n));
            text = std::move(folded);
        }
    }
    {
        UErrorCode status = U_ZERO_ERROR;
        const UNormalizer2* nfd = unorm2_getNFDInstance(&status);
        std::u16string decomposed(text.size() * 4 + 16, u'\0');
        const int32_t n = nfd == nullptr
                              ? 0
                              : unorm2_normalize(nfd, reinterpret_cast<const UChar*>(text.data()),
                                                 static_cast<int32_t>(text.size()),
                                                 reinterpret_cast<UChar*>(decomposed.data()),
                                                 static_cast<int32_t>(decomposed.size()), &status);
        if (nfd != nullptr && U_SUCCESS(status)) {
            decomposed.resize(static_cast<std::size_t>(n));
            text = std::move(decomposed);
        }
    }
    std::u16string stripped;
    stripped.reserve(text.size());
    for (std::size_t i = 0; i < text.size();) {
        UChar32 c = 0;
        U16_NEXT(text.data(), i, text.size(), c);
        if (u_charType(c) == U_NON_SPACING_MARK)
            continue;
        if (c <= 0xffff) {
            stripped += static_cast<char16_t>(c);
        } else {
            stripped += static_cast<char16_t>(U16_LEAD(c));
            stripped += static_cast<char16_t>(U16_TRAIL(c));
        }
    }
    return asciiSkeleton(toUtf8(stripped));
}

DecodedLabel ConfusableSkeleton::decodeLabel(std::string_view label) {
    DecodedLabel out;
    if (label.size() < 4 || (label.compare(0, 4, "xn--") != 0)) {
        out.unicode = std::string(label);
        return out;
    }
    out.idn = true;
    const UIDNA* idna = strictIdna();
    if (idna == nullptr) {
        out.unicode = std::string(label);
        out.valid = false;
        return out;
    }
    UErrorCode status = U_ZERO_ERROR;
    UIDNAInfo info = UIDNA_INFO_INITIALIZER;
    std::string unicode(label.size() * 4 + 16, '\0');
    const int32_t n = uidna_labelToUnicodeUTF8(
        idna, label.data(), static_cast<int32_t>(label.size()), unicode.data(),
        static_cast<int32_t>(unicode.size()), &info, &status);
    if (U_FAILURE(status) || info.errors != 0) {
        out.unicode = std::string(label);
        out.valid = false;
        return out;
    }
    unicode.resize(static_cast<std::size_t>(n));
    // Canonical form: the A-label of the decoded text must be the input again (rejects
    // upper case, needless encodings and other non-canonical punycode).
    status = U_ZERO_ERROR;
    info = UIDNA_INFO_INITIALIZER;
    std::string back(label.size() * 2 + 16, '\0');
    const int32_t m =
        uidna_labelToASCII_UTF8(idna, unicode.data(), static_cast<int32_t>(unicode.size()),
                                back.data(), static_cast<int32_t>(back.size()), &info, &status);
    back.resize(U_SUCCESS(status) ? static_cast<std::size_t>(m) : 0);
    if (U_FAILURE(status) || info.errors != 0 || back != label) {
        out.unicode = std::string(label);
        out.valid = false;
        return out;
    }
    out.unicode = std::move(unicode);
    return out;
}

std::string ConfusableSkeleton::displayName(std::string_view name) {
    if (name.find("xn--") == std::string_view::npos) {
        return std::string(name);
    }
    std::string out;
    std::size_t start = 0;
    while (start <= name.size()) {
        std::size_t dot = name.find('.', start);
        if (dot == std::string_view::npos)
            dot = name.size();
        const DecodedLabel label = decodeLabel(name.substr(start, dot - start));
        if (!out.empty() || start > 0)
            out += '.';
        out += label.unicode;
        start = dot + 1;
    }
    return out;
}

std::string ConfusableSkeleton::scripts(std::string_view utf8) {
    std::vector<UScriptCode> seen;
    const std::u16string text = toUtf16(utf8);
    for (std::size_t i = 0; i < text.size();) {
        UChar32 c = 0;
        U16_NEXT(text.data(), i, text.size(), c);
        UErrorCode status = U_ZERO_ERROR;
        const UScriptCode script = uscript_getScript(c, &status);
        if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED)
            continue;
        bool known = false;
        for (auto s : seen)
            known = known || s == script;
        if (!known)
            seen.push_back(script);
    }
    std::string out;
    for (auto s : seen) {
        if (!out.empty())
            out += '+';
        out += uscript_getName(s);
    }
    return out;
}

}  // namespace tapir::lookalike
