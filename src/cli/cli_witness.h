/* The witness file beside the archive (docs/audit.md): every write command
 * appends the chain's new head to it, one line "N HASH", so that entries
 * removed from the end of the chain (the chain is then shorter, but
 * consistent) are noticed by verify and by the next command that writes. */
#ifndef CESCORE_CLI_WITNESS_H
#define CESCORE_CLI_WITNESS_H

#include <stddef.h>

#include "cli_opts.h"

/* --witness, else the archive's path + ".chain" (into buf). */
void cli_witness_path(const cli_ctx *c, char *buf, size_t n);

/* Check the archive before a command relies on it: SQLite's quick_check,
 * and every head the witness file records must be an entry of the chain
 * with that hash. CES_OK when both hold; CES_ERR_DIFFERENT with the reason
 * in why (n bytes) when not; another status when the archive or the file
 * cannot be read (printed). */
ces_status cli_archive_check(cli_ctx *c, char *why, size_t n);

/* After a commit: append the chain's head to the witness file when it
 * advanced (a failure is a warning: the archive is committed). */
void cli_witness_append(cli_ctx *c);

/* The chain's head: its last position (0 when empty) and hash. */
ces_status cli_chain_head(cli_ctx *c, long *pos, char hash[65]);

/* For verify: compare the whole chain with the witness file and with head
 * (--head, may be NULL). CES_OK with *failed = NULL when all agree, else
 * *failed names what did not ("witness" or "head") and why holds the
 * reason. *witnessed: the last position the file records (0 without one). */
ces_status cli_witness_verify(cli_ctx *c, const char *head, const char **failed, long *witnessed,
                              char *why, size_t n);

#endif
