/* score: datasets built by hand in C (no ingest), the shipped config, and the
 * figures of docs/method.md checked one by one. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/results.h"
#include "cescore/score.h"
#include "cli_env.h"

#define TOL 1e-9
#define OPEN_OK 20100101 /* eligible for 2024H1 */

/* ---- helpers: config, dataset construction ---------------------------- */

static void load_config(ces_config *cfg)
{
    const char *dir = getenv("CES_CONFIG_DIR");
    char path[4096];
    ces_diags d;
    ck_assert_msg(dir != NULL, "CES_CONFIG_DIR is not set");
    snprintf(path, sizeof path, "%s/shanghai-2018.json", dir);
    ces_diags_init(&d);
    ck_assert_int_eq(cli_config_read(path, cfg, &d), CES_OK);
    ces_diags_free(&d);
}

static void *grow(void *arr, size_t n, size_t size)
{
    char *p = realloc(arr, (n + 1) * size);
    ck_assert_ptr_nonnull(p);
    memset(p + n * size, 0, size);
    return p;
}

static char *dup(const char *s)
{
    char *p = s ? strdup(s) : NULL;
    ck_assert(!s || p);
    return p;
}

static void ds_init(ces_dataset *ds)
{
    memset(ds, 0, sizeof *ds);
    ds->period.year = 2024;
    ds->period.kind = CES_PERIOD_H1;
}

/* The dataset's strings are malloc'ed like ingest's, so the engine's own
 * destructor frees them. */
static void ds_free(ces_dataset *ds) { ces_dataset_free(ds); }

static void add_company(ces_dataset *ds, const char *code, ces_group g, ces_org_type t,
                        const char *parent, int open_date)
{
    ds->companies = grow(ds->companies, ds->n_companies, sizeof *ds->companies);
    ces_company *c = &ds->companies[ds->n_companies++];
    c->code = dup(code);
    c->name = dup(code);
    c->group = g;
    c->org_type = t;
    c->parent_code = dup(parent);
    c->open_date = open_date;
}

static ces_complaints_row *add_complaints(ces_dataset *ds, const char *code, int64_t total,
                                          int64_t motor, int64_t withdrawn, int64_t transferred,
                                          int64_t on_time)
{
    ds->complaints = grow(ds->complaints, ds->n_complaints, sizeof *ds->complaints);
    ces_complaints_row *r = &ds->complaints[ds->n_complaints++];
    r->code = dup(code);
    r->total = total;
    r->motor = motor;
    r->nonmotor = total - motor;
    r->withdrawn = withdrawn;
    r->transferred = transferred;
    r->on_time = on_time;
    return r;
}

/* premium split into motor/non-motor; policies and persons are bases: half
 * prior in force, half new (the engine must add both). */
static ces_statistics_row *add_stats(ces_dataset *ds, const char *code, double motor_wan,
                                     double nonmotor_wan, int64_t nonmotor_policies, int64_t policies,
                                     int64_t persons)
{
    ds->statistics = grow(ds->statistics, ds->n_statistics, sizeof *ds->statistics);
    ces_statistics_row *r = &ds->statistics[ds->n_statistics++];
    r->code = dup(code);
    r->motor_premium_wan = motor_wan;
    r->nonmotor_premium_wan = nonmotor_wan;
    r->premium_wan = motor_wan + nonmotor_wan;
    r->nonmotor_policies = nonmotor_policies;
    r->prior_inforce_policies = policies / 2;
    r->new_policies = policies - policies / 2;
    r->prior_inforce_persons = persons / 2;
    r->new_persons = persons - persons / 2;
    return r;
}

/* missing_sys / missing_mech: bit i = item i not established. */
static void add_qual(ces_dataset *ds, const char *code, unsigned missing_sys, unsigned missing_mech)
{
    ds->qualitative = grow(ds->qualitative, ds->n_qualitative, sizeof *ds->qualitative);
    ces_qualitative_row *r = &ds->qualitative[ds->n_qualitative++];
    r->code = dup(code);
    for (int i = 0; i < CES_MAX_ITEMS; i++) {
        r->established[0][i] = !(missing_sys & (1u << i));
        r->established[1][i] = !(missing_mech & (1u << i));
    }
}

static void add_mediation(ces_dataset *ds, const char *code, int64_t needed, int64_t succeeded)
{
    ds->mediation = grow(ds->mediation, ds->n_mediation, sizeof *ds->mediation);
    ces_mediation_row *r = &ds->mediation[ds->n_mediation++];
    r->code = dup(code);
    r->needed = needed;
    r->succeeded = succeeded;
}

static void add_deduction(ces_dataset *ds, const char *code, ces_ded ind, double points)
{
    ds->deductions = grow(ds->deductions, ds->n_deductions, sizeof *ds->deductions);
    ces_deduction_row *r = &ds->deductions[ds->n_deductions++];
    r->code = dup(code);
    r->indicator = ind;
    r->points = points;
    r->points_given = 1;
    r->date = 20240301;
}

static void add_prior(ces_dataset *ds, const char *code, int64_t total, double premium_wan)
{
    ds->files[CES_FILE_PRIOR].present = 1;
    ds->prior = grow(ds->prior, ds->n_prior, sizeof *ds->prior);
    ces_prior_row *r = &ds->prior[ds->n_prior++];
    r->code = dup(code);
    r->total = total;
    r->premium_wan = premium_wan;
}

/* A pc branch with typical figures: 10 complaints (6 motor, 4 non-motor),
 * 1 withdrawn, 8 transferred and on time, 1亿 motor and 1亿 non-motor premium,
 * 10,000 non-motor policies, every item established. */
static void base_pc(ces_dataset *ds, const char *code)
{
    add_company(ds, code, CES_GROUP_PC, CES_ORG_BRANCH, NULL, OPEN_OK);
    add_complaints(ds, code, 10, 6, 1, 8, 8);
    add_stats(ds, code, 10000, 10000, 10000, 0, 0);
    add_qual(ds, code, 0, 0);
}

/* A life branch: 10 complaints, 1 withdrawn, 8 transferred and on time, 1亿
 * premium, 10,000 policies, 20,000 persons. */
static void base_life(ces_dataset *ds, const char *code)
{
    add_company(ds, code, CES_GROUP_LIFE, CES_ORG_BRANCH, NULL, OPEN_OK);
    add_complaints(ds, code, 10, 0, 1, 8, 8);
    add_stats(ds, code, 0, 10000, 0, 10000, 20000);
    ds->statistics[ds->n_statistics - 1].nonmotor_premium_wan = 0;
    ds->statistics[ds->n_statistics - 1].premium_wan = 10000;
    add_qual(ds, code, 0, 0);
}

/* A pc company with motor complaints over motor premium given (non-motor as base). */
static void pc_motor(ces_dataset *ds, const char *code, int64_t motor, double motor_wan)
{
    add_company(ds, code, CES_GROUP_PC, CES_ORG_BRANCH, NULL, OPEN_OK);
    add_complaints(ds, code, motor + 4, motor, 0, 0, 0);
    add_stats(ds, code, motor_wan, 10000, 10000, 0, 0);
    add_qual(ds, code, 0, 0);
}

static ces_company_result *find(ces_results *r, const char *code)
{
    for (size_t i = 0; i < r->n_companies; i++)
        if (strcmp(r->companies[i].code, code) == 0)
            return &r->companies[i];
    ck_abort_msg("company %s not in the results", code);
    return NULL;
}

static const ces_excluded *find_excluded(const ces_results *r, const char *code)
{
    for (size_t i = 0; i < r->n_excluded; i++)
        if (strcmp(r->excluded[i].code, code) == 0)
            return &r->excluded[i];
    return NULL;
}

static void score_ok(const ces_dataset *ds, const ces_config *cfg, const ces_prior_archive *archive,
                     ces_results *r)
{
    ck_assert_int_eq(ces_score(ds, cfg, archive, r), CES_OK);
}

/* ---- rounding --------------------------------------------------------- */

START_TEST(test_rounding)
{
    ck_assert_double_eq(ces_round(0.125, 2, 1e-9), 0.13);
    ck_assert_double_eq(ces_round(1.005, 2, 1e-9), floor(1.005 * 100 + 0.5 + 1e-9) / 100);
    ck_assert_double_eq(ces_round(1.005, 2, 1e-9), 1.01);
    ck_assert_double_eq(ces_round(1.005, 2, 0), 1.0); /* the epsilon is what saves it */
    ck_assert_double_eq(ces_round(2.675, 2, 1e-9), 2.68);
    ck_assert_double_eq(ces_round(-0.125, 2, 1e-9), -0.13);
    ck_assert_double_eq(ces_round(-2.675, 2, 1e-9), -2.68);
    ck_assert_double_eq(ces_round(13.333333333, 2, 1e-9), 13.33);
    ck_assert_double_eq(ces_round(0.004999, 2, 1e-9), 0.0);
    ck_assert_double_eq(ces_round(1.0049999, 2, 1e-9), 1.0);
    ck_assert_double_eq(ces_round(0.1 + 0.2, 2, 1e-9), 0.3);
    ck_assert_double_eq(ces_round(76.428571, 2, 1e-9), 76.43);
    ck_assert_double_eq(ces_round(2.5, 0, 1e-9), 3.0);
    ck_assert_double_eq(ces_round(0, 2, 1e-9), 0.0);
}
END_TEST

/* ---- volume ----------------------------------------------------------- */

START_TEST(test_worked_example)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    pc_motor(&ds, "A", 1, 20000); /* 0.5 per 亿 */
    pc_motor(&ds, "B", 1, 10000); /* 1.0 */
    pc_motor(&ds, "C", 2, 10000); /* 2.0 */
    pc_motor(&ds, "D", 4, 10000); /* 4.0 */
    score_ok(&ds, &cfg, NULL, &r);

    ck_assert(r.groups[CES_GROUP_PC].has_benchmark[CES_IND_PC_MOTOR_PREMIUM]);
    ck_assert_double_eq_tol(r.groups[CES_GROUP_PC].benchmark[CES_IND_PC_MOTOR_PREMIUM], 1.5, TOL);
    ck_assert(!r.groups[CES_GROUP_LIFE].has_benchmark[CES_IND_LIFE_PREMIUM]);

    const ces_ind_result *m = &find(&r, "B")->ind[CES_IND_PC_MOTOR_PREMIUM];
    ck_assert(m->present && m->applicable && m->has_value);
    ck_assert_double_eq_tol(m->numerator, 1, TOL);
    ck_assert_double_eq_tol(m->denominator, 1, TOL);
    ck_assert_double_eq_tol(m->value, 1.0, TOL);
    ck_assert_double_eq_tol(m->benchmark, 1.5, TOL);
    ck_assert_double_eq_tol(m->raw, 20.0 * (1 - 1.0 / 3.0), 1e-12);
    ck_assert_double_eq(m->score, 13.33);
    ck_assert_double_eq_tol(m->weight, 20, TOL);
    ck_assert_double_eq_tol(m->effective_weight, 20, TOL);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 16.67);
    ck_assert_double_eq(find(&r, "C")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 6.67);
    ck_assert_double_eq(find(&r, "D")->ind[CES_IND_PC_MOTOR_PREMIUM].raw, 0);
    ck_assert_double_eq(find(&r, "D")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 0);

    /* non-motor: every company at 4 per 亿 and 4 per 万 (B = 4): half marks */
    const ces_company_result *b = find(&r, "B");
    ck_assert_double_eq(b->ind[CES_IND_PC_NONMOTOR_PREMIUM].score, 2.5);
    ck_assert_double_eq(b->ind[CES_IND_PC_NONMOTOR_POLICIES].score, 2.5);
    ck_assert_double_eq(b->volume_block, 18.33);
    ck_assert_uint_eq(b->flags & CES_FLAG_NO_VOLUME, 0);
    /* the other group's indicators are not present */
    ck_assert(!b->ind[CES_IND_LIFE_PREMIUM].present);
    ck_assert_double_eq(b->ind[CES_IND_LIFE_PREMIUM].score, 0);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_median_odd)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    pc_motor(&ds, "A", 9, 10000);
    pc_motor(&ds, "B", 1, 10000);
    pc_motor(&ds, "C", 2, 10000);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_double_eq_tol(r.groups[CES_GROUP_PC].benchmark[CES_IND_PC_MOTOR_PREMIUM], 2.0, TOL);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 0);
    ck_assert_double_eq(find(&r, "B")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 15);
    ck_assert_double_eq(find(&r, "C")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 10);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_median_even_not_applicable_ignored)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    pc_motor(&ds, "A", 1, 10000);
    pc_motor(&ds, "B", 3, 10000);
    pc_motor(&ds, "C", 0, 0); /* no motor business: not in the median */
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_double_eq_tol(r.groups[CES_GROUP_PC].benchmark[CES_IND_PC_MOTOR_PREMIUM], 2.0, TOL);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 15);
    ck_assert_double_eq(find(&r, "B")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 5);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_pooled_fallback)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    pc_motor(&ds, "A", 0, 10000);
    pc_motor(&ds, "B", 0, 10000);
    pc_motor(&ds, "C", 0, 10000);
    pc_motor(&ds, "D", 3, 10000);
    score_ok(&ds, &cfg, NULL, &r);
    /* median (0 + 0) / 2 = 0 -> pooled 3 / 4 */
    ck_assert_double_eq_tol(r.groups[CES_GROUP_PC].benchmark[CES_IND_PC_MOTOR_PREMIUM], 0.75, TOL);
    ck_assert_double_eq_tol(find(&r, "A")->ind[CES_IND_PC_MOTOR_PREMIUM].benchmark, 0.75, TOL);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 20);
    ck_assert_double_eq(find(&r, "D")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 0);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_all_zero_full_marks)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    pc_motor(&ds, "A", 0, 10000);
    pc_motor(&ds, "B", 0, 20000);
    pc_motor(&ds, "C", 0, 0);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert(r.groups[CES_GROUP_PC].has_benchmark[CES_IND_PC_MOTOR_PREMIUM]);
    ck_assert_double_eq(r.groups[CES_GROUP_PC].benchmark[CES_IND_PC_MOTOR_PREMIUM], 0);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_PC_MOTOR_PREMIUM].raw, 20);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 20);
    ck_assert_double_eq(find(&r, "B")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 20);
    ck_assert(!find(&r, "C")->ind[CES_IND_PC_MOTOR_PREMIUM].applicable);
    ck_assert_double_eq(find(&r, "C")->ind[CES_IND_PC_MOTOR_PREMIUM].score, 0);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_reweighting)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_pc(&ds, "A");
    base_pc(&ds, "B");
    pc_motor(&ds, "N", 0, 0); /* no motor business */
    score_ok(&ds, &cfg, NULL, &r);
    const ces_company_result *n = find(&r, "N");
    const ces_ind_result *mot = &n->ind[CES_IND_PC_MOTOR_PREMIUM];
    ck_assert(mot->present && !mot->applicable && !mot->has_value);
    ck_assert_double_eq(mot->score, 0);
    ck_assert_double_eq(mot->effective_weight, 0);
    /* non-motor at the benchmark: raw 2.5 each, scaled 30 / 10 */
    const ces_ind_result *np = &n->ind[CES_IND_PC_NONMOTOR_PREMIUM];
    ck_assert_double_eq_tol(np->raw, 2.5, TOL);
    ck_assert_double_eq_tol(np->effective_weight, 15, TOL);
    ck_assert_double_eq(np->score, 7.5);
    ck_assert_double_eq(n->ind[CES_IND_PC_NONMOTOR_POLICIES].score, 7.5);
    ck_assert_double_eq(n->volume_block, 15);
    ck_assert_uint_eq(n->flags & CES_FLAG_NO_VOLUME, 0);
    /* a company with all three: effective weights unchanged */
    ck_assert_double_eq_tol(find(&r, "A")->ind[CES_IND_PC_MOTOR_PREMIUM].effective_weight, 20, TOL);
    ck_assert_double_eq(find(&r, "A")->volume_block, 15);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_no_volume)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_life(&ds, "L1");
    add_company(&ds, "L0", CES_GROUP_LIFE, CES_ORG_BRANCH, NULL, OPEN_OK);
    add_complaints(&ds, "L0", 0, 0, 0, 0, 0);
    add_stats(&ds, "L0", 0, 0, 0, 0, 0);
    add_qual(&ds, "L0", 0, 0);
    add_company(&ds, "L5", CES_GROUP_LIFE, CES_ORG_BRANCH, NULL, OPEN_OK);
    add_complaints(&ds, "L5", 5, 0, 0, 0, 0);
    add_stats(&ds, "L5", 0, 0, 0, 0, 0);
    add_qual(&ds, "L5", 0, 0);
    score_ok(&ds, &cfg, NULL, &r);
    const ces_company_result *l0 = find(&r, "L0"), *l5 = find(&r, "L5"), *l1 = find(&r, "L1");
    ck_assert(l0->flags & CES_FLAG_NO_VOLUME);
    ck_assert_double_eq(l0->volume_block, 30);
    ck_assert(l5->flags & CES_FLAG_NO_VOLUME);
    ck_assert_double_eq(l5->volume_block, 0);
    ck_assert_uint_eq(l1->flags & CES_FLAG_NO_VOLUME, 0);
    /* L1 alone applies: it is the median, half marks on each */
    ck_assert_double_eq(l1->volume_block, 15);
    ck_assert_double_eq_tol(l1->ind[CES_IND_LIFE_PERSONS].denominator, 2, TOL);
    ck_assert_double_eq_tol(l1->ind[CES_IND_LIFE_POLICIES].denominator, 1, TOL);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

/* ---- change rate ------------------------------------------------------ */

/* pc company with total complaints and premium given (half motor, half non-motor). */
static void pc_total(ces_dataset *ds, const char *code, int64_t total, double premium_wan)
{
    add_company(ds, code, CES_GROUP_PC, CES_ORG_BRANCH, NULL, OPEN_OK);
    add_complaints(ds, code, total, total / 2, 0, 0, 0);
    add_stats(ds, code, premium_wan / 2, premium_wan / 2, 1000, 0, 0);
    add_qual(ds, code, 0, 0);
}

START_TEST(test_change_rate_branches)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    pc_total(&ds, "HALF", 15, 10000);
    add_prior(&ds, "HALF", 10, 10000); /* c = 0.5 */
    pc_total(&ds, "DOWN", 5, 10000);
    add_prior(&ds, "DOWN", 10, 10000); /* c = -0.5 */
    pc_total(&ds, "DBL", 40, 10000);
    add_prior(&ds, "DBL", 10, 10000); /* c = 3 */
    pc_total(&ds, "ZZ", 0, 10000);
    add_prior(&ds, "ZZ", 0, 10000); /* 0 -> 0 */
    pc_total(&ds, "INF", 3, 10000);
    add_prior(&ds, "INF", 0, 10000); /* 0 -> +inf */
    pc_total(&ds, "NOPREM", 3, 0);
    add_prior(&ds, "NOPREM", 0, 0);     /* both missing */
    pc_total(&ds, "NOPRIOR", 3, 10000); /* absent */
    pc_total(&ds, "PRIOR0", 3, 10000);
    add_prior(&ds, "PRIOR0", 5, 0); /* prior premium 0 */
    score_ok(&ds, &cfg, NULL, &r);

    ck_assert_int_eq(r.prior_source, CES_PRIOR_SOURCE_CSV);
    ck_assert_str_eq(ces_prior_source_id(r.prior_source), "prior.csv");
    ck_assert_str_eq(r.prior_period, "2023H1");
    ck_assert_int_eq(r.prior_run_id, 0);

    const ces_ind_result *c = &find(&r, "HALF")->ind[CES_IND_CHANGE_RATE];
    ck_assert(c->has_current && c->has_prior && c->has_value && !c->value_inf);
    ck_assert_double_eq_tol(c->current, 15, TOL);
    ck_assert_double_eq_tol(c->prior, 10, TOL);
    ck_assert_double_eq_tol(c->value, 0.5, TOL);
    ck_assert_double_eq(c->score, 5);
    ck_assert_uint_eq(find(&r, "HALF")->flags & (CES_FLAG_NO_PRIOR | CES_FLAG_NO_PREMIUM), 0);

    c = &find(&r, "DOWN")->ind[CES_IND_CHANGE_RATE];
    ck_assert_double_eq_tol(c->value, -0.5, TOL);
    ck_assert_double_eq(c->score, 10);
    ck_assert_double_eq(find(&r, "DBL")->ind[CES_IND_CHANGE_RATE].score, 0);

    c = &find(&r, "ZZ")->ind[CES_IND_CHANGE_RATE];
    ck_assert(c->has_value && !c->value_inf);
    ck_assert_double_eq(c->value, 0);
    ck_assert_double_eq(c->score, 10);

    c = &find(&r, "INF")->ind[CES_IND_CHANGE_RATE];
    ck_assert(c->value_inf);
    ck_assert(c->has_prior && c->prior == 0);
    ck_assert_double_eq(c->score, 0);

    const ces_company_result *np = find(&r, "NOPREM");
    ck_assert(np->flags & CES_FLAG_NO_PREMIUM);
    ck_assert_uint_eq(np->flags & CES_FLAG_NO_PRIOR, 0);
    ck_assert(!np->ind[CES_IND_CHANGE_RATE].has_current);
    ck_assert_double_eq(np->ind[CES_IND_CHANGE_RATE].score, 10);

    const ces_company_result *nr = find(&r, "NOPRIOR");
    ck_assert(nr->flags & CES_FLAG_NO_PRIOR);
    ck_assert_uint_eq(nr->flags & CES_FLAG_NO_PREMIUM, 0);
    ck_assert(nr->ind[CES_IND_CHANGE_RATE].has_current);
    ck_assert(!nr->ind[CES_IND_CHANGE_RATE].has_prior);
    ck_assert_double_eq(nr->ind[CES_IND_CHANGE_RATE].score, 10);

    ck_assert(find(&r, "PRIOR0")->flags & CES_FLAG_NO_PRIOR);
    ck_assert_double_eq(find(&r, "PRIOR0")->ind[CES_IND_CHANGE_RATE].score, 10);

    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_change_rate_missing_fraction)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    cfg.ind[CES_IND_CHANGE_RATE].missing_score_fraction = 0.5;
    ds_init(&ds);
    pc_total(&ds, "A", 3, 10000);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_int_eq(r.prior_source, CES_PRIOR_SOURCE_NONE);
    ck_assert_str_eq(ces_prior_source_id(r.prior_source), "none");
    ck_assert_str_eq(r.prior_period, "2023H1");
    ck_assert(find(&r, "A")->flags & CES_FLAG_NO_PRIOR);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_CHANGE_RATE].score, 5);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_prior_precedence)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    ces_prior_figure rows[] = {{"A", 30, 10000}, {"B", 10, 10000}};
    ces_prior_archive arch = {rows, 2, 42, "2023H1"};
    load_config(&cfg);
    ds_init(&ds);
    pc_total(&ds, "A", 15, 10000);
    pc_total(&ds, "B", 15, 10000);

    /* archive only: its figures are used */
    score_ok(&ds, &cfg, &arch, &r);
    ck_assert_int_eq(r.prior_source, CES_PRIOR_SOURCE_ARCHIVE);
    ck_assert_str_eq(ces_prior_source_id(r.prior_source), "archive");
    ck_assert_int_eq(r.prior_run_id, 42);
    ck_assert_str_eq(r.prior_period, "2023H1");
    ck_assert_double_eq_tol(find(&r, "A")->ind[CES_IND_CHANGE_RATE].prior, 30, TOL);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_CHANGE_RATE].score, 10);
    ck_assert_double_eq(find(&r, "B")->ind[CES_IND_CHANGE_RATE].score, 5);
    ces_results_free(&r);

    /* prior.csv present: it wins; B is absent from it -> no_prior */
    add_prior(&ds, "A", 10, 10000);
    score_ok(&ds, &cfg, &arch, &r);
    ck_assert_int_eq(r.prior_source, CES_PRIOR_SOURCE_CSV);
    ck_assert_int_eq(r.prior_run_id, 0);
    ck_assert_double_eq_tol(find(&r, "A")->ind[CES_IND_CHANGE_RATE].prior, 10, TOL);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_CHANGE_RATE].score, 5);
    ck_assert(find(&r, "B")->flags & CES_FLAG_NO_PRIOR);
    ck_assert(!find(&r, "B")->ind[CES_IND_CHANGE_RATE].has_prior);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_prior_rule_previous_evaluation)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    cfg.prior_rule = CES_PRIOR_PREVIOUS_EVALUATION;
    ds_init(&ds);
    pc_total(&ds, "A", 3, 10000);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_str_eq(r.prior_period, "2023FY");
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

/* ---- timeliness, withdrawal, mediation ---------------------------------- */

START_TEST(test_timeliness)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_pc(&ds, "A");
    ds.complaints[0].on_time = 7; /* 7 / 8 */
    base_pc(&ds, "B");
    ds.complaints[1].transferred = 0;
    ds.complaints[1].on_time = 0;
    score_ok(&ds, &cfg, NULL, &r);
    const ces_ind_result *t = &find(&r, "A")->ind[CES_IND_TIMELINESS];
    ck_assert(t->has_value);
    ck_assert_double_eq(t->numerator, 7);
    ck_assert_double_eq(t->denominator, 8);
    ck_assert_double_eq_tol(t->value, 0.875, TOL);
    ck_assert_double_eq(t->score, 8.75);
    ck_assert_uint_eq(find(&r, "A")->flags & CES_FLAG_NONE_TRANSFERRED, 0);
    t = &find(&r, "B")->ind[CES_IND_TIMELINESS];
    ck_assert(!t->has_value);
    ck_assert_double_eq(t->score, 10);
    ck_assert(find(&r, "B")->flags & CES_FLAG_NONE_TRANSFERRED);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_withdrawal)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    pc_total(&ds, "A", 10, 10000);
    ds.complaints[0].withdrawn = 2; /* w = 0.2 */
    pc_total(&ds, "B", 10, 10000);  /* w = 0 */
    pc_total(&ds, "C", 0, 10000);   /* no complaints */
    pc_total(&ds, "D", 20, 10000);
    ds.complaints[3].withdrawn = 1; /* w = 0.05 */
    base_life(&ds, "L");            /* other group: not in the pc benchmark */
    ds.complaints[4].withdrawn = 10;
    score_ok(&ds, &cfg, NULL, &r);
    /* Bw = 3 / 40 */
    ck_assert(r.groups[CES_GROUP_PC].has_benchmark[CES_IND_WITHDRAWAL]);
    ck_assert_double_eq_tol(r.groups[CES_GROUP_PC].benchmark[CES_IND_WITHDRAWAL], 0.075, TOL);
    ck_assert_double_eq_tol(r.groups[CES_GROUP_LIFE].benchmark[CES_IND_WITHDRAWAL], 1.0, TOL);
    const ces_ind_result *w = &find(&r, "A")->ind[CES_IND_WITHDRAWAL];
    ck_assert_double_eq_tol(w->value, 0.2, TOL);
    ck_assert_double_eq_tol(w->benchmark, 0.075, TOL);
    ck_assert_double_eq(w->score, 15);
    ck_assert_double_eq(find(&r, "B")->ind[CES_IND_WITHDRAWAL].score, 0);
    ck_assert_double_eq(find(&r, "C")->ind[CES_IND_WITHDRAWAL].score, 15);
    ck_assert(find(&r, "C")->flags & CES_FLAG_NO_COMPLAINTS);
    ck_assert_uint_eq(find(&r, "A")->flags & CES_FLAG_NO_COMPLAINTS, 0);
    ck_assert_double_eq(find(&r, "D")->ind[CES_IND_WITHDRAWAL].score, 10); /* 15*0.05/0.075 */
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_withdrawal_benchmark_zero)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    pc_total(&ds, "A", 10, 10000);
    pc_total(&ds, "B", 5, 10000);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert(r.groups[CES_GROUP_PC].has_benchmark[CES_IND_WITHDRAWAL]);
    ck_assert_double_eq(r.groups[CES_GROUP_PC].benchmark[CES_IND_WITHDRAWAL], 0);
    ck_assert_double_eq(find(&r, "A")->ind[CES_IND_WITHDRAWAL].score, 15);
    ck_assert_double_eq(find(&r, "B")->ind[CES_IND_WITHDRAWAL].score, 15);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_mediation)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_pc(&ds, "P");
    base_pc(&ds, "Q");
    base_life(&ds, "L");
    add_mediation(&ds, "P", 4, 2);
    add_mediation(&ds, "L", 4, 4);
    score_ok(&ds, &cfg, NULL, &r);
    /* M over both groups: 6 / 8 */
    ck_assert(r.has_industry_mediation);
    ck_assert_double_eq_tol(r.industry_mediation, 0.75, TOL);
    ck_assert(!r.groups[CES_GROUP_PC].has_benchmark[CES_IND_MEDIATION]);
    const ces_ind_result *m = &find(&r, "P")->ind[CES_IND_MEDIATION];
    ck_assert_double_eq_tol(m->value, 0.5, TOL);
    ck_assert_double_eq_tol(m->benchmark, 0.75, TOL);
    ck_assert_double_eq(m->score, 3.33);
    ck_assert_double_eq(find(&r, "L")->ind[CES_IND_MEDIATION].score, 5);
    ck_assert_double_eq(find(&r, "Q")->ind[CES_IND_MEDIATION].score, 5);
    ck_assert(find(&r, "Q")->flags & CES_FLAG_NO_MEDIATION);
    ck_assert_uint_eq(find(&r, "P")->flags & CES_FLAG_NO_MEDIATION, 0);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_mediation_benchmark_zero)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_pc(&ds, "P");
    base_life(&ds, "L");
    add_mediation(&ds, "P", 4, 0);
    add_mediation(&ds, "L", 2, 0);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert(r.has_industry_mediation);
    ck_assert_double_eq(r.industry_mediation, 0);
    ck_assert_double_eq(find(&r, "P")->ind[CES_IND_MEDIATION].score, 5);
    ck_assert_double_eq(find(&r, "L")->ind[CES_IND_MEDIATION].score, 5);
    ck_assert_uint_eq(find(&r, "P")->flags & CES_FLAG_NO_MEDIATION, 0);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

/* ---- checklists, deductions, totals ------------------------------------ */

START_TEST(test_checklists_and_caps)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_pc(&ds, "A");
    ds.qualitative[0].established[0][8] = 0; /* sys_other: -1 */
    ds.qualitative[0].established[1][0] = 0; /* mech_responsibility: -2 */
    add_deduction(&ds, "A", CES_DED_VIOLATION, 10);
    add_deduction(&ds, "A", CES_DED_VIOLATION, 10);
    add_deduction(&ds, "A", CES_DED_VIOLATION, 5);
    add_deduction(&ds, "A", CES_DED_IMPROPER, 2);
    add_deduction(&ds, "A", CES_DED_EXECUTION, 3);
    base_pc(&ds, "Z");
    ds.qualitative[1].established[0][0] = 0;
    for (int i = 0; i < 9; i++)
        ds.qualitative[1].established[1][i] = 0;    /* 17 lost of 15: floor 0 */
    add_deduction(&ds, "Z", CES_DED_EXECUTION, 40); /* cap 30 */
    add_deduction(&ds, "Z", CES_DED_GROUP_EVENT, 15);
    add_deduction(&ds, "Z", CES_DED_NEGATIVE_MEDIA, 45);
    score_ok(&ds, &cfg, NULL, &r);

    const ces_company_result *a = find(&r, "A");
    ck_assert_double_eq(a->ind[CES_IND_QUAL_SYSTEMS].score, 14);
    ck_assert_uint_eq(a->ind[CES_IND_QUAL_SYSTEMS].missing, 1u << 8);
    ck_assert_double_eq(a->ind[CES_IND_QUAL_MECHANISMS].score, 13);
    ck_assert_uint_eq(a->ind[CES_IND_QUAL_MECHANISMS].missing, 1u);
    ck_assert_double_eq(a->ind[CES_IND_DED_VIOLATION].points, 25);
    ck_assert_double_eq(a->ind[CES_IND_DED_VIOLATION].score, 20);
    ck_assert_double_eq(a->ind[CES_IND_DED_VIOLATION].max, 20);
    ck_assert_double_eq(a->ind[CES_IND_DED_IMPROPER].score, 2);
    ck_assert_double_eq(a->ind[CES_IND_DED_EXECUTION].score, 3);
    ck_assert_double_eq(a->qualitative, 24); /* 14 + 13 - 3 */
    /* quantitative: volume 15 + change 10 + timeliness 10 + withdrawal 15 + mediation 5
     * - improper 2 - violation 20 */
    ck_assert_double_eq(a->volume_block, 15);
    ck_assert_double_eq(a->quantitative, 33);
    ck_assert_double_eq(a->total, 57);

    const ces_company_result *z = find(&r, "Z");
    ck_assert_double_eq(z->ind[CES_IND_QUAL_SYSTEMS].score, 13);
    ck_assert_double_eq(z->ind[CES_IND_QUAL_MECHANISMS].score, 0);
    ck_assert_uint_eq(z->ind[CES_IND_QUAL_MECHANISMS].missing, 0x1ffu);
    ck_assert_double_eq(z->ind[CES_IND_DED_EXECUTION].points, 40);
    ck_assert_double_eq(z->ind[CES_IND_DED_EXECUTION].score, 30);
    ck_assert_double_eq(z->ind[CES_IND_DED_NEGATIVE_MEDIA].score, 30);
    ck_assert_double_eq(z->qualitative, 0);   /* 13 + 0 - 30, floored */
    ck_assert_double_eq(z->quantitative, 10); /* 55 - 15 - 30 */
    ck_assert_double_eq(z->total, 10);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_quantitative_floor)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_pc(&ds, "A");
    add_deduction(&ds, "A", CES_DED_VIOLATION, 20);
    add_deduction(&ds, "A", CES_DED_GROUP_EVENT, 30);
    add_deduction(&ds, "A", CES_DED_NEGATIVE_MEDIA, 30);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_double_eq(find(&r, "A")->quantitative, 0);
    ck_assert_double_eq(find(&r, "A")->total, 30);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

/* ---- roll-up, eligibility, excluded list ------------------------------- */

START_TEST(test_rollup)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    add_company(&ds, "RE", CES_GROUP_PC, CES_ORG_REINSURER, NULL, OPEN_OK);
    base_pc(&ds, "P");
    base_pc(&ds, "Q");
    /* telesales of P, opened late: still rolled up */
    add_company(&ds, "P-TS", CES_GROUP_PC, CES_ORG_TELESALES, "P", 20240201);
    add_complaints(&ds, "P-TS", 5, 2, 1, 4, 2);
    add_stats(&ds, "P-TS", 5000, 0, 0, 0, 0);
    add_qual(&ds, "P-TS", 0x1ff, 0x1ff); /* ignored */
    add_mediation(&ds, "P-TS", 2, 1);
    add_deduction(&ds, "P-TS", CES_DED_IMPROPER, 4);
    add_prior(&ds, "P", 10, 10000);
    add_prior(&ds, "P-TS", 5, 5000);
    add_company(&ds, "P-FN", CES_GROUP_PC, CES_ORG_FUNCTIONAL, "P", OPEN_OK); /* no rows */
    /* N opened in 2023: not eligible for 2024H1; its department goes with it */
    add_company(&ds, "N", CES_GROUP_PC, CES_ORG_BRANCH, NULL, 20230102);
    add_complaints(&ds, "N", 100, 50, 0, 0, 0);
    add_stats(&ds, "N", 10000, 10000, 10000, 0, 0);
    add_qual(&ds, "N", 0, 0);
    add_company(&ds, "N-PD", CES_GROUP_PC, CES_ORG_PROVINCIAL_DEPT, "N", OPEN_OK);
    add_complaints(&ds, "N-PD", 7, 7, 0, 0, 0);
    add_company(&ds, "E", CES_GROUP_LIFE, CES_ORG_LEGAL_ENTITY, NULL, 20230101); /* eligible */
    add_complaints(&ds, "E", 10, 0, 1, 8, 8);
    add_stats(&ds, "E", 0, 10000, 0, 10000, 20000);
    add_qual(&ds, "E", 0, 0);
    score_ok(&ds, &cfg, NULL, &r);

    ck_assert_uint_eq(r.n_companies, 3);
    ck_assert_int_eq(r.groups[CES_GROUP_PC].count, 2);
    ck_assert_int_eq(r.groups[CES_GROUP_LIFE].count, 1);
    ces_company_result *p = find(&r, "P");
    ck_assert_double_eq(p->complaints_total, 15);
    ck_assert_double_eq(p->premium_wan, 25000);
    ck_assert_uint_eq(p->n_children, 2);
    ck_assert_str_eq(p->children[0], "P-TS");
    ck_assert_str_eq(p->children[1], "P-FN");
    ck_assert_uint_eq(find(&r, "Q")->n_children, 0);
    /* motor: (6 + 2) / 1.5亿 */
    ck_assert_double_eq_tol(p->ind[CES_IND_PC_MOTOR_PREMIUM].numerator, 8, TOL);
    ck_assert_double_eq_tol(p->ind[CES_IND_PC_MOTOR_PREMIUM].denominator, 1.5, TOL);
    ck_assert_double_eq_tol(p->ind[CES_IND_TIMELINESS].value, 10.0 / 12.0, TOL);
    ck_assert_double_eq_tol(p->ind[CES_IND_WITHDRAWAL].numerator, 2, TOL);
    ck_assert_double_eq_tol(p->ind[CES_IND_MEDIATION].denominator, 2, TOL);
    ck_assert_double_eq(p->ind[CES_IND_DED_IMPROPER].points, 4);
    /* the child's qualitative row is ignored */
    ck_assert_double_eq(p->ind[CES_IND_QUAL_SYSTEMS].score, 15);
    ck_assert_uint_eq(p->ind[CES_IND_QUAL_SYSTEMS].missing, 0);
    /* prior rolled up: 15 / 1.5亿 = 10 per 亿 prior, now 15 / 2.5亿 = 6 */
    ck_assert_double_eq_tol(p->ind[CES_IND_CHANGE_RATE].prior, 10, TOL);
    ck_assert_double_eq_tol(p->ind[CES_IND_CHANGE_RATE].current, 6, TOL);
    /* the ineligible N's complaints count nowhere: Q's motor benchmark is
     * the median of P and Q only */
    ck_assert_double_eq_tol(r.groups[CES_GROUP_PC].benchmark[CES_IND_PC_MOTOR_PREMIUM],
                            (8 / 1.5 + 6) / 2, TOL);

    /* excluded, in companies.csv order */
    ck_assert_uint_eq(r.n_excluded, 5);
    const char *order[] = {"RE", "P-TS", "P-FN", "N", "N-PD"};
    const ces_excl_reason reasons[] = {CES_EXCL_EXCLUDED_TYPE, CES_EXCL_ROLLED_UP, CES_EXCL_ROLLED_UP,
                                       CES_EXCL_NOT_OPEN_FULL_YEAR, CES_EXCL_ROLLED_UP};
    for (size_t i = 0; i < 5; i++) {
        ck_assert_str_eq(r.excluded[i].code, order[i]);
        ck_assert_int_eq(r.excluded[i].reason, reasons[i]);
    }
    ck_assert_ptr_null(find_excluded(&r, "RE")->into);
    ck_assert_str_eq(find_excluded(&r, "P-TS")->into, "P");
    ck_assert_ptr_null(find_excluded(&r, "N")->into);
    ck_assert_str_eq(find_excluded(&r, "N-PD")->into, "N");
    ck_assert_ptr_null(find_excluded(&r, "E"));
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_invariants)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_pc(&ds, "A");
    add_company(&ds, "B", CES_GROUP_PC, CES_ORG_BRANCH, NULL, OPEN_OK); /* no qualitative row */
    add_complaints(&ds, "B", 1, 1, 0, 0, 0);
    ck_assert_int_eq(ces_score(&ds, &cfg, NULL, &r), CES_ERR_INVALID);
    ck_assert_uint_eq(r.n_companies, 0);
    ck_assert_ptr_null(r.companies);
    ds_free(&ds);

    ds_init(&ds);
    base_pc(&ds, "A");
    add_company(&ds, "T", CES_GROUP_PC, CES_ORG_TELESALES, "NOPE", OPEN_OK);
    ck_assert_int_eq(ces_score(&ds, &cfg, NULL, &r), CES_ERR_INVALID);
    ds_free(&ds);

    /* an ineligible company needs no qualitative row */
    ds_init(&ds);
    base_pc(&ds, "A");
    add_company(&ds, "NEW", CES_GROUP_PC, CES_ORG_BRANCH, NULL, 20240101);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_uint_eq(r.n_companies, 1);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

/* ---- ranking ------------------------------------------------------------ */

START_TEST(test_ranking)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_life(&ds, "L1"); /* listed after every pc company */
    base_pc(&ds, "P6");
    add_deduction(&ds, "P6", CES_DED_VIOLATION, 20); /* 65 */
    base_pc(&ds, "P5");
    add_deduction(&ds, "P5", CES_DED_VIOLATION, 10); /* 75 */
    base_pc(&ds, "P3");
    add_deduction(&ds, "P3", CES_DED_VIOLATION, 10); /* 75 */
    base_pc(&ds, "P4");
    add_deduction(&ds, "P4", CES_DED_VIOLATION, 10); /* 75 */
    base_pc(&ds, "P0");
    add_deduction(&ds, "P0", CES_DED_IMPROPER, 5); /* 80, quantitative 50 */
    base_pc(&ds, "P2");
    add_deduction(&ds, "P2", CES_DED_EXECUTION, 5); /* 80, quantitative 55 */
    base_pc(&ds, "P1");                             /* 85 */
    score_ok(&ds, &cfg, NULL, &r);

    const char *order[] = {"P1", "P2", "P0", "P3", "P4", "P5", "P6", "L1"};
    const int ranks[] = {1, 2, 2, 4, 4, 4, 7, 1};
    const double totals[] = {85, 80, 80, 75, 75, 75, 65, 85};
    ck_assert_uint_eq(r.n_companies, 8);
    for (size_t i = 0; i < 8; i++) {
        ck_assert_str_eq(r.companies[i].code, order[i]);
        ck_assert_int_eq(r.companies[i].rank, ranks[i]);
        ck_assert_double_eq(r.companies[i].total, totals[i]);
    }
    ck_assert_double_eq(r.companies[1].quantitative, 55);
    ck_assert_double_eq(r.companies[2].quantitative, 50);
    ck_assert_int_eq(r.companies[7].group, CES_GROUP_LIFE);
    /* 535 / 7 = 76.428... -> 76.43; below: 75, 75, 75, 65 */
    ck_assert_int_eq(r.groups[CES_GROUP_PC].count, 7);
    ck_assert_double_eq(r.groups[CES_GROUP_PC].average_total, 76.43);
    ck_assert_int_eq(r.groups[CES_GROUP_PC].below_average, 4);
    ck_assert_int_eq(r.groups[CES_GROUP_LIFE].count, 1);
    ck_assert_double_eq(r.groups[CES_GROUP_LIFE].average_total, 85);
    ck_assert_int_eq(r.groups[CES_GROUP_LIFE].below_average, 0);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_below_average_strict)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    base_pc(&ds, "A");
    base_pc(&ds, "B");
    base_pc(&ds, "C");
    add_deduction(&ds, "C", CES_DED_VIOLATION, 3); /* 85, 85, 82: mean 84 */
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_double_eq(r.groups[CES_GROUP_PC].average_total, 84);
    ck_assert_int_eq(r.groups[CES_GROUP_PC].below_average, 1);
    ck_assert_int_eq(find(&r, "A")->rank, 1);
    ck_assert_int_eq(find(&r, "B")->rank, 1);
    ck_assert_int_eq(find(&r, "C")->rank, 3);
    ces_results_free(&r);

    /* every total equal: nobody is below the average */
    ds.deductions[0].points = 0;
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_int_eq(r.groups[CES_GROUP_PC].below_average, 0);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

START_TEST(test_empty_dataset)
{
    ces_config cfg;
    ces_dataset ds;
    ces_results r;
    load_config(&cfg);
    ds_init(&ds);
    score_ok(&ds, &cfg, NULL, &r);
    ck_assert_uint_eq(r.n_companies, 0);
    ck_assert_int_eq(r.groups[CES_GROUP_PC].count, 0);
    ck_assert(!r.has_industry_mediation);
    ces_results_free(&r);
    ds_free(&ds);
    ces_config_free(&cfg);
}
END_TEST

static Suite *score_suite(void)
{
    Suite *s = suite_create("score");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_rounding);
    tcase_add_test(tc, test_worked_example);
    tcase_add_test(tc, test_median_odd);
    tcase_add_test(tc, test_median_even_not_applicable_ignored);
    tcase_add_test(tc, test_pooled_fallback);
    tcase_add_test(tc, test_all_zero_full_marks);
    tcase_add_test(tc, test_reweighting);
    tcase_add_test(tc, test_no_volume);
    tcase_add_test(tc, test_change_rate_branches);
    tcase_add_test(tc, test_change_rate_missing_fraction);
    tcase_add_test(tc, test_prior_precedence);
    tcase_add_test(tc, test_prior_rule_previous_evaluation);
    tcase_add_test(tc, test_timeliness);
    tcase_add_test(tc, test_withdrawal);
    tcase_add_test(tc, test_withdrawal_benchmark_zero);
    tcase_add_test(tc, test_mediation);
    tcase_add_test(tc, test_mediation_benchmark_zero);
    tcase_add_test(tc, test_checklists_and_caps);
    tcase_add_test(tc, test_quantitative_floor);
    tcase_add_test(tc, test_rollup);
    tcase_add_test(tc, test_invariants);
    tcase_add_test(tc, test_ranking);
    tcase_add_test(tc, test_below_average_strict);
    tcase_add_test(tc, test_empty_dataset);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(score_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
