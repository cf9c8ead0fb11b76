// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "common/progress.h"
#include "ingest/importer.h"

namespace tapir {
namespace store {
class Database;
}
}  // namespace tapir

namespace tapir::cli {

// Exit codes a script can rely on (also in README.md).
enum Exit { kOk = 0, kPartial = 1, kUsage = 2, kDatabase = 3, kCancelled = 4, kFailed = 5 };

// What every command gets: the database path (opened on first use) and the Ctrl-C token.
class Context {
public:
    explicit Context(std::string databasePath);
    ~Context();
    // The store, opened read-write on first call; nullptr (message printed) on failure.
    store::Database* database();
    [[nodiscard]] const std::string& databasePath() const { return m_path; }

private:
    std::string m_path;
    std::unique_ptr<store::Database> m_db;
};

using Args = std::vector<std::string>;

// The token SIGINT/SIGTERM cancel.
CancelToken& cancelToken();

// Removes "--name VALUE" from args and returns VALUE.
std::optional<std::string> optionValue(Args& args, const std::string& name);
// Removes "--name" from args; true if it was there.
bool takeFlag(Args& args, const std::string& name);
// Prints "tapir-cli: message" and the usage text; returns kUsage.
int usage(const std::string& message);
void printFileReport(const FileReport& f);

// Commands, one file each (see commands.cpp for the table).
int runImport(Context& context, Args args);
int runWatch(Context& context, Args args);
int runQuery(Context& context, Args args);
int runExport(Context& context, Args args);
int runTriage(Context& context, Args args);
int runMonitors(Context& context, Args args);  // query_command.cpp
int runSources(Context& context, Args args);
int runPolicy(Context& context, Args args);
int runIndex(Context& context, Args args);      // store_command.cpp
int runPrune(Context& context, Args args);      // store_command.cpp
int runRetention(Context& context, Args args);  // store_command.cpp
int runFormats(Context& context, Args args);
int runGraph(Context& context, Args args);     // graph_command.cpp
int runPath(Context& context, Args args);      // graph_command.cpp
int runBrands(Context& context, Args args);    // lookalike_command.cpp
int runAlerts(Context& context, Args args);    // lookalike_command.cpp
int runCheck(Context& context, Args args);     // lookalike_command.cpp
int runTimeline(Context& context, Args args);  // timeline_command.cpp

struct Command {
    const char* name;
    const char* synopsis;  // shown in the usage text
    int (*run)(Context&, Args);
};
const std::vector<Command>& commands();

}  // namespace tapir::cli
