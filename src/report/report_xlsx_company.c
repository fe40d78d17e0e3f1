/* Per-company workbooks (--per-company DIR): DIR/<code>.xlsx for every scored
 * company, with its scorecard, rank, group benchmarks and average, so that
 * the insurer can re-compute its score by hand. DIR is a folder of outputs
 * (outputs.h): written into a temporary folder, put in place as a whole. */
#include "cescore/report.h"
#include "cescore/time.h"
#include "report_xlsx_analysis.h"
#include "report_xlsx_detail.h"
#include "report_xlsx_index.h"
#include "report_xlsx_labels.h"
#include "report_xlsx_method.h"
#include "report_xlsx_sheet.h"
#include "report_xlsx_tape.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "cescore/capture.h"
#include "cescore/jobs.h"
#include "cescore/text.h"

#define EN (ctx->english)

typedef struct {
    const ces_report_ctx *ctx;
    const ces_company_result *c;
    const xl_index *ix;
    const xl_tape *method; /* the methodology sheet, recorded once for the run; NULL: built here */
} company_arg;

/* label: value; the value overflows into the empty cells to its right
 * rather than widening the indicator table's name column */
static int kv_text(xl_sheet *s, int row, xl_label label, const char *value)
{
    xl_str(s, row, 0, xl_t(s->english, label));
    xl_note(s, row, 1, value);
    return row + 1;
}

static int kv_num(xl_sheet *s, int row, xl_label label, double v, int decimals)
{
    xl_str(s, row, 0, xl_t(s->english, label));
    xl_num(s, row, 1, v, decimals);
    return row + 1;
}

static int card_head(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    const ces_group_result *g = &ctx->results->groups[c->group];
    char buf[128];
    row = kv_text(s, row, XL_CODE, c->code);
    row = kv_text(s, row, XL_NAME, c->name);
    row = kv_text(s, row, XL_GROUP, xl_group(EN, c->group));
    xl_period_text(ctx, buf, sizeof buf);
    row = kv_text(s, row, XL_PERIOD, buf);
    row = kv_num(s, row, XL_RANK, c->rank, 0);
    row = kv_num(s, row, XL_COUNT_LABEL, g->count, 0);
    row = kv_num(s, row, XL_TOTAL, c->total, 2);
    row = kv_num(s, row, XL_QUALITATIVE, c->qualitative, 2);
    row = kv_num(s, row, XL_QUANTITATIVE, c->quantitative, 2);
    row = kv_num(s, row, XL_AVERAGE, g->average_total, 2);
    row = kv_num(s, row, XL_BELOW_AVERAGE, g->below_average, 0);
    ces_buf b = {0};
    for (size_t k = 0; k < c->n_children; k++)
        ces_buf_printf(&b, "%s%s", k ? ", " : "", c->children[k]);
    if (b.p)
        row = kv_text(s, row, XL_ROLLED_UP_CHILDREN, b.p);
    ces_buf_free(&b);
    for (int k = 0; k < CES_FLAG_COUNT; k++)
        if (c->flags & (1u << k))
            ces_buf_printf(&b, "%s%s", b.len ? (EN ? ", " : "、") : "", xl_flag(EN, 1u << k));
    row = kv_text(s, row, XL_FLAGS, b.p ? b.p : xl_t(EN, XL_NONE));
    ces_buf_free(&b);
    row = kv_num(s, row, XL_RUN_ID, (double)ctx->run_id, 0);
    row = kv_text(s, row, XL_STATUS, xl_status(EN, ctx->status));
    ces_time_beijing(ctx->run_time, EN, buf, sizeof buf);
    row = kv_text(s, row, XL_RUN_TIME, buf);
    row = kv_text(s, row, XL_CONFIG, ctx->cfg->name);
    return row + 1;
}

static int card_indicators(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    xl_section(s, row++, 0, xl_t(EN, XL_M_INDICATORS));
    xl_indicator_header(s, ctx, row++, 0);
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (xl_ind_in_group((ces_ind)i, c->group) && c->ind[i].present)
            xl_indicator_row(s, ctx, c, (ces_ind)i, row++, 0);
    row = xl_subtotal_rows(s, ctx, c, row, XL_IC_NAME, XL_IC_SCORE, XL_IC_ARITH);
    row = xl_sensitivity_rows(s, ctx, c, row, 0, 0);
    return row + 1;
}

static int card_benchmarks(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    const ces_results *r = ctx->results;
    const ces_group_result *g = &r->groups[c->group];
    xl_section(s, row++, 0, xl_t(EN, XL_BENCHMARKS));
    xl_header_wrap(s, row, 0, xl_t(EN, XL_IND_ID));
    xl_header_wrap(s, row, 1, xl_t(EN, XL_IND_NAME));
    xl_header_wrap(s, row, 2, xl_t(EN, XL_BENCHMARK));
    xl_header_wrap(s, row++, 3, xl_t(EN, XL_BENCH_KIND));
    for (int i = 0; i < CES_IND_COUNT; i++) {
        if (!g->has_benchmark[i])
            continue;
        xl_wrap(s, row, 0, ces_ind_id((ces_ind)i));
        xl_wrap(s, row, 1, EN ? ctx->cfg->ind[i].en : ctx->cfg->ind[i].zh);
        xl_ind_value(s, row, 2, (ces_ind)i, g->benchmark[i]);
        xl_note(s, row++, 3,
                xl_t(EN, ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME ? XL_BENCH_MEDIAN
                                                                     : XL_BENCH_POOLED_PEER));
    }
    if (r->has_industry_mediation) {
        xl_wrap(s, row, 0, ces_ind_id(CES_IND_MEDIATION));
        xl_wrap(s, row, 1, xl_t(EN, XL_INDUSTRY_MEDIATION));
        xl_pct(s, row, 2, r->industry_mediation);
        xl_note(s, row++, 3, xl_t(EN, XL_BENCH_POOLED_INDUSTRY));
    }
    xl_wrap(s, row, 1, xl_t(EN, XL_AVERAGE));
    xl_score(s, row++, 2, g->average_total);
    return row + 1;
}

static int card_deductions(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    static const xl_label H[] = {XL_ORIG_CODE, XL_INDICATOR, XL_CATEGORY,   XL_POINTS,
                                 XL_DATE,      XL_REFERENCE, XL_DESCRIPTION};
    const ces_dataset *ds = ctx->dataset;
    size_t n = 0;
    const size_t *mine = ds ? xl_index_deductions(s->ix, c, &n) : NULL;
    if (!mine || !n)
        return row;
    xl_section(s, row++, 0, xl_t(EN, XL_DED_ROWS));
    for (int k = 0; k < 7; k++)
        xl_header_wrap(s, row, k, xl_t(EN, H[k]));
    row++;
    for (size_t k = 0; k < n; k++) {
        const ces_deduction_row *d = &ds->deductions[mine[k]];
        const ces_cfg_indicator *ci = &ctx->cfg->ind[ces_ded_indicator(d->indicator)];
        const ces_cfg_item *it = d->category ? ces_config_item(ci, d->category) : NULL;
        xl_wrap(s, row, 0, d->code);
        xl_wrap(s, row, 1, EN ? ci->en : ci->zh);
        xl_wrap(s, row, 2, it ? (EN ? it->en : it->zh) : d->category);
        xl_score(s, row, 3, d->points);
        xl_date(s, row, 4, d->date);
        xl_wrap(s, row, 5, d->reference);
        xl_note(s, row++, 6, d->description); /* the last column: overflows to the right */
    }
    return row + 1;
}

static ces_status build_company(lxw_workbook *wb, const void *arg, ces_diags *d)
{
    const company_arg *a = arg;
    const ces_report_ctx *ctx = a->ctx;
    char title[512], period[8];
    ces_period_format(ctx->results->period, period);
    snprintf(title, sizeof title, "%s %s %s", xl_t(EN, XL_SCORECARD_TITLE), period, a->c->code);
    ces_status st = xl_set_properties(wb, ctx, title, 1, d);
    if (st != CES_OK)
        return st;
    xl_formats f;
    xl_formats_init(wb, &f);
    xl_sheet card, method;
    if (xl_sheet_add(&card, wb, &f, EN, xl_t(EN, XL_SHEET_SCORECARD)) != 0 ||
        xl_sheet_add(&method, wb, &f, EN, xl_t(EN, XL_SHEET_METHOD)) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "cannot add the scorecard's sheets");
        return CES_ERR_INTERNAL;
    }
    card.ix = method.ix = a->ix;
    char head[512], disp[64];
    ces_period_display(ctx->results->period, EN, disp, sizeof disp);
    snprintf(head, sizeof head, EN ? "%s — %s — %s (%s)" : "%s %s — %s（%s）",
             EN ? xl_t(EN, XL_SCORECARD_TITLE) : disp, EN ? disp : xl_t(EN, XL_SCORECARD_TITLE),
             a->c->code, xl_status(EN, ctx->status));
    xl_title(&card, 0, 0, head);
    int row = card_head(&card, ctx, a->c, 2);
    row = card_indicators(&card, ctx, a->c, row);
    row = card_benchmarks(&card, ctx, a->c, row);
    row = card_deductions(&card, ctx, a->c, row);
    xl_case_rows(&card, ctx, a->c, row);
    xl_fit_columns(&card, 40);
    snprintf(head, sizeof head, "%s %s", xl_t(EN, XL_SCORECARD_TITLE), a->c->code);
    xl_print_setup(&card, ctx, head, 0, 0);
    if (a->method)
        xl_tape_play(&method, a->method);
    else
        xl_methodology_sheet(&method, ctx);
    if ((st = xl_sheet_status(&card, d)) != CES_OK)
        return st;
    return xl_sheet_status(&method, d);
}

static ces_status run_time_ok(const ces_report_ctx *ctx, ces_diags *d)
{
    time_t t;
    if (ces_time_parse(ctx->run_time, &t) == 0)
        return CES_OK;
    ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                 "the run's time \"%s\" is not an ISO 8601 UTC time",
                 ctx->run_time ? ctx->run_time : "");
    return CES_ERR_INVALID;
}

/* The scorecards of a run, one job each (jobs.h): every job writes its own
 * temporary (created beforehand, in order, by the folder of outputs) and
 * keeps its own messages, gathered afterwards in the companies' order. */
typedef struct {
    const ces_report_ctx *ctx;
    const xl_index *ix;
    char **names;     /* each company's file name */
    const char **ats; /* ... and its temporary */
    ces_diags *diags;
    ces_status *st;
    const xl_tape *method; /* their methodology sheet, or NULL */
} card_jobs;

static int card_job(void *arg, size_t k)
{
    card_jobs *j = arg;
    company_arg a = {j->ctx, &j->ctx->results->companies[k], j->ix, j->method};
    j->st[k] = xl_write_workbook_uncaptured(j->ats[k], j->names[k], build_company, &a, &j->diags[k]);
    return j->st[k] != CES_OK;
}

static void card_jobs_free(card_jobs *j, size_t n)
{
    for (size_t k = 0; j->names && k < n; k++)
        free(j->names[k]);
    for (size_t k = 0; j->diags && k < n; k++)
        ces_diags_free(&j->diags[k]);
    free(j->names);
    free(j->ats);
    free(j->diags);
    free(j->st);
    xl_index_free((xl_index *)j->ix);
    xl_tape_free((xl_tape *)j->method);
}

/* Each company's file in f, in the companies' order. */
static ces_status card_files(card_jobs *j, size_t n, ces_output_folder *f, ces_diags *d)
{
    for (size_t k = 0; k < n; k++) {
        const ces_company_result *c = &j->ctx->results->companies[k];
        char name[512];
        if (ces_scorecard_file_name(c->code, name, sizeof name) != 0) {
            ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                         "company code %s cannot name a scorecard file (longer than 255 bytes)",
                         c->code);
            return CES_ERR_INVALID;
        }
        if (!(j->names[k] = strdup(name)))
            return CES_ERR_NOMEM;
        ces_status st = ces_outputs_folder_file(f, name, &j->ats[k], d);
        if (st != CES_OK)
            return st;
    }
    return CES_OK;
}

/* The methodology sheet of every scorecard of the run, recorded with the
 * formats of a workbook never written (only which format a cell has is
 * recorded); NULL when out of memory (each scorecard then builds its own). */
static xl_tape *record_methodology(const ces_report_ctx *ctx)
{
    lxw_workbook *wb = workbook_new("methodology.xlsx");
    xl_tape *t = wb ? xl_tape_new() : NULL;
    if (t) {
        xl_formats f;
        xl_formats_init(wb, &f);
        xl_sheet s;
        xl_sheet_record(&s, &f, EN, xl_t(EN, XL_SHEET_METHOD), t);
        xl_methodology_sheet(&s, ctx);
        if (!xl_tape_ok(t)) {
            xl_tape_free(t);
            t = NULL;
        }
    }
    lxw_workbook_free(wb);
    return t;
}

ces_status ces_report_per_company_into(const ces_report_ctx *ctx, ces_output_folder *f, ces_diags *d)
{
    ces_status st = run_time_ok(ctx, d);
    if (st != CES_OK)
        return st;
    size_t n = ctx->results->n_companies;
    card_jobs j = {ctx,
                   xl_index_new(ctx),
                   calloc(n + 1, sizeof(char *)),
                   calloc(n + 1, sizeof(char *)),
                   calloc(n + 1, sizeof(ces_diags)),
                   calloc(n + 1, sizeof(ces_status)),
                   record_methodology(ctx)};
    if (!j.ix || !j.names || !j.ats || !j.diags || !j.st) {
        card_jobs_free(&j, 0);
        return CES_ERR_NOMEM;
    }
    for (size_t k = 0; k < n; k++) {
        ces_diags_init(&j.diags[k]);
        j.st[k] = CES_OK;
    }
    st = card_files(&j, n, f, d);
    if (st == CES_OK) {
        /* libxlsxwriter's own lines on standard error, of any of the
         * workbooks: captured once around them all */
        ces_capture cap;
        ces_capture_begin(&cap);
        ces_jobs_run(n, ctx->jobs ? ctx->jobs : ces_jobs_available(), card_job, &j);
        const char *failed = NULL;
        for (size_t k = 0; k < n; k++) {
            ces_diags_append(d, &j.diags[k]);
            if (j.st[k] != CES_OK) {
                st = j.st[k];
                failed = j.names[k];
                break;
            }
        }
        ces_capture_end(&cap, d, failed, "libxlsxwriter");
    }
    card_jobs_free(&j, n);
    return st;
}

ces_status ces_report_scorecard_at(const ces_report_ctx *ctx, const char *code, const char *at,
                                   const char *path, ces_diags *d)
{
    for (size_t k = 0; ctx && ctx->results && k < ctx->results->n_companies; k++)
        if (!strcmp(ctx->results->companies[k].code, code)) {
            company_arg a = {ctx, &ctx->results->companies[k], xl_index_new(ctx), NULL};
            if (!a.ix)
                return CES_ERR_NOMEM;
            ces_status st = at ? xl_write_workbook_at(at, path, build_company, &a, d)
                               : xl_write_workbook(path, build_company, &a, d);
            xl_index_free((xl_index *)a.ix);
            return st;
        }
    ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: no company %s to write a scorecard for",
                 path, code);
    return CES_ERR_INVALID;
}

ces_status ces_report_scorecard(const ces_report_ctx *ctx, const char *code, const char *path,
                                ces_diags *d)
{
    return ces_report_scorecard_at(ctx, code, NULL, path, d);
}

ces_status ces_report_per_company(const ces_report_ctx *ctx, const char *dir, ces_diags *d)
{
    if (!ctx || !ctx->results || !ctx->cfg || !dir || !*dir) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "per-company workbooks: nothing to write");
        return CES_ERR_INTERNAL;
    }
    ces_status st = run_time_ok(ctx, d);
    if (st != CES_OK)
        return st;
    ces_outputs *o = ces_outputs_new();
    ces_output_folder *f = NULL;
    if (!o)
        return CES_ERR_NOMEM;
    st = ces_outputs_folder(o, dir, CES_SCORECARDS_KIND, 1, &f, d);
    if (st == CES_OK)
        st = ces_report_per_company_into(ctx, f, d);
    if (st == CES_OK)
        st = ces_outputs_ready(o, d);
    if (st == CES_OK)
        st = ces_outputs_publish(o, d);
    ces_outputs_free(o);
    return st;
}
