/* docs/method.md §6.1: the volume indicators' inputs and the group median B
 * (method median_scaled), also with one company's value replaced. */
#ifndef CESCORE_SCORE_VOLUME_H
#define CESCORE_SCORE_VOLUME_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "score_rollup.h"

/* Numerator and denominator (亿元 or 10k units) of a volume indicator. */
void sc_volume_inputs(ces_ind ind, const sc_agg *a, double *num, double *den);

/* The values x of one indicator over the companies of its group to which it
 * applies (denominator > 0), ascending, with the numerators' and
 * denominators' sums in companies.csv order (the pooled fallback). */
typedef struct {
    double *x;
    size_t n;
    double sum_num, sum_den;
} sc_vol_set;

/* Build the set of indicator ind over ru's companies of its group. */
ces_status sc_vol_set_build(const sc_rollup *ru, ces_ind ind, sc_vol_set *s);
void sc_vol_set_free(sc_vol_set *s);

/* B: the median of s (even n: the mean of the two middle values), or the
 * pooled ratio when the median is 0. s->n > 0. */
double sc_vol_benchmark(const sc_vol_set *s);

/* B as a full run would compute it had one company's value x_old (a value
 * of s) been x_new and its numerator changed by dnum (its denominator
 * unchanged): O(log n), the same doubles as a sort of the changed values. */
double sc_vol_benchmark_replaced(const sc_vol_set *s, double x_old, double x_new, double dnum);

#endif
