/* Row checks of complaints.csv, statistics.csv, mediation.csv and prior.csv. */
#ifndef CESCORE_INGEST_QUANT_H
#define CESCORE_INGEST_QUANT_H

#include "ingest_rows.h"

void ing_parse_complaints(ing_ctx *c);
void ing_parse_statistics(ing_ctx *c);
void ing_parse_mediation(ing_ctx *c);
void ing_parse_prior(ing_ctx *c);

#endif
