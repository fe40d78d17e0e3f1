/* The working-day calendar's lookups and the date arithmetic they need
 * (calendar.h); reading a calendar's files is score's (score_calendar.c). */
#include <stdlib.h>
#include <string.h>

#include "cescore/calendar.h"

/* Days since 1970-01-01 of a civil date (H. Hinnant's days_from_civil). */
static int days_from_civil(int y, int m, int d)
{
    y -= m <= 2;
    int era = (y >= 0 ? y : y - 399) / 400;
    int yoe = y - era * 400;
    int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

int ces_day_number(int yyyymmdd)
{
    return days_from_civil(yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100);
}

int ces_day_date(int day)
{
    int z = day + 719468;
    int era = (z >= 0 ? z : z - 146096) / 146097;
    int doe = z - era * 146097;
    int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    int y = yoe + era * 400;
    int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    int mp = (5 * doy + 2) / 153;
    int d = doy - (153 * mp + 2) / 5 + 1;
    int m = mp + (mp < 10 ? 3 : -9);
    return (y + (m <= 2)) * 10000 + m * 100 + d;
}

/* 1970-01-01 was a Thursday (3). */
int ces_day_weekday(int day) { return ((day % 7) + 7 + 3) % 7; }

int ces_calendar_has_year(const ces_calendar *c, int year)
{
    return c && c->has_year && year >= c->first_year && year < c->first_year + c->n_years &&
           c->has_year[year - c->first_year];
}

static int cmp_int(const void *a, const void *b)
{
    int x = *(const int *)a, y = *(const int *)b;
    return (x > y) - (x < y);
}

static int listed(const int *days, size_t n, int day)
{
    return n && bsearch(&day, days, n, sizeof *days, cmp_int) != NULL;
}

int ces_calendar_is_working_day(const ces_calendar *c, int day)
{
    if (listed(c->work, c->n_work, day))
        return 1;
    if (listed(c->off, c->n_off, day))
        return 0;
    return ces_day_weekday(day) < 5;
}

void ces_calendar_free(ces_calendar *c)
{
    if (!c)
        return;
    free(c->has_year);
    free(c->off);
    free(c->work);
    free(c->source);
    free(c->text);
    memset(c, 0, sizeof *c);
}
