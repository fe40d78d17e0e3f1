/* cescore: the command line. A dispatch table of thin commands: options in,
 * stages called, exit code out (docs/commands.md). The process never changes its
 * locale from "C", so no locale can alter how a number is read or printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/i18n.h"
#include "cescore/version.h"
#include "cli_cmds.h"
#include "cli_env.h"
#include "cli_i18n.h"
#include "cli_msg.h"
#include "cli_opts.h"

/* clang-format off: a table aligned by hand */
#define BUNDLE_OPTS (CLI_OPT_COMMON | CLI_OPT_CONFIG | CLI_OPT_COLUMNS | CLI_OPT_JSON)
#define OUTPUT_OPTS (CLI_OPT_JSON | CLI_OPT_OUT | CLI_OPT_PUBLISH | CLI_OPT_PER_COMPANY)

static const cli_command COMMANDS[] = {
    {"run", cmd_run, CLI_PERIOD | CLI_CONFIG | CLI_ARCHIVE_LATE | CLI_WRITES | CLI_CHECKS,
     BUNDLE_OPTS | CLI_OPT_CALENDAR | CLI_OPT_BY | OUTPUT_OPTS | CLI_OPT_REPLACE | CLI_OPT_WITNESS |
         CLI_OPT_ACCEPT,
     2, 2,
     "run PERIOD BUNDLE [--out X.xlsx] [--publish P.xlsx] [--json R.json] [--per-company DIR] [--replace]"
     " [--accept-warnings --by NAME]",
     N_("The main job: validate and archive the bundle, score it, store the run and write the outputs.\n"
        "PERIOD is YYYYH1 (January-June) or YYYYFY (the whole year). BUNDLE is a directory of CSV files (docs/inputs.md). Creates the archive when absent.\n"
        "A plausibility finding (complaint or statistics files identical to another period's, a\n"
        "premium 1,000 times its prior one: docs/inputs.md) stops it with exit 3, nothing written,\n"
        "until --accept-warnings --by NAME, which the archive records with the import.")},
    {"validate", cmd_validate, CLI_PERIOD | CLI_CONFIG | CLI_FINDINGS, BUNDLE_OPTS | CLI_OPT_CALENDAR, 2,
     2, "validate PERIOD BUNDLE",
     N_("Check a bundle and print every problem (up to 100 of each kind; --json lists them all);\n"
        "write nothing.")},
    {"import", cmd_import, CLI_PERIOD | CLI_CONFIG | CLI_ARCHIVE_LATE | CLI_WRITES | CLI_CHECKS,
     BUNDLE_OPTS | CLI_OPT_CALENDAR | CLI_OPT_BY | CLI_OPT_REPLACE | CLI_OPT_WITNESS | CLI_OPT_ACCEPT, 2,
     2, "import PERIOD BUNDLE [--replace] [--accept-warnings --by NAME]",
     N_("Validate and archive a bundle. Identical inputs reuse the archived import; different inputs\n"
        "for an archived period need --replace (a new version; the old one stays readable).\n"
        "Creates the archive when absent.\n"
        "A plausibility finding (complaint or statistics files identical to another period's, a\n"
        "premium 1,000 times its prior one: docs/inputs.md) stops it with exit 3, nothing written,\n"
        "until --accept-warnings --by NAME, which the archive records with the import.")},
    {"score", cmd_score, CLI_PERIOD | CLI_CONFIG | CLI_ARCHIVE | CLI_WRITES | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_CONFIG | CLI_OPT_CALENDAR | CLI_OPT_BY | OUTPUT_OPTS | CLI_OPT_WITNESS, 1,
     1, "score PERIOD",
     N_("Compute a new run from the period's latest archived inputs with the config in force.\n"
        "A new run is a draft, also after the period was finalized.")},
    {"report", cmd_report, CLI_PERIOD | CLI_ARCHIVE | CLI_CHECKS,
     CLI_OPT_COMMON | OUTPUT_OPTS | CLI_OPT_RUN | CLI_OPT_WITNESS, 1, 1,
     "report PERIOD [--run N] [--out X.xlsx] [--publish P.xlsx] [--json R.json] [--per-company DIR]",
     N_("Write the outputs of a stored run, with the config it was computed with.\n"
        "Without --run: the period's finalized run, else its latest (the command says which).")},
    {"show", cmd_show, CLI_PERIOD | CLI_ARCHIVE | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_JSON | CLI_OPT_RUN | CLI_OPT_COMPANY | CLI_OPT_WITNESS, 1, 1,
     "show PERIOD [--company CODE] [--run N]",
     N_("Print the ranking, or one company's scorecard with its arithmetic written out.\n"
        "Without --run: the period's finalized run, else its latest (the command says which).")},
    {"history", cmd_history, CLI_PERIOD_OPTIONAL | CLI_ARCHIVE, CLI_OPT_COMMON | CLI_OPT_JSON, 0, 1,
     "history [PERIOD]",
     N_("List the archive's imports (version, files, sha256, who, when), runs (config, engine, who, when,\n"
        "status), reviews and finalizations.")},
    {"rerun", cmd_rerun, CLI_PERIOD | CLI_ARCHIVE | CLI_FINDINGS,
     CLI_OPT_COMMON | CLI_OPT_JSON | CLI_OPT_RUN, 1, 1, "rerun PERIOD [--run N]",
     N_("Recompute a stored run from its archived inputs, config and prior figures. Exit 0 when every\n"
        "figure and rank is identical; else name each difference (company, indicator, field, stored value,\n"
        "recomputed value) and exit 5.\n"
        "Without --run: the period's finalized run, else its latest (the command says which).")},
    {"review", cmd_review, CLI_PERIOD | CLI_NEEDS_RUN | CLI_ARCHIVE | CLI_WRITES | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_BY | CLI_OPT_RUN | CLI_OPT_WITNESS, 1, 1,
     "review PERIOD --run N --by NAME",
     N_("The second person's check (复核): recompute run N and record an approval when every figure\n"
        "matches. --run is required. Exit 5 (nothing recorded) on a difference; exit 4 when NAME is the\n"
        "run's operator.")},
    {"finalize", cmd_finalize, CLI_PERIOD | CLI_NEEDS_RUN | CLI_ARCHIVE | CLI_WRITES | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_BY | CLI_OPT_RUN | CLI_OPT_WITNESS, 1, 1,
     "finalize PERIOD --run N --by NAME",
     N_("Mark run N as the published run of PERIOD. --run is required. Needs an approved review by someone\n"
        "other than the run's operator (else exit 4); afterwards the period's inputs are frozen\n"
        "(import --replace exits 4). Prints the chain's head hash, for verify --head.")},
    {"export", cmd_export, CLI_PERIOD | CLI_ARCHIVE, CLI_OPT_COMMON | CLI_OPT_RUN | CLI_OPT_FORCE, 2, 2,
     "export PERIOD DIR [--run N] [--force]",
     N_("Write the input files of a stored run into DIR, byte-identical to what was imported, so that the\n"
        "period can be re-run elsewhere. DIR must be new or empty; --force replaces exactly the files of\n"
        "a previous export there.\n"
        "Without --run: the period's finalized run, else its latest (the command says which).")},
    {"verify", cmd_verify, CLI_ARCHIVE | CLI_FINDINGS,
     CLI_OPT_COMMON | CLI_OPT_JSON | CLI_OPT_WITNESS | CLI_OPT_HEAD, 0, 0, "verify [--head HASH]",
     N_("Check SQLite's integrity and the archive's hash chain: every import, run, review and finalization\n"
        "recomputed from its stored content, every head the witness file recorded still in the chain, and\n"
        "the head HASH an auditor recorded (--head) too. Exit 0 when all match; else name the first\n"
        "entry that does not and exit 5.")},
    {"benchmarks", cmd_benchmarks, CLI_PERIOD | CLI_ARCHIVE | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_RUN | CLI_OPT_OUT | CLI_OPT_WITNESS, 1, 1,
     "benchmarks PERIOD [--run N] --out FILE.json",
     N_("Write what the bureau publishes of a stored run for insurers' self-checks: its config, each\n"
        "group's benchmarks, the industry mediation rate and the ranking (code, name, total, rank);\n"
        "nothing of any company's inputs.\n"
        "Without --run: the period's finalized run, else its latest (the command says which).")},
    {"selfcheck", cmd_selfcheck, CLI_PERIOD,
     CLI_OPT_COMMON | CLI_OPT_COLUMNS | CLI_OPT_CALENDAR | CLI_OPT_BENCHMARKS | CLI_OPT_COMPANY |
         CLI_OPT_JSON | CLI_OPT_OUT,
     2, 2,
     "selfcheck PERIOD BUNDLE --benchmarks FILE.json [--company CODE] [--json R.json] [--out X.xlsx]",
     N_("An insurer's own score: BUNDLE holds its own rows (itself and the entities rolled up into it)\n"
        "and its prior.csv; every indicator is computed against the published figures of FILE.json\n"
        "(cescore benchmarks) and the rank is where the total falls among the published totals.\n"
        "Reads no archive and writes none.")},
    {"whatif", cmd_whatif, CLI_PERIOD | CLI_ARCHIVE | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_COLUMNS | CLI_OPT_RUN | CLI_OPT_COMPANY | CLI_OPT_SET | CLI_OPT_TARGET |
         CLI_OPT_JSON | CLI_OPT_WITNESS,
     1, 1,
     "whatif PERIOD --company CODE --set FILE.COLUMN=VALUE ... [--target SCORE] [--run N] [--json R.json]",
     N_("Re-score the whole period of a stored run with the company's input rows changed (every other\n"
        "row as archived), checked like a bundle; print the company's old and new figures, score and rank\n"
        "and every company whose rank changes. --target: for each quantitative input the smallest change\n"
        "alone that reaches SCORE. Writes nothing to the archive.\n"
        "Without --run: the period's finalized run, else its latest (the command says which).")},
};
/* clang-format on */
#define N_COMMANDS (sizeof COMMANDS / sizeof *COMMANDS)

/* The exit codes, as the README lists them (tests/e2e/cli.sh compares the two). */
static const char EXIT_CODES[] = N_(
    "exit codes:\n"
    "  0    success\n"
    "  1    I/O or internal failure (the message says what); a missing archive\n"
    "  2    usage error\n"
    "  3    the bundle or config is invalid (every problem is printed)\n"
    "  4    archive conflict: period already imported, period finalized, database locked,\n"
    "       reviewer = the run's operator\n"
    "  5    a difference found (rerun, review, verify)\n");

static void usage(FILE *fp)
{
    fprintf(fp, "%s",
            _("usage: cescore [--db FILE] [--quiet] [--lang zh|en] COMMAND [OPTIONS] [ARGS]\n\n"
              "Shanghai insurers' consumer-complaint handling evaluation "
              "(上海保险公司消费投诉处理工作考评).\n\ncommands:\n"));
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(fp, "  %s\n", COMMANDS[i].synopsis);
    fprintf(fp, _("\ncommon options (before or after the command):\n"));
    cli_print_common_options(fp);
    fprintf(fp, "%s%s",
            _("\n'cescore help COMMAND' (or 'cescore COMMAND --help') describes a command;\n"
              "'cescore --version' prints the engine version.\n\n"),
            _(EXIT_CODES));
}

static const cli_command *find_command(const char *name)
{
    for (size_t i = 0; i < N_COMMANDS; i++)
        if (!strcmp(name, COMMANDS[i].name))
            return &COMMANDS[i];
    return NULL;
}

/* Set up what the command's flags ask for, in this order: the period,
 * --run, the operator, the config, the archive (and its transaction). */
static ces_status setup(cli_ctx *c)
{
    const cli_command *cmd = c->cmd;
    const cli_opts *o = c->o;
    ces_status st = CES_OK;
    if ((cmd->setup & CLI_PERIOD) || ((cmd->setup & CLI_PERIOD_OPTIONAL) && o->n_args > 0)) {
        st = cli_period(cmd, o->args[0], &c->p);
        if (st == CES_OK)
            ces_period_format(c->p, c->period);
    }
    if (st == CES_OK && (cmd->setup & CLI_NEEDS_RUN) && !o->run) {
        cli_error(CES_ERR_USAGE, "%s: --run N is required (cescore history lists the runs)", cmd->name);
        st = cli_usage_line(cmd);
    }
    if (st == CES_OK)
        st = cli_jobs(&c->jobs);
    if (st == CES_OK && (cmd->options & CLI_OPT_BY))
        st = cli_check_operator(cmd, cli_operator(o));
    if (st == CES_OK && (cmd->setup & CLI_CONFIG))
        st = cli_load_config(c);
    if (st == CES_OK && (cmd->setup & CLI_CONFIG))
        st = cli_load_calendar(o, &c->cal);
    c->cfg.calendar = &c->cal;
    if (st == CES_OK && (cmd->setup & CLI_ARCHIVE))
        st = cli_open_archive(c);
    return st;
}

/* Run one command: set up, run, end its transaction (commit when it
 * succeeded, else roll back) and put its outputs in place only after the
 * commit (cli_finish), print what is left to say, clean up: a temporary
 * not put in place is removed. */
static int run_command(const cli_command *cmd, const cli_opts *o)
{
    cli_ctx c;
    memset(&c, 0, sizeof c);
    c.cmd = cmd;
    c.o = o;
    ces_diags_init(&c.d);
    c.out = ces_outputs_new();
    c.later = open_memstream(&c.later_text, &c.later_len);
    if (!c.out || !c.later) {
        ces_outputs_free(c.out);
        if (c.later)
            fclose(c.later);
        free(c.later_text);
        return ces_status_exit_code(cli_error(CES_ERR_NOMEM, "out of memory"));
    }
    ces_status st = setup(&c);
    if (st == CES_OK)
        st = cmd->fn(&c);
    st = cli_finish(&c, st);
    cli_flush(&c);
    ces_outputs_free(c.out);
    fclose(c.later);
    free(c.later_text);
    ces_archive_close(c.a);
    ces_config_free(&c.cfg);
    ces_calendar_free(&c.cal);
    ces_diags_free(&c.d);
    return ces_status_exit_code(st);
}

/* cescore [GLOBAL OPTIONS] COMMAND [ARGS]: the global options (--db, --quiet,
 * --lang) that stand before the command are moved behind it, where the
 * command's own parser takes them or refuses them like any other option. */
static int command_argv(int argc, char **argv, char **out)
{
    int first = 1, n = 0;
    while (first < argc) {
        int takes_value = 0;
        if (!cli_global_option(argv[first], &takes_value))
            break;
        first += takes_value ? 2 : 1;
    }
    if (first >= argc)
        return 0;
    out[n++] = argv[first];
    for (int i = 1; i < first && i < argc; i++)
        out[n++] = argv[i];
    for (int i = first + 1; i < argc; i++)
        out[n++] = argv[i];
    out[n] = NULL;
    return n;
}

int main(int argc, char **argv)
{
    cli_i18n_init(argc, argv);
    ces_outputs_catch_signals();
    char **args = calloc((size_t)argc + 1, sizeof *args);
    if (!args)
        return ces_status_exit_code(cli_error(CES_ERR_NOMEM, "out of memory"));
    int n = command_argv(argc, argv, args);
    int rc = 2;
    const char *word = n ? args[0] : (argc > 1 ? argv[1] : NULL);
    const cli_command *cmd = n ? find_command(args[0]) : NULL;
    if (!word) {
        usage(stderr);
    } else if (!strcmp(word, "--version") || !strcmp(word, "version")) {
        printf("cescore %s\n", CES_ENGINE_VERSION); /* not translated: the version */
        rc = 0;
    } else if (!strcmp(word, "--help") || !strcmp(word, "-h") || (!strcmp(word, "help") && n < 2)) {
        usage(stdout);
        rc = 0;
    } else if (!strcmp(word, "help")) {
        const cli_command *about = find_command(args[1]);
        if (about) {
            cli_print_help(about, stdout);
            rc = 0;
        } else {
            cli_error(CES_ERR_USAGE, "help: unknown command \"%s\"", args[1]);
            usage(stderr);
        }
    } else if (!cmd) {
        cli_error(CES_ERR_USAGE, "unknown command \"%s\"", word);
        usage(stderr);
    } else {
        cli_opts o;
        ces_status st = cli_parse(cmd, n, args, &o);
        if (st != CES_OK)
            rc = ces_status_exit_code(st);
        else if (o.help) {
            cli_print_help(cmd, stdout);
            rc = 0;
        } else
            rc = run_command(cmd, &o);
    }
    free(args);
    return rc;
}
