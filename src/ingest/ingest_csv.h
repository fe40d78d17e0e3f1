/* UTF-8 text -> CSV records (libcsv, RFC 4180), each with the physical line
 * where it starts; fields trimmed; blank records skipped. */
#ifndef CESCORE_INGEST_CSV_H
#define CESCORE_INGEST_CSV_H

#include <stddef.h>
#include "cescore/diag.h"
#include "cescore/status.h"

typedef struct {
    char **fields; /* trimmed, NUL-terminated */
    size_t n;
    long line; /* physical line of the record's first byte (1-based) */
} ing_record;

typedef struct {
    ing_record *recs; /* recs[0] is the header when n > 0 */
    size_t n, cap;
} ing_table;

/* Parse text (NUL-terminated, len bytes). A quoting error adds
 * "FNAME:LINE: malformed CSV: ..." and returns CES_ERR_INVALID (records
 * before it are kept). CES_ERR_NOMEM when memory fails. */
ces_status ing_csv_parse(const char *text, size_t len, const char *fname, ing_table *out, ces_diags *d);
void ing_table_free(ing_table *t);

/* The field at idx of r, "" when idx < 0 or beyond the record. */
const char *ing_cell(const ing_record *r, int idx);

#endif
