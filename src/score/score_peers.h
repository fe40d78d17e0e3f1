/* The peer figures every company's score depends on besides its own inputs
 * (docs/method.md §2.5): per volume indicator the group's sorted values and
 * sums (§6.1), and the pooled sums of the withdrawal (§6.4) and mediation
 * (§6.5) rates, per group and over the industry. */
#ifndef CESCORE_SCORE_PEERS_H
#define CESCORE_SCORE_PEERS_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "score_company.h"
#include "score_rollup.h"
#include "score_volume.h"

enum { SC_RATE_WITHDRAWAL, SC_RATE_MEDIATION, SC_RATE_COUNT };

typedef struct {
    sc_vol_set vol[CES_IND_COUNT]; /* the volume indicators, each over its group */
    /* numerators and denominators added over the companies whose denominator
     * is positive, companies.csv order: [rate][group], [rate][CES_GROUP_COUNT]
     * over the industry */
    double num[SC_RATE_COUNT][CES_GROUP_COUNT + 1], den[SC_RATE_COUNT][CES_GROUP_COUNT + 1];
} sc_peers;

ces_status sc_peers_build(const sc_rollup *ru, sc_peers *p);
void sc_peers_free(sc_peers *p);

/* The benchmarks of group g's companies, as the run computes them. */
void sc_peers_bench(const sc_peers *p, const ces_config *cfg, ces_group g, sc_bench *b);

/* The benchmarks a full run would compute had the company with inputs a had
 * the inputs v instead (the same denominators, other complaint counts):
 * each moved B with sc_vol_benchmark_replaced, Bw from the sums, O(log n). */
void sc_peers_bench_moved(const sc_peers *p, const ces_config *cfg, const sc_agg *a, const sc_agg *v,
                          sc_bench *b);

/* The groups' benchmarks and the industry mediation rate of the results. */
void sc_peers_publish(const sc_peers *p, const ces_config *cfg, ces_results *out);

#endif
