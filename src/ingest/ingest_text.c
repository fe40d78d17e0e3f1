/* Small string helpers private to ingest. */
#include "ingest_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/diag.h"
#include "cescore/text.h"

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static char ascii_lower(char c) { return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

char *ing_trim(char *s)
{
    size_t start = 0, len = strlen(s);
    while (start < len && is_blank(s[start]))
        start++;
    while (len > start && is_blank(s[len - 1]))
        len--;
    memmove(s, s + start, len - start);
    s[len - start] = '\0';
    return s;
}

int ing_name_eq(const char *a, const char *b)
{
    size_t la, lb;
    while (is_blank(*a))
        a++;
    while (is_blank(*b))
        b++;
    la = strlen(a);
    lb = strlen(b);
    while (la > 0 && is_blank(a[la - 1]))
        la--;
    while (lb > 0 && is_blank(b[lb - 1]))
        lb--;
    if (la != lb)
        return 0;
    for (size_t i = 0; i < la; i++)
        if (ascii_lower(a[i]) != ascii_lower(b[i]))
            return 0;
    return 1;
}

char *ing_dup(const char *s, int *nomem)
{
    char *r = strdup(s ? s : "");
    if (!r)
        *nomem = 1;
    return r;
}

char *ing_dup_or_null(const char *s, int *nomem)
{
    if (!s || !*s)
        return NULL;
    return ing_dup(s, nomem);
}

void ing_format_date(int d, char *buf)
{
    unsigned u = d > 0 ? (unsigned)d : 0u;
    snprintf(buf, 11, "%04u-%02u-%02u", (u / 10000) % 10000, (u / 100) % 100, u % 100);
}

size_t ing_uspace(const char *s, size_t n, unsigned *cp)
{
    size_t k = ces_utf8_next(s, n, cp);
    if (k < 2)
        return 0;
    unsigned c = *cp;
    int space = c == 0x00A0 || c == 0x1680 || (c >= 0x2000 && c <= 0x200B) || c == 0x202F ||
                c == 0x205F || c == 0x3000 || c == 0xFEFF;
    return space ? k : 0;
}

int ing_fold_fullwidth(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s), o = 0;
    int changed = 0;
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        size_t k = ces_utf8_next(s + i, len - i, &cp);
        if (k == 0)
            k = 1;
        if (o + k + 1 > n)
            return -1;
        if (k == 3 && cp >= 0xFF01 && cp <= 0xFF5E) {
            buf[o++] = (char)(cp - 0xFF01 + 0x21);
            changed = 1;
        } else {
            memcpy(buf + o, s + i, k);
            o += k;
        }
        i += k;
    }
    buf[o] = '\0';
    return changed;
}

void ing_squeeze(const char *s, char *buf, size_t n)
{
    size_t len = strlen(s), o = 0;
    for (size_t i = 0; i < len && o + 5 < n;) {
        unsigned cp = 0;
        size_t k = ces_utf8_next(s + i, len - i, &cp);
        if (k == 0)
            k = 1;
        if (k == 1 && (s[i] == ' ' || s[i] == '\t' || s[i] == '\r' || s[i] == '\n')) {
            /* dropped */
        } else if (ing_uspace(s + i, len - i, &cp)) {
            /* dropped */
        } else if (k == 3 && cp >= 0xFF01 && cp <= 0xFF5E) {
            buf[o++] = ascii_lower((char)(cp - 0xFF01 + 0x21));
        } else if (k == 1) {
            buf[o++] = ascii_lower(s[i]);
        } else {
            memcpy(buf + o, s + i, k);
            o += k;
        }
        i += k;
    }
    if (n)
        buf[o < n ? o : n - 1] = '\0';
}

int ing_scientific(const char *s)
{
    const char *p = s;
    int digits = 0;
    while (*p >= '0' && *p <= '9')
        p++, digits++;
    if (*p == '.')
        for (p++; *p >= '0' && *p <= '9'; p++)
            digits++;
    if (!digits || (*p != 'E' && *p != 'e'))
        return 0;
    p++;
    if (*p == '+' || *p == '-')
        p++;
    if (!(*p >= '0' && *p <= '9'))
        return 0;
    while (*p >= '0' && *p <= '9')
        p++;
    return *p == '\0';
}

const char *ing_letter(int field)
{
    static char ring[4][8];
    static unsigned next;
    char *b = ring[next++ % 4];
    ces_column_letter(field, b, sizeof ring[0]);
    return b;
}
