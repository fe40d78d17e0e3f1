/* Every command of the dispatch table (cli_main.c), one cmd_<name> each:
 * cli_cmd_bundle.c reads a bundle (validate, import, run), cli_cmd_archive.c
 * works from the archive (score, report, show, history), cli_cmd_audit.c is
 * the audit trail (rerun, review, finalize, export, verify), cli_cmd_insurer.c
 * what insurers get and run (benchmarks, selfcheck), cli_cmd_whatif.c the
 * analyst's what-if (whatif). */
#ifndef CESCORE_CLI_CMDS_H
#define CESCORE_CLI_CMDS_H

#include "cli_opts.h"

/* The commands of the dispatch table, each declared as
 * ces_status cmd_<name>(cli_ctx *c). */
/* clang-format off */
#define CLI_COMMANDS(X) \
    X(validate) \
    X(import) \
    X(run) \
    X(score) \
    X(report) \
    X(show) \
    X(history) \
    X(rerun) \
    X(review) \
    X(finalize) \
    X(export) \
    X(verify) \
    X(benchmarks) \
    X(selfcheck) \
    X(whatif)
/* clang-format on */

#define CLI_DECLARE_COMMAND(name) ces_status cmd_##name(cli_ctx *c);
CLI_COMMANDS(CLI_DECLARE_COMMAND)

#endif
