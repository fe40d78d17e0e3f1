/* Freeing results; prior source names (results.h). */
#include <stdlib.h>
#include <string.h>

#include "cescore/results.h"

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
