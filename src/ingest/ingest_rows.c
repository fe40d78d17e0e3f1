/* Helpers shared by every file's row checks. */
#include "ingest_rows.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/code_index.h"
#include "cescore/i18n.h"
#include "cescore/text.h"
#include "ingest_csv.h"
#include "ingest_header.h"
#include "ingest_text.h"

const char *ing_val(const ing_row *r, int col)
{
    return col < 0 ? "" : ing_cell(r->rec, r->cols[col].idx);
}

/* A diagnostic of r's row, its text translated and formatted here. */
static void row_diag(const ing_row *r, ces_diag_level level, int col, const char *value, const char *fmt,
                     va_list ap)
{
    ces_diags *d = r->ctx->d;
    ces_diag_col dc = ing_diag_col(r->cols, col);
    if (level == CES_DIAG_ERROR && ces_diags_full(d, level)) { /* counted, not kept */
        ces_diag_add_text(d, level, NULL, 0, NULL, 0, NULL, "");
        return;
    }
    char msg[1024];
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    ces_diag_add_text(d, level, ces_file_name(r->file), r->rec->line, col >= 0 ? &dc : NULL, 0, value,
                      msg);
}

void ing_err(const ing_row *r, int col, const char *value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    row_diag(r, CES_DIAG_ERROR, col, value, fmt, ap);
    va_end(ap);
}

void ing_warn(const ing_row *r, int col, const char *value, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    row_diag(r, CES_DIAG_WARNING, col, value, fmt, ap);
    va_end(ap);
}

const char *ing_col_name(const ing_row *r, int col)
{
    const ing_col *c = &r->cols[col];
    return c->header && c->header[0] ? c->header : c->name;
}

int ing_col_index(const ing_col *cols, size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (!strcmp(cols[j].name, name))
            return (int)j;
    return -1;
}

void ing_read_rows(ing_ctx *c, ces_file_kind k, const ing_col *tmpl, size_t n_cols, ing_fill_fn fill,
                   const void *arg)
{
    const ces_record *rec = ces_dataset_record(k);
    ing_col cols[ING_MAX_COLS];
    ing_rows it;
    ing_row r;
    if (n_cols > ING_MAX_COLS) {
        c->nomem = 1; /* a reader with more columns than it has room for: cannot happen */
        return;
    }
    memcpy(cols, tmpl, n_cols * sizeof *cols);
    if (ing_begin_file(c, k, cols, n_cols, &it) != 0)
        return;
    size_t n = 0;
    char *rows = calloc(c->ds->files[k].rows + 1, rec->size);
    if (!rows)
        c->nomem = 1;
    while (!c->nomem && ing_next_row(&it, &r)) {
        void *row = rows + n * rec->size;
        fill(&r, row, arg);
        if (!ing_keep_row(&r, 0)) {
            ces_record_free(rec, row);
            memset(row, 0, rec->size);
            continue;
        }
        /* an input record's fields begin with line, code (CES_INPUT_RECORD) */
        ces_field_set_int(&rec->fields[0], row, r.rec->line);
        ces_field_set_str(&rec->fields[1], row, ing_dup(ing_val(&r, 0), &c->nomem));
        n++;
    }
    ing_end_rows(&it);
    ces_dataset_set_rows(c->ds, k, rows, n);
}

/* ---- harmless mess, said once per file ---- */

/* Note one cell of kind `kind` read as `as` instead of as written. */
static void note_mess(const ing_row *r, int kind, int col, const char *value, const char *as)
{
    ing_mess *m = &r->ctx->mess[r->file][kind];
    if (m->n++)
        return;
    m->line = r->rec->line;
    m->col = ing_diag_col(r->cols, col);
    ces_utf8_copy(m->value, sizeof m->value, value);
    ces_utf8_copy(m->as, sizeof m->as, as);
}

void ing_report_mess(ing_ctx *c, ces_file_kind k)
{
    static const char *const what[ING_MESS_COUNT][2] = {
        {N_("%s read as %s: full-width digits and signs are read as ASCII (%zu cell of this file)"),
         N_("%s read as %s: full-width digits and signs are read as ASCII (%zu cells of this file)")},
        {N_("%s read as the count %s: a zero fraction is dropped (%zu cell of this file)"),
         N_("%s read as the count %s: a zero fraction is dropped (%zu cells of this file)")},
    };
    for (int kind = 0; kind < ING_MESS_COUNT; kind++) {
        ing_mess *m = &c->mess[k][kind];
        if (!m->n)
            continue;
        char text[512];
        snprintf(text, sizeof text, ces_ntr(what[kind][0], what[kind][1], m->n), m->value, m->as, m->n);
        ces_diag_add_text(c->d, CES_DIAG_WARNING, ces_file_name(k), m->line, &m->col, 0, m->value, text);
        m->n = 0;
    }
}

/* ---- cells read as values ---- */

/* An empty cell: 0 when it reads as 0, else the error msgid (marked N_). */
static int empty_cell(const ing_row *r, int col, int empty_zero, const char *msgid)
{
    if (empty_zero)
        return 0;
    ces_diag_col dc = ing_diag_col(r->cols, col);
    ces_diag_add_text(r->ctx->d, CES_DIAG_ERROR, ces_file_name(r->file), r->rec->line, &dc, 0, "",
                      _(msgid));
    return -1;
}

/* The cell of col with full-width forms read as ASCII (noted), into buf. */
static const char *folded_cell(const ing_row *r, int col, char *buf, size_t n)
{
    const char *s = ing_val(r, col);
    if (ing_fold_fullwidth(s, buf, n) != 1)
        return s;
    note_mess(r, ING_MESS_FULLWIDTH, col, s, buf);
    return buf;
}

/* What to add to the message of a number that is not read: why, when the
 * cause is guessable. */
static const char *number_hint(const char *s)
{
    if (ing_scientific(s))
        return _(
            "; Excel shortened it to scientific notation: format the column as text (or as a number "
            "without exponent) and export again");
    return "";
}

/* A count written with a zero fraction ("12.00", as Excel writes a cell
 * formatted as a number): its integer part into *out, 0; else -1. */
static int zero_fraction_count(const char *s, int64_t *out)
{
    const char *dot = strchr(s, '.');
    double v;
    if (!dot || ces_parse_amount(s, &v) != 0)
        return -1;
    for (const char *p = dot + 1; *p; p++)
        if (*p != '0')
            return -1;
    char whole[64];
    size_t n = (size_t)(dot - s);
    if (n >= sizeof whole)
        return -1;
    memcpy(whole, s, n);
    whole[n] = '\0';
    return ces_parse_count(whole, out);
}

int ing_count(const ing_row *r, int col, int empty_zero, int64_t *out)
{
    char buf[128];
    const char *raw = ing_val(r, col);
    *out = 0;
    if (!*raw)
        return empty_cell(r, col, empty_zero, N_("empty value, a count is required"));
    const char *s = folded_cell(r, col, buf, sizeof buf);
    if (ces_parse_count(s, out) == 0)
        return 0;
    if (zero_fraction_count(s, out) == 0) {
        char as[32];
        snprintf(as, sizeof as, "%lld", (long long)*out);
        note_mess(r, ING_MESS_FRACTION, col, raw, as);
        return 0;
    }
    ing_err(r, col, raw, "%s is not a count (a non-negative integer)%s", raw, number_hint(s));
    return -1;
}

int ing_amount(const ing_row *r, int col, int empty_zero, double *out)
{
    char buf[128];
    const char *raw = ing_val(r, col);
    *out = 0;
    if (!*raw)
        return empty_cell(r, col, empty_zero, N_("empty value, an amount is required"));
    const char *s = folded_cell(r, col, buf, sizeof buf);
    if (ces_parse_amount(s, out) == 0)
        return 0;
    ing_err(r, col, raw, "%s is not an amount (a non-negative decimal)%s", raw, number_hint(s));
    return -1;
}

int ing_date(const ing_row *r, int col, int *out)
{
    char buf[128];
    const char *raw = ing_val(r, col);
    *out = 0;
    if (!*raw)
        return empty_cell(r, col, 0, N_("empty value, a date is required"));
    if (ces_parse_date(folded_cell(r, col, buf, sizeof buf), out) == 0)
        return 0;
    ing_err(r, col, raw, "%s is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)", raw);
    return -1;
}

/* ---- cells changed before the checks (ing_ctx.edits, cescore whatif) ---- */

/* The column of file k named name: its index in cols, or -1 (an error). */
static int edit_column(ing_ctx *c, ces_file_kind k, const ing_col *cols, size_t n, const char *name)
{
    for (size_t j = 0; j < n; j++)
        if (!strcmp(cols[j].name, name))
            return (int)j;
    ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(k), 0, name, name,
                 "not a column of %s (docs/inputs.md §4)", ces_file_name(k));
    return -1;
}

/* 1 when edit e sets a field of code's row. */
static int edit_of(const ing_rows *it, size_t e, const char *code)
{
    return it->edit_field[e] >= 0 && !strcmp(it->ctx->edits[e].code, code);
}

/* Mark the edits whose code no data row of the file has: each such code
 * (its first edit) becomes a row after the last. Returns how many. */
static size_t new_rows(ing_rows *it)
{
    ing_ctx *c = it->ctx;
    ing_csv *r;
    ing_record rec;
    size_t n = 0;
    for (size_t e = 0; e < c->n_edits; e++)
        it->edit_new[e] = it->edit_field[e] >= 0;
    if (ing_open_text(c, it->file, &r) != CES_OK) {
        c->nomem = 1;
        return 0;
    }
    for (int header = 1; ing_csv_next(r, &rec); header = 0)
        for (size_t e = 0; !header && e < c->n_edits; e++)
            if (it->edit_new[e] && edit_of(it, e, ing_cell(&rec, it->cols[0].idx)))
                it->edit_new[e] = 0;
    ing_csv_close(r);
    for (size_t e = 0; e < c->n_edits; e++) {
        for (size_t f = 0; it->edit_new[e] && f < e; f++)
            if (it->edit_new[f] && !strcmp(c->edits[f].code, c->edits[e].code))
                it->edit_new[e] = 0; /* the row of an earlier edit takes it */
        n += it->edit_new[e];
    }
    return n;
}

/* The field each edit of file k sets (-1: not this file's); a column the
 * file lacks is added to the header (*header_n grows). Returns the rows the
 * edits add, for codes the file has no row of. */
static size_t prepare_edits(ing_rows *it, ing_col *cols, size_t n, size_t *header_n)
{
    ing_ctx *c = it->ctx;
    int any = 0;
    if (!c->n_edits)
        return 0;
    it->edit_field = malloc(c->n_edits * sizeof *it->edit_field);
    it->edit_new = calloc(c->n_edits, 1);
    if (!it->edit_field || !it->edit_new) {
        c->nomem = 1;
        return 0;
    }
    for (size_t e = 0; e < c->n_edits; e++) {
        const ces_cell_edit *ed = &c->edits[e];
        int j = ed->file == it->file ? edit_column(c, it->file, cols, n, ed->column) : -1;
        it->edit_field[e] = -1;
        if (j < 0 || cols[0].idx < 0)
            continue;
        if (cols[j].idx < 0) /* an optional column the file lacks */
            cols[j].idx = (int)(*header_n)++;
        it->edit_field[e] = cols[j].idx;
        any = 1;
    }
    return any ? new_rows(it) : 0;
}

/* Field i of rec as the edits of code leave it (the last edit wins). */
static const char *edited_cell(const ing_rows *it, const ing_record *rec, const char *code, size_t i)
{
    const char *v = NULL;
    for (size_t e = 0; e < it->ctx->n_edits; e++)
        if (edit_of(it, e, code) && (size_t)it->edit_field[e] == i)
            v = it->ctx->edits[e].value;
    if (v)
        return v;
    if (i < rec->n)
        return ing_cell(rec, (int)i);
    return (int)i == it->cols[0].idx ? code : "";
}

/* *rec with the edits of code applied, its fields copied into it->edited
 * (rec then points there). A record no edit touches stays as it is. */
static int apply_edits(ing_rows *it, ing_record *rec, const char *code)
{
    size_t n = rec->n, len = 0;
    int any = 0;
    for (size_t e = 0; e < it->ctx->n_edits; e++)
        if (edit_of(it, e, code)) {
            any = 1;
            if ((size_t)it->edit_field[e] >= n)
                n = (size_t)it->edit_field[e] + 1;
        }
    if ((size_t)it->cols[0].idx >= n)
        n = (size_t)it->cols[0].idx + 1;
    if (!any)
        return 0;
    for (size_t i = 0; i < n; i++)
        len += strlen(edited_cell(it, rec, code, i)) + 1;
    char *buf = len > it->edited_cap ? malloc(len) : it->edited;
    if (!buf)
        return -1;
    for (size_t i = 0, at = 0; i < n; i++) {
        const char *v = edited_cell(it, rec, code, i);
        size_t k = strlen(v) + 1;
        memcpy(buf + at, v, k);
        at += k;
    }
    if (buf != it->edited) {
        free(it->edited);
        it->edited = buf;
        it->edited_cap = len;
    }
    *rec = (ing_record){buf, n, rec->line, NULL};
    return 0;
}

/* ---- passes over a file's rows ---- */

ces_status ing_open_text(ing_ctx *c, ces_file_kind k, ing_csv **out)
{
    ces_status st = ing_csv_open(c->text[k], c->text_len[k], out);
    if (st == CES_OK && c->delim[k] && c->delim[k] != ',')
        ing_csv_set_delim(*out, c->delim[k]);
    return st;
}

/* Open a reader over file k's text and skip its header into *hdr. */
static int open_rows(ing_rows *it, ing_record *hdr)
{
    ing_ctx *c = it->ctx;
    if (ing_open_text(c, it->file, &it->csv) != CES_OK || !ing_csv_next(it->csv, hdr)) {
        ing_csv_close(it->csv);
        it->csv = NULL;
        c->nomem = 1; /* the text was checked: only memory can fail */
        return -1;
    }
    it->row = 0;
    it->ended = 0;
    it->next_new = 0;
    it->last_line = hdr->line;
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
    size_t header_n = hdr.n;
    free(c->headers[k]);
    c->headers[k] = NULL;
    if (ing_record_copy(&hdr, &c->header[k], &c->headers[k]) != 0) {
        c->nomem = 1;
        ing_end_rows(it);
        return -1;
    }
    if (ing_header_map(&c->header[k], k, c->aliases, cols, n, c->d) != 0) {
        ing_end_rows(it);
        return -1;
    }
    c->ds->files[k].rows += prepare_edits(it, cols, n, &header_n);
    c->header_n[k] = header_n;
    if (c->nomem) {
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

/* After the last record: the next row an edit adds, for a code the file has
 * no row of (its line after the last). 0 when there is none. */
static int next_new_row(ing_rows *it)
{
    ing_ctx *c = it->ctx;
    while (it->next_new < c->n_edits && !it->edit_new[it->next_new])
        it->next_new++;
    if (it->next_new >= c->n_edits)
        return 0;
    const char *code = c->edits[it->next_new++].code;
    it->rec = (ing_record){"", 0, ++it->last_line, NULL};
    return apply_edits(it, &it->rec, code) == 0 ? 1 : -1;
}

int ing_next_row(ing_rows *it, ing_row *r)
{
    long line;
    int got = 0;
    if (!it->csv)
        return 0;
    if (!it->ended && ing_csv_next(it->csv, &it->rec)) {
        it->last_line = it->rec.line;
        got = it->edit_field && apply_edits(it, &it->rec, ing_cell(&it->rec, it->cols[0].idx)) != 0 ? -1
                                                                                                    : 1;
    } else if (!it->ended && ing_csv_status(it->csv, &line) != CES_OK) {
        got = -1;
    } else {
        it->ended = 1;
        got = it->edit_field ? next_new_row(it) : 0;
    }
    if (got < 0)
        it->ctx->nomem = 1;
    if (got <= 0)
        return 0;
    *r = (ing_row){it->ctx, it->file, &it->rec, it->cols, it->row++, it->n_cols};
    return 1;
}

void ing_end_rows(ing_rows *it)
{
    ing_csv_close(it->csv);
    it->csv = NULL;
    free(it->edit_field);
    free(it->edit_new);
    free(it->edited);
    it->edit_field = NULL;
    it->edit_new = NULL;
    it->edited = NULL;
    it->edited_cap = 0;
}

/* ---- codes and names against companies.csv ---- */

/* code in lower case without its leading zeros, into buf. */
static void fold_code(const char *code, char *buf, size_t n)
{
    while (code[0] == '0' && code[1])
        code++;
    size_t i = 0;
    for (; code[i] && i + 1 < n; i++)
        buf[i] = code[i] >= 'A' && code[i] <= 'Z' ? (char)(code[i] - 'A' + 'a') : code[i];
    buf[i] = '\0';
}

/* A squeezed name without its bracketed suffix, in place: companies.csv
 * often gives the English name after the Chinese one ("…上海分公司 (Dongsheng
 * P&C …)") where another export gives the Chinese name alone. */
static void name_core(char *s)
{
    char *p = strchr(s, '(');
    if (p && p > s)
        *p = '\0';
}

/* The indexes of folded codes and of squeezed names (whole and without
 * their bracketed suffix), built at the first hint. */
static int build_hints(ing_ctx *c)
{
    if (c->hints_built)
        return 0;
    c->hints_built = 1;
    for (size_t i = 0; i < c->ds->n_companies; i++) {
        char key[512];
        long first;
        fold_code(c->ds->companies[i].code, key, sizeof key);
        if (key[0] && ces_code_index_add(&c->folded_codes, key, (long)i, &first) != 0)
            return -1;
        ing_squeeze(c->ds->companies[i].name, key, sizeof key);
        if (key[0] && ces_code_index_add(&c->names, key, (long)i, &first) != 0)
            return -1;
        name_core(key);
        if (key[0] && ces_code_index_add(&c->names, key, (long)i, &first) != 0)
            return -1;
    }
    return 0;
}

const char *ing_code_hint(ing_ctx *c, const char *code)
{
    char key[512];
    if (!c->usable[CES_FILE_COMPANIES] || build_hints(c) != 0)
        return NULL;
    fold_code(code, key, sizeof key);
    long ci = key[0] ? ces_code_index_find(&c->folded_codes, key) : -1;
    if (ci < 0 || !strcmp(c->ds->companies[ci].code, code))
        return NULL;
    return c->ds->companies[ci].code;
}

void ing_unknown_code(const ing_row *r, int col, const char *code)
{
    const char *like = ing_code_hint(r->ctx, code);
    if (like && strlen(like) == strlen(code))
        ing_err(r, col, code,
                "%s is not a code of companies.csv; did you mean %s? (the letter case differs)", code,
                like);
    else if (like)
        ing_err(
            r, col, code,
            "%s is not a code of companies.csv; did you mean %s? (its leading zeros were dropped, as Excel "
            "does with a column not formatted as text: format it as text and export again)",
            code, like);
    else if (ing_scientific(code))
        ing_err(
            r, col, code,
            "%s is not a code of companies.csv; Excel shortened it to scientific notation: format the "
            "column as text and export again",
            code);
    else
        ing_err(r, col, code, "%s is not a code of companies.csv", code);
}

void ing_check_name(const ing_row *r, int name_col, long ci)
{
    ing_ctx *c = r->ctx;
    const char *v = name_col >= 0 ? ing_val(r, name_col) : "";
    if (!*v || ci < 0)
        return;
    const ces_company *co = &c->ds->companies[ci];
    char a[1024], b[1024];
    ing_squeeze(v, a, sizeof a);
    ing_squeeze(co->name, b, sizeof b);
    if (!strcmp(a, b))
        return;
    char a_core[1024], b_core[1024];
    snprintf(a_core, sizeof a_core, "%s", a);
    snprintf(b_core, sizeof b_core, "%s", b);
    name_core(a_core);
    name_core(b_core);
    if (!strcmp(a_core, b_core))
        return; /* the same name, with or without its bracketed suffix */
    long other = build_hints(c) == 0 ? ces_code_index_find(&c->names, a) : -1;
    if (other < 0 && c->hints_built)
        other = ces_code_index_find(&c->names, a_core);
    if (other >= 0 && other != ci)
        ing_err(
            r, name_col, v,
            "%s is not the name of %s in companies.csv (%s) but that of %s: are the codes of two rows "
            "swapped?",
            v, co->code, co->name, c->ds->companies[other].code);
    else
        ing_err(r, name_col, v, "%s is not the name of %s in companies.csv (%s)", v, co->code, co->name);
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
    if (ces_code_index_add(&c->index[r->file], code, r->rec->line, &first) != 0) {
        c->nomem = 1;
        return -1;
    }
    if (unique && first != r->rec->line) {
        ing_err(r, 0, code, "%s appears more than once (first on line %ld)", code, first);
        *ok = 0;
    }
    if (!c->usable[CES_FILE_COMPANIES])
        return -1;
    ci = ces_code_index_find(&c->co_index, code);
    if (ci < 0) {
        ing_unknown_code(r, 0, code);
        *ok = 0;
        return ci;
    }
    size_t errors = c->d->errors;
    ing_check_name(r, ing_col_index(r->cols, r->n_cols, "name"), ci);
    if (c->d->errors != errors)
        *ok = 0;
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
    const ing_record *hdr = &r->ctx->header[r->file];
    const char *h = hdr->fields, *f = r->rec->n ? ing_cell(r->rec, 0) : "";
    size_t header = r->ctx->header_n[r->file];
    for (size_t i = 0; i < r->rec->n; i++, f = i < r->rec->n ? ing_next_field(f) : f) {
        int no_header = i < hdr->n && h && !h[0];
        if (i < hdr->n && h)
            h = i + 1 < hdr->n ? ing_next_field(h) : NULL;
        if (!f[0])
            continue;
        if (i >= header) {
            ing_err(r, -1, f, "%zu fields but the header has %zu", r->rec->n, header);
            return;
        }
        if (no_header) {
            ces_diag_col col = {NULL, "", (int)i};
            ces_diag_add_col(r->ctx->d, CES_DIAG_ERROR, ces_file_name(r->file), r->rec->line, &col, f,
                             "%s is under a column without header: name the column or delete the value",
                             f);
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
