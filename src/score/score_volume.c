/* docs/method.md §6.1: per group and volume indicator, the peer median B (pooled
 * fallback), each company's raw score, then the block re-weighted to its points. */
#include <stdlib.h>

#include "score_results.h"
#include "score_rollup.h"
#include "score_volume.h"

void sc_volume_inputs(ces_ind ind, const sc_agg *a, double *num, double *den)
{
    *num = a->total;
    *den = 0;
    switch (ind) {
    case CES_IND_PC_MOTOR_PREMIUM:
        *num = a->motor;
        *den = a->motor_premium_wan / 10000.0;
        break;
    case CES_IND_PC_NONMOTOR_PREMIUM:
        *num = a->nonmotor;
        *den = a->nonmotor_premium_wan / 10000.0;
        break;
    case CES_IND_PC_NONMOTOR_POLICIES:
        *num = a->nonmotor;
        *den = a->nonmotor_policies / 10000.0;
        break;
    case CES_IND_LIFE_PREMIUM: *den = a->premium_wan / 10000.0; break;
    case CES_IND_LIFE_POLICIES: *den = a->policies_base / 10000.0; break;
    case CES_IND_LIFE_PERSONS: *den = a->persons_base / 10000.0; break;
    default: break;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

double sc_volume_median(double *v, size_t n)
{
    qsort(v, n, sizeof *v, cmp_double);
    if (n % 2)
        return v[n / 2];
    return (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

/* B of one indicator over the group's applicable companies; 0 when none applies
 * (*count tells). buf has room for every company. */
static double benchmark(const sc_rollup *ru, ces_ind ind, ces_group g, double *buf, size_t *count)
{
    double sum_num = 0, sum_den = 0, b;
    size_t n = 0;
    for (size_t i = 0; i < ru->n; i++) {
        double num, den;
        if (ru->agg[i].group != g)
            continue;
        sc_volume_inputs(ind, &ru->agg[i], &num, &den);
        if (!(den > 0))
            continue;
        buf[n++] = num / den;
        sum_num += num;
        sum_den += den;
    }
    *count = n;
    if (n == 0)
        return 0;
    b = sc_volume_median(buf, n);
    if (b == 0)
        b = sum_num / sum_den;
    return b;
}

static void score_indicator(const sc_rollup *ru, const ces_config *cfg, ces_ind ind, ces_group g,
                            double b, ces_results *out)
{
    const ces_cfg_indicator *ci = &cfg->ind[ind];
    double k = ci->zero_at_multiple;
    for (size_t i = 0; i < ru->n; i++) {
        ces_ind_result *r = &out->companies[i].ind[ind];
        double num, den;
        if (ru->agg[i].group != g)
            continue;
        sc_volume_inputs(ind, &ru->agg[i], &num, &den);
        r->numerator = num;
        r->denominator = den;
        r->weight = ci->max;
        r->applicable = den > 0;
        if (!r->applicable)
            continue;
        r->has_value = 1;
        r->value = num / den;
        r->has_benchmark = 1;
        r->benchmark = b;
        r->raw = b == 0 ? ci->max : ci->max * sc_clamp(1.0 - r->value / (k * b), 0, 1);
    }
}

static int is_volume_applicable(const ces_company_result *c, int ind)
{
    return ces_ind_kind(ind) == CES_KIND_VOLUME && c->ind[ind].present && c->ind[ind].applicable;
}

/* Re-weighting within the block; the no_volume case. */
static void block(const sc_rollup *ru, const ces_config *cfg, ces_results *out)
{
    for (size_t i = 0; i < ru->n; i++) {
        ces_company_result *c = &out->companies[i];
        double sum_w = 0, blk = 0;
        int n_app = 0;
        for (int ind = 0; ind < CES_IND_COUNT; ind++)
            if (is_volume_applicable(c, ind)) {
                sum_w += c->ind[ind].weight;
                n_app++;
            }
        if (n_app == 0) {
            c->flags |= CES_FLAG_NO_VOLUME;
            c->volume_block = ru->agg[i].total == 0 ? cfg->volume_points : 0;
            continue;
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
}

ces_status sc_volume(const sc_rollup *ru, const ces_config *cfg, ces_results *out)
{
    double *buf = malloc((ru->n ? ru->n : 1) * sizeof *buf);
    if (!buf)
        return CES_ERR_NOMEM;
    for (int ind = 0; ind < CES_IND_COUNT; ind++) {
        if (ces_ind_kind(ind) != CES_KIND_VOLUME)
            continue;
        if (cfg->ind[ind].method != CES_METHOD_MEDIAN_SCALED) {
            free(buf);
            return CES_ERR_INVALID;
        }
        ces_group g = (ces_group)ces_ind_group(ind);
        size_t count;
        double b = benchmark(ru, ind, g, buf, &count);
        out->groups[g].has_benchmark[ind] = count > 0;
        out->groups[g].benchmark[ind] = b;
        score_indicator(ru, cfg, ind, g, b, out);
    }
    free(buf);
    block(ru, cfg, out);
    return CES_OK;
}
