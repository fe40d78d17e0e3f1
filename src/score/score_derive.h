/* docs/method.md §13: the derived figures of a run's results, rank
 * sensitivity and small_base; and the published benchmarks a self-check
 * scores against (§14). */
#ifndef CESCORE_SCORE_DERIVE_H
#define CESCORE_SCORE_DERIVE_H

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/results.h"
#include "cescore/score.h"
#include "score_company.h"
#include "score_peers.h"
#include "score_rollup.h"

/* The benchmarks of company a from the published figures; one the
 * publication lacks is computed as if a were the only company it applies
 * to (its own rate: a group's median of one value, or its pooled ratio). */
void sc_published_bench(const ces_published *pub, const ces_config *cfg, const sc_agg *a, sc_bench *b);

/* Fill r's derived figures for the companies of ru (scored from ds). With
 * peers (pub NULL) the benchmarks move as a full run's would and the rank
 * is among r's totals; with pub the published benchmarks are held and the
 * rank is among the published totals. CES_ERR_INVALID when a company of
 * ru is not in r; CES_ERR_NOMEM. */
ces_status sc_derive(const ces_dataset *ds, const sc_rollup *ru, const sc_peers *peers,
                     const ces_published *pub, const ces_config *cfg, ces_results *r);

#endif
