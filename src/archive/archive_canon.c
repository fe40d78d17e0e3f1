/* archive: canonical serialisation of imports and runs, and the hash chain.
 * A record's line is its tag, what places it (seq=, position=, id=...) and
 * its fields as ces_record_canon writes them (docs/archive-schema.md). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_canon.h"
#include "archive_db.h"
#include "archive_schema.h"

#include "cescore/jobs.h"
#include "cescore/sha256.h"

/* ---- imports ---- */

/* The text of b so far to the sink (when it holds at least min bytes),
 * then b is emptied. */
static ces_status drain(ces_buf *b, const arch_canon_sink *s, size_t min)
{
    if (b->oom)
        return CES_ERR_NOMEM;
    if (b->len < min || !b->len)
        return CES_OK;
    ces_status st = s->text(s->ctx, b->p, b->len);
    b->len = 0;
    return st;
}

static void canon_files(ces_buf *b, const ces_dataset *ds)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &ds->files[k];
        if (!f->present)
            continue;
        ces_buf_raw(b, "file", 4);
        ces_buf_str(b, "kind", arch_file_kind_id((ces_file_kind)k));
        ces_buf_str(b, "name", ces_file_name((ces_file_kind)k));
        ces_buf_str(b, "sha256", f->sha256);
        ces_buf_str(b, "encoding", f->encoding);
        ces_buf_int(b, "rows", (long long)f->rows);
        ces_buf_raw(b, "\n", 1);
    }
    /* how a streamed file's header was read (schema v3): only imports of
     * case lists have such a line, so earlier imports keep their text */
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &ds->files[k];
        if (!f->present || !f->header)
            continue;
        ces_buf_raw(b, "header", 6);
        ces_buf_str(b, "kind", arch_file_kind_id((ces_file_kind)k));
        ces_buf_str(b, "columns", f->header);
        ces_buf_raw(b, "\n", 1);
    }
}

/* The start of a record's line: its tag. */
static void tag(ces_buf *b, const ces_record *rec) { ces_buf_raw(b, rec->tag, strlen(rec->tag)); }

static void canon_items(ces_buf *b, const ces_qualitative_row *q)
{
    for (int c = 0; c < 2; c++)
        for (int k = 0; k < CES_MAX_ITEMS; k++)
            if (q->established[c][k])
                ces_buf_printf(b, " item=%d:%d:%u", c, k, q->established[c][k]);
}

/* A file's rows: tag, seq, the record's fields (a qualitative row's items),
 * to the sink in blocks. */
static ces_status canon_rows(ces_buf *b, const ces_dataset *ds, ces_file_kind k,
                             const arch_canon_sink *s)
{
    const ces_record *rec = ces_dataset_record(k);
    size_t n;
    const char *rows = ces_dataset_rows(ds, k, &n);
    ces_status st = CES_OK;
    for (size_t i = 0; st == CES_OK && rec && i < n; i++) {
        const void *row = rows + rec->size * i;
        tag(b, rec);
        ces_buf_int(b, "seq", (long long)i);
        ces_record_canon(b, rec, row);
        if (k == CES_FILE_QUALITATIVE)
            canon_items(b, row);
        ces_buf_raw(b, "\n", 1);
        st = drain(b, s, ARCH_CANON_BLOCK);
    }
    return st;
}

static void canon_import_head(ces_buf *b, const arch_import_meta *m, const ces_dataset *ds)
{
    ces_buf_raw(b, "cescore-import 1\n", 17);
    ces_buf_raw(b, "import", 6);
    ces_buf_int(b, "id", m->id);
    ces_buf_str(b, "period", m->period);
    ces_buf_int(b, "version", m->version);
    ces_buf_str(b, "time", m->time);
    ces_buf_str(b, "operator", m->operator_name);
    ces_buf_raw(b, "\n", 1);
    canon_files(b, ds);
}

/* schema v4: the acceptance of an import's findings; an import without one
 * keeps the text it was sealed with */
static void canon_acceptance(ces_buf *b, const arch_import_meta *m)
{
    const ces_acceptance *acc = m->acceptance;
    if (!acc || !acc->findings.n)
        return;
    ces_buf_raw(b, "acceptance", 10);
    ces_buf_str(b, "operator", acc->operator_name);
    ces_buf_str(b, "time", acc->time);
    ces_buf_raw(b, "\n", 1);
    for (size_t i = 0; i < acc->findings.n; i++) {
        tag(b, &CES_REC_FINDING);
        ces_buf_int(b, "seq", (long long)i);
        ces_record_canon(b, &CES_REC_FINDING, &acc->findings.items[i]);
        ces_buf_raw(b, "\n", 1);
    }
}

ces_status arch_canon_import_to(const arch_import_meta *m, const ces_dataset *ds,
                                const arch_canon_sink *s)
{
    ces_buf b = {0};
    canon_import_head(&b, m, ds);
    ces_status st = CES_OK;
    for (int k = 0; st == CES_OK && k < CES_FILE_COUNT; k++)
        st = canon_rows(&b, ds, (ces_file_kind)k, s);
    if (st == CES_OK) {
        canon_acceptance(&b, m);
        st = drain(&b, s, 0);
    }
    ces_buf_free(&b);
    return st;
}

/* arch_canon_sink text: appended to the ces_buf ctx */
static ces_status append_text(void *ctx, const char *p, size_t n)
{
    ces_buf_raw(ctx, p, n);
    return CES_OK;
}

void arch_canon_import(ces_buf *b, const arch_import_meta *m, const ces_dataset *ds)
{
    arch_canon_sink s = {append_text, NULL, b};
    if (arch_canon_import_to(m, ds, &s) != CES_OK)
        b->oom = 1;
}

/* ---- runs ---- */

static void canon_run_head(ces_buf *b, const arch_run_meta *m, const ces_results *r)
{
    ces_buf_raw(b, "cescore-run 1\n", 14);
    ces_buf_raw(b, "run", 3);
    ces_buf_int(b, "id", m->id);
    ces_buf_int(b, "import_id", m->import_id);
    ces_buf_str(b, "period", m->period);
    ces_buf_str(b, "time", m->time);
    ces_buf_str(b, "operator", m->operator_name);
    ces_buf_str(b, "engine_version", m->engine_version);
    ces_buf_str(b, "config_name", m->config_name);
    ces_buf_str(b, "config_sha256", m->config_sha256);
    ces_buf_raw(b, "\nprior", 6);
    ces_buf_str(b, "source", ces_prior_source_id(r->prior_source));
    ces_buf_int(b, "run_id", r->prior_run_id);
    ces_buf_str(b, "period", r->prior_period);
    ces_buf_raw(b, "\nindustry", 9);
    if (r->has_industry_mediation)
        ces_buf_dbl(b, "mediation", r->industry_mediation);
    else
        ces_buf_str(b, "mediation", NULL);
    ces_buf_raw(b, "\n", 1);
}

static void canon_groups(ces_buf *b, const ces_results *r)
{
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        const ces_group_result *gr = &r->groups[g];
        tag(b, &CES_REC_GROUP_RESULT);
        ces_buf_str(b, "group", ces_group_id((ces_group)g));
        ces_record_canon(b, &CES_REC_GROUP_RESULT, gr);
        ces_buf_raw(b, "\n", 1);
        for (int i = 0; i < CES_IND_COUNT; i++) {
            ces_buf_raw(b, "benchmark", 9);
            ces_buf_str(b, "indicator", ces_ind_id((ces_ind)i));
            ces_buf_int(b, "has", gr->has_benchmark[i]);
            ces_buf_dbl(b, "value", gr->benchmark[i]);
            ces_buf_raw(b, "\n", 1);
        }
    }
}

/* A company's lines; *ind_from: where its indicator lines start in b. */
static void canon_company(ces_buf *b, size_t pos, const ces_company_result *c, size_t *ind_from)
{
    tag(b, &CES_REC_COMPANY_RESULT);
    ces_buf_int(b, "position", (long long)pos);
    ces_record_canon(b, &CES_REC_COMPANY_RESULT, c);
    ces_buf_raw(b, "\n", 1);
    for (size_t k = 0; k < c->n_children; k++) {
        ces_buf_raw(b, "child", 5);
        ces_buf_int(b, "position", (long long)k);
        ces_buf_str(b, "code", c->children[k]);
        ces_buf_raw(b, "\n", 1);
    }
    *ind_from = b->len;
    for (int i = 0; i < CES_IND_COUNT; i++) {
        tag(b, &CES_REC_IND_RESULT);
        ces_buf_str(b, "id", ces_ind_id((ces_ind)i));
        ces_record_canon(b, &CES_REC_IND_RESULT, &c->ind[i]);
        ces_buf_raw(b, "\n", 1);
    }
}

/* The rows of a run's list, each "tag position=i fields". */
static void canon_list(ces_buf *b, const ces_record *rec, const void *rows, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        tag(b, rec);
        ces_buf_int(b, "position", (long long)i);
        ces_record_canon(b, rec, (const char *)rows + i * rec->size);
        ces_buf_raw(b, "\n", 1);
    }
}

/* How many companies' lines are built at once on the job pool before they
 * go to the sink in order: a few megabytes at most. */
#define COMPANY_BATCH 1024

/* The companies' lines of a run, built on the job pool (jobs.h) and handed
 * to the sink in the companies' order. */
typedef struct {
    const ces_results *r;
    const arch_canon_sink *s;
    ces_buf *b;                    /* the text not yet drained */
    ces_buf lines[COMPANY_BATCH];  /* company i's in slot i % COMPANY_BATCH */
    ces_buf values[COMPANY_BATCH]; /* ... and its indicator values, for s->indicators */
    ces_status st;
} company_lines;

static int make_company(void *arg, size_t i)
{
    company_lines *c = arg;
    size_t k = i % COMPANY_BATCH, from;
    c->lines[k].len = c->values[k].len = 0;
    canon_company(&c->lines[k], i, &c->r->companies[i], &from);
    if (c->s->indicators && !c->lines[k].oom) {
        ces_buf_raw(&c->values[k], "", 0); /* never NULL, even with no value line */
        arch_canon_indicator_values(&c->values[k], i, c->lines[k].p + from, c->lines[k].len - from);
    }
    return c->lines[k].oom || c->values[k].oom;
}

static int use_company(void *arg, size_t i)
{
    company_lines *c = arg;
    const ces_buf *l = &c->lines[i % COMPANY_BATCH], *v = &c->values[i % COMPANY_BATCH];
    if (c->st == CES_OK && (l->oom || !l->p || v->oom || (c->s->indicators && !v->p)))
        c->st = CES_ERR_NOMEM;
    if (c->st == CES_OK && c->s->indicators)
        c->st = c->s->indicators(c->s->ctx, v->p, v->len);
    if (c->st == CES_OK) {
        ces_buf_raw(c->b, l->p, l->len);
        c->st = drain(c->b, c->s, ARCH_CANON_BLOCK);
    }
    return c->st != CES_OK;
}

static ces_status canon_companies(ces_buf *b, const arch_run_meta *m, const ces_results *r,
                                  const arch_canon_sink *s)
{
    company_lines *c = calloc(1, sizeof *c);
    if (!c)
        return CES_ERR_NOMEM;
    c->r = r;
    c->s = s;
    c->b = b;
    ces_jobs_in_order(r->n_companies, m->jobs ? m->jobs : ces_jobs_available(), COMPANY_BATCH,
                      make_company, use_company, c);
    ces_status st = c->st;
    for (size_t k = 0; k < COMPANY_BATCH; k++) {
        ces_buf_free(&c->lines[k]);
        ces_buf_free(&c->values[k]);
    }
    free(c);
    return st;
}

ces_status arch_canon_run_to(const arch_run_meta *m, const ces_results *r, const arch_canon_sink *s)
{
    ces_buf b = {0};
    canon_run_head(&b, m, r);
    canon_groups(&b, r);
    ces_status st = canon_companies(&b, m, r, s);
    if (st == CES_OK) {
        canon_list(&b, &CES_REC_EXCLUDED, r->excluded, r->n_excluded);
        /* a case-level run (schema v3): lines that no earlier run has, so
         * that the text of every earlier run stays what it was */
        if (m->calendar_sha256) {
            ces_buf_raw(&b, "calendar", 8);
            ces_buf_str(&b, "sha256", m->calendar_sha256);
            ces_buf_raw(&b, "\n", 1);
        }
        canon_list(&b, &CES_REC_CASE_SUMMARY, r->case_counts, r->n_case_counts);
        canon_list(&b, &CES_REC_CASE_OVERDUE, r->overdue_cases, r->n_overdue_cases);
        canon_list(&b, &CES_REC_CASE_CATEGORY, r->case_categories, r->n_case_categories);
        st = drain(&b, s, 0);
    }
    ces_buf_free(&b);
    return st;
}

void arch_canon_run(ces_buf *b, const arch_run_meta *m, const ces_results *r)
{
    arch_canon_sink s = {append_text, NULL, b};
    if (arch_canon_run_to(m, r, &s) != CES_OK)
        b->oom = 1;
}

/* ---- reading fields back ---- */

/* At *p, " key=": *p moves past it; -1 when something else is there. */
static int read_key(const char **p, const char *key)
{
    size_t n = strlen(key);
    if ((*p)[0] != ' ' || strncmp(*p + 1, key, n) || (*p)[n + 1] != '=')
        return -1;
    *p += n + 2;
    return 0;
}

static int hex_digit(char c)
{
    return c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
}

/* A quoted string as ces_buf_str wrote it, at *p past its key. */
static int read_quoted(const char **p, char **out)
{
    const char *s = *p;
    *out = NULL;
    if (!strncmp(s, "null", 4)) {
        *p = s + 4;
        return 0;
    }
    if (*s++ != '"')
        return -1;
    ces_buf b = {0};
    ces_buf_raw(&b, "", 0);
    for (; *s && *s != '"'; s++) {
        char c = *s;
        if (c == '\\' && (s[1] == '"' || s[1] == '\\'))
            c = *++s;
        else if (c == '\\' && s[1] == 'x' && hex_digit(s[2]) >= 0 && hex_digit(s[3]) >= 0) {
            c = (char)(hex_digit(s[2]) * 16 + hex_digit(s[3]));
            s += 3;
        } else if (c == '\\') {
            break;
        }
        ces_buf_raw(&b, &c, 1);
    }
    if (*s != '"' || b.oom) {
        ces_buf_free(&b);
        return -1;
    }
    *p = s + 1;
    *out = b.p;
    return 0;
}

int arch_canon_read_str(const char **p, const char *key, char **out)
{
    *out = NULL;
    return read_key(p, key) ? -1 : read_quoted(p, out);
}

/* A number as ces_buf_dbl or ces_buf_int wrote it. */
static int read_number(const char **p, const ces_field *f, void *row)
{
    char *end;
    if (f->type == CES_FT_DBL) {
        double v = strtod(*p, &end);
        ces_field_set_dbl(f, row, v);
    } else if (f->type == CES_FT_UINT) {
        ces_field_set_int(f, row, (long long)strtoull(*p, &end, 10));
    } else {
        ces_field_set_int(f, row, strtoll(*p, &end, 10));
    }
    if (end == *p)
        return -1;
    *p = end;
    return 0;
}

/* The fields at *p, each after " key=" (keyed) or after a space. */
static int read_fields(const char **p, const ces_record *rec, void *row, int keyed)
{
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        if (keyed ? read_key(p, f->key) : *(*p)++ != ' ')
            return -1;
        if (!ces_field_is_text(f)) {
            if (read_number(p, f, row))
                return -1;
            continue;
        }
        char *s;
        if (read_quoted(p, &s))
            return -1;
        int bad = 0;
        if (f->type == CES_FT_STR) {
            ces_field_set_str(f, row, s);
            continue;
        }
        if (f->type == CES_FT_CHARS)
            ces_field_copy_text(f, row, s);
        else if ((bad = !s || f->en->parse(s) < 0) == 0)
            ces_field_set_int(f, row, f->en->parse(s));
        free(s);
        if (bad)
            return -1;
    }
    return 0;
}

int arch_canon_read_fields(const char **p, const ces_record *rec, void *row)
{
    return read_fields(p, rec, row, 1);
}

int arch_canon_read_values(const char **p, const ces_record *rec, void *row)
{
    return read_fields(p, rec, row, 0);
}

/* ---- a run's indicator lines without their keys (schema v5) ---- */

/* The value of the next " key=value" of a canonical line at *p: its first
 * byte and length; *p moves past it. 0 at the end of the line. */
static size_t next_value(const char **p, const char **v)
{
    const char *s = *p;
    if (*s != ' ')
        return 0;
    while (*s && *s != '=' && *s != '\n')
        s++;
    if (*s != '=')
        return 0;
    *v = ++s;
    while (*s && *s != ' ' && *s != '\n')
        s++;
    *p = s;
    return (size_t)(s - *v);
}

void arch_canon_indicator_values(ces_buf *out, size_t pos, const char *lines, size_t n)
{
    const char *p = lines, *end = lines + n;
    size_t tag = strlen(CES_REC_IND_RESULT.tag);
    char num[24];
    int len = snprintf(num, sizeof num, "%zu", pos);
    while (p < end) {
        const char *eol = memchr(p, '\n', (size_t)(end - p)), *v, *id;
        size_t from = out->len, id_len;
        p += tag;
        if (!eol || (id_len = next_value(&p, &id)) < 2) /* id="..." */
            return;
        ces_buf_raw(out, num, (size_t)len);
        ces_buf_raw(out, " ", 1);
        ces_buf_raw(out, id + 1, id_len - 2);
        int zero = 1;
        for (size_t vn; (vn = next_value(&p, &v));) {
            zero &= vn == 1 && *v == '0';
            ces_buf_raw(out, " ", 1);
            ces_buf_raw(out, v, vn);
        }
        ces_buf_raw(out, "\n", 1);
        if (zero && out->p) { /* nothing to keep: every field is 0 */
            out->len = from;
            out->p[from] = '\0';
        }
        p = eol + 1;
    }
}

/* ---- reviews and finalizations ---- */

void arch_canon_review(ces_buf *b, const arch_review_meta *m)
{
    ces_buf_raw(b, "cescore-review 1\nreview", 23);
    ces_buf_int(b, "id", m->id);
    ces_buf_int(b, "run_id", m->run_id);
    ces_buf_str(b, "period", m->period);
    ces_buf_str(b, "operator", m->operator_name);
    ces_buf_str(b, "time", m->time);
    ces_buf_str(b, "engine_version", m->engine_version);
    ces_buf_str(b, "outcome", m->outcome);
    ces_buf_str(b, "run_hash", m->run_hash);
    ces_buf_raw(b, "\n", 1);
}

void arch_canon_finalization(ces_buf *b, const arch_finalization_meta *m)
{
    ces_buf_raw(b, "cescore-finalization 1\nfinalization", 35);
    ces_buf_int(b, "id", m->id);
    ces_buf_int(b, "run_id", m->run_id);
    if (m->review_id)
        ces_buf_int(b, "review_id", m->review_id);
    else
        ces_buf_str(b, "review_id", NULL);
    ces_buf_str(b, "period", m->period);
    ces_buf_str(b, "operator", m->operator_name);
    ces_buf_str(b, "time", m->time);
    ces_buf_str(b, "run_hash", m->run_hash);
    ces_buf_raw(b, "\n", 1);
}

/* ---- chain ---- */

/* arch_canon_sink text: into the ces_sha256 ctx */
static ces_status hash_text(void *ctx, const char *p, size_t n) { return ces_sha256_update(ctx, p, n); }

/* What hands an entry's text to a sink, with its argument. */
typedef ces_status (*text_fn)(const void *arg, const arch_canon_sink *s);

/* out = sha256(prev_hash || the text produce gives), the text hashed as it
 * comes; "" on failure. */
static ces_status chain_hash_of(const char *prev_hash, text_fn produce, const void *arg, char out[65])
{
    ces_sha256 *h = NULL;
    ces_status st = ces_sha256_begin(&h);
    if (st == CES_OK)
        st = ces_sha256_update(h, prev_hash, strlen(prev_hash));
    arch_canon_sink s = {hash_text, NULL, h};
    if (st == CES_OK)
        st = produce(arg, &s);
    if (st == CES_OK) {
        st = ces_sha256_end(h, out); /* frees the state */
        h = NULL;
    }
    ces_sha256_discard(h);
    if (st != CES_OK)
        out[0] = '\0';
    return st;
}

/* text_fn: the ces_buf arg whole */
static ces_status buffer_text(const void *arg, const arch_canon_sink *s)
{
    const ces_buf *text = arg;
    return text->len ? s->text(s->ctx, text->p, text->len) : CES_OK;
}

ces_status arch_chain_hash(const char *prev_hash, const ces_buf *text, char out[65])
{
    return chain_hash_of(prev_hash, buffer_text, text, out);
}

/* Where arch_chain_next writes the last entry's position + 1 and hash. */
typedef struct {
    long *pos;
    char *prev_hash;
} chain_head;

/* arch_row_fn: the last chain row into the chain_head ctx */
static ces_status read_chain_head(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    chain_head *h = ctx;
    (void)a;
    *h->pos = (long)sqlite3_column_int64(st, 0) + 1;
    arch_col_copy(st, 1, h->prev_hash, 65);
    return CES_OK;
}

ces_status arch_chain_next(ces_archive *a, long *pos, char prev_hash[65])
{
    chain_head h = {pos, prev_hash};
    int found;
    ces_status res = arch_query_row(a,
                                    "SELECT chain_pos, hash FROM chain ORDER BY chain_pos DESC LIMIT 1",
                                    NULL, 0, read_chain_head, &h, &found);
    if (res == CES_OK && !found) {
        *pos = 1;
        snprintf(prev_hash, 65, "%s", ARCH_GENESIS_HASH);
    }
    return res;
}

ces_status arch_chain_reserve(ces_archive *a, const char *next_id_sql, long *id, long *pos,
                              char prev_hash[65])
{
    ces_status st = arch_query_long(a, next_id_sql, NULL, 0, 1, id);
    return st == CES_OK ? arch_chain_next(a, pos, prev_hash) : st;
}

ces_status arch_chain_seal(ces_archive *a, ces_buf *text, const char *prev_hash, char hash[65])
{
    if (text->oom) {
        ces_buf_free(text);
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    }
    ces_status st = arch_chain_hash(prev_hash, text, hash);
    ces_buf_free(text);
    return st == CES_OK ? st : arch_fail(a, st, "cannot compute the entry's hash");
}

/* An import's text for a text_fn. */
typedef struct {
    const arch_import_meta *m;
    const ces_dataset *ds;
} import_text;

static ces_status import_text_to(const void *arg, const arch_canon_sink *s)
{
    const import_text *t = arg;
    return arch_canon_import_to(t->m, t->ds, s);
}

ces_status arch_chain_seal_import(ces_archive *a, const arch_import_meta *m, const ces_dataset *ds,
                                  const char *prev_hash, char hash[65])
{
    import_text t = {m, ds};
    ces_status st = chain_hash_of(prev_hash, import_text_to, &t, hash);
    if (st == CES_ERR_NOMEM)
        return arch_fail(a, st, "out of memory");
    return st == CES_OK ? st : arch_fail(a, st, "cannot compute the entry's hash");
}
