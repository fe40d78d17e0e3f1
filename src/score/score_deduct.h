/* docs/method.md §4 checklists and §5 capped deductions. */
#ifndef CESCORE_SCORE_DEDUCT_H
#define CESCORE_SCORE_DEDUCT_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "score_rollup.h"

/* Fills qual.systems, qual.mechanisms and every ded.* indicator of c from
 * the company's rolled-up inputs a. */
void sc_deduct_company(const sc_agg *a, const ces_config *cfg, ces_company_result *c);

#endif
