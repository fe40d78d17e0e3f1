/* Workbook sheets: formats, cells that track column widths, print set-up,
 * number text and the safe workbook file write. */
#ifndef CESCORE_REPORT_XLSX_SHEET_H
#define CESCORE_REPORT_XLSX_SHEET_H

#include <stddef.h>
#include <time.h>
#include <xlsxwriter.h>

#include "cescore/buf.h"
#include "cescore/diag.h"
#include "cescore/model.h"
#include "cescore/report.h"
#include "cescore/status.h"

#define XL_MAX_COLS 48

typedef struct {
    lxw_format *title, *subtitle, *section, *header, *header_wrap, *text, *wrap, *n0, *n2, *n4, *ng,
        *date;
    lxw_format *pct;        /* rates and change rates: 0.00% */
    lxw_format *dec[5];     /* 0, 0.0, 0.00, 0.000, 0.0000: values per 100m / per 10k */
    lxw_format *subtotal;   /* a subtotal score (定性, 定量, 数量指标小计): 0.00, shaded */
    lxw_format *deduction;  /* a deduction as a non-positive score: 0.00, red when negative */
    lxw_format *below;      /* text of a company below its group's average */
    lxw_format *rank_delta; /* a rank change: ↑3, ↓2, blank when 0 */
} xl_formats;

struct xl_index;
typedef struct xl_tape xl_tape; /* report_xlsx_tape.h */

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    const struct xl_index *ix; /* the workbook's look-ups (report_xlsx_index.h), set by its writer */
    const char *name;
    const xl_formats *f;
    int english;
    double width[XL_MAX_COLS];  /* display width of the widest cell, wide chars count 2 */
    double wrapw[XL_MAX_COLS];  /* a wrapped column's width (xl_wrap_column), else 0 */
    double total_width;         /* sum of the column widths set by xl_fit_columns */
    struct xl_wrapped *wrapped; /* the wrapped cells, for the rows' heights */
    size_t n_wrapped, cap_wrapped;
    lxw_error err; /* first error of a write */
    xl_tape *tape; /* what is written recorded there instead (xl_sheet_record) */
} xl_sheet;

void xl_formats_init(lxw_workbook *wb, xl_formats *f);
/* Adds a worksheet; returns 0, or -1 when libxlsxwriter refused. */
int xl_sheet_add(xl_sheet *s, lxw_workbook *wb, const xl_formats *f, int english, const char *name);
/* A sheet of no workbook whose writes are recorded on t (report_xlsx_tape.h),
 * f being the formats of any workbook (only which of them a cell has counts). */
void xl_sheet_record(xl_sheet *s, const xl_formats *f, int english, const char *name, xl_tape *t);
void xl_str(xl_sheet *s, int row, int col, const char *text); /* text, never a formula */
void xl_str_fmt(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt);
void xl_note(xl_sheet *s, int row, int col, const char *text);    /* text, no width counted */
void xl_title(xl_sheet *s, int row, int col, const char *text);   /* no width counted */
void xl_section(xl_sheet *s, int row, int col, const char *text); /* no width counted */
void xl_header(xl_sheet *s, int row, int col, const char *text);
/* A header wrapped over lines: the column is made about half as wide. */
void xl_header_wrap(xl_sheet *s, int row, int col, const char *text);
/* Text wrapped within its column: the column is as wide as xl_wrap_column
 * made it (default 40), and the row grows to the lines it needs. */
void xl_wrap(xl_sheet *s, int row, int col, const char *text);
void xl_wrap_column(xl_sheet *s, int col, double width);
void xl_wrap_fmt(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt);
void xl_num(xl_sheet *s, int row, int col, double v, int decimals);          /* 0 (#,##0), 2 or 4 */
void xl_score(xl_sheet *s, int row, int col, double v);                      /* 2 decimals */
void xl_score_fmt(xl_sheet *s, int row, int col, double v, lxw_format *fmt); /* 2 decimals */
void xl_pct(xl_sheet *s, int row, int col, double v);                        /* 0.00% */
/* An indicator's value or benchmark in the indicator's own format
 * (xl_value_decimals): rates as percentages, volume figures with 2-4 decimals. */
void xl_ind_value(xl_sheet *s, int row, int col, ces_ind i, double v);
/* Decimals of a volume indicator's value (per 100m yuan: 2; per 10k: 4);
 * -1 for a rate or change rate, which are shown as percentages. */
int xl_value_decimals(ces_ind i);
void xl_amount(xl_sheet *s, int row, int col, double v); /* #,##0 or #,##0.00## */
void xl_date(xl_sheet *s, int row, int col, int yyyymmdd);
/* text in the merged cells first..last of row, with fmt. */
void xl_merge(xl_sheet *s, int row, int first, int last, const char *text, lxw_format *fmt);
/* The height of row, in points (an error of libxlsxwriter ignored). */
void xl_row_height(xl_sheet *s, int row, double height);
/* Sets every used column's width to its content (min 6, max maxw; a wrapped
 * column its wrap width), records the sheet's total width, and makes every
 * row holding wrapped text as tall as its lines (spreadsheets do not fit a
 * row's height to its text on opening a file). */
void xl_fit_columns(xl_sheet *s, double maxw);
/* Print set-up (docs/workbook.md, "Printing"): A4, portrait when the columns
 * fit its width, else landscape and one page wide; rows first..last repeated
 * on every page (none when first < 0); the page header names the evaluation
 * (doc_title), the period and the run's status, the footer the sheet, the
 * page number and count and the run. */
void xl_print_setup(xl_sheet *s, const ces_report_ctx *ctx, const char *doc_title, int first, int last);

/* Numbers as text for the arithmetic: "%.*f" with '.' always; decimals < 0
 * trims trailing zeros (at most 6 decimals). Returns buf. */
const char *xl_fmt(double v, int decimals, char *buf, size_t n);

/* Writes a workbook through a temporary file in the target's directory:
 * creates the temp name, calls build(wb, arg), closes, fsyncs, renames.
 * On any failure nothing is left at path and err says why. */
typedef ces_status (*xl_build_fn)(lxw_workbook *wb, const void *arg, ces_diags *d);
ces_status xl_write_workbook(const char *path, xl_build_fn build, const void *arg, ces_diags *d);
/* The same, written at `at` itself (a temporary of the caller's); name is
 * the output the messages name. */
ces_status xl_write_workbook_at(const char *at, const char *name, xl_build_fn build, const void *arg,
                                ces_diags *d);
/* The same without capturing standard error (a process-wide redirection):
 * for workbooks written on several threads, the caller capturing around
 * them all. */
ces_status xl_write_workbook_uncaptured(const char *at, const char *name, xl_build_fn build,
                                        const void *arg, ces_diags *d);

/* Period as "2024年上半年（2024H1）" / "2024 H1 (2024H1)". */
void xl_period_text(const ces_report_ctx *ctx, char *buf, size_t n);
/* Workbook properties: title, author (the run's operator, when with_author),
 * comments; created = the run's time. */
ces_status xl_set_properties(lxw_workbook *wb, const ces_report_ctx *ctx, const char *title,
                             int with_author, ces_diags *d);
ces_status xl_sheet_status(const xl_sheet *s, ces_diags *d);

#endif
