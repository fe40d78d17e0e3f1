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
ces_status ces_score(const ces_dataset *ds, const ces_config *cfg, const ces_prior_archive *archive,
                     ces_results *out);

/* docs/method.md §8: floor(v * 10^d + 0.5 + eps) / 10^d for v >= 0, symmetric for v < 0. */
double ces_round(double v, int decimals, double eps);

/* ces_results_compare, which rerun and review use on score's results, is
 * generated from the field tables and lives in core (results.h). */

#endif
