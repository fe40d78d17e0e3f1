/* qualitative.csv (checklist items) and deductions.csv. */
#include "ingest_qual.h"

#include <stdlib.h>
#include <string.h>

#include "ingest_csv.h"
#include "ingest_header.h"
#include "ingest_rows.h"
#include "ingest_text.h"

static const ces_ind checklists[2] = {CES_IND_QUAL_SYSTEMS, CES_IND_QUAL_MECHANISMS};

/* ---- qualitative.csv: code, note, then every item of both checklists ---- */

enum { Q_CODE, Q_NOTE, Q_ITEMS };

static size_t qual_cols(const ces_config *cfg, ing_col *cols)
{
    size_t n = Q_ITEMS;
    cols[Q_CODE] = (ing_col){"code", NULL, 1, -1, NULL};
    cols[Q_NOTE] = (ing_col){"note", NULL, 0, -1, NULL};
    for (int l = 0; l < 2; l++) {
        const ces_cfg_indicator *ci = &cfg->ind[checklists[l]];
        for (size_t i = 0; i < ci->n_items && i < CES_MAX_ITEMS; i++)
            cols[n++] = (ing_col){ci->items[i].id, ci->items[i].zh, 1, -1, NULL};
    }
    cols[n++] = (ing_col){"name", NULL, 0, -1, NULL};
    return n;
}

static void qual_row(const ing_row *r, void *p, const void *arg)
{
    ces_qualitative_row *row = p;
    const ces_config *cfg = arg;
    int ok = 1, col = Q_ITEMS;
    ing_row_code(r, 1, &ok);
    for (int l = 0; l < 2; l++) {
        size_t n = cfg->ind[checklists[l]].n_items;
        for (size_t i = 0; i < n && i < CES_MAX_ITEMS; i++, col++) {
            const char *v = ing_val(r, col);
            int yes = 0;
            if (!*v)
                ing_err(r, col, "", "empty value, Y/N is required");
            else if (ces_parse_yes_no(v, &yes) != 0)
                ing_err(r, col, v, "%s is not Y/N, 是/否, 1/0 or ✓/✗ (√/×)", v);
            row->established[l][i] = (unsigned char)yes;
        }
    }
    ing_check_fields(r);
    row->note = ing_dup_or_null(ing_val(r, Q_NOTE), &r->ctx->nomem);
}

void ing_parse_qualitative(ing_ctx *c)
{
    ing_col cols[ING_MAX_COLS];
    _Static_assert(Q_ITEMS + 2 * CES_MAX_ITEMS + 1 <= ING_MAX_COLS, "qualitative.csv's columns");
    size_t n = qual_cols(c->cfg, cols);
    ing_read_rows(c, CES_FILE_QUALITATIVE, cols, n, qual_row, c->cfg);
}

/* ---- deductions.csv ---- */

enum { D_CODE, D_INDICATOR, D_CATEGORY, D_POINTS, D_DATE, D_REFERENCE, D_DESCRIPTION, D_NAME, D_N };

static const ing_col deduction_cols[D_N] = {
    {"code", NULL, 1, -1, NULL},        {"indicator", NULL, 1, -1, NULL},
    {"category", NULL, 0, -1, NULL},    {"points", NULL, 0, -1, NULL},
    {"date", NULL, 1, -1, NULL},        {"reference", NULL, 0, -1, NULL},
    {"description", NULL, 0, -1, NULL}, {"name", NULL, 0, -1, NULL},
};

/* The category of the row, NULL when empty or invalid (*bad set when invalid). */
static const ces_cfg_item *ded_category(const ing_row *r, int ded, int *bad)
{
    const char *v = ing_val(r, D_CATEGORY);
    const ces_cfg_item *item;
    if (!*v || ded < 0)
        return NULL;
    item = ces_config_item(&r->ctx->cfg->ind[ces_ded_indicator((ces_ded)ded)], v);
    if (!item) {
        ing_err(r, D_CATEGORY, v, "%s is not a category of %s", v, ces_ded_id((ces_ded)ded));
        *bad = 1;
    }
    return item;
}

static void ded_points(const ing_row *r, const ces_cfg_item *item, int cat_bad, ces_deduction_row *row)
{
    const char *v = ing_val(r, D_POINTS);
    row->points_given = *v != '\0';
    if (*v) {
        if (ces_parse_amount(v, &row->points) != 0 || row->points <= 0)
            ing_err(r, D_POINTS, v, "%s is not a number of points (a decimal > 0)", v);
    } else if (item) {
        row->points = item->points;
    } else if (!cat_bad && !ing_val(r, D_CATEGORY)[0]) {
        ing_err(r, D_POINTS, "", "empty value and no category, one of them is required");
    }
}

static void ded_date(const ing_row *r, ces_period p, int *date)
{
    int lo = ces_period_start(p), hi = ces_period_end(p);
    if (ing_date(r, D_DATE, date) != 0)
        return;
    if (*date < lo || *date > hi) {
        char a[11], b[11];
        ing_format_date(lo, a);
        ing_format_date(hi, b);
        ing_err(r, D_DATE, ing_val(r, D_DATE), "%s is outside the period window (%s to %s)",
                ing_val(r, D_DATE), a, b);
    }
}

static void deduction_row(const ing_row *r, void *p, const void *arg)
{
    ces_deduction_row *row = p;
    (void)arg;
    int ok = 1, cat_bad = 0, ded;
    const char *v = ing_val(r, D_INDICATOR);
    const ces_cfg_item *item;
    ing_row_code(r, 0, &ok);
    ded = ces_ded_parse(v);
    if (!*v)
        ing_err(r, D_INDICATOR, "", "empty value, a deduction indicator is required");
    else if (ded < 0)
        ing_err(r, D_INDICATOR, v,
                "%s is not a deduction indicator (execution, improper_handling, violation, "
                "group_event, negative_media or the Chinese name)",
                v);
    row->indicator = ded >= 0 ? (ces_ded)ded : CES_DED_EXECUTION;
    item = ded_category(r, ded, &cat_bad);
    ded_points(r, item, cat_bad || (ded < 0 && ing_val(r, D_CATEGORY)[0]), row);
    ded_date(r, r->ctx->ds->period, &row->date);
    ing_check_fields(r);
    row->category = item ? ing_dup(item->id, &r->ctx->nomem) : NULL;
    row->reference = ing_dup_or_null(ing_val(r, D_REFERENCE), &r->ctx->nomem);
    row->description = ing_dup_or_null(ing_val(r, D_DESCRIPTION), &r->ctx->nomem);
}

void ing_parse_deductions(ing_ctx *c)
{
    ing_read_rows(c, CES_FILE_DEDUCTIONS, deduction_cols, D_N, deduction_row, NULL);
}
