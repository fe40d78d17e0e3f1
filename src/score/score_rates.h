/* docs/method.md §6.2-§6.5: change rate, timeliness, withdrawal, mediation
 * of one company (the benchmarks come from score_peers or a publication). */
#ifndef CESCORE_SCORE_RATES_H
#define CESCORE_SCORE_RATES_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "score_rollup.h"

/* §6.2 quant.change_rate and its flags (no_premium, no_prior). */
void sc_change_rate(const sc_agg *a, const ces_config *cfg, ces_company_result *c);
/* §6.3 quant.timeliness and its flag (none_transferred). */
void sc_timeliness(const sc_agg *a, const ces_config *cfg, ces_company_result *c);
/* Numerator and denominator of quant.withdrawal (withdrawn, total) or
 * quant.mediation (succeeded, needed). */
void sc_rate_inputs(ces_ind ind, const sc_agg *a, double *num, double *den);
/* §6.4 / §6.5 against the benchmark b (has_b: it exists), and the flag
 * (no_complaints, no_mediation). */
void sc_ratio_score(const sc_agg *a, const ces_config *cfg, ces_ind ind, int has_b, double b,
                    ces_company_result *c);

#endif
