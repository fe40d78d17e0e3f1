/* One growable text buffer for the whole engine, and the canonical text
 * writers of the hash chain (buf.h). */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/buf.h"
#include "cescore/numtext.h"

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

/* " key=" (the canonical text writes millions: no printf). */
static void put_key(ces_buf *b, const char *key)
{
    size_t n = strlen(key);
    if (!reserve(b, n + 2))
        return;
    b->p[b->len++] = ' ';
    memcpy(b->p + b->len, key, n);
    b->len += n;
    b->p[b->len++] = '=';
    b->p[b->len] = '\0';
}

/* v in decimal, as "%lld" writes it, ending at end: its first byte. */
static char *ll_digits(long long v, char *end)
{
    unsigned long long m = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    do
        *--end = (char)('0' + m % 10);
    while (m /= 10);
    if (v < 0)
        *--end = '-';
    return end;
}

static void put_ll(ces_buf *b, long long v)
{
    char digits[24], *d = ll_digits(v, digits + sizeof digits);
    ces_buf_raw(b, d, (size_t)(digits + sizeof digits - d));
}

/* Below this, an integral double's "%.15g" to "%.17g" is its integer in
 * decimal (no exponent before 1e15). */
#define INTEGRAL_FAST_MAX 1e15

size_t ces_integral_text(double v, char out[24])
{
    if (!(fabs(v) < INTEGRAL_FAST_MAX) || v != (double)(long long)v)
        return 0;
    char digits[24], *d = ll_digits((long long)v, digits + sizeof digits);
    size_t n = (size_t)(digits + sizeof digits - d);
    memcpy(out, d, n);
    out[n] = '\0';
    return n;
}

void ces_buf_str(ces_buf *b, const char *key, const char *s)
{
    put_key(b, key);
    if (!s) {
        ces_buf_raw(b, "null", 4);
        return;
    }
    ces_buf_raw(b, "\"", 1);
    const unsigned char *c = (const unsigned char *)s, *run = c;
    for (; *c; c++) {
        if (*c != '"' && *c != '\\' && *c >= 0x20 && *c != 0x7f)
            continue;
        ces_buf_raw(b, (const char *)run, (size_t)(c - run)); /* the bytes kept as they are */
        run = c + 1;
        if (*c == '"' || *c == '\\')
            ces_buf_printf(b, "\\%c", *c);
        else
            ces_buf_printf(b, "\\x%02x", *c);
    }
    ces_buf_raw(b, (const char *)run, (size_t)(c - run));
    ces_buf_raw(b, "\"", 1);
}

void ces_buf_dbl(ces_buf *b, const char *key, double v)
{
    char text[32];
    put_key(b, key);
    if (isnan(v))
        ces_buf_raw(b, "nan", 3);
    else if (isinf(v))
        ces_buf_raw(b, v > 0 ? "inf" : "-inf", v > 0 ? 3 : 4);
    else if (v == 0.0)
        ces_buf_raw(b, "0", 1); /* -0.0 is stored as 0 */
    else if (ces_integral_text(v, text))
        ces_buf_raw(b, text, strlen(text));
    else
        ces_buf_raw(b, text, ces_g_text(v, 17, text));
}

void ces_buf_int(ces_buf *b, const char *key, long long v)
{
    put_key(b, key);
    put_ll(b, v);
}
