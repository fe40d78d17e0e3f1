/* The company codes (core's ces_code_index) to one entry each, and the
 * deduction rows grouped by scored company (report_xlsx_index.h). */
#include "report_xlsx_index.h"

#include <stdlib.h>
#include <string.h>

#include "cescore/code_index.h"

typedef struct {
    const char *code;
    long scored;   /* first scored company with this code, -1 when none */
    long owner;    /* first scored company that is, or rolls up, this code */
    long excluded; /* first excluded entity */
    long dataset;  /* first company of the dataset */
    long prior[CES_GROUP_COUNT];
    size_t ded_first, ded_n; /* this code's deduction rows: ded_by_code[ded_first..+ded_n) */
} slot;

struct xl_index {
    const ces_report_ctx *ctx;
    ces_code_index codes; /* code -> its slot */
    slot *slots;
    size_t n_slots, cap_slots;
    size_t *ded_by_code;  /* deduction indices, grouped by code, file order within a code */
    size_t *ded_by_owner; /* deduction indices, grouped by scored company, file order */
    size_t *owner_first;  /* n_companies + 1 offsets into ded_by_owner */
};

static slot *find(const xl_index *ix, const char *code)
{
    long k = ces_code_index_find(&ix->codes, code);
    return k >= 0 ? &ix->slots[k] : NULL;
}

/* The slot of code, added when new; NULL for a NULL or empty code, and when
 * out of memory (*nomem set). */
static slot *add(xl_index *ix, const char *code, int *nomem)
{
    long k;
    if (!code || !*code)
        return NULL;
    if (ix->n_slots == ix->cap_slots ||
        ces_code_index_add(&ix->codes, code, (long)ix->n_slots, &k) != 0) {
        *nomem = 1;
        return NULL;
    }
    slot *s = &ix->slots[k];
    if ((size_t)k == ix->n_slots) { /* a new code */
        ix->n_slots++;
        *s = (slot){.code = code, .scored = -1, .owner = -1, .excluded = -1, .dataset = -1};
        for (int g = 0; g < CES_GROUP_COUNT; g++)
            s->prior[g] = -1;
    }
    return s;
}

static void first(long *at, size_t k)
{
    if (*at < 0)
        *at = (long)k;
}

static int by_index(const void *a, const void *b)
{
    size_t x = *(const size_t *)a, y = *(const size_t *)b;
    return x < y ? -1 : x > y;
}

/* Every code the index may hold, an upper bound for the table's size. */
static size_t code_count(const ces_report_ctx *ctx)
{
    const ces_results *r = ctx->results;
    size_t n = r->n_companies + r->n_excluded;
    for (size_t k = 0; k < r->n_companies; k++)
        n += r->companies[k].n_children;
    if (ctx->dataset)
        n += ctx->dataset->n_companies + ctx->dataset->n_deductions;
    if (ctx->prior_published)
        n += ctx->prior_published->n_companies;
    return n;
}

/* ded_by_code: each code's deduction rows, counted then placed. */
static int group_by_code(xl_index *ix, const ces_dataset *ds)
{
    if (!(ix->ded_by_code = malloc((ds->n_deductions + 1) * sizeof *ix->ded_by_code)))
        return -1;
    for (size_t k = 0; k < ds->n_deductions; k++) {
        slot *s = find(ix, ds->deductions[k].code);
        if (s)
            s->ded_n++;
    }
    size_t at = 0;
    for (size_t i = 0; i < ix->n_slots; i++) {
        ix->slots[i].ded_first = at;
        at += ix->slots[i].ded_n;
        ix->slots[i].ded_n = 0;
    }
    for (size_t k = 0; k < ds->n_deductions; k++) {
        slot *s = find(ix, ds->deductions[k].code);
        if (s)
            ix->ded_by_code[s->ded_first + s->ded_n++] = k;
    }
    return 0;
}

/* A company's rows: those of its code and of each child's, in file order,
 * each once (as a scan of every row would find them). */
static size_t company_rows(const xl_index *ix, const ces_company_result *c, size_t *out)
{
    size_t n = 0;
    const slot *s = find(ix, c->code);
    if (s)
        for (size_t i = 0; i < s->ded_n; i++)
            out[n++] = ix->ded_by_code[s->ded_first + i];
    size_t own = n;
    for (size_t ch = 0; ch < c->n_children; ch++) {
        if (!c->children[ch] || !strcmp(c->children[ch], c->code))
            continue;
        int seen = 0;
        for (size_t e = 0; e < ch && !seen; e++)
            seen = c->children[e] && !strcmp(c->children[e], c->children[ch]);
        if (seen || !(s = find(ix, c->children[ch])))
            continue;
        for (size_t i = 0; i < s->ded_n; i++)
            out[n++] = ix->ded_by_code[s->ded_first + i];
    }
    if (n > own)
        qsort(out, n, sizeof *out, by_index);
    return n;
}

static int group_by_owner(xl_index *ix)
{
    const ces_results *r = ix->ctx->results;
    if (!(ix->owner_first = calloc(r->n_companies + 1, sizeof *ix->owner_first)))
        return -1;
    size_t total = 0;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        const slot *s = find(ix, c->code);
        total += s ? s->ded_n : 0;
        for (size_t ch = 0; ch < c->n_children; ch++)
            if ((s = find(ix, c->children[ch])))
                total += s->ded_n;
    }
    if (!(ix->ded_by_owner = malloc((total + 1) * sizeof *ix->ded_by_owner)))
        return -1;
    size_t at = 0;
    for (size_t k = 0; k < r->n_companies; k++) {
        ix->owner_first[k] = at;
        at += company_rows(ix, &r->companies[k], ix->ded_by_owner + at);
    }
    ix->owner_first[r->n_companies] = at;
    return 0;
}

xl_index *xl_index_new(const ces_report_ctx *ctx)
{
    xl_index *ix = calloc(1, sizeof *ix);
    if (!ix)
        return NULL;
    ix->ctx = ctx;
    ix->cap_slots = code_count(ctx) + 1; /* more than the codes added: full only when not allocated */
    int nomem = 0;
    if (!(ix->slots = malloc(ix->cap_slots * sizeof *ix->slots)))
        ix->cap_slots = 0;
    const ces_results *r = ctx->results;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        slot *s = add(ix, c->code, &nomem);
        if (s) {
            first(&s->scored, k);
            first(&s->owner, k);
        }
        for (size_t ch = 0; ch < c->n_children; ch++)
            if ((s = add(ix, c->children[ch], &nomem)))
                first(&s->owner, k);
    }
    for (size_t k = 0; k < r->n_excluded; k++) {
        slot *s = add(ix, r->excluded[k].code, &nomem);
        if (s)
            first(&s->excluded, k);
    }
    const ces_dataset *ds = ctx->dataset;
    for (size_t k = 0; ds && k < ds->n_companies; k++) {
        slot *s = add(ix, ds->companies[k].code, &nomem);
        if (s)
            first(&s->dataset, k);
    }
    const ces_results *p = ctx->prior_published;
    for (size_t k = 0; p && k < p->n_companies; k++) {
        slot *s = add(ix, p->companies[k].code, &nomem);
        if (s && (unsigned)p->companies[k].group < CES_GROUP_COUNT)
            first(&s->prior[p->companies[k].group], k);
    }
    for (size_t k = 0; ds && k < ds->n_deductions; k++)
        add(ix, ds->deductions[k].code, &nomem);
    if (nomem || (ds && group_by_code(ix, ds) != 0) || (ds && group_by_owner(ix) != 0)) {
        xl_index_free(ix);
        return NULL;
    }
    return ix;
}

void xl_index_free(xl_index *ix)
{
    if (!ix)
        return;
    ces_code_index_free(&ix->codes);
    free(ix->slots);
    free(ix->ded_by_code);
    free(ix->ded_by_owner);
    free(ix->owner_first);
    free(ix);
}

const ces_company_result *xl_index_owner(const xl_index *ix, const char *code)
{
    const slot *s = find(ix, code);
    return s && s->owner >= 0 ? &ix->ctx->results->companies[s->owner] : NULL;
}

const char *xl_index_name(const xl_index *ix, const char *code)
{
    const slot *s = find(ix, code);
    if (!s)
        return "";
    const ces_report_ctx *ctx = ix->ctx;
    if (s->scored >= 0)
        return ctx->results->companies[s->scored].name;
    if (s->excluded >= 0)
        return ctx->results->excluded[s->excluded].name;
    if (s->dataset >= 0)
        return ctx->dataset->companies[s->dataset].name;
    return "";
}

const ces_company *xl_index_dataset_company(const xl_index *ix, const char *code)
{
    const slot *s = find(ix, code);
    return s && s->dataset >= 0 ? &ix->ctx->dataset->companies[s->dataset] : NULL;
}

const ces_company_result *xl_index_prior(const xl_index *ix, const char *code, ces_group g)
{
    const slot *s = find(ix, code);
    if (!s || (unsigned)g >= CES_GROUP_COUNT || s->prior[g] < 0)
        return NULL;
    return &ix->ctx->prior_published->companies[s->prior[g]];
}

const size_t *xl_index_deductions(const xl_index *ix, const ces_company_result *c, size_t *n)
{
    *n = 0;
    if (!ix->owner_first)
        return NULL;
    size_t k = (size_t)(c - ix->ctx->results->companies);
    *n = ix->owner_first[k + 1] - ix->owner_first[k];
    return ix->ded_by_owner + ix->owner_first[k];
}
