/* cases.csv (docs/inputs.md §4.8): read as a stream, each row checked and
 * each valid case counted, repeated case_ids found; the result goes into
 * ds->cases. */
#ifndef CESCORE_INGEST_CASES_H
#define CESCORE_INGEST_CASES_H

#include "cescore/stream.h"
#include "ingest_rows.h"

/* The bundle's cases.csv (its bytes, or its path), after every other file.
 * Problems go to c->d; c->has_cases marks the companies with cases. */
void ing_parse_cases(ing_ctx *c);

/* cases.csv read from src and checked against c (companies, complaints).
 * Sets c->ds->files[CES_FILE_CASES]'s sha256, encoding, length and rows.
 * CES_OK even when the file has errors (they are in c->d); CES_ERR_IO when
 * src fails, CES_ERR_NOMEM, CES_ERR_INTERNAL. */
ces_status ing_read_cases(ing_ctx *c, const ces_byte_source *src);

#endif
