/* Workbook sheets: formats, cells that track column widths, print set-up,
 * number text and the safe workbook file write. */
#ifndef CESCORE_REPORT_XLSX_SHEET_H
#define CESCORE_REPORT_XLSX_SHEET_H

#include <stddef.h>
#include <time.h>
#include <xlsxwriter.h>

#include "cescore/buf.h"
#include "cescore/diag.h"
#include "cescore/report.h"
#include "cescore/status.h"

#define XL_MAX_COLS 48

typedef struct {
    lxw_format *title, *section, *header, *header_wrap, *text, *wrap, *n0, *n2, *n4, *ng, *date;
} xl_formats;

typedef struct {
    lxw_workbook *wb;
    lxw_worksheet *ws;
    const char *name;
    const xl_formats *f;
    int english;
    double width[XL_MAX_COLS]; /* display width of the widest cell, wide chars count 2 */
    lxw_error err;             /* first error of a write */
} xl_sheet;

void xl_formats_init(lxw_workbook *wb, xl_formats *f);
/* Adds a worksheet; returns 0, or -1 when libxlsxwriter refused. */
int xl_sheet_add(xl_sheet *s, lxw_workbook *wb, const xl_formats *f, int english, const char *name);
void xl_str(xl_sheet *s, int row, int col, const char *text); /* text, never a formula */
void xl_str_fmt(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt);
void xl_note(xl_sheet *s, int row, int col, const char *text);    /* text, no width counted */
void xl_title(xl_sheet *s, int row, int col, const char *text);   /* no width counted */
void xl_section(xl_sheet *s, int row, int col, const char *text); /* no width counted */
void xl_header(xl_sheet *s, int row, int col, const char *text);
/* A header wrapped over lines: the column is made about half as wide. */
void xl_header_wrap(xl_sheet *s, int row, int col, const char *text);
void xl_num(xl_sheet *s, int row, int col, double v, int decimals); /* 0, 2 or 4 */
void xl_score(xl_sheet *s, int row, int col, double v);             /* 2 decimals */
void xl_value(xl_sheet *s, int row, int col, double v);             /* 4 below 1, else 2 */
void xl_amount(xl_sheet *s, int row, int col, double v);            /* integer or 0.00## */
void xl_date(xl_sheet *s, int row, int col, int yyyymmdd);
/* Sets every used column's width to its content (min 6, max maxw). */
void xl_fit_columns(xl_sheet *s, double maxw);
/* Landscape, one page wide, header_row repeated (when >= 0). */
void xl_print_setup(xl_sheet *s, int header_row);

/* Numbers as text for the arithmetic: "%.*f" with '.' always; decimals < 0
 * trims trailing zeros (at most 6 decimals). Returns buf. */
const char *xl_fmt(double v, int decimals, char *buf, size_t n);

/* ISO 8601 UTC ("2024-07-20T09:00:00Z", offset or fraction allowed) -> time_t. */
int xl_parse_time(const char *iso, time_t *out);

/* Writes a workbook through a temporary file in the target's directory:
 * creates the temp name, calls build(wb, arg), closes, fsyncs, renames.
 * On any failure nothing is left at path and err says why. */
typedef ces_status (*xl_build_fn)(lxw_workbook *wb, const void *arg, ces_diags *d);
ces_status xl_write_workbook(const char *path, xl_build_fn build, const void *arg, ces_diags *d);
/* The same, written at `at` itself (a temporary of the caller's); name is
 * the output the messages name. */
ces_status xl_write_workbook_at(const char *at, const char *name, xl_build_fn build, const void *arg,
                                ces_diags *d);

/* Period as "2024年上半年（2024H1）" / "2024 H1 (2024H1)". */
void xl_period_text(const ces_report_ctx *ctx, char *buf, size_t n);
/* Workbook properties: title, author, comments; created = the run's time. */
ces_status xl_set_properties(lxw_workbook *wb, const ces_report_ctx *ctx, const char *title,
                             ces_diags *d);
ces_status xl_sheet_status(const xl_sheet *s, ces_diags *d);

#endif
