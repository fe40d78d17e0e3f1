/* archive: the audit trail. Reviews (the second person's approval of a run
 * they recomputed) and finalizations (the published run of a period), each a
 * chained entry; and the exact prior figures a run used (schema v2). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_audit.h"
#include "archive/archive_canon.h"

ces_status arch_load_run_brief(ces_archive *a, long run_id, arch_run_brief *out)
{
    memset(out, 0, sizeof *out);
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a, "SELECT period, operator, hash FROM runs WHERE id = ?1", &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, run_id);
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        out->id = run_id;
        arch_col_copy(st, 0, out->period, sizeof out->period);
        arch_col_copy(st, 1, out->operator_name, sizeof out->operator_name);
        arch_col_copy(st, 2, out->hash, sizeof out->hash);
    } else if (rc == SQLITE_DONE) {
        res = arch_fail(a, CES_ERR_INVALID, "run %ld does not exist", run_id);
    } else {
        res = arch_sqlite_fail(a, rc);
    }
    sqlite3_finalize(st);
    return res;
}

/* ---- prior figures of a run ---- */

static ces_status prior_meta(ces_archive *a, long run_id, long *prior_run, char period[8])
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a,
        "SELECT prior_source, prior_run_id, prior_period FROM runs WHERE id = ?1", &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, run_id);
    *prior_run = 0;
    period[0] = '\0';
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        const unsigned char *src = sqlite3_column_text(st, 0);
        if (src && !strcmp((const char *)src, "archive"))
            *prior_run = (long)sqlite3_column_int64(st, 1);
        arch_col_copy(st, 2, period, 8);
    } else if (rc == SQLITE_DONE) {
        res = arch_fail(a, CES_ERR_INVALID, "run %ld does not exist", run_id);
    } else {
        res = arch_sqlite_fail(a, rc);
    }
    sqlite3_finalize(st);
    return res;
}

static ces_status load_figures(ces_archive *a, long run_id, ces_prior_archive *out)
{
    long n;
    ces_status res = arch_query_long(a, "SELECT count(*) FROM run_prior_figures WHERE run_id = ?2",
                                     NULL, run_id, 0, &n);
    if (res != CES_OK || n == 0)
        return res;
    ces_prior_figure *rows = calloc((size_t)n, sizeof *rows);
    if (!rows)
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    out->rows = rows;
    sqlite3_stmt *st;
    if ((res = arch_prepare(a,
            "SELECT code, complaints_total, premium_wan FROM run_prior_figures WHERE run_id = ?1"
            " ORDER BY position", &st)) != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, run_id);
    int rc = SQLITE_DONE, oom = 0;
    while (!oom && out->n < (size_t)n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        rows[out->n].code = arch_col_strdup(st, 0, &oom);
        rows[out->n].total = arch_col_double(st, 1);
        rows[out->n].premium_wan = arch_col_double(st, 2);
        out->n++;
    }
    if (oom)
        res = arch_fail(a, CES_ERR_NOMEM, "out of memory");
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = arch_sqlite_fail(a, rc);
    sqlite3_finalize(st);
    return res;
}

ces_status ces_archive_prior_figures_of_run(ces_archive *a, long run_id, ces_prior_archive *out,
                                            int *found)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    long prior_run = 0;
    char period[8];
    ces_status st = prior_meta(a, run_id, &prior_run, period);
    if (st != CES_OK || !prior_run)
        return st;
    st = load_figures(a, run_id, out);
    if (st != CES_OK) {
        ces_prior_archive_free(out);
        return st;
    }
    out->run_id = prior_run;
    snprintf(out->period, sizeof out->period, "%s", period);
    *found = 1;
    return CES_OK;
}

/* ---- reviews ---- */

static ces_status insert_review(ces_archive *a, const arch_review_meta *m, long pos,
                                const char *prev, const char *hash)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a,
        "INSERT INTO reviews (id, run_id, period, operator, time, engine_version, outcome,"
        " chain_pos, prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)", &st);
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

/* hash of a canonical text after prev; CES_ERR_NOMEM when the text is incomplete */
static ces_status chain_hash(ces_archive *a, arch_buf *text, const char *prev, char hash[65])
{
    if (text->oom) {
        arch_buf_free(text);
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    }
    arch_chain_hash(prev, text, hash);
    arch_buf_free(text);
    return CES_OK;
}

static ces_status store_review(ces_archive *a, const arch_run_brief *run, arch_review_meta *m)
{
    if (!strcmp(run->operator_name, m->operator_name))
        return arch_fail(a, CES_ERR_CONFLICT,
                         "run %ld was computed by %s; its review must be by someone else",
                         run->id, run->operator_name);
    long pos;
    char prev[65], hash[65];
    ces_status st = arch_query_long(a, "SELECT COALESCE(MAX(id), 0) + 1 FROM reviews", NULL, 0, 1,
                                    &m->id);
    if (st == CES_OK)
        st = arch_chain_next(a, &pos, prev);
    if (st != CES_OK)
        return st;
    arch_buf text = {0};
    arch_canon_review(&text, m);
    if ((st = chain_hash(a, &text, prev, hash)) != CES_OK)
        return st;
    return insert_review(a, m, pos, prev, hash);
}

ces_status ces_archive_record_review(ces_archive *a, long run_id, const char *operator_name,
                                     const char *time, const char *engine_version, long *review_id)
{
    *review_id = 0;
    if (!operator_name || !*operator_name || !time || !*time || !engine_version)
        return arch_fail(a, CES_ERR_INTERNAL, "archive review: operator, time and engine are required");
    arch_op op;
    ces_status st = arch_op_begin(a, &op);
    if (st != CES_OK)
        return st;
    arch_run_brief run;
    arch_review_meta m = {.run_id = run_id, .operator_name = operator_name, .time = time,
                          .engine_version = engine_version, .outcome = "approved"};
    st = arch_load_run_brief(a, run_id, &run);
    if (st == CES_OK) {
        m.period = run.period;
        m.run_hash = run.hash;
        st = store_review(a, &run, &m);
    }
    st = arch_op_end(a, &op, st);
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
    ces_status res = arch_prepare(a,
        "INSERT INTO finalizations (id, period, run_id, review_id, operator, time, chain_pos,"
        " prev_hash, hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)", &st);
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

static ces_status store_finalization(ces_archive *a, const arch_run_brief *run,
                                     arch_finalization_meta *m)
{
    long published = 0;
    ces_status st = ces_archive_finalized_run(a, run->period, &published);
    if (st == CES_OK && published)
        return arch_fail(a, CES_ERR_CONFLICT, "period %s is already finalized (run %ld)",
                         run->period, published);
    if (st == CES_OK)
        st = arch_query_long(a,
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
        st = arch_query_long(a, "SELECT COALESCE(MAX(id), 0) + 1 FROM finalizations", NULL, 0, 1,
                             &m->id);
    if (st == CES_OK)
        st = arch_chain_next(a, &pos, prev);
    if (st != CES_OK)
        return st;
    arch_buf text = {0};
    arch_canon_finalization(&text, m);
    if ((st = chain_hash(a, &text, prev, hash)) != CES_OK)
        return st;
    return insert_finalization(a, m, pos, prev, hash);
}

ces_status ces_archive_finalize(ces_archive *a, long run_id, const char *operator_name,
                                const char *time, long *finalization_id)
{
    *finalization_id = 0;
    if (!operator_name || !*operator_name || !time || !*time)
        return arch_fail(a, CES_ERR_INTERNAL, "archive finalize: operator and time are required");
    arch_op op;
    ces_status st = arch_op_begin(a, &op);
    if (st != CES_OK)
        return st;
    arch_run_brief run;
    arch_finalization_meta m = {.run_id = run_id, .operator_name = operator_name, .time = time};
    st = arch_load_run_brief(a, run_id, &run);
    if (st == CES_OK) {
        m.period = run.period;
        m.run_hash = run.hash;
        st = store_finalization(a, &run, &m);
    }
    st = arch_op_end(a, &op, st);
    if (st == CES_OK)
        *finalization_id = m.id;
    return st;
}
