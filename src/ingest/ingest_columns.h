/* Header aliases of config/columns.json (struct ces_columns of ingest.h). */
#ifndef CESCORE_INGEST_COLUMNS_H
#define CESCORE_INGEST_COLUMNS_H

#include "cescore/dataset.h"
#include "cescore/ingest.h"

/* 1 when header names column canon of file k: equal to canon itself or to
 * one of its aliases in cols (cols may be NULL: canonical names only).
 * Comparison ignores surrounding spaces and ASCII case. */
int ing_columns_match(const ces_columns *cols, ces_file_kind k, const char *canon, const char *header);

/* 1 when header names canon of file k (its canonical name or an alias)
 * once spaces and line breaks are taken out, ASCII case ignored and
 * full-width forms read as ASCII: a header that a hint can name. */
int ing_columns_match_loose(const ces_columns *c, ces_file_kind k, const char *canon,
                            const char *header);

#endif
