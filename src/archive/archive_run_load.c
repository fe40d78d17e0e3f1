/* archive: loading a stored run back into ces_results, and the prior-period
 * figures a later period's change rate reads. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_audit.h"
#include "archive_canon.h"
#include "archive_db.h"
#include "archive_import.h"
#include "archive_records.h"
#include "cescore/archive.h"
#include "cescore/i18n.h"

/* a prior source id ("none", "prior.csv", "archive") -> enum; -1 when unknown */
static int prior_source_parse(const char *s)
{
    for (int k = CES_PRIOR_SOURCE_NONE; s && k <= CES_PRIOR_SOURCE_ARCHIVE; k++) {
        const char *id = ces_prior_source_id((ces_prior_source)k);
        if (id && !strcmp(id, s))
            return k;
    }
    return -1;
}

/* A period's run when none is named: its finalized (published) run, else its latest. */
#define DEFAULT_RUN_SQL                                                                                 \
    "SELECT COALESCE((SELECT run_id FROM finalizations WHERE period = ?1 ORDER BY id DESC"              \
    " LIMIT 1), (SELECT id FROM runs WHERE period = ?1 ORDER BY id DESC LIMIT 1))"

/* The runs row of a run (fill_run_row), whether a finalization names it and
 * whether an approving review does. */
#define RUN_ROW_SQL                                                                                     \
    "SELECT id, import_id, period, time, operator, engine_version, config_name, config_sha256,"         \
    " config_text, prior_source, prior_run_id, prior_period, industry_mediation, hash,"                 \
    " EXISTS (SELECT 1 FROM finalizations f WHERE f.run_id = runs.id),"                                 \
    " EXISTS (SELECT 1 FROM reviews v WHERE v.run_id = runs.id AND v.outcome = 'approved'),"            \
    " (SELECT chain_pos FROM finalizations f WHERE f.run_id = runs.id ORDER BY f.id LIMIT 1),"          \
    " (SELECT hash FROM finalizations f WHERE f.run_id = runs.id ORDER BY f.id LIMIT 1)"                \
    " FROM runs WHERE id = ?2"

/* runs: "run N does not exist", "period P has no run" */
static const arch_entry_kind RUN_KIND = {N_("run"), N_("run"), DEFAULT_RUN_SQL,
                                         "SELECT period FROM runs WHERE id = ?2"};

/* ---- the runs row ---- */

/* arch_row_fn: the runs row into the ces_stored_run ctx */
static ces_status fill_run_row(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    ces_stored_run *out = ctx;
    int oom = 0;
    ces_results *r = &out->results;
    out->run_id = (long)sqlite3_column_int64(st, 0);
    out->import_id = (long)sqlite3_column_int64(st, 1);
    arch_col_copy(st, 2, out->period, sizeof out->period);
    out->time = arch_col_strdup(st, 3, &oom);
    out->operator_name = arch_col_strdup(st, 4, &oom);
    out->engine_version = arch_col_strdup(st, 5, &oom);
    out->config_name = arch_col_strdup(st, 6, &oom);
    out->config_sha256 = arch_col_strdup(st, 7, &oom);
    out->config_text = arch_col_blobdup(st, 8, &out->config_len, &oom);
    int src = prior_source_parse((const char *)sqlite3_column_text(st, 9));
    r->prior_run_id = (long)sqlite3_column_int64(st, 10); /* NULL -> 0 */
    arch_col_copy(st, 11, r->prior_period, sizeof r->prior_period);
    r->has_industry_mediation = sqlite3_column_type(st, 12) != SQLITE_NULL;
    r->industry_mediation = r->has_industry_mediation ? sqlite3_column_double(st, 12) : 0.0;
    out->hash = arch_col_strdup(st, 13, &oom);
    out->status = sqlite3_column_int(st, 14)   ? CES_RUN_FINAL
                  : sqlite3_column_int(st, 15) ? CES_RUN_REVIEWED
                                               : CES_RUN_DRAFT;
    out->finalization_pos = (long)sqlite3_column_int64(st, 16); /* NULL -> 0 */
    arch_col_copy(st, 17, out->finalization_hash, sizeof out->finalization_hash);
    if (oom)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    if (src < 0 || ces_period_parse(out->period, &r->period) != 0)
        return arch_fail(a, CES_ERR_INTERNAL, "run %ld has a malformed prior source or period",
                         out->run_id);
    r->prior_source = (ces_prior_source)src;
    return CES_OK;
}

/* What the row functions of a run's figures need besides the row. */
typedef struct {
    long run_id;
    ces_results *r;
} run_ctx;

/* ---- groups ---- */

/* Column of the benchmark's indicator in load_groups' rows: after the
 * group's id and its fields. */
#define BENCHMARK_COL (1 + (int)CES_REC_GROUP_RESULT.n)

/* arch_row_fn: a run_groups row joined with one of its benchmarks */
static ces_status read_group(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    run_ctx *x = ctx;
    int g = ces_group_parse((const char *)sqlite3_column_text(st, 0));
    int i = sqlite3_column_type(st, BENCHMARK_COL) == SQLITE_NULL
                ? -2
                : ces_ind_parse((const char *)sqlite3_column_text(st, BENCHMARK_COL));
    if (g < 0 || i == -1)
        return arch_fail(a, CES_ERR_INTERNAL, "run %ld has an unknown group or indicator", x->run_id);
    ces_group_result *gr = &x->r->groups[g];
    ces_status res = arch_rec_fill(a, st, 1, &CES_REC_GROUP_RESULT, gr);
    if (res == CES_OK && i >= 0) {
        gr->has_benchmark[i] = sqlite3_column_int(st, BENCHMARK_COL + 1);
        gr->benchmark[i] = arch_col_double(st, BENCHMARK_COL + 2);
    }
    return res;
}

/* Every group of the run with its benchmarks. */
static ces_status load_groups(ces_archive *a, run_ctx *x)
{
    ces_buf sql = {0};
    ces_buf_printf(&sql, "SELECT g.grp, ");
    arch_rec_columns(&sql, &CES_REC_GROUP_RESULT, "g.");
    ces_buf_printf(&sql,
                   ", b.indicator, b.has_benchmark, b.benchmark FROM run_groups g"
                   " LEFT JOIN run_benchmarks b ON b.run_id = g.run_id AND b.grp = g.grp"
                   " WHERE g.run_id = ?2");
    return arch_rec_each_row(a, &sql, x->run_id, read_group, x);
}

/* ---- companies ---- */

/* Index of the company at a stored position (positions are 0..n-1). */
static ces_company_result *at_position(ces_results *r, sqlite3_int64 pos)
{
    return pos >= 0 && (size_t)pos < r->n_companies ? &r->companies[pos] : NULL;
}

static ces_status add_child(ces_archive *a, ces_company_result *c, sqlite3_stmt *st, int col)
{
    char **grown = realloc(c->children, (c->n_children + 1) * sizeof *grown);
    if (!grown)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    c->children = grown;
    int oom = 0;
    c->children[c->n_children] = arch_col_strdup(st, col, &oom);
    if (oom)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    c->n_children++;
    return CES_OK;
}

/* arch_row_fn: a run_children row appended to its company */
static ces_status read_child(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    run_ctx *x = ctx;
    ces_company_result *c = at_position(x->r, sqlite3_column_int64(st, 0));
    return c ? add_child(a, c, st, 1)
             : arch_fail(a, CES_ERR_INTERNAL, "run %ld: child of an unknown company", x->run_id);
}

/* The children of every company, in position order. */
static ces_status load_children(ces_archive *a, run_ctx *x)
{
    return arch_each_row(a,
                         "SELECT c.position, ch.child_code FROM run_children ch JOIN run_companies c"
                         " ON c.run_id = ch.run_id AND c.code = ch.company_code"
                         " WHERE ch.run_id = ?2 ORDER BY c.position, ch.position",
                         NULL, x->run_id, read_child, x);
}

/* arch_row_fn: a run_indicators row into its company's indicator */
static ces_status read_indicator(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    run_ctx *x = ctx;
    ces_company_result *c = at_position(x->r, sqlite3_column_int64(st, 0));
    int i = ces_ind_parse((const char *)sqlite3_column_text(st, 1));
    if (!c || i < 0)
        return arch_fail(a, CES_ERR_INTERNAL, "run %ld has an unknown indicator row", x->run_id);
    return arch_rec_fill(a, st, 2, &CES_REC_IND_RESULT, &c->ind[i]);
}

/* Every indicator of every company. */
static ces_status load_indicators(ces_archive *a, run_ctx *x)
{
    ces_buf sql = {0};
    ces_buf_printf(&sql, "SELECT c.position, i.indicator, ");
    arch_rec_columns(&sql, &CES_REC_IND_RESULT, "i.");
    ces_buf_printf(&sql,
                   " FROM run_indicators i JOIN run_companies c"
                   " ON c.run_id = i.run_id AND c.code = i.company_code WHERE i.run_id = ?2");
    return arch_rec_each_row(a, &sql, x->run_id, read_indicator, x);
}

/* Schema v5: the run's indicator lines, read chunk by chunk: each
 * "POSITION ID VALUE ..." (arch_canon_indicator_values), in position then
 * indicator order; an indicator without a line stays zeroed. */
typedef struct {
    long run_id;
    ces_results *r;
    size_t line;  /* lines read so far */
    ces_buf text; /* the chunk, NUL-terminated */
} chunk_ctx;

static ces_status malformed_chunk(ces_archive *a, const chunk_ctx *x)
{
    return arch_fail(a, CES_ERR_INTERNAL, "run %ld has a malformed indicator line %zu", x->run_id,
                     x->line + 1);
}

/* One indicator line at *p into its company's indicator. */
static ces_status read_indicator_line(ces_archive *a, chunk_ctx *x, const char **p)
{
    char *end, id[64];
    unsigned long long pos = strtoull(*p, &end, 10);
    size_t n = 0;
    if (end == *p || *end != ' ' || pos >= x->r->n_companies)
        return malformed_chunk(a, x);
    for (*p = end + 1; (*p)[n] && (*p)[n] != ' ' && (*p)[n] != '\n' && n + 1 < sizeof id; n++)
        id[n] = (*p)[n];
    id[n] = '\0';
    *p += n;
    int i = ces_ind_parse(id);
    if (i < 0 || arch_canon_read_values(p, &CES_REC_IND_RESULT, &x->r->companies[pos].ind[i]) ||
        **p != '\n')
        return malformed_chunk(a, x);
    (*p)++;
    x->line++;
    return CES_OK;
}

/* arch_row_fn: a run_indicator_chunks row, its lines read */
static ces_status read_chunk(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    chunk_ctx *x = ctx;
    x->text.len = 0;
    ces_buf_raw(&x->text, "", 0);
    ces_buf_raw(&x->text, sqlite3_column_blob(st, 0), (size_t)sqlite3_column_bytes(st, 0));
    if (x->text.oom)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    const char *p = x->text.p, *end = x->text.p + x->text.len;
    ces_status res = CES_OK;
    while (res == CES_OK && p < end)
        res = read_indicator_line(a, x, &p);
    return res;
}

/* Every indicator of every company: from the run's chunks (schema v5), else
 * (a run stored before v5) from its run_indicators rows. */
static ces_status load_indicators_any(ces_archive *a, run_ctx *rx)
{
    long chunks = 0;
    ces_status st = arch_query_long(a, "SELECT count(*) FROM run_indicator_chunks WHERE run_id = ?2",
                                    NULL, rx->run_id, 0, &chunks);
    if (st != CES_OK || !chunks)
        return st == CES_OK ? load_indicators(a, rx) : st;
    chunk_ctx x = {rx->run_id, rx->r, 0, {0}};
    st = arch_each_row(a, "SELECT bytes FROM run_indicator_chunks WHERE run_id = ?2 ORDER BY seq", NULL,
                       rx->run_id, read_chunk, &x);
    ces_buf_free(&x.text);
    return st;
}

/* Every figure of run_id (its runs row already in out->results). */
static ces_status load_figures(ces_archive *a, long run_id, ces_results *r)
{
    run_ctx x = {run_id, r};
    ces_status st = load_groups(a, &x);
    r->companies = arch_rec_load_array(a, &CES_REC_COMPANY_RESULT, &ARCH_BY_RUN_POSITION, NULL, run_id,
                                       &r->n_companies, &st);
    if (st == CES_OK)
        st = load_children(a, &x);
    if (st == CES_OK)
        st = load_indicators_any(a, &x);
    r->excluded = arch_rec_load_array(a, &CES_REC_EXCLUDED, &ARCH_BY_RUN_POSITION, NULL, run_id,
                                      &r->n_excluded, &st);
    r->case_counts = arch_rec_load_array(a, &CES_REC_CASE_SUMMARY, &ARCH_BY_RUN_POSITION, NULL, run_id,
                                         &r->n_case_counts, &st);
    r->overdue_cases = arch_rec_load_array(a, &CES_REC_CASE_OVERDUE, &ARCH_BY_RUN_POSITION, NULL, run_id,
                                           &r->n_overdue_cases, &st);
    r->case_categories = arch_rec_load_array(a, &CES_REC_CASE_CATEGORY, &ARCH_BY_RUN_POSITION, NULL,
                                             run_id, &r->n_case_categories, &st);
    return st;
}

/* arch_row_fn: a run_calendars row into the ces_stored_run ctx */
static ces_status fill_calendar(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    ces_stored_run *out = ctx;
    int oom = 0;
    out->calendar_sha256 = arch_col_strdup(st, 0, &oom);
    out->calendar_text = arch_col_blobdup(st, 1, &out->calendar_len, &oom);
    return oom ? arch_fail(a, CES_ERR_NOMEM, "out of memory") : CES_OK;
}

/* The calendar of a case-level run (schema v3); none for any other. */
static ces_status load_calendar(ces_archive *a, long run_id, ces_stored_run *out)
{
    int found = 0;
    return arch_query_row(a, "SELECT sha256, text FROM run_calendars WHERE run_id = ?2", NULL, run_id,
                          fill_calendar, out, &found);
}

/* A stored run, with its figures unless figures is 0. */
static ces_status load_run(ces_archive *a, const char *period, long run_id, int figures,
                           ces_stored_run *out)
{
    memset(out, 0, sizeof *out);
    char p[8];
    ces_status st = arch_resolve_entry(a, &RUN_KIND, period, run_id, &run_id, p);
    if (st == CES_OK)
        st = arch_query_run(a, RUN_ROW_SQL, run_id, fill_run_row, out); /* none: CES_ERR_INVALID */
    if (st == CES_OK && figures)
        st = load_figures(a, run_id, &out->results);
    if (st == CES_OK)
        st = load_calendar(a, run_id, out);
    if (st == CES_OK)
        st = arch_load_files(a, out->import_id, out->files, 0);
    if (st != CES_OK)
        ces_stored_run_free(out);
    return st;
}

ces_status ces_archive_load_run(ces_archive *a, const char *period, long run_id, ces_stored_run *out)
{
    return load_run(a, period, run_id, 1, out);
}

ces_status ces_archive_load_run_head(ces_archive *a, const char *period, long run_id,
                                     ces_stored_run *out)
{
    return load_run(a, period, run_id, 0, out);
}

void ces_stored_run_free(ces_stored_run *r)
{
    if (!r)
        return;
    free(r->time);
    free(r->operator_name);
    free(r->engine_version);
    free(r->config_name);
    free(r->config_sha256);
    free(r->config_text);
    free(r->calendar_sha256);
    free(r->calendar_text);
    free(r->hash);
    ces_results_free(&r->results);
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        free(r->files[k].bytes);
        free(r->files[k].header);
    }
    memset(r, 0, sizeof *r);
}

/* ---- prior-period figures ---- */

ces_status ces_archive_prior_figures(ces_archive *a, const char *period, ces_prior_archive *out,
                                     int *found)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    long run_id = 0;
    ces_status st = arch_query_long(a, DEFAULT_RUN_SQL, period, 0, 0, &run_id);
    if (st != CES_OK || !run_id)
        return st;
    out->run_id = run_id;
    snprintf(out->period, sizeof out->period, "%s", period);
    return arch_load_prior_rows(a, &ARCH_RUN_FIGURES, run_id, out, found);
}

void ces_prior_archive_free(ces_prior_archive *p)
{
    if (!p)
        return;
    for (size_t i = 0; i < p->n; i++)
        free((char *)p->rows[i].code);
    free((void *)p->rows);
    memset(p, 0, sizeof *p);
}
