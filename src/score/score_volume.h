/* docs/method.md §6.1: the volume block (method median_scaled) with re-weighting. */
#ifndef CESCORE_SCORE_VOLUME_H
#define CESCORE_SCORE_VOLUME_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "score_rollup.h"

/* Numerator and denominator (亿元 or 10k units) of a volume indicator. */
void sc_volume_inputs(ces_ind ind, const sc_agg *a, double *num, double *den);

/* Median of v[0..n-1] (sorts v); n > 0. Even n: mean of the two middle values. */
double sc_volume_median(double *v, size_t n);

/* Fills every volume indicator, the group benchmarks, volume_block and the
 * no_volume flag of out->companies[i] (which mirror ru->agg[i]). */
ces_status sc_volume(const sc_rollup *ru, const ces_config *cfg, ces_results *out);

#endif
