/* One company's indicator rows with their arithmetic, and its subtotals. */
#ifndef CESCORE_REPORT_XLSX_DETAIL_H
#define CESCORE_REPORT_XLSX_DETAIL_H

#include "cescore/dataset.h"
#include "cescore/model.h"
#include "cescore/report.h"
#include "cescore/results.h"
#include "report_xlsx_sheet.h"

/* Columns written by xl_indicator_row, starting at a column offset. */
enum {
    XL_IC_ID = 0,
    XL_IC_NAME,
    XL_IC_NUM,
    XL_IC_DEN,
    XL_IC_VALUE,
    XL_IC_BENCH,
    XL_IC_WEIGHT,
    XL_IC_RAW,
    XL_IC_SCORE,
    XL_IC_FLAGS,
    XL_IC_ARITH,
    XL_IC_COUNT
};
void xl_indicator_header(xl_sheet *s, const ces_report_ctx *ctx, int row, int off);
void xl_indicator_row(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, ces_ind i,
                      int row, int off);
/* The volume block as one row in the indicator columns (id "volume_block"). */
void xl_volume_block_row(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                         int off);
/* The rank sensitivity (docs/method.md §13) as two rows in the indicator
 * columns (ids "rank_sensitivity.fewer" and ".more": the total in the score
 * column, the rank and the complaint in the arithmetic); nothing when the
 * results carry no derived figures. Returns the next free row. */
int xl_sensitivity_rows(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                        int off, int name_cols);
/* 1 when indicator i is scored in group g. */
int xl_ind_in_group(ces_ind i, ces_group g);
/* Writes the subtotal lines (volume block, qualitative, quantitative, total)
 * starting at row; returns the next free row. */
int xl_subtotal_rows(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                     int label_col, int score_col, int arith_col);

#endif
