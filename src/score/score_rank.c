/* docs/method.md §3 sums (each re-rounded, floored at 0) and §9 ranking. */
#include <stdlib.h>
#include <string.h>

#include "score_rank.h"
#include "score_results.h"

static double sc(const ces_company_result *c, ces_ind ind)
{
    return c->ind[ind].present ? c->ind[ind].score : 0;
}

void sc_totals(const ces_config *cfg, ces_results *out)
{
    for (size_t i = 0; i < out->n_companies; i++) {
        ces_company_result *c = &out->companies[i];
        double qual = sc(c, CES_IND_QUAL_SYSTEMS) + sc(c, CES_IND_QUAL_MECHANISMS) -
                      sc(c, CES_IND_DED_EXECUTION);
        double quant = c->volume_block + sc(c, CES_IND_CHANGE_RATE) + sc(c, CES_IND_TIMELINESS) +
                       sc(c, CES_IND_WITHDRAWAL) + sc(c, CES_IND_MEDIATION) -
                       sc(c, CES_IND_DED_IMPROPER) - sc(c, CES_IND_DED_VIOLATION) -
                       sc(c, CES_IND_DED_GROUP_EVENT) - sc(c, CES_IND_DED_NEGATIVE_MEDIA);
        qual = sc_round(cfg, qual);
        quant = sc_round(cfg, quant);
        c->qualitative = qual > 0 ? qual : 0;
        c->quantitative = quant > 0 ? quant : 0;
        c->total = sc_round(cfg, c->qualitative + c->quantitative);
    }
}

static int cmp_company(const void *pa, const void *pb)
{
    const ces_company_result *a = pa, *b = pb;
    if (a->group != b->group)
        return a->group < b->group ? -1 : 1;
    if (a->total != b->total)
        return a->total > b->total ? -1 : 1;
    if (a->quantitative != b->quantitative)
        return a->quantitative > b->quantitative ? -1 : 1;
    return strcmp(a->code, b->code);
}

void sc_rank(const ces_config *cfg, ces_results *out)
{
    if (out->n_companies)
        qsort(out->companies, out->n_companies, sizeof *out->companies, cmp_company);
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        ces_group_result *gr = &out->groups[g];
        double sum = 0;
        size_t pos = 0; /* position within the group */
        const ces_company_result *prev = NULL;
        for (size_t i = 0; i < out->n_companies; i++) {
            ces_company_result *c = &out->companies[i];
            if ((int)c->group != g)
                continue;
            pos++;
            c->rank = prev && prev->total == c->total ? prev->rank : (int)pos;
            prev = c;
            sum += c->total;
        }
        gr->count = (int)pos;
        gr->average_total = pos ? sc_round(cfg, sum / (double)pos) : 0;
        gr->below_average = 0;
        for (size_t i = 0; i < out->n_companies; i++)
            if ((int)out->companies[i].group == g && out->companies[i].total < gr->average_total)
                gr->below_average++;
    }
}
