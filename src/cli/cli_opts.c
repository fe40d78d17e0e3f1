/* Option parsing for every sub-command with getopt_long: one table of
 * options, each command accepting the subset its definition names. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/i18n.h"
#include "cli_i18n.h"
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
     N_("archive (SQLite) file, default ./cescore.db")},
    {{"config", required_argument, NULL, 'c'},
     CLI_OPT_CONFIG,
     "FILE",
     N_("scoring config, default the bundled shanghai-2018.json")},
    {{"calendar", required_argument, NULL, 'K'},
     CLI_OPT_CALENDAR,
     "DIR",
     N_("working-day calendar (one YYYY.json a year), default the bundled calendar")},
    {{"columns", required_argument, NULL, 'C'},
     CLI_OPT_COLUMNS,
     "FILE",
     N_("header aliases, default the bundled columns.json")},
    {{"json", required_argument, NULL, 'j'},
     CLI_OPT_JSON,
     "FILE",
     N_("also write the command's result as JSON to FILE (- = stdout)")},
    {{"quiet", no_argument, NULL, 'q'}, CLI_OPT_QUIET, NULL, N_("print nothing but errors")},
    {{"lang", required_argument, NULL, 'l'},
     CLI_OPT_LANG,
     "zh|en",
     N_("language of workbooks (default zh) and messages (default from LANG: zh when it names Chinese, else en)")},
    {{"by", required_argument, NULL, 'b'},
     CLI_OPT_BY,
     "NAME",
     N_("operator recorded in the archive, default the login name")},
    {{"accept-warnings", no_argument, NULL, 'A'},
     CLI_OPT_ACCEPT,
     NULL,
     N_("go on despite the plausibility findings, recording that --by NAME accepted them")},
    {{"out", required_argument, NULL, 'o'}, CLI_OPT_OUT, "FILE.xlsx", N_("write the workbook")},
    {{"publish", required_argument, NULL, 'P'},
     CLI_OPT_PUBLISH,
     "FILE.xlsx",
     N_("write the publication workbook: overview, rankings, methodology")},
    {{"per-company", required_argument, NULL, 'p'},
     CLI_OPT_PER_COMPANY,
     "DIR",
     N_("write one scorecard workbook per company into DIR")},
    {{"replace", no_argument, NULL, 'r'},
     CLI_OPT_REPLACE,
     NULL,
     N_("archive different inputs for an archived period as a new version")},
    {{"run", required_argument, NULL, 'n'},
     CLI_OPT_RUN,
     "N",
     N_("the stored run, default the period's finalized run, else its latest")},
    {{"company", required_argument, NULL, 'k'},
     CLI_OPT_COMPANY,
     "CODE",
     N_("one company's scorecard with its arithmetic")},
    {{"benchmarks", required_argument, NULL, 'B'},
     CLI_OPT_BENCHMARKS,
     "FILE.json",
     N_("the published benchmarks (cescore benchmarks), required")},
    {{"set", required_argument, NULL, 's'},
     CLI_OPT_SET,
     "FILE.COLUMN=VALUE",
     N_("change a cell of the company's row (repeatable): complaints.motor=120")},
    {{"target", required_argument, NULL, 't'},
     CLI_OPT_TARGET,
     "SCORE",
     N_("for each quantitative input, the smallest change alone that reaches SCORE")},
    {{"witness", required_argument, NULL, 'w'},
     CLI_OPT_WITNESS,
     "FILE",
     N_("the archive's witness file, default the archive's path + .chain")},
    {{"head", required_argument, NULL, 'H'},
     CLI_OPT_HEAD,
     "HASH",
     N_("a head hash recorded earlier: the chain must still hold it")},
    {{"force", no_argument, NULL, 'F'},
     CLI_OPT_FORCE,
     NULL,
     N_("replace the files of a previous export in DIR (a new or empty DIR needs no --force)")},
};
/* clang-format on */
#define N_OPTIONS (sizeof OPTIONS / sizeof *OPTIONS)

/* An option's help for command c: --run is required where the command says so. */
static const char *option_help(const cli_command *c, size_t i)
{
    if (OPTIONS[i].bit == CLI_OPT_RUN && (c->setup & CLI_NEEDS_RUN))
        return _("the run (required; cescore history lists the runs)");
    if (OPTIONS[i].bit == CLI_OPT_OUT && !strcmp(c->name, "benchmarks"))
        return _("write the benchmarks JSON to FILE (- = stdout), required");
    if (OPTIONS[i].bit == CLI_OPT_OUT && !strcmp(c->name, "selfcheck"))
        return _("write the company's scorecard workbook");
    if (OPTIONS[i].bit == CLI_OPT_COMPANY && !strcmp(c->name, "selfcheck"))
        return _("the company checked, default the bundle's one evaluated company");
    if (OPTIONS[i].bit == CLI_OPT_COMPANY && !strcmp(c->name, "whatif"))
        return _("the company whose rows change (required)");
    if (OPTIONS[i].bit == CLI_OPT_JSON && !strcmp(c->name, "whatif"))
        return _("write the results of the changed period (status whatif) to FILE");
    return _(OPTIONS[i].help);
}

void cli_print_help(const cli_command *c, FILE *fp)
{
    fprintf(fp, _("usage: cescore %s\n\n%s\n\noptions:\n"), c->synopsis, _(c->summary));
    for (size_t i = 0; i < N_OPTIONS; i++) {
        if (!(c->options & OPTIONS[i].bit))
            continue;
        char left[48];
        snprintf(left, sizeof left, "--%s%s%s", OPTIONS[i].opt.name, OPTIONS[i].arg ? " " : "",
                 OPTIONS[i].arg ? OPTIONS[i].arg : "");
        fprintf(fp, "  %-22s %s\n", left, option_help(c, i));
    }
    fprintf(fp, "  %-22s %s\n", "-h, --help", _("show this help"));
}

void cli_print_common_options(FILE *fp)
{
    static const unsigned common[] = {CLI_OPT_DB, CLI_OPT_QUIET, CLI_OPT_LANG};
    for (size_t k = 0; k < sizeof common / sizeof *common; k++)
        for (size_t i = 0; i < N_OPTIONS; i++)
            if (OPTIONS[i].bit == common[k]) {
                char left[48];
                snprintf(left, sizeof left, "--%s%s%s", OPTIONS[i].opt.name, OPTIONS[i].arg ? " " : "",
                         OPTIONS[i].arg ? OPTIONS[i].arg : "");
                fprintf(fp, "  %-22s %s\n", left, _(OPTIONS[i].help));
            }
    fprintf(fp, "  %-22s %s\n", "-h, --help", _("show the help of cescore or of a command"));
}

int cli_global_option(const char *arg, int *takes_value)
{
    static const char *const globals[][2] = {{"--db", "1"}, {"--quiet", "0"}, {"--lang", "1"}};
    for (size_t i = 0; i < sizeof globals / sizeof *globals; i++) {
        size_t n = strlen(globals[i][0]);
        if (!strncmp(arg, globals[i][0], n) && (arg[n] == '\0' || arg[n] == '=')) {
            *takes_value = globals[i][1][0] == '1' && arg[n] == '\0';
            return 1;
        }
    }
    return 0;
}

/* The synopsis after a usage error; returns CES_ERR_USAGE. */
ces_status cli_usage_line(const cli_command *c)
{
    fprintf(stderr, _("usage: cescore %s\n"), c->synopsis);
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
    o->chinese = cli_i18n_chinese();
    opterr = 0;
    optind = 1;
    int ch;
    while ((ch = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
        switch (ch) {
        case 'd': o->db = optarg; break;
        case 'c': o->config = optarg; break;
        case 'C': o->columns = optarg; break;
        case 'K': o->calendar = optarg; break;
        case 'j': o->json = optarg; break;
        case 'q': o->quiet = 1; break;
        case 'b': o->by = optarg; break;
        case 'o': o->out = optarg; break;
        case 'p': o->per_company = optarg; break;
        case 'P': o->publish = optarg; break;
        case 'r': o->replace = 1; break;
        case 'A': o->accept_warnings = 1; break;
        case 'F': o->force = 1; break;
        case 'w': o->witness = optarg; break;
        case 'H': o->head = optarg; break;
        case 'k': o->company = optarg; break;
        case 'B': o->benchmarks = optarg; break;
        case 's':
            if (o->n_sets == CLI_MAX_SETS)
                return cli_error(CES_ERR_USAGE, "%s: at most %d --set options", c->name, CLI_MAX_SETS);
            o->sets[o->n_sets++] = optarg;
            break;
        case 't': {
            char *end;
            o->target = strtod(optarg, &end);
            o->has_target = 1;
            if (end == optarg || *end || !(o->target >= 0 && o->target <= 100))
                return cli_error(CES_ERR_USAGE, "%s: --target takes a score from 0 to 100, not \"%s\"",
                                 c->name, optarg);
            break;
        }
        case 'h': o->help = 1; return CES_OK;
        case 'l':
            o->english = !strcmp(optarg, "en");
            o->chinese = !strcmp(optarg, "zh");
            if (!o->english && !o->chinese) {
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
        case ':':
            return cli_error(CES_ERR_USAGE, "%s: option %s needs a value", c->name, argv[optind - 1]);
        default:
            return cli_error(CES_ERR_USAGE,
                             "%s: option %s is not one of this command's (see cescore %s --help)",
                             c->name, argv[optind - 1], c->name);
        }
    }
    for (int i = optind; i < argc; i++) {
        if (o->n_args >= c->max_args || o->n_args >= 4) {
            cli_error(CES_ERR_USAGE, "%s: unexpected argument \"%s\"", c->name, argv[i]);
            return cli_usage_line(c);
        }
        o->args[o->n_args++] = argv[i];
    }
    if (o->accept_warnings && (!o->by || !*o->by))
        return cli_error(CES_ERR_USAGE,
                         "%s: --accept-warnings needs --by NAME, the name of whoever has looked at the "
                         "findings",
                         c->name);
    if (o->n_args < c->min_args) {
        cli_error(CES_ERR_USAGE, "%s: missing argument", c->name);
        return cli_usage_line(c);
    }
    return CES_OK;
}
