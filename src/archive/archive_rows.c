/* archive: insert and load the parsed rows of an import. Each input file's
 * rows are a table of their record (records.h) keyed by import_id and seq
 * (the row's index in its file's rows); loading orders by seq, which
 * reproduces the dataset's arrays exactly. The qualitative rows' established
 * items have a table of their own. */
#include "archive_rows.h"
#include "archive_db.h"
#include "archive_records.h"

/* ---- insert ---- */

/* The table of the established items of the qualitative rows: an item
 * without a row is not established. */
#define ITEM_INSERT_SQL                                                                                 \
    "INSERT INTO qualitative_items (import_id, seq, line, code, checklist, item_index,"                 \
    " established) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"

static ces_status insert_item(ces_archive *a, sqlite3_stmt *st, long id, size_t seq,
                              const ces_qualitative_row *q, int c, int k)
{
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)seq);
    sqlite3_bind_int64(st, 3, q->line);
    arch_bind_text(st, 4, q->code);
    sqlite3_bind_int(st, 5, c);
    sqlite3_bind_int(st, 6, k);
    sqlite3_bind_int(st, 7, q->established[c][k]);
    return arch_exec_stmt(a, st);
}

/* The established items of every qualitative row (after the rows: they
 * reference them). */
static ces_status insert_items(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a, ITEM_INSERT_SQL, &st);
    for (size_t i = 0; res == CES_OK && i < ds->n_qualitative; i++) {
        const ces_qualitative_row *q = &ds->qualitative[i];
        for (int c = 0; res == CES_OK && c < 2; c++)
            for (int k = 0; res == CES_OK && k < CES_MAX_ITEMS; k++)
                if (q->established[c][k])
                    res = insert_item(a, st, id, i, q, c, k);
    }
    sqlite3_finalize(st);
    return res;
}

ces_status arch_insert_rows(ces_archive *a, long import_id, const ces_dataset *ds)
{
    ces_status st = CES_OK;
    for (int k = 0; st == CES_OK && k < CES_FILE_COUNT; k++) {
        const ces_record *rec = ces_dataset_record((ces_file_kind)k);
        size_t n;
        const void *rows = ces_dataset_rows(ds, (ces_file_kind)k, &n);
        if (rec)
            st = arch_rec_insert_array(a, rec, &ARCH_BY_IMPORT_SEQ, import_id, rows, n);
    }
    if (st == CES_OK)
        st = insert_items(a, import_id, ds);
    return st;
}

/* ---- load ---- */

/* arch_row_fn: a qualitative_items row (seq, checklist, item_index,
 * established) marks an item of an already loaded row of the dataset ctx;
 * out of range -> CES_ERR_INTERNAL, which load_items words. */
static ces_status load_item(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    ces_dataset *ds = ctx;
    sqlite3_int64 seq = sqlite3_column_int64(st, 0);
    int c = sqlite3_column_int(st, 1), k = sqlite3_column_int(st, 2);
    (void)a;
    if (seq < 0 || (size_t)seq >= ds->n_qualitative || c < 0 || c > 1 || k < 0 || k >= CES_MAX_ITEMS)
        return CES_ERR_INTERNAL;
    ds->qualitative[seq].established[c][k] = (unsigned char)sqlite3_column_int(st, 3);
    return CES_OK;
}

/* The established items of every qualitative row of import_id. */
static ces_status load_items(ces_archive *a, long import_id, ces_dataset *out)
{
    ces_status st = arch_each_row(a,
                                  "SELECT seq, checklist, item_index, established FROM qualitative_items"
                                  " WHERE import_id = ?2",
                                  NULL, import_id, load_item, out);
    if (st == CES_ERR_INTERNAL)
        return arch_fail(a, st, "archive: qualitative item out of range in import %ld", import_id);
    return st;
}

ces_status arch_load_rows(ces_archive *a, long id, ces_dataset *out)
{
    ces_status st = CES_OK;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_record *rec = ces_dataset_record((ces_file_kind)k);
        if (!rec)
            continue;
        size_t n;
        void *rows = arch_rec_load_array(a, rec, &ARCH_BY_IMPORT_SEQ, NULL, id, &n, &st);
        ces_dataset_set_rows(out, (ces_file_kind)k, rows, n);
    }
    if (st == CES_OK)
        st = load_items(a, id, out);
    return st;
}
