/* Private declarations of the workbook writers (report_xlsx*.c): the labels,
 * a sheet wrapper that tracks column widths, the shared formats, the
 * indicator rows with their arithmetic and the methodology sheet. */
#ifndef CES_REPORT_XLSX_H
#define CES_REPORT_XLSX_H

#include <stddef.h>
#include <time.h>
#include <xlsxwriter.h>

#include "cescore/report.h"

/* ---- labels (report_xlsx_labels.c) ---------------------------------------- */

typedef enum {
    XL_SHEET_OVERVIEW, XL_SHEET_RANK_PC, XL_SHEET_RANK_LIFE, XL_SHEET_DETAIL_PC,
    XL_SHEET_DETAIL_LIFE, XL_SHEET_DEDUCTIONS, XL_SHEET_EXCLUDED, XL_SHEET_METHOD,
    XL_SHEET_AUDIT, XL_SHEET_SCORECARD,
    XL_TITLE, XL_SCORECARD_TITLE, XL_PERIOD, XL_RUN_ID, XL_ENGINE_VERSION, XL_CONFIG,
    XL_CONFIG_SHA, XL_RUN_TIME, XL_OPERATOR, XL_PRIOR_SOURCE, XL_PRIOR_PERIOD, XL_PRIOR_RUN,
    XL_INDUSTRY_MEDIATION, XL_GROUP, XL_COUNT, XL_AVERAGE, XL_BELOW_AVERAGE,
    XL_DISTRIBUTION, XL_BAND, XL_COMPANIES, XL_GROUP_STATS, XL_BENCHMARKS,
    XL_RANK, XL_CODE, XL_NAME, XL_TOTAL, XL_QUALITATIVE, XL_QUANTITATIVE,
    XL_IND_ID, XL_IND_NAME, XL_NUMERATOR, XL_DENOMINATOR, XL_VALUE, XL_BENCHMARK,
    XL_WEIGHT_CAP, XL_RAW, XL_SCORE, XL_FLAGS, XL_ARITHMETIC,
    XL_DED_ROWS, XL_DED_CAPPED, XL_ORIG_CODE, XL_INTO, XL_INDICATOR, XL_CATEGORY,
    XL_POINTS, XL_POINTS_SOURCE, XL_POINTS_GIVEN, XL_POINTS_BY_CATEGORY, XL_DATE,
    XL_REFERENCE, XL_DESCRIPTION, XL_SOURCE_LINE, XL_POINTS_SUM, XL_CAP, XL_CAPPED,
    XL_ORG_TYPE, XL_REASON,
    XL_REASON_EXCLUDED_TYPE, XL_REASON_ROLLED_UP, XL_REASON_NOT_OPEN,
    XL_NOT_APPLICABLE, XL_NONE,
    XL_FILES, XL_FILE, XL_PRESENT, XL_ROWS, XL_ENCODING, XL_SHA256, XL_YES, XL_NOT_GIVEN,
    XL_M_STRUCTURE, XL_M_BLOCK, XL_M_POINTS, XL_M_TOTAL_FORMULA, XL_M_QUAL_FORMULA,
    XL_M_QUANT_FORMULA, XL_M_VOLUME_BLOCK, XL_M_INDICATORS, XL_M_METHOD, XL_M_PARAMS,
    XL_M_FORMULA, XL_M_NUMDEN, XL_M_MAX, XL_M_KIND, XL_M_ITEMS, XL_M_ITEM_ID, XL_M_ITEM,
    XL_M_ITEM_DEDUCTION, XL_M_CATEGORIES, XL_M_CATEGORY_ID, XL_M_OTHER_RULES,
    XL_M_PRIOR_RULE, XL_M_ROUNDING, XL_M_RANKING, XL_M_RANKING_TEXT, XL_M_FLAGS,
    XL_KIND_CHECKLIST, XL_KIND_DEDUCTION, XL_KIND_VOLUME, XL_KIND_CHANGE, XL_KIND_RATE,
    XL_BLOCK_QUAL, XL_BLOCK_QUANT, XL_ITEM, XL_VOLUME_SUBTOTAL, XL_ROLLED_UP_CHILDREN,
    XL_CHART_TITLE, XL_CHART_X, XL_CHART_Y, XL_SCOPE_PEER, XL_SCOPE_INDUSTRY,
    XL_BENCH_KIND, XL_BENCH_MEDIAN, XL_BENCH_POOLED_PEER, XL_BENCH_POOLED_INDUSTRY,
    XL_COUNT_LABEL
} xl_label;

const char *xl_t(int english, xl_label id);
const char *xl_group(int english, ces_group g);
const char *xl_flag(int english, unsigned flag_bit);
const char *xl_reason(int english, ces_excl_reason r);
const char *xl_kind(int english, ces_kind k);
/* "车险投诉件数 / 车险保费（亿元）": what an indicator divides (volume and rate). */
const char *xl_numden(int english, ces_ind i);
const char *xl_prior_rule(int english, ces_prior_rule r);
const char *xl_org_type(int english, ces_org_type t);

/* ---- sheets, formats and cells (report_xlsx_sheet.c) ---------------------- */

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
/* Display width of UTF-8 text: East Asian wide characters count 2. */
int xl_text_width(const char *s);
void xl_str(xl_sheet *s, int row, int col, const char *text);          /* text, never a formula */
void xl_str_fmt(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt);
void xl_note(xl_sheet *s, int row, int col, const char *text);         /* text, no width counted */
void xl_title(xl_sheet *s, int row, int col, const char *text);        /* no width counted */
void xl_section(xl_sheet *s, int row, int col, const char *text);      /* no width counted */
void xl_header(xl_sheet *s, int row, int col, const char *text);
/* A header wrapped over lines: the column is made about half as wide. */
void xl_header_wrap(xl_sheet *s, int row, int col, const char *text);
void xl_num(xl_sheet *s, int row, int col, double v, int decimals);     /* 0, 2 or 4 */
void xl_score(xl_sheet *s, int row, int col, double v);                 /* 2 decimals */
void xl_value(xl_sheet *s, int row, int col, double v);                 /* 4 below 1, else 2 */
void xl_amount(xl_sheet *s, int row, int col, double v);                /* integer or 0.00## */
void xl_date(xl_sheet *s, int row, int col, int yyyymmdd);
/* Sets every used column's width to its content (min 6, max maxw). */
void xl_fit_columns(xl_sheet *s, double maxw);
/* Landscape, one page wide, header_row repeated (when >= 0). */
void xl_print_setup(xl_sheet *s, int header_row);

/* Numbers as text for the arithmetic: "%.*f" with '.' always; decimals < 0
 * trims trailing zeros (at most 6 decimals). Returns buf. */
const char *xl_fmt(double v, int decimals, char *buf, size_t n);

/* A growing string for the arithmetic column. */
typedef struct {
    char *s;
    size_t len, cap;
    int oom;
} xl_buf;
void xl_buf_add(xl_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void xl_buf_free(xl_buf *b);

/* ISO 8601 UTC ("2024-07-20T09:00:00Z", offset or fraction allowed) -> time_t. */
int xl_parse_time(const char *iso, time_t *out);

/* Writes a workbook through a temporary file in the target's directory:
 * creates the temp name, calls build(wb, arg), closes, fsyncs, renames.
 * On any failure nothing is left at path and err says why. */
typedef ces_status (*xl_build_fn)(lxw_workbook *wb, const void *arg, char *err, size_t errlen);
ces_status xl_write_workbook(const char *path, xl_build_fn build, const void *arg, char *err,
                             size_t errlen);

/* ---- shared content (report_xlsx_detail.c, report_xlsx_method.c) --------- */

/* Columns written by xl_indicator_row, starting at a column offset. */
enum {
    XL_IC_ID = 0, XL_IC_NAME, XL_IC_NUM, XL_IC_DEN, XL_IC_VALUE, XL_IC_BENCH, XL_IC_WEIGHT,
    XL_IC_RAW, XL_IC_SCORE, XL_IC_FLAGS, XL_IC_ARITH, XL_IC_COUNT
};
void xl_indicator_header(xl_sheet *s, const ces_report_ctx *ctx, int row, int off);
void xl_indicator_row(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c,
                      ces_ind i, int row, int off);
/* The arithmetic of one indicator as text (the caller frees b). */
void xl_indicator_arith(xl_buf *b, const ces_report_ctx *ctx, const ces_company_result *c, ces_ind i);
/* The volume block as one row in the indicator columns (id "volume_block"). */
void xl_volume_block_row(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                         int off);
/* 1 when indicator i is scored in group g. */
int xl_ind_in_group(ces_ind i, ces_group g);
/* Period as "2024年上半年（2024H1）" / "2024 H1 (2024H1)". */
void xl_period_text(const ces_report_ctx *ctx, char *buf, size_t n);
/* Workbook properties: title, author, comments; created = the run's time. */
ces_status xl_set_properties(lxw_workbook *wb, const ces_report_ctx *ctx, const char *title, char *err,
                             size_t errlen);
ces_status xl_sheet_status(const xl_sheet *s, char *err, size_t errlen);
/* Writes the subtotal lines (volume block, qualitative, quantitative, total)
 * starting at row; returns the next free row. */
int xl_subtotal_rows(xl_sheet *s, const ces_report_ctx *ctx, const ces_company_result *c, int row,
                     int label_col, int score_col, int arith_col);

/* The 口径说明 sheet generated from ctx->cfg. */
void xl_methodology_sheet(xl_sheet *s, const ces_report_ctx *ctx);

/* The company's deduction rows (its own and its rolled-up children's) of
 * ctx->dataset, in file order: 1 when row d belongs to c. */
int xl_deduction_belongs(const ces_report_ctx *ctx, const ces_deduction_row *d,
                         const ces_company_result *c);
const char *xl_company_name(const ces_report_ctx *ctx, const char *code);

#endif
