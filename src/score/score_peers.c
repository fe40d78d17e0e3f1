/* The peer set's figures (score_peers.h): built once per run, read by every
 * company's benchmarks and by the rank sensitivity. */
#include "score_peers.h"

#include <string.h>

#include "score_rates.h"

static const ces_ind RATE_IND[SC_RATE_COUNT] = {CES_IND_WITHDRAWAL, CES_IND_MEDIATION};

static int is_volume(int ind) { return ces_ind_kind((ces_ind)ind) == CES_KIND_VOLUME; }

ces_status sc_peers_build(const sc_rollup *ru, sc_peers *p)
{
    memset(p, 0, sizeof *p);
    for (int ind = 0; ind < CES_IND_COUNT; ind++)
        if (is_volume(ind) && sc_vol_set_build(ru, (ces_ind)ind, &p->vol[ind]) != CES_OK) {
            sc_peers_free(p);
            return CES_ERR_NOMEM;
        }
    for (int k = 0; k < SC_RATE_COUNT; k++)
        for (size_t i = 0; i < ru->n; i++) {
            double num, den;
            sc_rate_inputs(RATE_IND[k], &ru->agg[i], &num, &den);
            if (!(den > 0))
                continue;
            p->num[k][ru->agg[i].group] += num;
            p->den[k][ru->agg[i].group] += den;
            p->num[k][CES_GROUP_COUNT] += num;
            p->den[k][CES_GROUP_COUNT] += den;
        }
    return CES_OK;
}

void sc_peers_free(sc_peers *p)
{
    for (int ind = 0; ind < CES_IND_COUNT; ind++)
        sc_vol_set_free(&p->vol[ind]);
}

/* The pooled sums' column of a rate for group g: the group's or the industry's. */
static int scope(const ces_config *cfg, int k, ces_group g)
{
    return cfg->ind[RATE_IND[k]].benchmark_scope == CES_SCOPE_INDUSTRY ? CES_GROUP_COUNT : (int)g;
}

static void pooled(double num, double den, int *has, double *b)
{
    *has = den > 0;
    *b = den > 0 ? num / den : 0;
}

void sc_peers_bench(const sc_peers *p, const ces_config *cfg, ces_group g, sc_bench *b)
{
    memset(b, 0, sizeof *b);
    for (int ind = 0; ind < CES_IND_COUNT; ind++)
        if (is_volume(ind) && ces_ind_group((ces_ind)ind) == (int)g && p->vol[ind].n > 0) {
            b->has[ind] = 1;
            b->b[ind] = sc_vol_benchmark(&p->vol[ind]);
        }
    for (int k = 0; k < SC_RATE_COUNT; k++) {
        int s = scope(cfg, k, g);
        pooled(p->num[k][s], p->den[k][s], &b->has[RATE_IND[k]], &b->b[RATE_IND[k]]);
    }
}

void sc_peers_bench_moved(const sc_peers *p, const ces_config *cfg, const sc_agg *a, const sc_agg *v,
                          sc_bench *b)
{
    sc_peers_bench(p, cfg, a->group, b);
    for (int ind = 0; ind < CES_IND_COUNT; ind++) {
        double num_a, num_v, den;
        if (!is_volume(ind) || ces_ind_group((ces_ind)ind) != (int)a->group)
            continue;
        sc_volume_inputs((ces_ind)ind, a, &num_a, &den);
        sc_volume_inputs((ces_ind)ind, v, &num_v, &den);
        if (den > 0 && num_v != num_a)
            b->b[ind] = sc_vol_benchmark_replaced(&p->vol[ind], num_a / den, num_v / den, num_v - num_a);
    }
    for (int k = 0; k < SC_RATE_COUNT; k++) {
        int s = scope(cfg, k, a->group);
        double num = p->num[k][s], den = p->den[k][s], n, d;
        sc_rate_inputs(RATE_IND[k], a, &n, &d);
        if (d > 0) {
            num -= n;
            den -= d;
        }
        sc_rate_inputs(RATE_IND[k], v, &n, &d);
        if (d > 0) {
            num += n;
            den += d;
        }
        pooled(num, den, &b->has[RATE_IND[k]], &b->b[RATE_IND[k]]);
    }
}

void sc_peers_publish(const sc_peers *p, const ces_config *cfg, ces_results *out)
{
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        sc_bench b;
        sc_peers_bench(p, cfg, (ces_group)g, &b);
        for (int ind = 0; ind < CES_IND_COUNT; ind++)
            if (is_volume(ind) && ces_ind_group((ces_ind)ind) == g) {
                out->groups[g].has_benchmark[ind] = b.has[ind];
                out->groups[g].benchmark[ind] = b.b[ind];
            }
        for (int k = 0; k < SC_RATE_COUNT; k++) {
            ces_ind ind = RATE_IND[k];
            if (ind == CES_IND_MEDIATION && scope(cfg, k, (ces_group)g) == CES_GROUP_COUNT) {
                out->has_industry_mediation = b.has[ind];
                out->industry_mediation = b.b[ind];
            } else {
                out->groups[g].has_benchmark[ind] = b.has[ind];
                out->groups[g].benchmark[ind] = b.b[ind];
            }
        }
    }
}
