/* docs/method.md §3 totals and §9 ranking and group statistics. */
#ifndef CESCORE_SCORE_RANK_H
#define CESCORE_SCORE_RANK_H

#include "cescore/config.h"
#include "cescore/results.h"

/* qualitative, quantitative and total of every company from its rounded
 * indicator scores and volume_block. */
void sc_totals(const ces_config *cfg, ces_results *out);

/* Sorts out->companies (pc first, then total desc, quantitative desc, code asc),
 * gives competition ranks (1, 2, 2, 4) per group, fills the group statistics. */
void sc_rank(const ces_config *cfg, ces_results *out);

#endif
