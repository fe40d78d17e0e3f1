/* docs/method.md §4: max - sum(deductions of items not established), floored at 0.
 * docs/method.md §5: min(cap, sum of points). */
#include "score_deduct.h"
#include "score_results.h"
#include "score_rollup.h"

static void checklist(const ces_qualitative_row *q, int which, const ces_config *cfg, ces_ind_result *r)
{
    const ces_cfg_indicator *ci = &cfg->ind[which == 0 ? CES_IND_QUAL_SYSTEMS : CES_IND_QUAL_MECHANISMS];
    double lost = 0;
    for (size_t i = 0; i < ci->n_items && i < CES_MAX_ITEMS; i++) {
        if (q->established[which][i])
            continue;
        r->missing |= 1u << i;
        lost += ci->items[i].points;
    }
    r->points = lost;
    r->score = sc_round(cfg, ci->max - lost > 0 ? ci->max - lost : 0);
}

static void deduction(const sc_agg *a, ces_ded d, const ces_config *cfg, ces_ind_result *r)
{
    const ces_cfg_indicator *ci = &cfg->ind[ces_ded_indicator(d)];
    double sum = a->ded_points[d];
    r->points = sum;
    r->score = sc_round(cfg, sum < ci->max ? sum : ci->max);
}

void sc_deduct_company(const sc_agg *a, const ces_config *cfg, ces_company_result *c)
{
    checklist(a->qual, 0, cfg, &c->ind[CES_IND_QUAL_SYSTEMS]);
    checklist(a->qual, 1, cfg, &c->ind[CES_IND_QUAL_MECHANISMS]);
    for (int d = 0; d < CES_DED_COUNT; d++)
        deduction(a, (ces_ded)d, cfg, &c->ind[ces_ded_indicator((ces_ded)d)]);
}
