/* archive: the audit trail. Reviews (the second person's approval of a run
 * they recomputed) and finalizations (the published run of a period), each a
 * chained entry; and the exact prior figures a run used (schema v2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_audit.h"
#include "archive_canon.h"
#include "archive_db.h"

ces_status arch_query_run(ces_archive *a, const char *sql, long run_id, arch_row_fn fn, void *ctx)
{
    int found;
    ces_status st = arch_query_row(a, sql, NULL, run_id, fn, ctx, &found);
    if (st == CES_OK && !found)
        st = arch_fail(a, CES_ERR_INVALID, "run %ld does not exist", run_id);
    return st;
}

/* arch_row_fn: period, operator and hash into the arch_run_brief ctx */
static ces_status read_brief(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    arch_run_brief *b = ctx;
    (void)a;
    arch_col_copy(st, 0, b->period, sizeof b->period);
    arch_col_copy(st, 1, b->operator_name, sizeof b->operator_name);
    arch_col_copy(st, 2, b->hash, sizeof b->hash);
    return CES_OK;
}

ces_status arch_load_run_brief(ces_archive *a, long run_id, arch_run_brief *out)
{
    memset(out, 0, sizeof *out);
    ces_status st = arch_query_run(a, "SELECT period, operator, hash FROM runs WHERE id = ?2", run_id,
                                   read_brief, out);
    if (st == CES_OK)
        out->id = run_id;
    return st;
}

/* ---- prior figures ---- */

/* arch_row_fn: one prior figure (code, complaints_total, premium_wan) */
static ces_status fill_figure(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_prior_figure *f = elem;
    int oom = 0;
    f->code = arch_col_strdup(st, 0, &oom);
    f->total = arch_col_double(st, 1);
    f->premium_wan = arch_col_double(st, 2);
    return arch_oom_or_ok(a, oom);
}

const arch_table ARCH_RUN_FIGURES = {
    "SELECT count(*) FROM run_companies WHERE run_id = ?2",
    "SELECT code, complaints_total, premium_wan FROM run_companies WHERE run_id = ?2"
    " ORDER BY position",
    sizeof(ces_prior_figure), fill_figure, "run"};

/* the prior figures a run used (schema v2) */
static const arch_table USED_PRIOR_FIGURES = {
    "SELECT count(*) FROM run_prior_figures WHERE run_id = ?2",
    "SELECT code, complaints_total, premium_wan FROM run_prior_figures WHERE run_id = ?2"
    " ORDER BY position",
    sizeof(ces_prior_figure), fill_figure, "run"};

ces_status arch_load_prior_rows(ces_archive *a, const arch_table *t, long run_id, ces_prior_archive *out,
                                int *found)
{
    ces_status st = CES_OK;
    out->rows = arch_load_array(a, t, NULL, run_id, &out->n, &st);
    if (st != CES_OK) {
        ces_prior_archive_free(out);
        return st;
    }
    *found = 1;
    return CES_OK;
}

/* Where a run's prior figures came from. */
typedef struct {
    long run_id; /* 0 when not from the archive */
    char period[8];
} prior_origin;

/* arch_row_fn: prior_source, prior_run_id, prior_period into a prior_origin */
static ces_status read_origin(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    prior_origin *o = ctx;
    (void)a;
    const unsigned char *src = sqlite3_column_text(st, 0);
    if (src && !strcmp((const char *)src, "archive"))
        o->run_id = (long)sqlite3_column_int64(st, 1);
    arch_col_copy(st, 2, o->period, sizeof o->period);
    return CES_OK;
}

ces_status ces_archive_prior_figures_of_run(ces_archive *a, long run_id, ces_prior_archive *out,
                                            int *found)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    prior_origin o = {0, ""};
    ces_status st = arch_query_run(
        a, "SELECT prior_source, prior_run_id, prior_period FROM runs WHERE id = ?2", run_id,
        read_origin, &o);
    if (st != CES_OK || !o.run_id)
        return st;
    out->run_id = o.run_id;
    snprintf(out->period, sizeof out->period, "%s", o.period);
    return arch_load_prior_rows(a, &USED_PRIOR_FIGURES, run_id, out, found);
}

/* ---- one chained entry about a run ---- */

/* Stores an entry about run into the entry's own meta struct. */
typedef ces_status (*store_fn)(ces_archive *a, const arch_run_brief *run, void *meta);

/* In one operation: read run_id's brief, then store(a, brief, meta). */
static ces_status record_on_run(ces_archive *a, long run_id, store_fn store, void *meta)
{
    arch_op op;
    ces_status st = arch_op_begin(a, &op);
    if (st != CES_OK)
        return st;
    arch_run_brief run;
    st = arch_load_run_brief(a, run_id, &run);
    if (st == CES_OK)
        st = store(a, &run, meta);
    return arch_op_end(a, &op, st);
}

/* ---- reviews ---- */

static ces_status insert_review(ces_archive *a, const arch_review_meta *m, long pos, const char *prev,
                                const char *hash)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a,
        "INSERT INTO reviews (id, run_id, period, operator, time, engine_version, outcome,"
        " chain_pos, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, m->id);
    sqlite3_bind_int64(st, 2, m->run_id);
    arch_bind_text(st, 3, m->period);
    arch_bind_text(st, 4, m->operator_name);
    arch_bind_text(st, 5, m->time);
    arch_bind_text(st, 6, m->engine_version);
    arch_bind_text(st, 7, m->outcome);
    sqlite3_bind_int64(st, 8, pos);
    arch_bind_text(st, 9, prev);
    arch_bind_text(st, 10, hash);
    res = arch_exec_stmt(a, st);
    sqlite3_finalize(st);
    return res;
}

/* store_fn of a review: the reviewer is not the run's operator. */
static ces_status store_review(ces_archive *a, const arch_run_brief *run, void *meta)
{
    arch_review_meta *m = meta;
    m->period = run->period;
    m->run_hash = run->hash;
    if (!strcmp(run->operator_name, m->operator_name))
        return arch_fail(a, CES_ERR_CONFLICT,
                         "run %ld was computed by %s; its review must be by someone else", run->id,
                         run->operator_name);
    long pos;
    char prev[65], hash[65];
    ces_status st = arch_chain_reserve(a, "SELECT COALESCE(MAX(id), 0) + 1 FROM reviews", &m->id, &pos,
                                       prev);
    if (st != CES_OK)
        return st;
    ces_buf text = {0};
    arch_canon_review(&text, m);
    if ((st = arch_chain_seal(a, &text, prev, hash)) != CES_OK)
        return st;
    return insert_review(a, m, pos, prev, hash);
}

ces_status ces_archive_record_review(ces_archive *a, long run_id, const char *operator_name,
                                     const char *time, const char *engine_version, long *review_id)
{
    *review_id = 0;
    if (!operator_name || !*operator_name || !time || !*time || !engine_version)
        return arch_fail(a, CES_ERR_INTERNAL, "archive review: operator, time and engine are required");
    arch_review_meta m = {.run_id = run_id,
                          .operator_name = operator_name,
                          .time = time,
                          .engine_version = engine_version,
                          .outcome = "approved"};
    ces_status st = record_on_run(a, run_id, store_review, &m);
    if (st == CES_OK)
        *review_id = m.id;
    return st;
}

/* ---- finalizations ---- */

ces_status ces_archive_finalized_run(ces_archive *a, const char *period, long *run_id)
{
    return arch_query_long(a,
                           "SELECT run_id FROM finalizations WHERE period = ?1 ORDER BY id DESC LIMIT 1",
                           period, 0, 0, run_id);
}

static ces_status insert_finalization(ces_archive *a, const arch_finalization_meta *m, long pos,
                                      const char *prev, const char *hash)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a,
        "INSERT INTO finalizations (id, period, run_id, review_id, operator, time, chain_pos,"
        " prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, m->id);
    arch_bind_text(st, 2, m->period);
    sqlite3_bind_int64(st, 3, m->run_id);
    if (m->review_id)
        sqlite3_bind_int64(st, 4, m->review_id);
    arch_bind_text(st, 5, m->operator_name);
    arch_bind_text(st, 6, m->time);
    sqlite3_bind_int64(st, 7, pos);
    arch_bind_text(st, 8, prev);
    arch_bind_text(st, 9, hash);
    res = arch_exec_stmt(a, st);
    sqlite3_finalize(st);
    return res;
}

/* store_fn of a finalization: the period is not finalized yet and the run
 * has an approval by someone other than its operator. */
static ces_status store_finalization(ces_archive *a, const arch_run_brief *run, void *meta)
{
    arch_finalization_meta *m = meta;
    m->period = run->period;
    m->run_hash = run->hash;
    long published = 0;
    ces_status st = ces_archive_finalized_run(a, run->period, &published);
    if (st == CES_OK && published)
        return arch_fail(a, CES_ERR_CONFLICT, "period %s is already finalized (run %ld)", run->period,
                         published);
    if (st == CES_OK)
        st = arch_query_long(
            a,
            "SELECT id FROM reviews WHERE run_id = ?2 AND outcome = 'approved'"
            " AND operator <> (SELECT operator FROM runs WHERE id = ?2) ORDER BY id DESC LIMIT 1",
            NULL, run->id, 0, &m->review_id);
    if (st == CES_OK && !m->review_id)
        return arch_fail(a, CES_ERR_CONFLICT,
                         "run %ld has no review; finalize needs an approval by someone other than"
                         " its operator (cescore review %s --run %ld --by NAME)",
                         run->id, run->period, run->id);
    long pos;
    char prev[65], hash[65];
    if (st == CES_OK)
        st = arch_chain_reserve(a, "SELECT COALESCE(MAX(id), 0) + 1 FROM finalizations", &m->id, &pos,
                                prev);
    if (st != CES_OK)
        return st;
    ces_buf text = {0};
    arch_canon_finalization(&text, m);
    if ((st = arch_chain_seal(a, &text, prev, hash)) != CES_OK)
        return st;
    return insert_finalization(a, m, pos, prev, hash);
}

ces_status ces_archive_finalize(ces_archive *a, long run_id, const char *operator_name, const char *time,
                                long *finalization_id)
{
    *finalization_id = 0;
    if (!operator_name || !*operator_name || !time || !*time)
        return arch_fail(a, CES_ERR_INTERNAL, "archive finalize: operator and time are required");
    arch_finalization_meta m = {.run_id = run_id, .operator_name = operator_name, .time = time};
    ces_status st = record_on_run(a, run_id, store_finalization, &m);
    if (st == CES_OK)
        *finalization_id = m.id;
    return st;
}
