/* One company's every indicator, flags and totals against given benchmarks:
 * the one arithmetic of docs/method.md §3-§8 that the bureau's run (its
 * benchmarks over the peer set), a self-check (published benchmarks) and the
 * rank sensitivity (benchmarks moved by one complaint) share. */
#ifndef CESCORE_SCORE_COMPANY_H
#define CESCORE_SCORE_COMPANY_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "score_rollup.h"

/* The benchmarks a company of one group is scored against: its group's
 * volume B (§6.1), the withdrawal benchmark Bw (§6.4) and the mediation
 * benchmark M (§6.5), each with whether it exists. */
typedef struct {
    int has[CES_IND_COUNT];
    double b[CES_IND_COUNT];
} sc_bench;

/* CES_ERR_INVALID when the config gives an indicator a method the engine
 * does not compute it with. */
ces_status sc_check_methods(const ces_config *cfg);

/* Fill c->ind, c->flags, c->volume_block, c->qualitative, c->quantitative
 * and c->total from the rolled-up inputs a and the benchmarks b; c->group
 * must be a's group. Everything else of c is left as it is. */
void sc_company(const sc_agg *a, const ces_config *cfg, const sc_bench *b, ces_company_result *c);

#endif
