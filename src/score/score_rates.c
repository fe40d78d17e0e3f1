/* docs/method.md §6.2 (linear_change), §6.3 (ratio), §6.4 and §6.5
 * (ratio_to_benchmark): one company's rate indicators. */
#include "score_rates.h"

#include <math.h>

#include "score_results.h"

void sc_change_rate(const sc_agg *a, const ces_config *cfg, ces_company_result *c)
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

void sc_timeliness(const sc_agg *a, const ces_config *cfg, ces_company_result *c)
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

void sc_rate_inputs(ces_ind ind, const sc_agg *a, double *num, double *den)
{
    if (ind == CES_IND_WITHDRAWAL) {
        *num = a->withdrawn;
        *den = a->total;
    } else {
        *num = a->med_succeeded;
        *den = a->med_needed;
    }
}

void sc_ratio_score(const sc_agg *a, const ces_config *cfg, ces_ind ind, int has_b, double b,
                    ces_company_result *c)
{
    const ces_cfg_indicator *ci = &cfg->ind[ind];
    ces_ind_result *r = &c->ind[ind];
    double num, den;

    sc_rate_inputs(ind, a, &num, &den);
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
