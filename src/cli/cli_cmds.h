/* Every command of the dispatch table (cli_main.c), one cmd_<name> each:
 * cli_cmd_bundle.c reads a bundle (validate, import, run), cli_cmd_archive.c
 * works from the archive (score, report, show, history), cli_cmd_audit.c is
 * the audit trail (rerun, review, finalize, export, verify), cli_cmd_insurer.c
 * what insurers get and run (benchmarks, selfcheck), cli_cmd_whatif.c the
 * analyst's what-if (whatif). */
#ifndef CESCORE_CLI_CMDS_H
#define CESCORE_CLI_CMDS_H

#include "cli_opts.h"

ces_status cmd_validate(cli_ctx *c);
ces_status cmd_import(cli_ctx *c);
ces_status cmd_run(cli_ctx *c);
ces_status cmd_score(cli_ctx *c);
ces_status cmd_report(cli_ctx *c);
ces_status cmd_show(cli_ctx *c);
ces_status cmd_history(cli_ctx *c);
ces_status cmd_rerun(cli_ctx *c);
ces_status cmd_review(cli_ctx *c);
ces_status cmd_finalize(cli_ctx *c);
ces_status cmd_export(cli_ctx *c);
ces_status cmd_verify(cli_ctx *c);
ces_status cmd_benchmarks(cli_ctx *c);
ces_status cmd_selfcheck(cli_ctx *c);
ces_status cmd_whatif(cli_ctx *c);

#endif
