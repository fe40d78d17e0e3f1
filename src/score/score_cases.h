/* Case-level complaints in the results (docs/method.md §6.6): per scored
 * company its case counts, its most overdue cases and, above the analysis
 * threshold, its complaints by line, channel, product and reason. */
#ifndef CESCORE_SCORE_CASES_H
#define CESCORE_SCORE_CASES_H

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/results.h"
#include "score_rollup.h"

/* Fills out's case_counts, overdue_cases and case_categories, in the order
 * of out->companies (ranked). CES_ERR_NOMEM. */
ces_status sc_cases(const ces_dataset *ds, const ces_config *cfg, const sc_rollup *ru, ces_results *out);

#endif
