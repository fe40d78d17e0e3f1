/* archive: verify. Re-checks SQLite's own integrity, then walks the hash
 * chain in order, recomputing each entry's canonical text from the stored
 * rows, and the digests that sit outside the chain (file bytes, config text,
 * a run's prior figures). Stops at the first failure and names it. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "archive_canon.h"
#include "archive_chunks.h"
#include "archive_db.h"
#include "archive_schema.h"
#include "cescore/archive.h"
#include "cescore/i18n.h"
#include "cescore/sha256.h"

static ces_status vfail(ces_verify_report *r, const char *entry, long id, long pos, const char *fmt, ...)
    __attribute__((format(printf, 5, 6)));

static ces_status vfail(ces_verify_report *r, const char *entry, long id, long pos, const char *fmt, ...)
{
    r->ok = 0;
    snprintf(r->entry, sizeof r->entry, "%s", entry);
    r->id = id;
    r->chain_pos = pos;
    va_list ap;
    va_start(ap, fmt);
    vsnprintf(r->message, sizeof r->message, _(fmt), ap);
    va_end(ap);
    return CES_OK;
}

/* A load that failed because the content no longer makes sense is a finding
 * of verify; running out of memory or failing I/O is not. */
static int is_finding(ces_status st) { return st == CES_ERR_INVALID || st == CES_ERR_INTERNAL; }

/* ---- SQLite's own checks ---- */

static ces_status check_sqlite(ces_archive *a, ces_verify_report *r)
{
    sqlite3_stmt *st;
    int rc = sqlite3_prepare_v2(a->db, "PRAGMA integrity_check", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return vfail(r, "database", 0, 0, "PRAGMA integrity_check failed: %s", sqlite3_errmsg(a->db));
    rc = sqlite3_step(st);
    char first[300] = "";
    if (rc == SQLITE_ROW)
        arch_col_copy(st, 0, first, sizeof first);
    sqlite3_finalize(st);
    if (rc != SQLITE_ROW || strcmp(first, "ok"))
        return vfail(r, "database", 0, 0, "PRAGMA integrity_check: %s",
                     rc == SQLITE_ROW ? first : sqlite3_errmsg(a->db));
    if ((rc = sqlite3_prepare_v2(a->db, "PRAGMA foreign_key_check", -1, &st, NULL)) != SQLITE_OK)
        return arch_sqlite_fail(a, rc);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        vfail(r, "database", 0, 0, "a row of table %s (rowid %lld) refers to a missing row of %s",
              sqlite3_column_text(st, 0), (long long)sqlite3_column_int64(st, 1),
              sqlite3_column_text(st, 2));
    sqlite3_finalize(st);
    return rc == SQLITE_ROW || rc == SQLITE_DONE ? CES_OK : arch_sqlite_fail(a, rc);
}

/* ---- the chain ---- */

/* arch_row_fn: a chain row into a ces_chain_entry */
static ces_status fill_chain_entry(ces_archive *a, sqlite3_stmt *st, void *elem)
{
    ces_chain_entry *e = elem;
    (void)a;
    e->pos = (long)sqlite3_column_int64(st, 0);
    arch_col_copy(st, 1, e->entry, sizeof e->entry);
    e->id = (long)sqlite3_column_int64(st, 2);
    arch_col_copy(st, 3, e->prev_hash, sizeof e->prev_hash);
    arch_col_copy(st, 4, e->hash, sizeof e->hash);
    return CES_OK;
}

/* the chain in position order */
static const arch_table CHAIN = {
    "SELECT count(*) FROM chain",
    "SELECT chain_pos, entry, id, prev_hash, hash FROM chain ORDER BY chain_pos",
    sizeof(ces_chain_entry), fill_chain_entry, "chain"};

/* arch_query_row of the row sql gives for a chain entry's id (?2); a row
 * that is gone -> CES_ERR_INTERNAL "<entry> N vanished". */
static ces_status query_entry(ces_archive *a, const char *sql, const char *entry, long id,
                              arch_row_fn fn, void *ctx)
{
    int found;
    ces_status st = arch_query_row(a, sql, NULL, id, fn, ctx, &found);
    if (st == CES_OK && !found)
        st = arch_fail(a, CES_ERR_INTERNAL, "%s %ld vanished", entry, id);
    return st;
}

/* An import's own fields as stored. */
typedef struct {
    char period[8];
    int version;
    char time[64], op[256];
} import_head;

/* arch_row_fn: period, version, time, operator into an import_head */
static ces_status read_import_head(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    import_head *h = ctx;
    (void)a;
    arch_col_copy(st, 0, h->period, sizeof h->period);
    h->version = sqlite3_column_int(st, 1);
    arch_col_copy(st, 2, h->time, sizeof h->time);
    arch_col_copy(st, 3, h->op, sizeof h->op);
    return CES_OK;
}

/* Text of an import; *bad names a file whose bytes don't match its sha256. */
static ces_status text_of_import(ces_archive *a, long id, ces_buf *text, const char **bad)
{
    import_head h = {.version = 0};
    ces_status st = query_entry(a, "SELECT period, version, time, operator FROM imports WHERE id = ?2",
                                "import", id, read_import_head, &h);
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    if (st == CES_OK)
        st = ces_archive_load_dataset(a, NULL, id, &ds);
    if (st != CES_OK)
        return st;
    *bad = NULL;
    for (int k = 0; k < CES_FILE_COUNT && !*bad && st == CES_OK; k++) {
        char sha[65];
        if (!ds.files[k].present)
            continue;
        if (ces_file_streamed((ces_file_kind)k)) /* read from the archive in chunks */
            st = arch_chunks_sha256(a, id, (ces_file_kind)k, sha);
        else if (ces_sha256_hex(ds.files[k].bytes, ds.files[k].len, sha) != CES_OK)
            st = arch_fail(a, CES_ERR_INTERNAL, "cannot compute a sha256");
        if (st == CES_OK && strcmp(sha, ds.files[k].sha256))
            *bad = ces_file_name((ces_file_kind)k);
    }
    ces_acceptance acc; /* schema v4: part of the text when there is one */
    int accepted = 0;
    ces_status ast = ces_archive_acceptance(a, id, &acc, &accepted);
    if (st == CES_OK)
        st = ast;
    arch_import_meta m = {.id = id,
                          .period = h.period,
                          .version = h.version,
                          .time = h.time,
                          .operator_name = h.op,
                          .acceptance = accepted ? &acc : NULL};
    arch_canon_import(text, &m, &ds);
    ces_acceptance_free(&acc);
    ces_dataset_free(&ds);
    return st;
}

static ces_status prior_figures_differ(ces_archive *a, long run_id, long *n)
{
    return arch_query_long(
        a,
        "WITH mine AS (SELECT position, code, complaints_total, premium_wan"
        "   FROM run_prior_figures WHERE run_id = ?2),"
        " theirs AS (SELECT c.position, c.code, c.complaints_total, c.premium_wan"
        "   FROM runs r JOIN run_companies c ON c.run_id = r.prior_run_id"
        "   WHERE r.id = ?2 AND r.prior_source = 'archive')"
        " SELECT (SELECT count(*) FROM (SELECT * FROM mine EXCEPT SELECT * FROM theirs))"
        " + (SELECT count(*) FROM (SELECT * FROM theirs EXCEPT SELECT * FROM mine))",
        NULL, run_id, 0, n);
}

/* Text of a run; *bad says what outside the text does not match. */
static ces_status text_of_run(ces_archive *a, long id, ces_buf *text, const char **bad)
{
    ces_stored_run run;
    ces_status st = ces_archive_load_run(a, NULL, id, &run);
    if (st != CES_OK)
        return st;
    char sha[65];
    long differ = 0;
    st = ces_sha256_hex(run.config_text, run.config_len, sha);
    if (st != CES_OK)
        arch_fail(a, st, "cannot compute a sha256");
    else
        st = prior_figures_differ(a, id, &differ);
    char cal_sha[65] = "";
    if (st == CES_OK && run.calendar_text &&
        ces_sha256_hex(run.calendar_text, run.calendar_len, cal_sha) != CES_OK)
        st = arch_fail(a, CES_ERR_INTERNAL, "cannot compute a sha256");
    *bad = strcmp(sha, run.config_sha256 ? run.config_sha256 : "")
               ? _("config_sha256 is not the sha256 of config_text")
           : differ ? _("its prior figures differ from the prior run's figures")
           : run.calendar_sha256 && strcmp(cal_sha, run.calendar_sha256)
               ? _("its calendar's sha256 is not the sha256 of its text")
               : NULL;
    arch_run_meta m = {.id = id,
                       .import_id = run.import_id,
                       .period = run.period,
                       .time = run.time,
                       .operator_name = run.operator_name,
                       .engine_version = run.engine_version,
                       .config_name = run.config_name,
                       .config_sha256 = run.config_sha256,
                       .calendar_sha256 = run.calendar_sha256,
                       .jobs = a->jobs};
    if (st == CES_OK)
        arch_canon_run(text, &m, &run.results);
    ces_stored_run_free(&run);
    return st;
}

/* Where a chain entry's canonical text goes. */
typedef struct {
    long id;
    ces_buf *text;
} entry_text;

/* arch_row_fn: a review row (with its run's hash) as canonical text */
static ces_status canon_review_row(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    entry_text *e = ctx;
    (void)a;
    arch_review_meta m = {.id = e->id,
                          .run_id = (long)sqlite3_column_int64(st, 0),
                          .period = (const char *)sqlite3_column_text(st, 1),
                          .operator_name = (const char *)sqlite3_column_text(st, 2),
                          .time = (const char *)sqlite3_column_text(st, 3),
                          .engine_version = (const char *)sqlite3_column_text(st, 4),
                          .outcome = (const char *)sqlite3_column_text(st, 5),
                          .run_hash = (const char *)sqlite3_column_text(st, 6)};
    arch_canon_review(e->text, &m);
    return CES_OK;
}

/* arch_row_fn: a finalization row (with its run's hash) as canonical text */
static ces_status canon_finalization_row(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    entry_text *e = ctx;
    (void)a;
    arch_finalization_meta m = {.id = e->id,
                                .run_id = (long)sqlite3_column_int64(st, 0),
                                .review_id = (long)sqlite3_column_int64(st, 1),
                                .period = (const char *)sqlite3_column_text(st, 2),
                                .operator_name = (const char *)sqlite3_column_text(st, 3),
                                .time = (const char *)sqlite3_column_text(st, 4),
                                .run_hash = (const char *)sqlite3_column_text(st, 5)};
    arch_canon_finalization(e->text, &m);
    return CES_OK;
}

/* Canonical text of review id as stored. */
static ces_status text_of_review(ces_archive *a, long id, ces_buf *text)
{
    entry_text e = {id, text};
    return query_entry(
        a,
        "SELECT v.run_id, v.period, v.operator, v.time, v.engine_version, v.outcome, r.hash"
        " FROM reviews v LEFT JOIN runs r ON r.id = v.run_id WHERE v.id = ?2",
        "review", id, canon_review_row, &e);
}

/* Canonical text of finalization id as stored. */
static ces_status text_of_finalization(ces_archive *a, long id, ces_buf *text)
{
    entry_text e = {id, text};
    return query_entry(a,
                       "SELECT f.run_id, f.review_id, f.period, f.operator, f.time, r.hash"
                       " FROM finalizations f LEFT JOIN runs r ON r.id = f.run_id WHERE f.id = ?2",
                       "finalization", id, canon_finalization_row, &e);
}

static ces_status text_of(ces_archive *a, const ces_chain_entry *c, ces_buf *text, const char **bad)
{
    *bad = NULL;
    if (!strcmp(c->entry, "import"))
        return text_of_import(a, c->id, text, bad);
    if (!strcmp(c->entry, "run"))
        return text_of_run(a, c->id, text, bad);
    if (!strcmp(c->entry, "review"))
        return text_of_review(a, c->id, text);
    if (!strcmp(c->entry, "finalization"))
        return text_of_finalization(a, c->id, text);
    return arch_fail(a, CES_ERR_INTERNAL, "unknown chain entry \"%s\"", c->entry);
}

static ces_status check_entry(ces_archive *a, const ces_chain_entry *c, long want_pos, const char *prev,
                              ces_verify_report *r)
{
    if (c->pos != want_pos)
        return vfail(r, c->entry, c->id, c->pos,
                     "chain position %ld where %ld was expected (an entry is missing or duplicated)",
                     c->pos, want_pos);
    if (strcmp(c->prev_hash, prev))
        return vfail(r, c->entry, c->id, c->pos, "prev_hash is not the hash of the entry before it");
    ces_buf text = {0};
    const char *bad = NULL;
    /* a failure to read the entry back is a finding of verify, not an error
     * of the command: its message goes into the report */
    ces_diags found, *caller = a->diags;
    ces_diags_init(&found);
    a->diags = &found;
    ces_status st = text_of(a, c, &text, &bad);
    char hash[65] = "";
    if (st == CES_OK)
        st = arch_chain_seal(a, &text, prev, hash);
    a->diags = caller;
    ces_buf_free(&text); /* when text_of failed */
    if (is_finding(st))
        vfail(r, c->entry, c->id, c->pos, "cannot be read back: %s",
              found.count ? found.items[found.count - 1].message : ces_status_name(st));
    else if (st != CES_OK)
        for (size_t i = 0; i < found.count; i++)
            ces_diag_add_text(caller, CES_DIAG_ERROR, NULL, 0, NULL, 0, NULL, found.items[i].message);
    ces_diags_free(&found);
    if (st != CES_OK)
        return is_finding(st) ? CES_OK : st;
    if (bad)
        return vfail(r, c->entry, c->id, c->pos, "%s%s", bad,
                     strchr(bad, ' ') ? "" : _(": its bytes do not match their sha256"));
    if (strcmp(hash, c->hash))
        return vfail(r, c->entry, c->id, c->pos,
                     "its content does not match its hash (altered after it was written)");
    return CES_OK;
}

static ces_status walk_chain(ces_archive *a, ces_verify_report *r)
{
    size_t n = 0;
    ces_status st = CES_OK;
    ces_chain_entry *rows = arch_load_array(a, &CHAIN, NULL, 0, &n, &st);
    const char *prev = ARCH_GENESIS_HASH;
    for (size_t i = 0; st == CES_OK && r->ok && i < n; i++) {
        st = check_entry(a, &rows[i], (long)i + 1, prev, r);
        if (st == CES_OK && r->ok) {
            r->entries++;
            prev = rows[i].hash;
        }
    }
    snprintf(r->head_hash, sizeof r->head_hash, "%s", prev);
    free(rows);
    return st;
}

ces_status ces_archive_verify(ces_archive *a, ces_verify_report *r)
{
    memset(r, 0, sizeof *r);
    r->ok = 1;
    snprintf(r->head_hash, sizeof r->head_hash, "%s", ARCH_GENESIS_HASH);
    /* one read transaction: a consistent snapshot while writers wait */
    ces_status st = arch_exec(a, "BEGIN");
    if (st != CES_OK)
        return st;
    st = check_sqlite(a, r);
    if (st == CES_OK && r->ok)
        st = walk_chain(a, r);
    ces_archive_rollback(a);
    return st;
}

/* ---- the chain and SQLite's quick check, for the command line ---- */

ces_status ces_archive_chain(ces_archive *a, ces_chain_entry **out, size_t *n)
{
    ces_status st = CES_OK;
    *n = 0;
    *out = arch_load_array(a, &CHAIN, NULL, 0, n, &st);
    if (st != CES_OK) {
        free(*out);
        *out = NULL;
        *n = 0;
    }
    return st;
}

ces_status ces_archive_quick_check(ces_archive *a, int *ok, char *msg, size_t n)
{
    sqlite3_stmt *st;
    *ok = 0;
    snprintf(msg, n, "%s", "");
    int rc = sqlite3_prepare_v2(a->db, "PRAGMA quick_check", -1, &st, NULL);
    if (rc != SQLITE_OK)
        return arch_sqlite_fail(a, rc);
    rc = sqlite3_step(st);
    if (rc == SQLITE_ROW)
        arch_col_copy(st, 0, msg, n);
    sqlite3_finalize(st);
    if (rc == SQLITE_ROW) {
        *ok = !strcmp(msg, "ok");
        for (char *p = msg; *p; p++)
            if (*p == '\n')
                *p = ' ';
        return CES_OK;
    }
    /* a database too damaged to answer fails the check */
    snprintf(msg, n, "%s", sqlite3_errmsg(a->db));
    return (rc & 0xff) == SQLITE_CORRUPT || (rc & 0xff) == SQLITE_NOTADB ? CES_OK
                                                                         : arch_sqlite_fail(a, rc);
}
