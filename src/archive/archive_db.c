/* archive: connection, errors, statement helpers, atomic operations. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_db.h"
#include "cescore/i18n.h"

ces_status arch_fail(ces_archive *a, ces_status st, const char *fmt, ...)
{
    char msg[1024];
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(msg, sizeof msg, _(fmt), ap);
    va_end(ap);
    if (a->diags)
        ces_diag_add_text(a->diags, CES_DIAG_ERROR, NULL, 0, NULL, 0, NULL, msg);
    return st;
}

ces_status arch_oom_or_ok(ces_archive *a, int oom)
{
    return oom ? arch_fail(a, CES_ERR_NOMEM, "out of memory") : CES_OK;
}

ces_status arch_sqlite_fail(ces_archive *a, int rc)
{
    int primary = rc & 0xff;
    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return arch_fail(a, CES_ERR_CONFLICT,
                         "database is locked: %s is in use by another writer (waited %d ms)",
                         a->path ? a->path : "archive", a->busy_ms);
    if (primary == SQLITE_NOMEM)
        return arch_fail(a, CES_ERR_NOMEM, "sqlite: out of memory");
    return arch_fail(a, CES_ERR_IO, "sqlite: %s", a->db ? sqlite3_errmsg(a->db) : sqlite3_errstr(rc));
}

ces_status arch_prepare(ces_archive *a, const char *sql, sqlite3_stmt **st)
{
    int rc = sqlite3_prepare_v2(a->db, sql, -1, st, NULL);
    if (rc != SQLITE_OK) {
        *st = NULL;
        return arch_sqlite_fail(a, rc);
    }
    return CES_OK;
}

ces_status arch_exec_stmt(ces_archive *a, sqlite3_stmt *st)
{
    int rc = sqlite3_step(st);
    ces_status res = CES_OK;
    if (rc != SQLITE_DONE && rc != SQLITE_ROW)
        res = arch_sqlite_fail(a, rc);
    sqlite3_reset(st);
    sqlite3_clear_bindings(st);
    return res;
}

ces_status arch_exec(ces_archive *a, const char *sql)
{
    char *msg = NULL;
    int rc = sqlite3_exec(a->db, sql, NULL, NULL, &msg);
    sqlite3_free(msg);
    return rc == SQLITE_OK ? CES_OK : arch_sqlite_fail(a, rc);
}

ces_status arch_prepare_keyed(ces_archive *a, const char *sql, const char *text, long num,
                              sqlite3_stmt **st)
{
    ces_status res = arch_prepare(a, sql, st);
    if (res != CES_OK)
        return res;
    int np = sqlite3_bind_parameter_count(*st);
    if (np >= 1)
        arch_bind_text(*st, 1, text);
    if (np >= 2)
        sqlite3_bind_int64(*st, 2, num);
    return CES_OK;
}

ces_status arch_query_row(ces_archive *a, const char *sql, const char *text, long num, arch_row_fn fn,
                          void *ctx, int *found)
{
    *found = 0;
    sqlite3_stmt *st;
    ces_status res = arch_prepare_keyed(a, sql, text, num, &st);
    if (res != CES_OK)
        return res;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        *found = 1;
        res = fn(a, st, ctx);
    } else if (rc != SQLITE_DONE) {
        res = arch_sqlite_fail(a, rc);
    }
    sqlite3_finalize(st);
    return res;
}

/* arch_row_fn of arch_query_long: column 0 into *(long *)out unless NULL */
static ces_status read_long(ces_archive *a, sqlite3_stmt *st, void *out)
{
    (void)a;
    if (sqlite3_column_type(st, 0) != SQLITE_NULL)
        *(long *)out = (long)sqlite3_column_int64(st, 0);
    return CES_OK;
}

ces_status arch_query_long(ces_archive *a, const char *sql, const char *text, long num, long dflt,
                           long *out)
{
    int found;
    *out = dflt;
    return arch_query_row(a, sql, text, num, read_long, out, &found);
}

ces_status arch_each_row(ces_archive *a, const char *sql, const char *text, long num, arch_row_fn fn,
                         void *ctx)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare_keyed(a, sql, text, num, &st);
    if (res != CES_OK)
        return res;
    int rc = SQLITE_DONE;
    while (res == CES_OK && (rc = sqlite3_step(st)) == SQLITE_ROW)
        res = fn(a, st, ctx);
    if (res == CES_OK && rc != SQLITE_DONE)
        res = arch_sqlite_fail(a, rc);
    sqlite3_finalize(st);
    return res;
}

/* The error of a table whose rows changed between its count and its read. */
static ces_status rows_changed(ces_archive *a, const arch_table *t, const char *text, long num)
{
    if (num)
        return arch_fail(a, CES_ERR_INTERNAL, "archive: rows changed while loading %s %ld", t->what,
                         num);
    return arch_fail(a, CES_ERR_INTERNAL, "archive: rows changed while loading %s%s%s", t->what,
                     text ? " of " : "", text ? text : "");
}

/* arch_load_array's work, with its status returned. */
static ces_status load_array(ces_archive *a, const arch_table *t, const char *text, long num, void **arr,
                             size_t *n)
{
    long count;
    ces_status res = arch_query_long(a, t->count_sql, text, num, 0, &count);
    if (res != CES_OK || count == 0)
        return res;
    if (!(*arr = calloc((size_t)count, t->elem_size)))
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    *n = (size_t)count; /* zeroed elements free cleanly on failure */
    sqlite3_stmt *st;
    if ((res = arch_prepare_keyed(a, t->select_sql, text, num, &st)) != CES_OK)
        return res;
    size_t i = 0;
    int rc = SQLITE_DONE;
    while (res == CES_OK && i < *n && (rc = sqlite3_step(st)) == SQLITE_ROW)
        res = t->fill(a, st, (char *)*arr + t->elem_size * i++);
    if (res == CES_OK && rc != SQLITE_ROW && rc != SQLITE_DONE)
        res = arch_sqlite_fail(a, rc);
    if (res == CES_OK && i != *n)
        res = rows_changed(a, t, text, num);
    sqlite3_finalize(st);
    return res;
}

void *arch_load_array(ces_archive *a, const arch_table *t, const char *text, long num, size_t *n,
                      ces_status *st)
{
    void *arr = NULL;
    if (*st == CES_OK)
        *st = load_array(a, t, text, num, &arr, n);
    return arr;
}

int arch_bind_text(sqlite3_stmt *st, int i, const char *s)
{
    return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

int arch_bind_double(sqlite3_stmt *st, int i, double v)
{
    if (isnan(v))
        return sqlite3_bind_null(st, i);
    return sqlite3_bind_double(st, i, v == 0.0 ? 0.0 : v);
}

int arch_bind_int64(sqlite3_stmt *st, int i, int64_t v)
{
    return sqlite3_bind_int64(st, i, (sqlite3_int64)v);
}

/* n bytes at p as a malloc'ed copy with a NUL after it; NULL and *oom = 1
 * when allocation fails. */
static char *dup_bytes(const void *p, int n, int *oom)
{
    char *d = malloc((size_t)n + 1);
    if (!d) {
        *oom = 1;
        return NULL;
    }
    if (n > 0)
        memcpy(d, p, (size_t)n);
    d[n] = '\0';
    return d;
}

char *arch_col_strdup(sqlite3_stmt *st, int i, int *oom)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    const unsigned char *s = sqlite3_column_text(st, i);
    return dup_bytes(s, sqlite3_column_bytes(st, i), oom);
}

void *arch_col_blobdup(sqlite3_stmt *st, int i, size_t *len, int *oom)
{
    const void *p = sqlite3_column_blob(st, i);
    int n = sqlite3_column_bytes(st, i);
    char *d = dup_bytes(p, n, oom);
    if (d && len)
        *len = (size_t)n;
    return d;
}

double arch_col_double(sqlite3_stmt *st, int i)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NAN;
    return sqlite3_column_double(st, i);
}

void arch_col_copy(sqlite3_stmt *st, int i, char *buf, size_t n)
{
    const unsigned char *s = sqlite3_column_text(st, i);
    snprintf(buf, n, "%s", s ? (const char *)s : "");
}

ces_status arch_op_begin(ces_archive *a, arch_op *op)
{
    op->own_tx = sqlite3_get_autocommit(a->db) != 0;
    op->savepoint = 0;
    if (op->own_tx)
        return ces_archive_begin(a);
    ces_status st = arch_exec(a, "SAVEPOINT ces_op");
    if (st == CES_OK)
        op->savepoint = 1;
    return st;
}

ces_status arch_op_end(ces_archive *a, arch_op *op, ces_status st)
{
    if (op->own_tx) {
        if (st == CES_OK)
            return ces_archive_commit(a);
        ces_archive_rollback(a);
        return st;
    }
    if (!op->savepoint)
        return st;
    if (st != CES_OK) {
        arch_exec_quiet(a, "ROLLBACK TO ces_op");
        arch_exec_quiet(a, "RELEASE ces_op");
        return st;
    }
    return arch_exec(a, "RELEASE ces_op");
}

/* ---- public: transactions and lifetime ---- */

ces_status ces_archive_begin(ces_archive *a) { return arch_exec(a, "BEGIN IMMEDIATE"); }

ces_status ces_archive_commit(ces_archive *a)
{
    int rc = sqlite3_exec(a->db, "COMMIT", NULL, NULL, NULL);
    ces_status st = CES_OK;
    if ((rc & 0xff) == SQLITE_BUSY) /* a reader held the file past the busy timeout */
        st = arch_fail(a, CES_ERR_CONFLICT,
                       "database is locked: %s is read by another process, so the transaction could "
                       "not commit (waited %d ms); nothing was written",
                       a->path ? a->path : "archive", a->busy_ms);
    else if (rc != SQLITE_OK)
        st = arch_sqlite_fail(a, rc);
    if (st != CES_OK)
        ces_archive_rollback(a);
    return st;
}

void ces_archive_rollback(ces_archive *a)
{
    if (a && a->db && !sqlite3_get_autocommit(a->db))
        arch_exec_quiet(a, "ROLLBACK");
}

void arch_exec_quiet(ces_archive *a, const char *sql)
{
    if (a && a->db)
        sqlite3_exec(a->db, sql, NULL, NULL, NULL);
}

void ces_archive_set_jobs(ces_archive *a, unsigned jobs) { a->jobs = jobs; }

void ces_archive_close(ces_archive *a)
{
    if (!a)
        return;
    ces_archive_rollback(a);
    sqlite3_close(a->db);
    free(a->path);
    free(a);
}

/* ---- enum ids ---- */

static const char *const FILE_KIND_IDS[CES_FILE_COUNT] = {
    "companies", "complaints", "statistics", "qualitative", "mediation", "deductions", "prior", "cases"};

const char *arch_file_kind_id(ces_file_kind k)
{
    return (unsigned)k < CES_FILE_COUNT ? FILE_KIND_IDS[k] : NULL;
}

int arch_file_kind_parse(const char *s)
{
    for (int k = 0; s && k < CES_FILE_COUNT; k++)
        if (!strcmp(s, FILE_KIND_IDS[k]))
            return k;
    return -1;
}
