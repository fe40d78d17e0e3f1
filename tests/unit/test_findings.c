/* findings: the plausibility checks (docs/inputs.md §6) on the sample
 * bundle with prior.csv, as ingest reads it, then changed by hand: a
 * premium in 元, files another period's import holds. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/config.h"
#include "cescore/findings.h"
#include "cescore/ingest.h"
#include "cli_env.h"

static ces_config cfg;
static ces_columns *cols;
static ces_dataset ds;
static const ces_period H1_2024 = {2024, CES_PERIOD_H1};

static const char *path_join(const char *env, const char *a, const char *b)
{
    static char buf[4096];
    const char *root = getenv(env);
    ck_assert_msg(root != NULL, "%s is not set", env);
    snprintf(buf, sizeof buf, "%s/%s%s%s", root, a, b ? "/" : "", b ? b : "");
    return buf;
}

static void setup(void)
{
    ces_diags d;
    ces_diags_init(&d);
    ck_assert_int_eq(cli_config_read(path_join("CES_CONFIG_DIR", "shanghai-2018.json", NULL), &cfg, &d),
                     CES_OK);
    ck_assert_int_eq(ces_columns_load(path_join("CES_CONFIG_DIR", "columns.json", NULL), &cols, &d),
                     CES_OK);
    memset(&ds, 0, sizeof ds);
    ck_assert_int_eq(ces_ingest_bundle(path_join("CES_FIXTURES", "sample", "2024H1-with-prior"), H1_2024,
                                       &cfg, cols, &ds, &d),
                     CES_OK);
    ces_diags_free(&d);
}

static void teardown(void)
{
    ces_dataset_free(&ds);
    ces_columns_free(cols);
    ces_config_free(&cfg);
}

static ces_statistics_row *stats_of(const char *code)
{
    for (size_t i = 0; i < ds.n_statistics; i++)
        if (!strcmp(ds.statistics[i].code, code))
            return &ds.statistics[i];
    ck_abort_msg("no statistics row of %s", code);
    return NULL;
}

START_TEST(test_config_factor)
{
    ck_assert_int_eq(cfg.premium_factor, 1000);
    ces_config c2;
    ces_diags d;
    ces_diags_init(&d);
    const char *bad = "{\"plausibility\": {\"premium_factor\": 1}}";
    ck_assert_int_eq(ces_config_parse(bad, strlen(bad), "x.json", &c2, &d), CES_ERR_INVALID);
    int named = 0;
    for (size_t i = 0; i < d.count; i++)
        named |= strstr(d.items[i].message, "plausibility.premium_factor") != NULL;
    ck_assert_msg(named, "the error names plausibility.premium_factor");
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_sample_is_plausible)
{
    ces_findings f = {0};
    ck_assert_int_eq(ces_findings_premiums(&ds, &cfg, NULL, &f), CES_OK);
    ck_assert_uint_eq(f.n, 0);
    ces_findings_free(&f);
}
END_TEST

START_TEST(test_premium_in_yuan)
{
    ces_statistics_row *s = stats_of("SH-PC-015");
    double wan = s->premium_wan;
    s->premium_wan = wan * 10000; /* 元 typed where 万元 is meant */
    ces_findings f = {0};
    ck_assert_int_eq(ces_findings_premiums(&ds, &cfg, NULL, &f), CES_OK);
    ck_assert_uint_eq(f.n, 1);
    const ces_finding *x = &f.items[0];
    ck_assert_str_eq(x->kind, CES_FINDING_PREMIUM);
    ck_assert_str_eq(x->code, "SH-PC-015");
    ck_assert_str_eq(x->file, "statistics.csv");
    ck_assert_int_eq(x->line, s->line);
    ck_assert_str_eq(x->source, "prior.csv");
    ck_assert_str_eq(x->other_period, "2023H1");
    ck_assert(x->figure == wan * 10000);
    ck_assert(x->prior > 0);
    char text[512];
    ces_finding_text(x, text, sizeof text);
    ck_assert_msg(strstr(text, "SH-PC-015") && strstr(text, "元 instead of 万元"), "%s", text);
    /* the factor lives in config: above the ratio, nothing */
    cfg.premium_factor = 1000000;
    ces_findings g = {0};
    ck_assert_int_eq(ces_findings_premiums(&ds, &cfg, NULL, &g), CES_OK);
    ck_assert_uint_eq(g.n, 0);
    /* as diagnostics: one finding, on the company's row */
    ces_diags d;
    ces_diags_init(&d);
    ces_findings_to_diags(&f, &d);
    ck_assert_uint_eq(d.findings, 1);
    ck_assert_int_eq(d.items[0].level, CES_DIAG_FINDING);
    ck_assert_int_eq(d.items[0].line, s->line);
    ces_diags_free(&d);
    ces_findings_free(&f);
}
END_TEST

START_TEST(test_premium_smaller_and_from_archive)
{
    /* the archive's figures when there is no prior.csv: the run is named */
    ds.files[CES_FILE_PRIOR].present = 0;
    ces_prior_figure rows[1] = {{"SH-LF-001", 10, 0}};
    ces_statistics_row *s = stats_of("SH-LF-001");
    rows[0].premium_wan = s->premium_wan * 10000; /* the prior period in 元 */
    ces_prior_archive pa = {rows, 1, 7, "2023H1"};
    ces_findings f = {0};
    ck_assert_int_eq(ces_findings_premiums(&ds, &cfg, &pa, &f), CES_OK);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.items[0].source, "archive");
    ck_assert_int_eq(f.items[0].other_id, 7);
    char text[512];
    ces_finding_text(&f.items[0], text, sizeof text);
    ck_assert_msg(strstr(text, "1/10000") && strstr(text, "run 7"), "%s", text);
    /* a factor just below the threshold is no finding */
    rows[0].premium_wan = s->premium_wan * 999;
    ces_findings g = {0};
    ck_assert_int_eq(ces_findings_premiums(&ds, &cfg, &pa, &g), CES_OK);
    ck_assert_uint_eq(g.n, 0);
    /* a prior premium of 0 is no finding either */
    rows[0].premium_wan = 0;
    ck_assert_int_eq(ces_findings_premiums(&ds, &cfg, &pa, &g), CES_OK);
    ck_assert_uint_eq(g.n, 0);
    ces_findings_free(&f);
}
END_TEST

START_TEST(test_same_files)
{
    ces_file_fact facts[4];
    memset(facts, 0, sizeof facts);
    /* complaints.csv of 2023H1's imports 1 and 3; statistics.csv of 2024H1
     * itself (another version: no finding); companies.csv of 2023H1 (never
     * checked: it stays the same from period to period) */
    facts[0] = (ces_file_fact){CES_FILE_COMPLAINTS, "", "2023H1", 1};
    facts[1] = (ces_file_fact){CES_FILE_COMPLAINTS, "", "2023H1", 3};
    facts[2] = (ces_file_fact){CES_FILE_STATISTICS, "", "2024H1", 2};
    facts[3] = (ces_file_fact){CES_FILE_COMPANIES, "", "2023H1", 3};
    memcpy(facts[0].sha256, ds.files[CES_FILE_COMPLAINTS].sha256, 65);
    memcpy(facts[1].sha256, ds.files[CES_FILE_COMPLAINTS].sha256, 65);
    memcpy(facts[2].sha256, ds.files[CES_FILE_STATISTICS].sha256, 65);
    memcpy(facts[3].sha256, ds.files[CES_FILE_COMPANIES].sha256, 65);
    ck_assert_int_eq(strlen(facts[0].sha256), 64);
    ces_findings f = {0};
    ck_assert_int_eq(ces_findings_same_files(&ds, facts, 4, &f), CES_OK);
    ck_assert_uint_eq(f.n, 1);
    ck_assert_str_eq(f.items[0].kind, CES_FINDING_SAME_FILE);
    ck_assert_str_eq(f.items[0].file, "complaints.csv");
    ck_assert_str_eq(f.items[0].other_period, "2023H1");
    ck_assert_int_eq(f.items[0].other_id, 3);
    char text[512];
    ces_finding_text(&f.items[0], text, sizeof text);
    ck_assert_msg(strstr(text, "2023H1") && strstr(text, "import 3"), "%s", text);
    /* equal to itself, not to none */
    ces_findings none = {0};
    ck_assert(ces_findings_equal(&f, &f));
    ck_assert(!ces_findings_equal(&f, &none));
    ces_findings_free(&f);
}
END_TEST

static Suite *suite(void)
{
    Suite *s = suite_create("findings");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_set_timeout(tc, 60);
    tcase_add_test(tc, test_config_factor);
    tcase_add_test(tc, test_sample_is_plausible);
    tcase_add_test(tc, test_premium_in_yuan);
    tcase_add_test(tc, test_premium_smaller_and_from_archive);
    tcase_add_test(tc, test_same_files);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
