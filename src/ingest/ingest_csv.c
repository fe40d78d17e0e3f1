/* UTF-8 text -> CSV records with libcsv, for every file of a bundle: one
 * read whole (ing_csv_next) and cases.csv read as a stream (ingest_stream.c,
 * ing_csv_feed). The text is fed one physical line at a time so that each
 * record knows the line it starts on, even when quoted fields hold newlines
 * or blank lines are skipped; a line ends at most one record, so a record is
 * handed out as soon as the line that ends it has been fed. Its fields are
 * copied, trimmed, into one buffer that grows to the longest record and is
 * reused for the next, where each field's start is noted. */
#include "ingest_csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/grow.h"
#include "ingest_text.h"

struct ing_csv {
    struct csv_parser p;
    const char *text; /* the text read whole, NULL when fed in pieces */
    size_t len, pos;
    long line;     /* the next line to feed */
    long rec_line; /* where the record being built started */
    int at_start;  /* no content of a record fed yet */
    int finished;  /* csv_fini was called */
    char *buf;     /* the record's fields */
    size_t used, cap, n;
    size_t *offs; /* where each starts in buf */
    size_t offs_cap;
    int content; /* a field of the record is not empty */
    int ended;   /* a record ended on the last line fed */
    int ready;   /* ... and it is not blank: buf holds it */
    long err_line;
    int nomem;
    ing_csv_spaces spaces; /* Unicode spaces trimmed */
};

static int is_blank(char c) { return c == ' ' || c == '\t'; }

/* The length of the Unicode space (ing_uspace) that ends f[0..len), 0 when none. */
static size_t uspace_at_end(const char *f, size_t len, unsigned *cp)
{
    size_t start = len;
    while (start > 0 && len - start < 4 && ((unsigned char)f[start - 1] & 0xC0) == 0x80)
        start--;
    if (start == 0 || len - start >= 4)
        return 0;
    start--;
    size_t k = ing_uspace(f + start, len - start, cp);
    return k == len - start ? k : 0;
}

/* f[0..*len) without the spaces around it: ASCII spaces and tabs, and the
 * Unicode spaces a web page or a spreadsheet leaves (counted in r). */
static const char *trim_field(ing_csv *r, const char *f, size_t *len)
{
    unsigned cp = 0, first = 0;
    size_t k;
    for (;;) {
        if (*len > 0 && is_blank(*f)) {
            f++;
            --*len;
        } else if (*len > 0 && (unsigned char)*f >= 0x80 && (k = ing_uspace(f, *len, &cp)) > 0) {
            f += k;
            *len -= k;
            first = first ? first : cp;
        } else {
            break;
        }
    }
    for (;;) {
        if (*len > 0 && is_blank(f[*len - 1]))
            --*len;
        else if (*len > 0 && (unsigned char)f[*len - 1] >= 0x80 &&
                 (k = uspace_at_end(f, *len, &cp)) > 0) {
            *len -= k;
            first = first ? first : cp;
        } else {
            break;
        }
    }
    if (first) {
        if (!r->spaces.fields++) {
            r->spaces.line = r->rec_line;
            r->spaces.cp = first;
        }
    }
    return f;
}

static void on_field(void *s, size_t len, void *data)
{
    ing_csv *r = data;
    const char *f = s;
    if (r->nomem)
        return;
    f = trim_field(r, f, &len);
    if (ces_grow(&r->buf, &r->cap, r->used + len + 1, 1, 256) ||
        CES_GROW(r->offs, r->offs_cap, r->n, 16)) {
        r->nomem = 1;
        return;
    }
    if (len)
        memcpy(r->buf + r->used, f, len);
    r->buf[r->used + len] = '\0';
    r->offs[r->n++] = r->used;
    r->used += len + 1;
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

/* A reader with no text yet (ing_csv_open: all of it; a stream: pieces). */
static ces_status csv_new(ing_csv **out)
{
    ing_csv *r = calloc(1, sizeof *r);
    *out = NULL;
    if (!r)
        return CES_ERR_NOMEM;
    if (csv_init(&r->p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0) {
        free(r);
        return CES_ERR_NOMEM;
    }
    r->line = 1;
    r->rec_line = 1;
    r->at_start = 1;
    *out = r;
    return CES_OK;
}

ces_status ing_csv_open(const char *text, size_t len, ing_csv **out)
{
    ces_status st = csv_new(out);
    if (st == CES_OK) {
        (*out)->text = text;
        (*out)->len = len;
    }
    return st;
}

ces_status ing_csv_open_pieces(ing_csv **out) { return csv_new(out); }

/* The record handed out last time, or a blank one: start the next. */
static void next_record(ing_csv *r)
{
    if (!r->ended)
        return;
    r->ended = r->ready = r->content = 0;
    r->used = r->n = 0;
    r->at_start = 1;
}

/* 1 when a record that is not blank ended: *rec holds it. */
static int take(ing_csv *r, ing_record *rec)
{
    if (!r->ended || !r->ready || r->err_line || r->nomem)
        return 0;
    *rec = (ing_record){r->buf, r->n, r->rec_line, r->offs};
    return 1;
}

int ing_csv_feed(ing_csv *r, const char *t, size_t n, int terminated, ing_record *rec)
{
    next_record(r);
    if (r->err_line || r->nomem || r->finished || (!n && !terminated))
        return 0;
    if (r->at_start && has_content(t, n)) {
        r->rec_line = r->line;
        r->at_start = 0;
    }
    if (n && csv_parse(&r->p, t, n, on_field, on_record, r) != n) {
        if (csv_error(&r->p) == CSV_ENOMEM)
            r->nomem = 1;
        else
            r->err_line = r->line;
    }
    if (terminated)
        r->line++;
    return take(r, rec);
}

int ing_csv_finish(ing_csv *r, ing_record *rec)
{
    next_record(r);
    if (r->err_line || r->nomem || r->finished)
        return 0;
    r->finished = 1;
    if (csv_fini(&r->p, on_field, on_record, r) != 0)
        r->err_line = r->rec_line;
    return take(r, rec);
}

int ing_csv_next(ing_csv *r, ing_record *rec)
{
    while (r->text && !r->err_line && !r->nomem && !r->finished) {
        if (r->pos >= r->len)
            return ing_csv_finish(r, rec);
        size_t n = line_len(r->text + r->pos, r->len - r->pos);
        r->pos += n;
        if (ing_csv_feed(r, r->text + r->pos - n, n, 1, rec))
            return 1;
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
    free(r->offs);
    free(r);
}

void ing_csv_set_delim(ing_csv *r, char delim) { csv_set_delim(&r->p, (unsigned char)delim); }

ing_csv_spaces ing_csv_spaces_of(const ing_csv *r) { return r->spaces; }

int ing_record_copy(const ing_record *rec, ing_record *copy, char **block)
{
    size_t len = 0;
    const char *f = rec->fields;
    for (size_t i = 0; i < rec->n; i++, f = ing_next_field(f))
        len += strlen(f) + 1;
    *block = malloc(len + 1);
    if (!*block)
        return -1;
    memcpy(*block, rec->fields, len);
    (*block)[len] = '\0';
    *copy = (ing_record){*block, rec->n, rec->line, NULL};
    return 0;
}

ces_status ing_csv_check(const char *text, size_t len, const char *fname, char delim, size_t *records,
                         ing_csv_spaces *spaces, ces_diags *d)
{
    ing_csv *r;
    ing_record rec;
    long line;
    *records = 0;
    memset(spaces, 0, sizeof *spaces);
    ces_status st = ing_csv_open(text, len, &r);
    if (st != CES_OK)
        return st;
    if (delim && delim != ',')
        ing_csv_set_delim(r, delim);
    while (ing_csv_next(r, &rec))
        (*records)++;
    *spaces = r->spaces;
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
    if (r->offs)
        return r->fields + r->offs[idx];
    const char *f = r->fields;
    for (int i = 0; i < idx; i++)
        f = ing_next_field(f);
    return f;
}
