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

/* Compute every indicator and rank, and fill *out: the figures a run
 * archives, and the derived figures (never archived) from the same roll-up,
 * as ces_score_derive computes them for a stored run when its outputs are
 * written. prior.csv in ds (when present) wins over archive;
 * archive may be NULL. Returns CES_OK, CES_ERR_NOMEM, or
 * CES_ERR_INVALID if the dataset breaks an invariant ingest should have caught. */
ces_status ces_score(const ces_dataset *ds, const ces_config *cfg, const ces_prior_archive *archive,
                     ces_results *out);

/* What the bureau publishes of a run (cescore benchmarks, docs/outputs.md
 * §3.5): everything a company's score depends on besides its own inputs. */
typedef struct {
    const char *code;
    ces_group group;
    double total;
    int rank;
} ces_published_entry;

typedef struct {
    /* count, average_total, below_average and the benchmarks of each group */
    ces_group_result groups[CES_GROUP_COUNT];
    int has_industry_mediation;
    double industry_mediation;
    const ces_published_entry *ranking; /* every scored company of the run */
    size_t n_ranking;
} ces_published;

/* A self-check (docs/method.md §14): score the companies of ds (one
 * insurer's own rows and its prior.csv) against the published figures
 * instead of figures computed over ds: each indicator with the group's
 * published benchmark (an indicator without one, as it would be computed
 * had the company been the only one it applies to), the rank as the place
 * of the total among the published totals of the group (the company's own
 * entry left out), the group statistics as published. The derived figures
 * hold the published benchmarks fixed. Same returns as ces_score. */
ces_status ces_score_published(const ces_dataset *ds, const ces_config *cfg, const ces_published *pub,
                               ces_results *out);

/* Fill the derived figures of r (docs/method.md §13: rank sensitivity,
 * small_base), the results of a run on ds with cfg and the prior figures
 * archive (as for ces_score, or a stored run, whose derived figures are not
 * archived): each company's total with one complaint fewer and one more
 * recomputed from ds, ranked among r's other totals. O(n log n).
 * CES_ERR_INVALID when r does not hold the companies that ds scores;
 * CES_ERR_NOMEM. */
ces_status ces_score_derive(const ces_dataset *ds, const ces_config *cfg,
                            const ces_prior_archive *archive, ces_results *r);

/* docs/method.md §8: floor(v * 10^d + 0.5 + eps) / 10^d for v >= 0, symmetric for v < 0. */
double ces_round(double v, int decimals, double eps);

/* ces_results_compare, which rerun and review use on score's results, is
 * generated from the field tables and lives in core (results.h). */

#endif
