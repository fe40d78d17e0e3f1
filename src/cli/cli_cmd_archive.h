/* The commands that read the archive: score, report, show, history. */
#ifndef CESCORE_CLI_CMD_ARCHIVE_H
#define CESCORE_CLI_CMD_ARCHIVE_H

#include "cli_opts.h"

int cmd_score(const cli_opts *o);
int cmd_report(const cli_opts *o);
int cmd_show(const cli_opts *o);
int cmd_history(const cli_opts *o);

#endif
