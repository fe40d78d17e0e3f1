/* The figures beyond a run's own (docs/method.md §13, §14), checked against
 * full runs: each company's rank sensitivity equals a full score of the
 * inputs with that complaint changed; a self-check of one company's rows
 * against the published figures equals its official figures; the median
 * with one value replaced equals the median of the changed values sorted. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/ingest.h"
#include "cescore/results.h"
#include "cescore/score.h"
#include "cli_env.h"
#include "score_volume.h"

static ces_config cfg;
static ces_dataset sample; /* fixtures/sample/2024H1-with-prior */
static ces_results official;

static const char *path_join(const char *env, const char *a)
{
    static char buf[4096];
    const char *root = getenv(env);
    ck_assert_msg(root != NULL, "%s not set", env);
    snprintf(buf, sizeof buf, "%s/%s", root, a);
    return buf;
}

static void setup(void)
{
    ces_diags d;
    ces_columns *cols = NULL;
    ces_diags_init(&d);
    ck_assert_int_eq(cli_config_read(path_join("CES_CONFIG_DIR", "shanghai-2018.json"), &cfg, &d),
                     CES_OK);
    ck_assert_int_eq(ces_columns_load(path_join("CES_CONFIG_DIR", "columns.json"), &cols, &d), CES_OK);
    ces_period p = {2024, CES_PERIOD_H1};
    ck_assert_int_eq(ces_ingest_bundle(path_join("CES_FIXTURES", "sample/2024H1-with-prior"), p, &cfg,
                                       cols, &sample, &d),
                     CES_OK);
    ck_assert_int_eq(ces_score(&sample, &cfg, NULL, &official), CES_OK);
    ck_assert_int_eq(official.derived, 1); /* with its derived figures, ... */
    size_t n = official.n_companies;
    ces_company_result *scored = malloc(n * sizeof *scored);
    ck_assert_ptr_nonnull(scored);
    memcpy(scored, official.companies, n * sizeof *scored);
    official.derived = 0;
    ck_assert_int_eq(ces_score_derive(&sample, &cfg, NULL, &official), CES_OK);
    ck_assert_int_eq(official.derived, 1);
    for (size_t i = 0; i < n; i++) { /* ... the ones ces_score_derive gives a stored run */
        const ces_company_result *a = &scored[i], *b = &official.companies[i];
        ck_assert_int_eq(memcmp(&a->fewer, &b->fewer, sizeof a->fewer), 0);
        ck_assert_int_eq(memcmp(&a->more, &b->more, sizeof a->more), 0);
        for (int k = 0; k < CES_IND_COUNT; k++)
            ck_assert_int_eq(a->ind[k].small_base, b->ind[k].small_base);
    }
    free(scored);
    ces_columns_free(cols);
    ces_diags_free(&d);
}

static void teardown(void)
{
    ces_results_free(&official);
    ces_dataset_free(&sample);
    ces_config_free(&cfg);
}

static const ces_company_result *find(const ces_results *r, const char *code)
{
    for (size_t i = 0; i < r->n_companies; i++)
        if (!strcmp(r->companies[i].code, code))
            return &r->companies[i];
    return NULL;
}

static ces_complaints_row *own_complaints(ces_dataset *ds, const char *code)
{
    for (size_t i = 0; i < ds->n_complaints; i++)
        if (!strcmp(ds->complaints[i].code, code))
            return &ds->complaints[i];
    return NULL;
}

/* The rolled-up counts of c: its own row and its children's. */
static void rolled_up(const ces_dataset *ds, const ces_company_result *c, ces_complaints_row *sum)
{
    memset(sum, 0, sizeof *sum);
    for (size_t i = 0; i < ds->n_complaints; i++) {
        const ces_complaints_row *r = &ds->complaints[i];
        int mine = !strcmp(r->code, c->code);
        for (size_t k = 0; k < c->n_children && !mine; k++)
            mine = !strcmp(r->code, c->children[k]);
        if (!mine)
            continue;
        sum->total += r->total;
        sum->motor += r->motor;
        sum->nonmotor += r->nonmotor;
        sum->withdrawn += r->withdrawn;
        sum->transferred += r->transferred;
        sum->on_time += r->on_time;
    }
}

static int64_t min64(int64_t a, int64_t b) { return a < b ? a : b; }

/* One side of c's sensitivity replayed as an edit of its own complaints row
 * (the rule of docs/method.md §13 on the rolled-up counts), scored in full.
 * Returns 0 when the own row cannot take the change (then nothing is checked). */
static int replay(ces_dataset *ds, const ces_company_result *c, const ces_sensitivity *s, int more,
                  const ces_results *base)
{
    ces_complaints_row *row = own_complaints(ds, c->code), keep, sum;
    if (!row)
        return 0;
    keep = *row;
    rolled_up(ds, c, &sum);
    int64_t d = more ? 1 : -1, total = sum.total + d;
    row->total += d;
    row->motor += s->line == CES_LINE_MOTOR ? d : 0;
    row->nonmotor += s->line == CES_LINE_NONMOTOR ? d : 0;
    row->withdrawn -= sum.withdrawn - min64(sum.withdrawn, total);
    row->transferred -= sum.transferred - min64(sum.transferred, total);
    row->on_time -= sum.on_time - min64(sum.on_time, min64(sum.transferred, total));
    int valid = row->total >= 0 && row->motor >= 0 && row->nonmotor >= 0 && row->withdrawn >= 0 &&
                row->transferred >= 0 && row->on_time >= 0 && row->withdrawn <= row->total &&
                row->transferred <= row->total && row->on_time <= row->transferred;
    if (valid) {
        ces_results r;
        ck_assert_int_eq(ces_score(ds, &cfg, NULL, &r), CES_OK);
        const ces_company_result *e = find(&r, c->code);
        ck_assert_ptr_nonnull(e);
        ck_assert_msg(e->total == s->total, "%s %s: sensitivity %.17g, full run %.17g", c->code,
                      more ? "more" : "fewer", s->total, e->total);
        int above = 0; /* peers fixed: the others' totals of the base run */
        for (size_t i = 0; i < base->n_companies; i++)
            above += base->companies[i].group == c->group && strcmp(base->companies[i].code, c->code) &&
                     base->companies[i].total > e->total;
        ck_assert_int_eq(s->rank, 1 + above);
        ces_results_free(&r);
    }
    *row = keep;
    return valid;
}

/* Every company of the sample, both sides: the O(log n) figures equal a run. */
START_TEST(test_sensitivity_equals_full_runs)
{
    int checked = 0, moved = 0;
    for (size_t i = 0; i < official.n_companies; i++) {
        const ces_company_result *c = &official.companies[i];
        ck_assert(c->more.exists);
        checked += replay(&sample, c, &c->more, 1, &official);
        moved += c->more.total != c->total;
        if (c->fewer.exists) {
            checked += replay(&sample, c, &c->fewer, 0, &official);
            ck_assert_int_eq(c->group == CES_GROUP_PC, c->fewer.line != CES_LINE_TOTAL);
        } else {
            ck_assert_double_eq(c->complaints_total, 0);
        }
    }
    ck_assert_int_ge(checked, 170); /* 90 companies, both sides: few rows cannot take a change */
    ck_assert_int_ge(moved, 45);    /* and the change matters */
}
END_TEST

/* pc: the complaint is of the line with the larger premium; a company
 * without motor premium gets a non-motor one. */
START_TEST(test_sensitivity_line)
{
    const ces_company_result *c = find(&official, "SH-PC-027"); /* no motor premium */
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->more.line, CES_LINE_NONMOTOR);
    ck_assert_int_eq(c->fewer.line, CES_LINE_NONMOTOR);
    ck_assert(c->more.total <= c->total && c->fewer.total >= c->total);
}
END_TEST

/* Derived figures are compared only when both results carry them, and then
 * every one. */
START_TEST(test_derived_compared_when_both_have_them)
{
    ces_results r;
    ck_assert_int_eq(ces_score(&sample, &cfg, NULL, &r), CES_OK);
    /* as a run loaded from the archive: its figures without the derived ones */
    r.derived = 0;
    for (size_t i = 0; i < r.n_companies; i++) {
        memset(&r.companies[i].fewer, 0, sizeof r.companies[i].fewer);
        memset(&r.companies[i].more, 0, sizeof r.companies[i].more);
        for (int k = 0; k < CES_IND_COUNT; k++)
            r.companies[i].ind[k].small_base = 0;
    }
    ck_assert_int_eq(r.companies[0].more.exists, 0);
    ck_assert_uint_eq(ces_results_compare(&official, &r, NULL, NULL), 0); /* not compared */
    ck_assert_int_eq(ces_score_derive(&sample, &cfg, NULL, &r), CES_OK);
    ck_assert_uint_eq(ces_results_compare(&official, &r, NULL, NULL), 0);
    r.companies[0].more.rank++;
    r.companies[1].ind[CES_IND_PC_MOTOR_PREMIUM].small_base ^= 1;
    ck_assert_uint_eq(ces_results_compare(&official, &r, NULL, NULL), 2);
    ces_results_free(&r);
}
END_TEST

/* small_base: an applicable volume indicator whose denominator is below its
 * floor (1 with the shipped config); not one that does not apply. */
START_TEST(test_small_base)
{
    int flagged = 0;
    for (size_t i = 0; i < official.n_companies; i++)
        for (int k = 0; k < CES_IND_COUNT; k++) {
            const ces_ind_result *x = &official.companies[i].ind[k];
            int want = ces_ind_kind((ces_ind)k) == CES_KIND_VOLUME && x->present && x->applicable &&
                       x->denominator < 1;
            ck_assert_int_eq(x->small_base, want);
            flagged += want;
        }
    ck_assert_int_ge(flagged, 5);
}
END_TEST

/* The sample with only one company's rows (its own and its children's). */
static void subset(const ces_company_result *c, ces_dataset *out)
{
    memset(out, 0, sizeof *out);
    out->period = sample.period;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        size_t n, m = 0;
        const ces_record *rec = ces_dataset_record((ces_file_kind)k);
        char *rows = ces_dataset_rows(&sample, (ces_file_kind)k, &n);
        out->files[k].present = sample.files[k].present;
        if (!rec || !rows)
            continue;
        char *mine = calloc(n ? n : 1, rec->size);
        ck_assert_ptr_nonnull(mine);
        for (size_t i = 0; i < n; i++) {
            const char *code = ces_dataset_row_code((ces_file_kind)k, rows + i * rec->size);
            int keep = !strcmp(code, c->code);
            for (size_t j = 0; j < c->n_children && !keep; j++)
                keep = !strcmp(code, c->children[j]);
            if (keep)
                memcpy(mine + m++ * rec->size, rows + i * rec->size, rec->size);
        }
        ces_dataset_set_rows(out, (ces_file_kind)k, mine, m);
    }
}

/* Frees the arrays of a subset, not the strings it borrows from the sample. */
static void subset_free(ces_dataset *ds)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        size_t n;
        free(ces_dataset_rows(ds, (ces_file_kind)k, &n));
    }
}

static void published(const ces_results *r, ces_published *pub, ces_published_entry *entries)
{
    memset(pub, 0, sizeof *pub);
    memcpy(pub->groups, r->groups, sizeof pub->groups);
    pub->has_industry_mediation = r->has_industry_mediation;
    pub->industry_mediation = r->industry_mediation;
    for (size_t i = 0; i < r->n_companies; i++)
        entries[i] = (ces_published_entry){r->companies[i].code, r->companies[i].group,
                                           r->companies[i].total, r->companies[i].rank};
    pub->ranking = entries;
    pub->n_ranking = r->n_companies;
}

/* Every company, scored alone against the published figures, gets every
 * official figure (docs/method.md §14). */
START_TEST(test_published_equals_official)
{
    ces_published pub;
    ces_published_entry *entries = calloc(official.n_companies, sizeof *entries);
    ck_assert_ptr_nonnull(entries);
    published(&official, &pub, entries);
    for (size_t i = 0; i < official.n_companies; i++) {
        const ces_company_result *c = &official.companies[i];
        ces_dataset one;
        ces_results r;
        subset(c, &one);
        ck_assert_int_eq(ces_score_published(&one, &cfg, &pub, &r), CES_OK);
        ck_assert_uint_eq(r.n_companies, 1);
        const ces_company_result *s = &r.companies[0];
        ck_assert_str_eq(s->code, c->code);
        ck_assert_int_eq(s->rank, c->rank);
        ck_assert_double_eq(s->total, c->total);
        ck_assert_double_eq(s->qualitative, c->qualitative);
        ck_assert_double_eq(s->quantitative, c->quantitative);
        ck_assert_uint_eq(s->flags, c->flags);
        for (int k = 0; k < CES_IND_COUNT; k++) {
            ck_assert_msg(s->ind[k].score == c->ind[k].score, "%s %s", c->code, ces_ind_id((ces_ind)k));
            ck_assert(s->ind[k].benchmark == c->ind[k].benchmark);
        }
        ck_assert_int_eq(r.groups[c->group].count, official.groups[c->group].count);
        ces_results_free(&r);
        subset_free(&one);
    }
    free(entries);
}
END_TEST

/* A company whose total rises above every published total ranks first; its
 * own published entry does not count against it. */
START_TEST(test_published_rank)
{
    ces_published pub;
    ces_published_entry *entries = calloc(official.n_companies, sizeof *entries);
    ck_assert_ptr_nonnull(entries);
    published(&official, &pub, entries);
    const ces_company_result *c = &official.companies[official.n_companies - 1]; /* the last life */
    for (size_t i = 0; i < official.n_companies; i++)
        if (!strcmp(entries[i].code, c->code))
            entries[i].total = 100; /* above it, were it counted */
    ces_dataset one;
    ces_results r;
    subset(c, &one);
    ck_assert_int_eq(ces_score_published(&one, &cfg, &pub, &r), CES_OK);
    ck_assert_int_eq(r.companies[0].rank, c->rank);
    ces_results_free(&r);
    subset_free(&one);
    free(entries);
}
END_TEST

static int cmp_double(const void *a, const void *b)
{
    double x = *(const double *)a, y = *(const double *)b;
    return (x > y) - (x < y);
}

/* The median with one value replaced, against a sort of the changed values:
 * odd and even counts, duplicates, zeros (the pooled fallback). */
START_TEST(test_median_replaced)
{
    unsigned seed = 7;
    for (int round = 0; round < 2000; round++) {
        size_t n = 1 + (size_t)(rand_r(&seed) % 9);
        double x[16], y[16];
        for (size_t i = 0; i < n; i++)
            x[i] = (double)(rand_r(&seed) % 4) / 2.0;
        qsort(x, n, sizeof *x, cmp_double);
        sc_vol_set s = {x, n, 10, 40};
        size_t p = (size_t)rand_r(&seed) % n;
        double v = (double)(rand_r(&seed) % 4) / 2.0;
        memcpy(y, x, n * sizeof *x);
        y[p] = v;
        qsort(y, n, sizeof *y, cmp_double);
        double want = n % 2 ? y[n / 2] : (y[n / 2 - 1] + y[n / 2]) / 2.0;
        if (want == 0)
            want = (10 + 1.0) / 40;
        ck_assert_double_eq(sc_vol_benchmark_replaced(&s, x[p], v, 1), want);
    }
}
END_TEST

int main(void)
{
    Suite *s = suite_create("derive");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_sensitivity_equals_full_runs);
    tcase_add_test(tc, test_sensitivity_line);
    tcase_add_test(tc, test_derived_compared_when_both_have_them);
    tcase_add_test(tc, test_small_base);
    tcase_add_test(tc, test_published_equals_official);
    tcase_add_test(tc, test_published_rank);
    tcase_add_test(tc, test_median_replaced);
    suite_add_tcase(s, tc);
    SRunner *sr = srunner_create(s);
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
