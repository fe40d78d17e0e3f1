/* score: a pure function of (dataset, config, prior figures) -> results.
 * No I/O, no SQLite, no clock, no locale: tests and rerun call it directly. */
#ifndef CESCORE_SCORE_H
#define CESCORE_SCORE_H

#include <stddef.h>
#include <stdint.h>
#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/results.h"
#include "cescore/status.h"

/* Compute every indicator, rank, and fill *out. prior.csv in ds (when present)
 * wins over archive; archive may be NULL. Returns CES_OK, CES_ERR_NOMEM, or
 * CES_ERR_INVALID if the dataset breaks an invariant ingest should have caught. */
ces_status ces_score(const ces_dataset *ds, const ces_config *cfg,
                     const ces_prior_archive *archive, ces_results *out);

/* docs/method.md §8: floor(v * 10^d + 0.5 + eps) / 10^d for v >= 0, symmetric for v < 0. */
double ces_round(double v, int decimals, double eps);

/* One figure that differs between a stored run and its recomputation.
 * company: the company's code; for figures that belong to no company,
 * "(period)", "(group pc)" / "(group life)" or "(excluded N)".
 * indicator: the indicator id, or NULL for a company/period-level field.
 * field: "score", "total", "rank", "benchmark"... stored/recomputed: the
 * values as text (doubles "%.17g" shortened when exact, "nan", "inf";
 * a missing entry is "absent"). */
typedef struct {
    const char *company;
    const char *indicator;
    const char *field;
    char stored[64], recomputed[64];
} ces_difference;

typedef void (*ces_difference_fn)(const ces_difference *d, void *ctx);

/* Compare every figure of two results (companies matched by code): each
 * indicator's every field, the totals, flags, rank, order, rolled-up inputs
 * and children, each group's statistics and benchmarks, the industry
 * mediation, the prior source and the excluded list. Calls fn (may be NULL)
 * for each difference and returns how many there were (0 = identical).
 * Doubles are equal when ==, or both NaN (so -0 equals 0, as archived). */
size_t ces_results_compare(const ces_results *stored, const ces_results *recomputed,
                           ces_difference_fn fn, void *ctx);

#endif
