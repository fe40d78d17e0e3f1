/* What the workbooks show of case-level complaints (docs/workbook.md): the
 * scorecard's rows on a company's transferred and overdue cases, and the
 * sheet 投诉分析 with the complaints by category of every case-level company
 * above the analysis threshold, a chart of its largest categories beside. */
#ifndef CESCORE_REPORT_XLSX_ANALYSIS_H
#define CESCORE_REPORT_XLSX_ANALYSIS_H

#include "cescore/report.h"
#include "report_xlsx_sheet.h"

/* The scorecard's case rows from row (nothing for a company whose
 * complaints are not case-level); returns the next free row. */
int xl_case_rows(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row);

/* The working-day calendar's SHA-256 of a case-level run, as a row of the
 * audit sheet (nothing for another run); returns the next free row. */
int xl_calendar_row(xl_sheet *s, const ces_report_ctx *ctx, int row);

/* 1 when the run analysed some company: the workbook then has the sheet. */
int xl_has_analysis(const ces_report_ctx *ctx);
const char *xl_analysis_sheet_name(int english);
void xl_analysis_sheet(xl_sheet *s, const ces_report_ctx *ctx);

#endif
