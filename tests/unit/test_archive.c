/* The SQLite archive: schema and migrations, imports (reuse / conflict /
 * replace), exact round-trips of datasets and results, prior-period figures,
 * append-only triggers, the hash chain, transactions and locking. Datasets
 * and results are built by hand: this suite does not depend on ingest or score. */
#include <check.h>
#include <math.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "archive/archive_canon.h"
#include "archive/archive_records.h"
#include "archive/archive_schema.h"
#include "cescore/archive.h"
#include "cescore/score.h"
#include "cescore/sha256.h"

/* ---- helpers: temporary database ---- */

typedef struct {
    char path[64];
} tmpdb;

static void tmpdb_make(tmpdb *t)
{
    snprintf(t->path, sizeof t->path, "/tmp/cescore-test-archive-XXXXXX");
    int fd = mkstemp(t->path);
    ck_assert_int_ge(fd, 0);
    close(fd); /* an empty file is an empty SQLite database */
}

static void tmpdb_remove(tmpdb *t)
{
    char j[80];
    snprintf(j, sizeof j, "%s-journal", t->path);
    unlink(t->path);
    unlink(j);
}

/* Every archive of a test reports into this; last_msg() is its newest line. */
static ces_diags test_diags;

static const char *last_msg(void)
{
    return test_diags.count ? test_diags.items[test_diags.count - 1].message : "";
}

/* Open path with a diagnostics list of its own; the first message into err. */
static ces_status open_err(const char *path, ces_archive **a, char *err, size_t n)
{
    static ces_diags d;
    ces_diags_free(&d);
    ces_diags_init(&d);
    ces_status st = ces_archive_open(path, CES_ARCHIVE_CREATE, a, &d);
    snprintf(err, n, "%s", d.count ? d.items[0].message : "");
    if (st != CES_OK)
        ces_diags_free(&d);
    return st;
}

static ces_archive *open_ok(const tmpdb *t)
{
    ces_archive *a = NULL;
    ces_status st = ces_archive_open(t->path, CES_ARCHIVE_CREATE, &a, &test_diags);
    ck_assert_msg(st == CES_OK, "open: %s", last_msg());
    ck_assert_ptr_nonnull(a);
    return a;
}

/* Run SQL on the file through a separate plain sqlite3 connection; returns
 * the sqlite3 result code, message in msg. */
static int raw_exec(const tmpdb *t, const char *sql, char *msg, size_t n)
{
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(t->path, &db), SQLITE_OK);
    char *e = NULL;
    int rc = sqlite3_exec(db, sql, NULL, NULL, &e);
    if (msg)
        snprintf(msg, n, "%s", e ? e : "");
    sqlite3_free(e);
    sqlite3_close(db);
    return rc;
}

static long raw_long(const tmpdb *t, const char *sql)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(t->path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    long v = (long)sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return v;
}

static void raw_text(const tmpdb *t, const char *sql, char *out, size_t n)
{
    sqlite3 *db;
    sqlite3_stmt *st;
    ck_assert_int_eq(sqlite3_open(t->path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    ck_assert_int_eq(sqlite3_step(st), SQLITE_ROW);
    snprintf(out, n, "%s", (const char *)sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(db);
}

/* ---- helpers: a hand-made dataset ---- */

static void set_file(ces_dataset *ds, ces_file_kind k, const char *text, size_t rows)
{
    ces_input_file *f = &ds->files[k];
    f->present = 1;
    f->len = strlen(text);
    f->bytes = (unsigned char *)strdup(text);
    ck_assert_ptr_nonnull(f->bytes);
    ck_assert_int_eq(ces_sha256_hex(f->bytes, f->len, f->sha256), CES_OK);
    snprintf(f->encoding, sizeof f->encoding, "%s", k == CES_FILE_DEDUCTIONS ? "GB18030" : "UTF-8");
    f->rows = rows;
}

static char *sdup(const char *s) { return s ? strdup(s) : NULL; }

static void add_companies(ces_dataset *ds)
{
    ds->n_companies = 3;
    ds->companies = calloc(3, sizeof *ds->companies);
    ces_company c0 = {sdup("SH-PC-001"),
                      sdup("甲财产保险上海分公司"),
                      CES_GROUP_PC,
                      CES_ORG_BRANCH,
                      NULL,
                      20100115,
                      2};
    ces_company c1 = {sdup("SH-PC-001-TS"),
                      sdup("甲电销中心"),
                      CES_GROUP_PC,
                      CES_ORG_TELESALES,
                      sdup("SH-PC-001"),
                      20150301,
                      3};
    ces_company c2 = {sdup("SH-LI-002"),
                      sdup("乙人寿 \"quoted\"\nname"),
                      CES_GROUP_LIFE,
                      CES_ORG_LEGAL_ENTITY,
                      NULL,
                      20080808,
                      5};
    ds->companies[0] = c0;
    ds->companies[1] = c1;
    ds->companies[2] = c2;
}

static void add_quantities(ces_dataset *ds)
{
    ds->n_complaints = 2;
    ds->complaints = calloc(2, sizeof *ds->complaints);
    ds->complaints[0] = (ces_complaints_row){sdup("SH-PC-001"), 120, 70, 50, 3, 90, 88, 2};
    ds->complaints[1] = (ces_complaints_row){sdup("SH-LI-002"), 4000000000LL, 0, 0, 1, 2, 2, 3};
    ds->n_statistics = 2;
    ds->statistics = calloc(2, sizeof *ds->statistics);
    ds->statistics[0] = (ces_statistics_row){
        sdup("SH-PC-001"), 98765.4321, 0.1 + 0.2, 1e-300, 12345, 0, 0, 0, 0, 2};
    ds->statistics[1] = (ces_statistics_row){
        sdup("SH-LI-002"), 1.0 / 3.0, 0, 0, 0, 700000, 81234, 650000, 79000, 4};
    ds->n_mediation = 1;
    ds->mediation = calloc(1, sizeof *ds->mediation);
    ds->mediation[0] = (ces_mediation_row){sdup("SH-PC-001"), 17, 11, 2};
    ds->n_prior = 1;
    ds->prior = calloc(1, sizeof *ds->prior);
    ds->prior[0] = (ces_prior_row){sdup("SH-PC-001"), 101, 91234.56789, 2};
}

static void add_qualitative(ces_dataset *ds)
{
    ds->n_qualitative = 2;
    ds->qualitative = calloc(2, sizeof *ds->qualitative);
    ces_qualitative_row *q = &ds->qualitative[0];
    q->code = sdup("SH-PC-001");
    q->line = 2;
    for (int i = 0; i < 6; i++)
        q->established[0][i] = i != 3;
    q->established[1][0] = q->established[1][4] = 1;
    q->note = sdup("制度齐全");
    q = &ds->qualitative[1];
    q->code = sdup("SH-LI-002");
    q->line = 3;
    q->established[0][CES_MAX_ITEMS - 1] = 1;
}

static void add_deductions(ces_dataset *ds)
{
    ds->n_deductions = 2;
    ds->deductions = calloc(2, sizeof *ds->deductions);
    ds->deductions[0] = (ces_deduction_row){sdup("SH-PC-001"),
                                            CES_DED_VIOLATION,
                                            sdup("late_report"),
                                            2.5,
                                            0,
                                            20240312,
                                            sdup("沪银保监〔2024〕7号"),
                                            NULL,
                                            2};
    ds->deductions[1] = (ces_deduction_row){sdup("SH-LI-002"),
                                            CES_DED_NEGATIVE_MEDIA,
                                            NULL,
                                            7.25,
                                            1,
                                            20240501,
                                            NULL,
                                            sdup("media report"),
                                            4};
}

/* A bundle as an engine before schema v3 could import it: no cases.csv. */
static int without_cases;

/* variant changes one byte of complaints.csv */
static void make_dataset(ces_dataset *ds, int variant)
{
    memset(ds, 0, sizeof *ds);
    ds->period = (ces_period){2024, CES_PERIOD_H1};
    set_file(ds, CES_FILE_COMPANIES, "code,name,group,org_type,parent_code,open_date\nSH-PC-001,...\n",
             3);
    set_file(ds, CES_FILE_COMPLAINTS,
             variant ? "code,total\nSH-PC-001,121\n" : "code,total\nSH-PC-001,120\n", 2);
    set_file(ds, CES_FILE_STATISTICS, "code,premium_wan\nSH-PC-001,98765.4321\n", 2);
    set_file(ds, CES_FILE_QUALITATIVE, "code,...\n", 2);
    set_file(ds, CES_FILE_DEDUCTIONS, "\xbb\xfa\xb9\xb9\xb4\xfa\xc2\xeb\n", 2); /* GB18030 bytes */
    set_file(ds, CES_FILE_PRIOR, "code,total,premium_wan\n", 1);
    if (!without_cases)
        set_file(ds, CES_FILE_CASES, "", 0); /* an empty file: present, zero bytes */
    add_companies(ds);
    add_quantities(ds);
    add_qualitative(ds);
    add_deductions(ds);
}

static void assert_str_eq_null(const char *a, const char *b)
{
    if (!a || !b)
        ck_assert_ptr_eq(a, b);
    else
        ck_assert_str_eq(a, b);
}

static void assert_files_equal(const ces_input_file *x, const ces_input_file *y, int with_bytes)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        ck_assert_int_eq(x[k].present, y[k].present);
        if (!x[k].present)
            continue;
        ck_assert_str_eq(x[k].sha256, y[k].sha256);
        ck_assert_str_eq(x[k].encoding, y[k].encoding);
        ck_assert_uint_eq(x[k].rows, y[k].rows);
        ck_assert_uint_eq(x[k].len, y[k].len);
        if (with_bytes && ces_file_streamed((ces_file_kind)k)) {
            ck_assert_ptr_null(y[k].bytes); /* read through ces_archive_file_open */
        } else if (with_bytes) {
            ck_assert_ptr_nonnull(y[k].bytes);
            ck_assert_int_eq(memcmp(x[k].bytes, y[k].bytes, x[k].len), 0);
        }
    }
}

static void assert_rows_equal(const ces_dataset *x, const ces_dataset *y)
{
    ck_assert_uint_eq(x->n_companies, y->n_companies);
    for (size_t i = 0; i < x->n_companies; i++) {
        const ces_company *a = &x->companies[i], *b = &y->companies[i];
        ck_assert_str_eq(a->code, b->code);
        ck_assert_str_eq(a->name, b->name);
        ck_assert_int_eq(a->group, b->group);
        ck_assert_int_eq(a->org_type, b->org_type);
        assert_str_eq_null(a->parent_code, b->parent_code);
        ck_assert_int_eq(a->open_date, b->open_date);
        ck_assert_int_eq(a->line, b->line);
    }
    ck_assert_uint_eq(x->n_complaints, y->n_complaints);
    for (size_t i = 0; i < x->n_complaints; i++) {
        const ces_complaints_row *a = &x->complaints[i], *b = &y->complaints[i];
        ck_assert_str_eq(a->code, b->code);
        ck_assert(a->total == b->total && a->motor == b->motor && a->nonmotor == b->nonmotor);
        ck_assert(a->withdrawn == b->withdrawn && a->transferred == b->transferred);
        ck_assert(a->on_time == b->on_time && a->line == b->line);
    }
    ck_assert_uint_eq(x->n_statistics, y->n_statistics);
    for (size_t i = 0; i < x->n_statistics; i++) {
        const ces_statistics_row *a = &x->statistics[i], *b = &y->statistics[i];
        ck_assert_str_eq(a->code, b->code);
        ck_assert(a->premium_wan == b->premium_wan);
        ck_assert(a->motor_premium_wan == b->motor_premium_wan);
        ck_assert(a->nonmotor_premium_wan == b->nonmotor_premium_wan);
        ck_assert(a->nonmotor_policies == b->nonmotor_policies);
        ck_assert(a->prior_inforce_policies == b->prior_inforce_policies);
        ck_assert(a->new_policies == b->new_policies);
        ck_assert(a->prior_inforce_persons == b->prior_inforce_persons);
        ck_assert(a->new_persons == b->new_persons && a->line == b->line);
    }
}

static void assert_more_rows_equal(const ces_dataset *x, const ces_dataset *y)
{
    ck_assert_uint_eq(x->n_qualitative, y->n_qualitative);
    for (size_t i = 0; i < x->n_qualitative; i++) {
        const ces_qualitative_row *a = &x->qualitative[i], *b = &y->qualitative[i];
        ck_assert_str_eq(a->code, b->code);
        ck_assert_int_eq(memcmp(a->established, b->established, sizeof a->established), 0);
        assert_str_eq_null(a->note, b->note);
        ck_assert_int_eq(a->line, b->line);
    }
    ck_assert_uint_eq(x->n_mediation, y->n_mediation);
    for (size_t i = 0; i < x->n_mediation; i++) {
        ck_assert_str_eq(x->mediation[i].code, y->mediation[i].code);
        ck_assert(x->mediation[i].needed == y->mediation[i].needed);
        ck_assert(x->mediation[i].succeeded == y->mediation[i].succeeded);
        ck_assert_int_eq(x->mediation[i].line, y->mediation[i].line);
    }
    ck_assert_uint_eq(x->n_deductions, y->n_deductions);
    for (size_t i = 0; i < x->n_deductions; i++) {
        const ces_deduction_row *a = &x->deductions[i], *b = &y->deductions[i];
        ck_assert_str_eq(a->code, b->code);
        ck_assert_int_eq(a->indicator, b->indicator);
        assert_str_eq_null(a->category, b->category);
        ck_assert(a->points == b->points);
        ck_assert_int_eq(a->points_given, b->points_given);
        ck_assert_int_eq(a->date, b->date);
        assert_str_eq_null(a->reference, b->reference);
        assert_str_eq_null(a->description, b->description);
        ck_assert_int_eq(a->line, b->line);
    }
    ck_assert_uint_eq(x->n_prior, y->n_prior);
    for (size_t i = 0; i < x->n_prior; i++) {
        ck_assert_str_eq(x->prior[i].code, y->prior[i].code);
        ck_assert(x->prior[i].total == y->prior[i].total);
        ck_assert(x->prior[i].premium_wan == y->prior[i].premium_wan);
        ck_assert_int_eq(x->prior[i].line, y->prior[i].line);
    }
}

static void assert_dataset_equal(const ces_dataset *x, const ces_dataset *y)
{
    ck_assert_int_eq(x->period.year, y->period.year);
    ck_assert_int_eq(x->period.kind, y->period.kind);
    assert_files_equal(x->files, y->files, 1);
    assert_rows_equal(x, y);
    assert_more_rows_equal(x, y);
}

/* ---- helpers: hand-made results ---- */

static void fill_ind(ces_ind_result *x, int seed)
{
    x->present = 1;
    x->applicable = seed % 2;
    x->has_value = 1;
    x->value_inf = seed == 9;
    x->has_benchmark = seed % 3 == 0;
    x->has_current = x->has_prior = seed % 2 == 0;
    x->numerator = seed * 7.0;
    x->denominator = 9.72 + seed;
    x->value = x->numerator / x->denominator;
    x->benchmark = 1.0 / (seed + 3.0);
    x->current = 0.1 * seed;
    x->prior = seed == 9 ? 0.0 : 1.0 / 7.0;
    x->raw = 11.88 - seed / 3.0;
    x->weight = 6.0;
    x->effective_weight = 30.0 / 7.0;
    x->points = seed * 2.5;
    x->max = 10.0 + seed;
    x->score = floor(x->raw * 100.0 + 0.5) / 100.0;
    x->missing = (unsigned)(seed * 37u) & 0xffu;
}

static void make_company(ces_company_result *c, const char *code, ces_group g, int rank, int seed)
{
    c->code = sdup(code);
    c->name = sdup(seed == 2 ? NULL : "某公司");
    c->group = g;
    c->rank = rank;
    c->total = 96.5 - seed / 7.0;
    c->qualitative = 30.0;
    c->quantitative = c->total - 30.0;
    c->volume_block = 23.17 + seed;
    c->flags = CES_FLAG_NO_PRIOR | (seed ? CES_FLAG_NO_MEDIATION : 0u);
    for (int i = 0; i < CES_IND_COUNT; i++)
        fill_ind(&c->ind[i], i + seed);
    c->ind[CES_IND_LIFE_PREMIUM].present = 0;
    c->complaints_total = 120.0 + seed;
    c->premium_wan = 98765.4321 * (seed + 1);
}

static void make_results(ces_results *r)
{
    memset(r, 0, sizeof *r);
    r->period = (ces_period){2024, CES_PERIOD_H1};
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        r->groups[g].count = 41 + g;
        r->groups[g].average_total = 74.18 + g;
        r->groups[g].below_average = 19 + g;
        for (int i = 0; i < CES_IND_COUNT; i++) {
            r->groups[g].has_benchmark[i] = (i + g) % 2;
            r->groups[g].benchmark[i] = 1.52 / (i + 1) + g;
        }
    }
    r->has_industry_mediation = 1;
    r->industry_mediation = 0.64;
    r->n_companies = 3;
    r->companies = calloc(3, sizeof *r->companies);
    make_company(&r->companies[0], "SH-PC-001", CES_GROUP_PC, 1, 0);
    make_company(&r->companies[1], "SH-PC-009", CES_GROUP_PC, 2, 1);
    make_company(&r->companies[2], "SH-LI-002", CES_GROUP_LIFE, 1, 2);
    r->companies[0].n_children = 2;
    r->companies[0].children = calloc(2, sizeof(char *));
    r->companies[0].children[0] = sdup("SH-PC-001-TS");
    r->companies[0].children[1] = sdup("SH-PC-001-FN");
    r->companies[1].ind[CES_IND_CHANGE_RATE].value = INFINITY;
    r->companies[1].ind[CES_IND_MEDIATION].has_value = 0;
    r->companies[1].ind[CES_IND_MEDIATION].value = NAN;       /* undefined: stored as NULL */
    r->companies[2].ind[CES_IND_TIMELINESS].benchmark = -0.0; /* stored as 0 */
    r->n_excluded = 2;
    r->excluded = calloc(2, sizeof *r->excluded);
    r->excluded[0] = (ces_excluded){sdup("SH-PC-001-TS"), sdup("甲电销中心"), CES_GROUP_PC,
                                    CES_EXCL_ROLLED_UP, sdup("SH-PC-001")};
    r->excluded[1] = (ces_excluded){sdup("SH-RE-01"), sdup("再保"), CES_GROUP_PC, CES_EXCL_EXCLUDED_TYPE,
                                    NULL};
    r->prior_source = CES_PRIOR_SOURCE_NONE;
}

static void assert_double_same(double a, double b)
{
    if (isnan(a))
        ck_assert_msg(isnan(b), "expected nan, got %.17g", b);
    else
        ck_assert_msg(a == b, "expected %.17g, got %.17g", a, b);
}

static void assert_ind_equal(const ces_ind_result *a, const ces_ind_result *b)
{
    ck_assert_int_eq(a->present, b->present);
    ck_assert_int_eq(a->applicable, b->applicable);
    ck_assert_int_eq(a->has_value, b->has_value);
    ck_assert_int_eq(a->value_inf, b->value_inf);
    ck_assert_int_eq(a->has_benchmark, b->has_benchmark);
    ck_assert_int_eq(a->has_current, b->has_current);
    ck_assert_int_eq(a->has_prior, b->has_prior);
    assert_double_same(a->numerator, b->numerator);
    assert_double_same(a->denominator, b->denominator);
    assert_double_same(a->value, b->value);
    assert_double_same(a->benchmark, b->benchmark);
    assert_double_same(a->current, b->current);
    assert_double_same(a->prior, b->prior);
    assert_double_same(a->raw, b->raw);
    assert_double_same(a->weight, b->weight);
    assert_double_same(a->effective_weight, b->effective_weight);
    assert_double_same(a->points, b->points);
    assert_double_same(a->max, b->max);
    assert_double_same(a->score, b->score);
    ck_assert_uint_eq(a->missing, b->missing);
}

static void assert_company_equal(const ces_company_result *a, const ces_company_result *b)
{
    ck_assert_str_eq(a->code, b->code);
    assert_str_eq_null(a->name, b->name);
    ck_assert_int_eq(a->group, b->group);
    ck_assert_int_eq(a->rank, b->rank);
    assert_double_same(a->total, b->total);
    assert_double_same(a->qualitative, b->qualitative);
    assert_double_same(a->quantitative, b->quantitative);
    assert_double_same(a->volume_block, b->volume_block);
    ck_assert_uint_eq(a->flags, b->flags);
    for (int i = 0; i < CES_IND_COUNT; i++)
        assert_ind_equal(&a->ind[i], &b->ind[i]);
    assert_double_same(a->complaints_total, b->complaints_total);
    assert_double_same(a->premium_wan, b->premium_wan);
    ck_assert_uint_eq(a->n_children, b->n_children);
    for (size_t k = 0; k < a->n_children; k++)
        ck_assert_str_eq(a->children[k], b->children[k]);
}

static void assert_results_equal(const ces_results *a, const ces_results *b)
{
    ck_assert_int_eq(a->period.year, b->period.year);
    ck_assert_int_eq(a->period.kind, b->period.kind);
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        const ces_group_result *x = &a->groups[g], *y = &b->groups[g];
        ck_assert_int_eq(x->count, y->count);
        assert_double_same(x->average_total, y->average_total);
        ck_assert_int_eq(x->below_average, y->below_average);
        for (int i = 0; i < CES_IND_COUNT; i++) {
            ck_assert_int_eq(x->has_benchmark[i], y->has_benchmark[i]);
            assert_double_same(x->benchmark[i], y->benchmark[i]);
        }
    }
    ck_assert_int_eq(a->has_industry_mediation, b->has_industry_mediation);
    assert_double_same(a->industry_mediation, b->industry_mediation);
    ck_assert_uint_eq(a->n_companies, b->n_companies);
    for (size_t i = 0; i < a->n_companies; i++)
        assert_company_equal(&a->companies[i], &b->companies[i]);
    ck_assert_uint_eq(a->n_excluded, b->n_excluded);
    for (size_t i = 0; i < a->n_excluded; i++) {
        const ces_excluded *x = &a->excluded[i], *y = &b->excluded[i];
        ck_assert_str_eq(x->code, y->code);
        assert_str_eq_null(x->name, y->name);
        ck_assert_int_eq(x->group, y->group);
        ck_assert_int_eq(x->reason, y->reason);
        assert_str_eq_null(x->into, y->into);
    }
    ck_assert_int_eq(a->prior_source, b->prior_source);
    ck_assert_int_eq(a->prior_run_id, b->prior_run_id);
    ck_assert_str_eq(a->prior_period, b->prior_period);
}

/* The calendar a case-level run records (the base dataset has a cases.csv). */
static char calendar_text[] = "{\"files\": {\n}}\n";
static ces_calendar test_calendar = {.text = calendar_text, .text_len = sizeof calendar_text - 1};

static void make_config(ces_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->calendar = &test_calendar;
    snprintf(cfg->name, sizeof cfg->name, "shanghai-2018");
    static const char text[] = "{\n  \"name\": \"shanghai-2018\"\n}\n";
    cfg->text = sdup(text);
    cfg->text_len = sizeof text - 1;
    ck_assert_int_eq(ces_sha256_hex(cfg->text, cfg->text_len, cfg->sha256), CES_OK);
}

/* import the base dataset: returns its id */
static long import_base(ces_archive *a, int variant, int replace, ces_status expect)
{
    ces_dataset ds;
    long id = -1;
    int reused = -1;
    make_dataset(&ds, variant);
    ces_status st = ces_archive_import(a, &ds, "analyst-a", "2024-07-20T09:00:00Z", replace, &id,
                                       &reused);
    ck_assert_msg(st == expect, "import: status %d (%s)", st, last_msg());
    ces_dataset_free(&ds);
    return id;
}

static long save_results(ces_archive *a, long import_id, const ces_results *r)
{
    ces_config cfg;
    make_config(&cfg);
    long run_id = 0;
    ces_status st = ces_archive_save_run(a, import_id, &cfg, r, "1.0.0", "analyst-a",
                                         "2024-07-20T09:05:00Z", &run_id);
    ck_assert_msg(st == CES_OK, "save_run: %s", last_msg());
    free(cfg.text);
    return run_id;
}

/* ---- tests ---- */

START_TEST(test_schema_created_and_versioned)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "PRAGMA user_version"), ARCH_SCHEMA_VERSION);
    ck_assert_int_eq(raw_long(&t, "PRAGMA application_id"), 0x43455331);
    /* every table is append-only: two triggers each */
    ck_assert_int_ge(raw_long(&t, "SELECT count(*) FROM sqlite_master WHERE type = 'table'"), 19);
    ck_assert_int_eq(raw_long(&t,
                              "SELECT count(*) FROM sqlite_master t WHERE t.type = 'table' AND ("
                              " NOT EXISTS (SELECT 1 FROM sqlite_master g WHERE g.type = 'trigger'"
                              "   AND g.tbl_name = t.name AND g.name = t.name || '_no_update')"
                              " OR NOT EXISTS (SELECT 1 FROM sqlite_master g WHERE g.type = 'trigger'"
                              "   AND g.tbl_name = t.name AND g.name = t.name || '_no_delete'))"),
                     0);
    /* reopening an archive at the current version changes nothing */
    a = open_ok(&t);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "PRAGMA user_version"), ARCH_SCHEMA_VERSION);
    /* rollback journal, not WAL: the archive stays one file */
    char mode[16];
    raw_text(&t, "PRAGMA journal_mode", mode, sizeof mode);
    ck_assert_str_eq(mode, "delete");
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_import_roundtrip)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_dataset ds, back;
    long id = 0, latest = -1;
    int reused = -1;
    make_dataset(&ds, 0);
    ck_assert_int_eq(ces_archive_latest_import(a, "2024H1", &latest), CES_OK);
    ck_assert_int_eq(latest, 0);
    ck_assert_int_eq(ces_archive_import(a, &ds, "analyst-a", "2024-07-20T09:00:00Z", 0, &id, &reused),
                     CES_OK);
    ck_assert_int_eq(id, 1);
    ck_assert_int_eq(reused, 0);
    ck_assert_int_eq(ces_archive_latest_import(a, "2024H1", &latest), CES_OK);
    ck_assert_int_eq(latest, 1);
    ck_assert_int_eq(ces_archive_load_dataset(a, "2024H1", 0, &back), CES_OK);
    assert_dataset_equal(&ds, &back);
    ces_dataset_free(&back);
    /* by id, period not given */
    ck_assert_int_eq(ces_archive_load_dataset(a, NULL, 1, &back), CES_OK);
    assert_dataset_equal(&ds, &back);
    ces_dataset_free(&back);
    /* unknown period / wrong period */
    ck_assert_int_eq(ces_archive_load_dataset(a, "2023FY", 0, &back), CES_ERR_INVALID);
    ck_assert_ptr_nonnull(strstr(last_msg(), "2023FY"));
    ck_assert_int_eq(ces_archive_load_dataset(a, "2023FY", 1, &back), CES_ERR_INVALID);
    ck_assert_int_eq(ces_archive_load_dataset(a, NULL, 99, &back), CES_ERR_INVALID);
    ces_dataset_free(&ds);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM import_files WHERE import_id = 1"), 7);
    /* schema v5: one text of established items per qualitative row that has any */
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM qualitative_items WHERE import_id = 1"), 0);
    ck_assert_int_eq(raw_long(&t,
                              "SELECT sum(length(items) - length(replace(items, ' ', '')) + 1)"
                              " FROM qualitative_checklists WHERE import_id = 1"),
                     8);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_identical_reimport_reused)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ck_assert_int_eq(import_base(a, 0, 0, CES_OK), 1);
    ces_dataset ds;
    long id = 0;
    int reused = 0;
    make_dataset(&ds, 0);
    ck_assert_int_eq(ces_archive_import(a, &ds, "analyst-b", "2024-07-21T09:00:00Z", 0, &id, &reused),
                     CES_OK);
    ck_assert_int_eq(id, 1);
    ck_assert_int_eq(reused, 1);
    /* also with --replace: identical inputs are reused, not re-versioned */
    ck_assert_int_eq(ces_archive_import(a, &ds, "analyst-b", "2024-07-21T09:00:00Z", 1, &id, &reused),
                     CES_OK);
    ck_assert_int_eq(reused, 1);
    ces_dataset_free(&ds);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM imports"), 1);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_different_without_replace_conflicts)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    import_base(a, 0, 0, CES_OK);
    ck_assert_int_eq(import_base(a, 1, 0, CES_ERR_CONFLICT), 0);
    ck_assert_str_eq(
        last_msg(), "period 2024H1 is already archived (import 1) with different inputs; use --replace");
    /* a file more or less is a difference too */
    ces_dataset ds;
    long id;
    int reused;
    make_dataset(&ds, 0);
    ds.files[CES_FILE_MEDIATION].present = 1;
    ck_assert_int_eq(ces_archive_import(a, &ds, "x", "2024-07-21T09:00:00Z", 0, &id, &reused),
                     CES_ERR_CONFLICT);
    ds.files[CES_FILE_MEDIATION].present = 0;
    ces_dataset_free(&ds);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM imports"), 1);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_replace_adds_version)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    import_base(a, 0, 0, CES_OK);
    ck_assert_int_eq(import_base(a, 1, 1, CES_OK), 2);
    ces_dataset v1, v2, back;
    make_dataset(&v1, 0);
    make_dataset(&v2, 1);
    ck_assert_int_eq(ces_archive_load_dataset(a, "2024H1", 1, &back), CES_OK);
    assert_dataset_equal(&v1, &back);
    ces_dataset_free(&back);
    ck_assert_int_eq(ces_archive_load_dataset(a, "2024H1", 0, &back), CES_OK);
    assert_dataset_equal(&v2, &back);
    ces_dataset_free(&back);
    ces_dataset_free(&v1);
    ces_dataset_free(&v2);
    /* going back to version 1's files is a new version 3, not a reuse of 1 */
    ck_assert_int_eq(import_base(a, 0, 1, CES_OK), 3);
    ces_history h;
    ck_assert_int_eq(ces_archive_history(a, "2024H1", &h), CES_OK);
    ck_assert_uint_eq(h.n_imports, 3);
    for (size_t i = 0; i < 3; i++) {
        ck_assert_int_eq(h.imports[i].id, (long)i + 1);
        ck_assert_int_eq(h.imports[i].version, (int)i + 1);
        ck_assert_str_eq(h.imports[i].period, "2024H1");
        ck_assert_str_eq(h.imports[i].operator_name, "analyst-a");
        ck_assert_uint_eq(strlen(h.imports[i].hash), 64);
        ck_assert(h.imports[i].files[CES_FILE_COMPANIES].present);
        ck_assert(!h.imports[i].files[CES_FILE_MEDIATION].present);
        ck_assert_ptr_null(h.imports[i].files[CES_FILE_COMPANIES].bytes);
    }
    ck_assert_str_ne(h.imports[0].files[CES_FILE_COMPLAINTS].sha256,
                     h.imports[1].files[CES_FILE_COMPLAINTS].sha256);
    ces_history_free(&h);
    ces_archive_close(a);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_run_roundtrip_exact)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    long import_id = import_base(a, 0, 0, CES_OK);
    ces_results r, r2;
    make_results(&r);
    long run1 = save_results(a, import_id, &r);
    ck_assert_int_eq(run1, 1);
    /* a second run that used run 1 as prior figures, without industry mediation */
    make_results(&r2);
    r2.prior_source = CES_PRIOR_SOURCE_ARCHIVE;
    r2.prior_run_id = run1;
    snprintf(r2.prior_period, sizeof r2.prior_period, "2023H1");
    r2.has_industry_mediation = 0;
    r2.industry_mediation = 0.0;
    long run2 = save_results(a, import_id, &r2);
    ck_assert_int_eq(run2, 2);

    ces_stored_run s;
    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", run1, &s), CES_OK);
    assert_results_equal(&r, &s.results);
    ck_assert_int_eq(s.run_id, 1);
    ck_assert_int_eq(s.import_id, import_id);
    ck_assert_str_eq(s.period, "2024H1");
    ck_assert_str_eq(s.time, "2024-07-20T09:05:00Z");
    ck_assert_str_eq(s.operator_name, "analyst-a");
    ck_assert_str_eq(s.engine_version, "1.0.0");
    ck_assert_str_eq(s.config_name, "shanghai-2018");
    ces_config cfg;
    make_config(&cfg);
    ck_assert_str_eq(s.config_sha256, cfg.sha256);
    ck_assert_uint_eq(s.config_len, cfg.text_len);
    ck_assert_int_eq(memcmp(s.config_text, cfg.text, cfg.text_len), 0);
    free(cfg.text);
    ck_assert_uint_eq(strlen(s.hash), 64);
    ck_assert_int_eq(s.status, CES_RUN_DRAFT);
    ces_dataset ds;
    make_dataset(&ds, 0);
    assert_files_equal(ds.files, s.files, 0);
    ck_assert_ptr_null(s.files[CES_FILE_COMPANIES].bytes);
    ces_dataset_free(&ds);
    ces_stored_run_free(&s);

    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", 0, &s), CES_OK); /* latest = run 2 */
    ck_assert_int_eq(s.run_id, 2);
    assert_results_equal(&r2, &s.results);
    ces_stored_run_free(&s);
    ck_assert_int_eq(ces_archive_load_run(a, "2023H1", 0, &s), CES_ERR_INVALID);
    ck_assert_int_eq(ces_archive_load_run(a, "2023H1", 1, &s), CES_ERR_INVALID);
    ck_assert_int_eq(ces_archive_load_run(a, NULL, 7, &s), CES_ERR_INVALID);

    ces_history h;
    ck_assert_int_eq(ces_archive_history(a, NULL, &h), CES_OK);
    ck_assert_uint_eq(h.n_imports, 1);
    ck_assert_uint_eq(h.n_runs, 2);
    ck_assert_int_eq(h.runs[1].id, 2);
    ck_assert_int_eq(h.runs[1].import_id, import_id);
    ck_assert_str_eq(h.runs[1].config_name, "shanghai-2018");
    ces_history_free(&h);
    ck_assert_int_eq(ces_archive_history(a, "2023H1", &h), CES_OK);
    ck_assert_uint_eq(h.n_imports + h.n_runs, 0);
    ces_history_free(&h);
    ces_results_free(&r);
    ces_results_free(&r2);
    ces_archive_close(a);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_run_of_other_period_refused)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    long import_id = import_base(a, 0, 0, CES_OK);
    ces_results r;
    make_results(&r);
    r.period = (ces_period){2024, CES_PERIOD_FY};
    ces_config cfg;
    make_config(&cfg);
    long run_id = -1;
    ck_assert_int_eq(ces_archive_save_run(a, import_id, &cfg, &r, "1.0.0", "x", "t", &run_id),
                     CES_ERR_INVALID);
    ck_assert_int_eq(run_id, 0);
    free(cfg.text);
    ces_results_free(&r);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM runs"), 0);
    tmpdb_remove(&t);
}
END_TEST

static const char FINALIZE_RUN1[] =
    "INSERT INTO finalizations (period, run_id, operator, time, chain_pos, prev_hash, hash)"
    " SELECT '2024H1', 1, 'chief', '2024-07-22T10:00:00Z',"
    " (SELECT MAX(chain_pos) + 1 FROM chain),"
    " (SELECT hash FROM chain ORDER BY chain_pos DESC LIMIT 1),"
    " '1111111111111111111111111111111111111111111111111111111111111111'";

START_TEST(test_prior_figures)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_prior_archive p;
    int found = -1;
    ck_assert_int_eq(ces_archive_prior_figures(a, "2024H1", &p, &found), CES_OK);
    ck_assert_int_eq(found, 0);
    ck_assert_uint_eq(p.n, 0);
    ces_prior_archive_free(&p);

    long import_id = import_base(a, 0, 0, CES_OK);
    ces_results r;
    make_results(&r);
    save_results(a, import_id, &r);          /* run 1 */
    r.companies[0].complaints_total = 555.0; /* run 2 differs */
    save_results(a, import_id, &r);
    ck_assert_int_eq(ces_archive_prior_figures(a, "2024H1", &p, &found), CES_OK);
    ck_assert_int_eq(found, 1);
    ck_assert_int_eq(p.run_id, 2); /* latest run */
    ck_assert_str_eq(p.period, "2024H1");
    ck_assert_uint_eq(p.n, 3);
    ck_assert_str_eq(p.rows[0].code, "SH-PC-001");
    ck_assert(p.rows[0].total == 555.0);
    ck_assert(p.rows[2].premium_wan == r.companies[2].premium_wan);
    ces_prior_archive_free(&p);
    ces_archive_close(a);

    char msg[256];
    ck_assert_int_eq(raw_exec(&t, FINALIZE_RUN1, msg, sizeof msg), SQLITE_OK);
    a = open_ok(&t);
    ck_assert_int_eq(ces_archive_prior_figures(a, "2024H1", &p, &found), CES_OK);
    ck_assert_int_eq(found, 1);
    ck_assert_int_eq(p.run_id, 1); /* finalized run preferred */
    ck_assert(p.rows[0].total == 120.0);
    ces_prior_archive_free(&p);
    ces_stored_run s;
    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", 1, &s), CES_OK);
    ck_assert_int_eq(s.status, CES_RUN_FINAL);
    ces_stored_run_free(&s);
    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", 2, &s), CES_OK);
    ck_assert_int_eq(s.status, CES_RUN_DRAFT);
    ces_stored_run_free(&s);
    /* no run named: the finalized run, although run 2 is later */
    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", 0, &s), CES_OK);
    ck_assert_int_eq(s.run_id, 1);
    ces_stored_run_free(&s);
    /* a finalized period's inputs are frozen, even with --replace; identical ones are reused */
    import_base(a, 1, 1, CES_ERR_CONFLICT);
    ck_assert_str_eq(last_msg(), "period 2024H1 is finalized (run 1); its inputs are frozen");
    ck_assert_int_eq(import_base(a, 0, 0, CES_OK), import_id);
    ces_results_free(&r);
    ces_archive_close(a);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_append_only)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    long import_id = import_base(a, 0, 0, CES_OK);
    ces_results r;
    make_results(&r);
    save_results(a, import_id, &r);
    ces_results_free(&r);
    ces_archive_close(a);
    static const char *const attempts[] = {
        "UPDATE imports SET operator = 'mallory'",
        "DELETE FROM imports",
        "UPDATE import_files SET bytes = x'00'",
        "DELETE FROM complaints",
        "UPDATE statistics SET premium_wan = 1",
        "DELETE FROM qualitative_checklists",
        "UPDATE qualitative_checklists SET items = '0:0:1'",
        "UPDATE runs SET config_text = 'x'",
        "UPDATE run_indicator_chunks SET bytes = x'00'",
        "DELETE FROM run_indicator_chunks",
        "DELETE FROM run_companies",
        "DELETE FROM run_excluded",
    };
    char msg[256];
    for (size_t i = 0; i < sizeof attempts / sizeof attempts[0]; i++) {
        ck_assert_int_ne(raw_exec(&t, attempts[i], msg, sizeof msg), SQLITE_OK);
        ck_assert_msg(strstr(msg, "cescore archive is append-only"), "%s: %s", attempts[i], msg);
    }
    /* schema v5: the indicators of a run are its chunks, no longer rows */
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM run_indicator_chunks"), 1);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM run_indicators"), 0);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM run_benchmarks"), 2 * CES_IND_COUNT);
    /* a chain entry at the wrong position or with the wrong prev_hash is refused */
    ck_assert_int_ne(
        raw_exec(
            &t,
            "INSERT INTO reviews (run_id, period, operator, time, engine_version, chain_pos, prev_hash, hash)"
            " VALUES (1, '2024H1', 'x', 't', '1.0.0', 3,"
            " '2222222222222222222222222222222222222222222222222222222222222222',"
            " '3333333333333333333333333333333333333333333333333333333333333333')",
            msg, sizeof msg),
        SQLITE_OK);
    ck_assert_ptr_nonnull(strstr(msg, "hash chain out of order"));
    tmpdb_remove(&t);
}
END_TEST

static void check_import_hash(ces_archive *a, const ces_import_entry *e, const char *prev)
{
    ces_dataset ds;
    ck_assert_int_eq(ces_archive_load_dataset(a, NULL, e->id, &ds), CES_OK);
    arch_import_meta m = {e->id, e->period, e->version, e->time, e->operator_name, NULL};
    ces_buf b = {0};
    arch_canon_import(&b, &m, &ds);
    char h[65];
    arch_chain_hash(prev, &b, h);
    ck_assert_str_eq(h, e->hash);
    ces_buf_free(&b);
    ces_dataset_free(&ds);
}

static void check_run_hash(ces_archive *a, long run_id, const char *prev, char out[65])
{
    ces_stored_run s;
    ck_assert_int_eq(ces_archive_load_run(a, NULL, run_id, &s), CES_OK);
    arch_run_meta m = {
        s.run_id,      s.import_id,     s.period,          s.time, s.operator_name, s.engine_version,
        s.config_name, s.config_sha256, s.calendar_sha256, 0};
    ces_buf b = {0};
    arch_canon_run(&b, &m, &s.results);
    char h[65];
    arch_chain_hash(prev, &b, h);
    ck_assert_str_eq(h, s.hash);
    snprintf(out, 65, "%s", s.hash);
    ces_buf_free(&b);
    ces_stored_run_free(&s);
}

START_TEST(test_hash_chain_recomputable)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    long i1 = import_base(a, 0, 0, CES_OK);
    ces_results r;
    make_results(&r);
    save_results(a, i1, &r);      /* chain 2 */
    import_base(a, 1, 1, CES_OK); /* chain 3 */
    save_results(a, 2, &r);       /* chain 4 */
    ces_results_free(&r);
    ces_history h;
    ck_assert_int_eq(ces_archive_history(a, NULL, &h), CES_OK);
    char prev[65];
    check_import_hash(a, &h.imports[0],
                      "0000000000000000000000000000000000000000000000000000000000000000");
    check_run_hash(a, 1, h.imports[0].hash, prev);
    check_import_hash(a, &h.imports[1], prev);
    check_run_hash(a, 2, h.imports[1].hash, prev);
    ces_history_free(&h);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM chain"), 4);
    ck_assert_int_eq(
        raw_long(&t,
                 "SELECT count(*) FROM chain c JOIN chain p ON p.chain_pos = c.chain_pos - 1"
                 " WHERE c.prev_hash = p.hash"),
        3);
    ck_assert_int_eq(raw_long(&t, "SELECT chain_pos FROM runs WHERE id = 2"), 4);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_newer_schema_refused)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_archive_close(a);
    ck_assert_int_eq(raw_exec(&t, "PRAGMA user_version = 99", NULL, 0), SQLITE_OK);
    char err[256] = "";
    a = NULL;
    ck_assert_int_eq(open_err(t.path, &a, err, sizeof err), CES_ERR_CONFLICT);
    ck_assert_ptr_null(a);
    char want[256];
    snprintf(want, sizeof want,
             "%s: archive %s has schema version 99, newer than this engine's (%d); use a newer cescore",
             t.path, t.path, ARCH_SCHEMA_VERSION);
    ck_assert_str_eq(err, want);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_foreign_file_refused)
{
    tmpdb t;
    tmpdb_make(&t);
    ck_assert_int_eq(raw_exec(&t, "CREATE TABLE x (y)", NULL, 0), SQLITE_OK);
    char err[256] = "";
    ces_archive *a = NULL;
    ck_assert_int_eq(open_err(t.path, &a, err, sizeof err), CES_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err, "is not a cescore archive"));
    tmpdb_remove(&t);
    /* not SQLite at all */
    tmpdb_make(&t);
    FILE *fp = fopen(t.path, "wb");
    ck_assert_ptr_nonnull(fp);
    for (int i = 0; i < 64; i++)
        fputs("this is not a database, ", fp);
    fclose(fp);
    ck_assert_int_eq(open_err(t.path, &a, err, sizeof err), CES_ERR_IO);
    ck_assert_ptr_nonnull(strstr(err, "sqlite: "));
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_rollback_leaves_nothing)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ck_assert_int_eq(ces_archive_begin(a), CES_OK);
    long import_id = import_base(a, 0, 0, CES_OK);
    ces_results r;
    make_results(&r);
    save_results(a, import_id, &r);
    ces_archive_rollback(a);
    long latest = -1;
    ck_assert_int_eq(ces_archive_latest_import(a, "2024H1", &latest), CES_OK);
    ck_assert_int_eq(latest, 0);
    ces_history h;
    ck_assert_int_eq(ces_archive_history(a, NULL, &h), CES_OK);
    ck_assert_uint_eq(h.n_imports + h.n_runs, 0);
    ces_history_free(&h);

    /* a failing operation inside the caller's transaction undoes only itself */
    ck_assert_int_eq(ces_archive_begin(a), CES_OK);
    ck_assert_int_eq(import_base(a, 0, 0, CES_OK), 1);
    import_base(a, 1, 0, CES_ERR_CONFLICT);
    r.period = (ces_period){2025, CES_PERIOD_H1};
    ces_config cfg;
    make_config(&cfg);
    long run_id;
    ck_assert_int_eq(ces_archive_save_run(a, 1, &cfg, &r, "1.0.0", "x", "t", &run_id), CES_ERR_INVALID);
    free(cfg.text);
    ck_assert_int_eq(ces_archive_commit(a), CES_OK);
    ces_results_free(&r);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM imports"), 1);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM companies"), 3);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM runs"), 0);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_locked_database_conflict)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_archive_close(a);
    setenv("CESCORE_BUSY_TIMEOUT_MS", "20", 1);
    sqlite3 *other;
    ck_assert_int_eq(sqlite3_open(t.path, &other), SQLITE_OK);
    ck_assert_int_eq(sqlite3_exec(other, "BEGIN IMMEDIATE", NULL, NULL, NULL), SQLITE_OK);
    a = open_ok(&t); /* reading is possible while another holds the write lock */
    ck_assert_int_eq(ces_archive_begin(a), CES_ERR_CONFLICT);
    ck_assert_ptr_nonnull(strstr(last_msg(), "database is locked"));
    /* an import outside a transaction waits, then gives up the same way */
    import_base(a, 0, 0, CES_ERR_CONFLICT);
    sqlite3_exec(other, "ROLLBACK", NULL, NULL, NULL);
    sqlite3_close(other);
    ck_assert_int_eq(import_base(a, 0, 0, CES_OK), 1);
    ces_archive_close(a);
    unsetenv("CESCORE_BUSY_TIMEOUT_MS");
    tmpdb_remove(&t);
}
END_TEST

/* A process killed in the middle of an import (after writing rows, before
 * COMMIT) leaves the archive as it was: the journal is rolled back on open. */
START_TEST(test_killed_import_leaves_nothing)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_archive_close(a);
    pid_t pid = fork();
    ck_assert_int_ge(pid, 0);
    if (pid == 0) {
        ces_archive *c = NULL;
        ces_dataset ds;
        long id;
        int reused;
        if (ces_archive_open(t.path, CES_ARCHIVE_CREATE, &c, &test_diags) != CES_OK ||
            ces_archive_begin(c) != CES_OK)
            _exit(2);
        make_dataset(&ds, 0);
        if (ces_archive_import(c, &ds, "x", "t", 0, &id, &reused) != CES_OK)
            _exit(3);
        raise(SIGKILL);
        _exit(4);
    }
    int status = 0;
    ck_assert_int_eq(waitpid(pid, &status, 0), pid);
    ck_assert_msg(WIFSIGNALED(status) && WTERMSIG(status) == SIGKILL, "child status %d", status);
    a = open_ok(&t);
    long latest = -1;
    ck_assert_int_eq(ces_archive_latest_import(a, "2024H1", &latest), CES_OK);
    ck_assert_int_eq(latest, 0);
    ck_assert_int_eq(import_base(a, 0, 0, CES_OK), 1);
    ces_archive_close(a);
    char ok[16];
    raw_text(&t, "PRAGMA integrity_check", ok, sizeof ok);
    ck_assert_str_eq(ok, "ok");
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_sha256_hex)
{
    char out[65];
    ck_assert_int_eq(ces_sha256_hex("abc", 3, out), CES_OK);
    ck_assert_str_eq(out, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    ck_assert_int_eq(ces_sha256_hex("", 0, out), CES_OK);
    ck_assert_str_eq(out, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}
END_TEST

/* ---- audit trail: compare, review/finalize, prior figures of a run, verify, migration ---- */

typedef struct {
    int n;
    char company[32], indicator[48], field[32], stored[64], recomputed[64];
} first_diff;

static void keep_first(const ces_difference *d, void *ctx)
{
    first_diff *f = ctx;
    if (f->n++ == 0) {
        snprintf(f->company, sizeof f->company, "%s", d->company);
        snprintf(f->indicator, sizeof f->indicator, "%s", d->indicator ? d->indicator : "-");
        snprintf(f->field, sizeof f->field, "%s", d->field);
        snprintf(f->stored, sizeof f->stored, "%s", d->stored);
        snprintf(f->recomputed, sizeof f->recomputed, "%s", d->recomputed);
    }
}

START_TEST(test_compare_results)
{
    ces_results x, y;
    make_results(&x);
    make_results(&y);
    first_diff f = {0};
    ck_assert_uint_eq(ces_results_compare(&x, &y, keep_first, &f), 0);
    ck_assert_int_eq(f.n, 0);
    /* NaN equals NaN, -0 equals 0 (as archived) */
    y.companies[2].ind[CES_IND_TIMELINESS].benchmark = 0.0;
    ck_assert_uint_eq(ces_results_compare(&x, &y, NULL, NULL), 0);
    /* one indicator score */
    y.companies[1].ind[CES_IND_TIMELINESS].score += 1.0;
    ck_assert_uint_eq(ces_results_compare(&x, &y, keep_first, &f), 1);
    ck_assert_str_eq(f.company, "SH-PC-009");
    ck_assert_str_eq(f.indicator, ces_ind_id(CES_IND_TIMELINESS));
    ck_assert_str_eq(f.field, "score");
    char want[64];
    snprintf(want, sizeof want, "%.15g", x.companies[1].ind[CES_IND_TIMELINESS].score);
    ck_assert_str_eq(f.stored, want);
    y.companies[1].ind[CES_IND_TIMELINESS].score = x.companies[1].ind[CES_IND_TIMELINESS].score;
    /* a rank, a group benchmark, an excluded entry, the prior source */
    memset(&f, 0, sizeof f);
    y.companies[0].rank = 7;
    ck_assert_uint_eq(ces_results_compare(&x, &y, keep_first, &f), 1);
    ck_assert_str_eq(f.company, "SH-PC-001");
    ck_assert_str_eq(f.field, "rank");
    ck_assert_str_eq(f.stored, "1");
    ck_assert_str_eq(f.recomputed, "7");
    y.companies[0].rank = x.companies[0].rank;
    y.groups[1].benchmark[3] += 1e-12;
    y.excluded[1].reason = CES_EXCL_NOT_OPEN_FULL_YEAR;
    y.prior_source = CES_PRIOR_SOURCE_CSV;
    memset(&f, 0, sizeof f);
    ck_assert_uint_eq(ces_results_compare(&x, &y, keep_first, &f), 3);
    ck_assert_str_eq(f.company, "(period)");
    ck_assert_str_eq(f.field, "prior_source");
    /* a company missing from the recomputation */
    ces_results_free(&y);
    make_results(&y);
    y.n_companies = 2;
    memset(&f, 0, sizeof f);
    ck_assert_uint_ge(ces_results_compare(&x, &y, keep_first, &f), 2);
    y.n_companies = 3;
    ces_results_free(&x);
    ces_results_free(&y);
}
END_TEST

/* import + run 1 (by analyst-a) */
static long base_with_run(ces_archive *a, ces_results *r)
{
    long import_id = import_base(a, 0, 0, CES_OK);
    make_results(r);
    return save_results(a, import_id, r);
}

START_TEST(test_review_and_finalize_rules)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_results r;
    long run = base_with_run(a, &r);
    long id = -1;
    ck_assert_int_eq(
        ces_archive_record_review(a, run, "analyst-a", "2024-07-21T09:00:00Z", "1.0.0", &id),
        CES_ERR_CONFLICT);
    ck_assert_int_eq(id, 0);
    ck_assert_int_eq(ces_archive_finalize(a, run, "chief", "2024-07-21T09:00:00Z", &id),
                     CES_ERR_CONFLICT);
    ck_assert_ptr_nonnull(strstr(last_msg(), "no review"));
    ck_assert_int_eq(ces_archive_record_review(a, 99, "bob", "t", "1.0.0", &id), CES_ERR_INVALID);
    ck_assert_int_eq(ces_archive_record_review(a, run, "bob", "2024-07-21T09:00:00Z", "1.0.0", &id),
                     CES_OK);
    ck_assert_int_eq(id, 1);
    long published = -1;
    ck_assert_int_eq(ces_archive_finalized_run(a, "2024H1", &published), CES_OK);
    ck_assert_int_eq(published, 0);
    ck_assert_int_eq(ces_archive_finalize(a, run, "chief", "2024-07-22T09:00:00Z", &id), CES_OK);
    ck_assert_int_eq(id, 1);
    ck_assert_int_eq(ces_archive_finalized_run(a, "2024H1", &published), CES_OK);
    ck_assert_int_eq(published, run);
    ck_assert_int_eq(ces_archive_finalize(a, run, "chief", "2024-07-22T09:00:00Z", &id),
                     CES_ERR_CONFLICT);
    ck_assert_ptr_nonnull(strstr(last_msg(), "already finalized"));
    import_base(a, 1, 1, CES_ERR_CONFLICT); /* frozen */
    ces_history h;
    ck_assert_int_eq(ces_archive_history(a, "2024H1", &h), CES_OK);
    ck_assert_uint_eq(h.n_reviews, 1);
    ck_assert_str_eq(h.reviews[0].operator_name, "bob");
    ck_assert_str_eq(h.reviews[0].outcome, "approved");
    ck_assert_uint_eq(h.n_finalizations, 1);
    ck_assert_int_eq(h.finalizations[0].review_id, 1);
    ck_assert_str_eq(h.finalizations[0].operator_name, "chief");
    ces_history_free(&h);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_msg(v.ok, "verify: %s %ld: %s", v.entry, v.id, v.message);
    ck_assert_int_eq(v.entries, 4);
    ces_results_free(&r);
    ces_archive_close(a);
    /* reviews and finalizations are append-only too */
    char msg[256];
    ck_assert_int_ne(raw_exec(&t, "UPDATE reviews SET operator = 'analyst-a'", msg, sizeof msg),
                     SQLITE_OK);
    ck_assert_int_ne(raw_exec(&t, "DELETE FROM finalizations", msg, sizeof msg), SQLITE_OK);
    tmpdb_remove(&t);
}
END_TEST

/* run 2 takes its prior figures from run 1 */
static long save_archive_prior_run(ces_archive *a, long import_id, long prior_run)
{
    ces_results r2;
    make_results(&r2);
    r2.prior_source = CES_PRIOR_SOURCE_ARCHIVE;
    r2.prior_run_id = prior_run;
    snprintf(r2.prior_period, sizeof r2.prior_period, "2023H1");
    long id = save_results(a, import_id, &r2);
    ces_results_free(&r2);
    return id;
}

static void assert_prior_of_run(ces_archive *a, long run, const ces_results *prior_run_results)
{
    ces_prior_archive p;
    int found = -1;
    ck_assert_int_eq(ces_archive_prior_figures_of_run(a, run, &p, &found), CES_OK);
    ck_assert_int_eq(found, 1);
    ck_assert_int_eq(p.run_id, 1);
    ck_assert_str_eq(p.period, "2023H1");
    ck_assert_uint_eq(p.n, prior_run_results->n_companies);
    for (size_t i = 0; i < p.n; i++) {
        ck_assert_str_eq(p.rows[i].code, prior_run_results->companies[i].code);
        assert_double_same(p.rows[i].total, prior_run_results->companies[i].complaints_total);
        assert_double_same(p.rows[i].premium_wan, prior_run_results->companies[i].premium_wan);
    }
    ces_prior_archive_free(&p);
}

START_TEST(test_prior_figures_of_run)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_results r;
    long run1 = base_with_run(a, &r);
    long run2 = save_archive_prior_run(a, 1, run1);
    assert_prior_of_run(a, run2, &r);
    ces_prior_archive p;
    int found = -1;
    ck_assert_int_eq(ces_archive_prior_figures_of_run(a, run1, &p, &found), CES_OK);
    ck_assert_int_eq(found, 0);
    ces_prior_archive_free(&p);
    ck_assert_int_eq(ces_archive_prior_figures_of_run(a, 42, &p, &found), CES_ERR_INVALID);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_msg(v.ok, "verify: %s", v.message);
    ces_archive_close(a);
    /* the recorded figures are checked by verify against the prior run's */
    ck_assert_int_eq(raw_exec(&t,
                              "DROP TRIGGER run_prior_figures_no_update;"
                              " UPDATE run_prior_figures SET complaints_total = 1 WHERE position = 0",
                              NULL, 0),
                     SQLITE_OK);
    a = open_ok(&t);
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_int_eq(v.ok, 0);
    ck_assert_str_eq(v.entry, "run");
    ck_assert_int_eq(v.id, run2);
    ck_assert_ptr_nonnull(strstr(v.message, "prior figures"));
    ces_results_free(&r);
    ces_archive_close(a);
    tmpdb_remove(&t);
}
END_TEST

static void expect_verify_names(const tmpdb *t, const char *tamper, const char *entry, long id, long pos,
                                const char *in_message)
{
    char msg[256] = "";
    ck_assert_msg(raw_exec(t, tamper, msg, sizeof msg) == SQLITE_OK, "tamper: %s", msg);
    ces_archive *a = open_ok(t);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_int_eq(v.ok, 0);
    ck_assert_str_eq(v.entry, entry);
    ck_assert_int_eq(v.id, id);
    ck_assert_int_eq(v.chain_pos, pos);
    ck_assert_msg(strstr(v.message, in_message), "message: %s", v.message);
    ces_archive_close(a);
}

START_TEST(test_verify_names_first_altered_entry)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ces_results r;
    long run = base_with_run(a, &r);
    long id;
    ck_assert_int_eq(ces_archive_record_review(a, run, "bob", "2024-07-21T09:00:00Z", "1.0.0", &id),
                     CES_OK);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert(v.ok);
    ck_assert_int_eq(v.entries, 3);
    ces_archive_close(a);
    char head[65];
    raw_text(&t, "SELECT hash FROM chain ORDER BY chain_pos DESC LIMIT 1", head, sizeof head);
    ck_assert_str_eq(v.head_hash, head);
    /* later entries first, so that each is the first failure in turn */
    expect_verify_names(&t, "DROP TRIGGER reviews_no_update; UPDATE reviews SET operator = 'mallory'",
                        "review", 1, 3, "does not match its hash");
    expect_verify_names(&t,
                        "DROP TRIGGER run_indicator_chunks_no_update;"
                        " UPDATE run_indicator_chunks SET bytes = CAST(replace(CAST(bytes AS TEXT),"
                        " ' 1 ', ' 2 ') AS BLOB)",
                        "run", run, 2, "does not match its hash");
    expect_verify_names(&t,
                        "DROP TRIGGER import_files_no_update;"
                        " UPDATE import_files SET bytes = bytes || x'0a' WHERE kind = 'companies'",
                        "import", 1, 1, "companies.csv");
    ces_results_free(&r);
    tmpdb_remove(&t);
}
END_TEST

/* ---- a file read as a stream (cases.csv, schema v3) ---- */

/* A cases.csv of n bytes in a temporary file; its sha256 in sha. */
static char *stream_file(size_t n, char sha[65])
{
    static char path[] = "/tmp/cescore-test-cases-XXXXXX";
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    char *bytes = malloc(n);
    for (size_t i = 0; i < n; i++)
        bytes[i] = (char)(i % 61 == 60 ? '\n' : 'a' + (char)(i % 26));
    ck_assert_int_eq(write(fd, bytes, n), (ssize_t)n);
    close(fd);
    ck_assert_int_eq(ces_sha256_hex(bytes, n, sha), CES_OK);
    free(bytes);
    return path;
}

/* The base dataset with cases.csv read from path (never held). */
static void dataset_with_stream(ces_dataset *ds, const char *path, size_t n, const char *sha)
{
    make_dataset(ds, 0);
    ces_input_file *f = &ds->files[CES_FILE_CASES];
    free(f->bytes);
    f->bytes = NULL;
    f->path = strdup(path);
    f->len = n;
    f->rows = 7;
    f->header = strdup("case_id\tcode");
    memcpy(f->sha256, sha, 65);
}

static void read_stream(ces_archive *a, long import_id, unsigned char *out, size_t n)
{
    ces_archive_file *f;
    ces_byte_source src;
    ck_assert_int_eq(ces_archive_file_open(a, import_id, CES_FILE_CASES, &f, &src), CES_OK);
    ck_assert_uint_eq(src.size, n);
    size_t got, at = 0;
    do { /* odd-sized reads, across the chunks */
        ck_assert_int_eq(src.read(src.ctx, out + at, n - at < 77777 ? n - at + 1 : 77777, &got), CES_OK);
        at += got;
    } while (got);
    ck_assert_uint_eq(at, n);
    ces_archive_file_close(f);
}

START_TEST(test_streamed_file_in_chunks)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    char sha[65];
    size_t n = 2 * 1024 * 1024 + 12345; /* three chunks */
    char *path = stream_file(n, sha);
    ces_dataset ds;
    dataset_with_stream(&ds, path, n, sha);
    long id;
    int reused;
    ck_assert_int_eq(ces_archive_import(a, &ds, "analyst-a", "2024-07-20T09:00:00Z", 0, &id, &reused),
                     CES_OK);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM import_file_chunks"), 3);
    /* read back whole, byte for byte; the header as it was read */
    unsigned char *back = malloc(n + 1), *orig = malloc(n);
    read_stream(a, id, back, n);
    FILE *fp = fopen(path, "rb");
    ck_assert_uint_eq(fread(orig, 1, n, fp), n);
    fclose(fp);
    ck_assert_int_eq(memcmp(back, orig, n), 0);
    ces_dataset loaded;
    ck_assert_int_eq(ces_archive_load_dataset(a, "2024H1", id, &loaded), CES_OK);
    ck_assert_ptr_null(loaded.files[CES_FILE_CASES].bytes);
    ck_assert_uint_eq(loaded.files[CES_FILE_CASES].len, n);
    ck_assert_str_eq(loaded.files[CES_FILE_CASES].sha256, sha);
    ck_assert_str_eq(loaded.files[CES_FILE_CASES].header, "case_id\tcode");
    ces_dataset_free(&loaded);
    /* the same file again: reused; the same bytes read another way: a new version */
    ck_assert_int_eq(ces_archive_import(a, &ds, "analyst-a", "2024-07-21T09:00:00Z", 0, &id, &reused),
                     CES_OK);
    ck_assert_int_eq(reused, 1);
    free(ds.files[CES_FILE_CASES].header);
    ds.files[CES_FILE_CASES].header = strdup("code\tcase_id");
    ck_assert_int_eq(ces_archive_import(a, &ds, "analyst-a", "2024-07-21T09:00:00Z", 0, &id, &reused),
                     CES_ERR_CONFLICT);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_msg(v.ok, "verify: %s", v.message);
    ces_archive_close(a);
    /* a chunk altered afterwards: verify names the file */
    expect_verify_names(&t,
                        "DROP TRIGGER import_file_chunks_no_update;"
                        " UPDATE import_file_chunks SET bytes = bytes || x'0a' WHERE seq = 1",
                        "import", 1, 1, "cases.csv");
    ces_dataset_free(&ds);
    free(back);
    free(orig);
    unlink(path);
    tmpdb_remove(&t);
}
END_TEST

/* A file that is no longer the bytes that were checked is not archived. */
START_TEST(test_streamed_file_changed)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    char sha[65], other[65];
    char *path = stream_file(5000, sha);
    ces_dataset ds;
    ck_assert_int_eq(ces_sha256_hex("something else", 14, other), CES_OK);
    dataset_with_stream(&ds, path, 5000, other);
    long id;
    int reused;
    ck_assert_int_eq(ces_archive_import(a, &ds, "analyst-a", "2024-07-20T09:00:00Z", 0, &id, &reused),
                     CES_ERR_IO);
    ck_assert_str_eq(last_msg(),
                     "cases.csv changed while it was archived (it was checked with sha256 "
                     "f41f3fa625ff120ddca7ef456bf66371ecea23c129f4e4c32367101edb516cf8); nothing "
                     "was archived");
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM imports"), 0);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM import_file_chunks"), 0);
    ces_dataset_free(&ds);
    unlink(path);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_migration_from_v1_schema)
{
    tmpdb t;
    tmpdb_make(&t);
    /* a database exactly as the v1 engine created it */
    char msg[256] = "";
    ck_assert_msg(raw_exec(&t, arch_migration_sql(1), msg, sizeof msg) == SQLITE_OK, "v1: %s", msg);
    ck_assert_int_eq(raw_exec(&t, "PRAGMA user_version = 1", NULL, 0), SQLITE_OK);
    ces_archive *a = open_ok(&t);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "PRAGMA user_version"), ARCH_SCHEMA_VERSION);
    ck_assert_int_eq(
        raw_long(&t, "SELECT count(*) FROM sqlite_master WHERE name LIKE 'run_prior_figures%'"), 3);
    tmpdb_remove(&t);
}
END_TEST

/* ---- helpers: a run as schema v4 and earlier stored it ---- */

/* Every run's indicator lines (schema v5's run_indicator_chunks) turned into
 * the run_indicators rows an engine before v5 wrote, every qualitative row's
 * items (qualitative_checklists) into its qualitative_items rows, and both
 * tables dropped: the archive is then as schema v4 left it. */
static void chunks_to_v4_rows(const tmpdb *t)
{
    sqlite3 *db;
    sqlite3_stmt *q, *ins, *code;
    ck_assert_int_eq(sqlite3_open(t->path, &db), SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT bytes FROM run_indicator_chunks WHERE run_id = ?1"
                                        " ORDER BY seq",
                                        -1, &q, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT code FROM run_companies WHERE run_id = ?1"
                                        " AND position = ?2",
                                        -1, &code, NULL),
                     SQLITE_OK);
    ces_buf sql = {0};
    ces_buf_printf(&sql, "INSERT INTO run_indicators (run_id, company_code, indicator, ");
    arch_rec_columns(&sql, &CES_REC_IND_RESULT, "");
    ces_buf_printf(&sql, ") VALUES (?1, ?2, ?3");
    for (size_t i = 0; i < CES_REC_IND_RESULT.n; i++)
        ces_buf_printf(&sql, ", ?%zu", i + 4);
    ces_buf_printf(&sql, ")");
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql.p, -1, &ins, NULL), SQLITE_OK);
    ces_buf_free(&sql);
    /* every run's lines, then each of its companies' CES_IND_COUNT rows (an
     * indicator without a line: all fields 0, as v4 wrote it) */
    sqlite3_stmt *runs;
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT r.id, (SELECT count(*) FROM run_companies c"
                                        " WHERE c.run_id = r.id) FROM runs r"
                                        " WHERE EXISTS (SELECT 1 FROM run_indicator_chunks k"
                                        " WHERE k.run_id = r.id)",
                                        -1, &runs, NULL),
                     SQLITE_OK);
    while (sqlite3_step(runs) == SQLITE_ROW) {
        long run = (long)sqlite3_column_int64(runs, 0);
        size_t n = (size_t)sqlite3_column_int64(runs, 1);
        ces_ind_result(*ind)[CES_IND_COUNT] = calloc(n ? n : 1, sizeof *ind);
        sqlite3_bind_int64(q, 1, run);
        while (sqlite3_step(q) == SQLITE_ROW) {
            ces_buf text = {0};
            ces_buf_raw(&text, sqlite3_column_blob(q, 0), (size_t)sqlite3_column_bytes(q, 0));
            for (const char *p = text.p; *p;) {
                char *end, id[64];
                unsigned long pos = strtoul(p, &end, 10);
                int used = 0;
                ck_assert_int_eq(sscanf(end, " %63s%n", id, &used), 1);
                p = end + used;
                int i = ces_ind_parse(id);
                ck_assert(pos < n && i >= 0);
                ck_assert_int_eq(arch_canon_read_values(&p, &CES_REC_IND_RESULT, &ind[pos][i]), 0);
                ck_assert_int_eq(*p++, '\n');
            }
            ces_buf_free(&text);
        }
        sqlite3_reset(q);
        for (size_t pos = 0; pos < n; pos++)
            for (int i = 0; i < CES_IND_COUNT; i++) {
                sqlite3_bind_int64(code, 1, run);
                sqlite3_bind_int64(code, 2, (sqlite3_int64)pos);
                ck_assert_int_eq(sqlite3_step(code), SQLITE_ROW);
                sqlite3_bind_int64(ins, 1, run);
                sqlite3_bind_text(ins, 2, (const char *)sqlite3_column_text(code, 0), -1,
                                  SQLITE_TRANSIENT);
                sqlite3_bind_text(ins, 3, ces_ind_id((ces_ind)i), -1, SQLITE_STATIC);
                arch_rec_bind(ins, 4, &CES_REC_IND_RESULT, &ind[pos][i]);
                ck_assert_int_eq(sqlite3_step(ins), SQLITE_DONE);
                sqlite3_reset(ins);
                sqlite3_reset(code);
            }
        free(ind);
    }
    sqlite3_finalize(runs);
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    sqlite3_finalize(code);
    ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE run_indicator_chunks", NULL, NULL, NULL), SQLITE_OK);
    /* and each qualitative row's items text as its qualitative_items rows */
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "SELECT c.import_id, c.seq, r.line, r.code, c.items"
                                        " FROM qualitative_checklists c JOIN qualitative_rows r"
                                        " ON r.import_id = c.import_id AND r.seq = c.seq",
                                        -1, &q, NULL),
                     SQLITE_OK);
    ck_assert_int_eq(sqlite3_prepare_v2(db,
                                        "INSERT INTO qualitative_items (import_id, seq, line, code,"
                                        " checklist, item_index, established)"
                                        " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                                        -1, &ins, NULL),
                     SQLITE_OK);
    while (sqlite3_step(q) == SQLITE_ROW) {
        const char *p = (const char *)sqlite3_column_text(q, 4);
        int c, k, v, used;
        for (; sscanf(p, "%d:%d:%d%n", &c, &k, &v, &used) == 3; p += used + (p[used] == ' ')) {
            for (int col = 0; col < 4; col++)
                sqlite3_bind_value(ins, col + 1, sqlite3_column_value(q, col));
            sqlite3_bind_int(ins, 5, c);
            sqlite3_bind_int(ins, 6, k);
            sqlite3_bind_int(ins, 7, v);
            ck_assert_int_eq(sqlite3_step(ins), SQLITE_DONE);
            sqlite3_reset(ins);
        }
        ck_assert_int_eq(*p, '\0');
    }
    sqlite3_finalize(q);
    sqlite3_finalize(ins);
    ck_assert_int_eq(sqlite3_exec(db, "DROP TABLE qualitative_checklists", NULL, NULL, NULL), SQLITE_OK);
    sqlite3_close(db);
}

START_TEST(test_migration_backfills_v1_data)
{
    tmpdb t;
    tmpdb_make(&t);
    without_cases = 1; /* v1 refused case lists */
    ces_archive *a = open_ok(&t);
    ces_results r;
    long run1 = base_with_run(a, &r);
    long run2 = save_archive_prior_run(a, 1, run1);
    ces_archive_close(a);
    /* take the archive back to v1: the v2, v3, v4 and v5 tables did not exist */
    chunks_to_v4_rows(&t);
    ck_assert_int_eq(
        raw_exec(
            &t,
            "DROP TABLE run_prior_figures; DROP TABLE import_file_chunks; DROP TABLE import_headers;"
            " DROP TABLE run_calendars; DROP TABLE run_case_counts;"
            " DROP TABLE run_case_overdue; DROP TABLE run_case_categories;"
            " DROP TABLE import_findings; DROP TABLE import_acceptances; DROP INDEX import_files_by_sha256;"
            " PRAGMA user_version = 1",
            NULL, 0),
        SQLITE_OK);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM sqlite_master WHERE name = 'run_prior_figures'"),
                     0);
    a = open_ok(&t); /* migrated forward */
    assert_prior_of_run(a, run2, &r);
    ces_stored_run s;
    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", run2, &s), CES_OK);
    ck_assert_int_eq(s.results.prior_run_id, run1);
    ces_stored_run_free(&s);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_msg(v.ok, "verify: %s", v.message);
    ces_archive_close(a);
    ck_assert_int_eq(raw_long(&t, "PRAGMA user_version"), ARCH_SCHEMA_VERSION);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM run_prior_figures WHERE run_id = 2"), 3);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM run_prior_figures WHERE run_id = 1"), 0);
    ces_results_free(&r);
    tmpdb_remove(&t);
}
END_TEST

/* Schema v4: an acceptance of findings is stored with the import, sealed in
 * its canonical text, read back by history, and an identical bundle with
 * the same findings accepted reuses that import. */
/* Schema v5: a run's indicators as their canonical lines come back exactly,
 * whatever the double (17 significant digits read by strtod). */
START_TEST(test_run_indicator_lines_exact)
{
    static const double awkward[] = {0.1,
                                     1.0 / 3.0,
                                     2.0 / 3.0,
                                     1e-300,
                                     4.9e-324,
                                     2.2250738585072014e-308,
                                     1.7976931348623157e308,
                                     -1.5e17,
                                     123456789012345678.0,
                                     0.30000000000000004,
                                     -7.25,
                                     1e22,
                                     9007199254740993.0};
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    long import_id = import_base(a, 0, 0, CES_OK);
    ces_results r;
    make_results(&r);
    size_t k = 0;
    for (size_t c = 0; c < r.n_companies; c++)
        for (int i = 0; i < CES_IND_COUNT; i++, k++) {
            ces_ind_result *x = &r.companies[c].ind[i];
            x->numerator = awkward[k % (sizeof awkward / sizeof awkward[0])];
            x->raw = -awkward[(k + 3) % (sizeof awkward / sizeof awkward[0])];
            x->score = awkward[(k + 7) % (sizeof awkward / sizeof awkward[0])] / 7.0;
            x->missing = 0x3ffffu ^ (unsigned)k;
        }
    long run = save_results(a, import_id, &r);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM run_indicators"), 0);
    ck_assert_int_ge(raw_long(&t, "SELECT count(*) FROM run_indicator_chunks"), 1);
    ces_stored_run s;
    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", run, &s), CES_OK);
    assert_results_equal(&r, &s.results);
    ces_stored_run_free(&s);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_msg(v.ok, "verify: %s", v.message);
    ces_archive_close(a);
    ces_results_free(&r);
    tmpdb_remove(&t);
}
END_TEST

/* An archive of schema v4 (a run's indicators as rows) migrates to v5: its
 * runs still load exactly and verify, and a new run is stored as lines. */
START_TEST(test_migration_v4_runs_keep_their_rows)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    long import_id = import_base(a, 0, 0, CES_OK);
    ces_results r;
    make_results(&r);
    long run1 = save_results(a, import_id, &r);
    char head[65];
    ces_archive_close(a);
    raw_text(&t, "SELECT hash FROM runs WHERE id = 1", head, sizeof head);
    chunks_to_v4_rows(&t);
    ck_assert_int_eq(raw_exec(&t, "PRAGMA user_version = 4", NULL, 0), SQLITE_OK);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM run_indicators"), 3 * CES_IND_COUNT);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM qualitative_items"), 8);
    a = open_ok(&t); /* migrated to v5 */
    ces_dataset ds, back;
    make_dataset(&ds, 0);
    ck_assert_int_eq(ces_archive_load_dataset(a, "2024H1", import_id, &back), CES_OK);
    assert_dataset_equal(&ds, &back); /* the items of its qualitative rows, from their rows */
    ces_dataset_free(&back);
    ces_dataset_free(&ds);
    ck_assert_int_eq(raw_long(&t, "PRAGMA user_version"), ARCH_SCHEMA_VERSION);
    ces_stored_run s;
    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", run1, &s), CES_OK);
    assert_results_equal(&r, &s.results);
    ck_assert_str_eq(s.hash, head);
    ces_stored_run_free(&s);
    long run2 = save_results(a, import_id, &r);
    ck_assert_int_eq(raw_long(&t, "SELECT count(*) FROM run_indicators"), 3 * CES_IND_COUNT);
    ck_assert_int_eq(raw_long(&t, "SELECT count(DISTINCT run_id) FROM run_indicator_chunks"), 1);
    ck_assert_int_eq(ces_archive_load_run(a, "2024H1", run2, &s), CES_OK);
    assert_results_equal(&r, &s.results);
    ces_stored_run_free(&s);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_msg(v.ok, "verify: %s", v.message);
    ck_assert_int_eq(v.entries, 3);
    ces_archive_close(a);
    ces_results_free(&r);
    tmpdb_remove(&t);
}
END_TEST

START_TEST(test_acceptance_stored_and_sealed)
{
    tmpdb t;
    tmpdb_make(&t);
    ces_archive *a = open_ok(&t);
    ck_assert_int_eq(import_base(a, 0, 0, CES_OK), 1);
    ces_dataset ds;
    make_dataset(&ds, 0);
    ces_acceptance acc = {0};
    acc.operator_name = "analyst-c";
    acc.time = "2024-07-22T01:00:00Z";
    ces_finding x = {.kind = CES_FINDING_PREMIUM,
                     .file = "statistics.csv",
                     .line = 3,
                     .code = "P001",
                     .figure = 12345678,
                     .prior = 1234.5,
                     .source = "prior.csv",
                     .other_period = "2023H1"};
    ck_assert_int_eq(ces_findings_add(&acc.findings, &x), CES_OK);
    int accepted = 1;
    ck_assert_int_eq(ces_archive_findings_accepted(a, &ds, &acc.findings, &accepted), CES_OK);
    ck_assert_int_eq(accepted, 0);
    long id = 0;
    int reused = 1;
    /* identical files, not yet accepted: a new version carrying it */
    ck_assert_int_eq(ces_archive_import_accepted(a, &ds, "analyst-c", acc.time, 0, &acc, &id, &reused),
                     CES_OK);
    ck_assert_int_eq(id, 2);
    ck_assert_int_eq(reused, 0);
    ck_assert_int_eq(ces_archive_findings_accepted(a, &ds, &acc.findings, &accepted), CES_OK);
    ck_assert_int_eq(accepted, 1);
    /* the same again: reused */
    ck_assert_int_eq(ces_archive_import_accepted(a, &ds, "analyst-d", acc.time, 0, &acc, &id, &reused),
                     CES_OK);
    ck_assert_int_eq(id, 2);
    ck_assert_int_eq(reused, 1);
    ces_history h;
    ck_assert_int_eq(ces_archive_history(a, NULL, &h), CES_OK);
    ck_assert_uint_eq(h.n_imports, 2);
    ck_assert_int_eq(h.imports[0].accepted, 0);
    ck_assert_int_eq(h.imports[1].accepted, 1);
    ck_assert_str_eq(h.imports[1].acceptance.operator_name, "analyst-c");
    ck_assert_uint_eq(h.imports[1].acceptance.findings.n, 1);
    ck_assert_str_eq(h.imports[1].acceptance.findings.items[0].code, "P001");
    ck_assert(h.imports[1].acceptance.findings.items[0].figure == 12345678);
    ces_history_free(&h);
    ces_verify_report v;
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_msg(v.ok, "verify: %s", v.message);
    ces_archive_close(a);
    /* the acceptance is part of the import's sealed text: changing it
     * (past the append-only triggers) breaks the chain */
    ck_assert_int_eq(raw_exec(&t,
                              "DROP TRIGGER import_acceptances_no_update;"
                              " UPDATE import_acceptances SET operator = 'someone-else'",
                              NULL, 0),
                     SQLITE_OK);
    a = open_ok(&t);
    ck_assert_int_eq(ces_archive_verify(a, &v), CES_OK);
    ck_assert_msg(!v.ok, "verify noticed the changed acceptance");
    ck_assert_str_eq(v.entry, "import");
    ck_assert_int_eq(v.id, 2);
    ces_archive_close(a);
    acc.operator_name = acc.time = NULL; /* not owned */
    ces_acceptance_free(&acc);
    ces_dataset_free(&ds);
    tmpdb_remove(&t);
}
END_TEST

static Suite *archive_suite(void)
{
    Suite *s = suite_create("archive");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_sha256_hex);
    tcase_add_test(tc, test_schema_created_and_versioned);
    tcase_add_test(tc, test_import_roundtrip);
    tcase_add_test(tc, test_identical_reimport_reused);
    tcase_add_test(tc, test_acceptance_stored_and_sealed);
    tcase_add_test(tc, test_different_without_replace_conflicts);
    tcase_add_test(tc, test_replace_adds_version);
    tcase_add_test(tc, test_run_roundtrip_exact);
    tcase_add_test(tc, test_run_of_other_period_refused);
    tcase_add_test(tc, test_prior_figures);
    tcase_add_test(tc, test_append_only);
    tcase_add_test(tc, test_hash_chain_recomputable);
    tcase_add_test(tc, test_newer_schema_refused);
    tcase_add_test(tc, test_foreign_file_refused);
    tcase_add_test(tc, test_rollback_leaves_nothing);
    tcase_add_test(tc, test_locked_database_conflict);
    tcase_add_test(tc, test_killed_import_leaves_nothing);
    tcase_add_test(tc, test_compare_results);
    tcase_add_test(tc, test_review_and_finalize_rules);
    tcase_add_test(tc, test_prior_figures_of_run);
    tcase_add_test(tc, test_verify_names_first_altered_entry);
    tcase_add_test(tc, test_streamed_file_in_chunks);
    tcase_add_test(tc, test_streamed_file_changed);
    tcase_add_test(tc, test_migration_from_v1_schema);
    tcase_add_test(tc, test_migration_backfills_v1_data);
    tcase_add_test(tc, test_run_indicator_lines_exact);
    tcase_add_test(tc, test_migration_v4_runs_keep_their_rows);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(archive_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
