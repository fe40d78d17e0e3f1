/* Diagnostics collector: every problem of a bundle or config, formatted
 * "FILE:LINE: column COL: TEXT" so that each names where and what. */
#include "cescore/diag.h"

#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/text.h"

void ces_diags_init(ces_diags *d) { memset(d, 0, sizeof *d); }

void ces_diags_free(ces_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++) {
        free(d->items[i].file);
        free(d->items[i].column);
        free(d->items[i].value);
        free(d->items[i].message);
    }
    free(d->items);
    memset(d, 0, sizeof *d);
}

static char *dup_or_null(const char *s) { return s ? strdup(s) : NULL; }

/* A copy of value, cut at a character boundary after CES_DIAG_MAX_VALUE
 * bytes (a whole 200 MB field is no use in a message). */
static char *dup_value(const char *value)
{
    if (!value)
        return NULL;
    size_t len = strlen(value);
    if (len <= CES_DIAG_MAX_VALUE)
        return strdup(value);
    size_t cut = CES_DIAG_MAX_VALUE;
    while (cut > 0 && ((unsigned char)value[cut] & 0xC0) == 0x80)
        cut--;
    char *v = malloc(cut + sizeof "…");
    if (v) {
        memcpy(v, value, cut);
        memcpy(v + cut, "…", sizeof "…");
    }
    return v;
}

int ces_diags_full(const ces_diags *d, ces_diag_level level)
{
    if (level == CES_DIAG_ERROR)
        return d->errors - d->dropped >= CES_DIAG_MAX_ERRORS;
    return d->warnings - d->dropped_warnings >= CES_DIAG_MAX_WARNINGS;
}

static char *format_message(const char *file, long line, const char *label, const char *column,
                            const char *fmt, va_list ap)
{
    char text[1024];
    vsnprintf(text, sizeof text, fmt, ap);
    char prefix[512] = "";
    size_t n = 0;
    if (file) {
        if (line > 0)
            n = (size_t)snprintf(prefix, sizeof prefix, "%s:%ld: ", file, line);
        else
            n = (size_t)snprintf(prefix, sizeof prefix, "%s: ", file);
    }
    if (column && n < sizeof prefix)
        snprintf(prefix + n, sizeof prefix - n, "%s %s: ", label, column);
    size_t len = strlen(prefix) + strlen(text) + 1;
    char *msg = malloc(len);
    if (msg)
        snprintf(msg, len, "%s%s", prefix, text);
    return msg;
}

/* Count one diagnostic of level in d; the slot to store it in, or NULL
 * when its cap is reached (it is only counted) or memory runs out. */
static ces_diag *count_and_reserve(ces_diags *d, ces_diag_level level)
{
    int full = ces_diags_full(d, level);
    if (level == CES_DIAG_ERROR) {
        d->errors++;
        d->dropped += full;
    } else {
        d->warnings++;
        d->dropped_warnings += full;
    }
    if (full)
        return NULL;
    if (d->count == d->cap) {
        size_t cap = d->cap ? d->cap * 2 : 16;
        ces_diag *items = realloc(d->items, cap * sizeof *items);
        if (!items)
            return NULL;
        d->items = items;
        d->cap = cap;
    }
    return &d->items[d->count];
}

static void diag_add(ces_diags *d, ces_diag_level level, const char *file, long line, int is_key,
                     const char *column, const char *value, const char *fmt, va_list ap)
{
    ces_diag *it = count_and_reserve(d, level);
    if (!it)
        return;
    char *msg = format_message(file, line, is_key ? "key" : "column", column, fmt, ap);
    if (!msg)
        return;
    d->count++;
    it->level = level;
    it->file = dup_or_null(file);
    it->line = line;
    it->column = dup_or_null(column);
    it->is_key = is_key;
    it->value = dup_value(value);
    it->message = msg;
}

void ces_diag_add(ces_diags *d, ces_diag_level level, const char *file, long line, const char *column,
                  const char *value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, level, file, line, 0, column, value, fmt, ap);
    va_end(ap);
}

void ces_diag_add_key(ces_diags *d, ces_diag_level level, const char *file, const char *key,
                      const char *value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    diag_add(d, level, file, 0, 1, key, value, fmt, ap);
    va_end(ap);
}

/* One stored diagnostic copied into d, counted and capped as diag_add does. */
static void copy_item(ces_diags *d, const ces_diag *x)
{
    ces_diag *it = count_and_reserve(d, x->level);
    if (!it)
        return;
    *it = *x;
    it->file = dup_or_null(x->file);
    it->column = dup_or_null(x->column);
    it->value = dup_or_null(x->value);
    it->message = dup_or_null(x->message);
    if (!it->message) {
        free(it->file);
        free(it->column);
        free(it->value);
        return;
    }
    d->count++;
}

void ces_diags_append(ces_diags *d, const ces_diags *src)
{
    for (size_t i = 0; i < src->count; i++)
        copy_item(d, &src->items[i]);
    /* what src counted but did not store stays counted */
    d->errors += src->dropped;
    d->dropped += src->dropped;
    d->warnings += src->dropped_warnings;
    d->dropped_warnings += src->dropped_warnings;
}

void ces_diags_print(const ces_diags *d, FILE *fp)
{
    for (size_t i = 0; i < d->count; i++) {
        fprintf(fp, "cescore: %s", d->items[i].level == CES_DIAG_WARNING ? "warning: " : "");
        ces_fputs_escaped(d->items[i].message, fp);
        fputc('\n', fp);
    }
    if (d->dropped)
        fprintf(fp, "cescore: %zu more errors not shown\n", d->dropped);
    if (d->dropped_warnings)
        fprintf(fp, "cescore: %zu more warnings not shown\n", d->dropped_warnings);
}
