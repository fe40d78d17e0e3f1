/* report_explain: every special case of docs/method.md, scored from the bundle
 * fixtures/edge-cases (one company per case, its README.md), walked through
 * the one explanation rep_explain() writes and the two places that print it:
 * `cescore show --company` (ces_report_scorecard_text) and the per-company
 * scorecard workbooks (ces_report_per_company, read back with
 * tests/tools/xlsx_readback.py, openpyxl). For each case: (a) the scores and
 * flags are the case meant, (b) the text names it in English and Chinese,
 * (c) show prints exactly that text under the indicator, (d) the scorecard's
 * arithmetic cell holds exactly that text and its numeric columns only
 * numbers. */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/ingest.h"
#include "cescore/report.h"
#include "cescore/results.h"
#include "cescore/score.h"
#include "cli_env.h"
#include "report_explain.h"

#define RUN_TIME "2024-07-20T09:00:00Z"

/* ---- the bundle, scored ---------------------------------------------------- */

typedef struct {
    ces_config cfg;
    ces_columns *cols;
    ces_dataset ds;    /* as loaded */
    ces_dataset ds_m0; /* a second copy, every mediation `succeeded` set to 0: M = 0 */
    ces_results res, res_m0;
} bundle;

static void load_dataset(bundle *b, ces_dataset *ds)
{
    const char *fx = getenv("CES_FIXTURES");
    ck_assert_msg(fx != NULL, "CES_FIXTURES is not set");
    char path[4096];
    snprintf(path, sizeof path, "%s/edge-cases", fx);
    ces_period period;
    ck_assert_int_eq(ces_period_parse("2024H1", &period), 0);
    ces_diags d;
    ces_diags_init(&d);
    memset(ds, 0, sizeof *ds);
    ces_status st = ces_ingest_bundle(path, period, &b->cfg, b->cols, ds, &d);
    if (st != CES_OK || d.count)
        ces_diags_print(&d, stderr);
    ck_assert_int_eq(st, CES_OK);
    ck_assert_uint_eq(d.count, 0); /* not even a warning */
    ces_diags_free(&d);
}

static void bundle_load(bundle *b)
{
    memset(b, 0, sizeof *b);
    const char *dir = getenv("CES_CONFIG_DIR");
    ck_assert_msg(dir != NULL, "CES_CONFIG_DIR is not set");
    char path[4096];
    ces_diags d;
    ces_diags_init(&d);
    snprintf(path, sizeof path, "%s/shanghai-2018.json", dir);
    ck_assert_int_eq(cli_config_read(path, &b->cfg, &d), CES_OK);
    snprintf(path, sizeof path, "%s/columns.json", dir);
    ck_assert_int_eq(ces_columns_load(path, &b->cols, &d), CES_OK);
    ces_diags_free(&d);
    load_dataset(b, &b->ds);
    load_dataset(b, &b->ds_m0);
    ck_assert_uint_gt(b->ds_m0.n_mediation, 0);
    for (size_t k = 0; k < b->ds_m0.n_mediation; k++)
        b->ds_m0.mediation[k].succeeded = 0;
    ck_assert_int_eq(ces_score(&b->ds, &b->cfg, NULL, &b->res), CES_OK);
    ck_assert_int_eq(ces_score(&b->ds_m0, &b->cfg, NULL, &b->res_m0), CES_OK);
    ck_assert_int_eq(b->res.prior_source, CES_PRIOR_SOURCE_CSV);
    ck_assert_uint_eq(b->res.n_companies, 11); /* every company eligible */
    ck_assert_uint_eq(b->res.n_excluded, 0);
}

static void bundle_free(bundle *b)
{
    ces_results_free(&b->res);
    ces_results_free(&b->res_m0);
    ces_dataset_free(&b->ds);
    ces_dataset_free(&b->ds_m0);
    ces_columns_free(b->cols);
    ces_config_free(&b->cfg);
}

static ces_report_ctx report_ctx(const bundle *b, int m0, int english)
{
    return (ces_report_ctx){.results = m0 ? &b->res_m0 : &b->res,
                            .cfg = &b->cfg,
                            .run_id = m0 ? 2 : 1,
                            .run_time = RUN_TIME,
                            .engine_version = "1.0.0",
                            .operator_name = "alice",
                            .files = m0 ? b->ds_m0.files : b->ds.files,
                            .dataset = m0 ? &b->ds_m0 : &b->ds,
                            .english = english};
}

static const ces_company_result *company(const ces_results *r, const char *code)
{
    for (size_t k = 0; k < r->n_companies; k++)
        if (!strcmp(r->companies[k].code, code))
            return &r->companies[k];
    ck_abort_msg("no company %s in the results", code);
    return NULL;
}

/* rep_explain's text (malloc'd). */
static char *explain(const ces_report_ctx *ctx, const ces_company_result *c, ces_ind i)
{
    ces_buf b = {0};
    rep_explain(&b, ctx, c, i);
    char *s = strdup(b.p ? b.p : "");
    ck_assert_ptr_nonnull(s);
    ces_buf_free(&b);
    return s;
}

/* ---- the cases ------------------------------------------------------------- */

/* What the scored figures must show for a case to be the one meant. */
typedef enum {
    ST_PLAIN,          /* the formula, nothing special */
    ST_MISSING,        /* checklist: items not established (bits) */
    ST_ALL_ITEMS,      /* checklist: nothing missing */
    ST_CAPPED,         /* deduction: points above the cap */
    ST_UNCAPPED,       /* deduction: points below the cap */
    ST_NOT_APPLICABLE, /* volume: denominator 0 */
    ST_BENCH0,         /* volume or rate: a value, benchmark 0 */
    ST_REWEIGHTED,     /* volume: applies, sum of applicable weights below the block */
    ST_NO_VALUE,       /* change or rate: no value (a flag) */
    ST_INF,            /* change: c = +inf */
    ST_C0              /* change: both x 0, c = 0 */
} state;

typedef struct {
    int m0; /* 1: in the copy scored with M = 0 */
    const char *code;
    ces_ind ind;
    unsigned flags; /* the company's flags, exactly */
    double score;
    state st;
    const char *en[3], *zh[3]; /* in the text, each */
    const char *never[3];      /* in neither language's text */
} edge_case;

#define FULL_REWEIGHT "× 30 / 30 (weights applicable)"
#define NO_PRIOR_EN "x unavailable (no prior figures, or prior premium 0): scored 10 × 1 = 10.00"
#define NO_PRIOR_ZH "x 不可得（无上期数据或上期保费为 0）：按规定得 10 × 1 = 10.00"
#define BENCH0_EN "peer benchmark (median and pooled rate) 0: full marks, raw = 5.0000; "
#define BENCH0_ZH "同组基准（中位数及合计比率）为 0：满分，原始分 = 5.0000；"
#define QUIET_FLAGS (CES_FLAG_NONE_TRANSFERRED | CES_FLAG_NO_COMPLAINTS | CES_FLAG_NO_MEDIATION)

static const edge_case CASES[] = {
    /* checklists: missing items listed with their points; none missing */
    {0,
     "SH-PC-NORMAL",
     CES_IND_QUAL_SYSTEMS,
     0,
     12,
     ST_MISSING,
     {"max(0, 15 - 2 (Registration rules not established) - 1 (Other rules required by the "
      "regulator not established)) = 12.00"},
     {"max(0, 15 - 2（登记制度未建立） - 1（监管要求建立的其它制度未建立）) = 12.00"},
     {"all established", "全部建立"}},
    {0,
     "SH-PC-NORMAL",
     CES_IND_QUAL_MECHANISMS,
     0,
     15,
     ST_ALL_ITEMS,
     {"15 (all established) = 15.00"},
     {"15（全部建立）= 15.00"},
     {"not established", "未建立"}},
    /* deductions: capped, and below the cap */
    {0,
     "SH-PC-NORMAL",
     CES_IND_DED_VIOLATION,
     0,
     20,
     ST_CAPPED,
     {"min(cap 20, points 25) = 20.00, subtracted"},
     {"min(上限 20, 扣分合计 25) = 20.00，予以扣减"},
     {NULL}},
    {0,
     "SH-LF-NORMAL",
     CES_IND_DED_EXECUTION,
     0,
     2,
     ST_UNCAPPED,
     {"min(cap 30, points 2) = 2.00, subtracted"},
     {"min(上限 30, 扣分合计 2) = 2.00，予以扣减"},
     {NULL}},
    /* volume: the formula; peer benchmark 0 after the pooled fallback */
    {0,
     "SH-PC-NORMAL",
     CES_IND_PC_MOTOR_PREMIUM,
     0,
     3.33,
     ST_PLAIN,
     {"x = 60 / 6 = 10.0000; raw = 20 × clamp(1 - x / (2 × peer benchmark 6.0000), 0, 1) = 3.3333; ",
      "score = 3.3333 " FULL_REWEIGHT " = 3.33"},
     {"原始分 = 20 × clamp(1 - x / (2 × 同组基准 6.0000), 0, 1) = 3.3333；",
      "得分 = 3.3333 × 30 / 30（适用指标权重之和）= 3.33"},
     {"full marks", "满分", "not applicable"}},
    {0,
     "SH-PC-NORMAL",
     CES_IND_PC_NONMOTOR_PREMIUM,
     0,
     5,
     ST_BENCH0,
     {"x = 0 / 4 = 0.0000; " BENCH0_EN "score = 5.0000 " FULL_REWEIGHT " = 5.00"},
     {BENCH0_ZH},
     {"clamp", "not applicable", "不适用"}},
    {0,
     "SH-PC-NORMAL",
     CES_IND_PC_NONMOTOR_POLICIES,
     0,
     5,
     ST_BENCH0,
     {"x = 0 / 20 = 0.0000; " BENCH0_EN "score = 5.0000 " FULL_REWEIGHT " = 5.00"},
     {BENCH0_ZH},
     {"clamp", "not applicable", "不适用"}},
    {0,
     "SH-LF-NORMAL",
     CES_IND_LIFE_POLICIES,
     0,
     3.62,
     ST_PLAIN,
     {"x = 40 / 46 = 0.8696; raw = 10 × clamp(1 - x / (2 × peer benchmark 0.6818), 0, 1) = 3.6232; "},
     {"x = 40 / 46 = 0.8696；原始分 = 10 × clamp(1 - x / (2 × 同组基准 0.6818), 0, 1) = 3.6232；"},
     {"full marks", "满分"}},
    /* volume: not applicable (premium 0: no_volume, every indicator) */
    {0,
     "SH-PC-NOPREM",
     CES_IND_PC_MOTOR_PREMIUM,
     CES_FLAG_NO_VOLUME | CES_FLAG_NO_PREMIUM,
     0,
     ST_NOT_APPLICABLE,
     {"denominator (motor premium) is 0: not applicable, contributes 0"},
     {"分母（车险保费）为 0：不适用，不计分"},
     {"x =", "raw", "原始分"}},
    {0,
     "SH-PC-NOPREM",
     CES_IND_PC_NONMOTOR_POLICIES,
     CES_FLAG_NO_VOLUME | CES_FLAG_NO_PREMIUM,
     0,
     ST_NOT_APPLICABLE,
     {"denominator (non-motor policies) is 0: not applicable, contributes 0"},
     {"分母（非车险保单件数）为 0：不适用，不计分"},
     {"x =", "denominator 0", "分母 0"}},
    /* volume: no non-motor business, motor re-weighted × 30/20 */
    {0,
     "SH-PC-MOTOR",
     CES_IND_PC_MOTOR_PREMIUM,
     0,
     15,
     ST_REWEIGHTED,
     {"raw = 20 × clamp(1 - x / (2 × peer benchmark 6.0000), 0, 1) = 10.0000; ",
      "score = 10.0000 × 30 / 20 (weights applicable) = 15.00"},
     {"得分 = 10.0000 × 30 / 20（适用指标权重之和）= 15.00"},
     {"30 / 30", "full marks", "满分"}},
    {0,
     "SH-PC-MOTOR",
     CES_IND_PC_NONMOTOR_PREMIUM,
     0,
     0,
     ST_NOT_APPLICABLE,
     {"denominator (non-motor premium) is 0: not applicable, contributes 0"},
     {"分母（非车险保费）为 0：不适用，不计分"},
     {"x =", "full marks", "满分"}},
    {0,
     "SH-PC-MOTOR",
     CES_IND_PC_NONMOTOR_POLICIES,
     0,
     0,
     ST_NOT_APPLICABLE,
     {"denominator (non-motor policies) is 0: not applicable, contributes 0"},
     {"分母（非车险保单件数）为 0：不适用，不计分"},
     {"x =", "full marks", "满分"}},
    /* change rate: the formula; no premium; no prior figures; prior premium 0;
     * prior x 0 with x now > 0; both x 0 */
    {0,
     "SH-PC-NORMAL",
     CES_IND_CHANGE_RATE,
     0,
     8,
     ST_PLAIN,
     {"x now = 60 / (100000 / 10000) = 6.0000; x prior = 5.0000; ",
      "c = (6.0000 - 5.0000) / 5.0000 = 0.2000; score = 10 × clamp((1 - c) / (1 - 0), 0, 1) = 8.00"},
     {"本期 x = 60 / (100000 / 10000) = 6.0000；上期 x = 5.0000；",
      "c = (6.0000 - 5.0000) / 5.0000 = 0.2000；得分 = 10 × clamp((1 - c) / (1 - 0), 0, 1) = 8.00"},
     {"unavailable", "不可得", "+∞"}},
    {0,
     "SH-PC-NOPREM",
     CES_IND_CHANGE_RATE,
     CES_FLAG_NO_VOLUME | CES_FLAG_NO_PREMIUM,
     10,
     ST_NO_VALUE,
     {"x unavailable (no premium this period): scored 10 × 1 = 10.00"},
     {"x 不可得（本期保费为 0）：按规定得 10 × 1 = 10.00"},
     {"prior", "上期", "+∞"}},
    {0,
     "SH-PC-NOPRIOR",
     CES_IND_CHANGE_RATE,
     CES_FLAG_NO_PRIOR,
     10,
     ST_NO_VALUE,
     {NO_PRIOR_EN},
     {NO_PRIOR_ZH},
     {"no premium this period", "本期保费为 0", "+∞"}},
    {0,
     "SH-PC-PRIOR0",
     CES_IND_CHANGE_RATE,
     CES_FLAG_NO_PRIOR,
     10,
     ST_NO_VALUE,
     {NO_PRIOR_EN},
     {NO_PRIOR_ZH},
     {"no premium this period", "本期保费为 0", "+∞"}},
    {0,
     "SH-PC-INF",
     CES_IND_CHANGE_RATE,
     0,
     0,
     ST_INF,
     {"x now = 9 / (30000 / 10000) = 3.0000; x prior = 0.0000; x prior is 0 and x now above 0: c = +∞; "
      "score = 10 × clamp((1 - c) / (1 - 0), 0, 1) = 0.00"},
     {"本期 x = 9 / (30000 / 10000) = 3.0000；上期 x = 0.0000；上期 x 为 0 且本期 x 大于 0：c = +∞；"
      "得分 = 10 × clamp((1 - c) / (1 - 0), 0, 1) = 0.00"},
     {"unavailable", "不可得", "no prior"}},
    {0,
     "SH-PC-QUIET",
     CES_IND_CHANGE_RATE,
     QUIET_FLAGS,
     10,
     ST_C0,
     {"x now = 0 / (8000 / 10000) = 0.0000; x prior = 0.0000; x prior and x now both 0: c = 0; "
      "score = 10 × clamp((1 - c) / (1 - 0), 0, 1) = 10.00"},
     {"上期、本期 x 均为 0：c = 0；得分 = 10 × clamp((1 - c) / (1 - 0), 0, 1) = 10.00"},
     {"unavailable", "不可得", "+∞"}},
    /* timeliness: the formula; nothing transferred */
    {0,
     "SH-PC-NORMAL",
     CES_IND_TIMELINESS,
     0,
     9,
     ST_PLAIN,
     {"r = 36 / 40 = 0.9000; score = 10 × r = 9.00"},
     {"r = 36 / 40 = 0.9000；得分 = 10 × r = 9.00"},
     {"full marks", "满分"}},
    {0,
     "SH-PC-QUIET",
     CES_IND_TIMELINESS,
     QUIET_FLAGS,
     10,
     ST_NO_VALUE,
     {"no complaint transferred, denominator 0: full marks = 10.00"},
     {"无转办投诉，分母为 0：满分 = 10.00"},
     {"r =", "no complaints,", "无投诉，"}},
    /* withdrawal: the formula; no complaints; peer benchmark Bw = 0 (life) */
    {0,
     "SH-PC-NORMAL",
     CES_IND_WITHDRAWAL,
     0,
     14.71,
     ST_PLAIN,
     {"r = 15 / 60 = 0.2500; score = 15 × min(1, r / peer benchmark 0.2549) = 14.71"},
     {"r = 15 / 60 = 0.2500；得分 = 15 × min(1, r / 同组基准 0.2549) = 14.71"},
     {"full marks", "满分"}},
    {0,
     "SH-PC-QUIET",
     CES_IND_WITHDRAWAL,
     QUIET_FLAGS,
     15,
     ST_NO_VALUE,
     {"no complaints, denominator 0: full marks = 15.00"},
     {"无投诉，分母为 0：满分 = 15.00"},
     {"r =", "benchmark", "基准"}},
    {0,
     "SH-LF-NORMAL",
     CES_IND_WITHDRAWAL,
     0,
     15,
     ST_BENCH0,
     {"r = 0 / 40 = 0.0000; peer benchmark 0: full marks = 15.00"},
     {"r = 0 / 40 = 0.0000；同组基准为 0：满分 = 15.00"},
     {"min(1", "denominator 0", "分母为 0"}},
    /* mediation: the formula; nothing needed (explicit 0,0 row; no row); M = 0 */
    {0,
     "SH-PC-NORMAL",
     CES_IND_MEDIATION,
     0,
     4.47,
     ST_PLAIN,
     {"r = 7 / 10 = 0.7000; score = 5 × min(1, r / industry average 0.7826) = 4.47"},
     {"r = 7 / 10 = 0.7000；得分 = 5 × min(1, r / 行业平均 0.7826) = 4.47"},
     {"full marks", "满分"}},
    {0,
     "SH-PC-QUIET",
     CES_IND_MEDIATION,
     QUIET_FLAGS,
     5,
     ST_NO_VALUE,
     {"no mediation needed, denominator 0: full marks = 5.00"},
     {"无调解需求，分母为 0：满分 = 5.00"},
     {"r =", "average", "行业平均"}},
    {0,
     "SH-PC-NOMED",
     CES_IND_MEDIATION,
     CES_FLAG_NO_MEDIATION,
     5,
     ST_NO_VALUE,
     {"no mediation needed, denominator 0: full marks = 5.00"},
     {"无调解需求，分母为 0：满分 = 5.00"},
     {"r =", "average", "行业平均"}},
    {1,
     "SH-PC-NORMAL",
     CES_IND_MEDIATION,
     0,
     5,
     ST_BENCH0,
     {"r = 0 / 10 = 0.0000; industry average 0: full marks = 5.00"},
     {"r = 0 / 10 = 0.0000；行业平均为 0：满分 = 5.00"},
     {"min(1", "denominator 0", "分母为 0"}},
    {1,
     "SH-PC-NOMED",
     CES_IND_MEDIATION,
     CES_FLAG_NO_MEDIATION,
     5,
     ST_NO_VALUE,
     {"no mediation needed, denominator 0: full marks = 5.00"},
     {"无调解需求，分母为 0：满分 = 5.00"},
     {"r =", "average", "行业平均"}},
};
#define N_CASES (sizeof CASES / sizeof CASES[0])

static const char *case_name(const edge_case *e)
{
    static char b[128];
    snprintf(b, sizeof b, "%s %s%s", e->code, ces_ind_id(e->ind), e->m0 ? " (M = 0)" : "");
    return b;
}

/* (a) The figures are the case meant: the fixture still covers it. */
static void assert_state(const bundle *b, const edge_case *e)
{
    const ces_results *r = e->m0 ? &b->res_m0 : &b->res;
    const ces_company_result *c = company(r, e->code);
    const ces_ind_result *x = &c->ind[e->ind];
    const char *n = case_name(e);
    ck_assert_msg(x->present, "%s: indicator absent", n);
    ck_assert_msg(c->flags == e->flags, "%s: flags %#x, expected %#x", n, c->flags, e->flags);
    ck_assert_msg(fabs(x->score - e->score) < 1e-9, "%s: score %.17g, expected %.2f", n, x->score,
                  e->score);
    switch (e->st) {
    case ST_PLAIN:
        ck_assert_msg(x->has_value && !x->value_inf && x->applicable, "%s: no plain value", n);
        if (e->ind != CES_IND_TIMELINESS && ces_ind_kind(e->ind) != CES_KIND_CHANGE)
            ck_assert_msg(x->has_benchmark && x->benchmark > 0, "%s: benchmark %g", n, x->benchmark);
        if (ces_ind_kind(e->ind) == CES_KIND_CHANGE)
            ck_assert_msg(x->prior > 0 && x->value > 0 && x->value < 1, "%s: c = %g", n, x->value);
        if (ces_ind_kind(e->ind) == CES_KIND_VOLUME)
            ck_assert_msg(x->raw > 0 && x->raw < x->weight, "%s: raw %g clamped", n, x->raw);
        break;
    case ST_MISSING: {
        const ces_cfg_indicator *ci = &b->cfg.ind[e->ind];
        ck_assert_msg(ci->n_items > 8 && !strcmp(ci->items[1].id, "sys_registration") &&
                          !strcmp(ci->items[8].id, "sys_other"),
                      "%s: config items moved", n);
        ck_assert_msg(x->missing == ((1u << 1) | (1u << 8)), "%s: missing %#x", n, x->missing);
        break;
    }
    case ST_ALL_ITEMS: ck_assert_msg(x->missing == 0, "%s: missing %#x", n, x->missing); break;
    case ST_CAPPED:
        ck_assert_msg(x->points > x->max && x->score == x->max, "%s: points %g, cap %g", n, x->points,
                      x->max);
        break;
    case ST_UNCAPPED:
        ck_assert_msg(x->points > 0 && x->points < x->max && x->score == x->points, "%s: points %g", n,
                      x->points);
        break;
    case ST_NOT_APPLICABLE:
        ck_assert_msg(!x->applicable && x->denominator == 0 && !x->has_value && !x->has_benchmark,
                      "%s: applies", n);
        if (c->flags & CES_FLAG_NO_VOLUME)
            ck_assert_msg(c->volume_block == 0 && c->complaints_total > 0, "%s: block %g", n,
                          c->volume_block);
        else /* the others are re-weighted: the block still adds up to their contributions */
            ck_assert_msg(c->volume_block > 0, "%s: block %g", n, c->volume_block);
        break;
    case ST_BENCH0:
        ck_assert_msg(x->has_value && x->has_benchmark && x->benchmark == 0, "%s: benchmark %g", n,
                      x->benchmark);
        if (ces_ind_kind(e->ind) == CES_KIND_VOLUME)
            ck_assert_msg(x->value == 0 && x->raw == x->weight, "%s: raw %g", n, x->raw);
        else /* a value that would score less against any positive benchmark */
            ck_assert_msg(x->value < 1 && x->score == x->max, "%s: value %g", n, x->value);
        if (e->ind == CES_IND_MEDIATION)
            ck_assert_msg(b->res_m0.has_industry_mediation && b->res_m0.industry_mediation == 0 &&
                              b->res.industry_mediation > 0,
                          "%s: M %g", n, b->res_m0.industry_mediation);
        break;
    case ST_REWEIGHTED:
        ck_assert_msg(x->applicable && x->effective_weight > x->weight, "%s: weight %g of %g", n,
                      x->effective_weight, x->weight);
        ck_assert_msg(x->raw > 0 && x->raw < x->weight, "%s: raw %g clamped", n, x->raw);
        break;
    case ST_NO_VALUE:
        ck_assert_msg(!x->has_value && !x->value_inf && x->score == x->max, "%s: has a value", n);
        if (ces_ind_kind(e->ind) == CES_KIND_RATE)
            ck_assert_msg(x->denominator == 0, "%s: denominator %g", n, x->denominator);
        if (e->flags & CES_FLAG_NO_PRIOR) /* x now exists, only the prior is missing */
            ck_assert_msg(x->has_current && !x->has_prior && c->complaints_total > 0, "%s", n);
        break;
    case ST_INF:
        ck_assert_msg(x->value_inf && !x->has_value && x->has_prior && x->prior == 0 && x->current > 0,
                      "%s: not +inf", n);
        break;
    case ST_C0:
        ck_assert_msg(x->has_value && !x->value_inf && x->has_prior && x->prior == 0 &&
                          x->current == 0 && x->value == 0,
                      "%s: not 0 vs 0", n);
        break;
    }
}

/* Every indicator and every flag of docs/method.md §6–§7 is among the cases. */
START_TEST(test_cases_cover_every_flag)
{
    unsigned flags = 0;
    int kinds[CES_IND_COUNT] = {0};
    for (size_t k = 0; k < N_CASES; k++) {
        flags |= CASES[k].flags;
        kinds[CASES[k].ind] |= 1 << CASES[k].st;
    }
    ck_assert_uint_eq(flags, (1u << CES_FLAG_COUNT) - 1);
    ck_assert(kinds[CES_IND_CHANGE_RATE] & (1 << ST_INF));
    ck_assert(kinds[CES_IND_CHANGE_RATE] & (1 << ST_C0));
    ck_assert(kinds[CES_IND_WITHDRAWAL] & (1 << ST_BENCH0));
    ck_assert(kinds[CES_IND_MEDIATION] & (1 << ST_BENCH0));
    ck_assert(kinds[CES_IND_PC_NONMOTOR_PREMIUM] & (1 << ST_BENCH0));
    ck_assert(kinds[CES_IND_PC_MOTOR_PREMIUM] & (1 << ST_REWEIGHTED));
}
END_TEST

START_TEST(test_cases_computed)
{
    bundle b;
    bundle_load(&b);
    for (size_t k = 0; k < N_CASES; k++)
        assert_state(&b, &CASES[k]);
    bundle_free(&b);
}
END_TEST

/* (b) rep_explain names each case, in both languages. */
START_TEST(test_explain_names_case)
{
    bundle b;
    bundle_load(&b);
    for (size_t k = 0; k < N_CASES; k++) {
        const edge_case *e = &CASES[k];
        for (int en = 0; en <= 1; en++) {
            ces_report_ctx ctx = report_ctx(&b, e->m0, en);
            char *t = explain(&ctx, company(ctx.results, e->code), e->ind);
            const char *const *want = en ? e->en : e->zh;
            for (int j = 0; j < 3 && want[j]; j++)
                ck_assert_msg(strstr(t, want[j]), "%s (%s): no \"%s\" in \"%s\"", case_name(e),
                              en ? "en" : "zh", want[j], t);
            for (int j = 0; j < 3 && e->never[j]; j++)
                ck_assert_msg(!strstr(t, e->never[j]), "%s (%s): \"%s\" in \"%s\"", case_name(e),
                              en ? "en" : "zh", e->never[j], t);
            /* a text, never a number's failure */
            ck_assert_msg(!strstr(t, "nan") && !strstr(t, "inf") && !strstr(t, "-∞"), "%s: \"%s\"",
                          case_name(e), t);
            free(t);
        }
    }
    bundle_free(&b);
}
END_TEST

/* ---- (c) show ---------------------------------------------------------- */

static char *show(const ces_report_ctx *ctx, const char *code)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    ck_assert_int_eq(ces_report_scorecard_text(ctx, code, fp), CES_OK);
    ck_assert_int_eq(fclose(fp), 0);
    ck_assert_ptr_nonnull(buf);
    return buf;
}

/* The line after show's heading line of indicator i ("  <id> <name> <score>"),
 * a copy without its newline, or NULL. */
static char *show_line(const char *out, ces_ind i)
{
    char head[64];
    snprintf(head, sizeof head, "\n  %s ", ces_ind_id(i));
    const char *p = strstr(out, head);
    if (!p || strstr(p + 1, head)) /* absent, or twice */
        return NULL;
    p = strchr(p + 1, '\n');
    if (!p)
        return NULL;
    p++;
    const char *nl = strchr(p, '\n');
    return strndup(p, nl ? (size_t)(nl - p) : strlen(p));
}

/* show prints, under each indicator of each company, exactly rep_explain's
 * text; for the cases, that text is the one of (b). */
START_TEST(test_show_prints_explanation)
{
    bundle b;
    bundle_load(&b);
    for (int m0 = 0; m0 <= 1; m0++)
        for (int en = 0; en <= 1; en++) {
            ces_report_ctx ctx = report_ctx(&b, m0, en);
            for (size_t k = 0; k < ctx.results->n_companies; k++) {
                const ces_company_result *c = &ctx.results->companies[k];
                char *out = show(&ctx, c->code);
                for (int i = 0; i < CES_IND_COUNT; i++) {
                    if (!c->ind[i].present)
                        continue;
                    char *t = explain(&ctx, c, (ces_ind)i);
                    char want[4096];
                    snprintf(want, sizeof want, "    %s", t);
                    char *got = show_line(out, (ces_ind)i);
                    ck_assert_msg(got && !strcmp(got, want), "%s %s (%s%s):\nwant %s\ngot  %s", c->code,
                                  ces_ind_id((ces_ind)i), en ? "en" : "zh", m0 ? ", M = 0" : "", want,
                                  got ? got : "(no line)");
                    free(got);
                    free(t);
                }
                free(out);
            }
        }
    /* and for each case, show says it in so many words */
    for (size_t k = 0; k < N_CASES; k++) {
        const edge_case *e = &CASES[k];
        ces_report_ctx ctx = report_ctx(&b, e->m0, 1);
        char *out = show(&ctx, e->code);
        char *got = show_line(out, e->ind);
        ck_assert_ptr_nonnull(got);
        ck_assert_msg(strstr(got, e->en[0]), "%s: show prints \"%s\"", case_name(e), got);
        free(got);
        free(out);
    }
    bundle_free(&b);
}
END_TEST

/* ---- (d) the scorecard workbooks --------------------------------------- */

/* The python interpreter that has openpyxl (as in test_report_xlsx.c):
 * probed once in main(), passed to the forked tests as CES_PYTHON. */
static void find_python(void)
{
    const char *cands[] = {getenv("CES_PYTHON"), "/usr/bin/python3", "python3"};
    for (size_t k = 0; k < 3; k++) {
        if (!cands[k] || !*cands[k])
            continue;
        char cmd[512];
        snprintf(cmd, sizeof cmd, "'%s' -c 'import openpyxl' >/dev/null 2>&1", cands[k]);
        if (system(cmd) == 0) {
            setenv("CES_PYTHON", cands[k], 1);
            return;
        }
    }
    unsetenv("CES_PYTHON");
}

/* Runs xlsx_readback.py FILE --scorecard ARGS; returns its exit status. Its
 * report goes to stderr, or nowhere when quiet (a failure that is expected). */
static int readback(const char *file, const char *args, int quiet)
{
    const char *py = getenv("CES_PYTHON"), *cfgdir = getenv("CES_CONFIG_DIR");
    ck_assert_msg(py && *py, "no python3 with openpyxl (Debian package python3-openpyxl)");
    ck_assert_ptr_nonnull(cfgdir);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' '%s/../tests/tools/xlsx_readback.py' '%s' --scorecard %s %s", py,
             cfgdir, file, args, quiet ? ">/dev/null" : "1>&2");
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

/* Writes one line "ID<TAB>TEXT" per indicator of c to path. */
static void write_rows(const char *path, const ces_report_ctx *ctx, const ces_company_result *c)
{
    FILE *fp = fopen(path, "w");
    ck_assert_ptr_nonnull(fp);
    for (int i = 0; i < CES_IND_COUNT; i++) {
        if (!c->ind[i].present)
            continue;
        char *t = explain(ctx, c, (ces_ind)i);
        ck_assert_msg(!strchr(t, '\n') && !strchr(t, '\t'), "%s", t);
        fprintf(fp, "%s\t%s\n", ces_ind_id((ces_ind)i), t);
        free(t);
    }
    ck_assert_int_eq(fclose(fp), 0);
}

/* Every company's scorecard (both runs, both languages) holds rep_explain's
 * text in the arithmetic cell of every indicator row, and only numbers (or
 * nothing) in the row's numeric columns. */
START_TEST(test_scorecards_hold_explanation)
{
    bundle b;
    bundle_load(&b);
    char dir[64];
    snprintf(dir, sizeof dir, "/tmp/ces_explain_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
    ces_diags d;
    ces_diags_init(&d);
    for (int m0 = 0; m0 <= 1; m0++)
        for (int en = 0; en <= 1; en++) {
            ces_report_ctx ctx = report_ctx(&b, m0, en);
            char cards[128];
            snprintf(cards, sizeof cards, "%s/cards-%s%s", dir, en ? "en" : "zh", m0 ? "-m0" : "");
            ck_assert_msg(ces_report_per_company(&ctx, cards, &d) == CES_OK, "%s",
                          d.count ? d.items[d.count - 1].message : "");
            for (size_t k = 0; k < ctx.results->n_companies; k++) {
                const ces_company_result *c = &ctx.results->companies[k];
                char rows[256], card[256], args[512];
                snprintf(rows, sizeof rows, "%s/rows.txt", dir);
                write_rows(rows, &ctx, c);
                snprintf(card, sizeof card, "%s/%s.xlsx", cards, c->code);
                snprintf(args, sizeof args, "--lang %s --rows '%s'", en ? "en" : "zh", rows);
                ck_assert_msg(readback(card, args, 0) == 0, "%s: the scorecard differs (see stderr)",
                              card);
            }
        }
    /* the check can fail: a text that is not the workbook's */
    char rows[256], card[256];
    snprintf(rows, sizeof rows, "%s/wrong.txt", dir);
    FILE *fp = fopen(rows, "w");
    ck_assert_ptr_nonnull(fp);
    fputs("quant.change_rate\tx unavailable (no prior data): scored 10 × 1 = 0.00\n", fp);
    ck_assert_int_eq(fclose(fp), 0);
    snprintf(card, sizeof card, "%s/cards-en/SH-PC-INF.xlsx", dir);
    char args[512];
    snprintf(args, sizeof args, "--lang en --rows '%s'", rows);
    ck_assert_int_ne(readback(card, args, 1), 0);
    ces_diags_free(&d);
    const char *keep = getenv("CES_XLSX_KEEP"); /* debugging: keep the workbooks */
    if (!keep || !*keep)
        nftw(dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    else
        fprintf(stderr, "kept %s\n", dir);
    bundle_free(&b);
}
END_TEST

static Suite *explain_suite(void)
{
    Suite *s = suite_create("report_explain");
    TCase *tc = tcase_create("edge-cases");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, test_cases_cover_every_flag);
    tcase_add_test(tc, test_cases_computed);
    tcase_add_test(tc, test_explain_names_case);
    tcase_add_test(tc, test_show_prints_explanation);
    tcase_add_test(tc, test_scorecards_hold_explanation);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    find_python();
    SRunner *sr = srunner_create(explain_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
