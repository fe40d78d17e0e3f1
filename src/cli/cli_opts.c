/* Option parsing for every sub-command with getopt_long: one table of
 * options, each command accepting the subset its definition names. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli_msg.h"
#include "cli_opts.h"

/* clang-format off: a table aligned by hand */
static const struct {
    struct option opt;
    unsigned bit;
    const char *arg, *help;
} OPTIONS[] = {
    {{"db", required_argument, NULL, 'd'},
     CLI_OPT_DB,
     "FILE",
     "archive (SQLite) file, default ./cescore.db"},
    {{"config", required_argument, NULL, 'c'},
     CLI_OPT_CONFIG,
     "FILE",
     "scoring config, default the bundled config/shanghai-2018.json"},
    {{"columns", required_argument, NULL, 'C'},
     CLI_OPT_COLUMNS,
     "FILE",
     "header aliases, default the bundled config/columns.json"},
    {{"json", required_argument, NULL, 'j'},
     CLI_OPT_JSON,
     "FILE",
     "also write the command's result as JSON to FILE (- = stdout)"},
    {{"quiet", no_argument, NULL, 'q'}, CLI_OPT_QUIET, NULL, "print nothing but errors"},
    {{"lang", required_argument, NULL, 'l'},
     CLI_OPT_LANG,
     "zh|en",
     "language of the workbook, default zh"},
    {{"by", required_argument, NULL, 'b'},
     CLI_OPT_BY,
     "NAME",
     "operator recorded in the archive, default the login name"},
    {{"out", required_argument, NULL, 'o'}, CLI_OPT_OUT, "FILE.xlsx", "write the workbook"},
    {{"per-company", required_argument, NULL, 'p'},
     CLI_OPT_PER_COMPANY,
     "DIR",
     "write one scorecard workbook per company into DIR"},
    {{"replace", no_argument, NULL, 'r'},
     CLI_OPT_REPLACE,
     NULL,
     "archive different inputs for an archived period as a new version"},
    {{"run", required_argument, NULL, 'n'}, CLI_OPT_RUN, "N", "the stored run, default the latest"},
    {{"company", required_argument, NULL, 'k'},
     CLI_OPT_COMPANY,
     "CODE",
     "one company's scorecard with its arithmetic"},
    {{"import", required_argument, NULL, 'i'},
     CLI_OPT_IMPORT,
     "N",
     "the archived import (its id, as history lists), default the latest"},
    {{"witness", required_argument, NULL, 'w'},
     CLI_OPT_WITNESS,
     "FILE",
     "the archive's witness file, default the archive's path + .chain"},
    {{"head", required_argument, NULL, 'H'},
     CLI_OPT_HEAD,
     "HASH",
     "a head hash recorded earlier: the chain must still hold it"},
    {{"force", no_argument, NULL, 'F'},
     CLI_OPT_FORCE,
     NULL,
     "replace the files of a previous export in DIR (a new or empty DIR needs no --force)"},
};
/* clang-format on */
#define N_OPTIONS (sizeof OPTIONS / sizeof *OPTIONS)

void cli_print_help(const cli_command *c, FILE *fp)
{
    fprintf(fp, "usage: cescore %s\n\n%s\n\noptions:\n", c->synopsis, c->summary);
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (!(c->options & OPTIONS[i].bit))
            continue;
        char left[48];
        snprintf(left, sizeof left, "--%s%s%s", OPTIONS[i].opt.name, OPTIONS[i].arg ? " " : "",
                 OPTIONS[i].arg ? OPTIONS[i].arg : "");
        const char *help = OPTIONS[i].help;
        if (OPTIONS[i].bit == CLI_OPT_CONFIG && c->config_note)
            help = c->config_note;
        fprintf(fp, "  %-22s %s\n", left, help);
    }
    fprintf(fp, "  %-22s %s\n", "--help", "show this help");
}

/* The synopsis after a usage error; returns CES_ERR_USAGE. */
ces_status cli_usage_line(const cli_command *c)
{
    fprintf(stderr, "usage: cescore %s\n", c->synopsis);
    return CES_ERR_USAGE;
}

ces_status cli_parse(const cli_command *c, int argc, char **argv, cli_opts *o)
{
    struct option longopts[N_OPTIONS + 2];
    size_t n = 0;
    for (size_t i = 0; i < N_OPTIONS; i++)
        if (c->options & OPTIONS[i].bit)
            longopts[n++] = OPTIONS[i].opt;
    longopts[n++] = (struct option){"help", no_argument, NULL, 'h'};
    longopts[n] = (struct option){0};

    memset(o, 0, sizeof *o);
    o->db = "cescore.db";
    opterr = 0;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, ":", longopts, NULL)) != -1) {
        switch (ch) {
        case 'd': o->db = optarg; break;
        case 'c': o->config = optarg; break;
        case 'C': o->columns = optarg; break;
        case 'j': o->json = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'b': o->by = optarg; break;
        case 'o': o->out = optarg; break;
        case 'p': o->per_company = optarg; break;
        case 'r': o->replace = 1; break;
        case 'F': o->force = 1; break;
        case 'w': o->witness = optarg; break;
        case 'H': o->head = optarg; break;
        case 'k': o->company = optarg; break;
        case 'h': o->help = 1; return CES_OK;
        case 'l':
            if (!strcmp(optarg, "en"))
                o->english = 1;
            else if (strcmp(optarg, "zh")) {
                return cli_error(CES_ERR_USAGE, "%s: --lang takes zh or en, not \"%s\"", c->name,
                                 optarg);
            }
            break;
        case 'n': {
            char *end;
            o->run = strtol(optarg, &end, 10);
            if (*end || o->run <= 0) {
                return cli_error(CES_ERR_USAGE, "%s: --run takes a run number, not \"%s\"", c->name,
                                 optarg);
            }
            break;
        }
        case 'i': {
            char *end;
            o->import_id = strtol(optarg, &end, 10);
            if (*end || o->import_id <= 0) {
                return cli_error(CES_ERR_USAGE, "%s: --import takes an import number, not \"%s\"",
                                 c->name, optarg);
            }
            break;
        }
        case ':':
            return cli_error(CES_ERR_USAGE, "%s: option %s needs a value", c->name, argv[optind - 1]);
        default:
            return cli_error(CES_ERR_USAGE, "%s: unknown option %s (see cescore %s --help)", c->name,
                             argv[optind - 1], c->name);
        }
    }
    for (int i = optind; i < argc; i++) {
        if (o->n_args >= c->max_args || o->n_args >= 4) {
            cli_error(CES_ERR_USAGE, "%s: unexpected argument \"%s\"", c->name, argv[i]);
            return cli_usage_line(c);
        }
        o->args[o->n_args++] = argv[i];
    }
    if (o->n_args < c->min_args) {
        cli_error(CES_ERR_USAGE, "%s: missing argument", c->name);
        return cli_usage_line(c);
    }
    return CES_OK;
}
