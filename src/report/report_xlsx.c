/* The workbook of docs/outputs.md: nine sheets written from the archived run.
 * Nothing is computed here beyond counting totals into 10-point bands. */
#include "cescore/report.h"
#include "report_xlsx_detail.h"
#include "report_xlsx_labels.h"
#include "report_xlsx_method.h"
#include "report_xlsx_sheet.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EN (ctx->english)
#define XL_BANDS 10

/* ---- 总览 ------------------------------------------------------------------ */

static int kv_row(xl_sheet *s, int row, xl_label label, const char *value)
{
    xl_str(s, row, 0, xl_t(s->english, label));
    xl_str(s, row, 1, value);
    return row + 1;
}

static int overview_info(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    const ces_results *r = ctx->results;
    char buf[128];
    xl_period_text(ctx, buf, sizeof buf);
    row = kv_row(s, row, XL_PERIOD, buf);
    xl_str(s, row, 0, xl_t(EN, XL_RUN_ID));
    xl_num(s, row++, 1, (double)ctx->run_id, 0);
    row = kv_row(s, row, XL_ENGINE_VERSION, ctx->engine_version);
    row = kv_row(s, row, XL_CONFIG, ctx->cfg->name);
    row = kv_row(s, row, XL_RUN_TIME, ctx->run_time);
    xl_str(s, row, 0, xl_t(EN, XL_INDUSTRY_MEDIATION));
    if (r->has_industry_mediation)
        xl_value(s, row++, 1, r->industry_mediation);
    else
        xl_str(s, row++, 1, xl_t(EN, XL_NONE));
    return row + 1;
}

static int overview_groups(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    xl_section(s, row++, 0, xl_t(EN, XL_GROUP_STATS));
    xl_header(s, row, 0, xl_t(EN, XL_GROUP));
    xl_header(s, row, 1, xl_t(EN, XL_COUNT));
    xl_header(s, row, 2, xl_t(EN, XL_AVERAGE));
    xl_header(s, row++, 3, xl_t(EN, XL_BELOW_AVERAGE));
    for (int g = 0; g < CES_GROUP_COUNT; g++, row++) {
        const ces_group_result *gr = &ctx->results->groups[g];
        xl_str(s, row, 0, xl_group(EN, (ces_group)g));
        xl_num(s, row, 1, gr->count, 0);
        xl_score(s, row, 2, gr->average_total);
        xl_num(s, row, 3, gr->below_average, 0);
    }
    return row + 1;
}

static const char *bench_kind(const ces_report_ctx *ctx, ces_ind i)
{
    if (ces_ind_kind(i) == CES_KIND_VOLUME)
        return xl_t(EN, XL_BENCH_MEDIAN);
    return xl_t(EN, ctx->cfg->ind[i].benchmark_scope == CES_SCOPE_INDUSTRY ? XL_BENCH_POOLED_INDUSTRY
                                                                           : XL_BENCH_POOLED_PEER);
}

static int overview_benchmarks(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    const ces_results *r = ctx->results;
    xl_section(s, row++, 0, xl_t(EN, XL_BENCHMARKS));
    xl_header(s, row, 0, xl_t(EN, XL_IND_NAME));
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        xl_header(s, row, 1 + g, xl_group(EN, (ces_group)g));
    xl_header(s, row++, 3, xl_t(EN, XL_BENCH_KIND));
    for (int i = 0; i < CES_IND_COUNT; i++) {
        if (!r->groups[0].has_benchmark[i] && !r->groups[1].has_benchmark[i])
            continue;
        xl_str(s, row, 0, EN ? ctx->cfg->ind[i].en : ctx->cfg->ind[i].zh);
        for (int g = 0; g < CES_GROUP_COUNT; g++)
            if (r->groups[g].has_benchmark[i])
                xl_value(s, row, 1 + g, r->groups[g].benchmark[i]);
        xl_str(s, row++, 3, bench_kind(ctx, (ces_ind)i));
    }
    if (r->has_industry_mediation) {
        xl_str(s, row, 0, xl_t(EN, XL_INDUSTRY_MEDIATION));
        xl_value(s, row, 1, r->industry_mediation);
        xl_value(s, row, 2, r->industry_mediation);
        xl_str(s, row++, 3, xl_t(EN, XL_BENCH_POOLED_INDUSTRY));
    }
    return row + 1;
}

static void overview_chart(xl_sheet *s, const ces_report_ctx *ctx, int head, int first, int last)
{
    lxw_chart *chart = workbook_add_chart(s->wb, LXW_CHART_COLUMN);
    if (!chart) {
        s->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return;
    }
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
        if (!ser) {
            s->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
            return;
        }
        chart_series_set_categories(ser, s->name, (lxw_row_t)first, 0, (lxw_row_t)last, 0);
        chart_series_set_values(ser, s->name, (lxw_row_t)first, (lxw_col_t)(1 + g), (lxw_row_t)last,
                                (lxw_col_t)(1 + g));
        chart_series_set_name_range(ser, s->name, (lxw_row_t)head, (lxw_col_t)(1 + g));
    }
    chart_title_set_name(chart, xl_t(EN, XL_CHART_TITLE));
    chart_axis_set_name(chart->x_axis, xl_t(EN, XL_CHART_X));
    chart_axis_set_name(chart->y_axis, xl_t(EN, XL_CHART_Y));
    chart_axis_set_min(chart->y_axis, 0);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1.3, .y_scale = 1.3};
    lxw_error le = worksheet_insert_chart_opt(s->ws, 2, 5, chart, &opt);
    if (le != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = le;
}

static int overview_distribution(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    const ces_results *r = ctx->results;
    int counts[CES_GROUP_COUNT][XL_BANDS] = {{0}};
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        int band = isfinite(c->total) ? (int)floor(c->total / 10) : 0;
        band = band < 0 ? 0 : band >= XL_BANDS ? XL_BANDS - 1 : band;
        if ((unsigned)c->group < CES_GROUP_COUNT)
            counts[c->group][band]++;
    }
    xl_section(s, row++, 0, xl_t(EN, XL_DISTRIBUTION));
    int head = row;
    xl_header(s, row, 0, xl_t(EN, XL_BAND));
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        xl_header(s, row, 1 + g, xl_group(EN, (ces_group)g));
    row++;
    for (int b = 0; b < XL_BANDS; b++, row++) {
        char label[32];
        snprintf(label, sizeof label, b == XL_BANDS - 1 ? "[%d,%d]" : "[%d,%d)", b * 10, b * 10 + 10);
        xl_str(s, row, 0, label);
        for (int g = 0; g < CES_GROUP_COUNT; g++)
            xl_num(s, row, 1 + g, counts[g][b], 0);
    }
    overview_chart(s, ctx, head, head + 1, head + XL_BANDS);
    return row + 1;
}

static void overview_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    char title[256], period[64];
    ces_period_display(ctx->results->period, EN, period, sizeof period);
    snprintf(title, sizeof title, "%s — %s", xl_t(EN, XL_TITLE), period);
    xl_title(s, 0, 0, title);
    int row = overview_info(s, ctx, 2);
    row = overview_groups(s, ctx, row);
    row = overview_benchmarks(s, ctx, row);
    overview_distribution(s, ctx, row);
    xl_fit_columns(s, 50);
    xl_print_setup(s, -1);
}

/* ---- 排名 ------------------------------------------------------------------ */

static void ranking_sheet(xl_sheet *s, const ces_report_ctx *ctx, ces_group g)
{
    static const xl_label H[] = {XL_RANK, XL_CODE, XL_NAME, XL_TOTAL, XL_QUALITATIVE, XL_QUANTITATIVE};
    const ces_results *r = ctx->results;
    int col = 0;
    for (size_t k = 0; k < sizeof H / sizeof H[0]; k++)
        xl_header(s, 0, col++, xl_t(EN, H[k]));
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (xl_ind_in_group((ces_ind)i, g))
            xl_header_wrap(s, 0, col++, EN ? ctx->cfg->ind[i].en : ctx->cfg->ind[i].zh);
    int last_col = col - 1, row = 1;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        if (c->group != g)
            continue;
        xl_num(s, row, 0, c->rank, 0);
        xl_str(s, row, 1, c->code);
        xl_str(s, row, 2, c->name);
        xl_score(s, row, 3, c->total);
        xl_score(s, row, 4, c->qualitative);
        xl_score(s, row, 5, c->quantitative);
        col = 6;
        for (int i = 0; i < CES_IND_COUNT; i++)
            if (xl_ind_in_group((ces_ind)i, g))
                xl_score(s, row, col++, c->ind[i].score);
        row++;
    }
    worksheet_freeze_panes(s->ws, 1, 3);
    worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)(row > 1 ? row - 1 : 0), (lxw_col_t)last_col);
    if (row > 1) {
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                     .min_color = 0xF8696B,
                                     .mid_color = 0xFFEB84,
                                     .max_color = 0x63BE7B};
        lxw_error le = worksheet_conditional_format_range(s->ws, 1, 3, (lxw_row_t)(row - 1), 3, &cf);
        if (le != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
            s->err = le;
    }
    worksheet_set_row(s->ws, 0, EN ? 45 : 30, NULL);
    xl_fit_columns(s, 40);
    xl_print_setup(s, 0);
}

/* ---- 明细 ------------------------------------------------------------------ */

static void detail_sheet(xl_sheet *s, const ces_report_ctx *ctx, ces_group g)
{
    const ces_results *r = ctx->results;
    xl_header(s, 0, 0, xl_t(EN, XL_CODE));
    xl_header(s, 0, 1, xl_t(EN, XL_NAME));
    xl_indicator_header(s, ctx, 0, 2);
    int row = 1;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        if (c->group != g)
            continue;
        for (int i = 0; i < CES_IND_COUNT; i++) {
            if (!xl_ind_in_group((ces_ind)i, g))
                continue;
            xl_str(s, row, 0, c->code);
            xl_str(s, row, 1, c->name);
            xl_indicator_row(s, ctx, c, (ces_ind)i, row++, 2);
            if (ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME &&
                (i + 1 == CES_IND_COUNT || ces_ind_kind((ces_ind)(i + 1)) != CES_KIND_VOLUME ||
                 !xl_ind_in_group((ces_ind)(i + 1), g))) {
                xl_str(s, row, 0, c->code);
                xl_str(s, row, 1, c->name);
                xl_volume_block_row(s, ctx, c, row++, 2);
            }
        }
    }
    worksheet_freeze_panes(s->ws, 1, 2);
    worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)(row > 1 ? row - 1 : 0), 2 + XL_IC_ARITH);
    xl_fit_columns(s, 60);
    xl_print_setup(s, 0);
}

/* ---- 扣分明细 -------------------------------------------------------------- */

static const ces_company_result *scored_owner(const ces_report_ctx *ctx, const ces_deduction_row *d)
{
    for (size_t k = 0; k < ctx->results->n_companies; k++)
        if (xl_deduction_belongs(ctx, d, &ctx->results->companies[k]))
            return &ctx->results->companies[k];
    return NULL;
}

static const char *category_name(const ces_report_ctx *ctx, const ces_deduction_row *d)
{
    if (!d->category)
        return NULL;
    const ces_cfg_item *it = ces_config_item(&ctx->cfg->ind[ces_ded_indicator(d->indicator)],
                                             d->category);
    return it ? (EN ? it->en : it->zh) : d->category;
}

static int deduction_rows(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    static const xl_label H[] = {XL_ORIG_CODE, XL_NAME,        XL_INTO,          XL_INDICATOR,
                                 XL_CATEGORY,  XL_POINTS,      XL_POINTS_SOURCE, XL_DATE,
                                 XL_REFERENCE, XL_DESCRIPTION, XL_SOURCE_LINE};
    const int ncol = (int)(sizeof H / sizeof H[0]);
    const ces_dataset *ds = ctx->dataset;
    xl_section(s, row++, 0, xl_t(EN, XL_DED_ROWS));
    int head = row;
    for (int k = 0; k < ncol; k++)
        xl_header(s, row, k, xl_t(EN, H[k]));
    row++;
    for (size_t k = 0; k < ds->n_deductions; k++, row++) {
        const ces_deduction_row *d = &ds->deductions[k];
        const ces_company_result *owner = scored_owner(ctx, d);
        const ces_cfg_indicator *ci = &ctx->cfg->ind[ces_ded_indicator(d->indicator)];
        xl_str(s, row, 0, d->code);
        xl_str(s, row, 1, xl_company_name(ctx, d->code));
        if (owner)
            xl_str(s, row, 2, owner->code);
        xl_str(s, row, 3, EN ? ci->en : ci->zh);
        xl_str(s, row, 4, category_name(ctx, d));
        xl_score(s, row, 5, d->points);
        xl_str(s, row, 6, xl_t(EN, d->points_given ? XL_POINTS_GIVEN : XL_POINTS_BY_CATEGORY));
        xl_date(s, row, 7, d->date);
        xl_str(s, row, 8, d->reference);
        xl_str(s, row, 9, d->description);
        xl_num(s, row, 10, (double)d->line, 0);
    }
    worksheet_freeze_panes(s->ws, (lxw_row_t)(head + 1), 0);
    worksheet_autofilter(s->ws, (lxw_row_t)head, 0, (lxw_row_t)(row > head + 1 ? row - 1 : head),
                         (lxw_col_t)(ncol - 1));
    return row + 1;
}

static int deduction_capped(xl_sheet *s, const ces_report_ctx *ctx, int row, int first_table)
{
    static const xl_label H[] = {XL_CODE,       XL_NAME, XL_GROUP, XL_INDICATOR,
                                 XL_POINTS_SUM, XL_CAP,  XL_CAPPED};
    const int ncol = (int)(sizeof H / sizeof H[0]);
    xl_section(s, row++, 0, xl_t(EN, XL_DED_CAPPED));
    int head = row;
    for (int k = 0; k < ncol; k++)
        xl_header(s, row, k, xl_t(EN, H[k]));
    row++;
    const ces_results *r = ctx->results;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        for (int i = 0; i < CES_IND_COUNT; i++) {
            const ces_ind_result *x = &c->ind[i];
            if (ces_ind_kind((ces_ind)i) != CES_KIND_DEDUCTION || !x->present ||
                (x->points == 0 && x->score == 0))
                continue;
            xl_str(s, row, 0, c->code);
            xl_str(s, row, 1, c->name);
            xl_str(s, row, 2, xl_group(EN, c->group));
            xl_str(s, row, 3, EN ? ctx->cfg->ind[i].en : ctx->cfg->ind[i].zh);
            xl_score(s, row, 4, x->points);
            xl_score(s, row, 5, x->max);
            xl_score(s, row++, 6, x->score);
        }
    }
    if (first_table) {
        worksheet_freeze_panes(s->ws, (lxw_row_t)(head + 1), 0);
        worksheet_autofilter(s->ws, (lxw_row_t)head, 0, (lxw_row_t)(row > head + 1 ? row - 1 : head),
                             (lxw_col_t)(ncol - 1));
    }
    return row;
}

static void deductions_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    int row = 0;
    if (ctx->dataset)
        row = deduction_rows(s, ctx, row) + 1;
    deduction_capped(s, ctx, row, !ctx->dataset);
    xl_fit_columns(s, 60);
    xl_print_setup(s, -1);
}

/* ---- 未纳入考评 ------------------------------------------------------------ */

static const ces_company *dataset_company(const ces_report_ctx *ctx, const char *code)
{
    for (size_t k = 0; ctx->dataset && code && k < ctx->dataset->n_companies; k++)
        if (!strcmp(ctx->dataset->companies[k].code, code))
            return &ctx->dataset->companies[k];
    return NULL;
}

static void excluded_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    static const xl_label H[] = {XL_CODE, XL_NAME, XL_GROUP, XL_ORG_TYPE, XL_REASON, XL_INTO};
    const int ncol = (int)(sizeof H / sizeof H[0]);
    for (int k = 0; k < ncol; k++)
        xl_header(s, 0, k, xl_t(EN, H[k]));
    const ces_results *r = ctx->results;
    int row = 1;
    for (size_t k = 0; k < r->n_excluded; k++, row++) {
        const ces_excluded *e = &r->excluded[k];
        const ces_company *dc = dataset_company(ctx, e->code);
        xl_str(s, row, 0, e->code);
        xl_str(s, row, 1, e->name);
        xl_str(s, row, 2, xl_group(EN, e->group));
        if (dc)
            xl_str(s, row, 3, xl_org_type(EN, dc->org_type));
        xl_str(s, row, 4, xl_reason(EN, e->reason));
        xl_str(s, row, 5, e->into);
    }
    worksheet_freeze_panes(s->ws, 1, 0);
    worksheet_autofilter(s->ws, 0, 0, (lxw_row_t)(row > 1 ? row - 1 : 0), (lxw_col_t)(ncol - 1));
    xl_fit_columns(s, 60);
    xl_print_setup(s, 0);
}

/* ---- 审计信息 -------------------------------------------------------------- */

static int audit_info(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    const ces_results *r = ctx->results;
    char buf[128];
    xl_period_text(ctx, buf, sizeof buf);
    row = kv_row(s, row, XL_PERIOD, buf);
    xl_str(s, row, 0, xl_t(EN, XL_RUN_ID));
    xl_num(s, row++, 1, (double)ctx->run_id, 0);
    row = kv_row(s, row, XL_RUN_TIME, ctx->run_time);
    row = kv_row(s, row, XL_OPERATOR, ctx->operator_name);
    row = kv_row(s, row, XL_ENGINE_VERSION, ctx->engine_version);
    row = kv_row(s, row, XL_CONFIG, ctx->cfg->name);
    row = kv_row(s, row, XL_CONFIG_SHA, ctx->cfg->sha256);
    row = kv_row(s, row, XL_PRIOR_PERIOD, r->prior_period);
    row = kv_row(s, row, XL_PRIOR_SOURCE, ces_prior_source_id(r->prior_source));
    if (r->prior_source == CES_PRIOR_SOURCE_ARCHIVE) {
        xl_str(s, row, 0, xl_t(EN, XL_PRIOR_RUN));
        xl_num(s, row++, 1, (double)r->prior_run_id, 0);
    }
    return row + 1;
}

static void audit_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    static const xl_label H[] = {XL_FILE, XL_PRESENT, XL_ROWS, XL_ENCODING, XL_SHA256};
    xl_title(s, 0, 0, xl_t(EN, XL_SHEET_AUDIT));
    int row = audit_info(s, ctx, 2);
    xl_section(s, row++, 0, xl_t(EN, XL_FILES));
    for (int k = 0; k < 5; k++)
        xl_header(s, row, k, xl_t(EN, H[k]));
    row++;
    for (int k = 0; ctx->files && k < CES_FILE_COUNT; k++, row++) {
        const ces_input_file *f = &ctx->files[k];
        xl_str(s, row, 0, ces_file_name((ces_file_kind)k));
        xl_str(s, row, 1, xl_t(EN, f->present ? XL_YES : XL_NOT_GIVEN));
        if (!f->present)
            continue;
        xl_num(s, row, 2, (double)f->rows, 0);
        xl_str(s, row, 3, f->encoding);
        xl_str(s, row, 4, f->sha256);
    }
    xl_fit_columns(s, 70);
    xl_print_setup(s, -1);
}

/* ---- the workbook ---------------------------------------------------------- */

static ces_status build_workbook(lxw_workbook *wb, const void *arg, ces_diags *d)
{
    const ces_report_ctx *ctx = arg;
    char title[256], period[8];
    ces_period_format(ctx->results->period, period);
    snprintf(title, sizeof title, "%s %s", xl_t(EN, XL_TITLE), period);
    ces_status st = xl_set_properties(wb, ctx, title, d);
    if (st != CES_OK)
        return st;
    xl_formats f;
    xl_formats_init(wb, &f);
    static const xl_label SHEETS[] = {XL_SHEET_OVERVIEW,  XL_SHEET_RANK_PC,     XL_SHEET_RANK_LIFE,
                                      XL_SHEET_DETAIL_PC, XL_SHEET_DETAIL_LIFE, XL_SHEET_DEDUCTIONS,
                                      XL_SHEET_EXCLUDED,  XL_SHEET_METHOD,      XL_SHEET_AUDIT};
    enum { NSHEETS = sizeof SHEETS / sizeof SHEETS[0] };
    xl_sheet s[NSHEETS];
    for (int k = 0; k < NSHEETS; k++)
        if (xl_sheet_add(&s[k], wb, &f, EN, xl_t(EN, SHEETS[k])) != 0) {
            ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "cannot add sheet %s",
                         xl_t(EN, SHEETS[k]));
            return CES_ERR_INTERNAL;
        }
    overview_sheet(&s[0], ctx);
    ranking_sheet(&s[1], ctx, CES_GROUP_PC);
    ranking_sheet(&s[2], ctx, CES_GROUP_LIFE);
    detail_sheet(&s[3], ctx, CES_GROUP_PC);
    detail_sheet(&s[4], ctx, CES_GROUP_LIFE);
    deductions_sheet(&s[5], ctx);
    excluded_sheet(&s[6], ctx);
    xl_methodology_sheet(&s[7], ctx);
    audit_sheet(&s[8], ctx);
    for (int k = 0; k < NSHEETS; k++)
        if ((st = xl_sheet_status(&s[k], d)) != CES_OK)
            return st;
    return CES_OK;
}

static ces_status nothing_to_write(const ces_report_ctx *ctx, const char *path, ces_diags *d)
{
    if (ctx && ctx->results && ctx->cfg && path)
        return CES_OK;
    ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "workbook: nothing to write");
    return CES_ERR_INTERNAL;
}

ces_status ces_report_xlsx(const ces_report_ctx *ctx, const char *path, ces_diags *d)
{
    ces_status st = nothing_to_write(ctx, path, d);
    return st == CES_OK ? xl_write_workbook(path, build_workbook, ctx, d) : st;
}

ces_status ces_report_xlsx_at(const ces_report_ctx *ctx, const char *at, const char *path, ces_diags *d)
{
    ces_status st = nothing_to_write(ctx, at, d);
    return st == CES_OK ? xl_write_workbook_at(at, path, build_workbook, ctx, d) : st;
}
