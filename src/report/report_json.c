/* The results JSON of docs/outputs.md: a stable contract read by other parties'
 * scripts. Built with cJSON, whose number printing round-trips doubles. */
#include "cescore/report.h"

#include <cjson/cJSON.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/buf.h"
#include "cescore/file.h"
#include "cescore/jobs.h"
#include "cescore/numtext.h"
#include "cescore/version.h"

/* A JSON number that reads back as exactly v: the shortest of %.15g, %.16g,
 * %.17g that round-trips. (cJSON's own printer accepts 15 digits when they
 * come back within an epsilon, which can lose the last bit of a value.) */
static void add_num(cJSON *o, const char *key, double v)
{
    if (!isfinite(v)) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    if (v == 0)
        v = 0; /* no "-0" */
    char buf[32];
    if (ces_integral_text(v, buf)) { /* what %.15g writes of it */
        cJSON_AddRawToObject(o, key, buf);
        return;
    }
    ces_shortest_text(v, buf);
    cJSON_AddRawToObject(o, key, buf);
}

static void add_num_or_null(cJSON *o, const char *key, int has, double v)
{
    if (has)
        add_num(o, key, v);
    else
        cJSON_AddNullToObject(o, key);
}

static cJSON *flags_json(unsigned flags)
{
    cJSON *a = cJSON_CreateArray();
    for (int i = 0; i < CES_FLAG_COUNT; i++)
        if (flags & (1u << i))
            cJSON_AddItemToArray(a, cJSON_CreateString(ces_flag_id(1u << i)));
    return a;
}

/* ---- records: the fields marked CES_F_JSON (records.h) under their keys ---- */

/* A field under key: a string (left out when absent), an enum's id, a number. */
static void add_field(cJSON *o, const char *key, const ces_field *f, const void *row)
{
    if (ces_field_is_text(f)) {
        const char *s = ces_field_text(f, row);
        if (s)
            cJSON_AddStringToObject(o, key, s);
    } else {
        add_num(o, key, ces_field_num(f, row));
    }
}

static void add_fields(cJSON *o, const ces_record *rec, const void *row)
{
    for (size_t i = 0; i < rec->n; i++)
        if (rec->fields[i].flags & CES_F_JSON)
            add_field(o, rec->fields[i].key, &rec->fields[i], row);
}

/* ---- indicators: which fields each kind shows (docs/decisions.md) ---- */

typedef enum {
    J_NUM,     /* a number, or null */
    J_BOOL,    /* true or false */
    J_IF_TRUE, /* true, or left out */
    J_ITEMS    /* the ids of the checklist's items whose bit is set */
} json_style;

/* A key of an indicator's object: the field it shows (CES_IND_F_*), null
 * unless the field `when` is set or when the field `unless` is set. */
typedef struct {
    const char *key; /* NULL: the field's key */
    int field, when, unless;
    json_style style;
} json_col;

#define NO (-1)
#define F(m) CES_IND_F_##m
#define NUM(m)                                                                                          \
    {                                                                                                   \
        NULL, F(m), NO, NO, J_NUM                                                                       \
    }
#define NUM_IF(m, w)                                                                                    \
    {                                                                                                   \
        NULL, F(m), F(w), NO, J_NUM                                                                     \
    }

static const json_col CHECKLIST[] = {
    {"missing_items", F(missing), NO, NO, J_ITEMS}, NUM(max), NUM(score)};
static const json_col DEDUCTION[] = {NUM(points), {"cap", F(max), NO, NO, J_NUM}, NUM(score)};
static const json_col VOLUME[] = {{NULL, F(applicable), NO, NO, J_BOOL},
                                  NUM(numerator),
                                  NUM(denominator),
                                  NUM_IF(value, has_value),
                                  NUM_IF(benchmark, has_benchmark),
                                  NUM_IF(raw, applicable),
                                  NUM(weight),
                                  NUM(effective_weight),
                                  NUM(score)};
static const json_col CHANGE[] = {NUM_IF(current, has_current),
                                  NUM_IF(prior, has_prior),
                                  {NULL, F(value), F(has_value), F(value_inf), J_NUM},
                                  {"value_infinite", F(value_inf), NO, NO, J_IF_TRUE},
                                  NUM(score)};
static const json_col RATE[] = {NUM(numerator), NUM(denominator), NUM_IF(value, has_value),
                                NUM_IF(benchmark, has_benchmark), NUM(score)};
/* quant.timeliness: a rate without a benchmark */
static const json_col RATE_UNBENCHMARKED[] = {NUM(numerator), NUM(denominator), NUM_IF(value, has_value),
                                              NUM(score)};

typedef struct {
    const json_col *cols;
    size_t n;
} json_cols;

#define COLS(a)                                                                                         \
    {                                                                                                   \
        a, sizeof a / sizeof a[0]                                                                       \
    }
static const json_cols KINDS[] = {[CES_KIND_CHECKLIST] = COLS(CHECKLIST),
                                  [CES_KIND_DEDUCTION] = COLS(DEDUCTION),
                                  [CES_KIND_VOLUME] = COLS(VOLUME),
                                  [CES_KIND_CHANGE] = COLS(CHANGE),
                                  [CES_KIND_RATE] = COLS(RATE)};
static const json_cols UNBENCHMARKED = COLS(RATE_UNBENCHMARKED);

static cJSON *items_json(const ces_cfg_indicator *ci, unsigned bits)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < ci->n_items; i++)
        if (bits & (1u << i))
            cJSON_AddItemToArray(a, cJSON_CreateString(ci->items[i].id));
    return a;
}

static int is_set(int field, const ces_ind_result *r)
{
    return ces_field_int(&CES_REC_IND_RESULT.fields[field], r) != 0;
}

static void add_col(cJSON *o, const json_col *c, const ces_cfg_indicator *ci, const ces_ind_result *r)
{
    const ces_field *f = &CES_REC_IND_RESULT.fields[c->field];
    const char *key = c->key ? c->key : f->key;
    int null = (c->when != NO && !is_set(c->when, r)) || (c->unless != NO && is_set(c->unless, r));
    switch (c->style) {
    case J_NUM:
        if (null)
            cJSON_AddNullToObject(o, key);
        else
            add_num(o, key, ces_field_num(f, r));
        break;
    case J_BOOL: cJSON_AddBoolToObject(o, key, is_set(c->field, r)); break;
    case J_IF_TRUE:
        if (is_set(c->field, r))
            cJSON_AddBoolToObject(o, key, 1);
        break;
    case J_ITEMS: cJSON_AddItemToObject(o, key, items_json(ci, r->missing)); break;
    }
}

static cJSON *indicator_json(const ces_config *cfg, ces_ind id, const ces_ind_result *r)
{
    json_cols k = id == CES_IND_TIMELINESS ? UNBENCHMARKED : KINDS[ces_ind_kind(id)];
    cJSON *o = cJSON_CreateObject();
    for (size_t i = 0; i < k.n; i++)
        add_col(o, &k.cols[i], &cfg->ind[id], r);
    return o;
}

/* ---- companies, groups, excluded ---- */

/* One side of the rank sensitivity, or null when there is none. */
static cJSON *sensitivity_json(const ces_sensitivity *s)
{
    if (!s->exists)
        return cJSON_CreateNull();
    cJSON *o = cJSON_CreateObject();
    add_fields(o, &CES_REC_SENSITIVITY, s);
    return o;
}

/* The derived figures (docs/outputs.md §2.4): rank_sensitivity, small_base. */
static void add_derived(cJSON *o, const ces_company_result *c)
{
    cJSON *rs = cJSON_AddObjectToObject(o, "rank_sensitivity");
    cJSON_AddItemToObject(rs, "fewer", sensitivity_json(&c->fewer));
    cJSON_AddItemToObject(rs, "more", sensitivity_json(&c->more));
    cJSON *sb = cJSON_AddArrayToObject(o, "small_base");
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (c->ind[i].small_base)
            cJSON_AddItemToArray(sb, cJSON_CreateString(ces_ind_id((ces_ind)i)));
}

/* A date YYYYMMDD as "YYYY-MM-DD", 0 as null. */
static void add_date(cJSON *o, const char *key, int ymd)
{
    char buf[16];
    if (!ymd) {
        cJSON_AddNullToObject(o, key);
        return;
    }
    snprintf(buf, sizeof buf, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
    cJSON_AddStringToObject(o, key, buf);
}

static cJSON *overdue_json(const ces_case_overdue *rows, size_t n)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < n; i++) {
        const ces_case_overdue *x = &rows[i];
        cJSON *o = cJSON_CreateObject();
        cJSON_AddStringToObject(o, "case_id", x->case_id);
        cJSON_AddStringToObject(o, "code", x->code);
        add_num(o, "line", (double)x->line);
        add_date(o, "transferred_date", x->transferred_date);
        add_date(o, "deadline", x->deadline);
        add_date(o, "responded_date", x->responded_date);
        add_num(o, "days_overdue", (double)x->days_overdue);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* docs/outputs.md §2.4: a case-level company's counts and overdue cases,
 * and the complaints by category of a company above the threshold. */
static void company_cases(cJSON *o, const ces_results *r, const ces_company_result *c)
{
    const ces_case_summary *s = ces_results_case_counts(r, c->code);
    size_t n;
    if (s) {
        cJSON *cases = cJSON_AddObjectToObject(o, "cases");
        add_fields(cases, &CES_REC_CASE_SUMMARY, s);
        cJSON_DeleteItemFromObject(cases, "code");
        const ces_case_overdue *od = ces_results_overdue(r, c->code, &n);
        cJSON_AddItemToObject(cases, "overdue_cases", overdue_json(od, n));
    }
    const ces_case_category *k = ces_results_categories(r, c->code, &n);
    if (!k)
        return;
    cJSON *a = cJSON_AddArrayToObject(o, "analysis");
    for (size_t i = 0; i < n; i++) {
        cJSON *x = cJSON_CreateObject();
        add_fields(x, &CES_REC_CASE_CATEGORY, &k[i]);
        cJSON_AddItemToArray(a, x);
    }
}

static cJSON *company_json(const ces_config *cfg, const ces_results *r, const ces_company_result *c)
{
    cJSON *o = cJSON_CreateObject();
    add_fields(o, &CES_REC_COMPANY_RESULT, c);
    cJSON_AddItemToObject(o, "flags", flags_json(c->flags));
    cJSON *kids = cJSON_AddArrayToObject(o, "rolled_up");
    for (size_t i = 0; i < c->n_children; i++)
        cJSON_AddItemToArray(kids, cJSON_CreateString(c->children[i]));
    cJSON *inds = cJSON_AddObjectToObject(o, "indicators");
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (c->ind[i].present)
            cJSON_AddItemToObject(inds, ces_ind_id((ces_ind)i),
                                  indicator_json(cfg, (ces_ind)i, &c->ind[i]));
    if (r->derived)
        add_derived(o, c);
    company_cases(o, r, c);
    return o;
}

static cJSON *groups_json(const ces_results *r)
{
    cJSON *groups = cJSON_CreateObject();
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        const ces_group_result *gr = &r->groups[g];
        cJSON *o = cJSON_AddObjectToObject(groups, ces_group_id((ces_group)g));
        add_fields(o, &CES_REC_GROUP_RESULT, gr);
        cJSON *b = cJSON_AddObjectToObject(o, "benchmarks");
        for (int i = 0; i < CES_IND_COUNT; i++)
            if (gr->has_benchmark[i])
                add_num(b, ces_ind_id((ces_ind)i), gr->benchmark[i]);
    }
    return groups;
}

static cJSON *excluded_json(const ces_results *r)
{
    cJSON *a = cJSON_CreateArray();
    for (size_t i = 0; i < r->n_excluded; i++) {
        cJSON *o = cJSON_CreateObject();
        add_fields(o, &CES_REC_EXCLUDED, &r->excluded[i]);
        cJSON_AddItemToArray(a, o);
    }
    return a;
}

/* cJSON's text of root (deleted) with a final newline; NULL without memory. */
static char *print_root(cJSON *root)
{
    char *text = cJSON_Print(root);
    cJSON_Delete(root);
    if (!text)
        return NULL;
    size_t n = strlen(text);
    char *out = malloc(n + 2);
    if (out) {
        memcpy(out, text, n);
        out[n] = '\n';
        out[n + 1] = '\0';
    }
    cJSON_free(text);
    return out;
}

/* Everything of the results JSON but its companies, whose array is left
 * empty: streamed into it by write_results. */
static cJSON *results_root(const ces_report_ctx *ctx)
{
    const ces_results *r = ctx->results;
    char period[8];
    ces_period_format(r->period, period);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "period", period);
    cJSON_AddStringToObject(root, "engine_version",
                            ctx->engine_version ? ctx->engine_version : CES_ENGINE_VERSION);
    cJSON *cfg = cJSON_AddObjectToObject(root, "config");
    cJSON_AddStringToObject(cfg, "name", ctx->cfg->name);
    cJSON_AddStringToObject(cfg, "sha256", ctx->cfg->sha256);
    if (ctx->calendar_sha256) { /* a case-level run (docs/method.md §6.6) */
        cJSON *cases = cJSON_AddObjectToObject(root, "cases");
        cJSON_AddStringToObject(cases, "calendar_sha256", ctx->calendar_sha256);
        add_num(cases, "response_working_days", (double)ctx->cfg->response_working_days);
        add_num(cases, "analysis_threshold", (double)ctx->cfg->analysis_threshold[r->period.kind]);
    }
    add_num(root, "run_id", (double)ctx->run_id);
    cJSON_AddStringToObject(root, "status", ces_run_status_id(ctx->status));
    if (ctx->run_time)
        cJSON_AddStringToObject(root, "run_time", ctx->run_time);
    cJSON *prior = cJSON_AddObjectToObject(root, "prior");
    cJSON_AddStringToObject(prior, "period", r->prior_period);
    cJSON_AddStringToObject(prior, "source", ces_prior_source_id(r->prior_source));
    if (r->prior_source == CES_PRIOR_SOURCE_ARCHIVE)
        add_num(prior, "run_id", (double)r->prior_run_id);
    cJSON_AddItemToObject(root, "groups", groups_json(r));
    cJSON *industry = cJSON_AddObjectToObject(root, "industry");
    add_num_or_null(industry, "quant.mediation", r->has_industry_mediation, r->industry_mediation);
    cJSON_AddArrayToObject(root, "companies");
    cJSON_AddItemToObject(root, "excluded", excluded_json(r));
    return root;
}

/* The empty companies array in the text of results_root: a key of the root
 * object, so one tab deep; a newline in cJSON's text is never inside a string. */
static const char COMPANIES_MARK[] = "\n\t\"companies\":\t[]";
/* An element of that array is two levels deeper than cJSON prints it alone. */
static const char ELEMENT_NEWLINE[] = "\n\t\t";

/* How many companies' texts are built at once, on the job pool, before
 * they are written in order: a few megabytes at most. */
#define ELEMENT_BATCH 1024

/* The companies of a run as elements of the array, into f. */
typedef struct {
    const ces_report_ctx *ctx;
    FILE *f;
    char *texts[ELEMENT_BATCH]; /* company i's in slot i % ELEMENT_BATCH; NULL: not made */
    ces_status st;
} elements;

/* cJSON's text of company i with every newline indented as an element of
 * the companies array. */
static int make_element(void *arg, size_t i)
{
    elements *e = arg;
    const ces_results *r = e->ctx->results;
    cJSON *o = company_json(e->ctx->cfg, r, &r->companies[i]);
    char *text = o ? cJSON_Print(o) : NULL;
    cJSON_Delete(o);
    if (!text)
        return 1;
    size_t n = 0, lines = 0;
    for (; text[n]; n++)
        lines += text[n] == '\n';
    char *out = malloc(n + lines * (sizeof ELEMENT_NEWLINE - 2) + 1), *w = out;
    for (size_t k = 0; out && k <= n; k++) {
        if (text[k] == '\n') {
            memcpy(w, ELEMENT_NEWLINE, sizeof ELEMENT_NEWLINE - 1);
            w += sizeof ELEMENT_NEWLINE - 1;
        } else {
            *w++ = text[k];
        }
    }
    cJSON_free(text);
    e->texts[i % ELEMENT_BATCH] = out;
    return out == NULL;
}

/* Company i's element into f after a ", " (but the first). */
static int use_element(void *arg, size_t i)
{
    elements *e = arg;
    char **text = &e->texts[i % ELEMENT_BATCH];
    if (e->st == CES_OK && !*text)
        e->st = CES_ERR_NOMEM;
    else if (e->st == CES_OK && ((i && fputs(", ", e->f) == EOF) || fputs(*text, e->f) == EOF))
        e->st = CES_ERR_IO;
    free(*text);
    *text = NULL;
    return e->st != CES_OK;
}

/* The companies' elements into f: made on the job pool (jobs.h), written
 * in the companies' order, the same bytes for any number of workers. */
static ces_status write_elements(const ces_report_ctx *ctx, FILE *f)
{
    elements *e = calloc(1, sizeof *e);
    if (!e)
        return CES_ERR_NOMEM;
    e->ctx = ctx;
    e->f = f;
    ces_jobs_in_order(ctx->results->n_companies, ctx->jobs ? ctx->jobs : ces_jobs_available(),
                      ELEMENT_BATCH, make_element, use_element, e);
    ces_status st = e->st;
    free(e);
    return st;
}

/* The results JSON into f, the companies a batch at a time, so that
 * neither the whole tree nor the whole text is ever held: the bytes
 * cJSON_Print of the whole tree gives, then a newline. CES_ERR_NOMEM or
 * CES_ERR_IO. */
static ces_status write_results(const ces_report_ctx *ctx, FILE *f)
{
    cJSON *root = results_root(ctx);
    char *head = root ? cJSON_Print(root) : NULL;
    cJSON_Delete(root);
    char *mark = head ? strstr(head, COMPANIES_MARK) : NULL;
    if (!mark) {
        cJSON_free(head);
        return CES_ERR_NOMEM;
    }
    size_t open = (size_t)(mark - head) + sizeof COMPANIES_MARK - 2; /* through '[' */
    ces_status st = fwrite(head, 1, open, f) != open ? CES_ERR_IO : write_elements(ctx, f);
    if (st == CES_OK && (fputs(head + open, f) == EOF || fputc('\n', f) == EOF))
        st = CES_ERR_IO;
    cJSON_free(head);
    return st;
}

char *ces_report_json_string(const ces_report_ctx *ctx)
{
    char *text = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&text, &len);
    if (!f)
        return NULL;
    ces_status st = write_results(ctx, f);
    if (fclose(f) != 0 || st != CES_OK) {
        free(text);
        return NULL;
    }
    return text;
}

ces_status ces_report_json_to(const ces_report_ctx *ctx, FILE *f)
{
    ces_status st = write_results(ctx, f);
    return st == CES_OK && fflush(f) != 0 ? CES_ERR_IO : st;
}

/* Per group, its companies in listing order: code, name, total, rank. */
static cJSON *ranking_json(const ces_results *r)
{
    cJSON *o = cJSON_CreateObject();
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        cJSON *a = cJSON_AddArrayToObject(o, ces_group_id((ces_group)g));
        for (size_t i = 0; i < r->n_companies; i++) {
            const ces_company_result *c = &r->companies[i];
            if ((int)c->group != g)
                continue;
            cJSON *e = cJSON_CreateObject();
            cJSON_AddStringToObject(e, "code", c->code);
            cJSON_AddStringToObject(e, "name", c->name);
            add_num(e, "total", c->total);
            add_num(e, "rank", c->rank);
            cJSON_AddItemToArray(a, e);
        }
    }
    return o;
}

char *ces_report_benchmarks_json_string(const ces_report_ctx *ctx)
{
    const ces_results *r = ctx->results;
    char period[8];
    ces_period_format(r->period, period);
    cJSON *root = cJSON_CreateObject();
    cJSON_AddStringToObject(root, "format", CES_BENCHMARKS_FORMAT);
    cJSON_AddStringToObject(root, "period", period);
    add_num(root, "run_id", (double)ctx->run_id);
    cJSON_AddStringToObject(root, "status", ces_run_status_id(ctx->status));
    if (ctx->run_time)
        cJSON_AddStringToObject(root, "run_time", ctx->run_time);
    cJSON_AddStringToObject(root, "engine_version",
                            ctx->engine_version ? ctx->engine_version : CES_ENGINE_VERSION);
    cJSON *cfg = cJSON_AddObjectToObject(root, "config");
    cJSON_AddStringToObject(cfg, "name", ctx->cfg->name);
    cJSON_AddStringToObject(cfg, "sha256", ctx->cfg->sha256);
    cJSON_AddStringToObject(cfg, "text", ctx->cfg->text ? ctx->cfg->text : "");
    if (ctx->calendar_sha256 && ctx->calendar_text) { /* the calendar a case list is counted on */
        char *text = malloc(ctx->calendar_len + 1);
        if (!text) {
            cJSON_Delete(root);
            return NULL;
        }
        memcpy(text, ctx->calendar_text, ctx->calendar_len);
        text[ctx->calendar_len] = '\0';
        cJSON *cal = cJSON_AddObjectToObject(root, "calendar");
        cJSON_AddStringToObject(cal, "sha256", ctx->calendar_sha256);
        cJSON_AddStringToObject(cal, "text", text);
        free(text);
    }
    cJSON *prior = cJSON_AddObjectToObject(root, "prior");
    cJSON_AddStringToObject(prior, "period", r->prior_period);
    cJSON_AddStringToObject(prior, "source", ces_prior_source_id(r->prior_source));
    cJSON_AddItemToObject(root, "groups", groups_json(r));
    cJSON *industry = cJSON_AddObjectToObject(root, "industry");
    add_num_or_null(industry, "quant.mediation", r->has_industry_mediation, r->industry_mediation);
    cJSON_AddItemToObject(root, "ranking", ranking_json(r));
    return print_root(root);
}

#define JSON_WRITE_BUFFER (1u << 20)

ces_status ces_report_json_at(const ces_report_ctx *ctx, const char *at, const char *path, ces_diags *d)
{
    FILE *f = fopen(at, "wb");
    char *buffer = f ? malloc(JSON_WRITE_BUFFER) : NULL; /* a write per megabyte, not per 4 KiB */
    if (buffer)
        setvbuf(f, buffer, _IOFBF, JSON_WRITE_BUFFER);
    ces_status st = f ? write_results(ctx, f) : CES_ERR_IO;
    if (f && fclose(f) != 0 && st == CES_OK)
        st = CES_ERR_IO;
    free(buffer);
    if (st == CES_ERR_NOMEM)
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                     "%s: out of memory while building the results JSON", path);
    else if (st != CES_OK)
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "cannot write %s", path);
    return st;
}

ces_status ces_report_json(const ces_report_ctx *ctx, const char *path, ces_diags *d)
{
    char *tmp;
    ces_status st = ces_temp_create(path, &tmp, d);
    if (st != CES_OK)
        return st;
    st = ces_report_json_at(ctx, tmp, path, d);
    if (st != CES_OK) {
        ces_temp_discard(tmp);
        return st;
    }
    return ces_temp_commit(tmp, path, d);
}
