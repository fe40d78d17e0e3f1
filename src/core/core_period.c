/* Periods of docs/method.md §1 and the eligibility rule of §2. */
#include "cescore/period.h"

#include <stdio.h>
#include <string.h>

int ces_period_parse(const char *s, ces_period *out)
{
    if (!s || strlen(s) != 6)
        return -1;
    for (int i = 0; i < 4; i++)
        if (s[i] < '0' || s[i] > '9')
            return -1;
    int year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    if (year < 1900)
        return -1;
    ces_period p = {.year = year};
    if (!strcmp(s + 4, "H1"))
        p.kind = CES_PERIOD_H1;
    else if (!strcmp(s + 4, "FY"))
        p.kind = CES_PERIOD_FY;
    else
        return -1;
    *out = p;
    return 0;
}

void ces_period_format(ces_period p, char *buf)
{
    snprintf(buf, 8, "%04d%s", p.year % 10000, p.kind == CES_PERIOD_H1 ? "H1" : "FY");
}

void ces_period_display(ces_period p, int english, char *buf, size_t n)
{
    if (english)
        snprintf(buf, n, p.kind == CES_PERIOD_H1 ? "%d H1" : "%d full year", p.year);
    else
        snprintf(buf, n, p.kind == CES_PERIOD_H1 ? "%d年上半年" : "%d年度", p.year);
}

int ces_period_start(ces_period p) { return p.year * 10000 + 101; }

int ces_period_end(ces_period p) { return p.year * 10000 + (p.kind == CES_PERIOD_H1 ? 630 : 1231); }

ces_period ces_period_prior(ces_period p, ces_prior_rule rule)
{
    ces_period q = p;
    if (rule == CES_PRIOR_SAME_KIND_LAST_YEAR) {
        q.year = p.year - 1;
    } else if (p.kind == CES_PERIOD_H1) {
        q.year = p.year - 1;
        q.kind = CES_PERIOD_FY;
    } else {
        q.kind = CES_PERIOD_H1;
    }
    return q;
}

int ces_period_eligible(ces_period p, int open_date) { return open_date <= (p.year - 1) * 10000 + 101; }
