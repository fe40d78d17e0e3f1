/* The arithmetic of one indicator of one company, written out in words and
 * numbers: the one text that the scorecards' and detail sheets' 计算过程
 * column and the terminal's `show --company` both print, for every case of
 * docs/method.md (flags, zero denominators and benchmarks, prior x = 0,
 * re-weighting). It explains the stored figures; it computes nothing new. */
#ifndef CESCORE_REPORT_EXPLAIN_H
#define CESCORE_REPORT_EXPLAIN_H

#include "cescore/buf.h"
#include "cescore/report.h"

/* Append indicator i's explanation for company c to b, in ctx's language. */
void rep_explain(ces_buf *b, const ces_report_ctx *ctx, const ces_company_result *c, ces_ind i);

#endif
