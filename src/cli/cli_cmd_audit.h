/* The audit commands: rerun, review, finalize, export, verify. */
#ifndef CESCORE_CLI_CMD_AUDIT_H
#define CESCORE_CLI_CMD_AUDIT_H

#include "cli_opts.h"

ces_status cmd_review(cli_ctx *c);
ces_status cmd_finalize(cli_ctx *c);
ces_status cmd_rerun(cli_ctx *c);
ces_status cmd_export(cli_ctx *c);
ces_status cmd_verify(cli_ctx *c);

#endif
