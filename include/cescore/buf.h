/* One growable text buffer: appends never fail visibly; when an allocation
 * fails, oom is set and further writes are ignored, so a writer checks once
 * at the end. The buffer owns p; ces_buf_free releases it. */
#ifndef CESCORE_BUF_H
#define CESCORE_BUF_H

#include <stddef.h>

typedef struct {
    char *p; /* NUL-terminated once anything was written; NULL before */
    size_t len, cap;
    int oom;
} ces_buf;

void ces_buf_free(ces_buf *b);
void ces_buf_raw(ces_buf *b, const char *s, size_t n);
void ces_buf_printf(ces_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* The canonical text's " key=<value>" (docs/archive-schema.md, "Canonical
 * text"): strings quoted and escaped (NULL -> null), doubles "%.17g" (0 for
 * -0, nan, inf, -inf), integers in decimal. */
void ces_buf_str(ces_buf *b, const char *key, const char *s);
void ces_buf_dbl(ces_buf *b, const char *key, double v);
void ces_buf_int(ces_buf *b, const char *key, long long v);

/* An integral v below 1e15 in magnitude as "%.15g" to "%.17g" all write it
 * (its integer in decimal), into out without printf: its length; 0 (out
 * unchanged) for any other v. The canonical text and the results JSON write
 * most of their figures this way. */
size_t ces_integral_text(double v, char out[24]);

#endif
