/* Diagnostics collector: every problem of a bundle or config, formatted
 * "FILE:LINE: column COL: TEXT" so that each names where and what; a
 * warning that repeats another (same file, column and text) is counted on
 * the first. */
#include "cescore/diag.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/buf.h"
#include "cescore/grow.h"
#include "cescore/i18n.h"
#include "cescore/text.h"

void ces_diags_init(ces_diags *d) { memset(d, 0, sizeof *d); }

static void item_free(ces_diag *it)
{
    free(it->file);
    free(it->column);
    free(it->header);
    free(it->value);
    free(it->text);
    free(it->message);
    free(it->more_lines);
}

void ces_diags_free(ces_diags *d)
{
    if (!d)
        return;
    for (size_t i = 0; i < d->count; i++)
        item_free(&d->items[i]);
    free(d->items);
    free(d->slots);
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
    if (d->unlimited || level == CES_DIAG_FINDING)
        return 0;
    if (level == CES_DIAG_ERROR)
        return d->errors - d->dropped >= CES_DIAG_MAX_ERRORS;
    return d->warnings - d->dropped_warnings >= CES_DIAG_MAX_WARNINGS;
}

void ces_column_letter(int field, char *buf, size_t n)
{
    char rev[8];
    size_t k = 0;
    unsigned v = field < 0 ? 0u : (unsigned)field + 1;
    while (v && k < sizeof rev) {
        rev[k++] = (char)('A' + (v - 1) % 26);
        v = (v - 1) / 26;
    }
    size_t i = 0;
    for (; i < k && i + 1 < n; i++)
        buf[i] = rev[k - 1 - i];
    if (n)
        buf[i] = '\0';
}

/* 1 when code point cp does not show on a terminal although it is there: a
 * space other than U+0020, a zero-width character, a soft hyphen, a byte
 * order mark. Such a character in a message is written "<U+00A0>". */
static int invisible(unsigned cp)
{
    return cp == 0x00A0 || cp == 0x00AD || cp == 0x1680 || cp == 0x180E ||
           (cp >= 0x2000 && cp <= 0x200D) || cp == 0x202F || cp == 0x205F || cp == 0x2060 ||
           cp == 0x3000 || cp == 0xFEFF;
}

/* s with each invisible character written "<U+XXXX>" into b. */
static void put_visible(ces_buf *b, const char *s)
{
    size_t len = strlen(s);
    for (size_t i = 0; i < len;) {
        unsigned cp = 0;
        size_t k = ces_utf8_next(s + i, len - i, &cp);
        if (k > 1 && invisible(cp)) {
            char u[16];
            snprintf(u, sizeof u, "<U+%04X>", cp);
            ces_buf_raw(b, u, strlen(u));
        } else {
            ces_buf_raw(b, s + i, k ? k : 1);
        }
        i += k ? k : 1;
    }
}

/* The column part of a message into b: "column 按时处理反馈件数 (G) [on_time]: ",
 * "column on_time (G): " (the header is the id), "column 机构简称 (C): " (a
 * header that names no column), "column J (no header): ", "column on_time: "
 * (no field: a column the file lacks), or "key a.b: " of a config. */
static void put_column(ces_buf *b, const ces_diag_col *col, int is_key)
{
    char letter[8];
    const char *fmt;
    const char *args[3] = {NULL, NULL, NULL};
    ces_column_letter(col->field, letter, sizeof letter);
    if (is_key) {
        fmt = _("key %s: ");
        args[0] = col->id;
    } else if (col->field < 0 || (!col->header && col->id)) {
        fmt = _("column %s: ");
        args[0] = col->id ? col->id : letter;
    } else if (!col->header || !col->header[0]) {
        fmt = _("column %s (no header): ");
        args[0] = letter;
    } else if (!col->id || !strcmp(col->header, col->id)) {
        fmt = _("column %s (%s): ");
        args[0] = col->header;
        args[1] = letter;
    } else {
        fmt = _("column %s (%s) [%s]: ");
        args[0] = col->header;
        args[1] = letter;
        args[2] = col->id;
    }
    /* a header, however long, is the user's: kept whole */
    size_t need = strlen(fmt) + 1;
    for (int i = 0; i < 3; i++)
        need += args[i] ? strlen(args[i]) : 0;
    char *part = malloc(need);
    if (!part) {
        b->oom = 1;
        return;
    }
    snprintf(part, need, fmt, args[0], args[1], args[2]);
    ces_buf_raw(b, part, strlen(part));
    free(part);
}

/* The message of one diagnostic: location, then text. NULL without memory. */
static char *format_message(const char *file, long line, const ces_diag_col *col, int is_key,
                            const char *text)
{
    ces_buf b = {0};
    if (file) {
        char at[64];
        ces_buf_raw(&b, file, strlen(file));
        if (line > 0) {
            snprintf(at, sizeof at, ":%ld", line);
            ces_buf_raw(&b, at, strlen(at));
        }
        ces_buf_raw(&b, ": ", 2);
    }
    if (col && (col->id || col->field >= 0))
        put_column(&b, col, is_key);
    put_visible(&b, text);
    if (b.oom || !b.p) {
        ces_buf_free(&b);
        return NULL;
    }
    return b.p;
}

/* ---- warnings counted on an identical one ---- */

static uint64_t fnv(uint64_t h, const char *s)
{
    for (; s && *s; s++)
        h = (h ^ (unsigned char)*s) * 1099511628211ULL;
    return (h ^ 0xFF) * 1099511628211ULL;
}

static uint64_t key_hash(const char *file, const char *column, const char *header, const char *text)
{
    return fnv(fnv(fnv(fnv(14695981039346656037ULL, file), column), header), text);
}

static int same_str(const char *a, const char *b) { return (!a && !b) || (a && b && !strcmp(a, b)); }

/* The slot of the warning (file, column, header, text): its own when kept,
 * else the free one where it would go. NULL when there is no table. */
static size_t *slot_of(const ces_diags *d, const char *file, const char *column, const char *header,
                       const char *text)
{
    if (!d->n_slots)
        return NULL;
    size_t i = (size_t)(key_hash(file, column, header, text) & (d->n_slots - 1));
    for (;; i = (i + 1) & (d->n_slots - 1)) {
        size_t *s = &d->slots[i];
        if (!*s)
            return s;
        const ces_diag *it = &d->items[*s - 1];
        if (same_str(it->file, file) && same_str(it->column, column) && same_str(it->header, header) &&
            !strcmp(it->text, text))
            return s;
    }
}

/* Room for one more kept warning in the table (at most half full). */
static int grow_slots(ces_diags *d)
{
    size_t kept = 0;
    for (size_t i = 0; i < d->count; i++)
        kept += d->items[i].level == CES_DIAG_WARNING;
    if (d->n_slots && (kept + 1) * 2 <= d->n_slots)
        return 0;
    size_t n = d->n_slots ? d->n_slots * 2 : 64;
    size_t *slots = calloc(n, sizeof *slots);
    if (!slots)
        return -1;
    free(d->slots);
    d->slots = slots;
    d->n_slots = n;
    for (size_t i = 0; i < d->count; i++) {
        const ces_diag *it = &d->items[i];
        if (it->level == CES_DIAG_WARNING)
            *slot_of(d, it->file, it->column, it->header, it->text) = i + 1;
    }
    return 0;
}

/* Count one more occurrence (at line) on the warning kept as it. */
static void repeat(ces_diags *d, ces_diag *it, long line)
{
    it->repeats++;
    if (!d->unlimited && it->n_more_lines >= CES_DIAG_MORE_LINES)
        return;
    long *lines = realloc(it->more_lines, (it->n_more_lines + 1) * sizeof *lines);
    if (!lines)
        return;
    it->more_lines = lines;
    it->more_lines[it->n_more_lines++] = line;
}

/* ---- adding ---- */

/* Count one diagnostic of level in d; the slot to store it in, or NULL
 * when its cap is reached (it is only counted) or memory runs out. */
static ces_diag *count_and_reserve(ces_diags *d, ces_diag_level level)
{
    int full = ces_diags_full(d, level);
    if (level == CES_DIAG_ERROR) {
        d->errors++;
        d->dropped += full;
    } else if (level == CES_DIAG_WARNING) {
        d->warnings++;
        d->dropped_warnings += full;
    } else {
        d->findings++;
    }
    if (full)
        return NULL;
    if (CES_GROW(d->items, d->cap, d->count, 16))
        return NULL;
    return &d->items[d->count];
}

/* One diagnostic, its text formatted and translated already. */
static void add(ces_diags *d, ces_diag_level level, const char *file, long line, const ces_diag_col *col,
                int is_key, const char *value, const char *text)
{
    const char *column = col ? col->id : NULL;
    const char *header = col && col->field >= 0 ? col->header : NULL;
    if (level == CES_DIAG_WARNING) {
        size_t *s = slot_of(d, file, column, header, text);
        if (s && *s) {
            d->warnings++;
            repeat(d, &d->items[*s - 1], line);
            return;
        }
        if (!ces_diags_full(d, level) && grow_slots(d) != 0)
            return;
    }
    ces_diag *it = count_and_reserve(d, level);
    if (!it)
        return;
    memset(it, 0, sizeof *it);
    it->message = format_message(file, line, col, is_key, text);
    it->text = strdup(text);
    if (!it->message || !it->text) {
        free(it->message);
        free(it->text);
        return;
    }
    it->level = level;
    it->file = dup_or_null(file);
    it->line = line;
    it->column = dup_or_null(column);
    it->header = dup_or_null(header);
    it->field = col ? col->field : -1;
    it->is_key = is_key;
    it->value = dup_value(value);
    d->count++;
    if (level == CES_DIAG_WARNING)
        *slot_of(d, it->file, it->column, it->header, it->text) = d->count;
}

void ces_diag_add_text(ces_diags *d, ces_diag_level level, const char *file, long line,
                       const ces_diag_col *col, int is_key, const char *value, const char *text)
{
    add(d, level, file, line, col, is_key, value, text ? text : "");
}

static void vadd(ces_diags *d, ces_diag_level level, const char *file, long line,
                 const ces_diag_col *col, int is_key, const char *value, const char *fmt, va_list ap)
{
    if (ces_diags_full(d, level) && level == CES_DIAG_ERROR) { /* counted, not kept */
        count_and_reserve(d, level);
        return;
    }
    char text[2048];
    vsnprintf(text, sizeof text, _(fmt), ap);
    add(d, level, file, line, col, is_key, value, text);
}

void ces_diag_add(ces_diags *d, ces_diag_level level, const char *file, long line, const char *column,
                  const char *value, const char *fmt, ...)
{
    ces_diag_col col = {column, NULL, -1};
    va_list ap;
    va_start(ap, fmt);
    vadd(d, level, file, line, &col, 0, value, fmt, ap);
    va_end(ap);
}

void ces_diag_add_col(ces_diags *d, ces_diag_level level, const char *file, long line,
                      const ces_diag_col *col, const char *value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vadd(d, level, file, line, col, 0, value, fmt, ap);
    va_end(ap);
}

void ces_diag_add_key(ces_diags *d, ces_diag_level level, const char *file, const char *key,
                      const char *value, const char *fmt, ...)
{
    ces_diag_col col = {key, NULL, -1};
    va_list ap;
    va_start(ap, fmt);
    vadd(d, level, file, 0, &col, 1, value, fmt, ap);
    va_end(ap);
}

/* One stored diagnostic copied into d, counted, capped and merged as add does. */
static void copy_item(ces_diags *d, const ces_diag *x)
{
    ces_diag_col col = {x->column, x->header, x->field};
    size_t before = d->count;
    add(d, x->level, x->file, x->line, &col, x->is_key, x->value, x->text);
    ces_diag *it = NULL;
    if (d->count > before)
        it = &d->items[d->count - 1];
    else if (x->level == CES_DIAG_WARNING) {
        size_t *s = slot_of(d, x->file, x->column, x->header, x->text);
        it = s && *s ? &d->items[*s - 1] : NULL;
    }
    if (x->level == CES_DIAG_WARNING)
        d->warnings += x->repeats;
    for (size_t i = 0; it && i < x->repeats; i++) {
        it->repeats++;
        if (i < x->n_more_lines && (d->unlimited || it->n_more_lines < CES_DIAG_MORE_LINES)) {
            long *lines = realloc(it->more_lines, (it->n_more_lines + 1) * sizeof *lines);
            if (lines) {
                it->more_lines = lines;
                it->more_lines[it->n_more_lines++] = x->more_lines[i];
            }
        }
    }
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

/* ---- printing ---- */

/* " (and 41 more like it: lines 4, 5, 6, …)" after a merged warning. */
static void print_repeats(const ces_diag *it, FILE *fp)
{
    char lines[160] = "";
    size_t used = 0;
    for (size_t i = 0; i < it->n_more_lines && i < CES_DIAG_MORE_LINES && used < sizeof lines; i++)
        used += (size_t)snprintf(lines + used, sizeof lines - used, "%s%ld", i ? ", " : "",
                                 it->more_lines[i]);
    if (used < sizeof lines && it->repeats > it->n_more_lines && it->n_more_lines)
        snprintf(lines + used, sizeof lines - used, ", …");
    if (it->n_more_lines && it->more_lines[0] > 0)
        fprintf(fp,
                ces_ntr(" (and %zu more like it: line %s)", " (and %zu more like it: lines %s)",
                        it->repeats),
                it->repeats, lines);
    else
        fprintf(fp, ces_ntr(" (and %zu more like it)", " (and %zu more like it)", it->repeats),
                it->repeats);
}

void ces_diags_print(const ces_diags *d, FILE *fp)
{
    size_t errors = d->dropped, warnings = d->dropped_warnings, shown[3] = {0, 0, 0};
    for (size_t i = 0; i < d->count; i++) {
        const ces_diag *it = &d->items[i];
        if (it->level != CES_DIAG_FINDING &&
            shown[it->level] >=
                (it->level == CES_DIAG_ERROR ? CES_DIAG_MAX_ERRORS : CES_DIAG_MAX_WARNINGS)) {
            if (it->level == CES_DIAG_ERROR)
                errors++;
            else
                warnings += 1 + it->repeats;
            continue;
        }
        shown[it->level]++;
        fputs("cescore: ", fp); /* not translated: the program */
        if (it->level == CES_DIAG_WARNING)
            fputs(_("warning: "), fp);
        else if (it->level == CES_DIAG_FINDING)
            fputs(_("finding: "), fp);
        ces_fputs_escaped(it->message, fp);
        if (it->repeats)
            print_repeats(it, fp);
        fputc('\n', fp);
    }
    if (errors) {
        fputs("cescore: ", fp); /* not translated: the program */
        fprintf(fp, ces_ntr("%zu more error not shown", "%zu more errors not shown", errors), errors);
        fputc('\n', fp);
    }
    if (warnings) {
        fputs("cescore: ", fp); /* not translated: the program */
        fprintf(fp, ces_ntr("%zu more warning not shown", "%zu more warnings not shown", warnings),
                warnings);
        fputc('\n', fp);
    }
}
