/* archive: connection, errors, statement helpers, atomic operations. */
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive/archive_db.h"

ces_status arch_fail(ces_archive *a, ces_status st, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(a->err, sizeof a->err, fmt, ap);
    va_end(ap);
    return st;
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

ces_status arch_query_long(ces_archive *a, const char *sql, const char *text, long num,
                           long dflt, long *out)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a, sql, &st);
    if (res != CES_OK)
        return res;
    int np = sqlite3_bind_parameter_count(st);
    if (np >= 1)
        arch_bind_text(st, 1, text);
    if (np >= 2)
        sqlite3_bind_int64(st, 2, num);
    *out = dflt;
    int rc = sqlite3_step(st);
    if (rc == SQLITE_ROW) {
        if (sqlite3_column_type(st, 0) != SQLITE_NULL)
            *out = (long)sqlite3_column_int64(st, 0);
    } else if (rc != SQLITE_DONE) {
        res = arch_sqlite_fail(a, rc);
    }
    sqlite3_finalize(st);
    return res;
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

char *arch_col_strdup(sqlite3_stmt *st, int i, int *oom)
{
    if (sqlite3_column_type(st, i) == SQLITE_NULL)
        return NULL;
    const unsigned char *s = sqlite3_column_text(st, i);
    int n = sqlite3_column_bytes(st, i);
    char *p = malloc((size_t)n + 1);
    if (!p) {
        *oom = 1;
        return NULL;
    }
    if (n > 0)
        memcpy(p, s, (size_t)n);
    p[n] = '\0';
    return p;
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
        /* keep the first error message: the rollback's own status is secondary */
        char keep[sizeof a->err];
        memcpy(keep, a->err, sizeof keep);
        arch_exec(a, "ROLLBACK TO ces_op");
        arch_exec(a, "RELEASE ces_op");
        memcpy(a->err, keep, sizeof keep);
        return st;
    }
    return arch_exec(a, "RELEASE ces_op");
}

/* ---- public: transactions and lifetime ---- */

ces_status ces_archive_begin(ces_archive *a)
{
    return arch_exec(a, "BEGIN IMMEDIATE");
}

ces_status ces_archive_commit(ces_archive *a)
{
    ces_status st = arch_exec(a, "COMMIT");
    if (st != CES_OK && !sqlite3_get_autocommit(a->db)) {
        char keep[sizeof a->err];
        memcpy(keep, a->err, sizeof keep);
        ces_archive_rollback(a);
        memcpy(a->err, keep, sizeof keep);
    }
    return st;
}

void ces_archive_rollback(ces_archive *a)
{
    if (a && a->db && !sqlite3_get_autocommit(a->db))
        sqlite3_exec(a->db, "ROLLBACK", NULL, NULL, NULL);
}

const char *ces_archive_errmsg(const ces_archive *a)
{
    return a ? a->err : "archive not open";
}

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
    "companies", "complaints", "statistics", "qualitative",
    "mediation", "deductions", "prior", "cases"
};

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

int arch_excl_reason_parse(const char *s)
{
    for (int r = CES_EXCL_EXCLUDED_TYPE; s && r <= CES_EXCL_NOT_OPEN_FULL_YEAR; r++) {
        const char *id = ces_excl_reason_id((ces_excl_reason)r);
        if (id && !strcmp(s, id))
            return r;
    }
    return -1;
}
