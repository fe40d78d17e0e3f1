/* UTF-8 text -> CSV records with libcsv. The text is fed one physical line at
 * a time so that each record knows the line it starts on, even when quoted
 * fields hold newlines or blank lines are skipped; a line ends at most one
 * record, so a record is handed out as soon as the line that ends it has been
 * fed. Its fields are copied, trimmed, into one buffer that grows to the
 * longest record and is reused for the next. */
#include "ingest_csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

struct ing_csv {
    struct csv_parser p;
    const char *text;
    size_t len, pos;
    long line;     /* the next line to feed */
    long rec_line; /* where the record being built started */
    int at_start;  /* no content of a record fed yet */
    int finished;  /* csv_fini was called */
    char *buf;     /* the record's fields */
    size_t used, cap, n;
    int content; /* a field of the record is not empty */
    int ended;   /* a record ended on the last line fed */
    int ready;   /* ... and it is not blank: buf holds it */
    long err_line;
    int nomem;
};

static int is_blank(char c) { return c == ' ' || c == '\t'; }

static void on_field(void *s, size_t len, void *data)
{
    ing_csv *r = data;
    const char *f = s;
    if (r->nomem)
        return;
    while (len > 0 && is_blank(*f)) {
        f++;
        len--;
    }
    while (len > 0 && is_blank(f[len - 1]))
        len--;
    if (r->used + len + 1 > r->cap) {
        size_t cap = r->cap ? r->cap : 256;
        while (cap < r->used + len + 1)
            cap *= 2;
        char *nb = realloc(r->buf, cap);
        if (!nb) {
            r->nomem = 1;
            return;
        }
        r->buf = nb;
        r->cap = cap;
    }
    if (len)
        memcpy(r->buf + r->used, f, len);
    r->buf[r->used + len] = '\0';
    r->used += len + 1;
    r->n++;
    r->content |= len > 0;
}

static void on_record(int c, void *data)
{
    ing_csv *r = data;
    (void)c;
    r->ended = 1;
    r->ready = r->content && !r->nomem;
}

/* Length of the physical line starting at s (through its LF, CRLF or lone CR). */
static size_t line_len(const char *s, size_t left)
{
    for (size_t i = 0; i < left; i++) {
        if (s[i] == '\n')
            return i + 1;
        if (s[i] == '\r' && (i + 1 == left || s[i + 1] != '\n'))
            return i + 1;
    }
    return left;
}

/* 1 when the line holds more than spaces, tabs and its terminator. */
static int has_content(const char *s, size_t n)
{
    for (size_t i = 0; i < n; i++)
        if (s[i] != '\r' && s[i] != '\n' && s[i] != ' ' && s[i] != '\t')
            return 1;
    return 0;
}

ces_status ing_csv_open(const char *text, size_t len, ing_csv **out)
{
    ing_csv *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return CES_ERR_NOMEM;
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(r);
        return CES_ERR_NOMEM;
    }
    r->text = text;
    r->len = len;
    r->line = 1;
    r->rec_line = 1;
    r->at_start = 1;
    *out = r;
    return CES_OK;
}

/* Feed the next line (or, at the end of the text, finish). 0 when there is
 * nothing more to feed or parsing stopped. */
static int feed(ing_csv *r)
{
    if (r->err_line || r->nomem || r->finished)
        return 0;
    if (r->pos >= r->len) {
        r->finished = 1;
        if (csv_fini(&r->p, on_field, on_record, r) != 0)
            r->err_line = r->rec_line;
        return 1;
    }
    size_t n = line_len(r->text + r->pos, r->len - r->pos);
    if (r->at_start && has_content(r->text + r->pos, n)) {
        r->rec_line = r->line;
        r->at_start = 0;
    }
    if (csv_parse(&r->p, r->text + r->pos, n, on_field, on_record, r) != n)
        r->err_line = r->line;
    r->pos += n;
    r->line++;
    return 1;
}

int ing_csv_next(ing_csv *r, ing_record *rec)
{
    for (;;) {
        if (r->ended) { /* the record handed out last time, or a blank one: start the next */
            r->ended = r->ready = r->content = 0;
            r->used = r->n = 0;
            r->at_start = 1;
        }
        if (!feed(r))
            break;
        if (r->err_line && csv_error(&r->p) == CSV_ENOMEM)
            r->nomem = 1;
        if (r->ended && r->ready && !r->err_line) {
            *rec = (ing_record){r->buf, r->n, r->rec_line};
            return 1;
        }
    }
    return 0;
}

ces_status ing_csv_status(const ing_csv *r, long *line)
{
    *line = r->err_line;
    if (r->nomem)
        return CES_ERR_NOMEM;
    return r->err_line ? CES_ERR_INVALID : CES_OK;
}

void ing_csv_close(ing_csv *r)
{
    if (!r)
        return;
    csv_free(&r->p);
    free(r->buf);
    free(r);
}

ces_status ing_csv_check(const char *text, size_t len, const char *fname, size_t *records, ces_diags *d)
{
    ing_csv *r;
    ing_record rec;
    long line;
    *records = 0;
    ces_status st = ing_csv_open(text, len, &r);
    if (st != CES_OK)
        return st;
    while (ing_csv_next(r, &rec))
        (*records)++;
    st = ing_csv_status(r, &line);
    if (st == CES_ERR_INVALID)
        ces_diag_add(d, CES_DIAG_ERROR, fname, line, NULL, NULL,
                     "malformed CSV: misplaced or unbalanced quote");
    ing_csv_close(r);
    return st;
}

const char *ing_next_field(const char *f) { return f + strlen(f) + 1; }

const char *ing_cell(const ing_record *r, int idx)
{
    if (idx < 0 || (size_t)idx >= r->n)
        return "";
    const char *f = r->fields;
    for (int i = 0; i < idx; i++)
        f = ing_next_field(f);
    return f;
}
