/* docs/method.md §2: treatment by org type, eligibility, the excluded list, and
 * the roll-up of every count and amount into the evaluated parent. */
#include <stdlib.h>
#include <string.h>

#include "cescore/period.h"
#include "score_rollup.h"

typedef struct {
    const char *code;
    size_t idx;
} code_ix;

/* Lookup state: companies sorted by code, and per company its scored slot. */
typedef struct {
    const ces_dataset *ds;
    code_ix *ix;
    long *target; /* evaluated company the entity's figures go to; -1 excluded */
    long *slot;   /* per company: index into ru->agg of its target, or -1 */
} rollup_ctx;

static int cmp_code(const void *a, const void *b)
{
    return strcmp(((const code_ix *)a)->code, ((const code_ix *)b)->code);
}

static long find_company(const rollup_ctx *c, const char *code)
{
    code_ix key = {code, 0};
    const code_ix *hit;
    if (!code)
        return -1;
    hit = bsearch(&key, c->ix, c->ds->n_companies, sizeof *c->ix, cmp_code);
    return hit ? (long)hit->idx : -1;
}

/* The scored slot a row with this code adds to; -1 when it is not scored
 * (excluded, ineligible); -2 when the code is unknown. */
static long row_slot(const rollup_ctx *c, const char *code)
{
    long i = find_company(c, code);
    return i < 0 ? -2 : c->slot[i];
}

static int is_evaluated(const ces_company *co)
{
    return ces_org_type_treatment(co->org_type) == CES_TREAT_EVALUATED;
}

/* target[] of every company; CES_ERR_INVALID on a broken parent link. */
static ces_status resolve_targets(rollup_ctx *c)
{
    const ces_dataset *ds = c->ds;
    for (size_t i = 0; i < ds->n_companies; i++) {
        const ces_company *co = &ds->companies[i];
        switch (ces_org_type_treatment(co->org_type)) {
        case CES_TREAT_EVALUATED: c->target[i] = (long)i; break;
        case CES_TREAT_EXCLUDED: c->target[i] = -1; break;
        case CES_TREAT_ROLLED_UP: {
            long p = find_company(c, co->parent_code);
            if (p < 0 || !is_evaluated(&ds->companies[p]) || ds->companies[p].group != co->group)
                return CES_ERR_INVALID;
            c->target[i] = p;
            break;
        }
        }
    }
    return CES_OK;
}

static ces_status add_excluded(sc_rollup *ru, const ces_company *co, ces_excl_reason reason)
{
    ces_excluded *e = &ru->excluded[ru->n_excluded++];
    e->code = strdup(co->code);
    e->name = strdup(co->name ? co->name : "");
    e->group = co->group;
    e->reason = reason;
    e->into = reason == CES_EXCL_ROLLED_UP ? strdup(co->parent_code) : NULL;
    if (!e->code || !e->name || (reason == CES_EXCL_ROLLED_UP && !e->into))
        return CES_ERR_NOMEM;
    return CES_OK;
}

/* Scored slots, the agg array, the excluded list, the children lists. */
static ces_status assign_slots(rollup_ctx *c, sc_rollup *ru)
{
    const ces_dataset *ds = c->ds;
    size_t n = ds->n_companies;

    ru->agg = calloc(n ? n : 1, sizeof *ru->agg);
    ru->excluded = calloc(n ? n : 1, sizeof *ru->excluded);
    if (!ru->agg || !ru->excluded)
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < n; i++) {
        const ces_company *co = &ds->companies[i];
        c->slot[i] = -1;
        if (is_evaluated(co) && ces_period_eligible(ds->period, co->open_date)) {
            c->slot[i] = (long)ru->n;
            ru->agg[ru->n].company = i;
            ru->agg[ru->n].group = co->group;
            ru->n++;
        }
    }
    for (size_t i = 0; i < n; i++) {
        const ces_company *co = &ds->companies[i];
        ces_treatment t = ces_org_type_treatment(co->org_type);
        ces_status st = CES_OK;
        if (t == CES_TREAT_EXCLUDED)
            st = add_excluded(ru, co, CES_EXCL_EXCLUDED_TYPE);
        else if (t == CES_TREAT_ROLLED_UP)
            st = add_excluded(ru, co, CES_EXCL_ROLLED_UP);
        else if (c->slot[i] < 0)
            st = add_excluded(ru, co, CES_EXCL_NOT_OPEN_FULL_YEAR);
        if (st != CES_OK)
            return st;
    }
    return CES_OK;
}

/* Children first get their slot (their parent's), then are listed. */
static ces_status collect_children(rollup_ctx *c, sc_rollup *ru)
{
    const ces_dataset *ds = c->ds;
    for (size_t i = 0; i < ds->n_companies; i++) {
        long t = c->target[i];
        if (t < 0 || (size_t)t == i)
            continue;
        c->slot[i] = c->slot[t];
        if (c->slot[i] < 0)
            continue; /* the parent is not eligible: the child goes with it */
        sc_agg *a = &ru->agg[c->slot[i]];
        char **nc = realloc(a->children, (a->n_children + 1) * sizeof *nc);
        if (!nc)
            return CES_ERR_NOMEM;
        a->children = nc;
        if (!(nc[a->n_children] = strdup(ds->companies[i].code)))
            return CES_ERR_NOMEM;
        a->n_children++;
    }
    return CES_OK;
}

/* ---- adding the input rows to the scored companies ---- */

/* Adds one input row to the agg of the company it counts for. */
typedef void (*add_fn)(sc_agg *a, const void *row);

/* A row of complaints.csv and what cases.csv came to for a code share these
 * six counts. */
#define ADD_COUNTS(a, x)                                                                                \
    ((a)->total += (double)(x)->total, (a)->motor += (double)(x)->motor,                                \
     (a)->nonmotor += (double)(x)->nonmotor, (a)->withdrawn += (double)(x)->withdrawn,                  \
     (a)->transferred += (double)(x)->transferred, (a)->on_time += (double)(x)->on_time)

static void add_complaints(sc_agg *a, const void *row)
{
    const ces_complaints_row *x = row;
    ADD_COUNTS(a, x);
}

/* What cases.csv came to (docs/method.md §6.6) adds like a row of
 * complaints.csv, and marks the company as one with case-level complaints. */
static void add_case_count(sc_agg *a, const void *row)
{
    const ces_case_count *x = row;
    ADD_COUNTS(a, x);
    a->overdue += (double)x->overdue;
    a->not_yet_due += (double)x->not_yet_due;
    a->has_cases = 1;
}

static void add_statistics(sc_agg *a, const void *row)
{
    const ces_statistics_row *x = row;
    a->premium_wan += x->premium_wan;
    a->motor_premium_wan += x->motor_premium_wan;
    a->nonmotor_premium_wan += x->nonmotor_premium_wan;
    a->nonmotor_policies += (double)x->nonmotor_policies;
    a->policies_base += (double)x->prior_inforce_policies + (double)x->new_policies;
    a->persons_base += (double)x->prior_inforce_persons + (double)x->new_persons;
}

static void add_mediation(sc_agg *a, const void *row)
{
    const ces_mediation_row *x = row;
    a->med_needed += (double)x->needed;
    a->med_succeeded += (double)x->succeeded;
}

static void add_deduction(sc_agg *a, const void *row)
{
    const ces_deduction_row *x = row;
    a->ded_points[x->indicator] += x->points;
}

static void add_prior_row(sc_agg *a, const void *row)
{
    const ces_prior_row *x = row;
    a->has_prior = 1;
    a->prior_total += (double)x->total;
    a->prior_premium_wan += x->premium_wan;
}

/* Every one of n rows of record rec into the agg of the company it counts
 * for (its own or its parent's); rows of companies not scored are left out.
 * CES_ERR_INVALID for a code companies.csv does not have. */
static ces_status add_each(const rollup_ctx *c, sc_rollup *ru, const ces_record *rec, const void *rows,
                           size_t n, add_fn add)
{
    /* an input record's fields begin with line, code (CES_INPUT_RECORD) */
    const ces_field *code = &rec->fields[1];
    for (size_t r = 0; r < n; r++) {
        const char *row = (const char *)rows + rec->size * r;
        long s = row_slot(c, ces_field_text(code, row));
        if (s == -2)
            return CES_ERR_INVALID;
        if (s >= 0)
            add(&ru->agg[s], row);
    }
    return CES_OK;
}

/* Every row of input file k (add_each). */
static ces_status add_rows(const rollup_ctx *c, sc_rollup *ru, ces_file_kind k, add_fn add)
{
    size_t n;
    const void *rows = ces_dataset_rows(c->ds, k, &n);
    return add_each(c, ru, ces_dataset_record(k), rows, n, add);
}

/* Every deduction names one of the indicators. */
static ces_status check_deductions(const ces_dataset *ds)
{
    for (size_t r = 0; r < ds->n_deductions; r++)
        if ((int)ds->deductions[r].indicator < 0 || ds->deductions[r].indicator >= CES_DED_COUNT)
            return CES_ERR_INVALID;
    return CES_OK;
}

/* The qualitative row of every scored company (a rolled-up entity's row is
 * ignored: the parent is assessed). */
static ces_status add_qualitative(const rollup_ctx *c, sc_rollup *ru)
{
    const ces_dataset *ds = c->ds;
    for (size_t r = 0; r < ds->n_qualitative; r++) {
        long i = find_company(c, ds->qualitative[r].code);
        if (i < 0)
            return CES_ERR_INVALID;
        if (c->target[i] == i && c->slot[i] >= 0)
            ru->agg[c->slot[i]].qual = &ds->qualitative[r];
    }
    for (size_t s = 0; s < ru->n; s++)
        if (!ru->agg[s].qual)
            return CES_ERR_INVALID;
    return CES_OK;
}

static ces_status add_inputs(const rollup_ctx *c, sc_rollup *ru)
{
    ces_status st = check_deductions(c->ds);
    if (st == CES_OK)
        st = add_rows(c, ru, CES_FILE_COMPLAINTS, add_complaints);
    if (st == CES_OK)
        st = add_each(c, ru, &CES_REC_CASE_COUNT, c->ds->cases.counts, c->ds->cases.n_counts,
                      add_case_count);
    if (st == CES_OK)
        st = add_rows(c, ru, CES_FILE_STATISTICS, add_statistics);
    if (st == CES_OK)
        st = add_rows(c, ru, CES_FILE_MEDIATION, add_mediation);
    if (st == CES_OK)
        st = add_rows(c, ru, CES_FILE_DEDUCTIONS, add_deduction);
    return st == CES_OK ? add_qualitative(c, ru) : st;
}

/* docs/method.md §6.2.1: prior.csv (rolled up) wins over the archive's figures. */
static ces_status add_prior(const rollup_ctx *c, const ces_config *cfg, const ces_prior_archive *archive,
                            sc_rollup *ru)
{
    const ces_dataset *ds = c->ds;
    ces_period_format(ces_period_prior(ds->period, cfg->prior_rule), ru->prior_period);
    if (ds->files[CES_FILE_PRIOR].present) {
        ru->prior_source = CES_PRIOR_SOURCE_CSV;
        return add_rows(c, ru, CES_FILE_PRIOR, add_prior_row);
    }
    if (!archive)
        return CES_OK;
    ru->prior_source = CES_PRIOR_SOURCE_ARCHIVE;
    ru->prior_run_id = archive->run_id;
    if (archive->period[0])
        snprintf(ru->prior_period, sizeof ru->prior_period, "%.7s", archive->period);
    for (size_t s = 0; s < ru->n; s++) {
        sc_agg *a = &ru->agg[s];
        const char *code = ds->companies[a->company].code;
        for (size_t r = 0; r < archive->n; r++) {
            if (archive->rows[r].code && strcmp(archive->rows[r].code, code) == 0) {
                a->has_prior = 1;
                a->prior_total = archive->rows[r].total;
                a->prior_premium_wan = archive->rows[r].premium_wan;
                break;
            }
        }
    }
    return CES_OK;
}

static int cmp_code_slot(const void *a, const void *b)
{
    return strcmp(((const sc_code_slot *)a)->code, ((const sc_code_slot *)b)->code);
}

/* Every code's slot, for what is added after the roll-up (score_cases.c). */
static ces_status keep_slots(const rollup_ctx *c, sc_rollup *ru)
{
    size_t n = c->ds->n_companies;
    if (!(ru->by_code = calloc(n ? n : 1, sizeof *ru->by_code)))
        return CES_ERR_NOMEM;
    for (size_t i = 0; i < n; i++)
        ru->by_code[i] = (sc_code_slot){c->ds->companies[i].code, c->slot[i]};
    ru->n_codes = n;
    if (n)
        qsort(ru->by_code, n, sizeof *ru->by_code, cmp_code_slot);
    return CES_OK;
}

long sc_rollup_slot(const sc_rollup *ru, const char *code)
{
    sc_code_slot key = {code, 0};
    const sc_code_slot *hit = code && ru->n_codes
                                  ? bsearch(&key, ru->by_code, ru->n_codes, sizeof key, cmp_code_slot)
                                  : NULL;
    return hit ? hit->slot : -2;
}

static ces_status build(rollup_ctx *c, const ces_config *cfg, const ces_prior_archive *archive,
                        sc_rollup *ru)
{
    const ces_dataset *ds = c->ds;
    ces_status st;
    for (size_t i = 0; i < ds->n_companies; i++) {
        if (!ds->companies[i].code)
            return CES_ERR_INVALID;
        c->ix[i].code = ds->companies[i].code;
        c->ix[i].idx = i;
    }
    if (ds->n_companies)
        qsort(c->ix, ds->n_companies, sizeof *c->ix, cmp_code);
    if ((st = resolve_targets(c)) != CES_OK || (st = assign_slots(c, ru)) != CES_OK ||
        (st = collect_children(c, ru)) != CES_OK || (st = add_inputs(c, ru)) != CES_OK)
        return st;
    if ((st = keep_slots(c, ru)) != CES_OK)
        return st;
    return add_prior(c, cfg, archive, ru);
}

ces_status sc_rollup_build(const ces_dataset *ds, const ces_config *cfg,
                           const ces_prior_archive *archive, sc_rollup *ru)
{
    size_t n = ds->n_companies ? ds->n_companies : 1;
    rollup_ctx c = {ds, calloc(n, sizeof(code_ix)), calloc(n, sizeof(long)), calloc(n, sizeof(long))};
    ces_status st = CES_ERR_NOMEM;

    memset(ru, 0, sizeof *ru);
    if (c.ix && c.target && c.slot)
        st = build(&c, cfg, archive, ru);
    free(c.ix);
    free(c.target);
    free(c.slot);
    if (st != CES_OK)
        sc_rollup_free(ru);
    return st;
}

void sc_rollup_free(sc_rollup *ru)
{
    if (!ru)
        return;
    for (size_t s = 0; ru->agg && s < ru->n; s++) {
        for (size_t k = 0; k < ru->agg[s].n_children; k++)
            free(ru->agg[s].children[k]);
        free(ru->agg[s].children);
    }
    free(ru->agg);
    free(ru->by_code);
    ces_record_free_array(&CES_REC_EXCLUDED, ru->excluded, ru->n_excluded);
    memset(ru, 0, sizeof *ru);
}
