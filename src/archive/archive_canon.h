/* archive: the canonical serialisation of chain entries and the hash chain.
 * The text is a function of the in-memory content only, so that it can be
 * recomputed from the stored rows (load_dataset / load_run) to verify a hash.
 * Format: docs/archive-schema.md, "Hash chain". */
#ifndef CESCORE_ARCHIVE_CANON_H
#define CESCORE_ARCHIVE_CANON_H

#include <stddef.h>
#include <stdint.h>

#include "archive_db.h"
#include "cescore/buf.h"
#include "cescore/findings.h"

/* The import's own fields (ds gives the files and rows). */
typedef struct {
    long id;
    const char *period;
    int version;
    const char *time, *operator_name;
    const ces_acceptance *acceptance; /* its findings' acceptance (schema v4), NULL: none */
} arch_import_meta;

/* The run's own fields (r gives every figure). */
typedef struct {
    long id, import_id;
    const char *period, *time, *operator_name, *engine_version;
    const char *config_name, *config_sha256;
    const char *calendar_sha256; /* a case-level run's calendar, else NULL */
} arch_run_meta;

/* Canonical text of an import: meta, every present file (kind, name,
 * sha256, encoding, rows) and every parsed row. */
void arch_canon_import(ces_buf *b, const arch_import_meta *m, const ces_dataset *ds);
/* Canonical text of a run: meta, then every figure of r in a fixed order. */
void arch_canon_run(ces_buf *b, const arch_run_meta *m, const ces_results *r);

/* A review's own fields; run_hash is the reviewed run's chain hash, so the
 * approval names exactly the content that was recomputed. */
typedef struct {
    long id, run_id;
    const char *period, *operator_name, *time, *engine_version, *outcome, *run_hash;
} arch_review_meta;

/* A finalization's own fields (review_id 0 = none, written null). */
typedef struct {
    long id, run_id, review_id;
    const char *period, *operator_name, *time, *run_hash;
} arch_finalization_meta;

void arch_canon_review(ces_buf *b, const arch_review_meta *m);
void arch_canon_finalization(ces_buf *b, const arch_finalization_meta *m);

/* hash = sha256(prev_hash || text), 64 hex chars. */
ces_status arch_chain_hash(const char *prev_hash, const ces_buf *text, char out[65]);
/* The next chain position and the hash of the last entry (genesis when empty).
 * Call inside the write transaction. */
ces_status arch_chain_next(ces_archive *a, long *pos, char prev_hash[65]);
/* Before a new chained entry: its id (next_id_sql gives it, "SELECT
 * COALESCE(MAX(id), 0) + 1 FROM <table>"), then arch_chain_next. */
ces_status arch_chain_reserve(ces_archive *a, const char *next_id_sql, long *id, long *pos,
                              char prev_hash[65]);
/* hash = arch_chain_hash(prev_hash, text), then text is freed; a text left
 * incomplete by a failed allocation -> CES_ERR_NOMEM. */
ces_status arch_chain_seal(ces_archive *a, ces_buf *text, const char *prev_hash, char hash[65]);

#endif
