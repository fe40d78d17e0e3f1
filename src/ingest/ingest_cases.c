/* cases.csv (docs/inputs.md §4.8): the header mapped, every row checked as
 * it is read (ingest_stream.c), each valid case counted (ingest_case_tally.c)
 * and its case_id's fingerprint kept (ingest_dupes.c); at the end repeated
 * case_ids are confirmed by reading their rows again, and a code that also
 * has a row in complaints.csv is refused. The file's row errors are kept
 * apart until it has been read: a file that turns out unreadable (encoding,
 * quotes) reports that alone, as the files read whole do. */
#include "ingest_cases.h"
#include "cescore/i18n.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "ingest_case_tally.h"
#include "ingest_dupes.h"
#include "ingest_header.h"
#include "ingest_stream.h"
#include "ingest_text.h"

enum {
    C_ID,
    C_CODE,
    C_RECEIVED,
    C_LINE,
    C_WITHDRAWN,
    C_TRANSFERRED,
    C_RESPONDED,
    C_CHANNEL, /* the analysis columns, in ING_DIM_* order */
    C_PRODUCT,
    C_REASON,
    C_NAME, /* the company's name, checked against companies.csv */
    C_N
};

static const ing_col cases_cols[C_N] = {
    {"case_id", NULL, 1, -1, NULL},
    {"code", NULL, 1, -1, NULL},
    {"received_date", NULL, 1, -1, NULL},
    {"line", NULL, 1, -1, NULL},
    {"withdrawn_before_transfer", NULL, 1, -1, NULL},
    {"transferred_date", NULL, 1, -1, NULL},
    {"responded_date", NULL, 1, -1, NULL},
    {"channel", NULL, 0, -1, NULL},
    {"product", NULL, 0, -1, NULL},
    {"reason", NULL, 0, -1, NULL},
    {"name", NULL, 0, -1, NULL},
};

typedef struct {
    ing_ctx *c;
    ing_ctx rows; /* c with its diagnostics kept apart, in rows_d */
    ces_diags rows_d;
    ing_col cols[C_N];
    char *stored;     /* the header as the import read it (a file read again), else NULL */
    int usable;       /* the header was usable */
    int window[2];    /* the period's first and last day */
    ing_tally *tally; /* NULL: the calendar cannot count the period's deadlines */
    long *first;      /* per company: the line of its first case, 0 when none */
    ing_dupes *dupes;
    size_t row;
    ces_status status; /* out of memory, temporary file */
} cases_ctx;

/* ---- values ---- */

/* A line of business by id (any ASCII case) or Chinese name; -1 when unknown. */
static int parse_line(const char *s)
{
    static const struct {
        const char *id, *zh;
    } LINES[] = {{"motor", "车险"}, {"nonmotor", "非车险"}, {"life", "人身险"}};
    for (int i = 0; i < 3; i++)
        if (!strcasecmp(s, LINES[i].id) || !strcmp(s, LINES[i].zh))
            return i;
    return -1;
}

static int line_fits(int kind, int group)
{
    return group < 0 || (group == CES_GROUP_LIFE) == (kind == ING_LINE_LIFE);
}

/* An optional date: 0 when empty; -1 when not a date (reported). */
static int optional_date(const ing_row *r, int col, int *out)
{
    *out = 0;
    return ing_val(r, col)[0] ? ing_date(r, col, out) : 0;
}

static void date_text(int ymd, char *buf) { ing_format_date(ymd, buf); }

/* ---- one row ---- */

/* The company of the row's code: its index, -1 when unknown or unchecked. */
static long row_company(const ing_row *r)
{
    const ing_ctx *c = r->ctx;
    const char *code = ing_val(r, C_CODE);
    if (!*code) {
        ing_err(r, C_CODE, "", "empty value, a code is required");
        return -1;
    }
    if (!c->usable[CES_FILE_COMPANIES])
        return -1;
    long ci = ces_code_index_find(&c->co_index, code);
    if (ci < 0)
        ing_unknown_code(r, C_CODE, code);
    else
        ing_check_name(r, C_NAME, ci);
    return ci;
}

static void check_line(const ing_row *r, long ci, ing_case *k)
{
    const char *v = ing_val(r, C_LINE);
    int kind = parse_line(v);
    if (!*v) {
        ing_err(r, C_LINE, "", "empty value, a line is required");
    } else if (kind < 0) {
        ing_err(r, C_LINE, v, "%s is not a line (motor/车险, nonmotor/非车险 or life/人身险)", v);
    } else if (ci >= 0 && !line_fits(kind, r->ctx->co[ci].group)) {
        int g = r->ctx->co[ci].group;
        ing_err(r, C_LINE, v, "%s is not a line of a %s company (%s)", v, ces_group_id((ces_group)g),
                g == CES_GROUP_LIFE ? _("life/人身险") : _("motor/车险 or nonmotor/非车险"));
    }
    k->kind = kind < 0 ? ING_LINE_MOTOR : (ing_line)kind;
}

static void check_withdrawn(const ing_row *r, ing_case *k)
{
    const char *v = ing_val(r, C_WITHDRAWN);
    if (!*v)
        ing_err(r, C_WITHDRAWN, "", "empty value, Y/N is required");
    else if (ces_parse_yes_no(v, &k->withdrawn) != 0)
        ing_err(r, C_WITHDRAWN, v, "%s is not Y/N, 是/否, 1/0 or ✓/✗ (√/×)", v);
}

static void check_received(const cases_ctx *x, const ing_row *r, ing_case *k)
{
    if (ing_date(r, C_RECEIVED, &k->received) != 0)
        return;
    if (k->received < x->window[0] || k->received > x->window[1]) {
        char a[16], b[16];
        date_text(x->window[0], a);
        date_text(x->window[1], b);
        ing_err(r, C_RECEIVED, ing_val(r, C_RECEIVED), "%s is outside the period window (%s to %s)",
                ing_val(r, C_RECEIVED), a, b);
    }
}

/* The dates against each other: no transfer of a case withdrawn before
 * transfer; received <= transferred <= responded; no answer without a transfer. */
static void check_order(const ing_row *r, const ing_case *k, int dates_ok)
{
    const char *t = ing_val(r, C_TRANSFERRED), *a = ing_val(r, C_RESPONDED);
    if (!dates_ok)
        return;
    if (k->withdrawn && k->transferred)
        ing_err(r, C_TRANSFERRED, t,
                "%s but withdrawn_before_transfer is %s: a case withdrawn before transfer has no "
                "transfer date",
                t, ing_val(r, C_WITHDRAWN));
    if (k->transferred && k->received && k->transferred < k->received)
        ing_err(r, C_TRANSFERRED, t, "%s is before received_date (%s)", t, ing_val(r, C_RECEIVED));
    if (k->responded && !k->transferred)
        ing_err(r, C_RESPONDED, a,
                "%s but transferred_date is empty: only a transferred case is answered", a);
    if (k->responded && k->transferred && k->responded < k->transferred)
        ing_err(r, C_RESPONDED, a, "%s is before transferred_date (%s)", a, t);
}

static int on_row(void *ctx, const ing_record *rec)
{
    cases_ctx *x = ctx;
    ing_row r = {&x->rows, CES_FILE_CASES, rec, x->cols, x->row++, C_N};
    size_t errors = x->rows_d.errors;
    ing_case k = {.case_id = ing_val(&r, C_ID), .code = ing_val(&r, C_CODE), .line = rec->line};
    if (!k.case_id[0])
        ing_err(&r, C_ID, "", "empty value, a case_id is required");
    else if (x->status == CES_OK)
        x->status = ing_dupes_add(x->dupes, k.case_id, rec->line);
    long ci = row_company(&r);
    check_received(x, &r, &k);
    check_line(&r, ci, &k);
    check_withdrawn(&r, &k);
    int dates_ok = optional_date(&r, C_TRANSFERRED, &k.transferred) == 0;
    dates_ok &= optional_date(&r, C_RESPONDED, &k.responded) == 0;
    check_order(&r, &k, dates_ok);
    ing_check_fields(&r);
    for (int d = 0; d < ING_DIM_COUNT; d++)
        k.category[d] = x->cols[C_CHANNEL + d].idx >= 0 ? ing_val(&r, C_CHANNEL + d) : NULL;
    if (ci >= 0) {
        x->c->has_cases[ci] = 1;
        if (!x->first[ci])
            x->first[ci] = rec->line;
        k.company = (size_t)ci;
        if (x->rows_d.errors == errors && x->tally && x->status == CES_OK)
            x->status = ing_tally_add(x->tally, &k);
    }
    return x->status == CES_OK ? 0 : -1;
}

/* "case_id\tcode\t\treceived_date...": the canonical column of each field
 * of the header, empty for a field ignored (ces_input_file.header). The
 * name column, which is only checked, is not written: the text stays what
 * engines that ignored it wrote, and an archived list read again is not
 * checked against a companies.csv that was. */
static char *header_text(const cases_ctx *x, size_t n)
{
    size_t len = 1;
    for (int j = 0; j < C_N; j++)
        len += strlen(x->cols[j].name) + 1;
    char *t = malloc(len + n);
    if (!t)
        return NULL;
    t[0] = '\0';
    for (size_t i = 0; i < n; i++) {
        if (i)
            strcat(t, "\t");
        for (int j = 0; j < C_NAME; j++)
            if (x->cols[j].idx == (int)i)
                strcat(t, x->cols[j].name);
    }
    return t;
}

/* The header mapped as the import mapped it (every field in place). */
static int map_stored(cases_ctx *x, const ing_record *rec)
{
    /* rec: the header's copy (on_header), which the columns' header names point into */
    size_t n = 1;
    for (const char *p = x->stored; *p; p++)
        n += *p == '\t';
    if (n != rec->n) {
        ces_diag_add(&x->rows_d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), rec->line, NULL, NULL,
                     "the header has %zu fields, the import read %zu", rec->n, n);
        return -1;
    }
    for (int j = 0; j < C_N; j++) {
        size_t len = strlen(x->cols[j].name), i = 0;
        x->cols[j].idx = -1;
        for (const char *p = x->stored; x->cols[j].idx < 0; p = strchr(p, '\t') + 1, i++) {
            if (!strncmp(p, x->cols[j].name, len) && (p[len] == '\t' || !p[len]))
                x->cols[j].idx = (int)i;
            if (!strchr(p, '\t'))
                break;
        }
        x->cols[j].header = x->cols[j].idx >= 0 ? ing_cell(rec, x->cols[j].idx) : NULL;
        if (x->cols[j].required && x->cols[j].idx < 0) {
            ces_diag_add(&x->rows_d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), rec->line,
                         x->cols[j].name, NULL, "missing required column");
            return -1;
        }
    }
    return 0;
}

static int on_header(void *ctx, const ing_record *rec)
{
    cases_ctx *x = ctx;
    ces_input_file *f = &x->c->ds->files[CES_FILE_CASES];
    x->rows.header_n[CES_FILE_CASES] = rec->n; /* fields of the header */
    free(x->rows.headers[CES_FILE_CASES]);
    x->rows.headers[CES_FILE_CASES] = NULL;
    if (ing_record_copy(rec, &x->rows.header[CES_FILE_CASES], &x->rows.headers[CES_FILE_CASES]) != 0) {
        x->status = CES_ERR_NOMEM;
        return -1;
    }
    rec = &x->rows.header[CES_FILE_CASES];
    if (x->stored) {
        x->usable = map_stored(x, rec) == 0;
        return x->usable ? 0 : -1;
    }
    x->usable = ing_header_map(rec, CES_FILE_CASES, x->c->aliases, x->cols, C_N, &x->rows_d) == 0;
    free(f->header);
    f->header = x->usable ? header_text(x, rec->n) : NULL;
    if (x->usable && !f->header)
        x->status = CES_ERR_NOMEM;
    return x->usable && f->header ? 0 : -1;
}

static void on_restart(void *ctx)
{
    cases_ctx *x = ctx;
    ces_diags_free(&x->rows_d);
    ces_diags_init(&x->rows_d);
    x->row = 0;
    if (x->tally)
        ing_tally_reset(x->tally);
    ing_dupes_reset(x->dupes);
    memset(x->rows.mess[CES_FILE_CASES], 0, sizeof x->rows.mess[CES_FILE_CASES]);
    memset(x->c->has_cases, 0, x->c->ds->n_companies);
    memset(x->first, 0, x->c->ds->n_companies * sizeof *x->first);
}

/* ---- repeated case_ids, confirmed ---- */

typedef struct {
    long line;
    char *id;
} line_id;

typedef struct {
    line_id *want; /* sorted by line */
    size_t n;
    int col;
    int nomem;
} capture_ctx;

static int cmp_line_id(const void *a, const void *b)
{
    const line_id *x = a, *y = b;
    return (x->line > y->line) - (x->line < y->line);
}

static int capture_header(void *ctx, const ing_record *rec)
{
    (void)ctx;
    (void)rec;
    return 0;
}

static int capture_row(void *ctx, const ing_record *rec)
{
    capture_ctx *k = ctx;
    line_id key = {rec->line, NULL};
    line_id *hit = bsearch(&key, k->want, k->n, sizeof key, cmp_line_id);
    if (hit && !hit->id && !(hit->id = strdup(ing_cell(rec, k->col))))
        k->nomem = 1;
    return k->nomem ? -1 : 0;
}

static const char *id_at(const capture_ctx *k, long line)
{
    line_id key = {line, NULL};
    const line_id *hit = bsearch(&key, k->want, k->n, sizeof key, cmp_line_id);
    return hit ? hit->id : NULL;
}

/* The rows of the candidates read again; each whose id equals its first
 * row's is an error. */
static ces_status confirm(cases_ctx *x, const ces_byte_source *src, const ing_dup_pair *p, size_t n)
{
    capture_ctx k = {calloc(2 * n, sizeof(line_id)), 0, x->cols[C_ID].idx, 0};
    if (!k.want)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        k.want[k.n++].line = p[i].line;
        k.want[k.n++].line = p[i].first;
    }
    qsort(k.want, k.n, sizeof *k.want, cmp_line_id);
    size_t u = 0;
    for (size_t i = 0; i < k.n; i++)
        if (!u || k.want[u - 1].line != k.want[i].line)
            k.want[u++] = k.want[i];
    k.n = u;
    ing_stream_fns fns = {capture_header, capture_row, NULL, &k, NULL, NULL};
    ing_stream_info info;
    ces_diags quiet;
    ces_diags_init(&quiet);
    ces_status st = ing_stream_read(src, ces_file_name(CES_FILE_CASES), &fns, &info, &quiet);
    ces_diags_free(&quiet);
    if (st == CES_OK && k.nomem)
        st = CES_ERR_NOMEM;
    for (size_t i = 0; st == CES_OK && i < n; i++) {
        const char *a = id_at(&k, p[i].line), *b = id_at(&k, p[i].first);
        ces_diag_col col = ing_diag_col(x->cols, C_ID);
        if (a && b && !strcmp(a, b))
            ces_diag_add_col(&x->rows_d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), p[i].line, &col,
                             a, "%s appears more than once (first on line %ld)", a, p[i].first);
    }
    for (size_t i = 0; i < k.n; i++)
        free(k.want[i].id);
    free(k.want);
    return st;
}

static ces_status check_repeated(cases_ctx *x, const ces_byte_source *src)
{
    ing_dup_pair *pairs = NULL;
    size_t n = 0, more = 0;
    ces_status st = ing_dupes_finish(x->dupes, &pairs, &n, &more);
    if (st == CES_OK && n)
        st = confirm(x, src, pairs, n);
    if (st == CES_OK && more)
        ces_diag_add(&x->rows_d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), 0, "case_id", NULL,
                     "%zu more rows repeat the case_id of an earlier row", more);
    free(pairs);
    return st;
}

/* ---- the file as a whole ---- */

/* A company's complaints come from one file: a code with cases and a row
 * of complaints.csv is an error, on its first case (in line order). */
typedef struct {
    long first;
    size_t row;
} both_row;

static int cmp_both(const void *a, const void *b)
{
    const both_row *x = a, *y = b;
    return (x->first > y->first) - (x->first < y->first);
}

static ces_status check_both_files(cases_ctx *x)
{
    const ces_dataset *ds = x->c->ds;
    both_row *both = calloc(ds->n_complaints ? ds->n_complaints : 1, sizeof *both);
    size_t n = 0;
    if (!both)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < ds->n_complaints; i++) {
        long ci = ces_code_index_find(&x->c->co_index, ds->complaints[i].code);
        if (ci >= 0 && x->first[ci])
            both[n++] = (both_row){x->first[ci], i};
    }
    qsort(both, n, sizeof *both, cmp_both);
    for (size_t i = 0; i < n; i++) {
        const ces_complaints_row *r = &ds->complaints[both[i].row];
        ces_diag_col col = ing_diag_col(x->cols, C_CODE);
        ces_diag_add_col(
            &x->rows_d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), both[i].first, &col, r->code,
            "%s also has a row in complaints.csv (line %ld); a company's complaints come from "
            "one of the two files",
            r->code, r->line);
    }
    free(both);
    return CES_OK;
}

/* The calendar must have the period's year; without it no deadline can be
 * counted (never guessed from the weekdays). */
static ces_status start_tally(cases_ctx *x)
{
    const ing_ctx *c = x->c;
    const ces_calendar *cal = c->cfg->calendar;
    int year = c->ds->period.year;
    if (!cal) {
        ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), 0, NULL, NULL,
                     "no working-day calendar was given, deadlines cannot be counted");
        return CES_OK;
    }
    if (!ces_calendar_has_year(cal, year)) {
        char y[16];
        snprintf(y, sizeof y, "%d", year);
        ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), 0, NULL, y,
                     "the working-day calendar has no year %d: add %s/%d.json (the days off and make-up "
                     "working days of the State Council's notice for %d)",
                     year, cal->source ? cal->source : "config/calendar", year, year);
        return CES_OK;
    }
    return ing_tally_new(c->ds->period, c->cfg->response_working_days, cal, c->ds->n_companies,
                         &x->tally);
}

static ces_status read_all(cases_ctx *x, const ces_byte_source *src)
{
    ing_ctx *c = x->c;
    ces_input_file *f = &c->ds->files[CES_FILE_CASES];
    ing_stream_fns fns = {on_header, on_row, on_restart, x, c->progress, c->progress_ctx};
    ing_stream_info info;
    ces_status st = ing_stream_read(src, ces_file_name(CES_FILE_CASES), &fns, &info, c->d);
    if (st == CES_OK && x->status != CES_OK)
        st = x->status;
    if (st == CES_ERR_INVALID || (st == CES_OK && !x->usable)) {
        /* unreadable: that error alone (an unusable header: its own errors) */
        if (st == CES_OK)
            ces_diags_append(c->d, &x->rows_d);
        return CES_OK;
    }
    if (st != CES_OK)
        return st;
    memcpy(f->sha256, info.sha256, sizeof f->sha256);
    memcpy(f->encoding, info.encoding, sizeof f->encoding);
    f->len = (size_t)info.len;
    f->rows = info.rows;
    c->cases_usable = 1;
    st = check_repeated(x, src);
    if (st == CES_OK)
        st = check_both_files(x);
    if (st == CES_OK && x->tally)
        st = ing_tally_output(x->tally, c->ds, &c->ds->cases, &x->rows_d);
    ing_report_mess(&x->rows, CES_FILE_CASES);
    ces_diags_append(c->d, &x->rows_d);
    return st;
}

ces_status ing_read_cases(ing_ctx *c, const ces_byte_source *src)
{
    cases_ctx x = {.c = c, .rows = *c, .stored = c->ds->files[CES_FILE_CASES].header};
    ces_diags_init(&x.rows_d);
    x.rows.d = &x.rows_d;
    /* the hints' indexes and the header copy are the copy's own */
    memset(&x.rows.folded_codes, 0, sizeof x.rows.folded_codes);
    memset(&x.rows.names, 0, sizeof x.rows.names);
    x.rows.hints_built = 0;
    x.rows.headers[CES_FILE_CASES] = NULL;
    memset(x.rows.mess[CES_FILE_CASES], 0, sizeof x.rows.mess[CES_FILE_CASES]);
    memcpy(x.cols, cases_cols, sizeof x.cols);
    x.window[0] = ces_period_start(c->ds->period);
    x.window[1] = ces_period_end(c->ds->period);
    ces_case_data_free(&c->ds->cases);
    free(c->has_cases);
    c->has_cases = calloc(c->ds->n_companies ? c->ds->n_companies : 1, 1);
    x.first = calloc(c->ds->n_companies ? c->ds->n_companies : 1, sizeof *x.first);
    ces_status st = c->has_cases && x.first ? ing_dupes_new(&x.dupes) : CES_ERR_NOMEM;
    if (st == CES_OK)
        st = start_tally(&x);
    if (st == CES_OK)
        st = read_all(&x, src);
    ing_tally_free(x.tally);
    ing_dupes_free(x.dupes);
    free(x.first);
    free(x.rows.headers[CES_FILE_CASES]);
    ces_code_index_free(&x.rows.folded_codes);
    ces_code_index_free(&x.rows.names);
    ces_diags_free(&x.rows_d);
    return st;
}

void ing_parse_cases(ing_ctx *c)
{
    ces_input_file *f = &c->ds->files[CES_FILE_CASES];
    ces_file_source fs = {-1};
    ces_mem_source ms;
    ces_byte_source src;
    ces_status st = CES_OK;
    int err = 0;
    if (!f->present)
        return;
    if (f->bytes || !f->path)
        ces_mem_source_init(&ms, f->bytes, f->len, &src);
    else
        st = ces_file_source_open(f->path, &fs, &src, &err);
    if (st == CES_OK)
        st = ing_read_cases(c, &src);
    else
        ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), 0, NULL, f->path,
                     "cannot read %s: %s", f->path, strerror(err));
    ces_file_source_close(&fs);
    if (st == CES_ERR_NOMEM || st == CES_ERR_INTERNAL)
        c->nomem = 1;
    else if (st == CES_ERR_IO)
        ces_diag_add(c->d, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), 0, NULL, f->path,
                     "cannot read %s: %s", f->path ? f->path : "cases.csv", strerror(errno));
}

/* ---- an archived import's cases.csv ---- */

/* What the checks need of companies, from the dataset's rows. */
static ces_status context_of(ing_ctx *c, ces_dataset *ds)
{
    size_t n = ds->n_companies;
    long first;
    int bad = !(c->co = calloc(n ? n : 1, sizeof *c->co));
    for (size_t i = 0; i < n && !bad; i++) {
        c->co[i] = (ing_company_info){(int)ds->companies[i].group, (int)ds->companies[i].org_type,
                                      ds->companies[i].open_date};
        bad = ces_code_index_add(&c->co_index, ds->companies[i].code, (long)i, &first) != 0;
    }
    c->usable[CES_FILE_COMPANIES] = 1;
    return bad ? CES_ERR_NOMEM : CES_OK;
}

ces_status ces_ingest_cases(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                            const ces_byte_source *src, ces_progress_fn progress, void *progress_ctx,
                            ces_diags *diags)
{
    ing_ctx c = {.ds = ds,
                 .cfg = cfg,
                 .aliases = cols,
                 .d = diags,
                 .progress = progress,
                 .progress_ctx = progress_ctx};
    char stored[65];
    size_t errors = diags->errors;
    memcpy(stored, ds->files[CES_FILE_CASES].sha256, sizeof stored);
    ces_status st = context_of(&c, ds);
    if (st == CES_OK)
        st = ing_read_cases(&c, src);
    if (st == CES_OK && stored[0] && strcmp(stored, ds->files[CES_FILE_CASES].sha256))
        ces_diag_add(diags, CES_DIAG_ERROR, ces_file_name(CES_FILE_CASES), 0, NULL, NULL,
                     "the bytes read (sha256 %s) are not the file imported (sha256 %s)",
                     ds->files[CES_FILE_CASES].sha256, stored);
    ces_code_index_free(&c.co_index);
    ces_code_index_free(&c.folded_codes);
    ces_code_index_free(&c.names);
    free(c.co);
    free(c.has_cases);
    if (st == CES_OK && diags->errors > errors)
        st = CES_ERR_INVALID;
    if (st != CES_OK)
        ces_case_data_free(&ds->cases);
    return st;
}
