/* The commands that read a bundle: validate, import, run. */
#ifndef CESCORE_CLI_CMD_BUNDLE_H
#define CESCORE_CLI_CMD_BUNDLE_H

#include "cli_opts.h"

ces_status cmd_run(cli_ctx *c);
ces_status cmd_validate(cli_ctx *c);
ces_status cmd_import(cli_ctx *c);

#endif
