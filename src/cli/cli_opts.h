/* Command-line options shared by every sub-command. */
#ifndef CESCORE_CLI_OPTS_H
#define CESCORE_CLI_OPTS_H

#include <stdio.h>

#include "cescore/status.h"

/* Option bits: which options a command accepts. */
enum {
    CLI_OPT_DB = 1 << 0, CLI_OPT_CONFIG = 1 << 1, CLI_OPT_JSON = 1 << 2, CLI_OPT_QUIET = 1 << 3,
    CLI_OPT_LANG = 1 << 4, CLI_OPT_BY = 1 << 5, CLI_OPT_OUT = 1 << 6, CLI_OPT_PER_COMPANY = 1 << 7,
    CLI_OPT_REPLACE = 1 << 8, CLI_OPT_RUN = 1 << 9, CLI_OPT_COMPANY = 1 << 10,
    CLI_OPT_COLUMNS = 1 << 11, CLI_OPT_IMPORT = 1 << 12
};
/* Accepted by every command of the engine core (issue: --db, --config, --json, --quiet, --help). */
#define CLI_OPT_COMMON (CLI_OPT_DB | CLI_OPT_CONFIG | CLI_OPT_JSON | CLI_OPT_QUIET)

typedef struct {
    const char *db;           /* --db, default ./cescore.db */
    const char *config;       /* --config, default the bundled config/shanghai-2018.json */
    const char *columns;      /* --columns, default the bundled config/columns.json */
    const char *json;         /* --json FILE ("-" = stdout) */
    const char *out;          /* --out FILE.xlsx */
    const char *per_company;  /* --per-company DIR */
    const char *by;           /* --by NAME, default the login name */
    const char *company;      /* --company CODE */
    long run;                 /* --run N, 0 = latest */
    long import_id;           /* --import N, 0 = latest */
    int quiet, replace, english, help;
    const char *args[4];      /* positional arguments */
    int n_args;
} cli_opts;

typedef struct {
    const char *name;
    int (*fn)(const cli_opts *o);
    unsigned options;         /* CLI_OPT_* accepted */
    int min_args, max_args;
    const char *synopsis;     /* "run PERIOD BUNDLE [--out X.xlsx] ..." */
    const char *summary;
    /* Commands that report a stored run use the config stored with it: this
     * says so when --config is given to them; NULL where --config is used. */
    const char *config_note;
} cli_command;

/* Parse argv (after the command name) into o for command c. On a usage
 * error prints "cescore: ..." and returns CES_ERR_USAGE. */
ces_status cli_parse(const cli_command *c, int argc, char **argv, cli_opts *o);
void cli_print_help(const cli_command *c, FILE *fp);

/* The command being run (for messages); set by main() in cli_main.c. */
extern const cli_command *cli_current;

#endif
