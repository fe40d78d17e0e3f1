/* Counting cases as of the period's last day (docs/method.md §6.6). The
 * deadline of a transfer is looked up in a table of the period's working
 * days; the most overdue cases of each code sit in a fixed array; the
 * categories in one hash table keyed by company, column and value. */
#include "ingest_case_tally.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include "cescore/grow.h"

/* ---- working days of the period's window ---- */

/* Day i of the window is first + i (ces_day_number); count[i] working days
 * fall on days 0..i; nth[k] is the day of the k-th (k >= 1). */
typedef struct {
    int first, n;
    int *count, *nth;
    int n_work;
} workdays;

static ces_status workdays_build(workdays *w, ces_period p, const ces_calendar *cal)
{
    w->first = ces_day_number(ces_period_start(p));
    w->n = ces_day_number(ces_period_end(p)) - w->first + 1;
    w->count = malloc((size_t)w->n * sizeof *w->count);
    w->nth = malloc(((size_t)w->n + 1) * sizeof *w->nth);
    if (!w->count || !w->nth)
        return CES_ERR_NOMEM;
    w->n_work = 0;
    for (int i = 0; i < w->n; i++) {
        if (ces_calendar_is_working_day(cal, w->first + i))
            w->nth[++w->n_work] = i;
        w->count[i] = w->n_work;
    }
    return CES_OK;
}

/* The deadline of a transfer on day t of the window (that day not counted):
 * its day in the window, or -1 when it falls after the window. */
static int deadline_of(const workdays *w, int t, int n)
{
    int k = w->count[t] + n;
    return k <= w->n_work ? w->nth[k] : -1;
}

/* ---- per company ---- */

typedef struct {
    ces_case_count n;      /* code unset; line: the company's first row */
    ces_case_overdue *top; /* CES_CASE_OVERDUE_MAX slots of the tally's array */
    size_t n_top;
    unsigned n_values[ING_DIM_COUNT];
    int overflow[ING_DIM_COUNT];
} co_tally;

typedef struct {
    uint64_t h;
    uint32_t company, off, len;
    int dim; /* -1: an empty slot */
    int64_t count;
} cat_entry;

struct ing_tally {
    ces_period period;
    int working_days, end;
    workdays w;
    size_t n_co;
    co_tally *co;
    ces_case_overdue *slots;
    cat_entry *cats;
    size_t n_cats, cap_cats;
    char *text; /* the categories' values, one after the other */
    size_t text_len, text_cap;
};

static void reset_categories(ing_tally *t)
{
    for (size_t i = 0; i < t->cap_cats; i++)
        t->cats[i].dim = -1;
    t->n_cats = 0;
    t->text_len = 0;
}

ces_status ing_tally_new(ces_period p, int working_days, const ces_calendar *cal, size_t n_companies,
                         ing_tally **out)
{
    ing_tally *t = calloc(1, sizeof *t);
    *out = NULL;
    if (!t)
        return CES_ERR_NOMEM;
    t->period = p;
    t->working_days = working_days > 0 ? working_days : CES_DEFAULT_RESPONSE_WORKING_DAYS;
    t->end = ces_period_end(p);
    t->n_co = n_companies;
    size_t n = n_companies ? n_companies : 1;
    t->co = calloc(n, sizeof *t->co);
    t->slots = calloc(n * CES_CASE_OVERDUE_MAX, sizeof *t->slots);
    t->cap_cats = 1024;
    t->cats = malloc(t->cap_cats * sizeof *t->cats);
    ces_status st = t->co && t->slots && t->cats ? workdays_build(&t->w, p, cal) : CES_ERR_NOMEM;
    if (st != CES_OK) {
        ing_tally_free(t);
        return st;
    }
    for (size_t i = 0; i < n_companies; i++)
        t->co[i].top = &t->slots[i * CES_CASE_OVERDUE_MAX];
    reset_categories(t);
    *out = t;
    return CES_OK;
}

void ing_tally_reset(ing_tally *t)
{
    for (size_t i = 0; i < t->n_co; i++) {
        co_tally *c = &t->co[i];
        for (size_t k = 0; k < c->n_top; k++)
            free(c->top[k].case_id);
        ces_case_overdue *top = c->top;
        memset(c, 0, sizeof *c);
        c->top = top;
    }
    reset_categories(t);
}

void ing_tally_free(ing_tally *t)
{
    if (!t)
        return;
    if (t->co && t->slots)
        ing_tally_reset(t);
    free(t->w.count);
    free(t->w.nth);
    free(t->co);
    free(t->slots);
    free(t->cats);
    free(t->text);
    free(t);
}

/* ---- the most overdue cases ---- */

static ces_status keep_overdue(co_tally *c, const ces_case_overdue *o, const char *case_id)
{
    size_t at = c->n_top;
    if (c->n_top == CES_CASE_OVERDUE_MAX) {
        at = 0; /* replace the least overdue, if this one is more */
        for (size_t k = 1; k < c->n_top; k++)
            if (ces_case_more_overdue(&c->top[at], &c->top[k]))
                at = k;
        if (!ces_case_more_overdue(o, &c->top[at]))
            return CES_OK;
    }
    char *id = strdup(case_id);
    if (!id)
        return CES_ERR_NOMEM;
    if (at < c->n_top)
        free(c->top[at].case_id);
    else
        c->n_top++;
    c->top[at] = *o;
    c->top[at].case_id = id;
    return CES_OK;
}

/* ---- categories ---- */

static uint64_t hash_value(uint32_t company, int dim, const char *s, size_t len)
{
    uint64_t h = 1469598103934665603ULL ^ ((uint64_t)company << 8) ^ (uint64_t)dim;
    for (size_t i = 0; i < len; i++) {
        h ^= (unsigned char)s[i];
        h *= 1099511628211ULL;
    }
    h ^= h >> 33;
    h *= 0xff51afd7ed558ccdULL;
    return h ^ (h >> 33);
}

static cat_entry *find_slot(ing_tally *t, uint64_t h, uint32_t company, int dim, const char *s,
                            size_t len)
{
    size_t mask = t->cap_cats - 1;
    for (size_t i = (size_t)h & mask;; i = (i + 1) & mask) {
        cat_entry *e = &t->cats[i];
        if (e->dim < 0 || (e->h == h && e->company == company && e->dim == dim && e->len == len &&
                           memcmp(t->text + e->off, s, len) == 0))
            return e;
    }
}

static ces_status grow_categories(ing_tally *t)
{
    size_t old = t->cap_cats;
    cat_entry *prev = t->cats;
    t->cap_cats *= 2;
    if (!(t->cats = malloc(t->cap_cats * sizeof *t->cats))) {
        t->cats = prev;
        t->cap_cats = old;
        return CES_ERR_NOMEM;
    }
    for (size_t i = 0; i < t->cap_cats; i++)
        t->cats[i].dim = -1;
    for (size_t i = 0; i < old; i++)
        if (prev[i].dim >= 0)
            *find_slot(t, prev[i].h, prev[i].company, prev[i].dim, t->text + prev[i].off,
                       prev[i].len) = prev[i];
    free(prev);
    return CES_OK;
}

static ces_status count_value(ing_tally *t, uint32_t company, int dim, const char *s)
{
    co_tally *c = &t->co[company];
    size_t len = strlen(s);
    uint64_t h = hash_value(company, dim, s, len);
    cat_entry *e = find_slot(t, h, company, dim, s, len);
    if (e->dim < 0 && c->n_values[dim] >= ING_CATEGORY_MAX) {
        c->overflow[dim] = 1;
        s = ING_OTHER_VALUES;
        len = strlen(s);
        h = hash_value(company, dim, s, len);
        e = find_slot(t, h, company, dim, s, len);
    }
    if (e->dim < 0) {
        if (ces_grow(&t->text, &t->text_cap, t->text_len + len + 1, 1, 4096))
            return CES_ERR_NOMEM;
        memcpy(t->text + t->text_len, s, len + 1);
        *e = (cat_entry){h, company, (uint32_t)t->text_len, (uint32_t)len, dim, 0};
        t->text_len += len + 1;
        t->n_cats++;
        c->n_values[dim] += strcmp(s, ING_OTHER_VALUES) != 0;
    }
    e->count++;
    return 4 * t->n_cats > 3 * t->cap_cats ? grow_categories(t) : CES_OK;
}

/* ---- one case ---- */

/* Transferred by the period's end E: counted when answered by then or when
 * its deadline D has passed by then (D on or before E: at the close of E
 * the case can no longer be answered in time); on time when answered by D;
 * otherwise open at E with D after E: not yet due, not counted (§6.6).
 * Days overdue: from D to the answer, or to the day after E for a case
 * still open at E (the earliest it can now be answered). */
static ces_status count_transfer(ing_tally *t, co_tally *c, const ing_case *k)
{
    const workdays *w = &t->w;
    int tday = ces_day_number(k->transferred) - w->first;
    int end = w->n - 1;
    int dl = deadline_of(w, tday, t->working_days);
    int answered = k->responded && k->responded <= t->end;
    int rday = answered ? ces_day_number(k->responded) - w->first : -1;
    if (!answered && dl < 0) {
        c->n.not_yet_due++;
        return CES_OK;
    }
    c->n.transferred++;
    if (answered && (dl < 0 || rday <= dl)) {
        c->n.on_time++;
        return CES_OK;
    }
    c->n.overdue++;
    ces_case_overdue o = {.line = k->line,
                          .transferred_date = k->transferred,
                          .deadline = ces_day_date(w->first + dl),
                          .responded_date = answered ? k->responded : 0,
                          .days_overdue = (answered ? rday : end + 1) - dl};
    return keep_overdue(c, &o, k->case_id);
}

ces_status ing_tally_add(ing_tally *t, const ing_case *k)
{
    co_tally *c = &t->co[k->company];
    if (!c->n.line)
        c->n.line = k->line;
    c->n.total++;
    c->n.motor += k->kind == ING_LINE_MOTOR;
    c->n.nonmotor += k->kind == ING_LINE_NONMOTOR;
    c->n.withdrawn += k->withdrawn != 0;
    ces_status st = CES_OK;
    if (k->transferred && k->transferred <= t->end)
        st = count_transfer(t, c, k);
    for (int d = 0; st == CES_OK && d < ING_DIM_COUNT; d++)
        if (k->category[d])
            st = count_value(t, (uint32_t)k->company, d, k->category[d]);
    return st;
}

/* ---- the result ---- */

static const char *const DIM_IDS[ING_DIM_COUNT] = {"channel", "product", "reason"};

typedef struct {
    size_t company;
    long first_line;
} co_order;

static int cmp_first_line(const void *a, const void *b)
{
    const co_order *x = a, *y = b;
    return (x->first_line > y->first_line) - (x->first_line < y->first_line);
}

static int cmp_overdue(const void *a, const void *b)
{
    return ces_case_more_overdue(a, b) ? -1 : ces_case_more_overdue(b, a);
}

/* A category as it is sorted: its company's place in the result, its
 * column, then largest first, then by value; the values counted together
 * last in their column. */
typedef struct {
    size_t rank, company;
    int dim;
    int64_t count;
    const char *value;
} cat_out;

static int cmp_cat(const void *a, const void *b)
{
    const cat_out *x = a, *y = b;
    if (x->rank != y->rank)
        return x->rank < y->rank ? -1 : 1;
    if (x->dim != y->dim)
        return x->dim - y->dim;
    int ox = strcmp(x->value, ING_OTHER_VALUES) == 0, oy = strcmp(y->value, ING_OTHER_VALUES) == 0;
    if (ox != oy)
        return ox - oy;
    if (x->count != y->count)
        return x->count > y->count ? -1 : 1;
    return strcmp(x->value, y->value);
}

typedef struct {
    const ing_tally *t;
    const ces_dataset *ds;
    ces_case_data *out;
    int nomem;
} out_ctx;

static char *dup_or_flag(const char *s, int *nomem)
{
    char *p = strdup(s ? s : "");
    *nomem |= !p;
    return p;
}

static void out_counts(out_ctx *x, size_t i, size_t company)
{
    const co_tally *c = &x->t->co[company];
    ces_case_count *n = &x->out->counts[i];
    *n = c->n;
    n->code = dup_or_flag(x->ds->companies[company].code, &x->nomem);
}

static void out_overdue(out_ctx *x, size_t company)
{
    const co_tally *c = &x->t->co[company];
    ces_case_overdue *o = &x->out->overdue[x->out->n_overdue];
    const char *code = x->ds->companies[company].code;
    for (size_t k = 0; k < c->n_top; k++) {
        o[k] = c->top[k];
        o[k].case_id = dup_or_flag(c->top[k].case_id, &x->nomem);
        o[k].company = dup_or_flag(code, &x->nomem);
        o[k].code = dup_or_flag(code, &x->nomem);
    }
    qsort(o, c->n_top, sizeof *o, cmp_overdue);
    x->out->n_overdue += c->n_top;
}

static void out_categories(out_ctx *x, const cat_out *sorted, size_t n)
{
    for (size_t i = 0; i < n; i++) {
        ces_case_category *k = &x->out->categories[x->out->n_categories++];
        k->company = dup_or_flag(x->ds->companies[sorted[i].company].code, &x->nomem);
        k->dimension = dup_or_flag(DIM_IDS[sorted[i].dim], &x->nomem);
        k->value = dup_or_flag(sorted[i].value, &x->nomem);
        k->count = sorted[i].count;
    }
}

static void warn_overflow(const ing_tally *t, const ces_dataset *ds, size_t company, ces_diags *d)
{
    for (int dim = 0; dim < ING_DIM_COUNT; dim++)
        if (t->co[company].overflow[dim])
            ces_diag_add(d, CES_DIAG_WARNING, ces_file_name(CES_FILE_CASES), 0, DIM_IDS[dim], NULL,
                         "%s has more than %d different values; the others are counted together as "
                         "\"%s\"",
                         ds->companies[company].code, ING_CATEGORY_MAX, ING_OTHER_VALUES);
}

/* Every category, sorted; rank[company] is the company's place in the result. */
static void all_categories(out_ctx *x, const size_t *rank, cat_out *buf)
{
    const ing_tally *t = x->t;
    size_t n = 0;
    for (size_t i = 0; i < t->cap_cats; i++) {
        const cat_entry *e = &t->cats[i];
        if (e->dim >= 0)
            buf[n++] = (cat_out){rank[e->company], e->company, e->dim, e->count, t->text + e->off};
    }
    qsort(buf, n, sizeof *buf, cmp_cat);
    out_categories(x, buf, n);
}

ces_status ing_tally_output(const ing_tally *t, const ces_dataset *ds, ces_case_data *out, ces_diags *d)
{
    memset(out, 0, sizeof *out);
    out_ctx x = {t, ds, out, 0};
    size_t n = 0, m = t->n_co ? t->n_co : 1;
    co_order *order = calloc(m, sizeof *order);
    size_t *rank = calloc(m, sizeof *rank);
    cat_out *buf = calloc(t->n_cats ? t->n_cats : 1, sizeof *buf);
    out->counts = calloc(m, sizeof *out->counts);
    out->overdue = calloc(m * CES_CASE_OVERDUE_MAX, sizeof *out->overdue);
    out->categories = calloc(t->n_cats ? t->n_cats : 1, sizeof *out->categories);
    if (!order || !rank || !buf || !out->counts || !out->overdue || !out->categories)
        x.nomem = 1;
    for (size_t i = 0; !x.nomem && i < t->n_co; i++)
        if (t->co[i].n.total)
            order[n++] = (co_order){i, t->co[i].n.line};
    if (n)
        qsort(order, n, sizeof *order, cmp_first_line);
    for (size_t i = 0; !x.nomem && i < n; i++) {
        rank[order[i].company] = i;
        out_counts(&x, i, order[i].company);
        out->n_counts++;
        out_overdue(&x, order[i].company);
        warn_overflow(t, ds, order[i].company, d);
    }
    if (!x.nomem)
        all_categories(&x, rank, buf);
    free(order);
    free(rank);
    free(buf);
    if (x.nomem) {
        ces_case_data_free(out);
        return CES_ERR_NOMEM;
    }
    return CES_OK;
}
