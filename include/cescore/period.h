/* Periods of docs/method.md §1 and the eligibility rule of §2. Dates are ints
 * YYYYMMDD throughout the engine. */
#ifndef CESCORE_PERIOD_H
#define CESCORE_PERIOD_H

#include <stddef.h>

typedef enum { CES_PERIOD_H1 = 0, CES_PERIOD_FY = 1 } ces_period_kind;

typedef struct {
    int year;
    ces_period_kind kind;
} ces_period;

typedef enum {
    CES_PRIOR_SAME_KIND_LAST_YEAR = 0, /* "same_kind_last_year": 2024H1 -> 2023H1 */
    CES_PRIOR_PREVIOUS_EVALUATION = 1  /* "previous_evaluation": 2024H1 -> 2023FY, 2024FY -> 2024H1 */
} ces_prior_rule;

/* "2024H1" / "2024FY" -> 0 and *out; anything else -> -1. */
int ces_period_parse(const char *s, ces_period *out);
/* Writes "2024H1" into buf (at least 8 bytes). */
void ces_period_format(ces_period p, char *buf);
/* "2024年上半年" / "2024年度" (zh) or "2024 H1" / "2024 full year" (en). */
void ces_period_display(ces_period p, int english, char *buf, size_t n);
int ces_period_start(ces_period p); /* YYYY0101 */
int ces_period_end(ces_period p);   /* YYYY0630 or YYYY1231 */
ces_period ces_period_prior(ces_period p, ces_prior_rule rule);
/* 1 when a company opened on open_date has operated through the whole
 * accounting year before p's year: open_date <= (Y-1)-01-01. */
int ces_period_eligible(ces_period p, int open_date);

#endif
