// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "cli_common.h"

#include <chrono>
#include <filesystem>
#include <iostream>
#include <map>

#include "feeds/feed_reader.h"
#include "ingest/folder_watcher.h"
#include "ingest/importer.h"
#include "ingest/retention.h"
#include "query/monitors.h"
#include "query/query_parser.h"
#include "store/database.h"

namespace tapir::cli {

// Prints each file as it starts, and each commit (small files share one), to stderr.
namespace {

class TerminalProgress final : public ProgressSink {
public:
    void fileStarted(std::string_view path, std::uint64_t index, std::uint64_t count,
                     std::uint64_t) override {
        std::cerr << "[" << index + 1 << "/" << count << "] " << path << "\n";
        m_current = index + 1;
    }
    void progressed(std::uint64_t, std::uint64_t) override {}
    void committed() override {
        std::cerr << "committed: files 1-" << m_current
                  << " are done, their records in the store\n";
    }

private:
    std::uint64_t m_current = 0;
};

}  // namespace

int runImport(Context& context, Args args) {
    store::Database* db = nullptr;
    ImportOptions options;
    if (auto f = optionValue(args, "--format")) {
        if (findFormat(*f) == nullptr) {
            return usage("unknown format '" + *f + "' (see tapir-cli formats)");
        }
        options.format = *f;
    }
    options.bulk = takeFlag(args, "--bulk");
    if (auto t = optionValue(args, "--time")) {
        const auto now = std::chrono::duration_cast<std::chrono::seconds>(
                             std::chrono::system_clock::now().time_since_epoch())
                             .count();
        options.fileTime = parseTimeBound(*t, now);
        if (!options.fileTime) {
            return usage("--time takes a date, ISO time, epoch seconds or -7d, not '" + *t + "'");
        }
    }
    if (args.empty()) {
        return usage("import needs at least one file or directory");
    }
    TerminalProgress progress;
    db = context.database();
    if (db == nullptr)
        return kDatabase;
    Importer importer(*db);
    ImportReport report = importer.importPaths(args, options, progress, cancelToken());
    for (const auto& e : report.errors) {
        std::cerr << "error: " << e.describe() << "\n";
    }
    for (const auto& f : report.files) {
        printFileReport(f);
    }
    if (options.bulk) {
        std::cout << "lookup indexes built in " << report.indexSeconds << " s\n";
    }
    std::cout << "total: " << report.count(FileStatus::Imported) << " imported, "
              << report.count(FileStatus::AlreadyImported) << " already imported, "
              << report.count(FileStatus::Failed) << " failed; " << report.recordsRead()
              << " records read, " << report.newRecords() << " new records, " << report.skipped()
              << " skipped\n";
    if (report.cancelled)
        return kCancelled;
    if (report.count(FileStatus::Failed) > 0 || !report.errors.empty())
        return kPartial;
    return kOk;
}

int runWatch(Context& context, Args args) {
    FolderWatcher::Options options;
    std::chrono::milliseconds interval(2000);
    try {
        if (auto v = optionValue(args, "--interval"))
            interval = std::chrono::milliseconds(static_cast<long>(std::stod(*v) * 1000));
        if (auto v = optionValue(args, "--settle"))
            options.settle = std::chrono::milliseconds(static_cast<long>(std::stod(*v) * 1000));
        if (auto v = optionValue(args, "--idle"))
            options.idle = std::chrono::milliseconds(static_cast<long>(std::stod(*v) * 1000));
    } catch (const std::exception&) {
        return usage("--interval, --settle and --idle take seconds");
    }
    if (args.size() != 1) {
        return usage("watch needs exactly one folder");
    }
    std::error_code ec;
    if (!std::filesystem::is_directory(args[0], ec)) {
        std::cerr << "error: " << args[0] << ": not a folder\n";
        return kPartial;
    }
    std::cerr << "watching " << args[0] << " (Ctrl-C to stop)\n";
    store::Database* db = context.database();
    if (db == nullptr)
        return kDatabase;
    FolderWatcher watcher(*db, args[0], options);
    NullProgress progress;
    if (auto policy = RetentionPolicy::load(*db); policy && policy->keepSeconds)
        std::cerr << policy->describe() << "\n";
    // Monitors (query/monitors.h) whose new records grew since the last line about them.
    std::map<std::int64_t, std::uint64_t> told;
    const auto tellMonitors = [db, &told] {
        auto monitors = Monitors::list(*db, true);
        if (!monitors) {
            std::cerr << "monitors: " << monitors.error().describe() << "\n";
            return;
        }
        for (const auto& m : *monitors) {
            if (m.newRecords > told[m.id]) {
                std::cout << "monitor " << m.id << " " << m.query << ": " << m.newRecords
                          << " new record(s) (tapir-cli monitors new)\n";
            }
            told[m.id] = m.newRecords;
        }
    };
    tellMonitors();
    watcher.run(
        interval, progress, cancelToken(),
        [&tellMonitors](const FileReport& f) {
            if (f.status != FileStatus::AlreadyImported)
                printFileReport(f);
            if (f.status == FileStatus::Imported)
                tellMonitors();
            std::cout.flush();
        },
        [](const Result<PruneReport>& pruned) {
            if (!pruned) {
                std::cerr << "retention: " << pruned.error().describe() << "\n";
            } else if (pruned->records > 0) {
                std::cout << "retention: deleted " << pruned->records << " records; "
                          << pruned->remaining << " remain\n";
                std::cout.flush();
            }
        });
    return kOk;
}

}  // namespace tapir::cli
