/* scoring.md §8 rounding; freeing results; prior source names. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/results.h"
#include "score/score_results.h"

double ces_round(double v, int decimals, double eps)
{
    double p = pow(10.0, decimals);
    if (v < 0)
        return -(floor(-v * p + 0.5 + eps) / p);
    return floor(v * p + 0.5 + eps) / p;
}

double ces_score_round(const ces_config *cfg, double v)
{
    double r = ces_round(v, cfg->decimals, cfg->round_epsilon);
    return r == 0 ? 0.0 : r;   /* no "-0" in the outputs */
}

double ces_score_clamp(double v, double lo, double hi)
{
    return v < lo ? lo : v > hi ? hi : v;
}

void ces_results_free(ces_results *r)
{
    if (!r)
        return;
    for (size_t i = 0; r->companies && i < r->n_companies; i++) {
        ces_company_result *c = &r->companies[i];
        free(c->code);
        free(c->name);
        for (size_t k = 0; c->children && k < c->n_children; k++)
            free(c->children[k]);
        free(c->children);
    }
    for (size_t i = 0; r->excluded && i < r->n_excluded; i++) {
        free(r->excluded[i].code);
        free(r->excluded[i].name);
        free(r->excluded[i].into);
    }
    free(r->companies);
    free(r->excluded);
    memset(r, 0, sizeof *r);
}

const char *ces_prior_source_id(ces_prior_source s)
{
    switch (s) {
    case CES_PRIOR_SOURCE_NONE: return "none";
    case CES_PRIOR_SOURCE_CSV: return "prior.csv";
    case CES_PRIOR_SOURCE_ARCHIVE: return "archive";
    }
    return NULL;
}
