/* What the bureau publishes for insurers and what an insurer runs with it
 * (docs/commands.md §2.13, §2.14): benchmarks writes a run's published
 * figures; selfcheck scores one insurer's own rows against them. */
#include <cjson/cJSON.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/file.h"
#include "cescore/i18n.h"
#include "cescore/records.h"
#include "cescore/score.h"
#include "cescore/sha256.h"
#include "cescore/version.h"
#include "cli_cmds.h"
#include "cli_env.h"
#include "cli_msg.h"
#include "cli_opts.h"
#include "cli_pipeline.h"

/* ---- benchmarks ---- */

ces_status cmd_benchmarks(cli_ctx *c)
{
    const cli_opts *o = c->o;
    if (!o->out) {
        cli_error(CES_ERR_USAGE, "benchmarks: --out FILE.json is required");
        return cli_usage_line(c->cmd);
    }
    int to_stdout = !strcmp(o->out, "-");
    ces_stored_run run;
    ces_config cfg;
    ces_status st = cli_load_stored_run(c, o->run, &run, &cfg, NULL);
    if (st == CES_OK && !to_stdout)
        cli_say_run(c, &run);
    char *text = NULL;
    if (st == CES_OK) {
        ces_report_ctx ctx;
        cli_report_ctx(&run, &cfg, NULL, 0, &ctx);
        text = ces_report_benchmarks_json_string(&ctx);
        if (!text)
            st = cli_error(CES_ERR_NOMEM, "out of memory while building the benchmarks JSON");
    }
    if (st == CES_OK && to_stdout) {
        fputs(text, cli_stdout(c));
    } else if (st == CES_OK) {
        ces_diags d;
        ces_diags_init(&d);
        st = ces_outputs_bytes(c->out, o->out, text, strlen(text), &d); /* in place after the command */
        cli_print_diags(o, &d);
        if (st == CES_OK && !o->quiet)
            fprintf(cli_stdout(c),
                    _("wrote %s: the published figures of run %ld (%s): config, benchmarks, ranking of "
                      "%d pc and %d life companies\n"),
                    cli_text(o->out), run.run_id, ces_run_status_id(run.status),
                    run.results.groups[CES_GROUP_PC].count, run.results.groups[CES_GROUP_LIFE].count);
    }
    free(text);
    ces_config_free(&cfg);
    ces_stored_run_free(&run);
    return st;
}

/* ---- reading a benchmarks file ---- */

typedef struct {
    cJSON *root; /* owns every string the entries point to */
    long run_id;
    const char *status, *run_time;
    ces_published pub;
    ces_published_entry *entries;
    const char **names; /* the entries' company names */
} benchmarks_file;

static void benchmarks_free(benchmarks_file *b)
{
    cJSON_Delete(b->root);
    free(b->entries);
    free((void *)b->names);
    memset(b, 0, sizeof *b);
}

static ces_status bad_file(const char *path, const char *what)
{
    return cli_error(CES_ERR_INVALID, "%s: %s", path, what);
}

static const cJSON *member(const cJSON *o, const char *key)
{
    return cJSON_GetObjectItemCaseSensitive(o, key);
}

static int number(const cJSON *o, const char *key, double *v)
{
    const cJSON *it = member(o, key);
    if (!cJSON_IsNumber(it))
        return -1;
    *v = it->valuedouble;
    return 0;
}

static const char *string(const cJSON *o, const char *key)
{
    const cJSON *it = member(o, key);
    return cJSON_IsString(it) ? it->valuestring : NULL;
}

/* A group's statistics and benchmarks; -1 when malformed. */
static int read_group(const cJSON *o, ces_group g, ces_group_result *gr)
{
    double count, below;
    const cJSON *bench = member(o, "benchmarks");
    if (!cJSON_IsObject(o) || number(o, "count", &count) ||
        number(o, "average_total", &gr->average_total) || number(o, "below_average", &below) ||
        !cJSON_IsObject(bench))
        return -1;
    gr->count = (int)count;
    gr->below_average = (int)below;
    for (const cJSON *it = bench->child; it; it = it->next) {
        int ind = ces_ind_parse(it->string);
        int own = ind >= 0 && (ces_ind_group((ces_ind)ind) == (int)g || ind == CES_IND_WITHDRAWAL ||
                               ind == CES_IND_MEDIATION);
        if (!own || !cJSON_IsNumber(it))
            return -1;
        gr->has_benchmark[ind] = 1;
        gr->benchmark[ind] = it->valuedouble;
    }
    return 0;
}

/* The published ranking of both groups; -1 when malformed. */
static int read_ranking(const cJSON *ranking, benchmarks_file *b)
{
    size_t n = 0;
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        const cJSON *a = member(ranking, ces_group_id((ces_group)g));
        if (!cJSON_IsArray(a))
            return -1;
        n += (size_t)cJSON_GetArraySize(a);
    }
    b->entries = calloc(n ? n : 1, sizeof *b->entries);
    b->names = calloc(n ? n : 1, sizeof *b->names);
    if (!b->entries || !b->names)
        return -1;
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        for (const cJSON *e = member(ranking, ces_group_id((ces_group)g))->child; e; e = e->next) {
            ces_published_entry *p = &b->entries[b->pub.n_ranking];
            double rank;
            p->code = string(e, "code");
            p->group = (ces_group)g;
            b->names[b->pub.n_ranking] = string(e, "name");
            if (!p->code || number(e, "total", &p->total) || number(e, "rank", &rank))
                return -1;
            p->rank = (int)rank;
            b->pub.n_ranking++;
        }
    b->pub.ranking = b->entries;
    return 0;
}

/* The figures of a benchmarks file; CES_ERR_INVALID (said) when malformed. */
static ces_status read_figures(const char *path, benchmarks_file *b)
{
    const cJSON *r = b->root, *groups = member(r, "groups"), *industry = member(r, "industry");
    double run_id;
    if (number(r, "run_id", &run_id))
        return bad_file(path, _("no run_id"));
    b->run_id = (long)run_id;
    b->status = string(r, "status");
    b->run_time = string(r, "run_time");
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        if (!cJSON_IsObject(groups) ||
            read_group(member(groups, ces_group_id((ces_group)g)), (ces_group)g, &b->pub.groups[g]))
            return bad_file(path, _("its groups are not those of a benchmarks file"));
    const cJSON *m = member(industry, "quant.mediation");
    if (!cJSON_IsObject(industry) || !(cJSON_IsNumber(m) || cJSON_IsNull(m)))
        return bad_file(path, _("no industry mediation rate (a number or null)"));
    b->pub.has_industry_mediation = cJSON_IsNumber(m);
    b->pub.industry_mediation = cJSON_IsNumber(m) ? m->valuedouble : 0;
    if (!cJSON_IsObject(member(r, "ranking")) || read_ranking(member(r, "ranking"), b))
        return bad_file(path, _("its ranking is not that of a benchmarks file"));
    return CES_OK;
}

/* Its config: the text must match its sha256 and load (into c->cfg). */
static ces_status read_config(cli_ctx *c, const char *path, const benchmarks_file *b)
{
    const cJSON *cfg = member(b->root, "config");
    const char *text = string(cfg, "text"), *sha = string(cfg, "sha256");
    char hex[65];
    if (!text || !sha)
        return bad_file(path, _("no config text and sha256"));
    if (ces_sha256_hex(text, strlen(text), hex) != CES_OK || strcmp(hex, sha))
        return bad_file(path, _("the config text does not match its sha256 (the file was altered)"));
    ces_diags d;
    ces_diags_init(&d);
    char name[4200];
    snprintf(name, sizeof name, "%s (config)", path);
    ces_status st = ces_config_parse(text, strlen(text), name, &c->cfg, &d);
    cli_print_diags(c->o, &d);
    if (st == CES_ERR_INVALID)
        return bad_file(path, _("this engine cannot load its config (the method it publishes)"));
    if (st != CES_OK)
        return cli_error(st, "%s: %s", path, ces_status_name(st));
    snprintf(c->cfg_path, sizeof c->cfg_path, "%.4000s", name);
    return CES_OK;
}

/* The calendar a case list is counted on (into c->cal, lent to c->cfg): the
 * published run's when it counted case lists (its text must match its
 * sha256), else --calendar DIR or the bundled one. */
static ces_status read_calendar(cli_ctx *c, const char *path, const benchmarks_file *b)
{
    const cJSON *cal = member(b->root, "calendar");
    ces_status st;
    if (!cal) {
        st = cli_load_calendar(c->o, &c->cal);
    } else {
        const char *text = string(cal, "text"), *sha = string(cal, "sha256");
        char hex[65];
        if (c->o->calendar)
            cli_warning(c,
                        "--calendar %s not used: a case list is counted on the published run's calendar",
                        c->o->calendar);
        if (!text || !sha)
            return bad_file(path, _("its calendar has no text and sha256"));
        if (ces_sha256_hex(text, strlen(text), hex) != CES_OK || strcmp(hex, sha))
            return bad_file(path,
                            _("the calendar text does not match its sha256 (the file was altered)"));
        ces_diags d;
        ces_diags_init(&d);
        char name[4200];
        snprintf(name, sizeof name, "%s (calendar)", path);
        st = ces_calendar_parse(text, strlen(text), name, &c->cal, &d);
        cli_print_diags(c->o, &d);
        if (st == CES_ERR_INVALID)
            return bad_file(path, _("this engine cannot read its working-day calendar"));
        if (st != CES_OK)
            return cli_error(st, "%s: %s", path, ces_status_name(st));
    }
    if (st == CES_OK)
        c->cfg.calendar = &c->cal;
    return st;
}

static ces_status read_benchmarks(cli_ctx *c, const char *path, benchmarks_file *b)
{
    unsigned char *bytes = NULL;
    size_t len = 0;
    memset(b, 0, sizeof *b);
    int err = ces_read_file(path, &bytes, &len);
    if (err)
        return cli_error(err == ENOMEM ? CES_ERR_NOMEM : CES_ERR_IO, "cannot read %s: %s", path,
                         strerror(err));
    b->root = cJSON_ParseWithLength((const char *)bytes, len);
    free(bytes);
    const char *format = string(b->root, "format"), *period = string(b->root, "period");
    if (!cJSON_IsObject(b->root) || !format || strcmp(format, CES_BENCHMARKS_FORMAT))
        return bad_file(path, _("not a benchmarks file (cescore benchmarks writes one)"));
    if (!period || strcmp(period, c->period))
        return cli_error(CES_ERR_INVALID, "%s: the benchmarks of %s, not of %s", path,
                         period ? period : "?", c->period);
    ces_status st = read_figures(path, b);
    if (st == CES_OK)
        st = read_config(c, path, b);
    return st == CES_OK ? read_calendar(c, path, b) : st;
}

/* ---- selfcheck ---- */

/* The one company a self-check bundle may hold: --company, else its one
 * evaluated company; every other row of companies.csv must be rolled up
 * into it. Says what is wrong (CES_ERR_INVALID). */
static ces_status own_company(cli_ctx *c, const char *bundle, const ces_dataset *ds, const char **code)
{
    const char *want = c->o->company;
    size_t evaluated = 0;
    for (size_t i = 0; i < ds->n_companies; i++)
        if (ces_org_type_treatment(ds->companies[i].org_type) == CES_TREAT_EVALUATED) {
            evaluated++;
            if (!want)
                *code = ds->companies[i].code;
        }
    if (want) {
        *code = NULL;
        for (size_t i = 0; i < ds->n_companies; i++)
            if (!strcmp(ds->companies[i].code, want) &&
                ces_org_type_treatment(ds->companies[i].org_type) == CES_TREAT_EVALUATED)
                *code = ds->companies[i].code;
        if (!*code)
            return cli_error(CES_ERR_INVALID, "selfcheck: %s/companies.csv has no evaluated company %s",
                             bundle, want);
    } else if (evaluated != 1) {
        return cli_error(
            CES_ERR_INVALID,
            "selfcheck: %s/companies.csv holds %zu evaluated companies; a self-check bundle "
            "holds one company and the entities rolled up into it",
            bundle, evaluated);
    }
    ces_buf others = {0};
    size_t n_others = 0;
    for (size_t i = 0; i < ds->n_companies; i++) {
        const ces_company *co = &ds->companies[i];
        int mine = !strcmp(co->code, *code) ||
                   (ces_org_type_treatment(co->org_type) == CES_TREAT_ROLLED_UP && co->parent_code &&
                    !strcmp(co->parent_code, *code));
        if (!mine && n_others++ < 5)
            ces_buf_printf(&others, "%s%s", n_others > 1 ? ", " : "", co->code);
    }
    ces_status st = CES_OK;
    if (n_others)
        st = cli_error(CES_ERR_INVALID,
                       "selfcheck: %s holds rows of other companies than %s (%s%s): a self-check bundle "
                       "holds one company and the entities rolled up into it",
                       bundle, *code, others.p ? others.p : "", n_others > 5 ? ", ..." : "");
    ces_buf_free(&others);
    return st;
}

/* Says whether the self-check gives the published total and rank. */
static void compare_published(const benchmarks_file *b, const ces_company_result *r, FILE *fp)
{
    char t[32], p[32];
    for (size_t i = 0; i < b->pub.n_ranking; i++) {
        const ces_published_entry *e = &b->pub.ranking[i];
        if (strcmp(e->code, r->code) || e->group != r->group)
            continue;
        ces_format_fixed(e->total, 2, p, sizeof p);
        if (e->total == r->total && e->rank == r->rank)
            fprintf(
                fp,
                _("Published for %s: total %s, rank %d: this self-check gives the same total and rank.\n"),
                cli_text(r->code), p, e->rank);
        else {
            ces_format_fixed(r->total, 2, t, sizeof t);
            fprintf(
                fp,
                _("Published for %s: total %s, rank %d; this self-check gives total %s, rank %d: the "
                  "bundle's rows differ from those the bureau scored.\n"),
                cli_text(r->code), p, e->rank, t, r->rank);
        }
        return;
    }
    fprintf(
        fp,
        _("%s is not in the published ranking: its rank is where its total falls among the published "
          "totals of its group.\n"),
        cli_text(r->code));
}

/* The outputs of a self-check: JSON, scorecard workbook, the terminal's scorecard. */
static ces_status selfcheck_outputs(cli_ctx *c, const benchmarks_file *b, const ces_results *r,
                                    const ces_dataset *ds, const char *code)
{
    const cli_opts *o = c->o;
    char now[32];
    cli_now(now, sizeof now);
    ces_report_ctx ctx;
    memset(&ctx, 0, sizeof ctx);
    ctx.results = r;
    ctx.cfg = &c->cfg;
    ctx.run_id = b->run_id;
    ctx.status = CES_RUN_SELFCHECK;
    ctx.run_time = now;
    ctx.engine_version = CES_ENGINE_VERSION;
    ctx.operator_name = cli_operator(o);
    ctx.files = ds->files;
    ctx.dataset = ds;
    ctx.english = o->english;
    if (ds->files[CES_FILE_CASES].present) /* the calendar its case list was counted on */
        ctx.calendar_sha256 = c->cal.sha256;
    /* the JSON as every command writes it; --out is the scorecard, not the workbook */
    cli_opts json_only = *o;
    json_only.out = NULL;
    json_only.per_company = NULL;
    cli_ctx json_ctx = *c;
    json_ctx.o = &json_only;
    FILE *fp = cli_stdout(c);
    ces_status st = cli_write_outputs(&json_ctx, &ctx);
    if (st == CES_OK && o->out) {
        ces_diags d;
        ces_diags_init(&d);
        const char *at;
        st = ces_outputs_file(c->out, o->out, &at, &d);
        if (st == CES_OK)
            st = ces_report_scorecard_at(&ctx, code, at, o->out, &d);
        cli_print_diags(o, &d);
        if (st == CES_OK && cli_text_wanted(o))
            fprintf(fp, _("wrote %s (the scorecard of %s)\n"), cli_text(o->out), cli_text(code));
    }
    if (st == CES_OK && cli_text_wanted(o)) {
        ctx.english = !o->chinese; /* the terminal's language */
        fputc('\n', fp);
        ces_report_scorecard_text(&ctx, code, fp);
        fputc('\n', fp);
        compare_published(b, &r->companies[0], fp);
    }
    return st;
}

static ces_status selfcheck(cli_ctx *c, const benchmarks_file *b, const ces_dataset *ds,
                            const char *code)
{
    const char *bundle = c->o->args[1];
    ces_results r;
    ces_status st = ces_score_published(ds, &c->cfg, &b->pub, &r);
    if (st != CES_OK)
        return cli_error(st, "selfcheck: scoring failed: %s", ces_status_name(st));
    if (r.n_companies != 1) {
        for (size_t i = 0; i < r.n_excluded; i++)
            if (!strcmp(r.excluded[i].code, code))
                cli_error(CES_ERR_INVALID,
                          "selfcheck: %s is not scored in %s (%s): there is nothing to check", code,
                          c->period, ces_excl_reason_id(r.excluded[i].reason));
        ces_results_free(&r);
        return CES_ERR_INVALID;
    }
    if (cli_text_wanted(c->o)) {
        FILE *fp = cli_stdout(c);
        fprintf(fp, _("%s: self-check of %s (%s) against the published run %ld (%s) of %s\n"),
                cli_text(bundle), cli_text(code), cli_text(r.companies[0].name), b->run_id,
                cli_text(b->status ? b->status : "?"), c->period);
        fprintf(fp, _("config %s (sha256 %.12s)\n"), cli_text(c->cfg.name), c->cfg.sha256);
        fprintf(fp, _("prior %s: %s\n"), r.prior_period,
                r.prior_source == CES_PRIOR_SOURCE_CSV ? "prior.csv"
                                                       : _("none (the bundle has no prior.csv)"));
    }
    st = selfcheck_outputs(c, b, &r, ds, code);
    ces_results_free(&r);
    return st;
}

ces_status cmd_selfcheck(cli_ctx *c)
{
    const cli_opts *o = c->o;
    if (!o->benchmarks) {
        cli_error(CES_ERR_USAGE, "selfcheck: --benchmarks FILE.json is required");
        return cli_usage_line(c->cmd);
    }
    benchmarks_file b;
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    const char *code = NULL;
    ces_status st = read_benchmarks(c, o->benchmarks, &b);
    if (st == CES_OK)
        st = cli_ingest(c, o->args[1], &ds);
    if (st == CES_OK)
        st = own_company(c, o->args[1], &ds, &code);
    if (st == CES_OK)
        st = selfcheck(c, &b, &ds, code);
    ces_dataset_free(&ds);
    benchmarks_free(&b);
    return st;
}
