/* One explanation per indicator, for the workbooks and the terminal (report_explain.h). */
#include "report_explain.h"

#include "report_xlsx_labels.h"
#include "report_xlsx_sheet.h"

#define EN (ctx->english)
/* zh and en texts of one message */
#define T(zh, en) (EN ? (en) : (zh))

static const char *f2(double v, char *b) { return xl_fmt(v, 2, b, 32); }
static const char *f4(double v, char *b) { return xl_fmt(v, 4, b, 32); }
static const char *fg(double v, char *b) { return xl_fmt(v, -1, b, 32); }

static void checklist(ces_buf *b, const ces_report_ctx *ctx, const ces_cfg_indicator *ci,
                      const ces_ind_result *x)
{
    char a[32], c[32];
    if (!x->missing) {
        ces_buf_printf(b, T("%s（全部建立）= %s", "%s (all established) = %s"), fg(x->max, a),
                       f2(x->score, c));
        return;
    }
    ces_buf_printf(b, "max(0, %s", fg(x->max, a));
    for (size_t k = 0; k < ci->n_items && k < 32; k++)
        if (x->missing & (1u << k))
            ces_buf_printf(b, T(" - %s（%s未建立）", " - %s (%s not established)"),
                           fg(ci->items[k].points, a), EN ? ci->items[k].en : ci->items[k].zh);
    ces_buf_printf(b, ") = %s", f2(x->score, c));
}

/* What a volume indicator divides by (docs/method.md §6.1), to say which figure is 0. */
static const char *volume_base(const ces_report_ctx *ctx, ces_ind i)
{
    switch (i) {
    case CES_IND_PC_MOTOR_PREMIUM: return T("车险保费", "motor premium");
    case CES_IND_PC_NONMOTOR_PREMIUM: return T("非车险保费", "non-motor premium");
    case CES_IND_PC_NONMOTOR_POLICIES: return T("非车险保单件数", "non-motor policies");
    case CES_IND_LIFE_PREMIUM: return T("保费", "premium");
    case CES_IND_LIFE_POLICIES:
        return T("有效保单件数 + 新增保单件数", "policies in force + new policies");
    default: return T("有效承保人次 + 新增承保人次", "persons in force + new persons");
    }
}

static void volume(ces_buf *b, const ces_report_ctx *ctx, ces_ind i, const ces_cfg_indicator *ci,
                   const ces_ind_result *x)
{
    char a[32], c[32], d[32], e[32];
    if (!x->applicable) {
        ces_buf_printf(
            b,
            T("分母（%s）为 0：不适用，不计分", "denominator (%s) is 0: not applicable, contributes 0"),
            volume_base(ctx, i));
        return;
    }
    ces_buf_printf(b, T("x = %s / %s = %s；", "x = %s / %s = %s; "), fg(x->numerator, a),
                   fg(x->denominator, c), f4(x->value, d));
    if (x->has_benchmark && x->benchmark > 0)
        ces_buf_printf(b,
                       T("原始分 = %s × clamp(1 - x / (%s × 同组基准 %s), 0, 1) = %s；",
                         "raw = %s × clamp(1 - x / (%s × peer benchmark %s), 0, 1) = %s; "),
                       fg(x->weight, a), fg(ci->zero_at_multiple, c), f4(x->benchmark, d),
                       f4(x->raw, e));
    else
        ces_buf_printf(b,
                       T("同组基准（中位数及合计比率）为 0：满分，原始分 = %s；",
                         "peer benchmark (median and pooled rate) 0: full marks, raw = %s; "),
                       f4(x->raw, a));
    double sum_w = x->effective_weight > 0 ? x->weight * ctx->cfg->volume_points / x->effective_weight
                                           : 0;
    ces_buf_printf(b,
                   T("得分 = %s × %s / %s（适用指标权重之和）= %s",
                     "score = %s × %s / %s (weights applicable) = %s"),
                   f4(x->raw, a), fg(ctx->cfg->volume_points, c), fg(sum_w, d), f2(x->score, e));
}

/* "score = 10 × clamp((1 - c) / (1 - 0), 0, 1) = 7.50" */
static void change_score(ces_buf *b, const ces_report_ctx *ctx, const ces_cfg_indicator *ci,
                         const ces_ind_result *x)
{
    char a[32], c[32], d[32], e[32];
    ces_buf_printf(b,
                   T("得分 = %s × clamp((%s - c) / (%s - %s), 0, 1) = %s",
                     "score = %s × clamp((%s - c) / (%s - %s), 0, 1) = %s"),
                   fg(ci->max, a), fg(ci->c_zero, c), fg(ci->c_zero, c), fg(ci->c_full, d),
                   f2(x->score, e));
}

static void change(ces_buf *b, const ces_report_ctx *ctx, const ces_cfg_indicator *ci,
                   const ces_company_result *co, const ces_ind_result *x)
{
    char a[32], c[32], d[32], e[32];
    if (!x->has_value && !x->value_inf) {
        const char *why = (co->flags & CES_FLAG_NO_PREMIUM)
                              ? T("本期保费为 0", "no premium this period")
                              : T("无上期数据或上期保费为 0", "no prior figures, or prior premium 0");
        ces_buf_printf(
            b, T("x 不可得（%s）：按规定得 %s × %s = %s", "x unavailable (%s): scored %s × %s = %s"),
            why, fg(ci->max, a), fg(ci->missing_score_fraction, c), f2(x->score, d));
        return;
    }
    ces_buf_printf(b,
                   T("本期 x = %s / (%s / 10000) = %s；上期 x = %s；",
                     "x now = %s / (%s / 10000) = %s; x prior = %s; "),
                   fg(co->complaints_total, a), fg(co->premium_wan, c), f4(x->current, d),
                   f4(x->prior, e));
    if (x->value_inf)
        ces_buf_printf(
            b, T("上期 x 为 0 且本期 x 大于 0：c = +∞；", "x prior is 0 and x now above 0: c = +∞; "));
    else if (x->prior == 0)
        ces_buf_printf(b, T("上期、本期 x 均为 0：c = 0；", "x prior and x now both 0: c = 0; "));
    else
        ces_buf_printf(b, T("c = (%s - %s) / %s = %s；", "c = (%s - %s) / %s = %s; "), f4(x->current, a),
                       f4(x->prior, c), f4(x->prior, d), f4(x->value, e));
    change_score(b, ctx, ci, x);
}

/* Why a rate indicator scored full marks without a value: its flag. */
static const char *rate_full_reason(const ces_report_ctx *ctx, ces_ind i)
{
    switch (i) {
    case CES_IND_TIMELINESS: return T("无转办投诉，分母为 0", "no complaint transferred, denominator 0");
    case CES_IND_WITHDRAWAL: return T("无投诉，分母为 0", "no complaints, denominator 0");
    default: return T("无调解需求，分母为 0", "no mediation needed, denominator 0");
    }
}

static void rate(ces_buf *b, const ces_report_ctx *ctx, ces_ind i, const ces_cfg_indicator *ci,
                 const ces_ind_result *x)
{
    char a[32], c[32], d[32], e[32];
    if (!x->has_value) {
        ces_buf_printf(b, T("%s：满分 = %s", "%s: full marks = %s"), rate_full_reason(ctx, i),
                       f2(x->score, a));
        return;
    }
    ces_buf_printf(b, T("r = %s / %s = %s；", "r = %s / %s = %s; "), fg(x->numerator, a),
                   fg(x->denominator, c), f4(x->value, d));
    const char *bench = ci->benchmark_scope == CES_SCOPE_INDUSTRY ? T("行业平均", "industry average")
                                                                  : T("同组基准", "peer benchmark");
    if (ci->method != CES_METHOD_RATIO_TO_BENCHMARK)
        ces_buf_printf(b, T("得分 = %s × r = %s", "score = %s × r = %s"), fg(ci->max, a),
                       f2(x->score, e));
    else if (x->has_benchmark && x->benchmark > 0)
        ces_buf_printf(b, T("得分 = %s × min(1, r / %s %s) = %s", "score = %s × min(1, r / %s %s) = %s"),
                       fg(ci->max, a), bench, f4(x->benchmark, c), f2(x->score, e));
    else
        ces_buf_printf(b, T("%s为 0：满分 = %s", "%s 0: full marks = %s"), bench, f2(x->score, a));
}

void rep_explain(ces_buf *b, const ces_report_ctx *ctx, const ces_company_result *c, ces_ind i)
{
    const ces_cfg_indicator *ci = &ctx->cfg->ind[i];
    const ces_ind_result *x = &c->ind[i];
    char a[32], d[32], e[32];
    switch (ces_ind_kind(i)) {
    case CES_KIND_CHECKLIST: checklist(b, ctx, ci, x); break;
    case CES_KIND_VOLUME: volume(b, ctx, i, ci, x); break;
    case CES_KIND_CHANGE: change(b, ctx, ci, c, x); break;
    case CES_KIND_RATE: rate(b, ctx, i, ci, x); break;
    case CES_KIND_DEDUCTION:
        ces_buf_printf(
            b, T("min(上限 %s, 扣分合计 %s) = %s，予以扣减", "min(cap %s, points %s) = %s, subtracted"),
            fg(x->max, a), fg(x->points, d), f2(x->score, e));
        break;
    }
}
