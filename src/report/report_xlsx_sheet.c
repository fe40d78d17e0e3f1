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

#define XL_HEADER_BG 0xD9E1F2
#define XL_PAPER_A4 9

static lxw_format *num_format(lxw_workbook *wb, const char *fmt)
{
    lxw_format *f = workbook_add_format(wb);
    if (f)
        format_set_num_format(f, fmt);
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
    f->text = workbook_add_format(wb);
    format_set_num_format(f->text, "@");
    f->wrap = workbook_add_format(wb);
    format_set_num_format(f->wrap, "@");
    format_set_text_wrap(f->wrap);
    format_set_align(f->wrap, LXW_ALIGN_VERTICAL_TOP);
    f->n0 = num_format(wb, "0");
    f->n2 = num_format(wb, "0.00");
    f->n4 = num_format(wb, "0.0000");
    f->ng = num_format(wb, "0.00##");
    f->date = num_format(wb, "yyyy-mm-dd");
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

/* Display width of UTF-8 text: East Asian wide characters count 2. */
static int xl_text_width(const char *s)
{
    int w = 0;
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
        w += is_wide(cp) ? 2 : 1;
    }
    return w;
}

static void note_width(xl_sheet *s, int col, double w)
{
    if (col >= 0 && col < XL_MAX_COLS && w > s->width[col])
        s->width[col] = w;
}

static void note_err(xl_sheet *s, lxw_error e)
{
    if (e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
        s->err = e;
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
    note_err(s, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, t, fmt));
    free(cut);
}

void xl_str_fmt(xl_sheet *s, int row, int col, const char *text, lxw_format *fmt)
{
    if (!text || !*text)
        return;
    write_text(s, row, col, text, fmt);
    note_width(s, col, xl_text_width(text));
}

void xl_str(xl_sheet *s, int row, int col, const char *text)
{
    xl_str_fmt(s, row, col, text, s->f->text);
}

void xl_note(xl_sheet *s, int row, int col, const char *text)
{
    if (text && *text)
        write_text(s, row, col, text, s->f->text);
}

void xl_title(xl_sheet *s, int row, int col, const char *text)
{
    note_err(s, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, text, s->f->title));
}

void xl_section(xl_sheet *s, int row, int col, const char *text)
{
    note_err(s, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, text, s->f->section));
}

void xl_header(xl_sheet *s, int row, int col, const char *text)
{
    note_err(s, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, text, s->f->header));
    note_width(s, col, xl_text_width(text) + 2); /* room for the autofilter button */
}

void xl_header_wrap(xl_sheet *s, int row, int col, const char *text)
{
    note_err(s, worksheet_write_string(s->ws, (lxw_row_t)row, (lxw_col_t)col, text, s->f->header_wrap));
    note_width(s, col, (xl_text_width(text) + 1) / 2 + 2);
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
    snprintf(buf, n, "%.*f", d, v);
    for (char *c = buf; *c; c++)
        if (*c == ',')
            *c = '.'; /* never a locale's decimal comma */
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
    note_err(s, worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, fmt));
    note_width(s, col, (double)strlen(xl_fmt(v, decimals, b, sizeof b)));
}

void xl_num(xl_sheet *s, int row, int col, double v, int decimals)
{
    lxw_format *fmt = decimals == 0 ? s->f->n0 : decimals == 4 ? s->f->n4 : s->f->n2;
    write_number(s, row, col, v, fmt, decimals == 0 ? 0 : decimals == 4 ? 4 : 2);
}

void xl_score(xl_sheet *s, int row, int col, double v) { xl_num(s, row, col, v, 2); }

void xl_value(xl_sheet *s, int row, int col, double v) { xl_num(s, row, col, v, fabs(v) < 1 ? 4 : 2); }

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
    note_err(s, worksheet_write_number(s->ws, (lxw_row_t)row, (lxw_col_t)col, v, s->f->ng));
    note_width(s, col, (double)strlen(b));
}

void xl_date(xl_sheet *s, int row, int col, int yyyymmdd)
{
    if (yyyymmdd <= 0)
        return;
    lxw_datetime dt = {yyyymmdd / 10000, yyyymmdd / 100 % 100, yyyymmdd % 100, 0, 0, 0};
    note_err(s, worksheet_write_datetime(s->ws, (lxw_row_t)row, (lxw_col_t)col, &dt, s->f->date));
    note_width(s, col, 10);
}

void xl_fit_columns(xl_sheet *s, double maxw)
{
    for (int c = 0; c < XL_MAX_COLS; c++) {
        if (s->width[c] <= 0)
            continue;
        double w = s->width[c] + 2;
        if (w < 6)
            w = 6;
        if (w > maxw)
            w = maxw;
        note_err(s, worksheet_set_column(s->ws, (lxw_col_t)c, (lxw_col_t)c, w, NULL));
    }
}

void xl_print_setup(xl_sheet *s, int header_row)
{
    worksheet_set_landscape(s->ws);
    worksheet_set_paper(s->ws, XL_PAPER_A4);
    worksheet_fit_to_pages(s->ws, 1, 0);
    if (header_row >= 0)
        note_err(s, worksheet_repeat_rows(s->ws, (lxw_row_t)header_row, (lxw_row_t)header_row));
}

static int parse_digits(const char **p, int n, int *out)
{
    int v = 0;
    for (int i = 0; i < n; i++) {
        if ((*p)[i] < '0' || (*p)[i] > '9')
            return -1;
        v = v * 10 + ((*p)[i] - '0');
    }
    *p += n;
    *out = v;
    return 0;
}

static int parse_offset(const char *p, long *offset)
{
    *offset = 0;
    if (*p == '\0' || (p[0] == 'Z' && p[1] == '\0'))
        return 0;
    if (*p != '+' && *p != '-')
        return -1;
    int sign = *p == '-' ? -1 : 1, hh, mm;
    p++;
    if (parse_digits(&p, 2, &hh))
        return -1;
    if (*p == ':')
        p++;
    if (parse_digits(&p, 2, &mm) || *p || hh > 23 || mm > 59)
        return -1;
    *offset = sign * (hh * 3600L + mm * 60L);
    return 0;
}

int xl_parse_time(const char *iso, time_t *out)
{
    if (!iso)
        return -1;
    const char *p = iso;
    int y, mo, d, h = 0, mi = 0, s = 0;
    if (parse_digits(&p, 4, &y) || *p++ != '-' || parse_digits(&p, 2, &mo) || *p++ != '-' ||
        parse_digits(&p, 2, &d))
        return -1;
    if (*p == 'T' || *p == ' ') {
        p++;
        if (parse_digits(&p, 2, &h) || *p++ != ':' || parse_digits(&p, 2, &mi))
            return -1;
        if (*p == ':') {
            p++;
            if (parse_digits(&p, 2, &s))
                return -1;
            if (*p == '.')
                for (p++; *p >= '0' && *p <= '9'; p++)
                    ;
        }
    }
    long offset;
    if (parse_offset(p, &offset) || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 ||
        s > 60 || y < 1980)
        return -1;
    struct tm tm = {0};
    tm.tm_year = y - 1900;
    tm.tm_mon = mo - 1;
    tm.tm_mday = d;
    tm.tm_hour = h;
    tm.tm_min = mi;
    tm.tm_sec = s;
    *out = timegm(&tm) - offset;
    return 0;
}

/* Build and close the workbook at tmp (libxlsxwriter's own messages on
 * standard error captured into d as those of the workbook path). */
ces_status xl_write_workbook_at(const char *tmp, const char *path, xl_build_fn build, const void *arg,
                                ces_diags *d)
{
    ces_capture cap;
    ces_capture_begin(&cap);
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

/* Copy src into dst (n bytes), cut at a character boundary when too long:
 * a workbook's XML must stay UTF-8. */
static void copy_text(char *dst, size_t n, const char *src)
{
    size_t len = strlen(src);
    if (len >= n) {
        len = n - 1;
        while (len > 0 && ((unsigned char)src[len] & 0xC0) == 0x80)
            len--;
    }
    memcpy(dst, src, len);
    dst[len] = '\0';
}

ces_status xl_set_properties(lxw_workbook *wb, const ces_report_ctx *ctx, const char *title,
                             ces_diags *d)
{
    time_t created;
    if (xl_parse_time(ctx->run_time, &created) != 0) {
        ces_diag_add(d, CES_DIAG_ERROR, NULL, 0, NULL, NULL,
                     "the run's time \"%s\" is not an ISO 8601 UTC time",
                     ctx->run_time ? ctx->run_time : "");
        return CES_ERR_INVALID;
    }
    char t[512], author[512], subject[256], comments[512];
    copy_text(t, sizeof t, title);
    copy_text(author, sizeof author, ctx->operator_name ? ctx->operator_name : "");
    copy_text(subject, sizeof subject, ctx->cfg->name);
    char all[1024];
    snprintf(all, sizeof all, "cescore %s, run %ld, config %s sha256 %s",
             ctx->engine_version ? ctx->engine_version : "", ctx->run_id, ctx->cfg->name,
             ctx->cfg->sha256);
    copy_text(comments, sizeof comments, all);
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
