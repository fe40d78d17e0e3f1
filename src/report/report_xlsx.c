/* The workbook of docs/outputs.md (nine sheets, and a tenth, 投诉分析, for a
 * run that analysed case lists: report_xlsx_analysis.c) and the publication
 * workbook (four of them), written from the archived run. Nothing is computed
 * here but presentation: totals counted into score bands, the groups' mean
 * scores for the second chart, and the rank change against the prior
 * published run. */
#include "cescore/report.h"
#include "cescore/time.h"
#include "report_xlsx_analysis.h"
#include "report_xlsx_detail.h"
#include "report_xlsx_index.h"
#include "report_xlsx_labels.h"
#include "report_xlsx_method.h"
#include "report_xlsx_sheet.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define EN (ctx->english)

/* ---- shared ------------------------------------------------------------- */

/* "2024年上半年（2024H1）" on the info rows; "运行 7（正式）". */
static void run_text(const ces_report_ctx *ctx, char *buf, size_t n)
{
    snprintf(buf, n, EN ? "%ld (%s)" : "%ld（%s）", ctx->run_id, xl_status(EN, ctx->status));
}

/* "2024年上半年 <title> — <what>（正式）": the first row of a sheet names the
 * evaluation, the period and the run's status. */
static void sheet_title(const ces_report_ctx *ctx, const char *what, char *buf, size_t n)
{
    char period[64];
    ces_period_display(ctx->results->period, EN, period, sizeof period);
    snprintf(buf, n, EN ? "%s — %s: %s (%s)" : "%s %s — %s（%s）", EN ? xl_t(EN, XL_TITLE) : period,
             EN ? period : xl_t(EN, XL_TITLE), what, xl_status(EN, ctx->status));
}

/* "考评期间 … · 运行 7 · 状态 正式 · 运行时间 2024-07-20 17:00 北京时间 · 考评口径 …" */
static void run_line(const ces_report_ctx *ctx, char *buf, size_t n)
{
    char period[128], when[64];
    xl_period_text(ctx, period, sizeof period);
    ces_time_beijing(ctx->run_time, EN, when, sizeof when);
    snprintf(buf, n, "%s %s · %s %ld · %s %s · %s %s · %s %s", xl_t(EN, XL_PERIOD), period,
             xl_t(EN, XL_RUN), ctx->run_id, xl_t(EN, XL_STATUS), xl_status(EN, ctx->status),
             xl_t(EN, XL_RUN_TIME), when, xl_t(EN, XL_CONFIG), ctx->cfg->name);
}

/* ---- 总览 ------------------------------------------------------------------ */

static int kv_row(xl_sheet *s, int row, xl_label label, const char *value)
{
    xl_str(s, row, 0, xl_t(s->english, label));
    xl_note(s, row, 1, value);
    return row + 1;
}

static int overview_info(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    const ces_results *r = ctx->results;
    char buf[128];
    xl_period_text(ctx, buf, sizeof buf);
    row = kv_row(s, row, XL_PERIOD, buf);
    run_text(ctx, buf, sizeof buf);
    row = kv_row(s, row, XL_RUN_ID, buf);
    row = kv_row(s, row, XL_STATUS, xl_status(EN, ctx->status));
    row = kv_row(s, row, XL_ENGINE_VERSION, ctx->engine_version);
    row = kv_row(s, row, XL_CONFIG, ctx->cfg->name);
    ces_time_beijing(ctx->run_time, EN, buf, sizeof buf);
    row = kv_row(s, row, XL_RUN_TIME, buf);
    xl_str(s, row, 0, xl_t(EN, XL_INDUSTRY_MEDIATION));
    if (r->has_industry_mediation)
        xl_pct(s, row++, 1, r->industry_mediation);
    else
        xl_str(s, row++, 1, xl_t(EN, XL_NONE));
    return row + 1;
}

static int overview_groups(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    xl_section(s, row++, 0, xl_t(EN, XL_GROUP_STATS));
    xl_header(s, row, 0, xl_t(EN, XL_GROUP));
    xl_header_wrap(s, row, 1, xl_t(EN, XL_COUNT));
    xl_header_wrap(s, row, 2, xl_t(EN, XL_AVERAGE));
    xl_header_wrap(s, row++, 3, xl_t(EN, XL_BELOW_AVERAGE));
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
        xl_wrap(s, row, 0, EN ? ctx->cfg->ind[i].en : ctx->cfg->ind[i].zh);
        for (int g = 0; g < CES_GROUP_COUNT; g++)
            if (r->groups[g].has_benchmark[i])
                xl_ind_value(s, row, 1 + g, (ces_ind)i, r->groups[g].benchmark[i]);
        xl_wrap(s, row++, 3, bench_kind(ctx, (ces_ind)i));
    }
    if (r->has_industry_mediation) {
        xl_wrap(s, row, 0, xl_t(EN, XL_INDUSTRY_MEDIATION));
        xl_pct(s, row, 1, r->industry_mediation);
        xl_pct(s, row, 2, r->industry_mediation);
        xl_wrap(s, row++, 3, xl_t(EN, XL_BENCH_POOLED_INDUSTRY));
    }
    return row + 1;
}

/* Score bands of XL_BAND_WIDTH points from the lowest total rounded down to
 * a multiple of the width, up to 100 (docs/workbook.md, "The charts"). */
#define XL_BAND_WIDTH 5
#define XL_MAX_BANDS (100 / XL_BAND_WIDTH)

static int first_band(const ces_results *r)
{
    double lo = 100;
    for (size_t k = 0; k < r->n_companies; k++)
        if (isfinite(r->companies[k].total) && r->companies[k].total < lo)
            lo = r->companies[k].total;
    int b = lo > 0 ? (int)floor(lo / XL_BAND_WIDTH) : 0;
    return b >= XL_MAX_BANDS ? XL_MAX_BANDS - 1 : b;
}

static void chart_fail(xl_sheet *s, lxw_error le)
{
    if (le != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = le;
}

/* The distribution as one polygon per group (count per band at the band's
 * midpoint) and each group's average as a vertical line. */
static void distribution_chart(xl_sheet *s, const ces_report_ctx *ctx, int head, int first, int last,
                               int avg_row, int anchor_row)
{
    lxw_chart *chart = workbook_add_chart(s->wb, LXW_CHART_SCATTER_STRAIGHT_WITH_MARKERS);
    if (!chart) {
        chart_fail(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    static const lxw_color_t COLOR[CES_GROUP_COUNT] = {0x2F5597, 0xC55A11};
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
        lxw_chart_series *avg = chart_add_series(chart, NULL, NULL);
        if (!ser || !avg) {
            chart_fail(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        chart_series_set_categories(ser, s->name, (lxw_row_t)first, 1, (lxw_row_t)last, 1);
        chart_series_set_values(ser, s->name, (lxw_row_t)first, (lxw_col_t)(2 + g), (lxw_row_t)last,
                                (lxw_col_t)(2 + g));
        chart_series_set_name_range(ser, s->name, (lxw_row_t)head, (lxw_col_t)(2 + g));
        lxw_chart_line line = {.color = COLOR[g], .width = 2.25};
        chart_series_set_line(ser, &line);
        lxw_chart_fill mfill = {.color = COLOR[g]};
        chart_series_set_marker_type(ser, LXW_CHART_MARKER_CIRCLE);
        chart_series_set_marker_fill(ser, &mfill);
        chart_series_set_marker_line(ser, &line);
        /* the average: two points (average, 0) and (average, top), a dashed line */
        chart_series_set_categories(avg, s->name, (lxw_row_t)avg_row, (lxw_col_t)(1 + 2 * g),
                                    (lxw_row_t)(avg_row + 1), (lxw_col_t)(1 + 2 * g));
        chart_series_set_values(avg, s->name, (lxw_row_t)avg_row, (lxw_col_t)(2 + 2 * g),
                                (lxw_row_t)(avg_row + 1), (lxw_col_t)(2 + 2 * g));
        chart_series_set_name_range(avg, s->name, (lxw_row_t)(avg_row - 1), (lxw_col_t)(1 + 2 * g));
        lxw_chart_line dash = {.color = COLOR[g], .width = 1.5, .dash_type = LXW_CHART_LINE_DASH_DASH};
        chart_series_set_line(avg, &dash);
        chart_series_set_marker_type(avg, LXW_CHART_MARKER_NONE);
    }
    int lo = first_band(ctx->results) * XL_BAND_WIDTH;
    chart_title_set_name(chart, xl_t(EN, XL_CHART_TITLE));
    chart_axis_set_name(chart->x_axis, xl_t(EN, XL_TOTAL));
    chart_axis_set_name(chart->y_axis, xl_t(EN, XL_CHART_Y));
    chart_axis_set_min(chart->x_axis, lo);
    chart_axis_set_max(chart->x_axis, 100);
    chart_axis_set_major_unit(chart->x_axis, XL_BAND_WIDTH);
    chart_axis_set_min(chart->y_axis, 0);
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1.25, .y_scale = 1.25};
    chart_fail(s, worksheet_insert_chart_opt(s->ws, (lxw_row_t)anchor_row, 5, chart, &opt));
}

static int overview_distribution(xl_sheet *s, const ces_report_ctx *ctx, int row, int anchor_row)
{
    const ces_results *r = ctx->results;
    int b0 = first_band(r), nb = XL_MAX_BANDS - b0;
    int counts[CES_GROUP_COUNT][XL_MAX_BANDS] = {{0}};
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        int band = isfinite(c->total) ? (int)floor(c->total / XL_BAND_WIDTH) : 0;
        band = band < b0 ? b0 : band >= XL_MAX_BANDS ? XL_MAX_BANDS - 1 : band;
        if ((unsigned)c->group < CES_GROUP_COUNT)
            counts[c->group][band - b0]++;
    }
    xl_section(s, row++, 0, xl_t(EN, XL_DISTRIBUTION));
    int head = row, top = 0;
    xl_header(s, row, 0, xl_t(EN, XL_BAND));
    xl_header(s, row, 1, xl_t(EN, XL_MIDPOINT));
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        xl_header(s, row, 2 + g, xl_group(EN, (ces_group)g));
    row++;
    for (int b = 0; b < nb; b++, row++) {
        char label[32];
        int lo = (b0 + b) * XL_BAND_WIDTH;
        snprintf(label, sizeof label, b == nb - 1 ? "[%d,%d]" : "[%d,%d)", lo, lo + XL_BAND_WIDTH);
        xl_str(s, row, 0, label);
        xl_num(s, row, 1, lo + XL_BAND_WIDTH / 2.0, 2);
        for (int g = 0; g < CES_GROUP_COUNT; g++) {
            xl_num(s, row, 2 + g, counts[g][b], 0);
            top = counts[g][b] > top ? counts[g][b] : top;
        }
    }
    /* the averages' lines: (average, 0) to (average, the highest count) */
    row++;
    int avg_head = row;
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        char name[96];
        char a[32];
        snprintf(name, sizeof name, EN ? "%s %s %s" : "%s%s %s", xl_group(EN, (ces_group)g),
                 xl_t(EN, XL_CHART_AVERAGE), xl_fmt(r->groups[g].average_total, 2, a, sizeof a));
        xl_header(s, row, 1 + 2 * g, name);
        for (int k = 0; k < 2; k++) {
            xl_score(s, row + 1 + k, 1 + 2 * g, r->groups[g].average_total);
            xl_num(s, row + 1 + k, 2 + 2 * g, k ? top + 1 : 0, 0);
        }
    }
    distribution_chart(s, ctx, head, head + 1, head + nb, avg_head + 1, anchor_row);
    return avg_head + 4;
}

/* The group's mean of one indicator's (or block's) scores as a share of its
 * maximum: presentation of the published scores, not a figure of the method. */
static double score_rate(const ces_report_ctx *ctx, ces_group g, int ind, double max)
{
    const ces_results *r = ctx->results;
    double sum = 0;
    int n = 0;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        if (c->group != g)
            continue;
        sum += ind < 0 ? c->volume_block : c->ind[ind].score;
        n++;
    }
    return n && max > 0 ? sum / n / max : 0;
}

static void rates_chart(xl_sheet *s, const ces_report_ctx *ctx, int head, int first, int last,
                        int anchor_row)
{
    lxw_chart *chart = workbook_add_chart(s->wb, LXW_CHART_BAR);
    if (!chart) {
        chart_fail(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
        return;
    }
    static const lxw_color_t COLOR[CES_GROUP_COUNT] = {0x2F5597, 0xC55A11};
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        lxw_chart_series *ser = chart_add_series(chart, NULL, NULL);
        if (!ser) {
            chart_fail(s, LXW_ERROR_MEMORY_MALLOC_FAILED);
            return;
        }
        chart_series_set_categories(ser, s->name, (lxw_row_t)first, 0, (lxw_row_t)last, 0);
        chart_series_set_values(ser, s->name, (lxw_row_t)first, (lxw_col_t)(1 + g), (lxw_row_t)last,
                                (lxw_col_t)(1 + g));
        chart_series_set_name_range(ser, s->name, (lxw_row_t)head, (lxw_col_t)(1 + g));
        lxw_chart_fill fill = {.color = COLOR[g]};
        chart_series_set_fill(ser, &fill);
    }
    /* in a bar chart the x axis is the horizontal one: the values */
    chart_title_set_name(chart, xl_t(EN, XL_SCORE_RATE_TITLE));
    chart_axis_set_name(chart->x_axis, xl_t(EN, XL_SCORE_RATE_AXIS));
    chart_axis_set_min(chart->x_axis, 0);
    chart_axis_set_max(chart->x_axis, 1);
    chart_axis_set_num_format(chart->x_axis, "0%");
    chart_axis_set_reverse(chart->y_axis); /* the first part on top */
    chart_legend_set_position(chart, LXW_CHART_LEGEND_BOTTOM);
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1.25, .y_scale = 1.25};
    chart_fail(s, worksheet_insert_chart_opt(s->ws, (lxw_row_t)anchor_row, 5, chart, &opt));
}

/* The parts of the score (every scored indicator, the volume block in place
 * of its indicators), each group's mean score as a share of the maximum. */
static int overview_rates(xl_sheet *s, const ces_report_ctx *ctx, int row, int anchor_row)
{
    xl_section(s, row++, 0, xl_t(EN, XL_SCORE_RATES));
    int head = row;
    xl_header(s, row, 0, xl_t(EN, XL_BLOCK_COLUMN));
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        xl_header(s, row, 1 + g, xl_group(EN, (ces_group)g));
    row++;
    int first = row, volume_done = 0;
    for (int i = 0; i < CES_IND_COUNT; i++) {
        ces_kind k = ces_ind_kind((ces_ind)i);
        if (k == CES_KIND_DEDUCTION || (k == CES_KIND_VOLUME && volume_done))
            continue;
        int vol = k == CES_KIND_VOLUME;
        volume_done |= vol;
        double max = vol ? ctx->cfg->volume_points : ctx->cfg->ind[i].max;
        xl_wrap(s, row, 0,
                vol ? xl_t(EN, XL_VOLUME_SUBTOTAL) : (EN ? ctx->cfg->ind[i].en : ctx->cfg->ind[i].zh));
        for (int g = 0; g < CES_GROUP_COUNT; g++)
            xl_pct(s, row, 1 + g, score_rate(ctx, (ces_group)g, vol ? -1 : i, max));
        row++;
    }
    rates_chart(s, ctx, head, first, row - 1, anchor_row);
    return row + 1;
}

static void overview_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    char title[512], line[512];
    sheet_title(ctx, xl_t(EN, XL_SHEET_OVERVIEW), title, sizeof title);
    xl_title(s, 0, 0, title);
    run_line(ctx, line, sizeof line);
    xl_str_fmt(s, 1, 0, line, s->f->subtitle);
    xl_wrap_column(s, 0, 26);
    xl_wrap_column(s, 3, 30);
    int row = overview_info(s, ctx, 3);
    row = overview_groups(s, ctx, row);
    row = overview_benchmarks(s, ctx, row);
    /* page 1: the run, the groups, the benchmarks and the distribution chart;
     * page 2: the tables behind the charts and the second chart */
    int dist = row > 24 ? row : 24;
    lxw_row_t breaks[] = {(lxw_row_t)dist, 0};
    chart_fail(s, worksheet_set_h_pagebreaks(s->ws, breaks));
    row = overview_distribution(s, ctx, dist, 3);
    overview_rates(s, ctx, row, dist);
    s->width[1] = s->width[1] > 16 ? 16 : s->width[1]; /* the values column: the run line overflows */
    xl_fit_columns(s, 30);
    s->total_width += 80; /* the charts, right of the tables */
    xl_print_setup(s, ctx, xl_t(EN, XL_TITLE), 0, 0);
}

/* ---- 排名 ------------------------------------------------------------------ */

/* The company's entry in the prior period's published run (same group), or NULL. */
static const ces_company_result *prior_entry(const xl_sheet *s, const ces_company_result *c)
{
    return xl_index_prior(s->ix, c->code, c->group);
}

enum { RK_TITLE_ROWS = 5 }; /* title, run, below-average legend, sum legend, rank-change legend */

static void ranking_title(xl_sheet *s, const ces_report_ctx *ctx, ces_group g, int last_col)
{
    const ces_group_result *gr = &ctx->results->groups[g];
    char what[128], title[512], line[512], a[32];
    snprintf(what, sizeof what, EN ? "%s %s" : "%s%s", xl_group(EN, g), xl_t(EN, XL_RANKING_OF));
    sheet_title(ctx, what, title, sizeof title);
    xl_title(s, 0, 0, title);
    run_line(ctx, line, sizeof line);
    xl_str_fmt(s, 1, 0, line, s->f->subtitle);
    xl_fmt(gr->average_total, 2, a, sizeof a);
    if (EN)
        snprintf(line, sizeof line, "%s (%d of the group's %d companies; average total %s)",
                 xl_t(EN, XL_LEGEND_BELOW), gr->below_average, gr->count, a);
    else
        snprintf(line, sizeof line, "%s（同组参评机构 %d 家中 %d 家；平均分 %s）",
                 xl_t(EN, XL_LEGEND_BELOW), gr->count, gr->below_average, a);
    int span = last_col < 7 ? last_col : 7;
    chart_fail(s, worksheet_merge_range(s->ws, 2, 0, 2, (lxw_col_t)span, line, s->f->below));
    xl_str_fmt(s, 3, 0, xl_t(EN, XL_LEGEND_SUM), s->f->subtitle);
    if (ctx->prior_published) {
        char prior[64];
        ces_period_display(ces_period_prior(ctx->results->period, ctx->cfg->prior_rule), EN, prior,
                           sizeof prior);
        snprintf(line, sizeof line, EN ? "%s (%s, run %ld)" : "%s（%s，运行 %ld）",
                 xl_t(EN, XL_LEGEND_CHANGE), prior, ctx->prior_published_run_id);
        xl_str_fmt(s, 4, 0, line, s->f->subtitle);
    } else {
        xl_str_fmt(s, 4, 0, xl_t(EN, XL_LEGEND_NO_CHANGE), s->f->subtitle);
    }
}

/* The indicator columns of group g in the order of docs/method.md §3, with
 * the volume block's subtotal after the last volume indicator: -1 marks it. */
static int ranking_columns(ces_group g, int *ind)
{
    int n = 0;
    for (int i = 0; i < CES_IND_COUNT; i++) {
        if (!xl_ind_in_group((ces_ind)i, g))
            continue;
        ind[n++] = i;
        if (ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME &&
            (i + 1 == CES_IND_COUNT || ces_ind_kind((ces_ind)(i + 1)) != CES_KIND_VOLUME ||
             !xl_ind_in_group((ces_ind)(i + 1), g)))
            ind[n++] = -1;
    }
    return n;
}

static void ranking_header(xl_sheet *s, const ces_report_ctx *ctx, int row, const int *ind, int n,
                           int col)
{
    for (int k = 0; k < n; k++, col++) {
        char h[256];
        if (ind[k] < 0) {
            snprintf(h, sizeof h, "%s", xl_t(EN, XL_VOLUME_SUBTOTAL));
        } else {
            const ces_cfg_indicator *ci = &ctx->cfg->ind[ind[k]];
            snprintf(h, sizeof h, "%s%s", EN ? ci->en : ci->zh,
                     ces_ind_kind((ces_ind)ind[k]) == CES_KIND_DEDUCTION ? xl_t(EN, XL_DEDUCTION_SUFFIX)
                                                                         : "");
        }
        xl_wrap_column(s, col, EN ? 7.5 : 6.5);
        xl_header_wrap(s, row, col, h);
    }
}

static void ranking_row(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                        const int *ind, int n, int has_prior)
{
    const xl_formats *f = s->f;
    int below = c->total < ctx->results->groups[c->group].average_total;
    int col = 0;
    xl_num(s, row, col++, c->rank, 0);
    if (has_prior) {
        const ces_company_result *p = prior_entry(s, c);
        if (p)
            xl_score_fmt(s, row, col++, (double)(p->rank - c->rank), f->rank_delta);
        else
            xl_str(s, row, col++, xl_t(EN, XL_NEW_ENTRY));
    }
    xl_str_fmt(s, row, col++, c->code, below ? f->below : f->text);
    xl_wrap_fmt(s, row, col++, c->name, below ? f->below : f->wrap);
    xl_score(s, row, col++, c->total);
    if (has_prior) {
        const ces_company_result *p = prior_entry(s, c);
        if (p)
            xl_score(s, row, col, p->total);
        col++;
    }
    xl_score_fmt(s, row, col++, c->qualitative, f->subtotal);
    xl_score_fmt(s, row, col++, c->quantitative, f->subtotal);
    for (int k = 0; k < n; k++, col++) {
        if (ind[k] < 0)
            xl_score_fmt(s, row, col, c->volume_block, f->subtotal);
        else if (ces_ind_kind((ces_ind)ind[k]) == CES_KIND_DEDUCTION)
            xl_score_fmt(s, row, col, -c->ind[ind[k]].score, f->deduction);
        else
            xl_score(s, row, col, c->ind[ind[k]].score);
    }
}

static void ranking_sheet(xl_sheet *s, const ces_report_ctx *ctx, ces_group g)
{
    const ces_results *r = ctx->results;
    int has_prior = ctx->prior_published != NULL;
    int ind[CES_IND_COUNT + 1], n = ranking_columns(g, ind);
    const int head = RK_TITLE_ROWS;
    xl_label H[8];
    int nh = 0;
    H[nh++] = XL_RANK;
    if (has_prior)
        H[nh++] = XL_RANK_CHANGE;
    H[nh++] = XL_CODE;
    H[nh++] = XL_NAME;
    H[nh++] = XL_TOTAL;
    if (has_prior)
        H[nh++] = XL_PRIOR_TOTAL;
    H[nh++] = XL_QUALITATIVE;
    H[nh++] = XL_QUANTITATIVE;
    int name_col = has_prior ? 3 : 2, total_col = name_col + 1;
    for (int k = 0; k < nh; k++) {
        if (k != name_col && k != name_col - 1)
            xl_wrap_column(s, k, EN ? 7.5 : 6.5);
        xl_header_wrap(s, head, k, xl_t(EN, H[k]));
    }
    xl_wrap_column(s, name_col, EN ? 24 : 22);
    ranking_header(s, ctx, head, ind, n, nh);
    int last_col = nh + n - 1, row = head + 1;
    for (size_t k = 0; k < r->n_companies; k++)
        if (r->companies[k].group == g)
            ranking_row(s, ctx, &r->companies[k], row++, ind, n, has_prior);
    ranking_title(s, ctx, g, last_col);
    worksheet_freeze_panes(s->ws, (lxw_row_t)(head + 1), (lxw_col_t)(name_col + 1));
    worksheet_autofilter(s->ws, (lxw_row_t)head, 0, (lxw_row_t)(row > head + 1 ? row - 1 : head),
                         (lxw_col_t)last_col);
    if (row > head + 1) {
        lxw_conditional_format cf = {.type = LXW_CONDITIONAL_3_COLOR_SCALE,
                                     .min_color = 0xF8696B,
                                     .mid_color = 0xFFEB84,
                                     .max_color = 0x63BE7B};
        chart_fail(s,
                   worksheet_conditional_format_range(s->ws, (lxw_row_t)(head + 1), (lxw_col_t)total_col,
                                                      (lxw_row_t)(row - 1), (lxw_col_t)total_col, &cf));
    }
    xl_fit_columns(s, 40);
    xl_print_setup(s, ctx, xl_t(EN, XL_TITLE), head, head);
}

/* ---- 明细 ------------------------------------------------------------------ */

static void detail_sheet(xl_sheet *s, const ces_report_ctx *ctx, ces_group g)
{
    const ces_results *r = ctx->results;
    char title[512], what[128];
    snprintf(what, sizeof what, "%s",
             xl_t(EN, g == CES_GROUP_PC ? XL_SHEET_DETAIL_PC : XL_SHEET_DETAIL_LIFE));
    sheet_title(ctx, what, title, sizeof title);
    xl_title(s, 0, 0, title);
    const int head = 1;
    xl_header(s, head, 0, xl_t(EN, XL_CODE));
    xl_header(s, head, 1, xl_t(EN, XL_NAME));
    xl_wrap_column(s, 1, 18);
    xl_indicator_header(s, ctx, head, 2);
    int row = head + 1;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        if (c->group != g)
            continue;
        for (int i = 0; i < CES_IND_COUNT; i++) {
            if (!xl_ind_in_group((ces_ind)i, g))
                continue;
            xl_str(s, row, 0, c->code);
            xl_wrap(s, row, 1, c->name);
            xl_indicator_row(s, ctx, c, (ces_ind)i, row++, 2);
            if (ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME &&
                (i + 1 == CES_IND_COUNT || ces_ind_kind((ces_ind)(i + 1)) != CES_KIND_VOLUME ||
                 !xl_ind_in_group((ces_ind)(i + 1), g))) {
                xl_str(s, row, 0, c->code);
                xl_wrap(s, row, 1, c->name);
                xl_volume_block_row(s, ctx, c, row++, 2);
            }
        }
        row = xl_sensitivity_rows(s, ctx, c, row, 2, 1);
    }
    worksheet_freeze_panes(s->ws, head + 1, 2);
    worksheet_autofilter(s->ws, head, 0, (lxw_row_t)(row > head + 1 ? row - 1 : head), 2 + XL_IC_ARITH);
    xl_fit_columns(s, 40);
    xl_print_setup(s, ctx, xl_t(EN, XL_TITLE), head, head);
}

/* ---- 扣分明细 -------------------------------------------------------------- */

static const char *category_name(const ces_report_ctx *ctx, const ces_deduction_row *d)
{
    if (!d->category)
        return NULL;
    const ces_cfg_item *it = ces_config_item(&ctx->cfg->ind[ces_ded_indicator(d->indicator)],
                                             d->category);
    return it ? (EN ? it->en : it->zh) : d->category;
}

/* The capped sum a deduction row enters: its scored company's figures for its indicator. */
static void capped_cells(xl_sheet *s, const ces_company_result *c, ces_ind i, int row, int col)
{
    const ces_ind_result *x = &c->ind[i];
    xl_score(s, row, col, x->points);
    xl_score(s, row, col + 1, x->max);
    xl_score(s, row, col + 2, x->score);
}

/* Every deduction row as loaded (file order), each with the capped sum of
 * its scored company and indicator: one table, one header. */
static int deduction_rows(xl_sheet *s, const ces_report_ctx *ctx, int head)
{
    static const xl_label H[] = {XL_ORIG_CODE,   XL_NAME,          XL_INTO, XL_INDICATOR, XL_CATEGORY,
                                 XL_POINTS,      XL_POINTS_SOURCE, XL_DATE, XL_REFERENCE, XL_DESCRIPTION,
                                 XL_SOURCE_LINE, XL_POINTS_SUM,    XL_CAP,  XL_CAPPED};
    const int ncol = (int)(sizeof H / sizeof H[0]);
    const ces_dataset *ds = ctx->dataset;
    static const double WRAP[] = {14, 20, 0, 12, 14, 0, 10, 0, 16, 28, 0, 0, 0, 0};
    for (int k = 0; k < ncol; k++) {
        if (WRAP[k] > 0)
            xl_wrap_column(s, k, EN ? WRAP[k] + 2 : WRAP[k]);
        else if (k >= 5)
            xl_wrap_column(s, k, 8);
        xl_header_wrap(s, head, k, xl_t(EN, H[k]));
    }
    int row = head + 1;
    for (size_t k = 0; k < ds->n_deductions; k++, row++) {
        const ces_deduction_row *d = &ds->deductions[k];
        const ces_company_result *owner = xl_index_owner(s->ix, d->code);
        ces_ind ind = ces_ded_indicator(d->indicator);
        const ces_cfg_indicator *ci = &ctx->cfg->ind[ind];
        xl_str(s, row, 0, d->code);
        xl_wrap(s, row, 1, xl_index_name(s->ix, d->code));
        if (owner)
            xl_str(s, row, 2, owner->code);
        xl_wrap(s, row, 3, EN ? ci->en : ci->zh);
        xl_wrap(s, row, 4, category_name(ctx, d));
        xl_score(s, row, 5, d->points);
        xl_wrap(s, row, 6, xl_t(EN, d->points_given ? XL_POINTS_GIVEN : XL_POINTS_BY_CATEGORY));
        xl_date(s, row, 7, d->date);
        xl_wrap(s, row, 8, d->reference);
        xl_wrap(s, row, 9, d->description);
        xl_num(s, row, 10, (double)d->line, 0);
        if (owner)
            capped_cells(s, owner, ind, row, 11);
    }
    worksheet_autofilter(s->ws, (lxw_row_t)head, 0, (lxw_row_t)(row > head + 1 ? row - 1 : head),
                         (lxw_col_t)(ncol - 1));
    return row;
}

/* Without the run's inputs: per company and deduction indicator with points, the capped sum. */
static int deduction_capped(xl_sheet *s, const ces_report_ctx *ctx, int head)
{
    static const xl_label H[] = {XL_CODE,       XL_NAME, XL_GROUP, XL_INDICATOR,
                                 XL_POINTS_SUM, XL_CAP,  XL_CAPPED};
    const int ncol = (int)(sizeof H / sizeof H[0]);
    for (int k = 0; k < ncol; k++)
        xl_header(s, head, k, xl_t(EN, H[k]));
    xl_wrap_column(s, 1, 30);
    int row = head + 1;
    const ces_results *r = ctx->results;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        for (int i = 0; i < CES_IND_COUNT; i++) {
            const ces_ind_result *x = &c->ind[i];
            if (ces_ind_kind((ces_ind)i) != CES_KIND_DEDUCTION || !x->present ||
                (x->points == 0 && x->score == 0))
                continue;
            xl_str(s, row, 0, c->code);
            xl_wrap(s, row, 1, c->name);
            xl_str(s, row, 2, xl_group(EN, c->group));
            xl_str(s, row, 3, EN ? ctx->cfg->ind[i].en : ctx->cfg->ind[i].zh);
            capped_cells(s, c, (ces_ind)i, row++, 4);
        }
    }
    worksheet_autofilter(s->ws, (lxw_row_t)head, 0, (lxw_row_t)(row > head + 1 ? row - 1 : head),
                         (lxw_col_t)(ncol - 1));
    return row;
}

static void deductions_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    char title[512];
    sheet_title(ctx, xl_t(EN, XL_SHEET_DEDUCTIONS), title, sizeof title);
    xl_title(s, 0, 0, title);
    xl_str_fmt(s, 1, 0, xl_t(EN, ctx->dataset ? XL_DED_ROWS : XL_DED_CAPPED), s->f->subtitle);
    const int head = 2;
    if (ctx->dataset)
        deduction_rows(s, ctx, head);
    else
        deduction_capped(s, ctx, head);
    worksheet_freeze_panes(s->ws, head + 1, 0);
    xl_fit_columns(s, 40);
    xl_print_setup(s, ctx, xl_t(EN, XL_TITLE), head, head);
}

/* ---- 未纳入考评 ------------------------------------------------------------ */

static void excluded_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    static const xl_label H[] = {XL_CODE, XL_NAME, XL_GROUP, XL_ORG_TYPE, XL_REASON, XL_INTO};
    const int ncol = (int)(sizeof H / sizeof H[0]);
    char title[512];
    sheet_title(ctx, xl_t(EN, XL_SHEET_EXCLUDED), title, sizeof title);
    xl_title(s, 0, 0, title);
    const int head = 1;
    for (int k = 0; k < ncol; k++)
        xl_header(s, head, k, xl_t(EN, H[k]));
    xl_wrap_column(s, 1, 36);
    xl_wrap_column(s, 4, 24);
    const ces_results *r = ctx->results;
    int row = head + 1;
    for (size_t k = 0; k < r->n_excluded; k++, row++) {
        const ces_excluded *e = &r->excluded[k];
        const ces_company *dc = xl_index_dataset_company(s->ix, e->code);
        xl_str(s, row, 0, e->code);
        xl_wrap(s, row, 1, e->name);
        xl_str(s, row, 2, xl_group(EN, e->group));
        if (dc)
            xl_str(s, row, 3, xl_org_type(EN, dc->org_type));
        xl_wrap(s, row, 4, xl_reason(EN, e->reason));
        xl_str(s, row, 5, e->into);
    }
    worksheet_freeze_panes(s->ws, head + 1, 0);
    worksheet_autofilter(s->ws, head, 0, (lxw_row_t)(row > head + 1 ? row - 1 : head),
                         (lxw_col_t)(ncol - 1));
    xl_fit_columns(s, 40);
    xl_print_setup(s, ctx, xl_t(EN, XL_TITLE), head, head);
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
    row = kv_row(s, row, XL_STATUS, xl_status(EN, ctx->status));
    ces_time_beijing(ctx->run_time, EN, buf, sizeof buf);
    row = kv_row(s, row, XL_RUN_TIME, buf);
    row = kv_row(s, row, XL_OPERATOR, ctx->operator_name);
    row = kv_row(s, row, XL_ENGINE_VERSION, ctx->engine_version);
    row = kv_row(s, row, XL_CONFIG, ctx->cfg->name);
    row = kv_row(s, row, XL_CONFIG_SHA, ctx->cfg->sha256);
    row = xl_calendar_row(s, ctx, row);
    row = kv_row(s, row, XL_PRIOR_PERIOD, r->prior_period);
    row = kv_row(s, row, XL_PRIOR_SOURCE, ces_prior_source_id(r->prior_source));
    if (r->prior_source == CES_PRIOR_SOURCE_ARCHIVE) {
        xl_str(s, row, 0, xl_t(EN, XL_PRIOR_RUN));
        xl_num(s, row++, 1, (double)r->prior_run_id, 0);
    }
    return row + 1;
}

/* A finding's words in the workbook's Chinese (the English ones are
 * CES_FINDING_WORDS_EN): a workbook's text never depends on the message
 * catalog or the environment. */
static const ces_finding_words FINDING_WORDS_ZH = {
    "与 %s（期间 %s，导入 %ld）逐字节相同：是否把该期间的文件又作为本期间导入了？",
    "公司 %s：保费 %s 万元为上期的 %s 倍，上期保费 %s 万元（%s，%s）：%s",
    "运行 %ld",
    "是否以元而非万元填报？（10,000 元 = 1 万元）",
    "是否以亿元而非万元填报，或上期数字以元填报？（1 亿元 = 10,000 万元）",
    "请核对两个数字的单位（万元）",
};

static void audit_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    static const xl_label H[] = {XL_FILE, XL_PRESENT, XL_ROWS, XL_ENCODING, XL_SHA256};
    char title[512];
    sheet_title(ctx, xl_t(EN, XL_SHEET_AUDIT), title, sizeof title);
    xl_title(s, 0, 0, title);
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
    const ces_acceptance *acc = ctx->acceptance;
    if (acc && acc->findings.n) { /* the import's findings, accepted */
        char when[128];
        row++;
        xl_section(s, row++, 0, xl_t(EN, XL_ACCEPTANCE));
        row = kv_row(s, row, XL_ACCEPTED_BY, acc->operator_name);
        ces_time_beijing(acc->time, EN, when, sizeof when);
        row = kv_row(s, row, XL_ACCEPTED_AT, when);
        xl_header(s, row, 0, xl_t(EN, XL_FILE));
        xl_header(s, row, 1, xl_t(EN, XL_LINE));
        xl_header(s, row++, 2, xl_t(EN, XL_FINDING));
        for (size_t i = 0; i < acc->findings.n; i++, row++) {
            const ces_finding *x = &acc->findings.items[i];
            char text[1024];
            ces_finding_sentence(x, EN ? &CES_FINDING_WORDS_EN : &FINDING_WORDS_ZH, text, sizeof text);
            xl_str(s, row, 0, x->file);
            if (x->line)
                xl_num(s, row, 1, (double)x->line, 0);
            xl_str(s, row, 2, text);
        }
    }
    xl_fit_columns(s, 70);
    xl_print_setup(s, ctx, xl_t(EN, XL_TITLE), 0, 0);
}

/* ---- the workbooks --------------------------------------------------------- */

typedef enum { BOOK_MAIN, BOOK_PUBLICATION } book_kind;

typedef struct {
    const ces_report_ctx *ctx;
    book_kind kind;
    const xl_index *ix;
} book_arg;

static void write_sheet(xl_sheet *s, const ces_report_ctx *ctx, xl_label which)
{
    switch (which) {
    case XL_SHEET_OVERVIEW: overview_sheet(s, ctx); break;
    case XL_SHEET_RANK_PC: ranking_sheet(s, ctx, CES_GROUP_PC); break;
    case XL_SHEET_RANK_LIFE: ranking_sheet(s, ctx, CES_GROUP_LIFE); break;
    case XL_SHEET_DETAIL_PC: detail_sheet(s, ctx, CES_GROUP_PC); break;
    case XL_SHEET_DETAIL_LIFE: detail_sheet(s, ctx, CES_GROUP_LIFE); break;
    case XL_SHEET_DEDUCTIONS: deductions_sheet(s, ctx); break;
    case XL_SHEET_EXCLUDED: excluded_sheet(s, ctx); break;
    case XL_SHEET_METHOD: xl_methodology_sheet(s, ctx); break;
    case XL_SHEET_AUDIT: audit_sheet(s, ctx); break;
    default: break;
    }
}

/* 投诉分析, last: only a run that analysed case lists has it. */
static ces_status analysis(lxw_workbook *wb, const xl_formats *f, const ces_report_ctx *ctx,
                           ces_diags *d)
{
    xl_sheet s;
    if (xl_sheet_add(&s, wb, f, EN, xl_analysis_sheet_name(EN)) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "cannot add sheet %s",
                     xl_analysis_sheet_name(EN));
        return CES_ERR_INTERNAL;
    }
    xl_analysis_sheet(&s, ctx);
    return xl_sheet_status(&s, d);
}

static ces_status build_workbook(lxw_workbook *wb, const void *arg, ces_diags *d)
{
    static const xl_label MAIN[] = {XL_SHEET_OVERVIEW,  XL_SHEET_RANK_PC,     XL_SHEET_RANK_LIFE,
                                    XL_SHEET_DETAIL_PC, XL_SHEET_DETAIL_LIFE, XL_SHEET_DEDUCTIONS,
                                    XL_SHEET_EXCLUDED,  XL_SHEET_METHOD,      XL_SHEET_AUDIT};
    /* what the industry sees: the ranking, the benchmarks, the method; no inputs */
    static const xl_label PUBLICATION[] = {XL_SHEET_OVERVIEW, XL_SHEET_RANK_PC, XL_SHEET_RANK_LIFE,
                                           XL_SHEET_METHOD};
    enum { MAX_SHEETS = sizeof MAIN / sizeof MAIN[0] };
    const book_arg *ba = arg;
    const ces_report_ctx *ctx = ba->ctx;
    const xl_label *sheets = ba->kind == BOOK_MAIN ? MAIN : PUBLICATION;
    int n = ba->kind == BOOK_MAIN ? MAX_SHEETS : (int)(sizeof PUBLICATION / sizeof PUBLICATION[0]);
    char title[256], period[8];
    ces_period_format(ctx->results->period, period);
    snprintf(title, sizeof title, "%s %s%s", xl_t(EN, XL_TITLE), period,
             ba->kind == BOOK_PUBLICATION ? xl_t(EN, XL_PUBLICATION) : "");
    ces_status st = xl_set_properties(wb, ctx, title, ba->kind == BOOK_MAIN, d);
    if (st != CES_OK)
        return st;
    xl_formats f;
    xl_formats_init(wb, &f);
    xl_sheet s[MAX_SHEETS];
    for (int k = 0; k < n; k++)
        if (xl_sheet_add(&s[k], wb, &f, EN, xl_t(EN, sheets[k])) != 0) {
            ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "cannot add sheet %s",
                         xl_t(EN, sheets[k]));
            return CES_ERR_INTERNAL;
        }
    for (int k = 0; k < n; k++) {
        s[k].ix = ba->ix;
        write_sheet(&s[k], ctx, sheets[k]);
    }
    for (int k = 0; k < n; k++)
        if ((st = xl_sheet_status(&s[k], d)) != CES_OK)
            return st;
    /* the publication workbook holds nothing of a company's inputs */
    return ba->kind == BOOK_MAIN && xl_has_analysis(ctx) ? analysis(wb, &f, ctx, d) : CES_OK;
}

/* Workbook kind at path; written at `at` (a temporary of the caller's) when
 * not NULL, else through a temporary of its own. */
static ces_status write_book(const ces_report_ctx *ctx, const char *at, const char *path, book_kind kind,
                             ces_diags *d)
{
    if (!ctx || !ctx->results || !ctx->cfg || !path) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "workbook: nothing to write");
        return CES_ERR_INTERNAL;
    }
    book_arg a = {ctx, kind, xl_index_new(ctx)};
    if (!a.ix) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot start the workbook", path);
        return CES_ERR_NOMEM;
    }
    ces_status st = at ? xl_write_workbook_at(at, path, build_workbook, &a, d)
                       : xl_write_workbook(path, build_workbook, &a, d);
    xl_index_free((xl_index *)a.ix);
    return st;
}

ces_status ces_report_xlsx(const ces_report_ctx *ctx, const char *path, ces_diags *d)
{
    return write_book(ctx, NULL, path, BOOK_MAIN, d);
}

ces_status ces_report_xlsx_at(const ces_report_ctx *ctx, const char *at, const char *path, ces_diags *d)
{
    return write_book(ctx, at, path, BOOK_MAIN, d);
}

ces_status ces_report_publication(const ces_report_ctx *ctx, const char *path, ces_diags *d)
{
    return write_book(ctx, NULL, path, BOOK_PUBLICATION, d);
}

ces_status ces_report_publication_at(const ces_report_ctx *ctx, const char *at, const char *path,
                                     ces_diags *d)
{
    return write_book(ctx, at, path, BOOK_PUBLICATION, d);
}
