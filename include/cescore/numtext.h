/* A double as the text printf writes of it, without printf for the figures
 * the engine writes most: the archive's canonical text ("%.17g") and every
 * number that is read back (the shortest of "%.15g", "%.16g", "%.17g" that
 * strtod returns as the same double, docs/STYLE.md "Numbers"). glibc's printf
 * and strtod are the reference; these functions write exactly their bytes,
 * computing them with exact integer arithmetic where that is certain and
 * calling printf everywhere else (docs/decisions.md). */
#ifndef CESCORE_NUMTEXT_H
#define CESCORE_NUMTEXT_H

#include <stddef.h>

/* The bytes snprintf(out, 32, "%.*g", digits, v) writes, for digits from 1 to
 * 17 (15 to 17 without printf for most v; printf otherwise, nan and inf
 * included): their length. */
size_t ces_g_text(double v, int digits, char out[32]);

/* The first of "%.15g", "%.16g" and "%.17g" of v that strtod reads back as
 * exactly v, else "%.17g" (nan): its length. */
size_t ces_shortest_text(double v, char out[32]);

#endif
