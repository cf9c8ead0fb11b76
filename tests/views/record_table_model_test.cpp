// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// The records table shows hidden characters (issue 10, exports and display): TXT rdata is
// stored as the feed gave it, raw UTF-8 included, so a bidi override or a zero-width character
// could make a record read as something else. The table shows each such character as an
// escape; the stored record keeps its bytes. Offscreen.
#include <gtest/gtest.h>

#include <QAbstractItemModelTester>
#include <QApplication>
#include <QLabel>
#include <QTest>
#include <QTextDocument>

#include <filesystem>
#include <fstream>
#include <map>
#include <random>

#include "common/progress.h"
#include "ingest/importer.h"
#include "records/record_details_widget.h"
#include "records/record_table_model.h"
#include "store/database.h"

namespace {

namespace fs = std::filesystem;
using tapir::views::RecordDetailsWidget;
using tapir::views::RecordTableModel;

class TempDir {
public:
    TempDir() {
        std::random_device rd;
        m_path = fs::temp_directory_path() / ("tapir-records-" + std::to_string(rd()));
        fs::create_directories(m_path);
    }
    ~TempDir() { fs::remove_all(m_path); }
    [[nodiscard]] std::string file(const std::string& name) const {
        return (m_path / name).string();
    }

private:
    fs::path m_path;
};

// Imports one feed file into a new store; every line must be read.
void importInto(const std::string& dbPath, const std::string& feed) {
    auto db = tapir::store::Database::open(dbPath);
    ASSERT_TRUE(db.ok()) << db.error().describe();
    tapir::Importer importer(**db);
    tapir::NullProgress progress;
    tapir::CancelToken cancel;
    const auto report = importer.importFile(feed, {}, progress, cancel);
    ASSERT_EQ(report.status, tapir::FileStatus::Imported);
    ASSERT_EQ(report.stats.skipped, 0U);
}

// rrname → TXT rdata as the feed writes it (raw UTF-8 inside the quotes).
const std::map<std::string, std::string>& txtRecords() {
    static const std::map<std::string, std::string> all = {
        // "pay" RLO "lap.com" PDF: reads as "paymoc.pal" in a bidi-aware view.
        {"rlo.example", "\"pay\u202Elap.com\u202C\""},
        {"isolate.example", "\"a\u2066b\u2069c\u200Ed\u200Fe\""},
        {"zero-width.example", "\"v=spf1\u200B include:evil.test\u00A0-all\uFEFF\""},
        {"control.example", "\"a\x01z\x7f\u0085\u2028\""},
        {"tag.example", "\"x\U000E0041y\""},
        {"plain.example", "\"v=spf1 -all\""},
        {"accent.example", "\"h\u00E9llo \u05E9\u05DC\u05D5\u05DD\""},  // visible letters stay
    };
    return all;
}

const std::map<std::string, QString>& expectedDisplay() {
    static const std::map<std::string, QString> all = {
        {"rlo.example", QStringLiteral("\"pay\\u202Elap.com\\u202C\"")},
        {"isolate.example", QStringLiteral("\"a\\u2066b\\u2069c\\u200Ed\\u200Fe\"")},
        {"zero-width.example",
         QStringLiteral("\"v=spf1\\u200B include:evil.test\\u00A0-all\\uFEFF\"")},
        {"control.example", QStringLiteral("\"a\\001z\\127\\u0085\\u2028\"")},
        {"tag.example", QStringLiteral("\"x\\U000E0041y\"")},
        {"plain.example", QStringLiteral("\"v=spf1 -all\"")},
        {"accent.example", QString::fromUtf8("\"h\u00E9llo \u05E9\u05DC\u05D5\u05DD\"")},
    };
    return all;
}

TEST(RecordTableModel, HiddenCharactersInRdataAreShownEscapedAndStoredExact) {
    TempDir dir;
    const std::string log = dir.file("txt.log");
    {
        std::ofstream out(log, std::ios::binary);
        for (const auto& [name, rdata] : txtRecords())
            out << "1795714029||c||s||IN||" << name << ".||TXT||" << rdata << "||60||1\n";
    }
    const std::string dbPath = dir.file("txt.db");
    importInto(dbPath, log);
    if (HasFatalFailure())
        return;

    RecordTableModel model;
    QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::Fatal);
    model.setDatabasePath(QString::fromStdString(dbPath));
    const auto rows = static_cast<int>(txtRecords().size());
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !model.isLoading() && model.rowCount() == rows; }, 10000));

    for (int row = 0; row < rows; ++row) {
        const tapir::Record* r = model.record(row);
        ASSERT_NE(r, nullptr);
        ASSERT_TRUE(txtRecords().count(r->rrname)) << r->rrname;
        // The stored value keeps the feed's bytes.
        EXPECT_EQ(r->rdata, txtRecords().at(r->rrname));
        for (const int role : {int(Qt::DisplayRole), int(Qt::ToolTipRole)}) {
            const QString shown = model.index(row, RecordTableModel::Rdata).data(role).toString();
            EXPECT_EQ(shown, expectedDisplay().at(r->rrname))
                << r->rrname << ": " << shown.toStdString();
            for (const QChar c : shown) {
                EXPECT_TRUE(c.category() != QChar::Other_Format &&
                            c.category() != QChar::Other_Control)
                    << r->rrname << ": hidden U+" << std::hex << unsigned{c.unicode()};
            }
        }
        // The record details dock shows the same escaped form.
        RecordDetailsWidget details;
        details.showRecord(r);
        auto* summary = details.findChild<QLabel*>();
        ASSERT_NE(summary, nullptr);
        QTextDocument html;
        html.setHtml(summary->text());
        const QString text = html.toPlainText();
        EXPECT_TRUE(text.contains(expectedDisplay().at(r->rrname)))
            << r->rrname << ": " << text.toStdString();
        for (const QChar c : text) {
            if (c == QLatin1Char('\n'))
                continue;  // the summary's own line break
            EXPECT_TRUE(c.category() != QChar::Other_Format && c.category() != QChar::Other_Control)
                << r->rrname << " (details): hidden U+" << std::hex << unsigned{c.unicode()};
        }
    }
}

// Internationalised names read as their Unicode form beside the punycode wherever a name
// appears: the record's name, a name inside its rdata, and its bailiwick.
TEST(RecordTableModel, NamesInRdataAndBailiwickShowTheirUnicodeForm) {
    TempDir dir;
    const std::string feed = dir.file("idn.json");
    {
        std::ofstream out(feed, std::ios::binary);
        const char* lines[] = {
            R"({"rrname":"www.xn--bcher-kva.example","rrtype":"CNAME","rdata":"xn--bcher-kva.example","bailiwick":"xn--bcher-kva.example","time_first":1795714029,"time_last":1795714029,"count":1})",
            R"({"rrname":"xn--bcher-kva.example","rrtype":"MX","rdata":"10 mail.xn--bcher-kva.example","bailiwick":"example","time_first":1795714029,"time_last":1795714029,"count":1})",
            R"({"rrname":"plain.example","rrtype":"TXT","rdata":"\"xn--bcher-kva\"","bailiwick":"example","time_first":1795714029,"time_last":1795714029,"count":1})",
        };
        for (const char* line : lines)
            out << line << "\n";
    }
    const std::string dbPath = dir.file("idn.db");
    importInto(dbPath, feed);
    if (HasFatalFailure())
        return;
    RecordTableModel model;
    model.setDatabasePath(QString::fromStdString(dbPath));
    ASSERT_TRUE(
        QTest::qWaitFor([&] { return !model.isLoading() && model.rowCount() == 3; }, 10000));
    const QString bucher = QString::fromUtf8("b\u00FCcher.example");
    std::map<std::string, std::pair<QString, QString>> shown;  // rrname -> rdata, bailiwick
    for (int row = 0; row < 3; ++row) {
        shown[model.record(row)->rrname] = {
            model.index(row, RecordTableModel::Rdata).data().toString(),
            model.index(row, RecordTableModel::Bailiwick).data().toString()};
    }
    ASSERT_EQ(shown.size(), 3U);
    EXPECT_EQ(shown["www.xn--bcher-kva.example"].first,
              bucher + QStringLiteral("  (xn--bcher-kva.example)"));
    EXPECT_EQ(shown["www.xn--bcher-kva.example"].second,
              bucher + QStringLiteral("  (xn--bcher-kva.example)"));
    EXPECT_EQ(
        shown["xn--bcher-kva.example"].first,
        QStringLiteral("10 mail.") + bucher + QStringLiteral("  (mail.xn--bcher-kva.example)"));
    EXPECT_EQ(shown["xn--bcher-kva.example"].second, QStringLiteral("example"));
    // Text that only looks like punycode is not a name: TXT stays as stored.
    EXPECT_EQ(shown["plain.example"].first, QStringLiteral("\"xn--bcher-kva\""));
    // "Copy" takes the stored text, not the Unicode form shown beside it.
    for (int row = 0; row < 3; ++row) {
        EXPECT_EQ(model.index(row, RecordTableModel::RRName).data(Qt::EditRole).toString(),
                  QString::fromStdString(model.record(row)->rrname));
        EXPECT_EQ(model.index(row, RecordTableModel::Rdata).data(Qt::EditRole).toString(),
                  QString::fromStdString(model.record(row)->rdata));
        EXPECT_EQ(model.index(row, RecordTableModel::Bailiwick).data(Qt::EditRole).toString(),
                  QString::fromStdString(model.record(row)->bailiwick));
    }
    // The entity a pivot uses stays the stored (ASCII) name.
    for (int row = 0; row < 3; ++row) {
        if (model.record(row)->rrtype == 5) {
            EXPECT_EQ(model.index(row, RecordTableModel::Rdata).data(tapir::views::kEntityRole),
                      QStringLiteral("xn--bcher-kva.example"));
        }
    }
}

}  // namespace
