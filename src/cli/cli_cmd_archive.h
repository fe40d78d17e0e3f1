/* The commands that read the archive: score, report, show, history. */
#ifndef CESCORE_CLI_CMD_ARCHIVE_H
#define CESCORE_CLI_CMD_ARCHIVE_H

#include "cli_opts.h"

ces_status cmd_score(cli_ctx *c);
ces_status cmd_report(cli_ctx *c);
ces_status cmd_show(cli_ctx *c);
ces_status cmd_history(cli_ctx *c);

#endif
