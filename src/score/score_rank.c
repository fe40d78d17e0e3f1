/* docs/method.md §9 ranking and group statistics; a total's place on a board. */
#include <stdlib.h>
#include <string.h>

#include "score_rank.h"
#include "score_results.h"

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

void sc_sort(ces_results *out)
{
    if (out->n_companies)
        qsort(out->companies, out->n_companies, sizeof *out->companies, cmp_company);
}

void sc_rank(const ces_config *cfg, ces_results *out)
{
    sc_sort(out);
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

static int cmp_desc(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x < y) - (x > y);
}

static ces_status board_alloc(size_t n, sc_board *b)
{
    b->n = 0;
    b->desc = malloc((n ? n : 1) * sizeof *b->desc);
    return b->desc ? CES_OK : CES_ERR_NOMEM;
}

ces_status sc_board_of_results(const ces_results *r, ces_group g, sc_board *b)
{
    if (board_alloc(r->n_companies, b) != CES_OK)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < r->n_companies; i++)
        if (r->companies[i].group == g)
            b->desc[b->n++] = r->companies[i].total;
    qsort(b->desc, b->n, sizeof *b->desc, cmp_desc);
    return CES_OK;
}

ces_status sc_board_of_published(const ces_published *pub, ces_group g, sc_board *b)
{
    if (board_alloc(pub->n_ranking, b) != CES_OK)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < pub->n_ranking; i++)
        if (pub->ranking[i].group == g)
            b->desc[b->n++] = pub->ranking[i].total;
    qsort(b->desc, b->n, sizeof *b->desc, cmp_desc);
    return CES_OK;
}

void sc_board_free(sc_board *b)
{
    free(b->desc);
    b->desc = NULL;
    b->n = 0;
}

int sc_board_rank(const sc_board *b, double total, int has_own, double own)
{
    size_t lo = 0, hi = b->n; /* the first total not above `total` */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (b->desc[mid] > total)
            lo = mid + 1;
        else
            hi = mid;
    }
    return 1 + (int)lo - (has_own && own > total ? 1 : 0);
}
