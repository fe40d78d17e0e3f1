/* Completeness: every eligible evaluated company has its rows in the bundle. */
#ifndef CESCORE_INGEST_COMPLETE_H
#define CESCORE_INGEST_COMPLETE_H

#include "ingest_rows.h"

/* Every eligible evaluated company has a row in complaints/statistics/qualitative. */
void ing_check_completeness(ing_ctx *c);

#endif
