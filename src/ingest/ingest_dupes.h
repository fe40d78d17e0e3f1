/* Repeated case_ids among millions of rows, in memory that does not grow
 * with the rows (docs/inputs.md §4.8): each id's 64-bit fingerprint goes
 * with its line into a buffer; a full buffer is sorted and written to a
 * temporary file; at the end the sorted runs are merged, and rows whose
 * fingerprint an earlier row has are the candidates, which the caller
 * confirms by reading those rows' ids again (two ids may share a
 * fingerprint without being equal). */
#ifndef CESCORE_INGEST_DUPES_H
#define CESCORE_INGEST_DUPES_H

#include <stddef.h>

#include "cescore/status.h"

#define ING_DUPES_MAX_PAIRS 10000 /* candidates kept; further ones are only counted */

typedef struct {
    long line, first; /* a row, and the first row with its fingerprint */
} ing_dup_pair;

typedef struct ing_dupes ing_dupes;

ces_status ing_dupes_new(ing_dupes **out);
/* Forget every id added (the file is read again from its start). */
void ing_dupes_reset(ing_dupes *dp);
ces_status ing_dupes_add(ing_dupes *dp, const char *id, long line);
/* The candidates, by line (*pairs malloc'ed, NULL when none); *more counts
 * those beyond ING_DUPES_MAX_PAIRS. CES_ERR_IO when the temporary file fails. */
ces_status ing_dupes_finish(ing_dupes *dp, ing_dup_pair **pairs, size_t *n, size_t *more);
void ing_dupes_free(ing_dupes *dp);

#endif
