/* Small string helpers private to ingest. */
#include "ingest_text.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
