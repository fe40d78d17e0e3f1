/* A sheet recorded once and written into any number of workbooks: the
 * methodology sheet, the same in every scorecard of a run, is built (its
 * texts composed, their widths and the rows' heights worked out) once per
 * run instead of once per scorecard. What is recorded is every call the
 * sheet's writer makes to libxlsxwriter, in order; playing the tape makes the
 * same calls on another worksheet, with that workbook's formats, so that the
 * workbook's bytes are those of the sheet built there. */
#ifndef CESCORE_REPORT_XLSX_TAPE_H
#define CESCORE_REPORT_XLSX_TAPE_H

#include <xlsxwriter.h>

#include "report_xlsx_sheet.h"

/* One call to libxlsxwriter on a worksheet. */
typedef enum {
    XL_OP_STRING,    /* worksheet_write_string(row, col, text, fmt) */
    XL_OP_NUMBER,    /* worksheet_write_number(row, col, a[0], fmt) */
    XL_OP_DATETIME,  /* worksheet_write_datetime(row, col, a[0..2] as y, m, d, fmt) */
    XL_OP_MERGE,     /* worksheet_merge_range(row, col, row2, col2, text, fmt) */
    XL_OP_ROW,       /* worksheet_set_row(row, a[0], fmt) */
    XL_OP_COLUMN,    /* worksheet_set_column(col, col2, a[0], fmt) */
    XL_OP_HEADER,    /* worksheet_set_header(text) */
    XL_OP_FOOTER,    /* worksheet_set_footer(text) */
    XL_OP_PAPER,     /* worksheet_set_paper(a[0]) */
    XL_OP_MARGINS,   /* worksheet_set_margins(a[0..3]) */
    XL_OP_LANDSCAPE, /* worksheet_set_landscape() */
    XL_OP_PORTRAIT,  /* worksheet_set_portrait() */
    XL_OP_FIT,       /* worksheet_fit_to_pages(a[0], a[1]) */
    XL_OP_REPEAT     /* worksheet_repeat_rows(row, row2) */
} xl_op_kind;

typedef struct {
    xl_op_kind kind;
    int row, col, row2, col2;
    double a[4];
    const char *text;
} xl_op;

/* Make the call op on ws with fmt: what libxlsxwriter returned
 * (LXW_NO_ERROR for its calls that return nothing). */
lxw_error xl_op_do(lxw_worksheet *ws, const xl_op *op, lxw_format *fmt);

/* An empty tape (NULL when out of memory). */
xl_tape *xl_tape_new(void);
void xl_tape_free(xl_tape *t);
/* Record op with fmt, one of f's formats or NULL, and whether its error is
 * the sheet's (checked) or ignored; a format not of f, or no memory, spoils
 * the tape (xl_tape_ok). */
void xl_tape_add(xl_tape *t, const xl_formats *f, const xl_op *op, const lxw_format *fmt, int checked);
/* 1 when every call was recorded. */
int xl_tape_ok(const xl_tape *t);
/* Make every recorded call, in order, on s's worksheet with s's formats;
 * the first error of a checked call is s's (xl_sheet_status). */
void xl_tape_play(xl_sheet *s, const xl_tape *t);

#endif
