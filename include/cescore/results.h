/* What score computes: per company every indicator's figures, scores, the
 * totals, flags and ranks; per group the benchmarks and statistics; the
 * excluded list. report/ writes it, archive/ stores it, rerun compares it. */
#ifndef CESCORE_RESULTS_H
#define CESCORE_RESULTS_H

#include <stddef.h>
#include "cescore/dataset.h"
#include "cescore/model.h"
#include "cescore/period.h"
#include "cescore/records.h"

typedef enum {
    CES_PRIOR_SOURCE_NONE = 0, /* "none": no prior figures anywhere */
    CES_PRIOR_SOURCE_CSV,      /* "prior.csv" */
    CES_PRIOR_SOURCE_ARCHIVE   /* "archive": a run of the prior period */
} ces_prior_source;

/* One indicator of one company (fields: records.h). Which fields are
 * meaningful depends on the kind:
 *  checklist:  score, missing (bitmask of item indices not established), max
 *  deduction:  points (uncapped sum), score (capped, rounded), max = cap
 *  volume:     applicable, numerator, denominator, value, benchmark, raw, score,
 *              weight (configured W) and effective_weight (W * block / sum W applicable)
 *  change:     has_current/current, has_prior/prior, value (c; value_inf when +inf), score
 *  rate:       numerator, denominator, value (when denominator > 0), benchmark, score
 * Unrounded values are kept unrounded; score is the rounded figure that enters the sums. */
typedef struct {
    CES_IND_RESULT_FIELDS(CES_MEMBER, ces_ind_result)
    CES_IND_DERIVED_FIELDS(CES_MEMBER, ces_ind_result) /* not archived */
} ces_ind_result;

/* One side of a company's rank sensitivity (records.h; not archived). */
typedef struct {
    CES_SENSITIVITY_FIELDS(CES_MEMBER, ces_sensitivity)
} ces_sensitivity;

typedef struct {
    CES_COMPANY_SCORE_FIELDS(CES_MEMBER, ces_company_result)
    ces_ind_result ind[CES_IND_COUNT];
    CES_COMPANY_INPUT_FIELDS(CES_MEMBER, ces_company_result)
    char **children;
    size_t n_children;           /* codes rolled up into this company */
    ces_sensitivity fewer, more; /* derived (ces_results.derived) */
} ces_company_result;

typedef struct {
    CES_GROUP_RESULT_FIELDS(CES_MEMBER, ces_group_result)
    int has_benchmark[CES_IND_COUNT];
    double benchmark[CES_IND_COUNT]; /* volume B (after the pooled fallback), quant.withdrawal Bw */
} ces_group_result;

typedef struct {
    CES_EXCLUDED_FIELDS(CES_MEMBER, ces_excluded)
} ces_excluded;

typedef struct {
    CES_CASE_SUMMARY_FIELDS(CES_MEMBER, ces_case_summary)
} ces_case_summary;

typedef struct {
    ces_period period;
    ces_group_result groups[CES_GROUP_COUNT];
    int has_industry_mediation;
    double industry_mediation;     /* M */
    ces_company_result *companies; /* ordered: pc first, then rank, quantitative desc, code asc */
    size_t n_companies;
    ces_excluded *excluded; /* in companies.csv order */
    size_t n_excluded;
    ces_prior_source prior_source;
    long prior_run_id;    /* archive source: the run used; else 0 */
    char prior_period[8]; /* "2023H1" */
    /* the derived figures (rank sensitivity, small_base: records.h) are
     * filled in: by ces_score and ces_score_derive, never by the archive */
    int derived;
    /* case-level complaints (docs/method.md §6.6), in the order of companies[]:
     * the counts of each company with cases in cases.csv (its own or a
     * rolled-up child's); the overdue cases of each (up to
     * CES_CASE_OVERDUE_MAX, most overdue first); and, for each company with
     * more complaints than the config's analysis threshold, its complaints
     * by line, channel, product and reason (largest first in each) */
    ces_case_summary *case_counts;
    size_t n_case_counts;
    ces_case_overdue *overdue_cases;
    size_t n_overdue_cases;
    ces_case_category *case_categories;
    size_t n_case_categories;
} ces_results;

/* Prior-period figures of one company, already rolled up (from the archive's
 * results of the prior period: the change-rate indicator's numerator and
 * premium of each company scored there). */
typedef struct {
    const char *code;
    double total;       /* total complaints */
    double premium_wan; /* premium, 万元 */
} ces_prior_figure;

typedef struct {
    const ces_prior_figure *rows;
    size_t n;
    long run_id; /* the archived run they come from */
    char period[8];
} ces_prior_archive;

/* A run's standing (docs/commands.md, "Run status"): every archived run is a
 * draft, reviewed (an approving review exists) or final (the finalized,
 * published run); the outputs of selfcheck and whatif are neither. */
typedef enum {
    CES_RUN_DRAFT = 0,
    CES_RUN_REVIEWED,
    CES_RUN_FINAL,
    CES_RUN_SELFCHECK,
    CES_RUN_WHATIF
} ces_run_status;

const char *ces_run_status_id(ces_run_status s); /* "draft", "reviewed", "final", ... */
const char *ces_run_status_zh(ces_run_status s); /* 草稿, 已复核, 正式, 自测, 假设 */

void ces_results_free(ces_results *r);

/* A company's case-level figures in r (docs/method.md §6.6): its counts
 * (NULL when its complaints are not case-level), its overdue cases and its
 * complaints by category (the rows from the returned pointer, *n of them;
 * NULL and 0 when none). */
const ces_case_summary *ces_results_case_counts(const ces_results *r, const char *code);
const ces_case_overdue *ces_results_overdue(const ces_results *r, const char *code, size_t *n);
const ces_case_category *ces_results_categories(const ces_results *r, const char *code, size_t *n);

/* One figure that differs between a stored run and its recomputation.
 * company: the company's code; for figures that belong to no company,
 * "(period)", "(group pc)" / "(group life)" or "(excluded N)".
 * indicator: the indicator id, or NULL for a company/period-level field.
 * field: the field's key (records.h: "score", "total", "rank"...), or
 * "position", "children", "child", "company", "benchmark"... stored/recomputed:
 * the values as text (doubles "%.17g" shortened when exact, "nan", "inf";
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
 * mediation, the prior source, the excluded list, what the run made of
 * cases.csv (counts, overdue cases, categories); and the derived figures
 * (rank sensitivity, small_base) when both results carry them. Calls fn (may be NULL)
 * for each difference and returns how many there were (0 = identical).
 * Doubles are equal when ==, or both NaN (so -0 equals 0, as archived). */
size_t ces_results_compare(const ces_results *stored, const ces_results *recomputed,
                           ces_difference_fn fn, void *ctx);
const char *ces_prior_source_id(ces_prior_source s); /* "none", "prior.csv", "archive" */

#endif
