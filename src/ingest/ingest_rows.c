/* Helpers shared by every file's row checks. */
#include "ingest_rows.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_csv.h"
#include "ingest_header.h"
#include "ingest_index.h"

const char *ing_val(const ing_row *r, int col)
{
    return col < 0 ? "" : ing_cell(r->rec, r->cols[col].idx);
}

void ing_err(const ing_row *r, int col, const char *value, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, fmt, ap);
    va_end(ap);
    ces_diag_add(r->ctx->d, CES_DIAG_ERROR, ces_file_name(r->file), r->rec->line,
                 col >= 0 ? r->cols[col].name : NULL, value, "%s", msg);
}

static int empty_cell(const ing_row *r, int col, int empty_zero, const char *what)
{
    if (empty_zero)
        return 0;
    ing_err(r, col, "", "empty value, %s is required", what);
    return -1;
}

int ing_count(const ing_row *r, int col, int empty_zero, int64_t *out)
{
    const char *s = ing_val(r, col);
    *out = 0;
    if (!*s)
        return empty_cell(r, col, empty_zero, "a count");
    if (ces_parse_count(s, out) == 0)
        return 0;
    ing_err(r, col, s, "%s is not a count (a non-negative integer)", s);
    return -1;
}

int ing_amount(const ing_row *r, int col, int empty_zero, double *out)
{
    const char *s = ing_val(r, col);
    *out = 0;
    if (!*s)
        return empty_cell(r, col, empty_zero, "an amount");
    if (ces_parse_amount(s, out) == 0)
        return 0;
    ing_err(r, col, s, "%s is not an amount (a non-negative decimal)", s);
    return -1;
}

int ing_date(const ing_row *r, int col, int *out)
{
    const char *s = ing_val(r, col);
    *out = 0;
    if (!*s)
        return empty_cell(r, col, 0, "a date");
    if (ces_parse_date(s, out) == 0)
        return 0;
    ing_err(r, col, s, "%s is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)", s);
    return -1;
}

/* Field idx of record r set to a copy of value (the record grows to reach it). */
static int set_field(ing_record *r, size_t idx, const char *value)
{
    if (idx >= r->n) {
        char **f = realloc(r->fields, (idx + 1) * sizeof *f);
        if (!f)
            return -1;
        r->fields = f;
        for (size_t i = r->n; i <= idx; i++)
            if (!(r->fields[i] = strdup(""))) {
                r->n = i;
                return -1;
            }
        r->n = idx + 1;
    }
    char *v = strdup(value);
    if (!v)
        return -1;
    free(r->fields[idx]);
    r->fields[idx] = v;
    return 0;
}

/* A data record for code at the end of t: its line the one after the last. */
static ing_record *append_record(ing_table *t, int code_idx, const char *code)
{
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 8;
        ing_record *recs = realloc(t->recs, cap * sizeof *recs);
        if (!recs)
            return NULL;
        t->recs = recs;
        t->cap = cap;
    }
    ing_record *r = &t->recs[t->n];
    memset(r, 0, sizeof *r);
    r->line = t->recs[t->n - 1].line + 1;
    t->n++;
    return set_field(r, (size_t)code_idx, code) == 0 ? r : NULL;
}

/* The column of file k named name: its index in cols, or -1 (an error). */
static int edit_column(ing_ctx *c, ces_file_kind k, ing_col *cols, size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (!strcmp(cols[j].name, name))
            return (int)j;
    ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(k), 0, name, name,
                 "not a column of %s (docs/inputs.md §4)", ces_file_name(k));
    return -1;
}

/* Apply the edits of file k to its records (after the header was mapped). */
static void apply_edits(ing_ctx *c, ces_file_kind k, ing_col *cols, size_t n)
{
    ing_table *t = &c->tables[k];
    for (size_t e = 0; e < c->n_edits && !c->nomem; e++) {
        const ces_cell_edit *ed = &c->edits[e];
        int j = ed->file == k ? edit_column(c, k, cols, n, ed->column) : -1;
        if (j < 0 || cols[0].idx < 0)
            continue;
        if (cols[j].idx < 0) { /* an optional column the file lacks */
            cols[j].idx = (int)t->recs[0].n;
            if (set_field(&t->recs[0], (size_t)cols[j].idx, cols[j].name) != 0)
                c->nomem = 1;
        }
        int found = 0;
        for (size_t i = 1; i < t->n && !c->nomem; i++)
            if (!strcmp(ing_cell(&t->recs[i], cols[0].idx), ed->code)) {
                found = 1;
                if (set_field(&t->recs[i], (size_t)cols[j].idx, ed->value) != 0)
                    c->nomem = 1;
            }
        if (!found && !c->nomem) {
            ing_record *r = append_record(t, cols[0].idx, ed->code);
            if (!r || set_field(r, (size_t)cols[j].idx, ed->value) != 0)
                c->nomem = 1;
        }
    }
}

int ing_begin_file(ing_ctx *c, ces_file_kind k, ing_col *cols, size_t n)
{
    ing_table *t = &c->tables[k];
    const char **codes;
    if (!c->parsed[k])
        return -1;
    if (t->n == 0) {
        ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(k), 0, NULL, NULL,
                     "the file is empty (no header row)");
        return -1;
    }
    c->ds->files[k].rows = t->n - 1;
    if (ing_header_map(&t->recs[0], k, c->aliases, cols, n, c->d) != 0)
        return -1;
    apply_edits(c, k, cols, n);
    if (c->nomem)
        return -1;
    c->ds->files[k].rows = t->n - 1;
    codes = calloc(t->n, sizeof *codes);
    if (!codes) {
        c->nomem = 1;
        return -1;
    }
    for (size_t i = 1; i < t->n; i++)
        codes[i - 1] = ing_cell(&t->recs[i], cols[0].idx);
    if (ing_index_build(&c->index[k], codes, t->n - 1) != 0)
        c->nomem = 1;
    free(codes);
    if (c->nomem)
        return -1;
    c->usable[k] = 1;
    return 0;
}

long ing_row_code(const ing_row *r, int unique, int *ok)
{
    const ing_ctx *c = r->ctx;
    const char *code = ing_val(r, 0);
    long first = c->index[r->file].first[r->row], ci;
    if (!*code) {
        ing_err(r, 0, "", "empty value, a code is required");
        *ok = 0;
        return -1;
    }
    if (unique && first != (long)r->row) {
        ing_err(r, 0, code, "%s appears more than once (first on line %ld)", code,
                c->tables[r->file].recs[first + 1].line);
        *ok = 0;
    }
    if (!c->usable[CES_FILE_COMPANIES])
        return -1;
    ci = ing_index_find(&c->co_index, code);
    if (ci < 0) {
        ing_err(r, 0, code, "%s is not a code of companies.csv", code);
        *ok = 0;
    }
    return ci;
}

void ing_check_extra(const ing_row *r)
{
    size_t header = r->ctx->tables[r->file].recs[0].n;
    for (size_t i = header; i < r->rec->n; i++) {
        if (r->rec->fields[i][0]) {
            ing_err(r, -1, r->rec->fields[i], "%zu fields but the header has %zu", r->rec->n, header);
            return;
        }
    }
}

void ing_format_amount(double v, char *buf, size_t n)
{
    size_t len;
    snprintf(buf, n, "%.6f", v);
    len = strlen(buf);
    while (len > 0 && buf[len - 1] == '0')
        buf[--len] = '\0';
    if (len > 0 && buf[len - 1] == '.')
        buf[--len] = '\0';
}
