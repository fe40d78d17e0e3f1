/* Cells, formats, column widths, print set-up and the safe file write shared
 * by the workbook writers. Every text goes through worksheet_write_string:
 * nothing is ever written as a formula. */
#include "report_xlsx_sheet.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cescore/capture.h"
#include "cescore/file.h"
#include "cescore/text.h"
#include "cescore/time.h"
#include "report_xlsx_labels.h"
#include "report_xlsx_tape.h"

#define XL_HEADER_BG 0xD9E1F2
#define XL_SUBTOTAL_BG 0xF2F2F2
#define XL_BELOW_BG 0xFCE4D6
#define XL_PAPER_A4 9
/* Printable width of portrait A4 with 0.5 in side margins in column-width
 * units (the width of a digit of the 11 pt default font, 7 px at 96 dpi; a
 * column adds 5 px of padding). Landscape A4 holds about 150. */
#define XL_PORTRAIT_WIDTH 102.0
#define XL_COLUMN_PAD 0.7
#define XL_LINE_HEIGHT 15.0     /* points per line of 11 pt text */
#define XL_LINE_HEIGHT_CJK 16.5 /* ... of Chinese text, whose fonts have taller lines */

struct xl_wrapped {
    int row, col;
    double narrow, wide; /* display width of its narrow and wide characters */
};

/* A cell format: numbers and text sit at the top of a row that wrapped text
 * made taller, level with the first line of that text. */
static lxw_format *num_format(lxw_workbook *wb, const char *fmt)
{
    lxw_format *f = workbook_add_format(wb);
    if (f) {
        format_set_num_format(f, fmt);
        format_set_align(f, LXW_ALIGN_VERTICAL_TOP);
    }
    return f;
}

void xl_formats_init(lxw_workbook *wb, xl_formats *f)
{
    f->title = workbook_add_format(wb);
    format_set_bold(f->title);
    format_set_font_size(f->title, 14);
    f->section = workbook_add_format(wb);
    format_set_bold(f->section);
    format_set_font_size(f->section, 12);
    f->header = workbook_add_format(wb);
    format_set_bold(f->header);
    format_set_bg_color(f->header, XL_HEADER_BG);
    format_set_border(f->header, LXW_BORDER_THIN);
    format_set_align(f->header, LXW_ALIGN_CENTER);
    format_set_align(f->header, LXW_ALIGN_VERTICAL_CENTER);
    f->header_wrap = workbook_add_format(wb);
    format_set_bold(f->header_wrap);
    format_set_bg_color(f->header_wrap, XL_HEADER_BG);
    format_set_border(f->header_wrap, LXW_BORDER_THIN);
    format_set_align(f->header_wrap, LXW_ALIGN_CENTER);
    format_set_align(f->header_wrap, LXW_ALIGN_VERTICAL_CENTER);
    format_set_text_wrap(f->header_wrap);
    f->text = num_format(wb, "@");
    f->wrap = num_format(wb, "@");
    format_set_text_wrap(f->wrap);
    f->n0 = num_format(wb, "#,##0");
    f->n2 = num_format(wb, "0.00");
    f->n4 = num_format(wb, "0.0000");
    f->ng = num_format(wb, "#,##0.00##");
    f->date = num_format(wb, "yyyy-mm-dd");
    f->pct = num_format(wb, "0.00%");
    static const char *DEC[5] = {"#,##0", "#,##0.0", "#,##0.00", "#,##0.000", "#,##0.0000"};
    for (int k = 0; k < 5; k++)
        f->dec[k] = num_format(wb, DEC[k]);
    f->subtitle = num_format(wb, "@");
    f->subtotal = num_format(wb, "0.00");
    format_set_bold(f->subtotal);
    format_set_bg_color(f->subtotal, XL_SUBTOTAL_BG);
    f->deduction = num_format(wb, "0.00;[Red]-0.00;0.00");
    f->below = num_format(wb, "@");
    format_set_bg_color(f->below, XL_BELOW_BG);
    format_set_text_wrap(f->below);
    f->rank_delta = num_format(wb, "\"↑\"0;\"↓\"0;\"\"");
    format_set_align(f->rank_delta, LXW_ALIGN_CENTER);
}

int xl_sheet_add(xl_sheet *s, lxw_workbook *wb, const xl_formats *f, int english, const char *name)
{
    memset(s, 0, sizeof *s);
    s->wb = wb;
    s->f = f;
    s->english = english;
    s->name = name;
    s->ws = workbook_add_worksheet(wb, name);
    return s->ws ? 0 : -1;
}

void xl_sheet_record(xl_sheet *s, const xl_formats *f, int english, const char *name, xl_tape *t)
{
    memset(s, 0, sizeof *s);
    s->f = f;
    s->english = english;
    s->name = name;
    s->tape = t;
}

/* East Asian wide and fullwidth ranges (CJK, Hangul, fullwidth forms). */
static int is_wide(unsigned cp)
{
    return (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0x303E) ||
           (cp >= 0x3041 && cp <= 0x33FF) || (cp >= 0x3400 && cp <= 0x4DBF) ||
           (cp >= 0x4E00 && cp <= 0x9FFF) || (cp >= 0xA000 && cp <= 0xA4CF) ||
           (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
           (cp >= 0xFE30 && cp <= 0xFE4F) || (cp >= 0xFF00 && cp <= 0xFF60) ||
           (cp >= 0xFFE0 && cp <= 0xFFE6) || (cp >= 0x20000 && cp <= 0x3FFFD);
}

/* Display width of UTF-8 text: East Asian wide characters count 2; *wide
 * (may be NULL) receives the part of the width that is wide characters. */
static int text_width2(const char *s, int *wide)
{
    int w = 0, ww = 0;
    const unsigned char *p = (const unsigned char *)s;
    while (p && *p) {
        unsigned cp = *p;
        int extra = 0;
        if (cp >= 0xF0) {
            cp &= 0x07;
            extra = 3;
        } else if (cp >= 0xE0) {
            cp &= 0x0F;
            extra = 2;
        } else if (cp >= 0xC0) {
            cp &= 0x1F;
            extra = 1;
        }
        p++;
        for (int i = 0; i < extra && (*p & 0xC0) == 0x80; i++, p++)
            cp = (cp << 6) | (*p & 0x3F);
        int cw = is_wide(cp) ? 2 : 1;
        w += cw;
        ww += cw == 2 ? 2 : 0;
    }
    if (wide)
        *wide = ww;
    return w;
}

static int xl_text_width(const char *s) { return text_width2(s, NULL); }

/* Remembers a wrapped cell of display width w (wide of it in wide
 * characters); its row's height is set by xl_fit_columns. */
static void note_wrapped(xl_sheet *s, int row, int col, int w, int wide, double scale)
{
    if (col < 0 || col >= XL_MAX_COLS || s->err != LXW_NO_ERROR)
        return;
    if (s->n_wrapped == s->cap_wrapped) {
        size_t cap = s->cap_wrapped ? 2 * s->cap_wrapped : 256;
        struct xl_wrapped *p = realloc(s->wrapped, cap * sizeof *p);
        if (!p) {
            s->err = LXW_ERROR_MEMORY_MALLOC_FAILED;
            return;
        }
        s->wrapped = p;
        s->cap_wrapped = cap;
    }
    s->wrapped[s->n_wrapped++] = (struct xl_wrapped){row, col, (w - wide) * scale, wide * scale};
}

static void note_width(xl_sheet *s, int col, double w)
{
    if (col >= 0 && col < XL_MAX_COLS && w > s->width[col])
        s->width[col] = w;
}

/* 1 when a width of at most bound cannot widen col: the exact width need
 * not be computed (most cells of a long sheet are no wider than the widest
 * before them). */
static int within(const xl_sheet *s, int col, double bound)
{
    return col < 0 || col >= XL_MAX_COLS || bound <= s->width[col];
}

/* At least strlen(xl_fmt(v, decimals)) for a finite v: a sign, the digits
 * of the integer part (one more should rounding carry), the point and the
 * decimals (at most 6 when trimmed). */
static double fmt_bound(double v, int decimals)
{
    double a = fabs(v);
    int digits = 1;
    for (double p = 10; a + 1 >= p && digits < 400; p *= 10)
        digits++;
    int d = decimals < 0 ? 6 : decimals;
    return 1 + digits + (d > 0 ? d + 1 : 0);
}

/* The width of text (UTF-8, at least its display width in bytes) noted
 * for col. */
static void note_text_width(xl_sheet *s, int col, const char *text, double extra)
{
    if (!within(s, col, (double)strlen(text) + extra))
        note_width(s, col, xl_text_width(text) + extra);
}

static void note_err(xl_sheet *s, lxw_error e)
{
    if (e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = e;
}

/* Every call to libxlsxwriter on a sheet goes through here: made on its
 * worksheet, or recorded when the sheet is (xl_sheet_record). The error of
 * a checked call becomes the sheet's. */
static void emit(xl_sheet *s, xl_op op, lxw_format *fmt, int checked)
{
    if (s->tape) {
        xl_tape_add(s->tape, s->f, &op, fmt, checked);
        return;
    }
    lxw_error e = xl_op_do(s->ws, &op, fmt);
    if (checked)
        note_err(s, e);
}

static void put_string(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt)
{
    emit(s, (xl_op){.kind = XL_OP_STRING, .row = row, .col = col, .text = text}, fmt, 1);
}

static void put_number(xl_sheet *s, int row, int col, double v, lxw_format *fmt)
{
    emit(s, (xl_op){.kind = XL_OP_NUMBER, .row = row, .col = col, .a = {v}}, fmt, 1);
}

void xl_merge(xl_sheet *s, int row, int first, int last, const char *text, lxw_format *fmt)
{
    emit(s,
         (xl_op){.kind = XL_OP_MERGE, .row = row, .col = first, .row2 = row, .col2 = last, .text = text},
         fmt, 1);
}

void xl_row_height(xl_sheet *s, int row, double height)
{
    emit(s, (xl_op){.kind = XL_OP_ROW, .row = row, .a = {height}}, NULL, 0);
}

/* A text no longer than a cell holds: text itself, or a copy cut with "…"
 * into *cut (freed by the caller). Validation refuses inputs this long; a
 * text the writer composes (a long list of rolled-up codes) is cut rather
 * than fail the output. */
static const char *fit_cell(const char *text, char **cut)
{
    *cut = NULL;
    if (strlen(text) <= CES_CELL_MAX_CHARS || ces_utf8_chars(text) <= CES_CELL_MAX_CHARS)
        return text;
    const char *p = text;
    for (size_t n = 0; n < CES_CELL_MAX_CHARS - 1 && *p; n++) {
        unsigned cp;
        size_t k = ces_utf8_next(p, strlen(p), &cp);
        p += k ? k : 1;
    }
    size_t len = (size_t)(p - text);
    if (!(*cut = malloc(len + sizeof "…")))
        return "…";
    memcpy(*cut, text, len);
    memcpy(*cut + len, "…", sizeof "…");
    return *cut;
}

/* Write text with fmt, cut to what a cell holds. */
static void write_text(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt)
{
    char *cut;
    const char *t = fit_cell(text, &cut);
    put_string(s, row, col, t, fmt);
    free(cut);
}

void xl_str_fmt(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt)
{
    if (!text || !*text)
        return;
    write_text(s, row, col, text, fmt);
    note_text_width(s, col, text, 0);
}

void xl_str(xl_sheet *s, int row, int col, const char *text)
{
    xl_str_fmt(s, row, col, text, s->f->text);
}

void xl_wrap_column(xl_sheet *s, int col, double width)
{
    if (col >= 0 && col < XL_MAX_COLS)
        s->wrapw[col] = width;
}

void xl_wrap(xl_sheet *s, int row, int col, const char *text)
{
    if (!text || !*text)
        return;
    xl_wrap_fmt(s, row, col, text, s->f->wrap);
}

void xl_wrap_fmt(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt)
{
    if (!text || !*text)
        return;
    put_string(s, row, col, text, fmt);
    if (col >= 0 && col < XL_MAX_COLS && s->wrapw[col] <= 0)
        s->wrapw[col] = 40;
    int wide, w = text_width2(text, &wide);
    note_width(s, col, w);
    note_wrapped(s, row, col, w, wide, 1.0);
}

void xl_note(xl_sheet *s, int row, int col, const char *text)
{
    if (text && *text)
        write_text(s, row, col, text, s->f->text);
}

void xl_title(xl_sheet *s, int row, int col, const char *text)
{
    put_string(s, row, col, text, s->f->title);
}

void xl_section(xl_sheet *s, int row, int col, const char *text)
{
    put_string(s, row, col, text, s->f->section);
}

void xl_header(xl_sheet *s, int row, int col, const char *text)
{
    put_string(s, row, col, text, s->f->header);
    note_width(s, col, xl_text_width(text) + 2); /* room for the autofilter button */
}

void xl_header_wrap(xl_sheet *s, int row, int col, const char *text)
{
    put_string(s, row, col, text, s->f->header_wrap);
    int wide, w = text_width2(text, &wide);
    note_width(s, col, (w + 1) / 2 + 2);
    note_wrapped(s, row, col, w, wide, 1.1); /* bold */
}

/* "%.*f" of v without printf, for the common case: |v| scaled by 10^d
 * below 10^9, and not within 10^-6 of a half (where the rounding of the
 * exact binary value decides). The product's error is then below 10^-7, so
 * that rounding it gives the digits printf gives. Returns 0, leaving buf
 * alone, in any other case. */
static int fixed_fast(double v, int d, char *buf, size_t n)
{
    static const double P10[] = {1, 10, 100, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9};
    if (d < 0 || d > 9 || n < 32)
        return 0;
    double scaled = fabs(v) * P10[d];
    if (!(scaled < 1e9))
        return 0;
    double whole = floor(scaled), frac = scaled - whole;
    if (fabs(frac - 0.5) <= 1e-6)
        return 0;
    unsigned long q = (unsigned long)whole + (frac > 0.5);
    if (v < 0 && q == 0)
        return 0;
    char digits[24];
    int len = 0;
    do {
        digits[len++] = (char)('0' + q % 10);
        q /= 10;
    } while (q);
    while (len <= d)
        digits[len++] = '0'; /* a zero before the point */
    char *o = buf;
    if (v < 0)
        *o++ = '-';
    for (int i = len - 1; i >= 0; i--) {
        *o++ = digits[i];
        if (i == d && d > 0)
            *o++ = '.';
    }
    *o = '\0';
    return 1;
}

const char *xl_fmt(double v, int decimals, char *buf, size_t n)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", isnan(v) ? "-" : (v > 0 ? "+∞" : "-∞"));
        return buf;
    }
    int d = decimals < 0 ? 6 : decimals;
    if (fabs(v) < 0.5 * pow(10, -d))
        v = 0; /* no "-0.00" */
    if (!fixed_fast(v, d, buf, n)) {
        snprintf(buf, n, "%.*f", d, v);
        for (char *c = buf; *c; c++)
            if (*c == ',')
                *c = '.'; /* never a locale's decimal comma */
    }
    if (decimals < 0 && strchr(buf, '.')) {
        size_t len = strlen(buf);
        while (len > 0 && buf[len - 1] == '0')
            buf[--len] = '\0';
        if (len > 0 && buf[len - 1] == '.')
            buf[--len] = '\0';
    }
    return buf;
}

static void write_number(xl_sheet *s, int row, int col, double v, lxw_format *fmt, int decimals)
{
    char b[64];
    if (!isfinite(v)) {
        xl_str(s, row, col, xl_fmt(v, decimals, b, sizeof b));
        return;
    }
    put_number(s, row, col, v, fmt);
    if (!within(s, col, fmt_bound(v, decimals)))
        note_width(s, col, (double)strlen(xl_fmt(v, decimals, b, sizeof b)));
}

void xl_num(xl_sheet *s, int row, int col, double v, int decimals)
{
    lxw_format *fmt = decimals == 0 ? s->f->n0 : decimals == 4 ? s->f->n4 : s->f->n2;
    int d = decimals == 0 ? 0 : decimals == 4 ? 4 : 2;
    write_number(s, row, col, v, fmt, d);
    if (d == 0 && isfinite(v) && fabs(v) >= 1000 && !within(s, col, fmt_bound(v, 0) + 1))
        note_width(s, col, strlen(xl_fmt(v, 0, (char[64]){0}, 64)) + 1); /* the thousands separator */
}

void xl_score(xl_sheet *s, int row, int col, double v) { xl_num(s, row, col, v, 2); }

void xl_score_fmt(xl_sheet *s, int row, int col, double v, lxw_format *fmt)
{
    write_number(s, row, col, v == 0 ? 0 : v, fmt, 2); /* never "-0.00" */
}

void xl_pct(xl_sheet *s, int row, int col, double v)
{
    char b[64];
    if (!isfinite(v)) {
        xl_str(s, row, col, xl_fmt(v, 2, b, sizeof b));
        return;
    }
    put_number(s, row, col, v, s->f->pct);
    if (!within(s, col, fmt_bound(v * 100, 2) + 1))
        note_width(s, col, (double)strlen(xl_fmt(v * 100, 2, b, sizeof b)) + 1);
}

int xl_value_decimals(ces_ind i)
{
    switch (i) {
    case CES_IND_PC_MOTOR_PREMIUM:
    case CES_IND_PC_NONMOTOR_PREMIUM:
    case CES_IND_LIFE_PREMIUM: return 2; /* complaints per 100m yuan: 1 to 25 */
    case CES_IND_PC_NONMOTOR_POLICIES:
    case CES_IND_LIFE_POLICIES:
    case CES_IND_LIFE_PERSONS: return 4; /* per 10k policies or persons: 0.05 to 3 */
    default: return -1;
    }
}

void xl_ind_value(xl_sheet *s, int row, int col, ces_ind i, double v)
{
    int d = xl_value_decimals(i);
    if (d < 0) {
        xl_pct(s, row, col, v);
        return;
    }
    write_number(s, row, col, v, s->f->dec[d], d);
}

void xl_amount(xl_sheet *s, int row, int col, double v)
{
    if (isfinite(v) && v == floor(v) && fabs(v) < 1e15) {
        xl_num(s, row, col, v, 0);
        return;
    }
    char b[64];
    xl_fmt(v, 4, b, sizeof b);
    size_t len = strlen(b); /* "0.00##": at least 2 decimals, at most 4 */
    for (int k = 0; k < 2 && len > 0 && b[len - 1] == '0'; k++)
        b[--len] = '\0';
    if (!isfinite(v)) {
        xl_str(s, row, col, b);
        return;
    }
    put_number(s, row, col, v, s->f->ng);
    note_width(s, col, (double)strlen(b) + (fabs(v) >= 1000 ? 1 : 0));
}

void xl_date(xl_sheet *s, int row, int col, int yyyymmdd)
{
    if (yyyymmdd <= 0)
        return;
    xl_op op = {.kind = XL_OP_DATETIME, .row = row, .col = col};
    op.a[0] = yyyymmdd / 10000;
    op.a[1] = yyyymmdd / 100 % 100;
    op.a[2] = yyyymmdd % 100;
    emit(s, op, s->f->date, 1);
    note_width(s, col, 10);
}

static int by_row(const void *a, const void *b)
{
    const struct xl_wrapped *x = a, *y = b;
    return x->row < y->row ? -1 : x->row > y->row;
}

/* Lines of a wrapped cell: its text's width over the column's, Latin text
 * taking a little more for the breaks between words. */
static int wrapped_lines(const xl_sheet *s, const struct xl_wrapped *w)
{
    double cw = s->width[w->col] - 1;
    if (cw < 2)
        cw = 2;
    double need = w->wide * 1.05 + w->narrow * 0.95;
    int lines = (int)ceil(need / cw);
    return lines < 1 ? 1 : lines;
}

static void fit_rows(xl_sheet *s)
{
    if (!s->n_wrapped)
        return;
    qsort(s->wrapped, s->n_wrapped, sizeof *s->wrapped, by_row); /* stable enough: only the max counts */
    for (size_t k = 0; k < s->n_wrapped;) {
        int row = s->wrapped[k].row;
        double height = 0;
        int lines = 1;
        for (; k < s->n_wrapped && s->wrapped[k].row == row; k++) {
            int n = wrapped_lines(s, &s->wrapped[k]);
            double h = n * (s->wrapped[k].wide > 0 ? XL_LINE_HEIGHT_CJK : XL_LINE_HEIGHT);
            height = h > height ? h : height;
            lines = n > lines ? n : lines;
        }
        if (lines > 1) /* a little space below the last line, so that rows stay apart */
            emit(s, (xl_op){.kind = XL_OP_ROW, .row = row, .a = {height + 4}}, NULL, 1);
    }
    free(s->wrapped);
    s->wrapped = NULL;
    s->n_wrapped = s->cap_wrapped = 0;
}

void xl_fit_columns(xl_sheet *s, double maxw)
{
    s->total_width = 0;
    for (int c = 0; c < XL_MAX_COLS; c++) {
        if (s->width[c] <= 0)
            continue;
        double w = s->width[c] + 2;
        double cap = s->wrapw[c] > 0 ? s->wrapw[c] : maxw;
        if (w < 6)
            w = 6;
        if (w > cap)
            w = cap;
        emit(s, (xl_op){.kind = XL_OP_COLUMN, .col = c, .col2 = c, .a = {w}}, NULL, 1);
        s->total_width += w + XL_COLUMN_PAD;
        s->width[c] = w; /* from here on: the column's width */
    }
    fit_rows(s);
}

/* A header or footer section's literal text: '&' doubled. */
static void hf_text(ces_buf *b, const char *text)
{
    for (const char *p = text ? text : ""; *p; p++)
        ces_buf_printf(b, *p == '&' ? "&&" : "%c", *p);
}

static void page_header_footer(xl_sheet *s, const ces_report_ctx *ctx, const char *doc_title)
{
    int en = s->english;
    char period[64];
    ces_period_display(ctx->results->period, en, period, sizeof period);
    const char *status = xl_status(en, ctx->status);
    ces_buf h = {0}, f = {0};
    ces_buf_printf(&h, "&L");
    hf_text(&h, doc_title);
    ces_buf_printf(&h, "&C");
    hf_text(&h, period);
    ces_buf_printf(&h, "&R");
    hf_text(&h, status);
    ces_buf_printf(&f, "&L&A&C%s&R", en ? "Page &P of &N" : "第 &P 页 / 共 &N 页");
    char run[128];
    snprintf(run, sizeof run, en ? "run %ld, %s" : "运行 %ld（%s）", ctx->run_id, status);
    hf_text(&f, run);
    if (h.p)
        emit(s, (xl_op){.kind = XL_OP_HEADER, .text = h.p}, NULL, 1);
    if (f.p)
        emit(s, (xl_op){.kind = XL_OP_FOOTER, .text = f.p}, NULL, 1);
    ces_buf_free(&h);
    ces_buf_free(&f);
}

void xl_print_setup(xl_sheet *s, const ces_report_ctx *ctx, const char *doc_title, int first, int last)
{
    emit(s, (xl_op){.kind = XL_OP_PAPER, .a = {XL_PAPER_A4}}, NULL, 0);
    emit(s, (xl_op){.kind = XL_OP_MARGINS, .a = {0.5, 0.5, 0.75, 0.75}}, NULL, 0);
    emit(s, (xl_op){.kind = s->total_width > XL_PORTRAIT_WIDTH ? XL_OP_LANDSCAPE : XL_OP_PORTRAIT}, NULL,
         0);
    /* never wider than the page; never enlarged */
    emit(s, (xl_op){.kind = XL_OP_FIT, .a = {1, 0}}, NULL, 0);
    if (first >= 0)
        emit(s, (xl_op){.kind = XL_OP_REPEAT, .row = first, .row2 = last}, NULL, 1);
    page_header_footer(s, ctx, doc_title);
}

ces_status xl_write_workbook_uncaptured(const char *tmp, const char *path, xl_build_fn build,
                                        const void *arg, ces_diags *d)
{
    ces_status st = CES_OK;
    lxw_workbook *wb = workbook_new(tmp);
    if (!wb) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot start the workbook", path);
        st = CES_ERR_NOMEM;
    }
    if (st == CES_OK && (st = build(wb, arg, d)) != CES_OK)
        lxw_workbook_free(wb);
    if (st == CES_OK) {
        lxw_error le = workbook_close(wb);
        if (le != LXW_NO_ERROR) {
            ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "%s: cannot write the workbook: %s",
                         path, lxw_strerror(le));
            st = CES_ERR_IO;
        }
    }
    return st;
}

/* Build and close the workbook at tmp (libxlsxwriter's own messages on
 * standard error captured into d as those of the workbook path). */
ces_status xl_write_workbook_at(const char *tmp, const char *path, xl_build_fn build, const void *arg,
                                ces_diags *d)
{
    ces_capture cap;
    ces_capture_begin(&cap);
    ces_status st = xl_write_workbook_uncaptured(tmp, path, build, arg, d);
    ces_capture_end(&cap, d, path, "libxlsxwriter");
    return st;
}

ces_status xl_write_workbook(const char *path, xl_build_fn build, const void *arg, ces_diags *d)
{
    char *tmp = NULL;
    ces_status st = ces_temp_create(path, &tmp, d);
    if (st != CES_OK)
        return st;
    st = xl_write_workbook_at(tmp, path, build, arg, d);
    if (st != CES_OK) {
        ces_temp_discard(tmp);
        return st;
    }
    return ces_temp_commit(tmp, path, d);
}

void xl_period_text(const ces_report_ctx *ctx, char *buf, size_t n)
{
    char id[8], disp[64];
    ces_period_format(ctx->results->period, id);
    ces_period_display(ctx->results->period, ctx->english, disp, sizeof disp);
    snprintf(buf, n, ctx->english ? "%s (%s)" : "%s（%s）", disp, id);
}

ces_status xl_set_properties(lxw_workbook *wb, const ces_report_ctx *ctx, const char *title,
                             int with_author, ces_diags *d)
{
    time_t created;
    if (ces_time_parse(ctx->run_time, &created) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                     "the run's time \"%s\" is not an ISO 8601 UTC time",
                     ctx->run_time ? ctx->run_time : "");
        return CES_ERR_INVALID;
    }
    char t[512], author[512], subject[256], comments[512];
    ces_utf8_copy(t, sizeof t, title);
    ces_utf8_copy(author, sizeof author, with_author && ctx->operator_name ? ctx->operator_name : "");
    ces_utf8_copy(subject, sizeof subject, ctx->cfg->name);
    char all[1024];
    snprintf(all, sizeof all, "cescore %s, run %ld, config %s sha256 %s",
             ctx->engine_version ? ctx->engine_version : "", ctx->run_id, ctx->cfg->name,
             ctx->cfg->sha256);
    ces_utf8_copy(comments, sizeof comments, all);
    lxw_doc_properties props = {0};
    props.title = t;
    props.subject = subject;
    props.author = author[0] ? author : NULL;
    props.comments = comments;
    props.created = created;
    lxw_error le = workbook_set_properties(wb, &props);
    if (le != LXW_NO_ERROR) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "workbook properties: %s",
                     lxw_strerror(le));
        return CES_ERR_INTERNAL;
    }
    return CES_OK;
}

ces_status xl_sheet_status(const xl_sheet *s, ces_diags *d)
{
    if (s->err == LXW_NO_ERROR)
        return CES_OK;
    ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "sheet %s: %s", s->name ? s->name : "?",
                 lxw_strerror(s->err));
    return CES_ERR_INTERNAL;
}
