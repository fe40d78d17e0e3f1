/* Times. The archive and the JSON keep ISO 8601 with an offset (UTC);
 * people are shown Beijing time, labelled as such (docs/decisions.md). */
#ifndef CESCORE_TIME_H
#define CESCORE_TIME_H

#include <stddef.h>
#include <time.h>

/* ISO 8601 ("2024-07-20T09:00:00Z"; an offset or a fraction of a second
 * allowed) -> *out; -1 when it is not such a time. */
int ces_time_parse(const char *iso, time_t *out);
/* The same time as people in Shanghai read it: "2024-07-20 17:00 北京时间"
 * (english: "2024-07-20 17:00 Beijing time (UTC+8)"). A text that is not
 * an ISO 8601 time is copied as it is and -1 returned. */
int ces_time_beijing(const char *iso, int english, char *buf, size_t n);

#endif
