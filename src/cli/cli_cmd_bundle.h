/* The commands that read a bundle: validate, import, run. */
#ifndef CESCORE_CLI_CMD_BUNDLE_H
#define CESCORE_CLI_CMD_BUNDLE_H

#include "cli_opts.h"

int cmd_run(const cli_opts *o);
int cmd_validate(const cli_opts *o);
int cmd_import(const cli_opts *o);

#endif
