/* docs/method.md §8 rounding; freeing results; prior source names. */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/results.h"
#include "score_results.h"

double ces_round(double v, int decimals, double eps)
{
    double p = pow(10.0, decimals);
    if (v < 0)
        return -(floor(-v * p + 0.5 + eps) / p);
    return floor(v * p + 0.5 + eps) / p;
}

double sc_round(const ces_config *cfg, double v)
{
    double r = ces_round(v, cfg->decimals, cfg->round_epsilon);
    return r == 0 ? 0.0 : r; /* no "-0" in the outputs */
}

double sc_clamp(double v, double lo, double hi) { return v < lo ? lo : v > hi ? hi : v; }
