/* archive: schema migrations and ces_archive_open. The schema is documented
 * in docs/archive-schema.md; a later version appends a step to MIGRATIONS
 * (never edits an earlier one) and raises ARCH_SCHEMA_VERSION. */
#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "archive_db.h"
#include "archive_schema.h"

#define APPEND_ONLY(t)                                                                                  \
    "CREATE TRIGGER " t "_no_update BEFORE UPDATE ON " t                                                \
    " BEGIN SELECT RAISE(ABORT, 'cescore archive is append-only'); END;\n"                              \
    "CREATE TRIGGER " t "_no_delete BEFORE DELETE ON " t                                                \
    " BEGIN SELECT RAISE(ABORT, 'cescore archive is append-only'); END;\n"

/* An entry of the hash chain must take the next position and name the hash
 * of the entry before it (the genesis hash for the first). */
#define CHAIN_GUARD(t)                                                                                  \
    "CREATE TRIGGER " t "_chain_order BEFORE INSERT ON " t                                              \
    " WHEN NEW.chain_pos IS NOT (SELECT COALESCE(MAX(chain_pos), 0) + 1 FROM chain)"                    \
    " OR NEW.prev_hash IS NOT COALESCE((SELECT hash FROM chain"                                         \
    " WHERE chain_pos = NEW.chain_pos - 1), '" ARCH_GENESIS_HASH                                        \
    "')"                                                                                                \
    " BEGIN SELECT RAISE(ABORT, 'cescore archive: hash chain out of order'); END;\n"

#define CHAIN_COLUMNS                                                                                   \
    "  chain_pos INTEGER NOT NULL UNIQUE CHECK (chain_pos >= 1),\n"                                     \
    "  prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),\n"                                       \
    "  hash TEXT NOT NULL CHECK (length(hash) = 64)\n"

/* The column lists below are history: an archive keeps the text that created
 * it, so they stay literal and are not generated from the records' field
 * tables (records.h); tests/unit/test_records.c checks that the two agree
 * (docs/archive-schema.md, "Records"). */
static const char SCHEMA_V1[] =
    "PRAGMA application_id = 1128616753;\n" /* ARCH_APPLICATION_ID */
    /* ---- imports: one row per stored bundle version of a period ---- */
    "CREATE TABLE imports (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  period TEXT NOT NULL,\n"
    "  version INTEGER NOT NULL CHECK (version >= 1),\n"
    "  time TEXT NOT NULL,\n"
    "  operator TEXT NOT NULL,\n" CHAIN_COLUMNS
    ",\n"
    "  UNIQUE (period, version)\n"
    ");\n"
    "CREATE TABLE import_files (\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id),\n"
    "  kind TEXT NOT NULL,\n"
    "  name TEXT NOT NULL,\n"
    "  bytes BLOB NOT NULL,\n"
    "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64),\n"
    "  encoding TEXT NOT NULL,\n"
    "  row_count INTEGER NOT NULL CHECK (row_count >= 0),\n"
    "  PRIMARY KEY (import_id, kind)\n"
    ");\n"
    /* ---- parsed rows, one table per input file; seq = index in the file's rows ---- */
    "CREATE TABLE companies (\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id), seq INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL, code TEXT NOT NULL, name TEXT NOT NULL,\n"
    "  grp TEXT NOT NULL, org_type TEXT NOT NULL, parent_code TEXT,\n"
    "  open_date INTEGER NOT NULL,\n"
    "  PRIMARY KEY (import_id, seq)\n"
    ");\n"
    "CREATE TABLE complaints (\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id), seq INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL, code TEXT NOT NULL,\n"
    "  total INTEGER NOT NULL, motor INTEGER NOT NULL, nonmotor INTEGER NOT NULL,\n"
    "  withdrawn INTEGER NOT NULL, transferred INTEGER NOT NULL, on_time INTEGER NOT NULL,\n"
    "  PRIMARY KEY (import_id, seq)\n"
    ");\n"
    "CREATE TABLE statistics (\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id), seq INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL, code TEXT NOT NULL,\n"
    "  premium_wan REAL NOT NULL, motor_premium_wan REAL NOT NULL,\n"
    "  nonmotor_premium_wan REAL NOT NULL,\n"
    "  nonmotor_policies INTEGER NOT NULL, prior_inforce_policies INTEGER NOT NULL,\n"
    "  new_policies INTEGER NOT NULL, prior_inforce_persons INTEGER NOT NULL,\n"
    "  new_persons INTEGER NOT NULL,\n"
    "  PRIMARY KEY (import_id, seq)\n"
    ");\n"
    "CREATE TABLE qualitative_rows (\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id), seq INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL, code TEXT NOT NULL, note TEXT,\n"
    "  PRIMARY KEY (import_id, seq)\n"
    ");\n"
    "CREATE TABLE qualitative_items (\n"
    "  import_id INTEGER NOT NULL, seq INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL, code TEXT NOT NULL,\n"
    "  checklist INTEGER NOT NULL CHECK (checklist IN (0, 1)),\n"
    "  item_index INTEGER NOT NULL CHECK (item_index >= 0),\n"
    "  established INTEGER NOT NULL,\n"
    "  PRIMARY KEY (import_id, seq, checklist, item_index),\n"
    "  FOREIGN KEY (import_id, seq) REFERENCES qualitative_rows(import_id, seq)\n"
    ");\n"
    "CREATE TABLE mediation (\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id), seq INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL, code TEXT NOT NULL,\n"
    "  needed INTEGER NOT NULL, succeeded INTEGER NOT NULL,\n"
    "  PRIMARY KEY (import_id, seq)\n"
    ");\n"
    "CREATE TABLE deductions (\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id), seq INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL, code TEXT NOT NULL,\n"
    "  indicator TEXT NOT NULL, category TEXT, points REAL NOT NULL,\n"
    "  points_given INTEGER NOT NULL, date INTEGER NOT NULL,\n"
    "  reference TEXT, description TEXT,\n"
    "  PRIMARY KEY (import_id, seq)\n"
    ");\n"
    "CREATE TABLE prior_rows (\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id), seq INTEGER NOT NULL,\n"
    "  line INTEGER NOT NULL, code TEXT NOT NULL,\n"
    "  total INTEGER NOT NULL, premium_wan REAL NOT NULL,\n"
    "  PRIMARY KEY (import_id, seq)\n"
    ");\n"
    /* ---- runs: one row per scoring of an import, and every figure ---- */
    "CREATE TABLE runs (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  import_id INTEGER NOT NULL REFERENCES imports(id),\n"
    "  period TEXT NOT NULL, time TEXT NOT NULL, operator TEXT NOT NULL,\n"
    "  engine_version TEXT NOT NULL,\n"
    "  config_name TEXT NOT NULL, config_sha256 TEXT NOT NULL, config_text BLOB NOT NULL,\n"
    "  prior_source TEXT NOT NULL CHECK (prior_source IN ('none', 'prior.csv', 'archive')),\n"
    "  prior_run_id INTEGER REFERENCES runs(id), prior_period TEXT,\n"
    "  industry_mediation REAL,\n" CHAIN_COLUMNS
    ");\n"
    "CREATE TABLE run_groups (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id), grp TEXT NOT NULL,\n"
    "  company_count INTEGER NOT NULL, average_total REAL,\n"
    "  below_average INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, grp)\n"
    ");\n"
    "CREATE TABLE run_benchmarks (\n"
    "  run_id INTEGER NOT NULL, grp TEXT NOT NULL, indicator TEXT NOT NULL,\n"
    "  has_benchmark INTEGER NOT NULL, benchmark REAL,\n"
    "  PRIMARY KEY (run_id, grp, indicator),\n"
    "  FOREIGN KEY (run_id, grp) REFERENCES run_groups(run_id, grp)\n"
    ");\n"
    "CREATE TABLE run_companies (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,\n"
    "  code TEXT NOT NULL, name TEXT, grp TEXT NOT NULL, rank INTEGER NOT NULL,\n"
    "  total REAL, qualitative REAL, quantitative REAL, volume_block REAL,\n"
    "  flags INTEGER NOT NULL, complaints_total REAL, premium_wan REAL,\n"
    "  PRIMARY KEY (run_id, position),\n"
    "  UNIQUE (run_id, code)\n"
    ");\n"
    "CREATE TABLE run_children (\n"
    "  run_id INTEGER NOT NULL, company_code TEXT NOT NULL, position INTEGER NOT NULL,\n"
    "  child_code TEXT NOT NULL,\n"
    "  PRIMARY KEY (run_id, company_code, position),\n"
    "  FOREIGN KEY (run_id, company_code) REFERENCES run_companies(run_id, code)\n"
    ");\n"
    "CREATE TABLE run_indicators (\n"
    "  run_id INTEGER NOT NULL, company_code TEXT NOT NULL, indicator TEXT NOT NULL,\n"
    "  present INTEGER NOT NULL, applicable INTEGER NOT NULL, has_value INTEGER NOT NULL,\n"
    "  value_inf INTEGER NOT NULL, has_benchmark INTEGER NOT NULL,\n"
    "  has_current INTEGER NOT NULL, has_prior INTEGER NOT NULL,\n"
    "  numerator REAL, denominator REAL, value REAL, benchmark REAL,\n"
    "  current_x REAL, prior_x REAL, raw REAL, weight REAL, effective_weight REAL,\n"
    "  points REAL, max_points REAL, score REAL, missing INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, company_code, indicator),\n"
    "  FOREIGN KEY (run_id, company_code) REFERENCES run_companies(run_id, code)\n"
    ");\n"
    "CREATE TABLE run_excluded (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,\n"
    "  code TEXT NOT NULL, name TEXT, grp TEXT NOT NULL, reason TEXT NOT NULL,\n"
    "  into_code TEXT,\n"
    "  PRIMARY KEY (run_id, position)\n"
    ");\n"
    /* ---- audit trail (written by review / finalize) ---- */
    "CREATE TABLE reviews (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id),\n"
    "  period TEXT NOT NULL, operator TEXT NOT NULL, time TEXT NOT NULL,\n"
    "  engine_version TEXT NOT NULL,\n"
    "  outcome TEXT NOT NULL DEFAULT 'approved',\n" CHAIN_COLUMNS
    ");\n"
    "CREATE TABLE finalizations (\n"
    "  id INTEGER PRIMARY KEY,\n"
    "  period TEXT NOT NULL,\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id),\n"
    "  review_id INTEGER REFERENCES reviews(id),\n"
    "  operator TEXT NOT NULL, time TEXT NOT NULL,\n" CHAIN_COLUMNS
    ");\n"
    /* ---- indexes for the lookups the engine makes ---- */
    "CREATE INDEX runs_by_period ON runs(period, id);\n"
    "CREATE INDEX reviews_by_run ON reviews(run_id);\n"
    "CREATE INDEX finalizations_by_period ON finalizations(period, id);\n"
    /* ---- the hash chain across imports, runs, reviews, finalizations ---- */
    "CREATE VIEW chain (chain_pos, entry, id, prev_hash, hash) AS\n"
    "  SELECT chain_pos, 'import', id, prev_hash, hash FROM imports\n"
    "  UNION ALL SELECT chain_pos, 'run', id, prev_hash, hash FROM runs\n"
    "  UNION ALL SELECT chain_pos, 'review', id, prev_hash, hash FROM reviews\n"
    "  UNION ALL SELECT chain_pos, 'finalization', id, prev_hash, hash FROM finalizations;\n" CHAIN_GUARD(
        "imports") CHAIN_GUARD("runs") CHAIN_GUARD("reviews") CHAIN_GUARD("finalizations")
    /* ---- append-only, every table ---- */
    APPEND_ONLY("imports") APPEND_ONLY("import_files") APPEND_ONLY("companies") APPEND_ONLY("complaints")
        APPEND_ONLY("statistics") APPEND_ONLY("qualitative_rows") APPEND_ONLY("qualitative_items")
            APPEND_ONLY("mediation") APPEND_ONLY("deductions") APPEND_ONLY("prior_rows")
                APPEND_ONLY("runs") APPEND_ONLY("run_groups") APPEND_ONLY("run_benchmarks")
                    APPEND_ONLY("run_companies") APPEND_ONLY("run_children")
                        APPEND_ONLY("run_indicators") APPEND_ONLY("run_excluded") APPEND_ONLY("reviews")
                            APPEND_ONLY("finalizations");

/* v2: the exact prior-period figures each run used (prior source "archive"),
 * so that rerun and review read them from the run itself. Backfilled for the
 * runs of a v1 archive from their prior_run_id's run_companies (what v1's
 * ces_archive_prior_figures gave them). Checked by verify against the prior
 * run's figures, which the hash chain covers. */
static const char SCHEMA_V2[] =
    "CREATE TABLE run_prior_figures (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,\n"
    "  code TEXT NOT NULL, complaints_total REAL, premium_wan REAL,\n"
    "  PRIMARY KEY (run_id, position)\n"
    ");\n"
    "INSERT INTO run_prior_figures (run_id, position, code, complaints_total, premium_wan)\n"
    "  SELECT r.id, c.position, c.code, c.complaints_total, c.premium_wan\n"
    "  FROM runs r JOIN run_companies c ON c.run_id = r.prior_run_id\n"
    "  WHERE r.prior_source = 'archive' ORDER BY r.id, c.position;\n" APPEND_ONLY("run_prior_figures");

/* v3: case-level complaints (docs/method.md §6.6). A case list is an
 * input like any other, but too large to hold whole: its bytes go into
 * import_file_chunks, in order, one row per MiB (its import_files row keeps
 * the kind, name, sha256, encoding and row count, with an empty bytes
 * column), together with the way its header was read (import_headers: the
 * canonical column of each field), so that a run reads it again exactly so.
 * A run of such an import records the working-day calendar it counted on
 * (its text and sha256, like the config's) and what it made of the case
 * list: per scored company its counts, its most overdue cases and, above the
 * analysis threshold, its complaints per category. */
static const char SCHEMA_V3[] =
    "CREATE TABLE import_file_chunks (\n"
    "  import_id INTEGER NOT NULL, kind TEXT NOT NULL, seq INTEGER NOT NULL CHECK (seq >= 0),\n"
    "  bytes BLOB NOT NULL,\n"
    "  PRIMARY KEY (import_id, kind, seq),\n"
    "  FOREIGN KEY (import_id, kind) REFERENCES import_files(import_id, kind)\n"
    ");\n"
    "CREATE TABLE import_headers (\n"
    "  import_id INTEGER NOT NULL, kind TEXT NOT NULL, columns TEXT NOT NULL,\n"
    "  PRIMARY KEY (import_id, kind),\n"
    "  FOREIGN KEY (import_id, kind) REFERENCES import_files(import_id, kind)\n"
    ");\n"
    "CREATE TABLE run_calendars (\n"
    "  run_id INTEGER PRIMARY KEY REFERENCES runs(id),\n"
    "  sha256 TEXT NOT NULL CHECK (length(sha256) = 64), text BLOB NOT NULL\n"
    ");\n"
    "CREATE TABLE run_case_counts (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,\n"
    "  code TEXT NOT NULL, total INTEGER NOT NULL, motor INTEGER NOT NULL,\n"
    "  nonmotor INTEGER NOT NULL, withdrawn INTEGER NOT NULL, transferred INTEGER NOT NULL,\n"
    "  on_time INTEGER NOT NULL, overdue INTEGER NOT NULL, not_yet_due INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, position)\n"
    ");\n"
    "CREATE TABLE run_case_overdue (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,\n"
    "  company_code TEXT NOT NULL, case_id TEXT NOT NULL, code TEXT NOT NULL,\n"
    "  line INTEGER NOT NULL, transferred_date INTEGER NOT NULL, deadline INTEGER NOT NULL,\n"
    "  responded_date INTEGER NOT NULL, days_overdue INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, position)\n"
    ");\n"
    "CREATE TABLE run_case_categories (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id), position INTEGER NOT NULL,\n"
    "  company_code TEXT NOT NULL, dimension TEXT NOT NULL, value TEXT NOT NULL,\n"
    "  count INTEGER NOT NULL,\n"
    "  PRIMARY KEY (run_id, position)\n"
    ");\n" APPEND_ONLY("import_file_chunks") APPEND_ONLY("import_headers") APPEND_ONLY("run_calendars")
        APPEND_ONLY("run_case_counts") APPEND_ONLY("run_case_overdue")
            APPEND_ONLY("run_case_categories");

/* v4: the acceptance of an import's plausibility findings (docs/inputs.md
 * §5): who accepted them (--accept-warnings --by NAME), when, and each
 * finding as the record CES_REC_FINDING. Stored with the import it was given
 * for and part of that import's canonical text (an import without one keeps
 * its text), so the hash chain covers it. An index of the files by sha256
 * serves the same-file check. */
static const char SCHEMA_V4[] =
    "CREATE TABLE import_acceptances (\n"
    "  import_id INTEGER PRIMARY KEY REFERENCES imports(id),\n"
    "  operator TEXT NOT NULL, time TEXT NOT NULL\n"
    ");\n"
    "CREATE TABLE import_findings (\n"
    "  import_id INTEGER NOT NULL REFERENCES import_acceptances(import_id),\n"
    "  seq INTEGER NOT NULL,\n"
    "  kind TEXT NOT NULL, file TEXT, line INTEGER NOT NULL, code TEXT,\n"
    "  figure REAL NOT NULL, prior REAL NOT NULL, source TEXT, other_period TEXT,\n"
    "  other_id INTEGER NOT NULL,\n"
    "  PRIMARY KEY (import_id, seq)\n"
    ");\n"
    /* the same-file check looks files up by digest, without reading their bytes */
    "CREATE INDEX import_files_by_sha256 ON import_files(sha256);\n" APPEND_ONLY("import_acceptances")
        APPEND_ONLY("import_findings");

/* v5: a run's indicators as the indicator lines of its canonical text, in
 * chunks, instead of one run_indicators row each; a qualitative row's
 * established items as one text instead of one qualitative_items row each
 * (docs/archive-schema.md). The runs row is written after its chunks, hence
 * the deferred reference. */
static const char SCHEMA_V5[] =
    "CREATE TABLE run_indicator_chunks (\n"
    "  run_id INTEGER NOT NULL REFERENCES runs(id) DEFERRABLE INITIALLY DEFERRED,\n"
    "  seq INTEGER NOT NULL CHECK (seq >= 0),\n"
    "  bytes BLOB NOT NULL,\n"
    "  PRIMARY KEY (run_id, seq)\n"
    ");\n"
    "CREATE TABLE qualitative_checklists (\n"
    "  import_id INTEGER NOT NULL, seq INTEGER NOT NULL,\n"
    "  items TEXT NOT NULL,\n"
    "  PRIMARY KEY (import_id, seq),\n"
    "  FOREIGN KEY (import_id, seq) REFERENCES qualitative_rows(import_id, seq)\n"
    ") WITHOUT ROWID;\n" APPEND_ONLY("run_indicator_chunks") APPEND_ONLY("qualitative_checklists");

/* MIGRATIONS[v - 1] takes a database from version v-1 to v. Append only. */
static const char *const MIGRATIONS[] = {
    SCHEMA_V1, SCHEMA_V2, SCHEMA_V3, SCHEMA_V4, SCHEMA_V5,
};

_Static_assert(sizeof MIGRATIONS / sizeof MIGRATIONS[0] == ARCH_SCHEMA_VERSION,
               "one migration step per schema version");

const char *arch_migration_sql(int version)
{
    if (version < 1 || version > ARCH_SCHEMA_VERSION)
        return NULL;
    return MIGRATIONS[version - 1];
}

static ces_status read_pragmas(ces_archive *a, long *user_version, long *app_id, long *n_objects)
{
    ces_status st = arch_query_long(a, "PRAGMA user_version", NULL, 0, 0, user_version);
    if (st == CES_OK)
        st = arch_query_long(a, "PRAGMA application_id", NULL, 0, 0, app_id);
    if (st == CES_OK)
        st = arch_query_long(a, "SELECT count(*) FROM sqlite_master", NULL, 0, 0, n_objects);
    return st;
}

static ces_status check_version(ces_archive *a, long uv, long app_id, long n_objects)
{
    if (uv > ARCH_SCHEMA_VERSION)
        return arch_fail(a, CES_ERR_CONFLICT,
                         "archive %s has schema version %ld, newer than this engine's (%d); "
                         "use a newer cescore",
                         a->path, uv, ARCH_SCHEMA_VERSION);
    /* a negative version is no cescore's: migrating "up" from it would take
     * billions of steps */
    if (uv < 0 || (app_id != 0 && app_id != ARCH_APPLICATION_ID) || (uv == 0 && n_objects > 0))
        return arch_fail(a, CES_ERR_IO, "%s is not a cescore archive", a->path);
    return CES_OK;
}

static ces_status apply_steps(ces_archive *a, long from)
{
    for (long v = from + 1; v <= ARCH_SCHEMA_VERSION; v++) {
        const char *step = arch_migration_sql((int)v);
        if (!step)
            return arch_fail(a, CES_ERR_INTERNAL, "no migration step to schema version %ld", v);
        ces_status st = arch_exec(a, step);
        if (st != CES_OK)
            return st;
        /* PRAGMA takes no bound parameters; v is the engine's own constant */
        char sql[64];
        snprintf(sql, sizeof sql, "PRAGMA user_version = %ld", v);
        if ((st = arch_exec(a, sql)) != CES_OK)
            return st;
    }
    return CES_OK;
}

ces_status arch_migrate(ces_archive *a)
{
    long uv, app_id, n_objects;
    ces_status st = read_pragmas(a, &uv, &app_id, &n_objects);
    if (st == CES_OK)
        st = check_version(a, uv, app_id, n_objects);
    if (st != CES_OK || uv == ARCH_SCHEMA_VERSION)
        return st;
    if ((st = ces_archive_begin(a)) != CES_OK)
        return st;
    /* another process may have migrated while we waited for the lock */
    st = read_pragmas(a, &uv, &app_id, &n_objects);
    if (st == CES_OK)
        st = check_version(a, uv, app_id, n_objects);
    if (st == CES_OK)
        st = apply_steps(a, uv);
    if (st != CES_OK) {
        ces_archive_rollback(a);
        return st;
    }
    return ces_archive_commit(a);
}

static int busy_timeout_ms(void)
{
    const char *s = getenv(ARCH_BUSY_ENV);
    if (!s || !*s)
        return ARCH_DEFAULT_BUSY_MS;
    char *end;
    errno = 0;
    long v = strtol(s, &end, 10);
    if (errno || *end || v < 0 || v > INT_MAX)
        return ARCH_DEFAULT_BUSY_MS;
    return (int)v;
}

static ces_status configure(ces_archive *a)
{
    sqlite3_busy_timeout(a->db, a->busy_ms);
    sqlite3_extended_result_codes(a->db, 1);
    ces_status st = arch_exec(a, "PRAGMA foreign_keys = ON");
    if (st == CES_OK)
        st = arch_exec(a, "PRAGMA journal_mode = DELETE");
    if (st == CES_OK)
        st = arch_exec(a, "PRAGMA synchronous = FULL");
    return st;
}

/* Each problem found while opening, added to d naming the archive's path. */
static void name_path(ces_diags *d, const ces_diags *found, const char *path)
{
    for (size_t i = 0; i < found->count; i++)
        ces_diag_add_text(d, CES_DIAG_ERROR, path, 0, NULL, 0, NULL, found->items[i].text);
}

ces_status ces_archive_open(const char *path, ces_archive_mode mode, ces_archive **out, ces_diags *d)
{
    *out = NULL;
    struct stat sb;
    if (mode == CES_ARCHIVE_EXISTING && stat(path, &sb) != 0 && errno == ENOENT) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "no archive at %s", path);
        return CES_ERR_IO;
    }
    ces_archive *a = calloc(1, sizeof *a);
    if (!a || !(a->path = strdup(path))) {
        free(a);
        ces_diag_add(d, CES_DIAG_ERROR, path, 0, NULL, NULL, "out of memory");
        return CES_ERR_NOMEM;
    }
    ces_diags opening;
    ces_diags_init(&opening);
    a->diags = &opening;
    a->busy_ms = busy_timeout_ms();
    int flags = SQLITE_OPEN_READWRITE | (mode == CES_ARCHIVE_CREATE ? SQLITE_OPEN_CREATE : 0);
    int rc = sqlite3_open_v2(path, &a->db, flags, NULL);
    ces_status st = rc == SQLITE_OK ? configure(a) : arch_sqlite_fail(a, rc);
    if (st == CES_OK)
        st = arch_migrate(a);
    name_path(d, &opening, path);
    ces_diags_free(&opening);
    a->diags = d;
    if (st != CES_OK) {
        ces_archive_close(a);
        return st;
    }
    *out = a;
    return CES_OK;
}
