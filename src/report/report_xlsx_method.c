/* The 口径说明 (methodology) sheet, generated from the config in force: every
 * number on it is read from ctx->cfg. The wording of each method's formula is
 * one template per method; its numbers are filled in from the config. */
#include "report_xlsx_method.h"

#include "report_xlsx_labels.h"
#include "report_xlsx_sheet.h"

#include <string.h>

#define EN (ctx->english)

static const char *fg(double v, char *b) { return xl_fmt(v, -1, b, 32); }

static void method_params(ces_buf *b, const ces_report_ctx *ctx, const ces_cfg_indicator *ci)
{
    char a[32], c[32], d[32], e[32];
    switch (ci->method) {
    case CES_METHOD_CHECKLIST:
        ces_buf_printf(b, "max = %s; items = %zu", fg(ci->max, a), ci->n_items);
        break;
    case CES_METHOD_CAPPED_SUM:
        ces_buf_printf(b, "cap = %s; categories = %zu", fg(ci->max, a), ci->n_items);
        break;
    case CES_METHOD_MEDIAN_SCALED:
        ces_buf_printf(b, "max = %s; zero_at_multiple = %s", fg(ci->max, a),
                       fg(ci->zero_at_multiple, c));
        break;
    case CES_METHOD_LINEAR_CHANGE:
        ces_buf_printf(b, "max = %s; c_full = %s; c_zero = %s; missing_score_fraction = %s",
                       fg(ci->max, a), fg(ci->c_full, c), fg(ci->c_zero, d),
                       fg(ci->missing_score_fraction, e));
        break;
    case CES_METHOD_RATIO: ces_buf_printf(b, "max = %s", fg(ci->max, a)); break;
    case CES_METHOD_RATIO_TO_BENCHMARK:
        ces_buf_printf(b, "max = %s; benchmark = %s", fg(ci->max, a),
                       ci->benchmark_scope == CES_SCOPE_INDUSTRY ? "industry" : "peer");
        break;
    }
    (void)ctx;
}

static void method_formula(ces_buf *b, const ces_report_ctx *ctx, const ces_cfg_indicator *ci, ces_ind i)
{
    char a[32], c[32], d[32], e[32], f[32];
    const char *block = xl_t(EN,
                             ces_ind_block(i) == CES_BLOCK_QUALITATIVE ? XL_BLOCK_QUAL : XL_BLOCK_QUANT);
    switch (ci->method) {
    case CES_METHOD_CHECKLIST:
        ces_buf_printf(b,
                       EN ? "score = max(0, %s - sum of the deductions of the items not established)"
                          : "得分 = max(0, %s - 未建立项目扣分之和)",
                       fg(ci->max, a));
        break;
    case CES_METHOD_CAPPED_SUM:
        ces_buf_printf(
            b,
            EN ? "deduction = min(%s, sum of the points of its rows; a row without points takes its category's points), subtracted from the %s score"
               : "扣分 = min(%s, 各条扣分记录分值之和；未填分值的按类别默认分值)，从%s得分中扣减",
            fg(ci->max, a), block);
        break;
    case CES_METHOD_MEDIAN_SCALED:
        ces_buf_printf(
            b,
            EN ? "x = numerator / denominator (not applicable when the denominator is 0); B = median of x over the applicable peers (if 0: their sum of numerators / sum of denominators; if still 0: full marks); raw = %s × clamp(1 - x / (%s × B), 0, 1); score = raw × %s / sum of the weights of the applicable volume indicators"
               : "x = 分子 / 分母（分母为 0 时不适用）；B = 同组适用机构 x 的中位数（为 0 时取其合计分子 / 合计分母，仍为 0 则均得满分）；原始分 = %s × clamp(1 - x / (%s × B), 0, 1)；计入得分 = 原始分 × %s / 适用数量指标权重之和",
            fg(ci->max, a), fg(ci->zero_at_multiple, c), fg(ctx->cfg->volume_points, d));
        break;
    case CES_METHOD_LINEAR_CHANGE:
        ces_buf_printf(
            b,
            EN ? "x = complaints / premium (100m yuan), this period and the prior one; c = (x now - x prior) / x prior (x prior 0: c = 0 when x now is 0, else +∞); score = %s × clamp((%s - c) / (%s - %s), 0, 1); x unavailable (no premium, no prior figures): %s × %s = %s"
               : "x = 投诉总件数 / 总保费（亿元），本期与上期各一；c = (本期 x - 上期 x) / 上期 x（上期 x 为 0：本期也为 0 则 c = 0，否则 c = +∞）；得分 = %s × clamp((%s - c) / (%s - %s), 0, 1)；x 不可得（本期无保费、无上期数据）时得 %s × %s = %s 分",
            fg(ci->max, a), fg(ci->c_zero, c), fg(ci->c_zero, c), fg(ci->c_full, d), fg(ci->max, a),
            fg(ci->missing_score_fraction, f), fg(ci->max * ci->missing_score_fraction, e));
        break;
    case CES_METHOD_RATIO:
        ces_buf_printf(b,
                       EN ? "score = %s × numerator / denominator; full marks when the denominator is 0"
                          : "得分 = %s × 分子 / 分母；分母为 0 时得满分",
                       fg(ci->max, a));
        break;
    case CES_METHOD_RATIO_TO_BENCHMARK:
        ces_buf_printf(
            b,
            EN ? "r = numerator / denominator; B = sum of numerators / sum of denominators over the %s; score = %s × min(1, r / B); full marks when the denominator or B is 0"
               : "r = 分子 / 分母；B = %s合计分子 / 合计分母；得分 = %s × min(1, r / B)；分母为 0 或 B 为 0 时得满分",
            xl_t(EN, ci->benchmark_scope == CES_SCOPE_INDUSTRY ? XL_SCOPE_INDUSTRY : XL_SCOPE_PEER),
            fg(ci->max, a));
        break;
    }
}

/* A long text in a merged cell across columns first..XL_M_LAST_COL, wrapped;
 * the row is made as tall as its lines (the merged width is about
 * XL_M_TEXT_WIDTH: merged cells are not fitted by the spreadsheet). */
#define XL_M_LAST_COL 9
#define XL_M_TEXT_WIDTH 115.0

static int text_width(const char *t)
{
    int w = 0;
    for (const unsigned char *p = (const unsigned char *)t; p && *p; p++)
        if ((*p & 0xC0) != 0x80)
            w += *p >= 0xE0 ? 2 : 1;
    return w;
}

static void long_text(xl_sheet *s, int row, int first, const char *text)
{
    if (!text || !*text)
        return;
    xl_merge(s, row, first, XL_M_LAST_COL, text, s->f->wrap);
    double width = XL_M_TEXT_WIDTH - (first - 1) * 14;
    int lines = (int)((text_width(text) + width - 1) / width);
    if (lines > 1)
        xl_row_height(s, row, 15.0 * lines + 2);
}

static int structure_section(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    const ces_config *cfg = ctx->cfg;
    char a[32], c[32];
    xl_section(s, row++, 0, xl_t(EN, XL_M_STRUCTURE));
    xl_header(s, row, 0, xl_t(EN, XL_M_BLOCK));
    xl_header(s, row, 1, xl_t(EN, XL_M_POINTS));
    xl_merge(s, row++, 2, XL_M_LAST_COL, xl_t(EN, XL_M_FORMULA), s->f->header);
    xl_str(s, row, 0, xl_t(EN, XL_QUALITATIVE));
    xl_score(s, row, 1, cfg->qualitative_points);
    long_text(s, row++, 2, xl_t(EN, XL_M_QUAL_FORMULA));
    xl_str(s, row, 0, xl_t(EN, XL_QUANTITATIVE));
    xl_score(s, row, 1, cfg->quantitative_points);
    long_text(s, row++, 2, xl_t(EN, XL_M_QUANT_FORMULA));
    ces_buf b = {0};
    ces_buf_printf(
        &b,
        EN ? "the weights of the applicable volume indicators are scaled up to total %s; when none applies: %s with no complaints, else 0"
           : "适用数量指标的权重按比例放大至合计 %s 分；均不适用时，无投诉得 %s 分，否则 0",
        fg(cfg->volume_points, a), fg(cfg->volume_points, c));
    xl_str(s, row, 0, xl_t(EN, XL_M_VOLUME_BLOCK));
    xl_score(s, row, 1, cfg->volume_points);
    long_text(s, row++, 2, b.p);
    ces_buf_free(&b);
    xl_str(s, row, 0, xl_t(EN, XL_TOTAL));
    xl_score(s, row, 1, cfg->qualitative_points + cfg->quantitative_points);
    long_text(s, row++, 2, xl_t(EN, XL_M_TOTAL_FORMULA));
    return row + 1;
}

static int indicators_section(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    static const xl_label H[] = {XL_IND_ID, XL_IND_NAME, XL_M_BLOCK,  XL_M_KIND,   XL_GROUP,
                                 XL_M_MAX,  XL_M_METHOD, XL_M_PARAMS, XL_M_NUMDEN, XL_M_FORMULA};
    static const double WRAP[] = {16, 14, 0, 0, 0, 0, 14, 20, 18, 40};
    xl_section(s, row++, 0, xl_t(EN, XL_M_INDICATORS));
    for (size_t k = 0; k < sizeof H / sizeof H[0]; k++) {
        if (WRAP[k] > 0)
            xl_wrap_column(s, (int)k, EN && k < 2 ? WRAP[k] + 4 : WRAP[k]);
        xl_header_wrap(s, row, (int)k, xl_t(EN, H[k]));
    }
    row++;
    for (int i = 0; i < CES_IND_COUNT; i++, row++) {
        ces_ind id = (ces_ind)i;
        const ces_cfg_indicator *ci = &ctx->cfg->ind[i];
        int g = ces_ind_group(id);
        xl_wrap(s, row, 0, ces_ind_id(id));
        xl_wrap(s, row, 1, EN ? ci->en : ci->zh);
        xl_str(s, row, 2,
               xl_t(EN, ces_ind_block(id) == CES_BLOCK_QUALITATIVE ? XL_BLOCK_QUAL : XL_BLOCK_QUANT));
        xl_str(s, row, 3, xl_kind(EN, ces_ind_kind(id)));
        if (g < 0)
            xl_str(s, row, 4, EN ? "both" : "两组");
        else
            xl_str(s, row, 4, xl_group(EN, (ces_group)g));
        xl_score(s, row, 5, ci->max);
        xl_wrap(s, row, 6, ci->method_name);
        ces_buf b = {0};
        method_params(&b, ctx, ci);
        xl_wrap(s, row, 7, b.p);
        ces_buf_free(&b);
        xl_wrap(s, row, 8, xl_numden(EN, id));
        method_formula(&b, ctx, ci, id);
        xl_wrap(s, row, 9, b.p);
        ces_buf_free(&b);
    }
    return row + 1;
}

/* Checklist items (want == CES_METHOD_CHECKLIST) or deduction categories. */
static int items_section(xl_sheet *s, const ces_report_ctx *ctx, int row, ces_method want)
{
    int checklist = want == CES_METHOD_CHECKLIST;
    xl_section(s, row++, 0, xl_t(EN, checklist ? XL_M_ITEMS : XL_M_CATEGORIES));
    xl_header_wrap(s, row, 0, xl_t(EN, XL_IND_ID));
    xl_header_wrap(s, row, 1, xl_t(EN, XL_IND_NAME));
    xl_header_wrap(s, row, 2, xl_t(EN, checklist ? XL_M_ITEM_ID : XL_M_CATEGORY_ID));
    xl_header_wrap(s, row, 3, xl_t(EN, checklist ? XL_M_ITEM : XL_CATEGORY));
    xl_header_wrap(s, row++, 4, xl_t(EN, checklist ? XL_M_ITEM_DEDUCTION : XL_POINTS));
    for (int i = 0; i < CES_IND_COUNT; i++) {
        const ces_cfg_indicator *ci = &ctx->cfg->ind[i];
        if (ci->method != want)
            continue;
        for (size_t k = 0; k < ci->n_items; k++, row++) {
            xl_wrap(s, row, 0, ces_ind_id((ces_ind)i));
            xl_wrap(s, row, 1, EN ? ci->en : ci->zh);
            xl_wrap(s, row, 2, ci->items[k].id);
            xl_wrap(s, row, 3, EN ? ci->items[k].en : ci->items[k].zh);
            xl_score(s, row, 4, ci->items[k].points);
        }
    }
    return row + 1;
}

static int rules_section(xl_sheet *s, const ces_report_ctx *ctx, int row)
{
    const ces_config *cfg = ctx->cfg;
    char a[32], c[32];
    xl_section(s, row++, 0, xl_t(EN, XL_M_OTHER_RULES));
    xl_str(s, row, 0, xl_t(EN, XL_M_PRIOR_RULE));
    long_text(s, row++, 1, xl_prior_rule(EN, cfg->prior_rule));
    ces_buf b = {0};
    snprintf(a, sizeof a, "%d", cfg->decimals);
    snprintf(c, sizeof c, "%g", cfg->round_epsilon);
    ces_buf_printf(
        &b,
        EN ? "every indicator score is rounded to %s decimals, half away from zero: floor(v × 10^%s + 0.5 + %s) / 10^%s for v >= 0; sub-totals and the total are sums of the rounded scores, floored at 0; values and benchmarks are not rounded (rates shown as percentages with 2 decimals, volume values per 100m yuan with 2 decimals, per 10k with 4)"
           : "每项得分保留 %s 位小数，四舍五入：v ≥ 0 时为 floor(v × 10^%s + 0.5 + %s) / 10^%s；小计与总分为舍入后各项得分之和，不低于 0；指标值与基准值不舍入（比率以百分数显示 2 位小数；亿元保费类数量指标显示 2 位、万张保单 / 万人次类显示 4 位小数）",
        a, a, c, a);
    xl_str(s, row, 0, xl_t(EN, XL_M_ROUNDING));
    long_text(s, row++, 1, b.p);
    ces_buf_free(&b);
    xl_str(s, row, 0, xl_t(EN, XL_M_RANKING));
    long_text(s, row++, 1, xl_t(EN, XL_M_RANKING_TEXT));
    for (int k = 0; k < CES_FLAG_COUNT; k++) {
        ces_buf_printf(&b, "%s%s: %s", k ? "; " : "", ces_flag_id(1u << k), xl_flag(EN, 1u << k));
    }
    xl_str(s, row, 0, xl_t(EN, XL_M_FLAGS));
    long_text(s, row++, 1, b.p);
    ces_buf_free(&b);
    return row;
}

void xl_methodology_sheet(xl_sheet *s, const ces_report_ctx *ctx)
{
    char head[256];
    snprintf(head, sizeof head, "%s: %s", xl_t(EN, XL_SHEET_METHOD), ctx->cfg->name);
    xl_title(s, 0, 0, head);
    xl_str(s, 1, 0, xl_t(EN, XL_CONFIG_SHA));
    xl_note(s, 1, 1, ctx->cfg->sha256);
    xl_wrap_column(s, 2, 12);
    xl_wrap_column(s, 3, EN ? 20 : 16);
    if (ctx->finalization_pos > 0 && ctx->finalization_hash) {
        /* the head an auditor compares with verify --head (docs/audit.md) */
        char chain[128];
        snprintf(chain, sizeof chain, EN ? "entry %ld: %s" : "第 %ld 条：%s", ctx->finalization_pos,
                 ctx->finalization_hash);
        xl_str(s, 2, 0, xl_t(EN, XL_CHAIN_HEAD));
        xl_note(s, 2, 1, chain);
    }
    int row = structure_section(s, ctx, 3);
    row = indicators_section(s, ctx, row);
    row = items_section(s, ctx, row, CES_METHOD_CHECKLIST);
    row = items_section(s, ctx, row, CES_METHOD_CAPPED_SUM);
    rules_section(s, ctx, row);
    xl_fit_columns(s, 40);
    xl_print_setup(s, ctx, xl_t(EN, XL_TITLE), 0, 0);
}
