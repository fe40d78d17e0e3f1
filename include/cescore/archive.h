/* archive: the only code that speaks SQL. One SQLite file keeps, per import,
 * every input file's bytes and sha256 and the parsed rows; per run, the config
 * text and sha256, engine version, operator, time and every result figure.
 * Append-only (enforced by triggers), each import/run chained by hash. */
#ifndef CESCORE_ARCHIVE_H
#define CESCORE_ARCHIVE_H

#include <stddef.h>
#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/results.h"
#include "cescore/score.h"
#include "cescore/status.h"

typedef struct ces_archive ces_archive;

/* Open (creating it and its schema when absent) and migrate to the current
 * schema. A database of a newer schema -> CES_ERR_CONFLICT with errbuf set.
 * errbuf (may be NULL) receives a one-line English message on failure. */
ces_status ces_archive_open(const char *path, ces_archive **out, char *errbuf, size_t errlen);
void ces_archive_close(ces_archive *a);
/* The last SQLite error or conflict message, for "cescore: ..." lines. */
const char *ces_archive_errmsg(const ces_archive *a);

/* One write transaction around an import and/or a run (BEGIN IMMEDIATE, waiting
 * a bounded time for another writer, then CES_ERR_CONFLICT "database is locked"). */
ces_status ces_archive_begin(ces_archive *a);
ces_status ces_archive_commit(ces_archive *a);
void ces_archive_rollback(ces_archive *a);

/* Store ds as a new import of its period, unless the latest import of that
 * period has byte-identical files: then *import_id is that import and *reused = 1.
 * Different files for an archived period without replace -> CES_ERR_CONFLICT;
 * a finalized period -> CES_ERR_CONFLICT. time is ISO 8601 UTC ("2024-07-20T09:00:00Z"). */
ces_status ces_archive_import(ces_archive *a, const ces_dataset *ds, const char *operator_name,
                              const char *time, int replace, long *import_id, int *reused);

/* The latest import of a period (0 when none) and loading one back: typed rows
 * and file bytes, exactly as imported. import_id 0 = latest. CES_ERR_INVALID
 * with errmsg when the period has no import. */
ces_status ces_archive_latest_import(ces_archive *a, const char *period, long *import_id);
ces_status ces_archive_load_dataset(ces_archive *a, const char *period, long import_id,
                                    ces_dataset *out);

/* Prior-period figures for the change rate: the finalized run of period, else
 * its latest run; each company scored there with its total complaints and
 * premium. *found = 0 when the period has no run. Free with ces_prior_archive_free. */
ces_status ces_archive_prior_figures(ces_archive *a, const char *period, ces_prior_archive *out,
                                     int *found);
void ces_prior_archive_free(ces_prior_archive *p);

/* Store a run: the config (name, text, sha256), engine version, operator, time
 * and every figure of r. */
ces_status ces_archive_save_run(ces_archive *a, long import_id, const ces_config *cfg,
                                const ces_results *r, const char *engine_version,
                                const char *operator_name, const char *time, long *run_id);

typedef struct {
    long run_id, import_id;
    char period[8];
    char *time, *operator_name, *engine_version;
    char *config_name, *config_sha256, *config_text;
    size_t config_len;
    char *hash;
    ces_results results;              /* every figure as stored */
    ces_input_file files[CES_FILE_COUNT]; /* present, sha256, rows, encoding; bytes NULL */
    int finalized;                    /* this run is the published one */
} ces_stored_run;

/* Load a stored run (run_id 0 = the latest run of period). CES_ERR_INVALID
 * with errmsg when there is none. */
ces_status ces_archive_load_run(ces_archive *a, const char *period, long run_id, ces_stored_run *out);
void ces_stored_run_free(ces_stored_run *r);

/* history */
typedef struct {
    long id; char period[8]; int version;
    char *time, *operator_name, *hash;
    ces_input_file files[CES_FILE_COUNT]; /* bytes NULL */
} ces_import_entry;

typedef struct {
    long id, import_id; char period[8];
    char *time, *operator_name, *engine_version, *config_name, *config_sha256, *hash;
} ces_run_entry;

typedef struct {
    ces_import_entry *imports; size_t n_imports;
    ces_run_entry *runs; size_t n_runs;
} ces_history;

/* period NULL = every period; entries in id order. */
ces_status ces_archive_history(ces_archive *a, const char *period, ces_history *out);
void ces_history_free(ces_history *h);

/* sha256 of bytes as 64 lowercase hex chars + NUL (OpenSSL libcrypto). */
void ces_sha256_hex(const void *data, size_t len, char out[65]);

#endif
