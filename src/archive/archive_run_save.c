/* archive: storing a run: its metadata row (chained by hash) and every figure. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_canon.h"
#include "archive_chunks.h"
#include "archive_db.h"
#include "archive_import.h"
#include "archive_records.h"
#include "archive_run_save.h"

#include "cescore/sha256.h"

/* run_groups (fields of the group record) and run_benchmarks, both groups */
static ces_status insert_groups(ces_archive *a, long run_id, const ces_results *r)
{
    sqlite3_stmt *g, *b = NULL;
    ces_status res = arch_rec_prepare_insert(a, &CES_REC_GROUP_RESULT, "run_id, grp", &g);
    if (res == CES_OK)
        res = arch_prepare(
            a,
            "INSERT INTO run_benchmarks (run_id, grp, indicator, has_benchmark, benchmark)"
            " VALUES (?1, ?2, ?3, ?4, ?5)",
            &b);
    for (int k = 0; res == CES_OK && k < CES_GROUP_COUNT; k++) {
        const ces_group_result *gr = &r->groups[k];
        const char *gid = ces_group_id((ces_group)k);
        sqlite3_bind_int64(g, 1, run_id);
        arch_bind_text(g, 2, gid);
        arch_rec_bind(g, 3, &CES_REC_GROUP_RESULT, gr);
        res = arch_exec_stmt(a, g);
        for (int i = 0; res == CES_OK && i < CES_IND_COUNT; i++) {
            sqlite3_bind_int64(b, 1, run_id);
            arch_bind_text(b, 2, gid);
            arch_bind_text(b, 3, ces_ind_id((ces_ind)i));
            sqlite3_bind_int(b, 4, gr->has_benchmark[i]);
            arch_bind_double(b, 5, gr->benchmark[i]);
            res = arch_exec_stmt(a, b);
        }
    }
    sqlite3_finalize(g);
    sqlite3_finalize(b);
    return res;
}

typedef struct {
    sqlite3_stmt *company, *child;
} company_stmts;

static ces_status insert_company(ces_archive *a, const company_stmts *s, long run_id, size_t pos,
                                 const ces_company_result *c)
{
    sqlite3_stmt *st = s->company;
    sqlite3_bind_int64(st, 1, run_id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)pos);
    arch_rec_bind(st, 3, &CES_REC_COMPANY_RESULT, c);
    ces_status res = arch_exec_stmt(a, st);
    for (size_t k = 0; res == CES_OK && k < c->n_children; k++) {
        sqlite3_bind_int64(s->child, 1, run_id);
        arch_bind_text(s->child, 2, c->code);
        sqlite3_bind_int64(s->child, 3, (sqlite3_int64)k);
        arch_bind_text(s->child, 4, c->children[k]);
        res = arch_exec_stmt(a, s->child);
    }
    return res;
}

/* run_companies with each company's run_children (schema v5: its
 * indicators are in run_indicator_chunks, written with the text) */
static ces_status insert_companies(ces_archive *a, long run_id, const ces_results *r)
{
    company_stmts s = {0};
    ces_status res = arch_rec_prepare_insert(a, &CES_REC_COMPANY_RESULT, ARCH_BY_RUN_POSITION.keys,
                                             &s.company);
    if (res == CES_OK)
        res = arch_prepare(a,
                           "INSERT INTO run_children (run_id, company_code, position, child_code)"
                           " VALUES (?1, ?2, ?3, ?4)",
                           &s.child);
    for (size_t i = 0; res == CES_OK && i < r->n_companies; i++)
        res = insert_company(a, &s, run_id, i, &r->companies[i]);
    sqlite3_finalize(s.company);
    sqlite3_finalize(s.child);
    return res;
}

/* Schema v2: the prior-period figures the run used, as ces_archive_prior_figures
 * gave them (the prior run's run_companies, in position order). */
static ces_status insert_prior_figures(ces_archive *a, long run_id, const ces_results *r)
{
    if (r->prior_source != CES_PRIOR_SOURCE_ARCHIVE || !r->prior_run_id)
        return CES_OK;
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a,
        "INSERT INTO run_prior_figures (run_id, position, code, complaints_total, premium_wan)"
        " SELECT ?1, position, code, complaints_total, premium_wan FROM run_companies"
        " WHERE run_id = ?2 ORDER BY position",
        &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, run_id);
    sqlite3_bind_int64(st, 2, r->prior_run_id);
    res = arch_exec_stmt(a, st);
    sqlite3_finalize(st);
    return res;
}

/* Schema v3: what the run made of cases.csv (docs/method.md §6.6). */
static ces_status insert_cases(ces_archive *a, long run_id, const ces_results *r)
{
    ces_status st = arch_rec_insert_array(a, &CES_REC_CASE_SUMMARY, &ARCH_BY_RUN_POSITION, run_id,
                                          r->case_counts, r->n_case_counts);
    if (st == CES_OK)
        st = arch_rec_insert_array(a, &CES_REC_CASE_OVERDUE, &ARCH_BY_RUN_POSITION, run_id,
                                   r->overdue_cases, r->n_overdue_cases);
    if (st == CES_OK)
        st = arch_rec_insert_array(a, &CES_REC_CASE_CATEGORY, &ARCH_BY_RUN_POSITION, run_id,
                                   r->case_categories, r->n_case_categories);
    return st;
}

ces_status arch_insert_run_figures(ces_archive *a, long run_id, const ces_results *r)
{
    ces_status st = insert_groups(a, run_id, r);
    if (st == CES_OK)
        st = insert_companies(a, run_id, r);
    if (st == CES_OK)
        st = arch_rec_insert_array(a, &CES_REC_EXCLUDED, &ARCH_BY_RUN_POSITION, run_id, r->excluded,
                                   r->n_excluded);
    if (st == CES_OK)
        st = insert_prior_figures(a, run_id, r);
    if (st == CES_OK)
        st = insert_cases(a, run_id, r);
    return st;
}

/* Schema v3: the working-day calendar a case-level run counted on. */
static ces_status insert_calendar(ces_archive *a, long run_id, const ces_calendar *cal, const char *sha)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a, "INSERT INTO run_calendars (run_id, sha256, text) VALUES (?1, ?2, ?3)", &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, run_id);
    arch_bind_text(st, 2, sha);
    sqlite3_bind_blob64(st, 3, cal->text ? cal->text : "", cal->text ? cal->text_len : 0, SQLITE_STATIC);
    res = arch_exec_stmt(a, st);
    sqlite3_finalize(st);
    return res;
}

/* ---- the runs row ---- */

typedef struct {
    const char *text;
    size_t len;
} config_blob;

static ces_status insert_run_row(ces_archive *a, const arch_run_meta *m, config_blob cfg,
                                 const ces_results *r, long chain_pos, const char *prev,
                                 const char *hash)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a,
        "INSERT INTO runs (id, import_id, period, time, operator, engine_version, config_name,"
        " config_sha256, config_text, prior_source, prior_run_id, prior_period,"
        " industry_mediation, chain_pos, prev_hash, hash)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)",
        &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_int64(st, 2, m->import_id);
    arch_bind_text(st, 3, m->period);
    arch_bind_text(st, 4, m->time);
    arch_bind_text(st, 5, m->operator_name);
    arch_bind_text(st, 6, m->engine_version);
    arch_bind_text(st, 7, m->config_name);
    arch_bind_text(st, 8, m->config_sha256);
    sqlite3_bind_blob64(st, 9, cfg.text ? cfg.text : "", cfg.text ? cfg.len : 0, SQLITE_STATIC);
    arch_bind_text(st, 10, ces_prior_source_id(r->prior_source));
    if (r->prior_run_id)
        sqlite3_bind_int64(st, 11, r->prior_run_id);
    arch_bind_text(st, 12, r->prior_period[0] ? r->prior_period : NULL);
    if (r->has_industry_mediation)
        arch_bind_double(st, 13, r->industry_mediation);
    sqlite3_bind_int64(st, 14, chain_pos);
    arch_bind_text(st, 15, prev);
    arch_bind_text(st, 16, hash);
    res = arch_exec_stmt(a, st);
    sqlite3_finalize(st);
    return res;
}

/* Where a run's canonical text goes while it is stored: the chain hash,
 * and its indicator lines, in chunks, into run_indicator_chunks. */
typedef struct {
    ces_archive *a;
    long run_id;
    ces_sha256 *hash;
    sqlite3_stmt *chunk;
    ces_buf ind; /* indicator lines not yet stored */
    long seq;
} run_sink;

/* The indicator lines gathered so far as the next chunk. */
static ces_status store_chunk(run_sink *x)
{
    if (x->ind.oom)
        return arch_fail(x->a, CES_ERR_NOMEM, "out of memory");
    if (!x->ind.len)
        return CES_OK;
    sqlite3_bind_int64(x->chunk, 1, x->run_id);
    sqlite3_bind_int64(x->chunk, 2, x->seq++);
    sqlite3_bind_blob64(x->chunk, 3, x->ind.p, x->ind.len, SQLITE_STATIC);
    ces_status st = arch_exec_stmt(x->a, x->chunk);
    x->ind.len = 0;
    return st;
}

/* arch_canon_sink text: into the chain hash */
static ces_status hash_text(void *ctx, const char *p, size_t n)
{
    run_sink *x = ctx;
    return ces_sha256_update(x->hash, p, n) == CES_OK
               ? CES_OK
               : arch_fail(x->a, CES_ERR_INTERNAL, "cannot compute the entry's hash");
}

/* arch_canon_sink indicators: a company's indicator values, a chunk stored
 * once it holds ARCH_CHUNK_BYTES (chunks end at a company's last line) */
static ces_status gather_indicators(void *ctx, const char *p, size_t n)
{
    run_sink *x = ctx;
    ces_buf_raw(&x->ind, p, n);
    return x->ind.len >= ARCH_CHUNK_BYTES ? store_chunk(x) : CES_OK;
}

/* The run's text, hashed as it is produced (the same bytes, hence the same
 * hash, as hashing it whole), its indicator lines stored on the way. */
static ces_status hash_and_store_text(ces_archive *a, const arch_run_meta *m, const ces_results *r,
                                      const char *prev, char hash[65])
{
    run_sink x = {.a = a, .run_id = m->id};
    ces_status st = arch_prepare(
        a, "INSERT INTO run_indicator_chunks (run_id, seq, bytes) VALUES (?1, ?2, ?3)", &x.chunk);
    if (st == CES_OK &&
        (ces_sha256_begin(&x.hash) != CES_OK || ces_sha256_update(x.hash, prev, strlen(prev)) != CES_OK))
        st = arch_fail(a, CES_ERR_INTERNAL, "cannot compute the entry's hash");
    arch_canon_sink sink = {hash_text, gather_indicators, &x};
    if (st == CES_OK && (st = arch_canon_run_to(m, r, &sink)) == CES_ERR_NOMEM)
        st = arch_fail(a, st, "out of memory");
    if (st == CES_OK)
        st = store_chunk(&x);
    if (st == CES_OK) {
        ces_status end = ces_sha256_end(x.hash, hash); /* frees the state */
        x.hash = NULL;
        if (end != CES_OK)
            st = arch_fail(a, end, "cannot compute the entry's hash");
    }
    ces_sha256_discard(x.hash);
    sqlite3_finalize(x.chunk);
    ces_buf_free(&x.ind);
    return st;
}

static ces_status store_run(ces_archive *a, arch_run_meta *m, config_blob cfg, const ces_calendar *cal,
                            const ces_results *r)
{
    long chain_pos;
    char prev[65], hash[65];
    ces_status st = arch_chain_reserve(a, "SELECT COALESCE(MAX(id), 0) + 1 FROM runs", &m->id,
                                       &chain_pos, prev);
    if (st == CES_OK)
        st = hash_and_store_text(a, m, r, prev, hash);
    if (st == CES_OK)
        st = insert_run_row(a, m, cfg, r, chain_pos, prev, hash);
    if (st == CES_OK && m->calendar_sha256)
        st = insert_calendar(a, m->id, cal, m->calendar_sha256);
    if (st == CES_OK)
        st = arch_insert_run_figures(a, m->id, r);
    return st;
}

/* A run of an import with cases.csv records its calendar (sha256 of the
 * text stored); *sha = NULL for any other run. */
static ces_status calendar_digest(ces_archive *a, long import_id, const ces_calendar *cal, char buf[65],
                                  const char **sha)
{
    long cases = 0;
    *sha = NULL;
    ces_status st = arch_query_long(
        a, "SELECT count(*) FROM import_files WHERE import_id = ?2 AND kind = 'cases'", NULL, import_id,
        0, &cases);
    if (st != CES_OK || !cases)
        return st;
    if (!cal || !cal->text)
        return arch_fail(a, CES_ERR_INTERNAL, "archive save_run: a case-level run needs its calendar");
    if (ces_sha256_hex(cal->text, cal->text_len, buf) != CES_OK)
        return arch_fail(a, CES_ERR_INTERNAL, "cannot compute the calendar's sha256");
    *sha = buf;
    return CES_OK;
}

ces_status ces_archive_save_run(ces_archive *a, long import_id, const ces_config *cfg,
                                const ces_results *r, const char *engine_version,
                                const char *operator_name, const char *time, long *run_id)
{
    *run_id = 0;
    if (!operator_name || !*operator_name || !time || !*time || !engine_version)
        return arch_fail(a, CES_ERR_INTERNAL,
                         "archive save_run: operator, time and engine version are required");
    char period[8], import_period[8];
    ces_period_format(r->period, period);
    /* the stored digest is the one of the stored text */
    char cfg_sha[65];
    config_blob blob = {cfg->text, cfg->text ? cfg->text_len : 0};
    if (cfg->text && ces_sha256_hex(cfg->text, cfg->text_len, cfg_sha) != CES_OK)
        return arch_fail(a, CES_ERR_INTERNAL, "cannot compute the config's sha256");
    if (!cfg->text)
        snprintf(cfg_sha, sizeof cfg_sha, "%s", cfg->sha256);
    arch_run_meta m = {.period = period,
                       .time = time,
                       .operator_name = operator_name,
                       .engine_version = engine_version,
                       .config_name = cfg->name,
                       .config_sha256 = cfg_sha,
                       .jobs = a->jobs};
    arch_op op;
    ces_status st = arch_op_begin(a, &op);
    if (st != CES_OK)
        return st;
    char cal_sha[65];
    st = arch_resolve_import(a, period, import_id, &m.import_id, import_period);
    if (st == CES_OK)
        st = calendar_digest(a, m.import_id, cfg->calendar, cal_sha, &m.calendar_sha256);
    if (st == CES_OK)
        st = store_run(a, &m, blob, cfg->calendar, r);
    st = arch_op_end(a, &op, st);
    if (st == CES_OK)
        *run_id = m.id;
    return st;
}
