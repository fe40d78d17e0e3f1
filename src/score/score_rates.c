/* docs/method.md §6.2 (linear_change), §6.3 (ratio), §6.4 and §6.5 (ratio_to_benchmark). */
#include <math.h>

#include "score_rates.h"
#include "score_results.h"
#include "score_rollup.h"

static void change_rate(const sc_agg *a, const ces_config *cfg, ces_company_result *c)
{
    const ces_cfg_indicator *ci = &cfg->ind[CES_IND_CHANGE_RATE];
    ces_ind_result *r = &c->ind[CES_IND_CHANGE_RATE];
    double t, cr;

    r->numerator = a->total;
    r->denominator = a->premium_wan / 10000.0;
    if (a->premium_wan > 0) {
        r->has_current = 1;
        r->current = a->total / (a->premium_wan / 10000.0);
    }
    if (a->has_prior && a->prior_premium_wan > 0) {
        r->has_prior = 1;
        r->prior = a->prior_total / (a->prior_premium_wan / 10000.0);
    }
    if (!r->has_current || !r->has_prior) {
        c->flags |= r->has_current ? CES_FLAG_NO_PRIOR : CES_FLAG_NO_PREMIUM;
        r->score = sc_round(cfg, ci->max * ci->missing_score_fraction);
        return;
    }
    if (r->prior == 0 && r->current != 0) {
        /* c = +inf: the limit of the formula (0 when c_zero > c_full) */
        r->value_inf = 1;
        r->score = ci->c_zero > ci->c_full ? 0 : sc_round(cfg, ci->max);
        return;
    }
    cr = r->prior == 0 ? 0 : (r->current - r->prior) / r->prior;
    r->has_value = 1;
    r->value = cr;
    t = sc_clamp((ci->c_zero - cr) / (ci->c_zero - ci->c_full), 0, 1);
    r->score = sc_round(cfg, ci->max * t);
}

static void timeliness(const sc_agg *a, const ces_config *cfg, ces_company_result *c)
{
    const ces_cfg_indicator *ci = &cfg->ind[CES_IND_TIMELINESS];
    ces_ind_result *r = &c->ind[CES_IND_TIMELINESS];

    r->numerator = a->on_time;
    r->denominator = a->transferred;
    if (!(a->transferred > 0)) {
        c->flags |= CES_FLAG_NONE_TRANSFERRED;
        r->score = sc_round(cfg, ci->max);
        return;
    }
    r->has_value = 1;
    r->value = a->on_time / a->transferred;
    r->score = sc_round(cfg, ci->max * sc_clamp(r->value, 0, 1));
}

static void rate_inputs(ces_ind ind, const sc_agg *a, double *num, double *den)
{
    if (ind == CES_IND_WITHDRAWAL) {
        *num = a->withdrawn;
        *den = a->total;
    } else {
        *num = a->med_succeeded;
        *den = a->med_needed;
    }
}

/* Pooled benchmark over the companies of group g (g < 0: every company) whose
 * denominator is positive; 0 (not *has) when there are none. */
static double pooled(const sc_rollup *ru, ces_ind ind, int g, int *has)
{
    double sn = 0, sd = 0;
    for (size_t i = 0; i < ru->n; i++) {
        double num, den;
        if (g >= 0 && (int)ru->agg[i].group != g)
            continue;
        rate_inputs(ind, &ru->agg[i], &num, &den);
        if (den > 0) {
            sn += num;
            sd += den;
        }
    }
    *has = sd > 0;
    return sd > 0 ? sn / sd : 0;
}

static void ratio_score(const sc_agg *a, const ces_config *cfg, ces_ind ind, int has_b, double b,
                        ces_company_result *c)
{
    const ces_cfg_indicator *ci = &cfg->ind[ind];
    ces_ind_result *r = &c->ind[ind];
    double num, den;

    rate_inputs(ind, a, &num, &den);
    r->numerator = num;
    r->denominator = den;
    r->has_benchmark = has_b;
    r->benchmark = b;
    if (!(den > 0)) {
        c->flags |= ind == CES_IND_WITHDRAWAL ? CES_FLAG_NO_COMPLAINTS : CES_FLAG_NO_MEDIATION;
        r->score = sc_round(cfg, ci->max);
        return;
    }
    r->has_value = 1;
    r->value = num / den;
    r->score = sc_round(cfg, b == 0 ? ci->max : ci->max * fmin(1.0, r->value / b));
}

/* §6.4 / §6.5: benchmark pooled over the peer set or the whole industry. */
static void ratio_to_benchmark(const sc_rollup *ru, const ces_config *cfg, ces_ind ind, ces_results *out)
{
    int has[CES_GROUP_COUNT], has_all;
    double b[CES_GROUP_COUNT], b_all = pooled(ru, ind, -1, &has_all);
    int industry = cfg->ind[ind].benchmark_scope == CES_SCOPE_INDUSTRY;

    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        b[g] = industry ? b_all : pooled(ru, ind, g, &has[g]);
        if (industry)
            has[g] = has_all;
        if (!industry || ind != CES_IND_MEDIATION) {
            out->groups[g].has_benchmark[ind] = has[g];
            out->groups[g].benchmark[ind] = b[g];
        }
    }
    if (industry && ind == CES_IND_MEDIATION) {
        out->has_industry_mediation = has_all;
        out->industry_mediation = b_all;
    }
    for (size_t i = 0; i < ru->n; i++) {
        ces_group g = ru->agg[i].group;
        ratio_score(&ru->agg[i], cfg, ind, has[g], b[g], &out->companies[i]);
    }
}

ces_status sc_rates(const sc_rollup *ru, const ces_config *cfg, ces_results *out)
{
    if (cfg->ind[CES_IND_CHANGE_RATE].method != CES_METHOD_LINEAR_CHANGE ||
        cfg->ind[CES_IND_TIMELINESS].method != CES_METHOD_RATIO ||
        cfg->ind[CES_IND_WITHDRAWAL].method != CES_METHOD_RATIO_TO_BENCHMARK ||
        cfg->ind[CES_IND_MEDIATION].method != CES_METHOD_RATIO_TO_BENCHMARK)
        return CES_ERR_INVALID;
    for (size_t i = 0; i < ru->n; i++) {
        change_rate(&ru->agg[i], cfg, &out->companies[i]);
        timeliness(&ru->agg[i], cfg, &out->companies[i]);
    }
    ratio_to_benchmark(ru, cfg, CES_IND_WITHDRAWAL, out);
    ratio_to_benchmark(ru, cfg, CES_IND_MEDIATION, out);
    return CES_OK;
}
