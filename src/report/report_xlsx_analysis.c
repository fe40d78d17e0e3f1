/* Case-level complaints in the workbooks (docs/workbook.md, docs/method.md
 * §6.6), written from the run's stored figures: the scorecard rows, and the
 * analysis sheet, one block per analysed company: its complaints by line,
 * channel, product and reason, largest first, and a bar chart of its ten
 * largest categories (of channel, product and reason; of line when the list
 * has none of those columns). Labels are kept here, beside their only use. */
#include "report_xlsx_analysis.h"

#include <stdio.h>
#include <string.h>

#include "report_xlsx_labels.h"

#define EN (ctx->english)
#define CHART_CATEGORIES 10
#define BLOCK_MIN_ROWS 18 /* a chart's height */

typedef enum {
    L_SECTION,
    L_AS_OF,
    L_DEADLINE,
    L_TOTAL,
    L_WITHDRAWN,
    L_TRANSFERRED,
    L_ON_TIME,
    L_OVERDUE,
    L_NOT_YET_DUE,
    L_CALENDAR,
    L_OVERDUE_CASES,
    L_NO_OVERDUE,
    L_CASE_ID,
    L_CODE,
    L_TRANSFER_DATE,
    L_DEADLINE_DATE,
    L_ANSWER_DATE,
    L_DAYS_OVERDUE,
    L_SHEET,
    L_SHEET_NOTE,
    L_DIMENSION,
    L_CATEGORY,
    L_COUNT,
    L_CHART,
    L_CHART_DATA,
    L_LINE,
    L_CHANNEL,
    L_PRODUCT,
    L_REASON,
    L_MOTOR,
    L_NONMOTOR,
    L_LIFE,
    L_EMPTY,
    L_NAME,
    L_GROUP,
    L_COUNT_LABELS
} label;

/* clang-format off: a table aligned by hand */
static const char *const LABELS[L_COUNT_LABELS][2] = {
    [L_SECTION] = {"逐件投诉处理情况（cases.csv）", "Case-level complaints (cases.csv)"},
    [L_AS_OF] = {"统计截止日", "As of"},
    [L_DEADLINE] = {"处理时限（转办后工作日）", "Deadline (working days after transfer)"},
    [L_TOTAL] = {"投诉件数", "Complaints"},
    [L_WITHDRAWN] = {"转办前撤诉件数", "Withdrawn before transfer"},
    [L_TRANSFERRED] = {"转办件数（计入本期）", "Transferred (counted in the period)"},
    [L_ON_TIME] = {"按时处理反馈件数", "Answered on time"},
    [L_OVERDUE] = {"逾期件数", "Overdue"},
    [L_NOT_YET_DUE] = {"未到期件数（不计入本期）", "Not yet due (not counted in the period)"},
    [L_CALENDAR] = {"工作日历 sha256", "Working-day calendar sha256"},
    [L_OVERDUE_CASES] = {"逾期投诉件（逾期最久者在前，至多20件）",
                         "Overdue cases (most overdue first, up to 20)"},
    [L_NO_OVERDUE] = {"无逾期投诉件", "No overdue case"},
    [L_CASE_ID] = {"投诉编号", "Case id"},
    [L_CODE] = {"机构代码", "Code"},
    [L_TRANSFER_DATE] = {"转办日期", "Transferred"},
    [L_DEADLINE_DATE] = {"处理期限", "Deadline"},
    [L_ANSWER_DATE] = {"反馈日期", "Answered"},
    [L_DAYS_OVERDUE] = {"逾期天数", "Days overdue"},
    [L_SHEET] = {"投诉分析", "Complaint analysis"},
    [L_SHEET_NOTE] =
        {"投诉件数超过%ld件（%s）的机构，按险种、渠道、产品、投诉原因统计（逐件数据，cases.csv 有该列者）",
         "Companies with more than %ld complaints (%s): complaints by line, channel, product and reason (case lists; the columns cases.csv has)"},
    [L_DIMENSION] = {"维度", "By"},
    [L_CATEGORY] = {"类别", "Category"},
    [L_COUNT] = {"件数", "Complaints"},
    [L_CHART] = {"主要投诉类别", "Largest categories"},
    [L_CHART_DATA] = {"图表数据", "Chart data"},
    [L_LINE] = {"险种", "Line"},
    [L_CHANNEL] = {"渠道", "Channel"},
    [L_PRODUCT] = {"产品", "Product"},
    [L_REASON] = {"投诉原因", "Reason"},
    [L_MOTOR] = {"车险", "Motor"},
    [L_NONMOTOR] = {"非车险", "Non-motor"},
    [L_LIFE] = {"人身险", "Life"},
    [L_EMPTY] = {"（未填写）", "(empty)"},
    [L_NAME] = {"机构名称", "Name"},
    [L_GROUP] = {"类别", "Group"},
};
/* clang-format on */

static const char *t(int english, label l) { return LABELS[l][english ? 1 : 0]; }

static void date_text(int ymd, char *buf, size_t n)
{
    snprintf(buf, n, "%04d-%02d-%02d", ymd / 10000, ymd / 100 % 100, ymd % 100);
}

/* ---- the scorecard ---- */

static int kv(xl_sheet *s, int row, const char *key, double v)
{
    xl_str(s, row, 0, key);
    xl_num(s, row, 1, v, 0);
    return row + 1;
}

static int overdue_table(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    static const label H[] = {L_CASE_ID,       L_CODE,        L_TRANSFER_DATE,
                              L_DEADLINE_DATE, L_ANSWER_DATE, L_DAYS_OVERDUE};
    size_t n;
    const ces_case_overdue *o = ces_results_overdue(ctx->results, c->code, &n);
    if (!n) {
        xl_str(s, row, 0, t(EN, L_NO_OVERDUE));
        return row + 2;
    }
    xl_section(s, row++, 0, t(EN, L_OVERDUE_CASES));
    for (int k = 0; k < 6; k++)
        xl_header(s, row, k, t(EN, H[k]));
    row++;
    for (size_t i = 0; i < n; i++, row++) {
        xl_str(s, row, 0, o[i].case_id);
        xl_str(s, row, 1, o[i].code);
        xl_date(s, row, 2, o[i].transferred_date);
        xl_date(s, row, 3, o[i].deadline);
        if (o[i].responded_date)
            xl_date(s, row, 4, o[i].responded_date);
        else
            xl_str(s, row, 4, "-");
        xl_num(s, row, 5, o[i].days_overdue, 0);
    }
    return row + 1;
}

int xl_case_rows(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    const ces_case_summary *k = ces_results_case_counts(ctx->results, c->code);
    char end[16];
    if (!k)
        return row;
    xl_section(s, row++, 0, t(EN, L_SECTION));
    date_text(ces_period_end(ctx->results->period), end, sizeof end);
    xl_str(s, row, 0, t(EN, L_AS_OF));
    xl_str(s, row++, 1, end);
    row = kv(s, row, t(EN, L_DEADLINE), ctx->cfg->response_working_days);
    row = kv(s, row, t(EN, L_TOTAL), (double)k->total);
    row = kv(s, row, t(EN, L_WITHDRAWN), (double)k->withdrawn);
    row = kv(s, row, t(EN, L_TRANSFERRED), (double)k->transferred);
    row = kv(s, row, t(EN, L_ON_TIME), (double)k->on_time);
    row = kv(s, row, t(EN, L_OVERDUE), (double)k->overdue);
    row = kv(s, row, t(EN, L_NOT_YET_DUE), (double)k->not_yet_due);
    if (ctx->calendar_sha256) {
        xl_str(s, row, 0, t(EN, L_CALENDAR));
        xl_str(s, row++, 1, ctx->calendar_sha256);
    }
    return overdue_table(s, ctx, c, row + 1);
}

int xl_calendar_row(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    if (!ctx->calendar_sha256)
        return row;
    xl_str(s, row, 0, t(EN, L_CALENDAR));
    xl_str(s, row, 1, ctx->calendar_sha256);
    return row + 1;
}

/* ---- the analysis sheet ---- */

int xl_has_analysis(const ces_report_ctx *ctx) { return ctx->results->n_case_categories > 0; }

const char *xl_analysis_sheet_name(int english) { return t(english, L_SHEET); }

static const char *dimension_label(int english, const char *d)
{
    static const struct {
        const char *id;
        label l;
    } D[] = {{"line", L_LINE}, {"channel", L_CHANNEL}, {"product", L_PRODUCT}, {"reason", L_REASON}};
    for (size_t i = 0; i < sizeof D / sizeof D[0]; i++)
        if (!strcmp(D[i].id, d))
            return t(english, D[i].l);
    return d;
}

static const char *value_label(int english, const ces_case_category *k)
{
    if (!k->value[0])
        return t(english, L_EMPTY);
    if (strcmp(k->dimension, "line"))
        return k->value;
    return !strcmp(k->value, "motor")      ? t(english, L_MOTOR)
           : !strcmp(k->value, "nonmotor") ? t(english, L_NONMOTOR)
           : !strcmp(k->value, "life")     ? t(english, L_LIFE)
                                           : k->value;
}

/* The rows the chart shows: the largest categories of channel, product and
 * reason (of line when there are none), largest first, up to the maximum.
 * Rows are in each column's order already (largest first). */
static size_t chart_rows(const ces_case_category *k, size_t n, size_t *pick)
{
    size_t m = 0;
    int lines_only = 1;
    for (size_t i = 0; i < n; i++)
        lines_only &= !strcmp(k[i].dimension, "line");
    for (size_t i = 0; i < n; i++)
        if (lines_only || strcmp(k[i].dimension, "line"))
            pick[m++] = i;
    /* a stable selection of the largest, by count */
    for (size_t a = 1; a < m; a++)
        for (size_t b = a; b > 0 && k[pick[b]].count > k[pick[b - 1]].count; b--) {
            size_t x = pick[b];
            pick[b] = pick[b - 1];
            pick[b - 1] = x;
        }
    return m < CHART_CATEGORIES ? m : CHART_CATEGORIES;
}

static void chart(xl_sheet *s, const ces_report_ctx *ctx, const char *code, int first, int last, int row)
{
    char title[160];
    lxw_chart *ch = workbook_add_chart(s->wb, LXW_CHART_BAR);
    lxw_chart_series *ser = ch ? chart_add_series(ch, NULL, NULL) : NULL;
    if (!ser) {
        s->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
        return;
    }
    chart_series_set_categories(ser, s->name, (lxw_row_t)first, 5, (lxw_row_t)last, 5);
    chart_series_set_values(ser, s->name, (lxw_row_t)first, 6, (lxw_row_t)last, 6);
    snprintf(title, sizeof title, "%s %s", code, t(EN, L_CHART));
    chart_title_set_name(ch, title);
    chart_legend_set_position(ch, LXW_CHART_LEGEND_NONE);
    chart_axis_set_min(ch->x_axis, 0);  /* a bar chart's values run along x */
    chart_axis_set_reverse(ch->y_axis); /* the largest on top */
    lxw_chart_options opt = {.x_offset = 10, .y_offset = 0, .x_scale = 1.2, .y_scale = 1.2};
    lxw_error le = worksheet_insert_chart_opt(s->ws, (lxw_row_t)row, 8, ch, &opt);
    if (le != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = le;
}

/* One company's block: its head, its categories, the chart's data and the
 * chart. Returns the next free row. */
static int company_block(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row)
{
    size_t n, pick[4 * 512];
    const ces_case_category *k = ces_results_categories(ctx->results, c->code, &n);
    int top = row;
    char head[512];
    snprintf(head, sizeof head, "%s %s", c->code, c->name);
    xl_section(s, row, 0, head);
    xl_str(s, row, 3, t(EN, L_TOTAL));
    xl_num(s, row++, 4, c->complaints_total, 0);
    xl_header(s, row, 0, t(EN, L_DIMENSION));
    xl_header(s, row, 1, t(EN, L_CATEGORY));
    xl_header(s, row, 2, t(EN, L_COUNT));
    xl_header(s, row, 5, t(EN, L_CHART_DATA));
    xl_header(s, row, 6, t(EN, L_COUNT));
    int first = ++row;
    for (size_t i = 0; i < n; i++, row++) {
        xl_str(s, row, 0, dimension_label(EN, k[i].dimension));
        xl_wrap(s, row, 1, value_label(EN, &k[i]));
        xl_num(s, row, 2, (double)k[i].count, 0);
    }
    size_t m = chart_rows(k, n < sizeof pick / sizeof pick[0] ? n : sizeof pick / sizeof pick[0], pick);
    for (size_t i = 0; i < m; i++) {
        char label[600];
        snprintf(label, sizeof label, "%s: %s", dimension_label(EN, k[pick[i]].dimension),
                 value_label(EN, &k[pick[i]]));
        xl_wrap(s, first + (int)i, 5, label);
        xl_num(s, first + (int)i, 6, (double)k[pick[i]].count, 0);
    }
    if (m)
        chart(s, ctx, c->code, first, first + (int)m - 1, top);
    return (row - top < BLOCK_MIN_ROWS ? top + BLOCK_MIN_ROWS : row) + 1;
}

void xl_analysis_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    const ces_results *r = ctx->results;
    char disp[64], note[512];
    ces_period_display(r->period, EN, disp, sizeof disp);
    /* titled like every sheet: the evaluation, the period, the run's status */
    snprintf(note, sizeof note, EN ? "%s — %s: %s (%s)" : "%s %s — %s（%s）",
             EN ? xl_t(EN, XL_TITLE) : disp, EN ? disp : xl_t(EN, XL_TITLE), t(EN, L_SHEET),
             xl_status(EN, ctx->status));
    xl_title(s, 0, 0, note);
    snprintf(note, sizeof note, t(EN, L_SHEET_NOTE), ctx->cfg->analysis_threshold[r->period.kind], disp);
    xl_note(s, 1, 0, note);
    xl_wrap_column(s, 1, 30);
    xl_wrap_column(s, 5, 30);
    int row = 3;
    for (size_t i = 0; i < r->n_companies; i++) {
        size_t n;
        if (ces_results_categories(r, r->companies[i].code, &n))
            row = company_block(s, ctx, &r->companies[i], row);
    }
    xl_fit_columns(s, 40);
    xl_print_setup(s, ctx, xl_t(EN, XL_TITLE), 0, 0);
}
