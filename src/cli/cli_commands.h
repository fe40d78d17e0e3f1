/* One cmd_<name> per command; the dispatch table is in cli_main.c. */
#ifndef CESCORE_CLI_COMMANDS_H
#define CESCORE_CLI_COMMANDS_H

#include "cli/cli_opts.h"

int cmd_run(const cli_opts *o);
int cmd_validate(const cli_opts *o);
int cmd_import(const cli_opts *o);
int cmd_score(const cli_opts *o);
int cmd_report(const cli_opts *o);
int cmd_show(const cli_opts *o);
int cmd_history(const cli_opts *o);
int cmd_review(const cli_opts *o);
int cmd_finalize(const cli_opts *o);
int cmd_rerun(const cli_opts *o);
int cmd_export(const cli_opts *o);
int cmd_verify(const cli_opts *o);

/* The command being run (for messages). */
extern const cli_command *cli_current;

#endif
