/* cescore: the command line. A dispatch table of thin commands: options in,
 * stages called, exit code out (docs/commands.md). The process never changes its
 * locale from "C", so no locale can alter how a number is read or printed. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/version.h"
#include "cli_cmds.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"

#define STORED_CONFIG "not used: a stored run is always shown with the config it was computed with"
#define PERIOD_HELP "PERIOD is YYYYH1 (January-June) or YYYYFY (the whole year)."

/* clang-format off: a table aligned by hand */
static const cli_command COMMANDS[] = {
    {"run", cmd_run, CLI_PERIOD | CLI_CONFIG | CLI_ARCHIVE_LATE | CLI_WRITES | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_COLUMNS | CLI_OPT_BY | CLI_OPT_LANG | CLI_OPT_OUT | CLI_OPT_PER_COMPANY |
         CLI_OPT_REPLACE | CLI_OPT_WITNESS,
     2, 2, "run PERIOD BUNDLE [--out X.xlsx] [--json R.json] [--per-company DIR] [--replace]",
     "The main job: validate and archive the bundle, score it, store the run and write the outputs.\n" PERIOD_HELP
     " BUNDLE is a directory of CSV files (docs/inputs.md).",
     NULL},
    {"validate", cmd_validate, CLI_PERIOD | CLI_CONFIG | CLI_FINDINGS, CLI_OPT_COMMON | CLI_OPT_COLUMNS,
     2, 2, "validate PERIOD BUNDLE",
     "Check a bundle and print every problem (up to 100); write nothing.", NULL},
    {"import", cmd_import, CLI_PERIOD | CLI_CONFIG | CLI_ARCHIVE_LATE | CLI_WRITES | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_COLUMNS | CLI_OPT_BY | CLI_OPT_REPLACE | CLI_OPT_WITNESS, 2, 2,
     "import PERIOD BUNDLE [--replace]",
     "Validate and archive a bundle. Identical inputs reuse the archived import; different inputs\n"
     "for an archived period need --replace (a new version; the old one stays readable).",
     NULL},
    {"score", cmd_score, CLI_PERIOD | CLI_CONFIG | CLI_ARCHIVE | CLI_WRITES | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_BY | CLI_OPT_LANG | CLI_OPT_OUT | CLI_OPT_PER_COMPANY | CLI_OPT_WITNESS, 1,
     1, "score PERIOD",
     "Compute a new run from the period's latest archived inputs with the config in force.", NULL},
    {"report", cmd_report, CLI_PERIOD | CLI_ARCHIVE | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_LANG | CLI_OPT_OUT | CLI_OPT_PER_COMPANY | CLI_OPT_RUN | CLI_OPT_WITNESS,
     1, 1, "report PERIOD [--run N] [--out X.xlsx] [--json R.json] [--per-company DIR]",
     "Write the outputs of a stored run (default: the latest).", STORED_CONFIG},
    {"show", cmd_show, CLI_PERIOD | CLI_ARCHIVE | CLI_CHECKS,
     CLI_OPT_COMMON | CLI_OPT_RUN | CLI_OPT_COMPANY | CLI_OPT_WITNESS, 1, 1,
     "show PERIOD [--company CODE] [--run N]",
     "Print the ranking, or one company's scorecard with its arithmetic written out.", STORED_CONFIG},
    {"history", cmd_history, CLI_PERIOD_OPTIONAL | CLI_ARCHIVE, CLI_OPT_COMMON, 0, 1, "history [PERIOD]",
     "List the archive's imports (version, files, sha256, who, when), runs (config, engine, who, when),\n"
     "reviews and finalizations.",
     "not used: history lists what the archive holds"},
    {"rerun", cmd_rerun, CLI_PERIOD | CLI_ARCHIVE | CLI_FINDINGS,
     CLI_OPT_DB | CLI_OPT_QUIET | CLI_OPT_JSON | CLI_OPT_RUN, 1, 1, "rerun PERIOD [--run N]",
     "Recompute a stored run (default: the latest) from its archived inputs, config and prior figures.\n"
     "Exit 0 when every figure and rank is identical; else name each difference (company, indicator,\n"
     "field, stored value, recomputed value) and exit 5.",
     NULL},
    {"review", cmd_review, CLI_PERIOD | CLI_NEEDS_RUN | CLI_ARCHIVE | CLI_WRITES | CLI_CHECKS,
     CLI_OPT_DB | CLI_OPT_QUIET | CLI_OPT_BY | CLI_OPT_RUN | CLI_OPT_WITNESS, 1, 1,
     "review PERIOD --run N --by NAME",
     "The second person's check (复核): recompute run N and record an approval when every figure\n"
     "matches. Exit 5 (nothing recorded) on a difference; exit 4 when NAME is the run's operator.",
     NULL},
    {"finalize", cmd_finalize, CLI_PERIOD | CLI_NEEDS_RUN | CLI_ARCHIVE | CLI_WRITES | CLI_CHECKS,
     CLI_OPT_DB | CLI_OPT_QUIET | CLI_OPT_BY | CLI_OPT_RUN | CLI_OPT_WITNESS, 1, 1,
     "finalize PERIOD --run N --by NAME",
     "Mark run N as the published run of PERIOD. Needs an approved review by someone other than the\n"
     "run's operator (else exit 4); afterwards the period's inputs are frozen (import --replace exits 4).",
     NULL},
    {"export", cmd_export, CLI_PERIOD | CLI_ARCHIVE,
     CLI_OPT_DB | CLI_OPT_QUIET | CLI_OPT_IMPORT | CLI_OPT_FORCE, 2, 2,
     "export PERIOD DIR [--import N] [--force]",
     "Write the archived input files of PERIOD (the latest import, or import N) into DIR, byte-identical\n"
     "to what was imported, so that the period can be re-run elsewhere. DIR must be new or empty;\n"
     "--force replaces exactly the files of a previous export there.",
     NULL},
    {"verify", cmd_verify, CLI_ARCHIVE | CLI_FINDINGS,
     CLI_OPT_DB | CLI_OPT_QUIET | CLI_OPT_JSON | CLI_OPT_WITNESS | CLI_OPT_HEAD, 0, 0,
     "verify [--head HASH]",
     "Check SQLite's integrity and the archive's hash chain: every import, run, review and finalization\n"
     "recomputed from its stored content, every head the witness file recorded still in the chain, and\n"
     "the head HASH an auditor recorded (--head) too. Exit 0 when all match; else name the first\n"
     "entry that does not and exit 5.",
     NULL},
};
/* clang-format on */
#define N_COMMANDS (sizeof COMMANDS / sizeof *COMMANDS)

static void usage(FILE *fp)
{
    fprintf(
        fp,
        "usage: cescore COMMAND [OPTIONS] [ARGS]\n\n"
        "Shanghai insurers' consumer-complaint handling evaluation (上海保险公司消费投诉处理工作考评).\n\n"
        "commands:\n");
    for (size_t i = 0; i < N_COMMANDS; i++)
        fprintf(fp, "  %s\n", COMMANDS[i].synopsis);
    fprintf(
        fp,
        "\n'cescore COMMAND --help' describes a command; 'cescore --version' prints the engine version.\n"
        "Exit codes: 0 success, 1 I/O or internal failure, 2 usage error, 3 invalid bundle or config,\n"
        "4 archive conflict, 5 rerun found a difference.\n");
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
    if (st == CES_OK && (cmd->options & CLI_OPT_BY))
        st = cli_check_operator(cmd, cli_operator(o));
    if (st == CES_OK && (cmd->setup & CLI_CONFIG))
        st = cli_load_config(o, &c->cfg);
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
    if (o->config && cmd->config_note)
        cli_warning(&c, "--config %s is %s", o->config, cmd->config_note);
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
    ces_diags_free(&c.d);
    return ces_status_exit_code(st);
}

int main(int argc, char **argv)
{
    ces_outputs_catch_signals();
    if (argc < 2) {
        usage(stderr);
        return 2;
    }
    if (!strcmp(argv[1], "--version") || !strcmp(argv[1], "version")) {
        printf("cescore %s\n", CES_ENGINE_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h") || !strcmp(argv[1], "help")) {
        usage(stdout);
        return 0;
    }
    for (size_t i = 0; i < N_COMMANDS; i++) {
        if (strcmp(argv[1], COMMANDS[i].name))
            continue;
        const cli_command *cmd = &COMMANDS[i];
        cli_opts o;
        ces_status st = cli_parse(cmd, argc - 1, argv + 1, &o);
        if (st != CES_OK)
            return ces_status_exit_code(st);
        if (o.help) {
            cli_print_help(cmd, stdout);
            return 0;
        }
        return run_command(cmd, &o);
    }
    cli_error(CES_ERR_USAGE, "unknown command \"%s\"", argv[1]);
    usage(stderr);
    return 2;
}
