/* ingest: a bundle directory -> a validated ces_dataset and diagnostics.
 * bytes -> UTF-8 (iconv) -> CSV records (libcsv) -> typed rows. Knows nothing
 * of scoring beyond the vocabulary (model.h) and the config's item lists. */
#ifndef CESCORE_INGEST_H
#define CESCORE_INGEST_H

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/status.h"
#include "cescore/stream.h"

/* Header aliases of config/columns.json: for each file, each canonical
 * column and its aliases (Chinese and English). Opaque. */
typedef struct ces_columns ces_columns;

ces_status ces_columns_load(const char *path, ces_columns **out, ces_diags *diags);
ces_status ces_columns_parse(const char *text, size_t len, const char *source_name, ces_columns **out,
                             ces_diags *diags);
void ces_columns_free(ces_columns *cols);

/* Read every file of the bundle in dir for period, check every rule of
 * docs/inputs.md, collect every problem in diags. On CES_OK *out is a
 * complete dataset: file bytes included, except cases.csv's, which is read
 * as a stream from its path and counted into out->cases with the config's
 * response_working_days and calendar (cfg->calendar). On CES_ERR_INVALID
 * diags holds every error and *out is empty; CES_ERR_IO when dir or a file
 * cannot be read. Warnings (unknown columns) do not make a bundle invalid. */
ces_status ces_ingest_bundle(const char *dir, ces_period period, const ces_config *cfg,
                             const ces_columns *cols, ces_dataset *out, ces_diags *diags);
/* An archived case-level import's cases.csv read again from src, checked
 * against ds's companies and complaints rows and counted into ds->cases
 * with cfg's response_working_days and calendar (rerun, review, score: each
 * run counts with its own config and calendar). Bytes whose sha256 is not
 * ds->files[CES_FILE_CASES].sha256 are an error. CES_ERR_INVALID with the
 * problems in diags; CES_ERR_IO when src fails. */
ces_status ces_ingest_cases(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                            const ces_byte_source *src, ces_progress_fn progress, void *progress_ctx,
                            ces_diags *diags);

/* The default largest input file (2 GiB). */
#define CES_MAX_INPUT_BYTES ((size_t)2 << 30)

/* How ces_ingest_bundle_opts reads a bundle, besides what
 * ces_ingest_bundle does. */
typedef struct {
    /* The largest input file: a file of the bundle larger than this, and
     * one that is not a regular file (a FIFO, a device), is an error of the
     * bundle (CES_ERR_INVALID) and is not read. cases.csv, read as a
     * stream, is held to the same rules. 0: CES_MAX_INPUT_BYTES. */
    size_t max_file_bytes;
    ces_progress_fn progress; /* how far cases.csv has been read (may be NULL) */
    void *progress_ctx;
} ces_ingest_opts;

/* ces_ingest_bundle read as opts says (NULL: as ces_ingest_bundle, which
 * reads up to CES_MAX_INPUT_BYTES and reports no progress). */
ces_status ces_ingest_bundle_opts(const char *dir, ces_period period, const ces_config *cfg,
                                  const ces_columns *cols, const ces_ingest_opts *opts, ces_dataset *out,
                                  ces_diags *diags);

/* Same from file bytes already in memory (files[k].present/bytes/len set by the
 * caller, e.g. from the archive); parses and validates them into ds. A
 * cases.csv present with neither bytes nor path (an archived case list, kept
 * in the archive as a stream) is not read here: ces_ingest_cases counts it
 * from the archive afterwards, against the rows parsed here. */
ces_status ces_ingest_files(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                            ces_diags *diags);

/* One cell changed before a bundle is checked (cescore whatif): in file
 * `file`, the row of company `code` (a row is added when it has none), the
 * column named `column` (its canonical name, docs/inputs.md §4; added to the
 * header when absent) takes the text `value` as it would stand in the CSV. */
typedef struct {
    ces_file_kind file;
    const char *code;
    const char *column;
    const char *value;
} ces_cell_edit;

/* ces_ingest_files with the cells of edits[0..n) changed first: every rule
 * of docs/inputs.md then checks the changed bundle as it checks one read
 * from disk. A column the file does not have is an error in diags. files[]
 * keep their original bytes. */
ces_status ces_ingest_files_edited(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                                   const ces_cell_edit *edits, size_t n, ces_diags *diags);

/* Value parsers shared by ingest and tests. Each returns 0 on success, -1 when invalid. */
int ces_parse_count(const char *s, int64_t *out); /* "1,234" -> 1234; no sign, no decimals */
int ces_parse_amount(const char *s, double *out); /* "1,234.5" -> 1234.5; non-negative */
int ces_parse_date(const char *s, int *yyyymmdd); /* YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 */
int ces_parse_yes_no(const char *s, int *out);    /* Y/N 是/否 1/0 ✓/✗ (case-insensitive y/n) */

#endif
