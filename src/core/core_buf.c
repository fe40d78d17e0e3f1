/* One growable text buffer for the whole engine, and the canonical text
 * writers of the hash chain (buf.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/buf.h"

void ces_buf_free(ces_buf *b)
{
    free(b->p);
    memset(b, 0, sizeof *b);
}

static int reserve(ces_buf *b, size_t extra)
{
    if (b->oom)
        return 0;
    if (b->len + extra + 1 <= b->cap)
        return 1;
    size_t cap = b->cap ? b->cap : 4096;
    while (cap < b->len + extra + 1)
        cap *= 2;
    char *p = realloc(b->p, cap);
    if (!p) {
        b->oom = 1;
        return 0;
    }
    b->p = p;
    b->cap = cap;
    return 1;
}

void ces_buf_raw(ces_buf *b, const char *s, size_t n)
{
    if (!reserve(b, n))
        return;
    memcpy(b->p + b->len, s, n);
    b->len += n;
    b->p[b->len] = '\0';
}

void ces_buf_printf(ces_buf *b, const char *fmt, ...)
{
    char small[256];
    va_list ap;
    va_start(ap, fmt);
    int n = vsnprintf(small, sizeof small, fmt, ap);
    va_end(ap);
    if (n < 0)
        return;
    if ((size_t)n < sizeof small) {
        ces_buf_raw(b, small, (size_t)n);
        return;
    }
    if (!reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->p + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

void ces_buf_str(ces_buf *b, const char *key, const char *s)
{
    ces_buf_printf(b, " %s=", key);
    if (!s) {
        ces_buf_raw(b, "null", 4);
        return;
    }
    ces_buf_raw(b, "\"", 1);
    for (const unsigned char *c = (const unsigned char *)s; *c; c++) {
        if (*c == '"' || *c == '\\')
            ces_buf_printf(b, "\\%c", *c);
        else if (*c < 0x20 || *c == 0x7f)
            ces_buf_printf(b, "\\x%02x", *c);
        else
            ces_buf_raw(b, (const char *)c, 1);
    }
    ces_buf_raw(b, "\"", 1);
}

void ces_buf_dbl(ces_buf *b, const char *key, double v)
{
    if (isnan(v))
        ces_buf_printf(b, " %s=nan", key);
    else if (isinf(v))
        ces_buf_printf(b, " %s=%s", key, v > 0 ? "inf" : "-inf");
    else if (v == 0.0)
        ces_buf_printf(b, " %s=0", key); /* -0.0 is stored as 0 */
    else
        ces_buf_printf(b, " %s=%.17g", key, v);
}

void ces_buf_int(ces_buf *b, const char *key, long long v) { ces_buf_printf(b, " %s=%lld", key, v); }
