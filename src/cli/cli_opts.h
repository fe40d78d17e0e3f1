/* Command-line options shared by every sub-command. */
#ifndef CESCORE_CLI_OPTS_H
#define CESCORE_CLI_OPTS_H

#include <stdio.h>

#include "cescore/archive.h"
#include "cescore/config.h"
#include "cescore/diag.h"
#include "cescore/outputs.h"
#include "cescore/period.h"
#include "cescore/status.h"

/* Option bits: which options a command accepts. */
enum {
    CLI_OPT_DB = 1 << 0,
    CLI_OPT_CONFIG = 1 << 1,
    CLI_OPT_JSON = 1 << 2,
    CLI_OPT_QUIET = 1 << 3,
    CLI_OPT_LANG = 1 << 4,
    CLI_OPT_BY = 1 << 5,
    CLI_OPT_OUT = 1 << 6,
    CLI_OPT_PER_COMPANY = 1 << 7,
    CLI_OPT_REPLACE = 1 << 8,
    CLI_OPT_RUN = 1 << 9,
    CLI_OPT_COMPANY = 1 << 10,
    CLI_OPT_COLUMNS = 1 << 11,
    CLI_OPT_PUBLISH = 1 << 12,
    CLI_OPT_SET = 1 << 13,
    CLI_OPT_TARGET = 1 << 14,
    CLI_OPT_BENCHMARKS = 1 << 15,
    CLI_OPT_CALENDAR = 1 << 16,
    CLI_OPT_FORCE = 1 << 17,
    CLI_OPT_WITNESS = 1 << 18,
    CLI_OPT_HEAD = 1 << 19,
    CLI_OPT_ACCEPT = 1 << 20
};

#define CLI_MAX_SETS 32 /* --set may be given this many times */
/* Accepted by every command that works with an archive (before the command too). */
#define CLI_OPT_COMMON (CLI_OPT_DB | CLI_OPT_QUIET | CLI_OPT_LANG)

typedef struct {
    const char *db;                 /* --db, default ./cescore.db */
    const char *config;             /* --config, default the bundled config/shanghai-2018.json */
    const char *columns;            /* --columns, default the bundled config/columns.json */
    const char *calendar;           /* --calendar DIR, default the bundled config/calendar */
    const char *json;               /* --json FILE ("-" = stdout) */
    const char *out;                /* --out FILE.xlsx */
    const char *per_company;        /* --per-company DIR */
    const char *publish;            /* --publish FILE.xlsx */
    const char *by;                 /* --by NAME, default the login name */
    const char *company;            /* --company CODE */
    const char *benchmarks;         /* --benchmarks FILE.json */
    const char *sets[CLI_MAX_SETS]; /* --set FILE.COLUMN=VALUE, in order */
    int n_sets;
    int has_target; /* --target SCORE */
    double target;
    long run;            /* --run N, 0 = latest */
    const char *witness; /* --witness FILE, default the archive's path + ".chain" */
    const char *head;    /* --head HASH (verify) */
    int quiet, replace, help, force;
    int accept_warnings; /* --accept-warnings (with --by): go on despite plausibility findings */
    int english;         /* --lang en: the workbooks' language (default zh) */
    int chinese;         /* the messages' language is Chinese: --lang zh, else LANG... (cli_i18n.h) */
    const char *args[4]; /* positional arguments */
    int n_args;
} cli_opts;

/* What a command needs set up before it runs (git's RUN_SETUP, in
 * cli_main.c); the dispatcher does it once for every command. */
enum {
    CLI_PERIOD = 1 << 0,          /* args[0] is a PERIOD: ctx->period, ctx->p */
    CLI_PERIOD_OPTIONAL = 1 << 1, /* ... when given */
    CLI_CONFIG = 1 << 2,          /* ctx->cfg: --config, else the bundled config */
    CLI_ARCHIVE = 1 << 3,         /* ctx->a: the archive at --db */
    CLI_WRITES = 1 << 4,          /* one write transaction around the command: committed
                                  when it succeeds, rolled back otherwise */
    CLI_NEEDS_RUN = 1 << 5,       /* --run N is required */
    CLI_ARCHIVE_LATE = 1 << 6,    /* the command opens the archive itself (cli_open_archive)
                                     after reading its bundle, creating it when absent (run,
                                     import): bad input creates nothing; every other command
                                     needs an existing archive */
    CLI_FINDINGS = 1 << 7,        /* its outputs report what it found: written also when it
                                  exits 3 (validate) or 5 (rerun, verify) */
    CLI_CHECKS = 1 << 8           /* the archive is checked when opened (quick_check, witness):
                                  a command that writes refuses one that fails (exit 5);
                                  report and show say so */
};

struct cli_command;

/* Everything a command works with, set up by the dispatcher per its flags. */
typedef struct {
    const struct cli_command *cmd;
    const cli_opts *o;
    ces_period p;        /* CLI_PERIOD */
    char period[8];      /* its id, "2024H1" ("" without a period) */
    ces_config cfg;      /* CLI_CONFIG */
    char cfg_path[4096]; /* the file it was read from */
    ces_calendar cal;    /* CLI_CONFIG: --calendar, else the bundled one (cfg.calendar) */
    ces_archive *a;      /* CLI_ARCHIVE */
    int in_tx;           /* CLI_WRITES: the transaction is open */
    ces_diags d;         /* what the stages report; printed by cli_flush */
    ces_outputs *out;    /* the command's output files, put in place after its commit */
    FILE *later;         /* its results for standard output, printed once they are in place */
    char *later_text;
    size_t later_len;
    unsigned jobs; /* --per-company: the scorecards' threads (cli_jobs) */
} cli_ctx;

typedef struct cli_command {
    const char *name;
    ces_status (*fn)(cli_ctx *c);
    unsigned setup;   /* CLI_PERIOD, CLI_ARCHIVE, ... */
    unsigned options; /* CLI_OPT_* accepted */
    int min_args, max_args;
    const char *synopsis; /* "run PERIOD BUNDLE [--out X.xlsx] ..." */
    const char *summary;
} cli_command;

/* Parse argv (after the command name) into o for command c. On a usage
 * error prints "cescore: ..." and returns CES_ERR_USAGE. */
ces_status cli_parse(const cli_command *c, int argc, char **argv, cli_opts *o);
void cli_print_help(const cli_command *c, FILE *fp);
/* The options every command takes (--db, --quiet, --lang, --help), for cescore --help. */
void cli_print_common_options(FILE *fp);
/* 1 when arg is one of the options that may stand before the command
 * (--db, --quiet, --lang, also as --opt=value); *takes_value when the next
 * argument is its value. */
int cli_global_option(const char *arg, int *takes_value);
/* Print "usage: cescore SYNOPSIS" after a usage error; returns CES_ERR_USAGE. */
ces_status cli_usage_line(const cli_command *c);

#endif
