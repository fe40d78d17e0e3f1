/* archive: the history of imports and runs, in id order. */
#include <stdlib.h>
#include <string.h>

#include "archive/archive_import.h"

static ces_status load_imports(ces_archive *a, const char *period, ces_history *h)
{
    long n;
    ces_status res = arch_query_long(a,
        "SELECT count(*) FROM imports WHERE ?1 IS NULL OR period = ?1", period, 0, 0, &n);
    if (res != CES_OK || n == 0)
        return res;
    if (!(h->imports = calloc((size_t)n, sizeof *h->imports)))
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    h->n_imports = (size_t)n;
    sqlite3_stmt *st;
    if ((res = arch_prepare(a,
            "SELECT id, period, version, time, operator, hash FROM imports"
            " WHERE ?1 IS NULL OR period = ?1 ORDER BY id", &st)) != CES_OK)
        return res;
    arch_bind_text(st, 1, period);
    size_t i = 0;
    int rc = SQLITE_DONE, oom = 0;
    while (!oom && i < h->n_imports && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ces_import_entry *e = &h->imports[i++];
        e->id = (long)sqlite3_column_int64(st, 0);
        arch_col_copy(st, 1, e->period, sizeof e->period);
        e->version = sqlite3_column_int(st, 2);
        e->time = arch_col_strdup(st, 3, &oom);
        e->operator_name = arch_col_strdup(st, 4, &oom);
        e->hash = arch_col_strdup(st, 5, &oom);
    }
    if (oom)
        res = arch_fail(a, CES_ERR_NOMEM, "out of memory");
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = arch_sqlite_fail(a, rc);
    sqlite3_finalize(st);
    for (size_t k = 0; res == CES_OK && k < h->n_imports; k++)
        res = arch_load_files(a, h->imports[k].id, h->imports[k].files, 0);
    return res;
}

static ces_status load_runs(ces_archive *a, const char *period, ces_history *h)
{
    long n;
    ces_status res = arch_query_long(a,
        "SELECT count(*) FROM runs WHERE ?1 IS NULL OR period = ?1", period, 0, 0, &n);
    if (res != CES_OK || n == 0)
        return res;
    if (!(h->runs = calloc((size_t)n, sizeof *h->runs)))
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    h->n_runs = (size_t)n;
    sqlite3_stmt *st;
    if ((res = arch_prepare(a,
            "SELECT id, import_id, period, time, operator, engine_version, config_name,"
            " config_sha256, hash FROM runs WHERE ?1 IS NULL OR period = ?1 ORDER BY id",
            &st)) != CES_OK)
        return res;
    arch_bind_text(st, 1, period);
    size_t i = 0;
    int rc = SQLITE_DONE, oom = 0;
    while (!oom && i < h->n_runs && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ces_run_entry *e = &h->runs[i++];
        e->id = (long)sqlite3_column_int64(st, 0);
        e->import_id = (long)sqlite3_column_int64(st, 1);
        arch_col_copy(st, 2, e->period, sizeof e->period);
        e->time = arch_col_strdup(st, 3, &oom);
        e->operator_name = arch_col_strdup(st, 4, &oom);
        e->engine_version = arch_col_strdup(st, 5, &oom);
        e->config_name = arch_col_strdup(st, 6, &oom);
        e->config_sha256 = arch_col_strdup(st, 7, &oom);
        e->hash = arch_col_strdup(st, 8, &oom);
    }
    if (oom)
        res = arch_fail(a, CES_ERR_NOMEM, "out of memory");
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = arch_sqlite_fail(a, rc);
    sqlite3_finalize(st);
    return res;
}

static ces_status load_reviews(ces_archive *a, const char *period, ces_history *h)
{
    long n;
    ces_status res = arch_query_long(a,
        "SELECT count(*) FROM reviews WHERE ?1 IS NULL OR period = ?1", period, 0, 0, &n);
    if (res != CES_OK || n == 0)
        return res;
    if (!(h->reviews = calloc((size_t)n, sizeof *h->reviews)))
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    sqlite3_stmt *st;
    if ((res = arch_prepare(a,
            "SELECT id, run_id, period, time, operator, engine_version, outcome, hash FROM reviews"
            " WHERE ?1 IS NULL OR period = ?1 ORDER BY id", &st)) != CES_OK)
        return res;
    arch_bind_text(st, 1, period);
    int rc = SQLITE_DONE, oom = 0;
    while (!oom && h->n_reviews < (size_t)n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ces_review_entry *e = &h->reviews[h->n_reviews++];
        e->id = (long)sqlite3_column_int64(st, 0);
        e->run_id = (long)sqlite3_column_int64(st, 1);
        arch_col_copy(st, 2, e->period, sizeof e->period);
        e->time = arch_col_strdup(st, 3, &oom);
        e->operator_name = arch_col_strdup(st, 4, &oom);
        e->engine_version = arch_col_strdup(st, 5, &oom);
        e->outcome = arch_col_strdup(st, 6, &oom);
        e->hash = arch_col_strdup(st, 7, &oom);
    }
    if (oom)
        res = arch_fail(a, CES_ERR_NOMEM, "out of memory");
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = arch_sqlite_fail(a, rc);
    sqlite3_finalize(st);
    return res;
}

static ces_status load_finalizations(ces_archive *a, const char *period, ces_history *h)
{
    long n;
    ces_status res = arch_query_long(a,
        "SELECT count(*) FROM finalizations WHERE ?1 IS NULL OR period = ?1", period, 0, 0, &n);
    if (res != CES_OK || n == 0)
        return res;
    if (!(h->finalizations = calloc((size_t)n, sizeof *h->finalizations)))
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    sqlite3_stmt *st;
    if ((res = arch_prepare(a,
            "SELECT id, run_id, review_id, period, time, operator, hash FROM finalizations"
            " WHERE ?1 IS NULL OR period = ?1 ORDER BY id", &st)) != CES_OK)
        return res;
    arch_bind_text(st, 1, period);
    int rc = SQLITE_DONE, oom = 0;
    while (!oom && h->n_finalizations < (size_t)n && (rc = sqlite3_step(st)) == SQLITE_ROW) {
        ces_finalization_entry *e = &h->finalizations[h->n_finalizations++];
        e->id = (long)sqlite3_column_int64(st, 0);
        e->run_id = (long)sqlite3_column_int64(st, 1);
        e->review_id = (long)sqlite3_column_int64(st, 2);
        arch_col_copy(st, 3, e->period, sizeof e->period);
        e->time = arch_col_strdup(st, 4, &oom);
        e->operator_name = arch_col_strdup(st, 5, &oom);
        e->hash = arch_col_strdup(st, 6, &oom);
    }
    if (oom)
        res = arch_fail(a, CES_ERR_NOMEM, "out of memory");
    else if (rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = arch_sqlite_fail(a, rc);
    sqlite3_finalize(st);
    return res;
}

ces_status ces_archive_history(ces_archive *a, const char *period, ces_history *out)
{
    memset(out, 0, sizeof *out);
    ces_status st = load_imports(a, period, out);
    if (st == CES_OK)
        st = load_runs(a, period, out);
    if (st == CES_OK)
        st = load_reviews(a, period, out);
    if (st == CES_OK)
        st = load_finalizations(a, period, out);
    if (st != CES_OK)
        ces_history_free(out);
    return st;
}

void ces_history_free(ces_history *h)
{
    if (!h)
        return;
    for (size_t i = 0; i < h->n_imports; i++) {
        ces_import_entry *e = &h->imports[i];
        free(e->time);
        free(e->operator_name);
        free(e->hash);
        for (int k = 0; k < CES_FILE_COUNT; k++)
            free(e->files[k].bytes);
    }
    for (size_t i = 0; i < h->n_runs; i++) {
        ces_run_entry *e = &h->runs[i];
        free(e->time);
        free(e->operator_name);
        free(e->engine_version);
        free(e->config_name);
        free(e->config_sha256);
        free(e->hash);
    }
    for (size_t i = 0; i < h->n_reviews; i++) {
        ces_review_entry *e = &h->reviews[i];
        free(e->time);
        free(e->operator_name);
        free(e->engine_version);
        free(e->outcome);
        free(e->hash);
    }
    for (size_t i = 0; i < h->n_finalizations; i++) {
        ces_finalization_entry *e = &h->finalizations[i];
        free(e->time);
        free(e->operator_name);
        free(e->hash);
    }
    free(h->imports);
    free(h->runs);
    free(h->reviews);
    free(h->finalizations);
    memset(h, 0, sizeof *h);
}
