/* docs/method.md §6.2-§6.5: change rate, timeliness, withdrawal, mediation. */
#ifndef CESCORE_SCORE_RATES_H
#define CESCORE_SCORE_RATES_H

#include "cescore/config.h"
#include "cescore/results.h"
#include "score_rollup.h"

/* Fills quant.change_rate, quant.timeliness, quant.withdrawal, quant.mediation of
 * out->companies[i] (mirroring ru->agg[i]), their flags, the withdrawal
 * benchmarks of the groups and the industry mediation rate.
 * CES_ERR_INVALID when the config gives an indicator another method. */
ces_status sc_rates(const sc_rollup *ru, const ces_config *cfg, ces_results *out);

#endif
