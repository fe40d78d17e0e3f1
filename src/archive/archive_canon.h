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
#include "cescore/records.h"

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
    unsigned jobs;               /* the threads its text is built on (jobs.h); 0: all */
} arch_run_meta;

/* Canonical text of an import: meta, every present file (kind, name,
 * sha256, encoding, rows) and every parsed row. */
void arch_canon_import(ces_buf *b, const arch_import_meta *m, const ces_dataset *ds);
/* Canonical text of a run: meta, then every figure of r in a fixed order. */
void arch_canon_run(ces_buf *b, const arch_run_meta *m, const ces_results *r);

/* About how many bytes of a run's text arch_canon_run_to hands on at once. */
#define ARCH_CANON_BLOCK (1u << 20)

/* Where arch_canon_run_to sends a run's canonical text as it is produced:
 * text gets every byte in order, in pieces of about ARCH_CANON_BLOCK bytes;
 * indicators (NULL: none) gets each company's indicator values (its
 * indicator lines as arch_canon_indicator_values writes them), in position
 * order, before text gets its lines. A status other than CES_OK stops the text. */
typedef struct {
    ces_status (*text)(void *ctx, const char *p, size_t n);
    ces_status (*indicators)(void *ctx, const char *p, size_t n);
    void *ctx;
} arch_canon_sink;

/* The text of arch_canon_run, never held whole; the sink's first failure,
 * else CES_ERR_NOMEM when memory ran out, else CES_OK. */
ces_status arch_canon_run_to(const arch_run_meta *m, const ces_results *r, const arch_canon_sink *s);
/* The text of arch_canon_import the same way (no indicators). */
ces_status arch_canon_import_to(const arch_import_meta *m, const ces_dataset *ds,
                                const arch_canon_sink *s);

/* Reading back what ces_record_canon wrote (schema v5: a run's indicator
 * lines): at *p, the record's " key=value" pairs in list order, into row
 * (strings malloc'ed); *p moves past them. Doubles are read with strtod, so
 * a "%.17g" value comes back exactly. The text must end before a NUL.
 * -1 when the text is not that (row then partly filled), else 0. */
int arch_canon_read_fields(const char **p, const ces_record *rec, void *row);
/* The same without the keys: each value after a single space. */
int arch_canon_read_values(const char **p, const ces_record *rec, void *row);
/* At *p, " key=" and a quoted string (or null) into a malloc'ed *out
 * (NULL for null); -1 when malformed or out of memory. */
int arch_canon_read_str(const char **p, const char *key, char **out);

/* Schema v5: a company's indicator lines of the canonical text (lines, n
 * bytes) as run_indicator_chunks keeps them, appended to out: each line
 * "POSITION ID VALUE VALUE ...", the company's position, the indicator's
 * id and its fields' values in list order without their keys; no line for
 * an indicator whose every field is 0 (loading leaves it zeroed, which
 * gives the same canonical line back). */
void arch_canon_indicator_values(ces_buf *out, size_t pos, const char *lines, size_t n);

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
/* The same hash of an import's text, hashed as it is produced (never held whole). */
ces_status arch_chain_seal_import(ces_archive *a, const arch_import_meta *m, const ces_dataset *ds,
                                  const char *prev_hash, char hash[65]);

#endif
