/* archive: the only code that speaks SQL. One SQLite file keeps, per import,
 * every input file's bytes and sha256 and the parsed rows; per run, the config
 * text and sha256, engine version, operator, time and every result figure.
 * Append-only (enforced by triggers), each import/run chained by hash. */
#ifndef CESCORE_ARCHIVE_H
#define CESCORE_ARCHIVE_H

#include <stddef.h>
#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/findings.h"
#include "cescore/results.h"
#include "cescore/status.h"
#include "cescore/stream.h"

typedef struct ces_archive ces_archive;

/* Whether opening may create the archive: only the commands that store a
 * bundle do; every other one on a path that does not exist fails with
 * "no archive at PATH" and creates nothing. */
typedef enum { CES_ARCHIVE_EXISTING = 0, CES_ARCHIVE_CREATE = 1 } ces_archive_mode;

/* Open (creating it and its schema when absent and mode allows) and migrate
 * to the current schema. A database of a newer schema -> CES_ERR_CONFLICT; a
 * missing one with CES_ARCHIVE_EXISTING -> CES_ERR_IO. Every failure of this
 * and of every later call on the archive is added to d (one line each, e.g.
 * "database is locked: ..."), which must outlive the archive. */
ces_status ces_archive_open(const char *path, ces_archive_mode mode, ces_archive **out, ces_diags *d);
void ces_archive_close(ces_archive *a);
/* The threads a run's canonical text is built on (jobs.h); 0, the default:
 * one per available processor. The text is the same for any number. */
void ces_archive_set_jobs(ces_archive *a, unsigned jobs);

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

/* The same, with acc (NULL or without findings: none, as ces_archive_import)
 * the acceptance of ds's plausibility findings (findings.h), stored with
 * the import and part of its canonical text (schema v4). The latest import
 * of the period holding exactly ds's files is reused when its acceptance
 * names exactly acc's findings; without one, the same files are stored
 * again as a new version (no --replace needed: they are not different
 * inputs) carrying the acceptance. */
ces_status ces_archive_import_accepted(ces_archive *a, const ces_dataset *ds, const char *operator_name,
                                       const char *time, int replace, const ces_acceptance *acc,
                                       long *import_id, int *reused);

/* The archive's facts for the same-file check (ces_findings_same_files):
 * each file an import of another period than ds's holds that has the kind
 * and sha256 of a file of ds the check looks at. *out malloc'ed (NULL when
 * none). */
ces_status ces_archive_file_facts(ces_archive *a, const ces_dataset *ds, ces_file_fact **out, size_t *n);

/* *accepted = 1 when the latest import of ds's period holds exactly ds's
 * files and its acceptance names exactly the findings f: someone has
 * accepted them already, for these very files. */
ces_status ces_archive_findings_accepted(ces_archive *a, const ces_dataset *ds, const ces_findings *f,
                                         int *accepted);

/* The acceptance stored with import_id; *found = 0 when it has none. Free
 * with ces_acceptance_free. */
ces_status ces_archive_acceptance(ces_archive *a, long import_id, ces_acceptance *out, int *found);

/* The latest import of a period (0 when none) and loading one back: typed rows
 * and file bytes, exactly as imported. import_id 0 = latest. CES_ERR_INVALID
 * with errmsg when the period has no import. */
ces_status ces_archive_latest_import(ces_archive *a, const char *period, long *import_id);
ces_status ces_archive_load_dataset(ces_archive *a, const char *period, long import_id,
                                    ces_dataset *out);

/* The stored bytes of file k of an import as a source read in chunks (a
 * file read as a stream, cases.csv, is never loaded whole: its
 * ces_input_file has bytes NULL). *src reads through *out until
 * ces_archive_file_close. CES_ERR_INVALID when the import has no such file. */
typedef struct ces_archive_file ces_archive_file;
ces_status ces_archive_file_open(ces_archive *a, long import_id, ces_file_kind k, ces_archive_file **out,
                                 ces_byte_source *src);
void ces_archive_file_close(ces_archive_file *f);

/* Prior-period figures for the change rate: the finalized run of period, else
 * its latest run; each company scored there with its total complaints and
 * premium. *found = 0 when the period has no run. Free with ces_prior_archive_free. */
ces_status ces_archive_prior_figures(ces_archive *a, const char *period, ces_prior_archive *out,
                                     int *found);
void ces_prior_archive_free(ces_prior_archive *p);

/* Store a run: the config (name, text, sha256), engine version, operator, time
 * and every figure of r; for an import with cases.csv also the config's
 * working-day calendar (cfg->calendar: text and sha256). */
ces_status ces_archive_save_run(ces_archive *a, long import_id, const ces_config *cfg,
                                const ces_results *r, const char *engine_version,
                                const char *operator_name, const char *time, long *run_id);

typedef struct {
    long run_id, import_id;
    char period[8];
    char *time, *operator_name, *engine_version;
    char *config_name, *config_sha256, *config_text;
    size_t config_len;
    char *calendar_sha256, *calendar_text; /* the calendar of a case-level run, else NULL */
    size_t calendar_len;
    char *hash;
    ces_results results;                  /* every figure as stored */
    ces_input_file files[CES_FILE_COUNT]; /* present, sha256, rows, encoding; bytes NULL */
    ces_run_status status;                /* draft, reviewed (an approving review
                                             exists) or final (the finalized run) */
    long finalization_pos;      /* a final run's finalization: its chain position (0 when not) */
    char finalization_hash[65]; /* ... and hash: the chain's head after finalize */
} ces_stored_run;

/* Load a stored run: run_id, or (0) period's finalized run, else its latest.
 * CES_ERR_INVALID when there is none. */
ces_status ces_archive_load_run(ces_archive *a, const char *period, long run_id, ces_stored_run *out);
/* The same without the figures: out->results holds only what the runs row
 * keeps (period, prior source, run and period, industry mediation). For the
 * run just stored, whose figures the caller still has in memory. */
ces_status ces_archive_load_run_head(ces_archive *a, const char *period, long run_id,
                                     ces_stored_run *out);
void ces_stored_run_free(ces_stored_run *r);

/* history: the entries of each chained table (records.h; key = the history
 * JSON's key, column = the table's) */
#define CES_IMPORT_ENTRY_FIELDS(X, T)                                                                   \
    X(T, LONG, id, "id", "id", 0)                                                                       \
    X(T, PERIOD, period, "period", "period", 0)                                                         \
    X(T, INT, version, "version", "version", 0)                                                         \
    X(T, STR, time, "time", "time", 0)                                                                  \
    X(T, STR, operator_name, "by", "operator", 0)                                                       \
    X(T, STR, hash, "hash", "hash", 0)

#define CES_RUN_ENTRY_FIELDS(X, T)                                                                      \
    X(T, LONG, id, "id", "id", 0)                                                                       \
    X(T, LONG, import_id, "import_id", "import_id", 0)                                                  \
    X(T, PERIOD, period, "period", "period", 0)                                                         \
    X(T, STR, time, "time", "time", 0)                                                                  \
    X(T, STR, operator_name, "by", "operator", 0)                                                       \
    X(T, STR, engine_version, "engine_version", "engine_version", 0)                                    \
    X(T, STR, config_name, "config", "config_name", 0)                                                  \
    X(T, STR, config_sha256, "config_sha256", "config_sha256", 0)                                       \
    X(T, STR, hash, "hash", "hash", 0)

#define CES_REVIEW_ENTRY_FIELDS(X, T)                                                                   \
    X(T, LONG, id, "id", "id", 0)                                                                       \
    X(T, LONG, run_id, "run_id", "run_id", 0)                                                           \
    X(T, PERIOD, period, "period", "period", 0)                                                         \
    X(T, STR, time, "time", "time", 0)                                                                  \
    X(T, STR, operator_name, "by", "operator", 0)                                                       \
    X(T, STR, engine_version, "engine_version", "engine_version", 0)                                    \
    X(T, STR, outcome, "outcome", "outcome", 0)                                                         \
    X(T, STR, hash, "hash", "hash", 0)

#define CES_FINALIZATION_ENTRY_FIELDS(X, T)                                                             \
    X(T, LONG, id, "id", "id", 0)                                                                       \
    X(T, LONG, run_id, "run_id", "run_id", 0)                                                           \
    X(T, LONG, review_id, "review_id", "review_id", 0)                                                  \
    X(T, PERIOD, period, "period", "period", 0)                                                         \
    X(T, STR, time, "time", "time", 0)                                                                  \
    X(T, STR, operator_name, "by", "operator", 0)                                                       \
    X(T, STR, hash, "hash", "hash", 0)

typedef struct {
    CES_IMPORT_ENTRY_FIELDS(CES_MEMBER, ces_import_entry)
    ces_input_file files[CES_FILE_COUNT]; /* bytes NULL */
    int accepted;                         /* it has an acceptance (schema v4): */
    ces_acceptance acceptance;            /* who accepted which findings, when */
} ces_import_entry;

typedef struct {
    CES_RUN_ENTRY_FIELDS(CES_MEMBER, ces_run_entry)
} ces_run_entry;

typedef struct {
    CES_REVIEW_ENTRY_FIELDS(CES_MEMBER, ces_review_entry)
} ces_review_entry;

typedef struct {
    CES_FINALIZATION_ENTRY_FIELDS(CES_MEMBER, ces_finalization_entry)
} ces_finalization_entry;

extern const ces_record CES_REC_IMPORT_ENTRY, CES_REC_RUN_ENTRY, CES_REC_REVIEW_ENTRY,
    CES_REC_FINALIZATION_ENTRY;

typedef struct {
    ces_import_entry *imports;
    size_t n_imports;
    ces_run_entry *runs;
    size_t n_runs;
    ces_review_entry *reviews;
    size_t n_reviews;
    ces_finalization_entry *finalizations;
    size_t n_finalizations;
} ces_history;

/* period NULL = every period; entries in id order. */
ces_status ces_archive_history(ces_archive *a, const char *period, ces_history *out);
void ces_history_free(ces_history *h);

/* ---- audit trail (docs/audit.md) ---- */

/* The prior-period figures run_id was scored with (prior source "archive"),
 * exactly as it used them (schema v2 table run_prior_figures), with the run
 * and period they came from. *found = 0 when the run used no archived
 * figures. Free with ces_prior_archive_free. */
ces_status ces_archive_prior_figures_of_run(ces_archive *a, long run_id, ces_prior_archive *out,
                                            int *found);

/* Record the second person's approval of run_id (the caller has recomputed it
 * and found every figure identical). A reviewer who is the run's operator ->
 * CES_ERR_CONFLICT. engine_version: the engine that recomputed. */
ces_status ces_archive_record_review(ces_archive *a, long run_id, const char *operator_name,
                                     const char *time, const char *engine_version, long *review_id);

/* Mark run_id as the published run of its period. Needs an approved review
 * of run_id by someone other than the run's operator (its latest is
 * recorded), else CES_ERR_CONFLICT; a period already finalized ->
 * CES_ERR_CONFLICT. Afterwards an import of different inputs for the period
 * is refused (CES_ERR_CONFLICT). */
ces_status ces_archive_finalize(ces_archive *a, long run_id, const char *operator_name, const char *time,
                                long *finalization_id);

/* The published run of a period (0 when not finalized). */
ces_status ces_archive_finalized_run(ces_archive *a, const char *period, long *run_id);

/* What verify found. ok = 1 when everything matches; else the first failure:
 * entry ("import", "run", "review", "finalization", or "database"), its id
 * and chain position (0 when not in the chain) and a one-line message. */
typedef struct {
    int ok;
    long entries;       /* chain entries checked */
    char head_hash[65]; /* hash of the last entry (genesis when empty) */
    char entry[16];
    long id, chain_pos;
    char message[400];
} ces_verify_report;

/* One entry of the hash chain. */
typedef struct {
    long pos; /* chain position, 1.. */
    char entry[16];
    long id;
    char prev_hash[65], hash[65];
} ces_chain_entry;

/* Every entry of the chain, in position order (*out malloc'ed, NULL when
 * the chain is empty). */
ces_status ces_archive_chain(ces_archive *a, ces_chain_entry **out, size_t *n);

/* SQLite's PRAGMA quick_check: *ok = 1 when it answers "ok", else its first
 * line in msg. Cheaper than integrity_check; run before every write. */
ces_status ces_archive_quick_check(ces_archive *a, int *ok, char *msg, size_t n);

/* Re-check the whole archive: PRAGMA integrity_check and foreign_key_check;
 * chain positions 1..n without gaps; each entry's prev_hash and its hash
 * recomputed from the stored content; each file's sha256 of its bytes; each
 * run's config sha256 and its prior figures. Returns CES_OK (report->ok
 * says whether all matched) or an I/O status when the archive can't be read. */
ces_status ces_archive_verify(ces_archive *a, ces_verify_report *report);

#endif
