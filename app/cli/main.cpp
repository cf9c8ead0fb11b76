// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
//
// tapir-cli: the engine without a GUI, for scripts. Exit codes: see cli_common.h.

#include <algorithm>
#include <csignal>
#include <string>
#include <vector>

#include "cli_common.h"
#include "common/paths.h"

namespace {
extern "C" void onSignal(int) {
    tapir::cli::cancelToken().cancel();
}
}  // namespace

int main(int argc, char** argv) {
    using namespace tapir::cli;
    Args args(argv + 1, argv + argc);
    std::signal(SIGINT, onSignal);
    std::signal(SIGTERM, onSignal);
    if (takeFlag(args, "--help") || takeFlag(args, "-h")) {
        usage("");
        return kOk;
    }
    Context context(optionValue(args, "--db").value_or(tapir::defaultDatabasePath()));
    if (args.empty()) {
        return usage("no command given");
    }
    const std::string name = args.front();
    args.erase(args.begin());
    const auto& table = commands();
    auto it =
        std::find_if(table.begin(), table.end(), [&](const Command& c) { return name == c.name; });
    if (it == table.end()) {
        return usage("unknown command '" + name + "'");
    }
    return it->run(context, std::move(args));
}
