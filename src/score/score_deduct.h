/* docs/method.md §4 checklists and §5 capped deductions. */
#ifndef CESCORE_SCORE_DEDUCT_H
#define CESCORE_SCORE_DEDUCT_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "score_rollup.h"

/* Fills qual.systems, qual.mechanisms and every ded.* indicator of
 * out->companies[i] (mirroring ru->agg[i]). CES_ERR_INVALID when the config
 * gives one of them another method. */
ces_status sc_deduct(const sc_rollup *ru, const ces_config *cfg, ces_results *out);

#endif
