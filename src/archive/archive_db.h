/* archive: private declarations shared by the archive_*.c files. The
 * connection handle, error reporting ("sqlite: <message>"), statement and
 * binding helpers, and the operation wrapper that keeps every write atomic. */
#ifndef CESCORE_ARCHIVE_DB_H
#define CESCORE_ARCHIVE_DB_H

#include <sqlite3.h>
#include <stddef.h>
#include <stdint.h>

#include "cescore/archive.h"

#define ARCH_DEFAULT_BUSY_MS 5000
#define ARCH_BUSY_ENV "CESCORE_BUSY_TIMEOUT_MS"

struct ces_archive {
    sqlite3 *db;
    char *path;
    int busy_ms;
    unsigned jobs;    /* ces_archive_set_jobs */
    ces_diags *diags; /* the caller's, given to ces_archive_open: every failure is added */
};

/* Add the connection's last error to a->diags; SQLITE_BUSY/LOCKED ->
 * CES_ERR_CONFLICT "database is locked", anything else CES_ERR_IO. */
ces_status arch_sqlite_fail(ces_archive *a, int rc);
/* Add an error formatted from fmt to a->diags and return st. */
ces_status arch_fail(ces_archive *a, ces_status st, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/* CES_ERR_NOMEM "out of memory" when oom is set, else CES_OK. */
ces_status arch_oom_or_ok(ces_archive *a, int oom);

ces_status arch_prepare(ces_archive *a, const char *sql, sqlite3_stmt **st);
/* Step a statement that returns no row; resets it and clears its bindings. */
ces_status arch_exec_stmt(ces_archive *a, sqlite3_stmt *st);
/* Run constant SQL (no values) such as "BEGIN IMMEDIATE". */
ces_status arch_exec(ces_archive *a, const char *sql);
/* The same for the undo of a failed step (ROLLBACK ...): its own failure is
 * secondary to the one being undone and is not reported. */
void arch_exec_quiet(ces_archive *a, const char *sql);
/* Keyed statements: every query below binds an optional text key to ?1 and
 * an optional integer key to ?2 (each only when the statement has that many
 * parameters; a NULL text binds SQL NULL). */
ces_status arch_prepare_keyed(ces_archive *a, const char *sql, const char *text, long num,
                              sqlite3_stmt **st);
/* Run "SELECT <one integer>". *out = dflt when there is no row or NULL. */
ces_status arch_query_long(ces_archive *a, const char *sql, const char *text, long num, long dflt,
                           long *out);

/* Binding helpers: NULL strings bind SQL NULL; doubles bind -0.0 as 0.0 and
 * NaN as NULL (SQLite would turn NaN into NULL anyway). */
int arch_bind_text(sqlite3_stmt *st, int i, const char *s);
int arch_bind_double(sqlite3_stmt *st, int i, double v);
int arch_bind_int64(sqlite3_stmt *st, int i, int64_t v);
/* Column helpers: NULL -> NULL string / NaN double. Strings are malloc'ed;
 * arch_col_strdup sets *oom when allocation fails. */
char *arch_col_strdup(sqlite3_stmt *st, int i, int *oom);
/* A blob column as a malloc'ed copy with a NUL after it, its length in *len
 * (when len is not NULL); NULL and *oom = 1 when allocation fails. */
void *arch_col_blobdup(sqlite3_stmt *st, int i, size_t *len, int *oom);
double arch_col_double(sqlite3_stmt *st, int i);
/* Copy a text column into buf (truncating), "" when NULL. */
void arch_col_copy(sqlite3_stmt *st, int i, char *buf, size_t n);

/* Reads the statement's current row into ctx (an element, a struct of
 * outputs...); a failure stops the read that called it. */
typedef ces_status (*arch_row_fn)(ces_archive *a, sqlite3_stmt *st, void *ctx);
/* Step sql once: when it yields a row, *found = 1 and fn reads it. */
ces_status arch_query_row(ces_archive *a, const char *sql, const char *text, long num, arch_row_fn fn,
                          void *ctx, int *found);
/* Call fn for every row of sql, stopping at its first failure. */
ces_status arch_each_row(ces_archive *a, const char *sql, const char *text, long num, arch_row_fn fn,
                         void *ctx);

/* A table read into an array: count_sql counts the rows select_sql returns
 * (in order); fill reads one row into a zeroed element of elem_size bytes;
 * what names the rows' owner in the "rows changed" error ("import", "run"). */
typedef struct {
    const char *count_sql, *select_sql;
    size_t elem_size;
    arch_row_fn fill;
    const char *what;
} arch_table;
/* Load t into a new array and return it (NULL when there are no rows) with
 * its length in *n; *st receives the outcome and, when it is not CES_OK on
 * entry, nothing is done (NULL). A row count that differs from count_sql ->
 * CES_ERR_INTERNAL. On failure the array comes back partly filled (zeroed
 * past what was read) for the caller to free. */
void *arch_load_array(ces_archive *a, const arch_table *t, const char *text, long num, size_t *n,
                      ces_status *st);

/* One write operation: BEGIN IMMEDIATE when the caller has no transaction
 * open, else a SAVEPOINT inside the caller's transaction, so that a failing
 * operation leaves nothing behind either way. arch_op_end commits/releases
 * on CES_OK and rolls back otherwise; it returns the final status. */
typedef struct {
    int own_tx;
    int savepoint;
} arch_op;
ces_status arch_op_begin(ces_archive *a, arch_op *op);
ces_status arch_op_end(ces_archive *a, arch_op *op, ces_status st);

/* enum <-> id helpers for the archive's text columns; -1 when unknown */
int arch_file_kind_parse(const char *id);       /* "companies" -> CES_FILE_COMPANIES */
const char *arch_file_kind_id(ces_file_kind k); /* "companies" */

#endif
