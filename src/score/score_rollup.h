/* Roll-up and eligibility (docs/method.md §2): which companies are scored, the
 * excluded list, and every count and amount of a scored company with its
 * rolled-up children's added. */
#ifndef CESCORE_SCORE_ROLLUP_H
#define CESCORE_SCORE_ROLLUP_H

#include <stddef.h>
#include <stdint.h>
#include "cescore/dataset.h"
#include "cescore/results.h"
#include "cescore/score.h"

/* One scored (eligible, evaluated) company's inputs after roll-up. */
typedef struct {
    size_t company; /* index into ds->companies */
    ces_group group;
    double total, motor, nonmotor, withdrawn, transferred, on_time;
    int has_cases;               /* cases.csv has cases of it or of a child */
    double overdue, not_yet_due; /* of those cases (docs/method.md §6.6) */
    double premium_wan, motor_premium_wan, nonmotor_premium_wan;
    double nonmotor_policies, policies_base, persons_base; /* base = prior in force + new */
    double med_needed, med_succeeded;
    double ded_points[CES_DED_COUNT];
    int has_prior; /* prior figures found (prior.csv or archive) */
    double prior_total, prior_premium_wan;
    const ces_qualitative_row *qual; /* the company's own row */
    char **children;                 /* codes rolled up into it (owned) */
    size_t n_children;
} sc_agg;

/* A code of companies.csv and the scored slot its rows add to (-1: none). */
typedef struct {
    const char *code; /* borrowed from the dataset */
    long slot;
} sc_code_slot;

typedef struct {
    sc_agg *agg;           /* scored companies, companies.csv order */
    sc_code_slot *by_code; /* every code of companies.csv, sorted */
    size_t n_codes;
    size_t n;
    ces_excluded *excluded; /* companies.csv order (owned) */
    size_t n_excluded;
    ces_prior_source prior_source;
    long prior_run_id;
    char prior_period[8];
} sc_rollup;

/* Builds *ru from ds (and the archive's prior figures when prior.csv is absent).
 * CES_ERR_INVALID when the dataset breaks an invariant ingest checks (unknown
 * parent, parent not evaluated or of another group, scored company without its
 * qualitative row); CES_ERR_NOMEM. */
ces_status sc_rollup_build(const ces_dataset *ds, const ces_config *cfg,
                           const ces_prior_archive *archive, sc_rollup *ru);
void sc_rollup_free(sc_rollup *ru);
/* The slot in ru->agg that rows of code add to; -1 when they count for no
 * scored company, -2 when companies.csv has no such code. */
long sc_rollup_slot(const sc_rollup *ru, const char *code);

#endif
