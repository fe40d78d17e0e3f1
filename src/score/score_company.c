/* One company scored against given benchmarks (score_company.h): the volume
 * block (docs/method.md §6.1), the rates (§6.2-§6.5, score_rates.c), the
 * checklists and deductions (§4, §5, score_deduct.c) and the sums (§3, §8). */
#include "score_company.h"

#include <string.h>

#include "score_deduct.h"
#include "score_rates.h"
#include "score_results.h"
#include "score_volume.h"

ces_status sc_check_methods(const ces_config *cfg)
{
    for (int i = 0; i < CES_IND_COUNT; i++) {
        ces_method want = CES_METHOD_CHECKLIST;
        switch (ces_ind_kind((ces_ind)i)) {
        case CES_KIND_CHECKLIST: want = CES_METHOD_CHECKLIST; break;
        case CES_KIND_DEDUCTION: want = CES_METHOD_CAPPED_SUM; break;
        case CES_KIND_VOLUME: want = CES_METHOD_MEDIAN_SCALED; break;
        case CES_KIND_CHANGE: want = CES_METHOD_LINEAR_CHANGE; break;
        case CES_KIND_RATE:
            want = i == CES_IND_TIMELINESS ? CES_METHOD_RATIO : CES_METHOD_RATIO_TO_BENCHMARK;
            break;
        }
        if (cfg->ind[i].method != want)
            return CES_ERR_INVALID;
    }
    return CES_OK;
}

/* Which indicators the company has (those of its group and of both). */
static void init_indicators(const ces_config *cfg, ces_company_result *c)
{
    memset(c->ind, 0, sizeof c->ind);
    for (int ind = 0; ind < CES_IND_COUNT; ind++) {
        int g = ces_ind_group((ces_ind)ind);
        ces_ind_result *r = &c->ind[ind];
        r->present = g < 0 || g == (int)c->group;
        r->applicable = r->present;
        r->max = r->present ? cfg->ind[ind].max : 0;
    }
}

/* §6.1: value, raw score; B is b's. */
static void volume_indicator(const sc_agg *a, const ces_config *cfg, ces_ind ind, double b,
                             ces_ind_result *r)
{
    const ces_cfg_indicator *ci = &cfg->ind[ind];
    double k = ci->zero_at_multiple, num, den;
    sc_volume_inputs(ind, a, &num, &den);
    r->numerator = num;
    r->denominator = den;
    r->weight = ci->max;
    r->applicable = den > 0;
    if (!r->applicable)
        return;
    r->has_value = 1;
    r->value = num / den;
    r->has_benchmark = 1;
    r->benchmark = b;
    r->raw = b == 0 ? ci->max : ci->max * sc_clamp(1.0 - r->value / (k * b), 0, 1);
}

static int is_volume_applicable(const ces_company_result *c, int ind)
{
    return ces_ind_kind(ind) == CES_KIND_VOLUME && c->ind[ind].present && c->ind[ind].applicable;
}

/* §6.1 re-weighting within the block; the no_volume case. */
static void volume_block(const sc_agg *a, const ces_config *cfg, ces_company_result *c)
{
    double sum_w = 0, blk = 0;
    int n_app = 0;
    for (int ind = 0; ind < CES_IND_COUNT; ind++)
        if (is_volume_applicable(c, ind)) {
            sum_w += c->ind[ind].weight;
            n_app++;
        }
    if (n_app == 0) {
        c->flags |= CES_FLAG_NO_VOLUME;
        c->volume_block = a->total == 0 ? cfg->volume_points : 0;
        return;
    }
    for (int ind = 0; ind < CES_IND_COUNT; ind++) {
        ces_ind_result *r = &c->ind[ind];
        if (!is_volume_applicable(c, ind) || !(sum_w > 0))
            continue;
        r->effective_weight = r->weight * cfg->volume_points / sum_w;
        r->score = sc_round(cfg, r->raw * cfg->volume_points / sum_w);
        blk += r->score;
    }
    c->volume_block = sc_round(cfg, blk);
}

static double sc(const ces_company_result *c, ces_ind ind)
{
    return c->ind[ind].present ? c->ind[ind].score : 0;
}

/* §3 and §8: each sum re-rounded, floored at 0. */
static void totals(const ces_config *cfg, ces_company_result *c)
{
    double qual = sc(c, CES_IND_QUAL_SYSTEMS) + sc(c, CES_IND_QUAL_MECHANISMS) -
                  sc(c, CES_IND_DED_EXECUTION);
    double quant = c->volume_block + sc(c, CES_IND_CHANGE_RATE) + sc(c, CES_IND_TIMELINESS) +
                   sc(c, CES_IND_WITHDRAWAL) + sc(c, CES_IND_MEDIATION) - sc(c, CES_IND_DED_IMPROPER) -
                   sc(c, CES_IND_DED_VIOLATION) - sc(c, CES_IND_DED_GROUP_EVENT) -
                   sc(c, CES_IND_DED_NEGATIVE_MEDIA);
    qual = sc_round(cfg, qual);
    quant = sc_round(cfg, quant);
    c->qualitative = qual > 0 ? qual : 0;
    c->quantitative = quant > 0 ? quant : 0;
    c->total = sc_round(cfg, c->qualitative + c->quantitative);
}

void sc_company(const sc_agg *a, const ces_config *cfg, const sc_bench *b, ces_company_result *c)
{
    c->flags = 0;
    init_indicators(cfg, c);
    for (int ind = 0; ind < CES_IND_COUNT; ind++)
        if (ces_ind_kind((ces_ind)ind) == CES_KIND_VOLUME && c->ind[ind].present)
            volume_indicator(a, cfg, (ces_ind)ind, b->b[ind], &c->ind[ind]);
    volume_block(a, cfg, c);
    sc_change_rate(a, cfg, c);
    sc_timeliness(a, cfg, c);
    sc_ratio_score(a, cfg, CES_IND_WITHDRAWAL, b->has[CES_IND_WITHDRAWAL], b->b[CES_IND_WITHDRAWAL], c);
    sc_ratio_score(a, cfg, CES_IND_MEDIATION, b->has[CES_IND_MEDIATION], b->b[CES_IND_MEDIATION], c);
    sc_deduct_company(a, cfg, c);
    totals(cfg, c);
}
