/* Helpers shared by every file's row checks. */
#include "ingest_rows.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/text.h"
#include "ingest_csv.h"
#include "ingest_header.h"
#include "ingest_index.h"

const char *ing_val(const ing_row *r, int col)
{
    return col < 0 ? "" : ing_cell(r->rec, r->cols[col].idx);
}

void ing_err(const ing_row *r, int col, const char *value, const char *fmt, ...)
{
    if (ces_diags_full(r->ctx->d, CES_DIAG_ERROR)) { /* counted, not kept: nothing to format */
        ces_diag_add(r->ctx->d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s", "");
        return;
    }
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

/* Open a reader over file k's text and skip its header into *hdr. */
static int open_rows(ing_rows *it, ing_record *hdr)
{
    ing_ctx *c = it->ctx;
    if (ing_csv_open(c->text[it->file], c->text_len[it->file], &it->csv) != CES_OK ||
        !ing_csv_next(it->csv, hdr)) {
        ing_csv_close(it->csv);
        it->csv = NULL;
        c->nomem = 1; /* the text was checked: only memory can fail */
        return -1;
    }
    it->row = 0;
    return 0;
}

int ing_begin_file(ing_ctx *c, ces_file_kind k, ing_col *cols, size_t n, ing_rows *it)
{
    ing_record hdr;
    memset(it, 0, sizeof *it);
    if (!c->parsed[k])
        return -1;
    if (c->records[k] == 0) {
        ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(k), 0, NULL, NULL,
                     "the file is empty (no header row)");
        return -1;
    }
    c->ds->files[k].rows = c->records[k] - 1;
    *it = (ing_rows){.ctx = c, .file = k, .cols = cols, .n_cols = n};
    if (open_rows(it, &hdr) != 0)
        return -1;
    c->header_n[k] = hdr.n;
    if (ing_header_map(&hdr, k, c->aliases, cols, n, c->d) != 0) {
        ing_end_rows(it);
        return -1;
    }
    c->usable[k] = 1;
    return 0;
}

int ing_rewind_rows(ing_rows *it)
{
    ing_record hdr;
    ing_csv_close(it->csv);
    it->csv = NULL;
    return open_rows(it, &hdr);
}

int ing_next_row(ing_rows *it, ing_row *r)
{
    long line;
    if (!it->csv || !ing_csv_next(it->csv, &it->rec)) {
        if (it->csv && ing_csv_status(it->csv, &line) != CES_OK)
            it->ctx->nomem = 1;
        return 0;
    }
    *r = (ing_row){it->ctx, it->file, &it->rec, it->cols, it->row++, it->n_cols};
    return 1;
}

void ing_end_rows(ing_rows *it)
{
    ing_csv_close(it->csv);
    it->csv = NULL;
}

long ing_row_code(const ing_row *r, int unique, int *ok)
{
    ing_ctx *c = r->ctx;
    const char *code = ing_val(r, 0);
    long first, ci;
    if (!*code) {
        ing_err(r, 0, "", "empty value, a code is required");
        *ok = 0;
        return -1;
    }
    if (ing_index_add(&c->index[r->file], code, r->rec->line, &first) != 0) {
        c->nomem = 1;
        return -1;
    }
    if (unique && first != r->rec->line) {
        ing_err(r, 0, code, "%s appears more than once (first on line %ld)", code, first);
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

int ing_keep_row(const ing_row *r, int code_col)
{
    return ing_val(r, code_col)[0] != '\0' && r->ctx->d->errors == r->ctx->errors0;
}

/* A cell of a known column that no workbook cell can hold. */
static void check_cell_lengths(const ing_row *r)
{
    for (size_t j = 0; j < r->n_cols; j++) {
        const char *v = ing_val(r, (int)j);
        size_t chars;
        if (strlen(v) <= CES_CELL_MAX_CHARS || (chars = ces_utf8_chars(v)) <= CES_CELL_MAX_CHARS)
            continue;
        ing_err(r, (int)j, v, "%zu characters, more than the %d a workbook cell holds", chars,
                CES_CELL_MAX_CHARS);
    }
}

void ing_check_fields(const ing_row *r)
{
    check_cell_lengths(r);
    size_t header = r->ctx->header_n[r->file];
    if (header >= r->rec->n)
        return;
    const char *f = ing_cell(r->rec, (int)header);
    for (size_t i = header; i < r->rec->n; i++, f = i < r->rec->n ? ing_next_field(f) : f) {
        if (f[0]) {
            ing_err(r, -1, f, "%zu fields but the header has %zu", r->rec->n, header);
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
