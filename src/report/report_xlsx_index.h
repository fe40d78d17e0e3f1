/* Look-ups the workbook writers make per row, built once per workbook (or
 * once for all the scorecards of a run): a company code to the entries that
 * carry it, and the deduction rows grouped by the scored company they belong
 * to. Without it the writers scanned every company for each deduction, each
 * excluded entity and each ranked company (quadratic at national scale).
 * Every answer is the one the scan gave: the first match in the scan's order. */
#ifndef CESCORE_REPORT_XLSX_INDEX_H
#define CESCORE_REPORT_XLSX_INDEX_H

#include <stddef.h>

#include "cescore/report.h"

typedef struct xl_index xl_index;

/* The index of ctx's results, dataset and prior published run; NULL when
 * out of memory. It refers to ctx's data, which must outlive it. Read-only
 * once built: the scorecards' writers share one. */
xl_index *xl_index_new(const ces_report_ctx *ctx);
void xl_index_free(xl_index *ix);

/* The first scored company that code is, or is rolled up into (the owner of
 * a deduction row of that code); NULL when none. */
const ces_company_result *xl_index_owner(const xl_index *ix, const char *code);
/* The name of code: a scored company's, else an excluded entity's, else the
 * dataset's; "" when none. */
const char *xl_index_name(const xl_index *ix, const char *code);
/* The first company of the dataset with code; NULL when none (or no dataset). */
const ces_company *xl_index_dataset_company(const xl_index *ix, const char *code);
/* The company of group g with code in the prior published run; NULL when none. */
const ces_company_result *xl_index_prior(const xl_index *ix, const char *code, ces_group g);
/* The dataset's deduction rows that belong to scored company c (its own
 * code or a rolled-up child's), as indices into ctx->dataset->deductions in
 * file order; *n receives their number. c must be one of ctx's results. */
const size_t *xl_index_deductions(const xl_index *ix, const ces_company_result *c, size_t *n);

#endif
