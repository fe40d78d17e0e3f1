/* Times: the archive keeps ISO 8601 UTC; people are shown Beijing time (time.h). */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "cescore/time.h"

static int parse_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if ((*p)[i] < '0' || (*p)[i] > '9')
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

static int parse_offset(const char *p, long *offset)
{
    *offset = 0;
    if (*p == '\0' || (p[0] == 'Z' && p[1] == '\0'))
        return 0;
    if (*p != '+' && *p != '-')
        return -1;
    int sign = *p == '-' ? -1 : 1, hh, mm;
    p++;
    if (parse_digits(&p, 2, &hh))
        return -1;
    if (*p == ':')
        p++;
    if (parse_digits(&p, 2, &mm) || *p || hh > 23 || mm > 59)
        return -1;
    *offset = sign * (hh * 3600L + mm * 60L);
    return 0;
}

int ces_time_parse(const char *iso, time_t *out)
{
    if (!iso)
        return -1;
    const char *p = iso;
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (parse_digits(&p, 4, &y) || *p++ != '-' || parse_digits(&p, 2, &mo) || *p++ != '-' ||
        parse_digits(&p, 2, &d))
        return -1;
    if (*p == 'T' || *p == ' ') {
        p++;
        if (parse_digits(&p, 2, &h) || *p++ != ':' || parse_digits(&p, 2, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (parse_digits(&p, 2, &s))
                return -1;
            if (*p == '.')
                for (p++; *p >= '0' && *p <= '9'; p++)
                    ;
        }
    }
    long offset;
    if (parse_offset(p, &offset) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        s > 60 || y < 1980)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    *out = timegm(&tm) - offset;
    return 0;
}

int ces_time_beijing(const char *iso, int english, char *buf, size_t n)
{
    time_t t;
    struct tm tm;
    if (ces_time_parse(iso, &t) != 0) {
        snprintf(buf, n, "%s", iso ? iso : "");
        return -1;
    }
    t += 8 * 3600; /* China Standard Time, UTC+8, no daylight saving */
    gmtime_r(&t, &tm);
    char day[32];
    strftime(day, sizeof day, "%Y-%m-%d %H:%M", &tm);
    snprintf(buf, n, "%s %s", day, english ? "Beijing time (UTC+8)" : "北京时间");
    return 0;
}
