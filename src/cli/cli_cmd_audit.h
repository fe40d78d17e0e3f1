/* The audit commands: rerun, review, finalize, export, verify. */
#ifndef CESCORE_CLI_CMD_AUDIT_H
#define CESCORE_CLI_CMD_AUDIT_H

#include "cli_opts.h"

int cmd_review(const cli_opts *o);
int cmd_finalize(const cli_opts *o);
int cmd_rerun(const cli_opts *o);
int cmd_export(const cli_opts *o);
int cmd_verify(const cli_opts *o);

#endif
