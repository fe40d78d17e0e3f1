/* ces_score (score.h): roll-up, then every indicator, totals and ranking.
 * The stages, each a module of src/score/:
 *   score_rollup  §2   who is scored, excluded list, roll-up, prior figures
 *   score_volume  §6.1 volume block
 *   score_rates   §6.2-§6.5
 *   score_deduct  §4, §5
 *   score_rank    §3 sums, §9 ranking and group statistics */
#ifndef CESCORE_SCORE_ENGINE_H
#define CESCORE_SCORE_ENGINE_H

#include "cescore/score.h"

#endif
