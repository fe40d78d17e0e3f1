/* Header row -> column positions, by canonical name or alias. */
#ifndef CESCORE_INGEST_HEADER_H
#define CESCORE_INGEST_HEADER_H

#include <stddef.h>
#include "cescore/dataset.h"
#include "cescore/diag.h"
#include "cescore/ingest.h"
#include "ingest_csv.h"

typedef struct {
    const char *name; /* canonical column name, used in diagnostics */
    const char *alt;  /* one more accepted header (a checklist item's Chinese name) or NULL */
    int required;
    int idx; /* out: field index in each record, -1 when absent */
} ing_col;

/* Map the header record of file k onto cols[0..n). Unknown headers are
 * warnings, a column named twice and a missing required column are errors
 * ("FILE:LINE: column X: missing required column"). Returns 0 when every
 * required column was found and none is named twice, -1 otherwise. */
int ing_header_map(const ing_record *hdr, ces_file_kind k, const ces_columns *aliases, ing_col *cols,
                   size_t n, ces_diags *d);

#endif
