/* What a command needs from its environment: the bundled config files, the
 * clock (SOURCE_DATE_EPOCH pins it for tests and reproducible runs) and the
 * operator's name; and the steps every command shares. */
#ifndef CESCORE_CLI_ENV_H
#define CESCORE_CLI_ENV_H

#include <cjson/cJSON.h>
#include <stddef.h>

#include "cescore/archive.h"
#include "cescore/config.h"
#include "cescore/file.h"
#include "cescore/ingest.h"
#include "cescore/period.h"
#include "cescore/report.h"
#include "cli_opts.h"

/* The default config directory, fixed at build or install (cli_config_dir.c). */
extern const char cli_default_config_dir[];
/* Path of a bundled config file ("shanghai-2018.json") in that directory. */
void cli_bundled_path(const char *file, char *buf, size_t n);
/* The run's time, ISO 8601 UTC: SOURCE_DATE_EPOCH when set, else now. */
void cli_now(char *buf, size_t n);
/* --by, else the login name, else "unknown". */
const char *cli_operator(const cli_opts *o);
/* The operator goes into the archive, the workbooks and the terminal: it must
 * be UTF-8 of at most CLI_OPERATOR_MAX characters without control characters
 * or characters XML 1.0 forbids. Prints a usage error otherwise. */
#define CLI_OPERATOR_MAX 100
ces_status cli_check_operator(const cli_command *c, const char *name);

/* The largest bundle file read: CESCORE_MAX_FILE_SIZE (bytes, or with a
 * suffix K, M, G: KiB, MiB, GiB), else CES_MAX_INPUT_BYTES. A value that is
 * not such a size is a usage error (printed). */
ces_status cli_max_file_bytes(size_t *max);
/* The threads that write the scorecards: CESCORE_JOBS (1 to CES_JOBS_MAX),
 * else one per available processor. A value that is not such a number is a
 * usage error (printed). */
ces_status cli_jobs(unsigned *jobs);
/* Ingest BUNDLE dir for the command's period with its config and the
 * aliases cols, reading files up to cli_max_file_bytes and showing how far
 * cases.csv has been read (cli_progress.h); problems go to d. */
ces_status cli_ingest_bundle(cli_ctx *c, const char *dir, const ces_columns *cols, ces_dataset *ds,
                             ces_diags *d);

/* Parse the PERIOD argument; prints a usage error when invalid. */
ces_status cli_period(const cli_command *c, const char *arg, ces_period *p);
/* Read a config file and parse it (every problem added to d); CES_ERR_IO
 * when unreadable. */
ces_status cli_config_read(const char *path, ces_config *cfg, ces_diags *d);
/* Load --config (or the bundled one) into c->cfg, its path into c->cfg_path;
 * prints every problem. */
ces_status cli_load_config(cli_ctx *c);
/* Load run run_id of c->period (0: the default run, docs/commands.md) and
 * parse its stored config into cfg; both are zeroed first, so that they can
 * be freed whatever the outcome. Prints the failure. fresh (NULL: none):
 * the run's results still in memory, moved into run->results (fresh is left
 * empty) instead of reading the figures back. */
ces_status cli_load_stored_run(cli_ctx *c, long run_id, ces_stored_run *run, ces_config *cfg,
                               ces_results *fresh);
ces_status cli_load_columns(const cli_opts *o, ces_columns **cols);
/* Load --calendar DIR, else the bundled config/calendar: every *.json file
 * in it (docs/method.md §6.6); prints every problem. A bundled directory
 * that does not exist is a calendar without years. */
ces_status cli_load_calendar(const cli_opts *o, ces_calendar *cal);
/* Parse the calendar a run recorded. */
ces_status cli_parse_stored_calendar(const char *text, size_t len, long run_id, ces_calendar *cal);
/* Open the archive at --db and, for a command that writes, begin its one
 * transaction (the dispatcher does this before the command runs, unless the
 * command is CLI_ARCHIVE_LATE). */
ces_status cli_open_archive(cli_ctx *c);
/* Commit the command's transaction now (printing a failure); the dispatcher
 * commits at the end of a successful command that did not. */
ces_status cli_commit(cli_ctx *c);
/* Roll the command's transaction back, when one is open. */
void cli_rollback(cli_ctx *c);
/* Say which run a command works with: its number, status, time (Beijing
 * time) and operator, and whether the period is finalized (with which run). */
void cli_say_run(cli_ctx *c, const ces_stored_run *run);
/* Say where the run's figures come from: the config's path (or stored name)
 * and the first 12 hex digits of its sha256, and the prior period's source. */
void cli_say_provenance(const cli_ctx *c, const ces_stored_run *run);
/* A stage call failed with st: print what it reported into c->d (or the
 * status's name when it reported nothing) and return st. */
ces_status cli_stage_fail(cli_ctx *c, ces_status st);

/* Write root (then deleted) as JSON to --json's destination: "-" is standard
 * output, else an output file of the command (c->out). Prints failures. */
ces_status cli_emit_json(cli_ctx *c, cJSON *root);
/* Where a command prints its results: standard output once its outputs are
 * in place (c->later), so that a failed command prints no ranking of a run
 * that was not stored. */
FILE *cli_stdout(cli_ctx *c);
/* The ranking and other text go to stdout unless --quiet or JSON goes there. */
int cli_text_wanted(const cli_opts *o);

/* Outputs of a stored run: --json, --out, --per-company, each written to a
 * temporary of c->out (put in place after the command's commit). Prints
 * failures. */
ces_status cli_write_outputs(cli_ctx *c, const ces_report_ctx *ctx);
/* The end of a command that ran with status st: its outputs flushed, its
 * transaction committed (or rolled back), its outputs put in place and its
 * results printed, or every temporary removed. Returns the final status. */
ces_status cli_finish(cli_ctx *c, ces_status st);
/* Fill a report context from a stored run. */
void cli_report_ctx(const ces_stored_run *run, const ces_config *cfg, const ces_dataset *ds, int english,
                    ces_report_ctx *ctx);

#endif
