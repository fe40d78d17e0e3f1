/* archive: the history of imports and runs, in id order. */
#include <stdlib.h>
#include <string.h>

#include "archive_db.h"
#include "archive_import.h"
#include "cescore/archive.h"

/* The fill functions (arch_row_fn) read one history entry from its table's row. */
static ces_status fill_import(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_import_entry *e = elem;
    int oom = 0;
    e->id = (long)sqlite3_column_int64(st, 0);
    arch_col_copy(st, 1, e->period, sizeof e->period);
    e->version = sqlite3_column_int(st, 2);
    e->time = arch_col_strdup(st, 3, &oom);
    e->operator_name = arch_col_strdup(st, 4, &oom);
    e->hash = arch_col_strdup(st, 5, &oom);
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_run(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_run_entry *e = elem;
    int oom = 0;
    e->id = (long)sqlite3_column_int64(st, 0);
    e->import_id = (long)sqlite3_column_int64(st, 1);
    arch_col_copy(st, 2, e->period, sizeof e->period);
    e->time = arch_col_strdup(st, 3, &oom);
    e->operator_name = arch_col_strdup(st, 4, &oom);
    e->engine_version = arch_col_strdup(st, 5, &oom);
    e->config_name = arch_col_strdup(st, 6, &oom);
    e->config_sha256 = arch_col_strdup(st, 7, &oom);
    e->hash = arch_col_strdup(st, 8, &oom);
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_review(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_review_entry *e = elem;
    int oom = 0;
    e->id = (long)sqlite3_column_int64(st, 0);
    e->run_id = (long)sqlite3_column_int64(st, 1);
    arch_col_copy(st, 2, e->period, sizeof e->period);
    e->time = arch_col_strdup(st, 3, &oom);
    e->operator_name = arch_col_strdup(st, 4, &oom);
    e->engine_version = arch_col_strdup(st, 5, &oom);
    e->outcome = arch_col_strdup(st, 6, &oom);
    e->hash = arch_col_strdup(st, 7, &oom);
    return arch_oom_or_ok(a, oom);
}

static ces_status fill_finalization(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_finalization_entry *e = elem;
    int oom = 0;
    e->id = (long)sqlite3_column_int64(st, 0);
    e->run_id = (long)sqlite3_column_int64(st, 1);
    e->review_id = (long)sqlite3_column_int64(st, 2);
    arch_col_copy(st, 3, e->period, sizeof e->period);
    e->time = arch_col_strdup(st, 4, &oom);
    e->operator_name = arch_col_strdup(st, 5, &oom);
    e->hash = arch_col_strdup(st, 6, &oom);
    return arch_oom_or_ok(a, oom);
}

/* Every table is read for one period (?1) or, when it is NULL, all of them. */
#define COUNT_SQL(t) "SELECT count(*) FROM " t " WHERE ?1 IS NULL OR period = ?1"
#define WHERE_SQL " WHERE ?1 IS NULL OR period = ?1 ORDER BY id"

static const arch_table IMPORTS = {
    COUNT_SQL("imports"),
    "SELECT id, period, version, time, operator, hash FROM imports" WHERE_SQL,
    sizeof(ces_import_entry), fill_import, "imports"};
static const arch_table RUNS = {
    COUNT_SQL("runs"),
    "SELECT id, import_id, period, time, operator, engine_version, config_name, config_sha256,"
    " hash FROM runs" WHERE_SQL, sizeof(ces_run_entry), fill_run, "runs"};
static const arch_table REVIEWS = {
    COUNT_SQL("reviews"),
    "SELECT id, run_id, period, time, operator, engine_version, outcome, hash FROM reviews"
    WHERE_SQL, sizeof(ces_review_entry), fill_review, "reviews"};
static const arch_table FINALIZATIONS = {
    COUNT_SQL("finalizations"),
    "SELECT id, run_id, review_id, period, time, operator, hash FROM finalizations" WHERE_SQL,
    sizeof(ces_finalization_entry), fill_finalization, "finalizations"};

/* The files (without bytes) of every loaded import. */
static ces_status load_import_files(ces_archive *a, ces_history *h)
{
    ces_status res = CES_OK;
    for (size_t k = 0; res == CES_OK && k < h->n_imports; k++)
        res = arch_load_files(a, h->imports[k].id, h->imports[k].files, 0);
    return res;
}

ces_status ces_archive_history(ces_archive *a, const char *period, ces_history *out)
{
    memset(out, 0, sizeof *out);
    ces_status st = CES_OK;
    out->imports = arch_load_array(a, &IMPORTS, period, 0, &out->n_imports, &st);
    if (st == CES_OK)
        st = load_import_files(a, out);
    out->runs = arch_load_array(a, &RUNS, period, 0, &out->n_runs, &st);
    out->reviews = arch_load_array(a, &REVIEWS, period, 0, &out->n_reviews, &st);
    out->finalizations =
        arch_load_array(a, &FINALIZATIONS, period, 0, &out->n_finalizations, &st);
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
