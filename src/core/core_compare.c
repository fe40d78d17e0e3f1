/* Comparing two results figure by figure (rerun and review): every field of
 * every record (records.h) under its key, plus what lies beside the records
 * (position, children, benchmarks, the period's own figures). */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/numtext.h"
#include "cescore/results.h"

typedef struct {
    ces_difference_fn fn;
    void *ctx;
    size_t n;
    const char *company, *indicator;
} cmp_ctx;

static void fmt_double(double v, char *buf, size_t n)
{
    if (isnan(v)) {
        snprintf(buf, n, "nan");
    } else if (isinf(v)) {
        snprintf(buf, n, "%s", v > 0 ? "inf" : "-inf");
    } else {
        char text[32];
        ces_g_text(v, 15, text);
        if (strtod(text, NULL) != v)
            ces_g_text(v, 17, text);
        snprintf(buf, n, "%s", text);
    }
}

static void report(cmp_ctx *c, const char *field, const char *stored, const char *recomputed)
{
    c->n++;
    if (!c->fn)
        return;
    ces_difference d;
    memset(&d, 0, sizeof d);
    d.company = c->company;
    d.indicator = c->indicator;
    d.field = field;
    snprintf(d.stored, sizeof d.stored, "%s", stored);
    snprintf(d.recomputed, sizeof d.recomputed, "%s", recomputed);
    c->fn(&d, c->ctx);
}

static void cmp_dbl(cmp_ctx *c, const char *field, double a, double b)
{
    if (a == b || (isnan(a) && isnan(b)))
        return;
    char x[64], y[64];
    fmt_double(a, x, sizeof x);
    fmt_double(b, y, sizeof y);
    report(c, field, x, y);
}

static void cmp_int(cmp_ctx *c, const char *field, long long a, long long b)
{
    if (a == b)
        return;
    char x[64], y[64];
    snprintf(x, sizeof x, "%lld", a);
    snprintf(y, sizeof y, "%lld", b);
    report(c, field, x, y);
}

static void cmp_str(cmp_ctx *c, const char *field, const char *a, const char *b)
{
    if ((!a && !b) || (a && b && !strcmp(a, b)))
        return;
    report(c, field, a ? a : "null", b ? b : "null");
}

/* Every field of a record but its key (what the rows were matched on). */
static void cmp_record(cmp_ctx *c, const ces_record *rec, const void *a, const void *b)
{
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        if (f->flags & CES_F_KEY)
            continue;
        if (ces_field_is_text(f))
            cmp_str(c, f->key, ces_field_text(f, a), ces_field_text(f, b));
        else if (f->type == CES_FT_DBL)
            cmp_dbl(c, f->key, ces_field_dbl(f, a), ces_field_dbl(f, b));
        else
            cmp_int(c, f->key, ces_field_int(f, a), ces_field_int(f, b));
    }
}

static void cmp_children(cmp_ctx *c, const ces_company_result *a, const ces_company_result *b)
{
    cmp_int(c, "children", (long long)a->n_children, (long long)b->n_children);
    for (size_t k = 0; k < a->n_children && k < b->n_children; k++)
        cmp_str(c, "child", a->children[k], b->children[k]);
}

/* The derived figures of two companies that both carry them. */
static void cmp_derived(cmp_ctx *c, const ces_company_result *a, const ces_company_result *b)
{
    c->indicator = "rank_sensitivity.fewer";
    cmp_record(c, &CES_REC_SENSITIVITY, &a->fewer, &b->fewer);
    c->indicator = "rank_sensitivity.more";
    cmp_record(c, &CES_REC_SENSITIVITY, &a->more, &b->more);
    for (int i = 0; i < CES_IND_COUNT; i++) {
        c->indicator = ces_ind_id((ces_ind)i);
        cmp_record(c, &CES_REC_IND_DERIVED, &a->ind[i], &b->ind[i]);
    }
}

static void cmp_company(cmp_ctx *c, size_t pos_a, const ces_company_result *a, size_t pos_b,
                        const ces_company_result *b, int derived)
{
    c->company = a->code;
    c->indicator = NULL;
    cmp_int(c, "position", (long long)pos_a, (long long)pos_b);
    cmp_record(c, &CES_REC_COMPANY_RESULT, a, b);
    cmp_children(c, a, b);
    for (int i = 0; i < CES_IND_COUNT; i++) {
        c->indicator = ces_ind_id((ces_ind)i);
        cmp_record(c, &CES_REC_IND_RESULT, &a->ind[i], &b->ind[i]);
    }
    if (derived)
        cmp_derived(c, a, b);
    c->indicator = NULL;
}

static const ces_company_result *find_company(const ces_results *r, const char *code, size_t *pos)
{
    for (size_t i = 0; code && i < r->n_companies; i++) {
        if (r->companies[i].code && !strcmp(r->companies[i].code, code)) {
            *pos = i;
            return &r->companies[i];
        }
    }
    return NULL;
}

static void cmp_companies(cmp_ctx *c, const ces_results *a, const ces_results *b)
{
    for (size_t i = 0; i < a->n_companies; i++) {
        size_t j = 0;
        const ces_company_result *other = find_company(b, a->companies[i].code, &j);
        if (other) {
            cmp_company(c, i, &a->companies[i], j, other, a->derived && b->derived);
        } else {
            c->company = a->companies[i].code;
            c->indicator = NULL;
            report(c, "company", "present", "absent");
        }
    }
    for (size_t j = 0; j < b->n_companies; j++) {
        size_t i = 0;
        if (!find_company(a, b->companies[j].code, &i)) {
            c->company = b->companies[j].code;
            c->indicator = NULL;
            report(c, "company", "absent", "present");
        }
    }
}

static void cmp_groups(cmp_ctx *c, const ces_results *a, const ces_results *b)
{
    static const char *const names[CES_GROUP_COUNT] = {"(group pc)", "(group life)"};
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        const ces_group_result *x = &a->groups[g], *y = &b->groups[g];
        c->company = names[g];
        c->indicator = NULL;
        cmp_record(c, &CES_REC_GROUP_RESULT, x, y);
        for (int i = 0; i < CES_IND_COUNT; i++) {
            c->indicator = ces_ind_id((ces_ind)i);
            cmp_int(c, "has_benchmark", x->has_benchmark[i], y->has_benchmark[i]);
            cmp_dbl(c, "benchmark", x->benchmark[i], y->benchmark[i]);
        }
    }
    c->indicator = NULL;
}

static void cmp_period(cmp_ctx *c, const ces_results *a, const ces_results *b)
{
    char x[8], y[8];
    c->company = "(period)";
    c->indicator = NULL;
    ces_period_format(a->period, x);
    ces_period_format(b->period, y);
    cmp_str(c, "period", x, y);
    cmp_int(c, "has_industry_mediation", a->has_industry_mediation, b->has_industry_mediation);
    cmp_dbl(c, "industry_mediation", a->industry_mediation, b->industry_mediation);
    cmp_str(c, "prior_source", ces_prior_source_id(a->prior_source),
            ces_prior_source_id(b->prior_source));
    cmp_int(c, "prior_run_id", a->prior_run_id, b->prior_run_id);
    cmp_str(c, "prior_period", a->prior_period, b->prior_period);
    cmp_int(c, "companies", (long long)a->n_companies, (long long)b->n_companies);
    cmp_int(c, "excluded", (long long)a->n_excluded, (long long)b->n_excluded);
}

static void cmp_excluded(cmp_ctx *c, const ces_results *a, const ces_results *b)
{
    size_t n = a->n_excluded > b->n_excluded ? a->n_excluded : b->n_excluded;
    c->indicator = NULL;
    for (size_t i = 0; i < n; i++) {
        char label[40];
        snprintf(label, sizeof label, "(excluded %zu)", i);
        c->company = label;
        if (i >= a->n_excluded || i >= b->n_excluded) {
            const ces_excluded *e = i < a->n_excluded ? &a->excluded[i] : &b->excluded[i];
            report(c, "code", i < a->n_excluded ? e->code : "absent",
                   i < b->n_excluded ? e->code : "absent");
            continue;
        }
        cmp_record(c, &CES_REC_EXCLUDED, &a->excluded[i], &b->excluded[i]);
    }
}

/* Two lists of rows of rec compared position by position, every field
 * (the key too): a difference names the row's company (its first field),
 * and the field as "<tag> <position> <key>". */
static void cmp_list(cmp_ctx *c, const ces_record *rec, const void *a, size_t na, const void *b,
                     size_t nb)
{
    char field[96];
    c->indicator = NULL;
    c->company = "(period)";
    snprintf(field, sizeof field, "%s rows", rec->tag);
    cmp_int(c, field, (long long)na, (long long)nb);
    for (size_t i = 0; i < na && i < nb; i++) {
        const void *x = (const char *)a + i * rec->size, *y = (const char *)b + i * rec->size;
        const char *company = ces_field_text(&rec->fields[0], x);
        c->company = company ? company : "(period)";
        for (size_t k = 0; k < rec->n; k++) {
            const ces_field *f = &rec->fields[k];
            snprintf(field, sizeof field, "%s %zu %s", rec->tag, i, f->key);
            if (ces_field_is_text(f))
                cmp_str(c, field, ces_field_text(f, x), ces_field_text(f, y));
            else if (f->type == CES_FT_DBL)
                cmp_dbl(c, field, ces_field_dbl(f, x), ces_field_dbl(f, y));
            else
                cmp_int(c, field, ces_field_int(f, x), ces_field_int(f, y));
        }
    }
}

/* docs/method.md §6.6: what the run made of cases.csv. */
static void cmp_cases(cmp_ctx *c, const ces_results *a, const ces_results *b)
{
    cmp_list(c, &CES_REC_CASE_SUMMARY, a->case_counts, a->n_case_counts, b->case_counts,
             b->n_case_counts);
    cmp_list(c, &CES_REC_CASE_OVERDUE, a->overdue_cases, a->n_overdue_cases, b->overdue_cases,
             b->n_overdue_cases);
    cmp_list(c, &CES_REC_CASE_CATEGORY, a->case_categories, a->n_case_categories, b->case_categories,
             b->n_case_categories);
}

size_t ces_results_compare(const ces_results *stored, const ces_results *recomputed,
                           ces_difference_fn fn, void *ctx)
{
    cmp_ctx c = {.fn = fn, .ctx = ctx};
    cmp_period(&c, stored, recomputed);
    cmp_groups(&c, stored, recomputed);
    cmp_companies(&c, stored, recomputed);
    cmp_excluded(&c, stored, recomputed);
    cmp_cases(&c, stored, recomputed);
    return c.n;
}
