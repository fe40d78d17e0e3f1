/* Rounding as the config says, and the results' lifetime helpers
 * (ces_round, ces_results_free and ces_prior_source_id are in score.h/results.h). */
#ifndef CESCORE_SCORE_RESULTS_H
#define CESCORE_SCORE_RESULTS_H

#include "cescore/config.h"
#include "cescore/score.h"

/* ces_round with the config's decimals and epsilon (docs/method.md §8). */
double sc_round(const ces_config *cfg, double v);

/* clamp(v, lo, hi) */
double sc_clamp(double v, double lo, double hi);

#endif
