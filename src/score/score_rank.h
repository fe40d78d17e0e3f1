/* docs/method.md §9: listing order, ranks and group statistics; and the
 * place of one total among a group's totals (a self-check's rank, §14; the
 * rank sensitivity, §13). */
#ifndef CESCORE_SCORE_RANK_H
#define CESCORE_SCORE_RANK_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "cescore/score.h"

/* Sorts out->companies (pc first, then total desc, quantitative desc, code asc). */
void sc_sort(ces_results *out);

/* Sorts out->companies, gives competition ranks (1, 2, 2, 4) per group, fills
 * the group statistics. */
void sc_rank(const ces_config *cfg, ces_results *out);

/* One group's totals, descending. */
typedef struct {
    double *desc;
    size_t n;
} sc_board;

/* The totals of r's companies of group g, or of pub's ranking of group g. */
ces_status sc_board_of_results(const ces_results *r, ces_group g, sc_board *b);
ces_status sc_board_of_published(const ces_published *pub, ces_group g, sc_board *b);
void sc_board_free(sc_board *b);

/* The competition rank of total among the board's totals with the company's
 * own entry (own, when has_own) left out: 1 + the number of the others
 * that are higher. O(log n). */
int sc_board_rank(const sc_board *b, double total, int has_own, double own);

#endif
