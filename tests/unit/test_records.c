/* The field tables (records.h): every record's fields are its archive
 * table's columns (so a field added without a migration fails here), the
 * canonical text of a record is the one docs/archive-schema.md fixes, and
 * rerun's comparison names every field by its key. */
#include <check.h>
#include <math.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "archive/archive_records.h"
#include "cescore/archive.h"
#include "cescore/dataset.h"
#include "cescore/results.h"

/* ---- the archive's tables ---- */

/* A fresh archive's PRAGMA table_info of a table: names[i], types[i]. */
typedef struct {
    char names[64][40], types[64][16];
    int n;
} table_info;

static void read_table_info(sqlite3 *db, const char *table, table_info *ti)
{
    char sql[128];
    sqlite3_stmt *st;
    snprintf(sql, sizeof sql, "PRAGMA table_info(%s)", table);
    ck_assert_int_eq(sqlite3_prepare_v2(db, sql, -1, &st, NULL), SQLITE_OK);
    ti->n = 0;
    while (sqlite3_step(st) == SQLITE_ROW && ti->n < 64) {
        snprintf(ti->names[ti->n], sizeof ti->names[0], "%s", sqlite3_column_text(st, 1));
        snprintf(ti->types[ti->n], sizeof ti->types[0], "%s", sqlite3_column_text(st, 2));
        ti->n++;
    }
    sqlite3_finalize(st);
    ck_assert_msg(ti->n > 0, "no table %s", table);
}

static const char *sql_type(const ces_field *f)
{
    return ces_field_is_text(f) ? "TEXT" : f->type == CES_FT_DBL ? "REAL" : "INTEGER";
}

static int count_keys(const char *keys)
{
    int n = 1;
    for (; *keys; keys++)
        n += *keys == ',';
    return n;
}

/* The table's columns are the keys, then the record's fields in order. */
static void assert_table_is_record(sqlite3 *db, const ces_record *rec, const char *keys)
{
    table_info ti;
    read_table_info(db, rec->table, &ti);
    int k = count_keys(keys);
    ck_assert_msg(ti.n == k + (int)rec->n,
                  "%s: %d columns, the record has %zu fields after %d keys"
                  " (a new field needs a migration: docs/archive-schema.md)",
                  rec->table, ti.n, rec->n, k);
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        ck_assert_msg(!strcmp(ti.names[k + i], f->column), "%s column %d is %s, field %s is %s",
                      rec->table, k + (int)i, ti.names[k + i], f->key, f->column);
        ck_assert_msg(!strcmp(ti.types[k + i], sql_type(f)), "%s.%s is %s, field %s wants %s",
                      rec->table, f->column, ti.types[k + i], f->key, sql_type(f));
    }
}

/* A record read from part of a table (the history's entries). */
static void assert_table_has_fields(sqlite3 *db, const ces_record *rec)
{
    table_info ti;
    read_table_info(db, rec->table, &ti);
    for (size_t i = 0; i < rec->n; i++) {
        int found = 0;
        for (int c = 0; c < ti.n; c++)
            found |= !strcmp(ti.names[c], rec->fields[i].column);
        ck_assert_msg(found, "%s has no column %s", rec->table, rec->fields[i].column);
    }
}

START_TEST(test_tables_are_the_records)
{
    char path[64];
    snprintf(path, sizeof path, "/tmp/cescore-test-records-XXXXXX");
    int fd = mkstemp(path);
    ck_assert_int_ge(fd, 0);
    close(fd);
    ces_archive *a = NULL;
    ces_diags d;
    ces_diags_init(&d);
    ck_assert_int_eq(ces_archive_open(path, CES_ARCHIVE_CREATE, &a, &d), CES_OK);
    ces_archive_close(a);
    ces_diags_free(&d);
    sqlite3 *db;
    ck_assert_int_eq(sqlite3_open(path, &db), SQLITE_OK);
    int inputs = 0;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_record *rec = ces_dataset_record((ces_file_kind)k);
        if (rec) {
            assert_table_is_record(db, rec, ARCH_BY_IMPORT_SEQ.keys);
            inputs++;
        }
    }
    ck_assert_int_eq(inputs, 7);
    assert_table_is_record(db, &CES_REC_COMPANY_RESULT, ARCH_BY_RUN_POSITION.keys);
    assert_table_is_record(db, &CES_REC_EXCLUDED, ARCH_BY_RUN_POSITION.keys);
    assert_table_is_record(db, &CES_REC_IND_RESULT, "run_id, company_code, indicator");
    assert_table_is_record(db, &CES_REC_GROUP_RESULT, "run_id, grp");
    assert_table_is_record(db, &CES_REC_CASE_SUMMARY, ARCH_BY_RUN_POSITION.keys);
    assert_table_is_record(db, &CES_REC_CASE_OVERDUE, ARCH_BY_RUN_POSITION.keys);
    assert_table_is_record(db, &CES_REC_CASE_CATEGORY, ARCH_BY_RUN_POSITION.keys);
    assert_table_is_record(db, &CES_REC_FINDING, ARCH_BY_IMPORT_SEQ.keys);
    assert_table_has_fields(db, &CES_REC_IMPORT_ENTRY);
    assert_table_has_fields(db, &CES_REC_RUN_ENTRY);
    assert_table_has_fields(db, &CES_REC_REVIEW_ENTRY);
    assert_table_has_fields(db, &CES_REC_FINALIZATION_ENTRY);
    sqlite3_close(db);
    unlink(path);
}
END_TEST

/* ---- the descriptors ---- */

static void assert_descriptor(const ces_record *rec)
{
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        ck_assert_msg(f->offset + f->size <= rec->size, "%s.%s outside the struct", rec->table, f->key);
        ck_assert_msg((f->type == CES_FT_ENUM) == (f->en != NULL), "%s.%s enum", rec->table, f->key);
        for (size_t j = 0; j < i; j++)
            ck_assert_msg(strcmp(f->key, rec->fields[j].key) && f->offset != rec->fields[j].offset,
                          "%s: %s repeats %s", rec->table, f->key, rec->fields[j].key);
    }
}

START_TEST(test_descriptors_are_consistent)
{
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        const ces_record *rec = ces_dataset_record((ces_file_kind)k);
        if (!rec)
            continue;
        assert_descriptor(rec);
        /* an input row's canonical text and table start with line, code */
        ck_assert_str_eq(rec->fields[0].key, "line");
        ck_assert_str_eq(rec->fields[1].key, "code");
    }
    const ces_record *others[] = {
        &CES_REC_IND_RESULT,   &CES_REC_COMPANY_RESULT,     &CES_REC_GROUP_RESULT,
        &CES_REC_EXCLUDED,     &CES_REC_IMPORT_ENTRY,       &CES_REC_RUN_ENTRY,
        &CES_REC_REVIEW_ENTRY, &CES_REC_FINALIZATION_ENTRY, &CES_REC_CASE_COUNT,
        &CES_REC_CASE_SUMMARY, &CES_REC_CASE_OVERDUE,       &CES_REC_CASE_CATEGORY};
    for (size_t i = 0; i < sizeof others / sizeof others[0]; i++)
        assert_descriptor(others[i]);
    ck_assert_uint_eq(CES_REC_IND_RESULT.n, CES_IND_F_COUNT);
    ck_assert_str_eq(CES_REC_IND_RESULT.fields[CES_IND_F_max].column, "max_points");
}
END_TEST

/* ---- the canonical text ---- */

static void assert_canon(const ces_record *rec, const void *row, const char *want)
{
    ces_buf b = {0};
    ces_record_canon(&b, rec, row);
    ck_assert(!b.oom);
    ck_assert_str_eq(b.p, want);
    ces_buf_free(&b);
}

START_TEST(test_canonical_text_of_records)
{
    ces_deduction_row d = {"SH \"x\"\\", CES_DED_VIOLATION, NULL, -0.0, 1,
                           20240312,     "a\nb\x7f",        NULL, 4};
    assert_canon(&CES_REC_DEDUCTION, &d,
                 " line=4 code=\"SH \\\"x\\\"\\\\\" indicator=\"violation\" category=null points=0"
                 " points_given=1 date=20240312 reference=\"a\\x0ab\\x7f\" description=null");
    ces_statistics_row s = {"C", 0.1, 1e300, -2.5, 4000000000LL, 0, -1, 7, 8, 9};
    assert_canon(&CES_REC_STATISTICS, &s,
                 " line=9 code=\"C\" premium_wan=0.10000000000000001"
                 " motor_premium_wan=1.0000000000000001e+300 nonmotor_premium_wan=-2.5"
                 " nonmotor_policies=4000000000 prior_inforce_policies=0 new_policies=-1"
                 " prior_inforce_persons=7 new_persons=8");
    ces_ind_result x;
    memset(&x, 0, sizeof x);
    x.present = 1;
    x.value = NAN;
    x.benchmark = INFINITY;
    x.current = -INFINITY;
    x.max = 30;
    x.missing = 5;
    assert_canon(&CES_REC_IND_RESULT, &x,
                 " present=1 applicable=0 has_value=0 value_inf=0 has_benchmark=0 has_current=0"
                 " has_prior=0 numerator=0 denominator=0 value=nan benchmark=inf current=-inf"
                 " prior=0 raw=0 weight=0 effective_weight=0 points=0 max=30 score=0 missing=5");
    ces_excluded e = {"SH-RE-01", "再保", CES_GROUP_LIFE, CES_EXCL_ROLLED_UP, NULL};
    assert_canon(&CES_REC_EXCLUDED, &e,
                 " code=\"SH-RE-01\" name=\"再保\" group=\"life\" reason=\"rolled_up\" into=null");
}
END_TEST

/* ---- rerun's comparison ---- */

typedef struct {
    int n;
    char field[96];
} one_diff;

static void keep(const ces_difference *d, void *ctx)
{
    one_diff *o = ctx;
    if (o->n++ == 0)
        snprintf(o->field, sizeof o->field, "%s", d->field);
}

static void make_results(ces_results *r)
{
    memset(r, 0, sizeof *r);
    r->n_companies = 1;
    r->companies = calloc(1, sizeof *r->companies);
    r->companies[0].code = strdup("SH-PC-001");
    r->companies[0].name = strdup("甲");
    r->n_excluded = 1;
    r->excluded = calloc(1, sizeof *r->excluded);
    r->excluded[0].code = strdup("SH-RE-01");
    r->excluded[0].name = strdup("再保");
    r->excluded[0].into = strdup("SH-PC-001");
    r->n_case_counts = r->n_overdue_cases = r->n_case_categories = 1;
    r->case_counts = calloc(1, sizeof *r->case_counts);
    r->case_counts[0].code = strdup("SH-PC-001");
    r->overdue_cases = calloc(1, sizeof *r->overdue_cases);
    r->overdue_cases[0] = (ces_case_overdue){
        strdup("SH-PC-001"), strdup("TS1"), strdup("SH-PC-001"), 7, 20240206, 20240304, 20240320, 16};
    r->case_categories = calloc(1, sizeof *r->case_categories);
    r->case_categories[0] = (ces_case_category){strdup("SH-PC-001"), strdup("channel"), strdup("电话"),
                                                12};
}

/* A value of f that differs from the one in row. */
static void change(const ces_field *f, void *row)
{
    if (f->type == CES_FT_STR) {
        free((char *)ces_field_text(f, row));
        ces_field_set_str(f, row, strdup("changed"));
    } else if (f->type == CES_FT_DBL) {
        ces_field_set_dbl(f, row, ces_field_dbl(f, row) + 1.5);
    } else {
        ces_field_set_int(f, row,
                          f->type == CES_FT_ENUM ? !ces_field_int(f, row) : ces_field_int(f, row) + 1);
    }
}

/* Each field of the record (at row_of(recomputed)) changed alone: one
 * difference, named by the field's key (a list's row: "<tag> <position>
 * <key>", its key field compared too). */
static void assert_each_field_compared(const ces_record *rec, void *(*row_of)(ces_results *))
{
    int list = rec == &CES_REC_CASE_SUMMARY || rec == &CES_REC_CASE_OVERDUE ||
               rec == &CES_REC_CASE_CATEGORY;
    for (size_t i = 0; i < rec->n; i++) {
        const ces_field *f = &rec->fields[i];
        if ((f->flags & CES_F_KEY) && !list)
            continue;
        ces_results x, y;
        make_results(&x);
        make_results(&y);
        change(f, row_of(&y));
        one_diff o = {0};
        ck_assert_msg(ces_results_compare(&x, &y, keep, &o) == 1, "%s.%s: %d differences", rec->table,
                      f->key, o.n);
        if (list) {
            char want[96];
            snprintf(want, sizeof want, "%s 0 %s", rec->tag, f->key);
            ck_assert_str_eq(o.field, want);
        } else {
            ck_assert_str_eq(o.field, f->key);
        }
        ces_results_free(&x);
        ces_results_free(&y);
    }
}

static void *company_of(ces_results *r) { return &r->companies[0]; }
static void *indicator_of(ces_results *r) { return &r->companies[0].ind[CES_IND_CHANGE_RATE]; }
static void *group_of(ces_results *r) { return &r->groups[CES_GROUP_LIFE]; }
static void *excluded_of(ces_results *r) { return &r->excluded[0]; }
static void *case_counts_of(ces_results *r) { return &r->case_counts[0]; }
static void *overdue_of(ces_results *r) { return &r->overdue_cases[0]; }
static void *category_of(ces_results *r) { return &r->case_categories[0]; }

START_TEST(test_compare_names_every_field)
{
    assert_each_field_compared(&CES_REC_COMPANY_RESULT, company_of);
    assert_each_field_compared(&CES_REC_IND_RESULT, indicator_of);
    assert_each_field_compared(&CES_REC_GROUP_RESULT, group_of);
    assert_each_field_compared(&CES_REC_EXCLUDED, excluded_of);
    assert_each_field_compared(&CES_REC_CASE_SUMMARY, case_counts_of);
    assert_each_field_compared(&CES_REC_CASE_OVERDUE, overdue_of);
    assert_each_field_compared(&CES_REC_CASE_CATEGORY, category_of);
}
END_TEST

static Suite *records_suite(void)
{
    Suite *s = suite_create("records");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_tables_are_the_records);
    tcase_add_test(tc, test_descriptors_are_consistent);
    tcase_add_test(tc, test_canonical_text_of_records);
    tcase_add_test(tc, test_compare_names_every_field);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(records_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
