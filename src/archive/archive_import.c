/* archive: storing a bundle as an import (files and parsed rows) and
 * deciding between reuse, a new version and a conflict. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_accept.h"
#include "archive_canon.h"
#include "archive_chunks.h"
#include "archive_db.h"
#include "archive_import.h"
#include "archive_rows.h"
#include "cescore/i18n.h"

#include "cescore/sha256.h"

/* ---- comparing with the latest import ---- */

/* arch_row_fn: columns 0 and 1 into the long[2] ctx */
static ces_status read_two_longs(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    long *v = ctx;
    (void)a;
    v[0] = (long)sqlite3_column_int64(st, 0);
    v[1] = (long)sqlite3_column_int64(st, 1);
    return CES_OK;
}

/* The latest import of period and its version (0 and 0 when none). */
static ces_status latest_of_period(ces_archive *a, const char *period, long *id, long *version)
{
    long v[2] = {0, 0};
    int found;
    ces_status res = arch_query_row(
        a, "SELECT id, version FROM imports WHERE period = ?1 ORDER BY version DESC LIMIT 1", period, 0,
        read_two_longs, v, &found);
    *id = v[0];
    *version = v[1];
    return res;
}

/* *same = 1 when import_id holds exactly the present files of sha[] (kind + sha256). */
static ces_status same_files(ces_archive *a, long import_id, const ces_dataset *ds,
                             char sha[CES_FILE_COUNT][65], int *same)
{
    ces_input_file stored[CES_FILE_COUNT];
    memset(stored, 0, sizeof stored);
    ces_status res = arch_load_files(a, import_id, stored, 0);
    if (res != CES_OK)
        return res;
    *same = 1;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const char *h = ds->files[k].header, *sh = stored[k].header;
        if (!ds->files[k].present != !stored[k].present ||
            (stored[k].present && strcmp(stored[k].sha256, sha[k])) || !h != !sh || (h && strcmp(h, sh)))
            *same = 0;
        free(stored[k].header);
    }
    return CES_OK;
}

static ces_status check_not_finalized(ces_archive *a, const char *period)
{
    long run_id;
    ces_status st = ces_archive_finalized_run(a, period, &run_id);
    if (st == CES_OK && run_id)
        return arch_fail(a, CES_ERR_CONFLICT, "period %s is finalized (run %ld); its inputs are frozen",
                         period, run_id);
    return st;
}

/* ---- writing a new import ---- */

static ces_status insert_import_row(ces_archive *a, const arch_import_meta *m, long chain_pos,
                                    const char *prev_hash, const char *hash)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a,
        "INSERT INTO imports (id, period, version, time, operator, chain_pos, prev_hash, hash)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
        &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, m->id);
    arch_bind_text(st, 2, m->period);
    sqlite3_bind_int(st, 3, m->version);
    arch_bind_text(st, 4, m->time);
    arch_bind_text(st, 5, m->operator_name);
    sqlite3_bind_int64(st, 6, chain_pos);
    arch_bind_text(st, 7, prev_hash);
    arch_bind_text(st, 8, hash);
    res = arch_exec_stmt(a, st);
    sqlite3_finalize(st);
    return res;
}

/* Schema v3: how a streamed file's header was read. */
static ces_status insert_header(ces_archive *a, long import_id, ces_file_kind k, const char *columns)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a, "INSERT INTO import_headers (import_id, kind, columns) VALUES (?1, ?2, ?3)", &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, import_id);
    arch_bind_text(st, 2, arch_file_kind_id(k));
    arch_bind_text(st, 3, columns);
    res = arch_exec_stmt(a, st);
    sqlite3_finalize(st);
    return res;
}

static ces_status insert_files(ces_archive *a, long import_id, const ces_dataset *ds)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a,
        "INSERT INTO import_files (import_id, kind, name, bytes, sha256, encoding, row_count)"
        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        &st);
    for (int k = 0; res == CES_OK && k < CES_FILE_COUNT; k++) {
        const ces_input_file *f = &ds->files[k];
        int streamed = ces_file_streamed((ces_file_kind)k);
        if (!f->present)
            continue;
        sqlite3_bind_int64(st, 1, import_id);
        arch_bind_text(st, 2, arch_file_kind_id((ces_file_kind)k));
        arch_bind_text(st, 3, ces_file_name((ces_file_kind)k));
        if (streamed) /* its bytes go into import_file_chunks, below */
            sqlite3_bind_blob64(st, 4, "", 0, SQLITE_STATIC);
        else
            sqlite3_bind_blob64(st, 4, f->bytes ? (const void *)f->bytes : (const void *)"",
                                f->bytes ? f->len : 0, SQLITE_STATIC);
        arch_bind_text(st, 5, f->sha256);
        arch_bind_text(st, 6, f->encoding);
        sqlite3_bind_int64(st, 7, (sqlite3_int64)f->rows);
        res = arch_exec_stmt(a, st);
        if (res == CES_OK && streamed)
            res = arch_chunks_store(a, import_id, (ces_file_kind)k, f);
        if (res == CES_OK && f->header)
            res = insert_header(a, import_id, (ces_file_kind)k, f->header);
    }
    sqlite3_finalize(st);
    return res;
}

/* The digest of each present file: computed here from the bytes held, or,
 * for a file read as a stream, the one ingest computed (checked again while
 * its bytes are stored, arch_chunks_store). */
static ces_status file_digests(ces_archive *a, ces_dataset *copy, char sha[CES_FILE_COUNT][65])
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        ces_input_file *f = &copy->files[k];
        const char *name = ces_file_name((ces_file_kind)k);
        sha[k][0] = '\0';
        if (!f->present)
            continue;
        if (ces_file_streamed((ces_file_kind)k) && !f->bytes && f->path) {
            if (strlen(f->sha256) != 64)
                return arch_fail(a, CES_ERR_INTERNAL, "archive import: %s was not read", name);
            memcpy(sha[k], f->sha256, 65);
            continue;
        }
        if (ces_sha256_hex(f->bytes, f->bytes ? f->len : 0, sha[k]) != CES_OK)
            return arch_fail(a, CES_ERR_INTERNAL, "cannot compute the sha256 of %s", name);
        memcpy(f->sha256, sha[k], sizeof sha[k]);
    }
    return CES_OK;
}

static ces_status store_new_import(ces_archive *a, const ces_dataset *ds, const char *period,
                                   long version, const char *operator_name, const char *time,
                                   const ces_acceptance *acc, long *import_id)
{
    arch_import_meta m = {.period = period,
                          .version = (int)version,
                          .time = time,
                          .operator_name = operator_name,
                          .acceptance = acc};
    long chain_pos;
    char prev[65], hash[65];
    ces_status st = arch_chain_reserve(a, "SELECT COALESCE(MAX(id), 0) + 1 FROM imports", &m.id,
                                       &chain_pos, prev);
    if (st != CES_OK)
        return st;
    if ((st = arch_chain_seal_import(a, &m, ds, prev, hash)) != CES_OK)
        return st;
    st = insert_import_row(a, &m, chain_pos, prev, hash);
    if (st == CES_OK)
        st = insert_files(a, m.id, ds);
    if (st == CES_OK)
        st = arch_insert_rows(a, m.id, ds);
    if (st == CES_OK && acc)
        st = arch_insert_acceptance(a, m.id, acc);
    if (st == CES_OK)
        *import_id = m.id;
    return st;
}

ces_status arch_same_files(ces_archive *a, long import_id, const ces_dataset *ds, int *same)
{
    ces_dataset copy = *ds;
    char sha[CES_FILE_COUNT][65];
    ces_status st = file_digests(a, &copy, sha);
    return st == CES_OK ? same_files(a, import_id, &copy, sha, same) : st;
}

/* 1 when the acceptance stored with import_id names exactly acc's findings. */
static ces_status accepted_alike(ces_archive *a, long import_id, const ces_acceptance *acc, int *alike)
{
    ces_acceptance stored;
    int found = 0;
    ces_status st = ces_archive_acceptance(a, import_id, &stored, &found);
    *alike = st == CES_OK && found && ces_findings_equal(&stored.findings, &acc->findings);
    ces_acceptance_free(&stored);
    return st;
}

ces_status ces_archive_import(ces_archive *a, const ces_dataset *ds, const char *operator_name,
                              const char *time, int replace, long *import_id, int *reused)
{
    return ces_archive_import_accepted(a, ds, operator_name, time, replace, NULL, import_id, reused);
}

ces_status ces_archive_import_accepted(ces_archive *a, const ces_dataset *ds, const char *operator_name,
                                       const char *time, int replace, const ces_acceptance *acc,
                                       long *import_id, int *reused)
{
    if (acc && !acc->findings.n)
        acc = NULL;
    *import_id = 0;
    *reused = 0;
    if (!operator_name || !*operator_name || !time || !*time)
        return arch_fail(a, CES_ERR_INTERNAL, "archive import: operator and time are required");
    char period[8];
    ces_period_format(ds->period, period);
    /* the archive records the digest of the bytes it stores */
    ces_dataset copy = *ds;
    char sha[CES_FILE_COUNT][65];
    ces_status st = file_digests(a, &copy, sha);
    if (st != CES_OK)
        return st;
    arch_op op;
    st = arch_op_begin(a, &op);
    if (st != CES_OK)
        return st;
    long latest = 0, version = 0;
    int same = 0;
    st = latest_of_period(a, period, &latest, &version);
    if (st == CES_OK && latest)
        st = same_files(a, latest, &copy, sha, &same);
    int alike = 1; /* an acceptance to store: only on an import that has it already */
    if (st == CES_OK && latest && same && acc)
        st = accepted_alike(a, latest, acc, &alike);
    if (st == CES_OK && latest && same && alike) {
        *import_id = latest;
        *reused = 1;
        return arch_op_end(a, &op, CES_OK);
    }
    if (st == CES_OK)
        st = check_not_finalized(a, period);
    if (st == CES_OK && latest && !replace && !same)
        st = arch_fail(a, CES_ERR_CONFLICT,
                       "period %s is already archived (import %ld) with different inputs; use --replace",
                       period, latest);
    if (st == CES_OK)
        st = store_new_import(a, &copy, period, version + 1, operator_name, time, acc, import_id);
    st = arch_op_end(a, &op, st);
    if (st != CES_OK) {
        *import_id = 0;
        *reused = 0;
    }
    return st;
}

/* ---- reading back ---- */

ces_status ces_archive_latest_import(ces_archive *a, const char *period, long *import_id)
{
    long version;
    return latest_of_period(a, period, import_id, &version);
}

/* arch_row_fn: column 0 into the char[8] ctx */
static ces_status read_period(ces_archive *a, sqlite3_stmt *st, void *period)
{
    (void)a;
    arch_col_copy(st, 0, period, 8);
    return CES_OK;
}

ces_status arch_resolve_entry(ces_archive *a, const arch_entry_kind *k, const char *period, long id,
                              long *out, char period_out[8])
{
    *out = 0;
    if (!id) {
        ces_status st = period ? arch_query_long(a, k->latest_sql, period, 0, 0, &id) : CES_OK;
        if (st != CES_OK)
            return st;
        if (!id)
            return arch_fail(a, CES_ERR_INVALID, "period %s has no %s", period ? period : "(none)",
                             _(k->none));
    }
    int found;
    ces_status res = arch_query_row(a, k->period_sql, NULL, id, read_period, period_out, &found);
    if (res == CES_OK && !found)
        return arch_fail(a, CES_ERR_INVALID, "%s %ld does not exist", _(k->noun), id);
    if (res == CES_OK && period && strcmp(period, period_out))
        return arch_fail(a, CES_ERR_INVALID, "%s %ld belongs to period %s, not %s", _(k->noun), id,
                         period_out, period);
    if (res == CES_OK)
        *out = id;
    return res;
}

/* imports: "import N does not exist", "period P has no archived import" */
static const arch_entry_kind IMPORT_KIND = {
    N_("import"), N_("archived import"),
    "SELECT id FROM imports WHERE period = ?1 ORDER BY version DESC LIMIT 1",
    "SELECT period FROM imports WHERE id = ?2"};

ces_status arch_resolve_import(ces_archive *a, const char *period, long import_id, long *out,
                               char period_out[8])
{
    return arch_resolve_entry(a, &IMPORT_KIND, period, import_id, out, period_out);
}

/* What read_file needs besides the row. */
typedef struct {
    ces_input_file *files;
    int with_bytes;
} files_ctx;

/* One import_files row into its kind's slot of files[]. */
static ces_status read_file(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    files_ctx *x = ctx;
    int k = arch_file_kind_parse((const char *)sqlite3_column_text(st, 0));
    if (k < 0)
        return CES_OK; /* a kind of a newer engine: not an input this one reads */
    ces_input_file *f = &x->files[k];
    if (f->present) /* (import_id, kind) is the key: only a damaged file has this */
        return arch_fail(a, CES_ERR_INTERNAL, "the import has two files of kind %s",
                         arch_file_kind_id(k));
    f->present = 1;
    arch_col_copy(st, 1, f->sha256, sizeof f->sha256);
    arch_col_copy(st, 2, f->encoding, sizeof f->encoding);
    f->rows = (size_t)sqlite3_column_int64(st, 3);
    f->len = (size_t)sqlite3_column_int64(st, 4);
    int oom = 0;
    if (sqlite3_column_type(st, 5) != SQLITE_NULL)
        f->header = arch_col_strdup(st, 5, &oom);
    /* a file read as a stream stays in the archive (ces_archive_file_open) */
    if (!oom && x->with_bytes && !ces_file_streamed((ces_file_kind)k))
        f->bytes = arch_col_blobdup(st, 6, NULL, &oom);
    return oom ? arch_fail(a, CES_ERR_NOMEM, "out of memory") : CES_OK;
}

/* import_files with the header of a streamed file (schema v3); the bytes
 * (column 6) only when asked for, never those of a streamed file. */
#define FILES_SQL(bytes)                                                                                \
    "SELECT f.kind, f.sha256, f.encoding, f.row_count, length(f.bytes) + (SELECT"                       \
    " COALESCE(sum(length(c.bytes)), 0) FROM import_file_chunks c WHERE c.import_id = f.import_id"      \
    " AND c.kind = f.kind), h.columns" bytes                                                            \
    " FROM import_files f LEFT JOIN import_headers h ON h.import_id = f.import_id AND h.kind = f.kind"  \
    " WHERE f.import_id = ?2 ORDER BY f.kind"

ces_status arch_load_files(ces_archive *a, long import_id, ces_input_file files[CES_FILE_COUNT],
                           int with_bytes)
{
    files_ctx x = {files, with_bytes};
    return arch_each_row(a,
                         with_bytes
                             ? FILES_SQL(", CASE WHEN f.kind = 'cases' THEN NULL ELSE f.bytes END")
                             : FILES_SQL(""),
                         NULL, import_id, read_file, &x);
}

ces_status ces_archive_load_dataset(ces_archive *a, const char *period, long import_id, ces_dataset *out)
{
    memset(out, 0, sizeof *out);
    char p[8];
    long id;
    ces_status st = arch_resolve_import(a, period, import_id, &id, p);
    if (st != CES_OK)
        return st;
    if (ces_period_parse(p, &out->period) != 0)
        return arch_fail(a, CES_ERR_INTERNAL, "import %ld has a malformed period \"%s\"", id, p);
    st = arch_load_files(a, id, out->files, 1);
    if (st == CES_OK)
        st = arch_load_rows(a, id, out);
    if (st != CES_OK)
        ces_dataset_free(out);
    return st;
}
