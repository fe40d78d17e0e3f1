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
    int idx;            /* out: field index in each record, -1 when absent */
    const char *header; /* out: the header cell as the file wrote it (into the header's
                           record, which must outlive cols), NULL when absent */
} ing_col;

/* Map the header record of file k onto cols[0..n) (cols[j].header points
 * into hdr). Unknown headers are warnings (with a hint when one differs
 * from a known header only by spaces or line breaks), empty header cells
 * one warning for the file, a column named twice and a missing required
 * column are errors ("FILE:LINE: column X: missing required column").
 * Returns 0 when every required column was found and none is named twice,
 * -1 otherwise. */
int ing_header_map(const ing_record *hdr, ces_file_kind k, const ces_columns *aliases, ing_col *cols,
                   size_t n, ces_diags *d);

/* The diagnostic's view of column j of cols (col < 0: none). */
ces_diag_col ing_diag_col(const ing_col *cols, int j);

#endif
