/* Private helpers of the config loader (score_config.c). The public API is
 * include/cescore/config.h. */
#ifndef CESCORE_SCORE_CONFIG_H
#define CESCORE_SCORE_CONFIG_H

#include "cescore/config.h"

/* Tolerance used when the config's weights are checked to add up. */
#define CES_CONFIG_WEIGHT_TOLERANCE 1e-9

/* The method name of a ces_method ("median_scaled"), NULL when unknown. */
const char *sc_method_name(ces_method m);

#endif
