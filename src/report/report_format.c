/* Number formatting shared by the writers. */
#include <math.h>
#include <stdio.h>

#include "cescore/report.h"

void ces_format_fixed(double v, int decimals, char *buf, size_t n)
{
    /* snprintf's %f follows LC_NUMERIC, which the CLI never changes from "C";
     * guard the decimal point anyway so no locale can ever leak into a figure. */
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", isnan(v) ? "-" : (v > 0 ? "inf" : "-inf"));
        return;
    }
    snprintf(buf, n, "%.*f", decimals, v);
    for (char *c = buf; *c; c++)
        if (*c == ',')
            *c = '.';
}
