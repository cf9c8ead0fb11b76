// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "cli_common.h"

namespace tapir::cli {

// The command table: one line per command, in the order the usage text lists them.
const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"import", "import [--format F] FILE|DIR...   import feed files (folders recursively)", &runImport},
        {"watch", "watch [--interval S] [--settle S] [--idle S] DIR\n"
                  "                                    import files as a collector writes them, until Ctrl-C",
         &runWatch},
        {"query", "query QUERY [--type T] [--limit N] [--csv FILE | --json]\n"
                  "                                    QUERY: NAME, *.SUFFIX, PREFIX.*, ip:ADDR[/LEN],\n"
                  "                                    rdata:NAME, ns:NAME",
         &runQuery},
        {"export", "export --csv FILE | --json FILE   write every record", &runExport},
        {"sources", "sources                           list imported files", &runSources},
        {"formats", "formats                           list supported feed formats", &runFormats},
        {"policy", "policy [--drop-private on|off] [--internal SUFFIX,...]\n"
                   "                                    show or change the anonymisation policy",
         &runPolicy},
    };
    return table;
}

}  // namespace tapir::cli
