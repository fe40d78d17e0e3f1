/* archive: a record's table written and read from its descriptor
 * (records.h). The table's columns are the key columns that place a row,
 * then the record's fields in list order (docs/archive-schema.md, "Records"). */
#ifndef CESCORE_ARCHIVE_RECORDS_H
#define CESCORE_ARCHIVE_RECORDS_H

#include "archive_db.h"
#include "cescore/buf.h"
#include "cescore/records.h"

/* How the rows of a list are keyed: keys are the key columns before the
 * fields (the owner's id and the row's number); where selects a list (its
 * import or run: ?2, or its period: ?1); order numbers its rows; what names
 * the list's owner in errors (NULL: the table). */
typedef struct {
    const char *keys, *where, *order, *what;
} arch_keying;

extern const arch_keying ARCH_BY_IMPORT_SEQ;   /* (import_id, seq): an input file's rows */
extern const arch_keying ARCH_BY_RUN_POSITION; /* (run_id, position): a run's lists */

/* "INSERT INTO <table> (<keys>, <columns>) VALUES (?1, ...)": keys take the
 * first parameters, the fields the rest. */
ces_status arch_rec_prepare_insert(ces_archive *a, const ces_record *rec, const char *keys,
                                   sqlite3_stmt **st);
/* Bind the row's fields to parameters first, first + 1, ... (enums as ids). */
void arch_rec_bind(sqlite3_stmt *st, int first, const ces_record *rec, const void *row);
/* Read columns first, first + 1, ... into the row's fields (strings
 * malloc'ed); an enum id this engine does not know -> CES_ERR_INTERNAL. */
ces_status arch_rec_fill(ces_archive *a, sqlite3_stmt *st, int first, const ces_record *rec, void *row);
/* Append the record's columns, each after prefix ("i."), with ", " between. */
void arch_rec_columns(ces_buf *b, const ces_record *rec, const char *prefix);
/* arch_each_row of the SQL in *sql (which is freed); CES_ERR_NOMEM when
 * building it ran out of memory. */
ces_status arch_rec_each_row(ces_archive *a, ces_buf *sql, long num, arch_row_fn fn, void *ctx);

/* Insert rows[0..n) of owner_id, row i keyed (owner_id, i). */
ces_status arch_rec_insert_array(ces_archive *a, const ces_record *rec, const arch_keying *k,
                                 long owner_id, const void *rows, size_t n);
/* The rows k->where selects (text binds ?1, num ?2) in order, as a new array
 * (NULL when none) and its length in *n; as arch_load_array: nothing is done
 * when *st is not CES_OK on entry, and on failure the array comes back
 * partly filled for the caller to free. */
void *arch_rec_load_array(ces_archive *a, const ces_record *rec, const arch_keying *k, const char *text,
                          long num, size_t *n, ces_status *st);

#endif
