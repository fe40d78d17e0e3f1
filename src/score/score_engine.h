/* ces_score, ces_score_published, ces_score_derive (score.h): roll-up, then
 * every company scored, ranked and its derived figures. The stages, each a
 * module of src/score/:
 *   score_rollup   §2   who is scored, excluded list, roll-up, prior figures
 *   score_peers    §6   the peer set's figures: volume medians, pooled rates
 *   score_volume   §6.1 a volume indicator's inputs and median B
 *   score_company  §3-§8 one company against given benchmarks
 *   score_rates    §6.2-§6.5, score_deduct §4, §5 (parts of score_company)
 *   score_rank     §9   ranking and group statistics
 *   score_derive   §13  rank sensitivity and small_base; §14 published benchmarks */
#ifndef CESCORE_SCORE_ENGINE_H
#define CESCORE_SCORE_ENGINE_H

#include "cescore/score.h"

#endif
