/* UTF-8 text -> CSV records with libcsv. The text is fed one physical line at
 * a time so that each record knows the line it starts on, even when quoted
 * fields hold newlines or blank lines are skipped. */
#include "ingest_csv.h"

#include <csv.h>
#include <stdlib.h>
#include <string.h>

#include "ingest_text.h"

typedef struct {
    ing_table *t;
    ing_record cur; /* record being built */
    size_t cur_cap;
    long rec_line; /* line where cur started */
    size_t ended;  /* records ended so far, blank ones included */
    int nomem;
} csv_state;

static void free_fields(ing_record *r)
{
    for (size_t i = 0; i < r->n; i++)
        free(r->fields[i]);
    free(r->fields);
    r->fields = NULL;
    r->n = 0;
}

static void on_field(void *s, size_t len, void *data)
{
    csv_state *st = data;
    char *f;
    if (st->nomem)
        return;
    if (st->cur.n == st->cur_cap) {
        size_t cap = st->cur_cap ? 2 * st->cur_cap : 16;
        char **nf = realloc(st->cur.fields, cap * sizeof *nf);
        if (!nf) {
            st->nomem = 1;
            return;
        }
        st->cur.fields = nf;
        st->cur_cap = cap;
    }
    f = malloc(len + 1);
    if (!f) {
        st->nomem = 1;
        return;
    }
    if (len)
        memcpy(f, s, len);
    f[len] = '\0';
    st->cur.fields[st->cur.n++] = ing_trim(f);
}

static int record_blank(const ing_record *r)
{
    for (size_t i = 0; i < r->n; i++)
        if (r->fields[i][0] != '\0')
            return 0;
    return 1;
}

static void on_record(int c, void *data)
{
    csv_state *st = data;
    ing_table *t = st->t;
    (void)c;
    st->ended++;
    if (st->nomem || record_blank(&st->cur)) {
        free_fields(&st->cur);
        st->cur_cap = 0;
        return;
    }
    if (t->n == t->cap) {
        size_t cap = t->cap ? 2 * t->cap : 64;
        ing_record *nr = realloc(t->recs, cap * sizeof *nr);
        if (!nr) {
            st->nomem = 1;
            free_fields(&st->cur);
            st->cur_cap = 0;
            return;
        }
        t->recs = nr;
        t->cap = cap;
    }
    st->cur.line = st->rec_line;
    t->recs[t->n++] = st->cur;
    memset(&st->cur, 0, sizeof st->cur);
    st->cur_cap = 0;
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

ces_status ing_csv_parse(const char *text, size_t len, const char *fname, ing_table *out, ces_diags *d)
{
    struct csv_parser p;
    csv_state st = {.t = out, .rec_line = 1};
    size_t pos = 0;
    long line = 1, err_line = 0;
    int at_start = 1;
    memset(out, 0, sizeof *out);
    if (csv_init(&p, CSV_STRICT | CSV_STRICT_FINI | CSV_APPEND_NULL) != 0)
        return CES_ERR_NOMEM;
    while (pos < len && !err_line && !st.nomem) {
        size_t n = line_len(text + pos, len - pos);
        size_t ended = st.ended;
        if (at_start && has_content(text + pos, n)) {
            st.rec_line = line;
            at_start = 0;
        }
        if (csv_parse(&p, text + pos, n, on_field, on_record, &st) != n)
            err_line = line;
        if (st.ended != ended) /* a record ended on this line */
            at_start = 1;
        pos += n;
        line++;
    }
    if (!err_line && !st.nomem && csv_fini(&p, on_field, on_record, &st) != 0)
        err_line = st.rec_line;
    if (err_line && csv_error(&p) == CSV_ENOMEM)
        st.nomem = 1;
    else if (err_line)
        ces_diag_add(d, CES_DIAG_ERROR, fname, err_line, NULL, NULL,
                     "malformed CSV: misplaced or unbalanced quote");
    free_fields(&st.cur);
    csv_free(&p);
    if (st.nomem)
        return CES_ERR_NOMEM;
    return err_line ? CES_ERR_INVALID : CES_OK;
}

void ing_table_free(ing_table *t)
{
    for (size_t i = 0; i < t->n; i++)
        free_fields(&t->recs[i]);
    free(t->recs);
    memset(t, 0, sizeof *t);
}

const char *ing_cell(const ing_record *r, int idx)
{
    if (idx < 0 || (size_t)idx >= r->n)
        return "";
    return r->fields[idx];
}
