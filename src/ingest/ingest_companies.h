/* Row checks of companies.csv: codes, names, groups, org types, parents, open dates. */
#ifndef CESCORE_INGEST_COMPANIES_H
#define CESCORE_INGEST_COMPANIES_H

#include "ingest_rows.h"

void ing_parse_companies(ing_ctx *c);

#endif
