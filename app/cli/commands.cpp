// SPDX-License-Identifier: GPL-3.0-or-later
// SPDX-FileCopyrightText: 2026 The Tapir authors
#include "cli_common.h"

namespace tapir::cli {

// The command table: one line per command, in the order the usage text lists them.
const std::vector<Command>& commands() {
    static const std::vector<Command> table = {
        {"import",
         "import [--format F] [--time T] [--bulk] FILE|DIR...\n"
         "                                    import feed files (folders recursively); --time\n"
         "                                    dates zone files (default: their file time);\n"
         "                                    --bulk builds the lookup indexes at the end",
         &runImport},
        {"watch",
         "watch [--interval S] [--settle S] [--idle S] DIR\n"
         "                                    import files as a collector writes them, until "
         "Ctrl-C",
         &runWatch},
        {"query",
         "query QUERY|--batch FILE [--type T] [--limit N] [--offset N] [--summarize|--names]\n"
         "      [--csv FILE|- | --json]\n"
         "                                    QUERY: NAME, *.SUFFIX, PREFIX.*, ip:ADDR[/LEN],\n"
         "                                    rdata:NAME, ns:NAME, dnsdbq's rrset/name/NAME\n"
         "                                    and rdata/name|ip/VALUE (README: Search); --batch\n"
         "                                    reads one per line (- for stdin), each framed\n"
         "                                    by '++ QUERY' and '-- STATUS' lines;\n"
         "                                    --summarize prints the number of records, their\n"
         "                                    summed count and first/last seen (dnsdbq -V\n"
         "                                    summarize); --names one row per name of the\n"
         "                                    records, summed up (subdomains, names on an IP)",
         &runQuery},
        {"triage",
         "triage [--below] [--csv FILE|- | --json] FILE|-\n"
         "                                    summarise a list of indicators (names, IPs, URLs,\n"
         "                                    defanged or not; one per line): records, count,\n"
         "                                    first and last seen of each; --below adds the\n"
         "                                    names under each name",
         &runTriage},
        {"monitors",
         "monitors [list] | add QUERY | remove ID | seen ID|all\n"
         "       monitors new [--csv FILE|- | --json] [--mark-seen]\n"
         "                                    searches kept watch on; `new` prints the records\n"
         "                                    each found first seen since it was last marked seen",
         &runMonitors},
        {"export", "export --csv FILE | --json FILE   write every record", &runExport},
        {"sources", "sources                           list imported files", &runSources},
        {"formats", "formats                           list supported feed formats", &runFormats},
        {"policy",
         "policy [--drop-private on|off] [--internal SUFFIX,...]\n"
         "                                    show or change the anonymisation policy",
         &runPolicy},
        {"index",
         "index [on|off]                    the flexible-search (trigram) index for glob and\n"
         "                                    regex searches: show, build, or drop it",
         &runIndex},
        {"prune",
         "prune --before TIME [--dry-run]   delete the records last seen before TIME (a date,\n"
         "                                    ISO time, epoch or -90d), their provenance and\n"
         "                                    timelines; --dry-run only counts them",
         &runPrune},
        {"retention",
         "retention [--keep 90d|off]        show or set the window watched folders keep (w, d,\n"
         "                                    h, m or seconds); older records are deleted",
         &runRetention},
        {"graph",
         "graph SEED... [--hops N] [--window FROM..TO] [--max-neighbours N] [--max-nodes N]\n"
         "      [--graphml FILE] [--csv-nodes FILE] [--csv-edges FILE] [--layout]\n"
         "                                    relationship graph around names, IPs, CIDRs, ns:NAME",
         &runGraph},
        {"path",
         "path A B [--max-hops N] [--window FROM..TO] [--max-neighbours N]\n"
         "                                    shortest path between two entities, with its edges",
         &runPath},
        {"brands",
         "brands add NAME|DOMAIN [DOMAIN...] | remove NAME | list | import FILE\n"
         "                                    the lookalike watchlist (brands and their own "
         "domains)",
         &runBrands},
        {"alerts",
         "alerts [--rescan] [--tier T] [--status S] [--brand B] [--csv FILE]\n"
         "       alerts --mark ID new|acknowledged|false_positive|confirmed [--note TEXT]\n"
         "                                    lookalike alerts (scans new names first)",
         &runAlerts},
        {"check",
         "check [--explain] NAME... (or names on stdin)\n"
         "                                    score names against the watchlist without storing "
         "them",
         &runCheck},
        {"timeline",
         "timeline NAME|IP|CIDR [--bucket day|hour|minute|S] [--subdomains] [--lanes N]\n"
         "         [--csv FILE] [--events FILE] | timeline --set-bucket day|hour|minute|S\n"
         "                                    activity lanes and change events over time",
         &runTimeline},
    };
    return table;
}

}  // namespace tapir::cli
