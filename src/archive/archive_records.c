/* archive: SQL of a record's table from its descriptor (archive_records.h).
 * The CREATE TABLE statements stay the literal ones of archive_schema.c (an
 * archive holds the text it was created with); test_records checks that
 * every table's columns are its record's fields. */
#include <stdlib.h>
#include <string.h>

#include "archive_records.h"

const arch_keying ARCH_BY_IMPORT_SEQ = {"import_id, seq", "import_id = ?2", "seq", "import"};
const arch_keying ARCH_BY_RUN_POSITION = {"run_id, position", "run_id = ?2", "position", "run"};

static ces_status sql_built(ces_archive *a, ces_buf *sql)
{
    if (!sql->oom)
        return CES_OK;
    ces_buf_free(sql);
    return arch_fail(a, CES_ERR_NOMEM, "out of memory");
}

void arch_rec_columns(ces_buf *b, const ces_record *rec, const char *prefix)
{
    for (size_t i = 0; i < rec->n; i++)
        ces_buf_printf(b, "%s%s%s", i ? ", " : "", prefix, rec->fields[i].column);
}

ces_status arch_rec_prepare_insert(ces_archive *a, const ces_record *rec, const char *keys,
                                   sqlite3_stmt **st)
{
    size_t n = rec->n + 1;
    for (const char *k = keys; *k; k++)
        n += *k == ',';
    ces_buf sql = {0};
    ces_buf_printf(&sql, "INSERT INTO %s (%s, ", rec->table, keys);
    arch_rec_columns(&sql, rec, "");
    ces_buf_printf(&sql, ") VALUES (");
    for (size_t i = 1; i <= n; i++)
        ces_buf_printf(&sql, "%s?%zu", i > 1 ? ", " : "", i);
    ces_buf_printf(&sql, ")");
    ces_status res = sql_built(a, &sql);
    if (res != CES_OK) {
        *st = NULL;
        return res;
    }
    res = arch_prepare(a, sql.p, st);
    ces_buf_free(&sql);
    return res;
}

void arch_rec_bind(sqlite3_stmt *st, int first, const ces_record *rec, const void *row)
{
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        int p = first + (int)i;
        if (ces_field_is_text(f))
            arch_bind_text(st, p, ces_field_text(f, row));
        else if (f->type == CES_FT_DBL)
            arch_bind_double(st, p, ces_field_dbl(f, row));
        else
            sqlite3_bind_int64(st, p, ces_field_int(f, row));
    }
}

/* An enum column's id into the field. */
static ces_status fill_enum(ces_archive *a, sqlite3_stmt *st, int col, const ces_field *f, void *row)
{
    const char *s = (const char *)sqlite3_column_text(st, col);
    int v = f->en->parse(s);
    if (v < 0)
        return arch_fail(a, CES_ERR_INTERNAL, "archive holds an unknown %s \"%s\"", f->en->what,
                         s ? s : "");
    ces_field_set_int(f, row, v);
    return CES_OK;
}

ces_status arch_rec_fill(ces_archive *a, sqlite3_stmt *st, int first, const ces_record *rec, void *row)
{
    int oom = 0;
    ces_status res = CES_OK;
    for (size_t i = 0; res == CES_OK && i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        int col = first + (int)i;
        if (f->type == CES_FT_STR)
            ces_field_set_str(f, row, arch_col_strdup(st, col, &oom));
        else if (f->type == CES_FT_CHARS)
            ces_field_copy_text(f, row, (const char *)sqlite3_column_text(st, col));
        else if (f->type == CES_FT_ENUM)
            res = fill_enum(a, st, col, f, row);
        else if (f->type == CES_FT_DBL)
            ces_field_set_dbl(f, row, arch_col_double(st, col));
        else
            ces_field_set_int(f, row, sqlite3_column_int64(st, col));
    }
    return res == CES_OK ? arch_oom_or_ok(a, oom) : res;
}

ces_status arch_rec_each_row(ces_archive *a, ces_buf *sql, long num, arch_row_fn fn, void *ctx)
{
    ces_status res = sql_built(a, sql);
    if (res == CES_OK)
        res = arch_each_row(a, sql->p, NULL, num, fn, ctx);
    ces_buf_free(sql);
    return res;
}

ces_status arch_rec_insert_array(ces_archive *a, const ces_record *rec, const arch_keying *k,
                                 long owner_id, const void *rows, size_t n)
{
    sqlite3_stmt *st;
    ces_status res = arch_rec_prepare_insert(a, rec, k->keys, &st);
    for (size_t i = 0; res == CES_OK && i < n; i++) {
        sqlite3_bind_int64(st, 1, owner_id);
        sqlite3_bind_int64(st, 2, (sqlite3_int64)i);
        arch_rec_bind(st, 3, rec, (const char *)rows + rec->size * i);
        res = arch_exec_stmt(a, st);
    }
    sqlite3_finalize(st);
    return res;
}

/* ---- loading a list ---- */

/* What load_row needs besides the row. */
typedef struct {
    const ces_record *rec;
    const arch_keying *k;
    const char *text; /* the list's keys: ?1 and ?2 */
    long num;
    char *rows;
    size_t n, i;
} list_ctx;

static ces_status rows_changed(ces_archive *a, const list_ctx *x)
{
    const char *what = x->k->what ? x->k->what : x->rec->table;
    if (x->num)
        return arch_fail(a, CES_ERR_INTERNAL, "archive: rows changed while loading %s %ld", what,
                         x->num);
    return arch_fail(a, CES_ERR_INTERNAL, "archive: rows changed while loading %s%s%s", what,
                     x->text ? " of " : "", x->text ? x->text : "");
}

/* arch_row_fn: the next row of the list */
static ces_status load_row(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    list_ctx *x = ctx;
    if (x->i == x->n)
        return rows_changed(a, x);
    return arch_rec_fill(a, st, 0, x->rec, x->rows + x->rec->size * x->i++);
}

/* The number of rows of the list: what the array is allocated for. */
static ces_status count_rows(ces_archive *a, const list_ctx *x, long *count)
{
    ces_buf sql = {0};
    ces_buf_printf(&sql, "SELECT count(*) FROM %s WHERE %s", x->rec->table, x->k->where);
    ces_status res = sql_built(a, &sql);
    if (res == CES_OK)
        res = arch_query_long(a, sql.p, x->text, x->num, 0, count);
    ces_buf_free(&sql);
    return res;
}

static ces_status load_list(ces_archive *a, list_ctx *x)
{
    long count;
    ces_status res = count_rows(a, x, &count);
    if (res != CES_OK || count == 0)
        return res;
    if (!(x->rows = calloc((size_t)count, x->rec->size)))
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    x->n = (size_t)count; /* zeroed rows free cleanly on failure */
    ces_buf sql = {0};
    ces_buf_printf(&sql, "SELECT ");
    arch_rec_columns(&sql, x->rec, "");
    ces_buf_printf(&sql, " FROM %s WHERE %s ORDER BY %s", x->rec->table, x->k->where, x->k->order);
    res = sql_built(a, &sql);
    if (res == CES_OK)
        res = arch_each_row(a, sql.p, x->text, x->num, load_row, x);
    ces_buf_free(&sql);
    return res == CES_OK && x->i != x->n ? rows_changed(a, x) : res;
}

void *arch_rec_load_array(ces_archive *a, const ces_record *rec, const arch_keying *k, const char *text,
                          long num, size_t *n, ces_status *st)
{
    list_ctx x = {rec, k, text, num, NULL, 0, 0};
    if (*st == CES_OK)
        *st = load_list(a, &x);
    *n = x.n;
    return x.rows;
}
