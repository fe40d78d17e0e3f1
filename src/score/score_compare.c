/* score: comparing two results figure by figure (rerun and review). The one
 * place that knows which figures a run consists of, for the audit commands. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/score.h"

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
        snprintf(buf, n, "%.15g", v);
        if (strtod(buf, NULL) != v)
            snprintf(buf, n, "%.17g", v);
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

static void cmp_indicator(cmp_ctx *c, const ces_ind_result *a, const ces_ind_result *b)
{
    cmp_int(c, "present", a->present, b->present);
    cmp_int(c, "applicable", a->applicable, b->applicable);
    cmp_int(c, "has_value", a->has_value, b->has_value);
    cmp_int(c, "value_inf", a->value_inf, b->value_inf);
    cmp_int(c, "has_benchmark", a->has_benchmark, b->has_benchmark);
    cmp_int(c, "has_current", a->has_current, b->has_current);
    cmp_int(c, "has_prior", a->has_prior, b->has_prior);
    cmp_dbl(c, "numerator", a->numerator, b->numerator);
    cmp_dbl(c, "denominator", a->denominator, b->denominator);
    cmp_dbl(c, "value", a->value, b->value);
    cmp_dbl(c, "benchmark", a->benchmark, b->benchmark);
    cmp_dbl(c, "current", a->current, b->current);
    cmp_dbl(c, "prior", a->prior, b->prior);
    cmp_dbl(c, "raw", a->raw, b->raw);
    cmp_dbl(c, "weight", a->weight, b->weight);
    cmp_dbl(c, "effective_weight", a->effective_weight, b->effective_weight);
    cmp_dbl(c, "points", a->points, b->points);
    cmp_dbl(c, "max", a->max, b->max);
    cmp_dbl(c, "score", a->score, b->score);
    cmp_int(c, "missing", a->missing, b->missing);
}

static void cmp_children(cmp_ctx *c, const ces_company_result *a, const ces_company_result *b)
{
    cmp_int(c, "children", (long long)a->n_children, (long long)b->n_children);
    for (size_t k = 0; k < a->n_children && k < b->n_children; k++)
        cmp_str(c, "child", a->children[k], b->children[k]);
}

static void cmp_company(cmp_ctx *c, size_t pos_a, const ces_company_result *a, size_t pos_b,
                        const ces_company_result *b)
{
    c->company = a->code;
    c->indicator = NULL;
    cmp_int(c, "position", (long long)pos_a, (long long)pos_b);
    cmp_str(c, "name", a->name, b->name);
    cmp_str(c, "group", ces_group_id(a->group), ces_group_id(b->group));
    cmp_int(c, "rank", a->rank, b->rank);
    cmp_dbl(c, "total", a->total, b->total);
    cmp_dbl(c, "qualitative", a->qualitative, b->qualitative);
    cmp_dbl(c, "quantitative", a->quantitative, b->quantitative);
    cmp_dbl(c, "volume_block", a->volume_block, b->volume_block);
    cmp_int(c, "flags", a->flags, b->flags);
    cmp_dbl(c, "complaints_total", a->complaints_total, b->complaints_total);
    cmp_dbl(c, "premium_wan", a->premium_wan, b->premium_wan);
    cmp_children(c, a, b);
    for (int i = 0; i < CES_IND_COUNT; i++) {
        c->indicator = ces_ind_id((ces_ind)i);
        cmp_indicator(c, &a->ind[i], &b->ind[i]);
    }
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
            cmp_company(c, i, &a->companies[i], j, other);
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
        cmp_int(c, "count", x->count, y->count);
        cmp_dbl(c, "average_total", x->average_total, y->average_total);
        cmp_int(c, "below_average", x->below_average, y->below_average);
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
        const ces_excluded *x = &a->excluded[i], *y = &b->excluded[i];
        cmp_str(c, "code", x->code, y->code);
        cmp_str(c, "name", x->name, y->name);
        cmp_str(c, "group", ces_group_id(x->group), ces_group_id(y->group));
        cmp_str(c, "reason", ces_excl_reason_id(x->reason), ces_excl_reason_id(y->reason));
        cmp_str(c, "into", x->into, y->into);
    }
}

size_t ces_results_compare(const ces_results *stored, const ces_results *recomputed,
                           ces_difference_fn fn, void *ctx)
{
    cmp_ctx c = {.fn = fn, .ctx = ctx};
    cmp_period(&c, stored, recomputed);
    cmp_groups(&c, stored, recomputed);
    cmp_companies(&c, stored, recomputed);
    cmp_excluded(&c, stored, recomputed);
    return c.n;
}
