/* ingest: a bundle directory -> a validated ces_dataset and diagnostics.
 * bytes -> UTF-8 (iconv) -> CSV records (libcsv) -> typed rows. Knows nothing
 * of scoring beyond the vocabulary (model.h) and the config's item lists. */
#ifndef CESCORE_INGEST_H
#define CESCORE_INGEST_H

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/status.h"

/* Header aliases of config/columns.json: for each file, each canonical
 * column and its aliases (Chinese and English). Opaque. */
typedef struct ces_columns ces_columns;

ces_status ces_columns_load(const char *path, ces_columns **out, ces_diags *diags);
ces_status ces_columns_parse(const char *text, size_t len, const char *source_name, ces_columns **out,
                             ces_diags *diags);
void ces_columns_free(ces_columns *cols);

/* Read every file of the bundle in dir for period, check every rule of
 * docs/inputs.md (except cases.csv, which is reported as unsupported if present),
 * collect every problem in diags. On CES_OK *out is a complete dataset (file
 * bytes included); on CES_ERR_INVALID diags holds every error and *out is
 * empty; CES_ERR_IO when dir or a file cannot be read. Warnings (unknown
 * columns) do not make a bundle invalid. */
ces_status ces_ingest_bundle(const char *dir, ces_period period, const ces_config *cfg,
                             const ces_columns *cols, ces_dataset *out, ces_diags *diags);

/* The default largest input file (2 GiB). */
#define CES_MAX_INPUT_BYTES ((size_t)2 << 30)

/* ces_ingest_bundle with the largest input file given: a file of the bundle
 * larger than max_file_bytes, and one that is not a regular file (a FIFO, a
 * device), is an error of the bundle (CES_ERR_INVALID) and is not read.
 * ces_ingest_bundle reads up to CES_MAX_INPUT_BYTES. */
ces_status ces_ingest_bundle_limited(const char *dir, ces_period period, const ces_config *cfg,
                                     const ces_columns *cols, size_t max_file_bytes, ces_dataset *out,
                                     ces_diags *diags);

/* Same from file bytes already in memory (files[k].present/bytes/len set by the
 * caller, e.g. from the archive); parses and validates them into ds. */
ces_status ces_ingest_files(ces_dataset *ds, const ces_config *cfg, const ces_columns *cols,
                            ces_diags *diags);

/* Value parsers shared by ingest and tests. Each returns 0 on success, -1 when invalid. */
int ces_parse_count(const char *s, int64_t *out); /* "1,234" -> 1234; no sign, no decimals */
int ces_parse_amount(const char *s, double *out); /* "1,234.5" -> 1234.5; non-negative */
int ces_parse_date(const char *s, int *yyyymmdd); /* YYYY-MM-DD, YYYY/M/D, YYYY年M月D日 */
int ces_parse_yes_no(const char *s, int *out);    /* Y/N 是/否 1/0 ✓/✗ (case-insensitive y/n) */

#endif
