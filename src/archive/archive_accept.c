/* archive: the acceptance of an import's plausibility findings (schema v4,
 * docs/archive-schema.md), and the facts the same-file check needs. */
#include <stdlib.h>
#include <string.h>

#include "archive_accept.h"
#include "archive_db.h"
#include "archive_import.h"
#include "archive_records.h"
#include "cescore/grow.h"

ces_status arch_insert_acceptance(ces_archive *a, long import_id, const ces_acceptance *acc)
{
    sqlite3_stmt *st;
    ces_status res = arch_prepare(
        a, "INSERT INTO import_acceptances (import_id, operator, time) VALUES (?1, ?2, ?3)", &st);
    if (res != CES_OK)
        return res;
    sqlite3_bind_int64(st, 1, import_id);
    arch_bind_text(st, 2, acc->operator_name);
    arch_bind_text(st, 3, acc->time);
    res = arch_exec_stmt(a, st);
    sqlite3_finalize(st);
    if (res == CES_OK)
        res = arch_rec_insert_array(a, &CES_REC_FINDING, &ARCH_BY_IMPORT_SEQ, import_id,
                                    acc->findings.items, acc->findings.n);
    return res;
}

/* arch_row_fn: operator and time into the ces_acceptance ctx */
static ces_status read_head(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    ces_acceptance *acc = ctx;
    int oom = 0;
    acc->operator_name = arch_col_strdup(st, 0, &oom);
    acc->time = arch_col_strdup(st, 1, &oom);
    return arch_oom_or_ok(a, oom);
}

ces_status ces_archive_acceptance(ces_archive *a, long import_id, ces_acceptance *out, int *found)
{
    memset(out, 0, sizeof *out);
    *found = 0;
    ces_status st = arch_query_row(a,
                                   "SELECT operator, time FROM import_acceptances WHERE import_id = ?2",
                                   NULL, import_id, read_head, out, found);
    if (st == CES_OK && *found)
        out->findings.items = arch_rec_load_array(a, &CES_REC_FINDING, &ARCH_BY_IMPORT_SEQ, NULL,
                                                  import_id, &out->findings.n, &st);
    out->findings.cap = out->findings.n;
    if (st != CES_OK) {
        ces_acceptance_free(out);
        *found = 0;
    }
    return st;
}

typedef struct {
    ces_file_fact *items;
    size_t n, cap;
    int oom;
} facts_ctx;

/* arch_row_fn: kind, sha256, period, import_id into the facts_ctx */
static ces_status read_fact(ces_archive *a, sqlite3_stmt *st, void *ctx)
{
    facts_ctx *x = ctx;
    int k = arch_file_kind_parse((const char *)sqlite3_column_text(st, 0));
    if (k < 0)
        return CES_OK;
    if (CES_GROW(x->items, x->cap, x->n, 8))
        return arch_fail(a, CES_ERR_NOMEM, "out of memory");
    ces_file_fact *f = &x->items[x->n++];
    memset(f, 0, sizeof *f);
    f->kind = (ces_file_kind)k;
    arch_col_copy(st, 1, f->sha256, sizeof f->sha256);
    arch_col_copy(st, 2, f->period, sizeof f->period);
    f->import_id = (long)sqlite3_column_int64(st, 3);
    return CES_OK;
}

ces_status ces_archive_file_facts(ces_archive *a, const ces_dataset *ds, ces_file_fact **out, size_t *n)
{
    *out = NULL;
    *n = 0;
    char period[8];
    ces_period_format(ds->period, period);
    facts_ctx x = {0};
    ces_status st = CES_OK;
    for (int k = 0; k < CES_FILE_COUNT && st == CES_OK; k++) {
        const ces_input_file *f = &ds->files[k];
        if (!f->present || !ces_findings_checks_file((ces_file_kind)k))
            continue;
        sqlite3_stmt *q;
        st = arch_prepare(a,
                          "SELECT f.kind, f.sha256, i.period, i.id FROM import_files f"
                          " JOIN imports i ON i.id = f.import_id"
                          " WHERE f.kind = ?1 AND f.sha256 = ?2 AND i.period <> ?3 ORDER BY i.id",
                          &q);
        if (st != CES_OK)
            break;
        arch_bind_text(q, 1, arch_file_kind_id((ces_file_kind)k));
        arch_bind_text(q, 2, f->sha256);
        arch_bind_text(q, 3, period);
        int rc;
        while (st == CES_OK && (rc = sqlite3_step(q)) == SQLITE_ROW)
            st = read_fact(a, q, &x);
        if (st == CES_OK && rc != SQLITE_DONE)
            st = arch_sqlite_fail(a, rc);
        sqlite3_finalize(q);
    }
    if (st != CES_OK) {
        free(x.items);
        return st;
    }
    *out = x.items;
    *n = x.n;
    return CES_OK;
}

ces_status ces_archive_findings_accepted(ces_archive *a, const ces_dataset *ds, const ces_findings *f,
                                         int *accepted)
{
    *accepted = 0;
    char period[8];
    ces_period_format(ds->period, period);
    long latest = 0;
    int same = 0, found = 0;
    ces_status st = ces_archive_latest_import(a, period, &latest);
    if (st == CES_OK && latest)
        st = arch_same_files(a, latest, ds, &same);
    if (st != CES_OK || !same)
        return st;
    ces_acceptance acc;
    st = ces_archive_acceptance(a, latest, &acc, &found);
    if (st == CES_OK && found)
        *accepted = ces_findings_equal(&acc.findings, f);
    ces_acceptance_free(&acc);
    return st;
}
