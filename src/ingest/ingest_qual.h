/* Row checks of qualitative.csv (checklist items) and deductions.csv. */
#ifndef CESCORE_INGEST_QUAL_H
#define CESCORE_INGEST_QUAL_H

#include "ingest_rows.h"

void ing_parse_qualitative(ing_ctx *c);
void ing_parse_deductions(ing_ctx *c);

#endif
