/* Recorded sheets (report_xlsx_tape.h). A format is recorded as its place
 * among the workbook's formats (xl_formats), and played back as the format
 * in that place of the other workbook. */
#include "report_xlsx_tape.h"

#include <stdlib.h>
#include <string.h>

#include "cescore/grow.h"

typedef struct {
    xl_op op;
    int fmt;     /* place among the formats, -1 for none */
    int checked; /* its error is the sheet's (the writer ignores it otherwise) */
} taped;

struct xl_tape {
    taped *calls;
    size_t n, cap;
    int spoiled;
};

#define N_FORMATS 22
_Static_assert(sizeof(xl_formats) == N_FORMATS * sizeof(lxw_format *),
               "a format missing from formats_of");

/* Every format of f, in a fixed order. */
static void formats_of(const xl_formats *f, const lxw_format *all[N_FORMATS])
{
    const lxw_format *list[N_FORMATS] = {
        f->title,    f->subtitle,  f->section, f->header,    f->header_wrap, f->text,
        f->wrap,     f->n0,        f->n2,      f->n4,        f->ng,          f->date,
        f->pct,      f->dec[0],    f->dec[1],  f->dec[2],    f->dec[3],      f->dec[4],
        f->subtotal, f->deduction, f->below,   f->rank_delta};
    memcpy(all, list, sizeof list);
}

lxw_error xl_op_do(lxw_worksheet *ws, const xl_op *op, lxw_format *fmt)
{
    lxw_row_t r = (lxw_row_t)op->row, r2 = (lxw_row_t)op->row2;
    lxw_col_t c = (lxw_col_t)op->col, c2 = (lxw_col_t)op->col2;
    switch (op->kind) {
    case XL_OP_STRING: return worksheet_write_string(ws, r, c, op->text, fmt);
    case XL_OP_NUMBER: return worksheet_write_number(ws, r, c, op->a[0], fmt);
    case XL_OP_DATETIME: {
        lxw_datetime dt = {(int)op->a[0], (int)op->a[1], (int)op->a[2], 0, 0, 0};
        return worksheet_write_datetime(ws, r, c, &dt, fmt);
    }
    case XL_OP_MERGE: return worksheet_merge_range(ws, r, c, r2, c2, op->text, fmt);
    case XL_OP_ROW: return worksheet_set_row(ws, r, op->a[0], fmt);
    case XL_OP_COLUMN: return worksheet_set_column(ws, c, c2, op->a[0], fmt);
    case XL_OP_HEADER: return worksheet_set_header(ws, op->text);
    case XL_OP_FOOTER: return worksheet_set_footer(ws, op->text);
    case XL_OP_PAPER: worksheet_set_paper(ws, (uint8_t)op->a[0]); return LXW_NO_ERROR;
    case XL_OP_MARGINS:
        worksheet_set_margins(ws, op->a[0], op->a[1], op->a[2], op->a[3]);
        return LXW_NO_ERROR;
    case XL_OP_LANDSCAPE: worksheet_set_landscape(ws); return LXW_NO_ERROR;
    case XL_OP_PORTRAIT: worksheet_set_portrait(ws); return LXW_NO_ERROR;
    case XL_OP_FIT:
        worksheet_fit_to_pages(ws, (uint16_t)op->a[0], (uint16_t)op->a[1]);
        return LXW_NO_ERROR;
    case XL_OP_REPEAT: return worksheet_repeat_rows(ws, r, r2);
    }
    return LXW_ERROR_PARAMETER_VALIDATION;
}

xl_tape *xl_tape_new(void) { return calloc(1, sizeof(xl_tape)); }

void xl_tape_free(xl_tape *t)
{
    if (!t)
        return;
    for (size_t k = 0; k < t->n; k++)
        free((char *)t->calls[k].op.text);
    free(t->calls);
    free(t);
}

void xl_tape_add(xl_tape *t, const xl_formats *f, const xl_op *op, const lxw_format *fmt, int checked)
{
    if (t->spoiled)
        return;
    const lxw_format *all[N_FORMATS];
    formats_of(f, all);
    int at = -1;
    for (int k = 0; fmt && k < N_FORMATS; k++)
        if (all[k] == fmt) {
            at = k;
            break;
        }
    char *text = op->text ? strdup(op->text) : NULL;
    if ((fmt && at < 0) || (op->text && !text) || CES_GROW(t->calls, t->cap, t->n, 64)) {
        free(text);
        t->spoiled = 1;
        return;
    }
    t->calls[t->n] = (taped){*op, at, checked};
    t->calls[t->n++].op.text = text;
}

int xl_tape_ok(const xl_tape *t) { return t && !t->spoiled; }

void xl_tape_play(xl_sheet *s, const xl_tape *t)
{
    const lxw_format *all[N_FORMATS];
    formats_of(s->f, all);
    for (size_t k = 0; k < t->n; k++) {
        const taped *c = &t->calls[k];
        lxw_error e = xl_op_do(s->ws, &c->op, c->fmt < 0 ? NULL : (lxw_format *)all[c->fmt]);
        if (c->checked && e != LXW_NO_ERROR && s->err == LXW_NO_ERROR)
            s->err = e;
    }
}
