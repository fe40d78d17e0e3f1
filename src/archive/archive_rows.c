/* archive: insert and load the parsed rows of an import. Each input file's
 * rows are a table of their record (records.h) keyed by import_id and seq
 * (the row's index in its file's rows); loading orders by seq, which
 * reproduces the dataset's arrays exactly. The qualitative rows' established
 * items have a table of their own. */
#include <stdio.h>
#include <stdlib.h>

#include "archive_db.h"
#include "archive_records.h"
#include "archive_rows.h"

/* ---- insert ---- */

/* Schema v5: the established items of a qualitative row as one text, each
 * item "checklist:index:value", separated by spaces, in checklist then index
 * order; a row without established items has none. (Imports stored before
 * v5 have one qualitative_items row per established item instead.) */
#define CHECKLIST_INSERT_SQL                                                                            \
    "INSERT INTO qualitative_checklists (import_id, seq, items) VALUES (?1, ?2, ?3)"

static ces_status insert_checklist(ces_archive *a, sqlite3_stmt *st, long id, size_t seq,
                                   const ces_qualitative_row *q)
{
    char items[2 * CES_MAX_ITEMS * 12 + 1];
    size_t n = 0;
    for (int c = 0; c < 2; c++)
        for (int k = 0; k < CES_MAX_ITEMS; k++)
            if (q->established[c][k])
                n += (size_t)snprintf(items + n, sizeof items - n, "%s%d:%d:%u", n ? " " : "", c, k,
                                      q->established[c][k]);
    if (!n)
        return CES_OK;
    sqlite3_bind_int64(st, 1, id);
    sqlite3_bind_int64(st, 2, (sqlite3_int64)seq);
    sqlite3_bind_text(st, 3, items, (int)n, SQLITE_STATIC);
    return arch_exec_stmt(a, st);
}

/* The established items of every qualitative row (after the rows: they
 * reference them). */
static ces_status insert_items(ces_archive *a, long id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(a, CHECKLIST_INSERT_SQL, &st);
    for (size_t i = 0; res == CES_OK && i < ds->n_qualitative; i++)
        res = insert_checklist(a, st, id, i, &ds->qualitative[i]);
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

/* arch_row_fn: a qualitative_checklists row (seq, items) marks the items of
 * an already loaded row of the dataset ctx; a malformed or out of range
 * item -> CES_ERR_INTERNAL, which load_items words. */
static ces_status load_checklist(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    ces_dataset *ds = ctx;
    sqlite3_int64 seq = sqlite3_column_int64(st, 0);
    const char *p = (const char *)sqlite3_column_text(st, 1);
    (void)a;
    if (!p || seq < 0 || (size_t)seq >= ds->n_qualitative)
        return CES_ERR_INTERNAL;
    while (*p) {
        char *end;
        long c = strtol(p, &end, 10);
        long k = *end == ':' ? strtol(end + 1, &end, 10) : -1;
        long v = *end == ':' ? strtol(end + 1, &end, 10) : -1;
        if (c < 0 || c > 1 || k < 0 || k >= CES_MAX_ITEMS || v < 1 || v > 255 || (*end && *end != ' '))
            return CES_ERR_INTERNAL;
        ds->qualitative[seq].established[c][k] = (unsigned char)v;
        p = *end ? end + 1 : end;
    }
    return CES_OK;
}

/* The established items of every qualitative row of import_id: its
 * qualitative_checklists (schema v5) or, for an import stored before,
 * its qualitative_items rows. */
static ces_status load_items(ces_archive *a, long import_id, ces_dataset *out)
{
    ces_status st = arch_each_row(a,
                                  "SELECT seq, checklist, item_index, established FROM qualitative_items"
                                  " WHERE import_id = ?2",
                                  NULL, import_id, load_item, out);
    if (st == CES_OK)
        st = arch_each_row(a, "SELECT seq, items FROM qualitative_checklists WHERE import_id = ?2", NULL,
                           import_id, load_checklist, out);
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
