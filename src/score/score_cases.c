/* docs/method.md §6.6: what cases.csv came to, per code in the dataset,
 * rolled up into the scored companies: counts added, the most overdue cases
 * of the company and its children merged (most overdue first, up to
 * CES_CASE_OVERDUE_MAX), the categories of the case-level companies above
 * the analysis threshold added up (largest first). */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "score_cases.h"

#define OTHER_VALUES "(other values)" /* the values ingest counted together */

static const char *const DIMS[] = {"line", "channel", "product", "reason"};
#define N_DIMS (sizeof DIMS / sizeof DIMS[0])

static int dim_index(const char *d)
{
    for (size_t i = 0; d && i < N_DIMS; i++)
        if (!strcmp(DIMS[i], d))
            return (int)i;
    return -1;
}

/* The scored slot of a company's own code. */
static const sc_agg *agg_of(const sc_rollup *ru, const ces_company_result *c)
{
    long s = sc_rollup_slot(ru, c->code);
    return s >= 0 ? &ru->agg[s] : NULL;
}

static int64_t whole(double v) { return (int64_t)v; }

/* ---- counts ---- */

static ces_status counts(const sc_rollup *ru, ces_results *out)
{
    out->case_counts = calloc(out->n_companies ? out->n_companies : 1, sizeof *out->case_counts);
    if (!out->case_counts)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < out->n_companies; i++) {
        const sc_agg *a = agg_of(ru, &out->companies[i]);
        if (!a || !a->has_cases)
            continue;
        ces_case_summary *s = &out->case_counts[out->n_case_counts++];
        if (!(s->code = strdup(out->companies[i].code)))
            return CES_ERR_NOMEM;
        s->total = whole(a->total);
        s->motor = whole(a->motor);
        s->nonmotor = whole(a->nonmotor);
        s->withdrawn = whole(a->withdrawn);
        s->transferred = whole(a->transferred);
        s->on_time = whole(a->on_time);
        s->overdue = whole(a->transferred - a->on_time);
        s->not_yet_due = whole(a->not_yet_due);
    }
    return CES_OK;
}

/* ---- overdue cases ---- */

static int cmp_overdue(const void *a, const void *b)
{
    const ces_case_overdue *const *x = a, *const *y = b;
    return ces_case_more_overdue(*x, *y) ? -1 : ces_case_more_overdue(*y, *x);
}

static char *dup(const char *s, int *nomem)
{
    char *p = strdup(s ? s : "");
    *nomem |= !p;
    return p;
}

/* The overdue cases of the slot's codes, most overdue first, up to the maximum. */
static ces_status company_overdue(const ces_dataset *ds, const sc_rollup *ru, long slot,
                                  const char *code, const ces_case_overdue **buf, ces_results *out)
{
    size_t n = 0;
    int nomem = 0;
    for (size_t i = 0; i < ds->cases.n_overdue; i++)
        if (sc_rollup_slot(ru, ds->cases.overdue[i].code) == slot)
            buf[n++] = &ds->cases.overdue[i];
    qsort(buf, n, sizeof *buf, cmp_overdue);
    for (size_t i = 0; i < n && i < CES_CASE_OVERDUE_MAX; i++) {
        ces_case_overdue *o = &out->overdue_cases[out->n_overdue_cases++];
        *o = *buf[i];
        o->company = dup(code, &nomem);
        o->case_id = dup(buf[i]->case_id, &nomem);
        o->code = dup(buf[i]->code, &nomem);
    }
    return nomem ? CES_ERR_NOMEM : CES_OK;
}

static ces_status overdue(const ces_dataset *ds, const sc_rollup *ru, ces_results *out)
{
    size_t cap = out->n_companies * CES_CASE_OVERDUE_MAX;
    const ces_case_overdue **buf = calloc(ds->cases.n_overdue ? ds->cases.n_overdue : 1, sizeof *buf);
    out->overdue_cases = calloc(cap ? cap : 1, sizeof *out->overdue_cases);
    ces_status st = buf && out->overdue_cases ? CES_OK : CES_ERR_NOMEM;
    for (size_t i = 0; st == CES_OK && i < out->n_companies; i++) {
        const ces_company_result *c = &out->companies[i];
        const sc_agg *a = agg_of(ru, c);
        if (a && a->has_cases)
            st = company_overdue(ds, ru, sc_rollup_slot(ru, c->code), c->code, buf, out);
    }
    free(buf);
    return st;
}

/* ---- categories ---- */

/* One category of a company being added up. */
typedef struct {
    int dim;
    const char *value;
    int64_t count;
} cat_sum;

static int cmp_cat(const void *a, const void *b)
{
    const cat_sum *x = a, *y = b;
    if (x->dim != y->dim)
        return x->dim - y->dim;
    int ox = !strcmp(x->value, OTHER_VALUES), oy = !strcmp(y->value, OTHER_VALUES);
    if (ox != oy)
        return ox - oy;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

static int cmp_dim_value(const void *a, const void *b)
{
    const cat_sum *x = a, *y = b;
    return x->dim != y->dim ? x->dim - y->dim : strcmp(x->value, y->value);
}

/* The same (dim, value) of a company and its children counted once. */
static size_t merge_sums(cat_sum *sums, size_t n)
{
    size_t k = 0;
    qsort(sums, n, sizeof *sums, cmp_dim_value);
    for (size_t i = 0; i < n; i++) {
        if (k && !cmp_dim_value(&sums[k - 1], &sums[i]))
            sums[k - 1].count += sums[i].count;
        else
            sums[k++] = sums[i];
    }
    return k;
}

/* The lines from the rolled-up counts (those of complaints.csv too), the
 * other columns from the cases of the slot's codes. */
static size_t company_sums(const ces_dataset *ds, const sc_rollup *ru, long slot, const sc_agg *a,
                           cat_sum *sums)
{
    size_t n = 0;
    if (a->group == CES_GROUP_LIFE && a->total > 0)
        sums[n++] = (cat_sum){0, "life", whole(a->total)};
    if (a->group == CES_GROUP_PC && a->motor > 0)
        sums[n++] = (cat_sum){0, "motor", whole(a->motor)};
    if (a->group == CES_GROUP_PC && a->nonmotor > 0)
        sums[n++] = (cat_sum){0, "nonmotor", whole(a->nonmotor)};
    for (size_t i = 0; i < ds->cases.n_categories; i++) {
        const ces_case_category *k = &ds->cases.categories[i];
        int dim = dim_index(k->dimension);
        if (dim > 0 && sc_rollup_slot(ru, k->company) == slot)
            sums[n++] = (cat_sum){dim, k->value ? k->value : "", k->count};
    }
    n = merge_sums(sums, n);
    qsort(sums, n, sizeof *sums, cmp_cat);
    return n;
}

static ces_status append_categories(const char *code, const cat_sum *sums, size_t n, ces_results *out)
{
    ces_case_category *grown = realloc(out->case_categories,
                                       (out->n_case_categories + n + 1) * sizeof *grown);
    if (!grown)
        return CES_ERR_NOMEM;
    out->case_categories = grown;
    int nomem = 0;
    for (size_t i = 0; i < n; i++) {
        ces_case_category *k = &out->case_categories[out->n_case_categories++];
        k->company = dup(code, &nomem);
        k->dimension = dup(DIMS[sums[i].dim], &nomem);
        k->value = dup(sums[i].value, &nomem);
        k->count = sums[i].count;
    }
    return nomem ? CES_ERR_NOMEM : CES_OK;
}

static ces_status categories(const ces_dataset *ds, const ces_config *cfg, const sc_rollup *ru,
                             ces_results *out)
{
    long threshold = cfg->analysis_threshold[ds->period.kind];
    cat_sum *sums = calloc(ds->cases.n_categories + 4, sizeof *sums);
    ces_status st = sums ? CES_OK : CES_ERR_NOMEM;
    for (size_t i = 0; st == CES_OK && i < out->n_companies; i++) {
        const ces_company_result *c = &out->companies[i];
        const sc_agg *a = agg_of(ru, c);
        if (!a || !a->has_cases || a->total <= (double)threshold)
            continue; /* only a case list can be analysed */
        size_t n = company_sums(ds, ru, sc_rollup_slot(ru, c->code), a, sums);
        st = append_categories(c->code, sums, n, out);
    }
    free(sums);
    return st;
}

ces_status sc_cases(const ces_dataset *ds, const ces_config *cfg, const sc_rollup *ru, ces_results *out)
{
    ces_status st = counts(ru, out);
    if (st == CES_OK)
        st = overdue(ds, ru, out);
    if (st == CES_OK)
        st = categories(ds, cfg, ru, out);
    return st;
}
