/* Value parsers of docs/inputs.md: counts, amounts, dates, yes/no. Pure functions,
 * no locale dependence (amounts go through strtod only after the text has been
 * checked to be plain digits with an optional '.'). */
#include "cescore/ingest.h"

#include <stdlib.h>
#include <string.h>

#define MAX_DIGITS 18 /* fits int64 */

/* Scan digits with optional thousands separators in groups of three.
 * Copies the digits (without separators) to buf; returns the number of bytes
 * of s consumed, or -1 when the grouping is wrong or there are too many digits. */
static int scan_grouped(const char *s, char *buf, size_t *nbuf)
{
    size_t i = 0, n = 0, group = 0;
    int grouped = 0;
    while (s[i] >= '0' && s[i] <= '9') {
        if (n >= MAX_DIGITS)
            return -1;
        buf[n++] = s[i++];
        group++;
    }
    if (n == 0)
        return -1;
    while (s[i] == ',') {
        if ((!grouped && group > 3) || (grouped && group != 3))
            return -1;
        grouped = 1;
        group = 0;
        i++;
        while (s[i] >= '0' && s[i] <= '9') {
            if (n >= MAX_DIGITS)
                return -1;
            buf[n++] = s[i++];
            group++;
        }
        if (group != 3)
            return -1;
    }
    if (grouped && group != 3)
        return -1;
    buf[n] = '\0';
    *nbuf = n;
    return (int)i;
}

int ces_parse_count(const char *s, int64_t *out)
{
    char buf[MAX_DIGITS + 1];
    size_t n;
    int used;
    if (!s)
        return -1;
    used = scan_grouped(s, buf, &n);
    if (used < 0 || s[used] != '\0')
        return -1;
    *out = strtoll(buf, NULL, 10);
    return 0;
}

int ces_parse_amount(const char *s, double *out)
{
    char buf[2 * MAX_DIGITS + 2];
    size_t n, frac = 0;
    int used;
    if (!s)
        return -1;
    used = scan_grouped(s, buf, &n);
    if (used < 0)
        return -1;
    s += used;
    if (*s == '.') {
        buf[n++] = *s++;
        while (*s >= '0' && *s <= '9') {
            if (frac >= MAX_DIGITS)
                return -1;
            buf[n++] = *s++;
            frac++;
        }
        if (frac == 0)
            return -1;
    }
    if (*s != '\0')
        return -1;
    buf[n] = '\0';
    *out = strtod(buf, NULL);
    return 0;
}

/* Read 1..max digits; returns the number of digits read, 0 when none. */
static int read_digits(const char **s, int max, int *val)
{
    int n = 0;
    *val = 0;
    while (n < max && **s >= '0' && **s <= '9') {
        *val = *val * 10 + (**s - '0');
        (*s)++;
        n++;
    }
    return n;
}

static int days_in_month(int y, int m)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return (m == 2 && leap) ? 29 : days[m - 1];
}

/* Consume separator sep (a byte string) at *s; 1 when present. */
static int eat(const char **s, const char *sep)
{
    size_t n = strlen(sep);
    if (strncmp(*s, sep, n) != 0)
        return 0;
    *s += n;
    return 1;
}

int ces_parse_date(const char *s, int *yyyymmdd)
{
    static const char *const forms[3][3] = {{"-", "-", ""}, {"/", "/", ""}, {"年", "月", "日"}};
    int y, m, d;
    if (!s || read_digits(&s, 4, &y) != 4)
        return -1;
    for (int f = 0; f < 3; f++) {
        const char *p = s;
        if (!eat(&p, forms[f][0]) || read_digits(&p, 2, &m) == 0)
            continue;
        if (!eat(&p, forms[f][1]) || read_digits(&p, 2, &d) == 0)
            continue;
        if (!eat(&p, forms[f][2]) || *p != '\0')
            continue;
        if (y < 1 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
            return -1;
        *yyyymmdd = y * 10000 + m * 100 + d;
        return 0;
    }
    return -1;
}

int ces_parse_yes_no(const char *s, int *out)
{
    /* docs/inputs.md's forms, plus √/× which Chinese spreadsheets often use for ✓/✗ */
    static const char *const yes[] = {"Y", "y", "是", "1", "✓", "√"};
    static const char *const no[] = {"N", "n", "否", "0", "✗", "×"};
    if (!s)
        return -1;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        if (strcmp(s, yes[i]) == 0) {
            *out = 1;
            return 0;
        }
        if (strcmp(s, no[i]) == 0) {
            *out = 0;
            return 0;
        }
    }
    return -1;
}
