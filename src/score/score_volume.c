/* docs/method.md §6.1: per group and volume indicator, the peer median B
 * with the pooled fallback; and B with one company's value replaced, for the
 * rank sensitivity (§13) without sorting again. */
#include "score_volume.h"

#include <stdlib.h>

void sc_volume_inputs(ces_ind ind, const sc_agg *a, double *num, double *den)
{
    *num = a->total;
    *den = 0;
    switch (ind) {
    case CES_IND_PC_MOTOR_PREMIUM:
        *num = a->motor;
        *den = a->motor_premium_wan / 10000.0;
        break;
    case CES_IND_PC_NONMOTOR_PREMIUM:
        *num = a->nonmotor;
        *den = a->nonmotor_premium_wan / 10000.0;
        break;
    case CES_IND_PC_NONMOTOR_POLICIES:
        *num = a->nonmotor;
        *den = a->nonmotor_policies / 10000.0;
        break;
    case CES_IND_LIFE_PREMIUM: *den = a->premium_wan / 10000.0; break;
    case CES_IND_LIFE_POLICIES: *den = a->policies_base / 10000.0; break;
    case CES_IND_LIFE_PERSONS: *den = a->persons_base / 10000.0; break;
    default: break;
    }
}

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

ces_status sc_vol_set_build(const sc_rollup *ru, ces_ind ind, sc_vol_set *s)
{
    ces_group g = (ces_group)ces_ind_group(ind);
    s->n = 0;
    s->sum_num = s->sum_den = 0;
    s->x = malloc((ru->n ? ru->n : 1) * sizeof *s->x);
    if (!s->x)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < ru->n; i++) {
        double num, den;
        if (ru->agg[i].group != g)
            continue;
        sc_volume_inputs(ind, &ru->agg[i], &num, &den);
        if (!(den > 0))
            continue;
        s->x[s->n++] = num / den;
        s->sum_num += num;
        s->sum_den += den;
    }
    qsort(s->x, s->n, sizeof *s->x, cmp_double);
    return CES_OK;
}

void sc_vol_set_free(sc_vol_set *s)
{
    free(s->x);
    s->x = NULL;
    s->n = 0;
}

double sc_vol_benchmark(const sc_vol_set *s)
{
    size_t n = s->n;
    double b = n % 2 ? s->x[n / 2] : (s->x[n / 2 - 1] + s->x[n / 2]) / 2.0;
    return b == 0 ? s->sum_num / s->sum_den : b;
}

/* The sorted values with one instance of x[p] removed and v inserted at q:
 * element i of that sequence. */
typedef struct {
    const double *x;
    size_t p, q;
    double v;
} replaced;

static double without(const replaced *r, size_t i) { return i < r->p ? r->x[i] : r->x[i + 1]; }

static double element(const replaced *r, size_t i)
{
    if (i < r->q)
        return without(r, i);
    return i == r->q ? r->v : without(r, i - 1);
}

double sc_vol_benchmark_replaced(const sc_vol_set *s, double x_old, double x_new, double dnum)
{
    size_t n = s->n, lo = 0, hi = n;
    while (lo < hi) { /* the first instance of x_old */
        size_t mid = lo + (hi - lo) / 2;
        if (s->x[mid] < x_old)
            lo = mid + 1;
        else
            hi = mid;
    }
    replaced r = {s->x, lo < n ? lo : n - 1, 0, x_new};
    lo = 0;
    hi = n - 1; /* where x_new goes among the n - 1 values left */
    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (without(&r, mid) < x_new)
            lo = mid + 1;
        else
            hi = mid;
    }
    r.q = lo;
    double b = n % 2 ? element(&r, n / 2) : (element(&r, n / 2 - 1) + element(&r, n / 2)) / 2.0;
    return b == 0 ? (s->sum_num + dnum) / s->sum_den : b;
}
