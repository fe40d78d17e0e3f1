/* One company's indicator rows with the arithmetic written out, and its
 * subtotals: shared by the detail sheets and the per-company scorecards.
 * Every figure is one score computed; the text only shows how. */
#include "report_xlsx_detail.h"

#include "report_explain.h"
#include "report_xlsx_labels.h"
#include "report_xlsx_sheet.h"

#include <string.h>

#define EN (ctx->english)

static const char *f2(double v, char *b) { return xl_fmt(v, 2, b, 32); }
static const char *fg(double v, char *b) { return xl_fmt(v, -1, b, 32); }

void xl_indicator_header(xl_sheet *s, const ces_report_ctx *ctx, int row, int off)
{
    static const xl_label H[XL_IC_COUNT] = {XL_IND_ID, XL_IND_NAME,  XL_NUMERATOR,  XL_DENOMINATOR,
                                            XL_VALUE,  XL_BENCHMARK, XL_WEIGHT_CAP, XL_RAW,
                                            XL_SCORE,  XL_FLAGS,     XL_ARITHMETIC};
    /* text columns wrap at a width that keeps the sheet legible on A4 */
    xl_wrap_column(s, off + XL_IC_ID, 16);
    xl_wrap_column(s, off + XL_IC_NAME, 14);
    xl_wrap_column(s, off + XL_IC_FLAGS, EN ? 11 : 10);
    xl_wrap_column(s, off + XL_IC_ARITH, 40);
    for (int k = XL_IC_NUM; k < XL_IC_FLAGS; k++)
        xl_wrap_column(s, off + k, 11);
    for (int k = 0; k < XL_IC_COUNT; k++)
        xl_header_wrap(s, row, off + k, xl_t(EN, H[k]));
}

/* The flags of docs/method.md §7 that belong to indicator i. */
static unsigned indicator_flags(ces_ind i)
{
    switch (ces_ind_kind(i)) {
    case CES_KIND_VOLUME: return CES_FLAG_NO_VOLUME;
    case CES_KIND_CHANGE: return CES_FLAG_NO_PREMIUM | CES_FLAG_NO_PRIOR;
    default: break;
    }
    if (i == CES_IND_TIMELINESS)
        return CES_FLAG_NONE_TRANSFERRED;
    if (i == CES_IND_WITHDRAWAL)
        return CES_FLAG_NO_COMPLAINTS;
    if (i == CES_IND_MEDIATION)
        return CES_FLAG_NO_MEDIATION;
    return 0;
}

static void flags_text(ces_buf *b, const ces_report_ctx *ctx, const ces_company_result *c, ces_ind i)
{
    const char *sep = EN ? ", " : "、";
    if (ces_ind_kind(i) == CES_KIND_VOLUME && !c->ind[i].applicable)
        ces_buf_printf(b, "%s", xl_t(EN, XL_NOT_APPLICABLE));
    unsigned mine = c->flags & indicator_flags(i);
    for (int k = 0; k < CES_FLAG_COUNT; k++)
        if (mine & (1u << k))
            ces_buf_printf(b, "%s%s", b->len ? sep : "", xl_flag(EN, 1u << k));
    if (c->ind[i].small_base)
        ces_buf_printf(b, "%s%s", b->len ? sep : "", xl_t(EN, XL_SMALL_BASE));
}

void xl_indicator_row(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, ces_ind i,
                      int row, int off)
{
    const ces_cfg_indicator *ci = &ctx->cfg->ind[i];
    const ces_ind_result *x = &c->ind[i];
    ces_kind kind = ces_ind_kind(i);
    xl_wrap(s, row, off + XL_IC_ID, ces_ind_id(i));
    xl_wrap(s, row, off + XL_IC_NAME, EN ? ci->en : ci->zh);
    if (kind == CES_KIND_VOLUME || kind == CES_KIND_RATE) {
        xl_amount(s, row, off + XL_IC_NUM, x->numerator);
        xl_amount(s, row, off + XL_IC_DEN, x->denominator);
    }
    /* numbers only: c = +inf stays empty, the arithmetic says why */
    if ((kind == CES_KIND_VOLUME || kind == CES_KIND_RATE || kind == CES_KIND_CHANGE) && x->has_value &&
        !x->value_inf && x->applicable)
        xl_ind_value(s, row, off + XL_IC_VALUE, i, x->value);
    if ((kind == CES_KIND_VOLUME || kind == CES_KIND_RATE) && x->has_benchmark)
        xl_ind_value(s, row, off + XL_IC_BENCH, i, x->benchmark);
    xl_score(s, row, off + XL_IC_WEIGHT, kind == CES_KIND_VOLUME ? x->weight : x->max);
    if (kind == CES_KIND_VOLUME && x->applicable)
        xl_score(s, row, off + XL_IC_RAW, x->raw);
    else if (kind == CES_KIND_DEDUCTION)
        xl_score(s, row, off + XL_IC_RAW, x->points);
    if (kind == CES_KIND_DEDUCTION) /* subtracted: shown as a non-positive score */
        xl_score_fmt(s, row, off + XL_IC_SCORE, -x->score, s->f->deduction);
    else
        xl_score(s, row, off + XL_IC_SCORE, x->score);
    ces_buf b = {0};
    flags_text(&b, ctx, c, i);
    if (b.p)
        xl_wrap(s, row, off + XL_IC_FLAGS, b.p);
    ces_buf_free(&b);
    rep_explain(&b, ctx, c, i);
    if (b.p)
        xl_wrap(s, row, off + XL_IC_ARITH, b.p);
    ces_buf_free(&b);
}

static void volume_block_arith(ces_buf *b, const ces_report_ctx *ctx, const ces_company_result *c)
{
    char a[32], d[32];
    if (c->flags & CES_FLAG_NO_VOLUME) {
        ces_buf_printf(b,
                       EN ? "no volume indicator applies: %s with no complaints, else 0 = %s"
                          : "无适用数量指标：无投诉得 %s 分，否则 0 = %s",
                       fg(ctx->cfg->volume_points, a), f2(c->volume_block, d));
        return;
    }
    int n = 0;
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (c->ind[i].present && ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME)
            ces_buf_printf(b, "%s%s", n++ ? " + " : "", f2(c->ind[i].score, a));
    ces_buf_printf(b, " = %s", f2(c->volume_block, d));
}

/* "max(0, a + b - c) = t" over the indicators of one block. */
static void block_arith(ces_buf *b, const ces_company_result *c, ces_block blk, double total)
{
    char a[32];
    int n = 0;
    ces_buf_printf(b, "max(0, ");
    if (blk == CES_BLOCK_QUANTITATIVE) {
        ces_buf_printf(b, "%s", f2(c->volume_block, a));
        n++;
    }
    for (int i = 0; i < CES_IND_COUNT; i++) {
        ces_ind id = (ces_ind)i;
        ces_kind k = ces_ind_kind(id);
        if (!c->ind[i].present || ces_ind_block(id) != blk || k == CES_KIND_VOLUME)
            continue;
        if (k == CES_KIND_DEDUCTION)
            ces_buf_printf(b, " - %s", f2(c->ind[i].score, a));
        else
            ces_buf_printf(b, "%s%s", n ? " + " : "", f2(c->ind[i].score, a));
        n++;
    }
    ces_buf_printf(b, ") = %s", f2(total, a));
}

void xl_volume_block_row(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                         int off)
{
    xl_wrap(s, row, off + XL_IC_ID, "volume_block");
    xl_wrap(s, row, off + XL_IC_NAME, xl_t(EN, XL_VOLUME_SUBTOTAL));
    xl_score(s, row, off + XL_IC_WEIGHT, ctx->cfg->volume_points);
    xl_score_fmt(s, row, off + XL_IC_SCORE, c->volume_block, s->f->subtotal);
    if (c->flags & CES_FLAG_NO_VOLUME)
        xl_wrap(s, row, off + XL_IC_FLAGS, xl_flag(EN, CES_FLAG_NO_VOLUME));
    ces_buf b = {0};
    volume_block_arith(&b, ctx, c);
    xl_wrap(s, row, off + XL_IC_ARITH, b.p);
    ces_buf_free(&b);
}

static void sensitivity_row(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c,
                            const ces_sensitivity *x, int more, int row, int off, int name_cols)
{
    static const char *const zh_line[] = {"", "车险", "非车险"};
    static const char *const en_line[] = {"", "motor ", "non-motor "};
    char a[32];
    ces_buf b = {0};
    if (name_cols) {
        xl_str(s, row, 0, c->code);
        xl_wrap(s, row, 1, c->name);
    }
    xl_wrap(s, row, off + XL_IC_ID, more ? "rank_sensitivity.more" : "rank_sensitivity.fewer");
    xl_wrap(s, row, off + XL_IC_NAME, xl_t(EN, more ? XL_SENS_MORE : XL_SENS_FEWER));
    if (!x->exists) {
        xl_wrap(s, row, off + XL_IC_ARITH, EN ? "no complaint to take away" : "无投诉可减");
        return;
    }
    xl_score(s, row, off + XL_IC_SCORE, x->total);
    if (EN)
        ces_buf_printf(&b, "one %scomplaint %s, peers fixed: total %s, rank %d (now %d)",
                       en_line[x->line], more ? "more" : "fewer", f2(x->total, a), x->rank, c->rank);
    else
        ces_buf_printf(&b, "%s一件%s投诉（同组其他公司不变）：总分 %s，排名 %d（现为 %d）",
                       more ? "多" : "少", zh_line[x->line], f2(x->total, a), x->rank, c->rank);
    xl_wrap(s, row, off + XL_IC_ARITH, b.p);
    ces_buf_free(&b);
}

int xl_sensitivity_rows(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                        int off, int name_cols)
{
    if (!ctx->results->derived)
        return row;
    sensitivity_row(s, ctx, c, &c->fewer, 0, row++, off, name_cols);
    sensitivity_row(s, ctx, c, &c->more, 1, row++, off, name_cols);
    return row;
}

int xl_ind_in_group(ces_ind i, ces_group g)
{
    int ig = ces_ind_group(i);
    return ig < 0 || ig == (int)g;
}

int xl_subtotal_rows(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                     int label_col, int score_col, int arith_col)
{
    char a[32], d[32], e[32];
    ces_buf b = {0};
    volume_block_arith(&b, ctx, c);
    xl_wrap(s, row, label_col, xl_t(EN, XL_VOLUME_SUBTOTAL));
    xl_score_fmt(s, row, score_col, c->volume_block, s->f->subtotal);
    xl_wrap(s, row++, arith_col, b.p);
    ces_buf_free(&b);
    block_arith(&b, c, CES_BLOCK_QUALITATIVE, c->qualitative);
    xl_wrap(s, row, label_col, xl_t(EN, XL_QUALITATIVE));
    xl_score_fmt(s, row, score_col, c->qualitative, s->f->subtotal);
    xl_wrap(s, row++, arith_col, b.p);
    ces_buf_free(&b);
    block_arith(&b, c, CES_BLOCK_QUANTITATIVE, c->quantitative);
    xl_wrap(s, row, label_col, xl_t(EN, XL_QUANTITATIVE));
    xl_score_fmt(s, row, score_col, c->quantitative, s->f->subtotal);
    xl_wrap(s, row++, arith_col, b.p);
    ces_buf_free(&b);
    ces_buf_printf(&b, "%s + %s = %s", f2(c->qualitative, a), f2(c->quantitative, d), f2(c->total, e));
    xl_wrap(s, row, label_col, xl_t(EN, XL_TOTAL));
    xl_score_fmt(s, row, score_col, c->total, s->f->subtotal);
    xl_wrap(s, row++, arith_col, b.p);
    ces_buf_free(&b);
    return row;
}
