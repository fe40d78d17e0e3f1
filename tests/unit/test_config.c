/* The config loader: the shipped config loads with the numbers of docs/method.md;
 * every invalid variant is refused naming the key path. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/archive.h"
#include "cescore/config.h"
#include "cescore/sha256.h"
#include "cli_env.h"

static char *config_path(void)
{
    const char *dir = getenv("CES_CONFIG_DIR");
    static const char name[] = "/shanghai-2018.json";
    char *p;
    ck_assert_msg(dir != NULL, "CES_CONFIG_DIR is not set");
    p = malloc(strlen(dir) + sizeof name);
    ck_assert_ptr_nonnull(p);
    strcpy(p, dir);
    strcat(p, name);
    return p;
}

static char *read_all(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    char *buf;
    long n;
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
    buf[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static char *shipped_text(size_t *len)
{
    char *p = config_path();
    char *t = read_all(p, len);
    free(p);
    return t;
}

/* text with the first occurrence of from replaced by to (from must occur). */
static char *replace_once(const char *text, const char *from, const char *to)
{
    const char *at = strstr(text, from);
    size_t lt = strlen(text), lf = strlen(from), lto = strlen(to);
    char *out;
    ck_assert_msg(at != NULL, "\"%s\" not in the shipped config", from);
    out = malloc(lt - lf + lto + 1);
    ck_assert_ptr_nonnull(out);
    memcpy(out, text, (size_t)(at - text));
    memcpy(out + (at - text), to, lto);
    strcpy(out + (at - text) + lto, at + lf);
    return out;
}

static int diag_has(const ces_diags *d, const char *a, const char *b)
{
    for (size_t i = 0; i < d->count; i++)
        if (d->items[i].message && strstr(d->items[i].message, a) &&
            (!b || strstr(d->items[i].message, b)))
            return 1;
    return 0;
}

static void dump(const ces_diags *d)
{
    for (size_t i = 0; i < d->count; i++)
        fprintf(stderr, "  diag: %s\n", d->items[i].message);
}

/* Parses the shipped config with from -> to; expects CES_ERR_INVALID and a
 * diagnostic naming key (and containing what, when not NULL). */
static void expect_refused(const char *from, const char *to, const char *key, const char *what)
{
    size_t len;
    char *text = shipped_text(&len);
    char *bad = replace_once(text, from, to);
    ces_config cfg;
    ces_diags d;
    ces_status st;

    ces_diags_init(&d);
    st = ces_config_parse(bad, strlen(bad), "shanghai-2018.json", &cfg, &d);
    if (st != CES_ERR_INVALID || !diag_has(&d, key, what))
        dump(&d);
    ck_assert_int_eq(st, CES_ERR_INVALID);
    ck_assert_msg(d.errors > 0, "no error recorded");
    ck_assert_msg(diag_has(&d, key, what), "no diagnostic names %s (%s)", key, what ? what : "");
    ck_assert_msg(diag_has(&d, "shanghai-2018.json", NULL), "the file is not named");
    ck_assert_ptr_null(cfg.text);
    ces_diags_free(&d);
    free(bad);
    free(text);
}

START_TEST(test_shipped_config_loads)
{
    char *p = config_path();
    ces_config cfg;
    ces_diags d;
    size_t len;
    char *text = read_all(p, &len);
    char hex[65];

    ces_diags_init(&d);
    ck_assert_int_eq(cli_config_read(p, &cfg, &d), CES_OK);
    ck_assert_uint_eq(d.errors, 0);
    ck_assert_str_eq(cfg.name, "shanghai-2018");
    ck_assert_str_eq(cfg.path, p);
    ck_assert_uint_eq(cfg.text_len, len);
    ck_assert_mem_eq(cfg.text, text, len);
    ck_assert_int_eq(cfg.text[len], '\0');
    ck_assert_int_eq(ces_sha256_hex(text, len, hex), CES_OK);
    ck_assert_str_eq(cfg.sha256, hex);
    ck_assert_double_eq(cfg.qualitative_points, 30);
    ck_assert_double_eq(cfg.quantitative_points, 70);
    ck_assert_double_eq(cfg.volume_points, 30);
    ck_assert_int_eq(cfg.prior_rule, CES_PRIOR_SAME_KIND_LAST_YEAR);
    ck_assert_int_eq(cfg.decimals, 2);
    ck_assert_double_eq(cfg.round_epsilon, 1e-9);

    static const double max[CES_IND_COUNT] = {15, 15, 30, 20, 5,  5,  10, 10, 10,
                                              10, 10, 15, 5,  10, 20, 30, 30};
    for (int i = 0; i < CES_IND_COUNT; i++) {
        ck_assert_int_eq(cfg.ind[i].ind, i);
        ck_assert_double_eq(cfg.ind[i].max, max[i]);
        ck_assert(cfg.ind[i].zh[0] != '\0' && cfg.ind[i].en[0] != '\0');
    }
    const ces_cfg_indicator *sys = &cfg.ind[CES_IND_QUAL_SYSTEMS];
    ck_assert_int_eq(sys->method, CES_METHOD_CHECKLIST);
    ck_assert_uint_eq(sys->n_items, 9);
    ck_assert_str_eq(sys->items[0].id, "sys_handling_rules");
    ck_assert_double_eq(sys->items[0].points, 2);
    ck_assert_str_eq(sys->items[8].id, "sys_other");
    ck_assert_double_eq(sys->items[8].points, 1);
    ck_assert_uint_eq(cfg.ind[CES_IND_QUAL_MECHANISMS].n_items, 9);
    ck_assert_int_eq(cfg.ind[CES_IND_PC_MOTOR_PREMIUM].method, CES_METHOD_MEDIAN_SCALED);
    ck_assert_double_eq(cfg.ind[CES_IND_PC_MOTOR_PREMIUM].zero_at_multiple, 2);
    ck_assert_double_eq(cfg.ind[CES_IND_PC_MOTOR_PREMIUM].small_base, 1);
    ck_assert_double_eq(cfg.ind[CES_IND_LIFE_PERSONS].small_base, 1);
    ck_assert_int_eq(cfg.ind[CES_IND_CHANGE_RATE].method, CES_METHOD_LINEAR_CHANGE);
    ck_assert_double_eq(cfg.ind[CES_IND_CHANGE_RATE].c_full, 0);
    ck_assert_double_eq(cfg.ind[CES_IND_CHANGE_RATE].c_zero, 1);
    ck_assert_double_eq(cfg.ind[CES_IND_CHANGE_RATE].missing_score_fraction, 1);
    ck_assert_int_eq(cfg.ind[CES_IND_TIMELINESS].method, CES_METHOD_RATIO);
    ck_assert_int_eq(cfg.ind[CES_IND_WITHDRAWAL].benchmark_scope, CES_SCOPE_PEER);
    ck_assert_int_eq(cfg.ind[CES_IND_MEDIATION].benchmark_scope, CES_SCOPE_INDUSTRY);
    ck_assert_str_eq(cfg.ind[CES_IND_MEDIATION].method_name, "ratio_to_benchmark");
    ck_assert_uint_eq(cfg.ind[CES_IND_DED_EXECUTION].n_items, 3);
    ck_assert_uint_eq(cfg.ind[CES_IND_DED_VIOLATION].n_items, 3);

    const ces_cfg_item *it = ces_config_item(&cfg.ind[CES_IND_DED_VIOLATION], "warning_letter");
    ck_assert_ptr_nonnull(it);
    ck_assert_double_eq(it->points, 5);
    it = ces_config_item(&cfg.ind[CES_IND_DED_VIOLATION], "行政处罚");
    ck_assert_ptr_nonnull(it);
    ck_assert_str_eq(it->id, "penalty");
    ck_assert_double_eq(it->points, 10);
    ck_assert_ptr_null(ces_config_item(&cfg.ind[CES_IND_DED_VIOLATION], "late_report"));
    ck_assert_ptr_null(ces_config_item(&cfg.ind[CES_IND_TIMELINESS], "penalty"));

    ces_config_free(&cfg);
    ck_assert_ptr_null(cfg.text);
    ces_diags_free(&d);
    free(text);
    free(p);
}
END_TEST

START_TEST(test_previous_evaluation_rule)
{
    size_t len;
    char *text = shipped_text(&len);
    char *alt = replace_once(text, "\"same_kind_last_year\"", "\"previous_evaluation\"");
    ces_config cfg;
    ces_diags d;
    ces_diags_init(&d);
    ck_assert_int_eq(ces_config_parse(alt, strlen(alt), "x.json", &cfg, &d), CES_OK);
    ck_assert_int_eq(cfg.prior_rule, CES_PRIOR_PREVIOUS_EVALUATION);
    ces_config_free(&cfg);
    ces_diags_free(&d);
    free(alt);
    free(text);
}
END_TEST

START_TEST(test_unknown_method)
{
    expect_refused("\"method\": \"ratio_to_benchmark\", \"params\": { \"benchmark\": \"industry\" }",
                   "\"method\": \"foo\", \"params\": { \"benchmark\": \"industry\" }",
                   "indicators.quant.mediation.method", "unknown method \"foo\"");
}
END_TEST

START_TEST(test_method_not_allowed)
{
    expect_refused("\"max\": 10, \"method\": \"ratio\"", "\"max\": 10, \"method\": \"median_scaled\"",
                   "indicators.quant.timeliness.method", "not allowed");
}
END_TEST

START_TEST(test_weights_volume)
{
    expect_refused("\"en\": \"Motor complaints per 100m yuan premium\", \"max\": 20",
                   "\"en\": \"Motor complaints per 100m yuan premium\", \"max\": 21", "blocks.volume",
                   "pc volume");
}
END_TEST

START_TEST(test_weights_life_volume)
{
    expect_refused("\"en\": \"Complaints per 10k insured persons\", \"max\": 10",
                   "\"en\": \"Complaints per 10k insured persons\", \"max\": 9", "blocks.volume",
                   "life volume");
}
END_TEST

START_TEST(test_weights_qualitative)
{
    expect_refused(
        "\"zh\": \"机制建立\", \"en\": \"Complaint-handling mechanisms in place\", \"max\": 15",
        "\"zh\": \"机制建立\", \"en\": \"Complaint-handling mechanisms in place\", \"max\": 14",
        "blocks.qualitative", NULL);
}
END_TEST

START_TEST(test_weights_blocks)
{
    expect_refused("\"quantitative\": 70", "\"quantitative\": 71", "blocks", "total 100");
}
END_TEST

START_TEST(test_weights_quantitative)
{
    expect_refused("\"en\": \"Timely handling rate\", \"max\": 10",
                   "\"en\": \"Timely handling rate\", \"max\": 11", "blocks.quantitative", NULL);
}
END_TEST

START_TEST(test_negative_cap)
{
    expect_refused("\"cap\": 20", "\"cap\": -20", "indicators.ded.violation.cap", "negative");
}
END_TEST

START_TEST(test_negative_points)
{
    expect_refused("\"points\": 5 },", "\"points\": -5 },",
                   "indicators.ded.violation.categories[1].points", "negative");
}
END_TEST

START_TEST(test_negative_item_deduction)
{
    expect_refused("\"deduction\": 2 },", "\"deduction\": -2 },",
                   "indicators.qual.systems.items[0].deduction", "negative");
}
END_TEST

START_TEST(test_missing_key)
{
    expect_refused("\"prior_period\": \"same_kind_last_year\",", "", "prior_period", "missing key");
}
END_TEST

START_TEST(test_missing_indicator_key)
{
    expect_refused("\"en\": \"Timely handling rate\", \"max\": 10, ",
                   "\"en\": \"Timely handling rate\", ", "indicators.quant.timeliness.max",
                   "missing key");
}
END_TEST

START_TEST(test_missing_indicator)
{
    expect_refused("\"quant.timeliness\": {", "\"quant.timeliness_x\": {", "indicators.quant.timeliness",
                   "missing key");
}
END_TEST

START_TEST(test_unknown_indicator)
{
    expect_refused("\"indicators\": {", "\"indicators\": { \"quant.foo\": {},", "indicators.quant.foo",
                   "unknown indicator");
}
END_TEST

START_TEST(test_wrong_type)
{
    expect_refused("\"decimals\": 2", "\"decimals\": \"2\"", "rounding.decimals", "number");
}
END_TEST

START_TEST(test_bad_params)
{
    expect_refused("\"c_full\": 0, \"c_zero\": 1.0", "\"c_full\": 1, \"c_zero\": 1.0",
                   "indicators.quant.change_rate.params.c_zero", "differ");
    expect_refused("\"missing_score_fraction\": 1.0", "\"missing_score_fraction\": 1.5",
                   "indicators.quant.change_rate.params.missing_score_fraction", NULL);
    expect_refused("\"zero_at_multiple\": 2", "\"zero_at_multiple\": 0",
                   "indicators.pc.motor_per_100m_premium.params.zero_at_multiple", NULL);
    expect_refused("\"benchmark\": \"peer\"", "\"benchmark\": \"global\"",
                   "indicators.quant.withdrawal.params.benchmark", "unknown benchmark");
    expect_refused(
        "\"method\": \"median_scaled\", \"params\": { \"zero_at_multiple\": 2, \"small_base\": 1 }",
        "\"method\": \"median_scaled\"", "indicators.pc.motor_per_100m_premium.params", "missing key");
    expect_refused("\"small_base\": 1", "\"small_base\": -1",
                   "indicators.pc.motor_per_100m_premium.params.small_base", "negative");
    expect_refused("\"small_base\": 1", "\"small_base\": \"1\"",
                   "indicators.pc.motor_per_100m_premium.params.small_base", "expected a number");
}
END_TEST

/* A config written before the small_base floor existed still loads and
 * flags nothing (docs/method.md §13). */
START_TEST(test_small_base_optional)
{
    size_t len;
    char *text = shipped_text(&len);
    char *old = replace_once(text, "\"zero_at_multiple\": 2, \"small_base\": 1 }",
                             "\"zero_at_multiple\": 2 }");
    ces_config cfg;
    ces_diags d;
    ces_diags_init(&d);
    ck_assert_int_eq(ces_config_parse(old, strlen(old), "old.json", &cfg, &d), CES_OK);
    ck_assert_double_eq(cfg.ind[CES_IND_PC_MOTOR_PREMIUM].small_base, 0);
    ck_assert_double_eq(cfg.ind[CES_IND_PC_NONMOTOR_PREMIUM].small_base, 1);
    ces_config_free(&cfg);
    ces_diags_free(&d);
    free(old);
    free(text);
}
END_TEST

START_TEST(test_duplicate_item)
{
    expect_refused("\"id\": \"sys_registration\"", "\"id\": \"sys_handling_rules\"",
                   "indicators.qual.systems.items[1]", "duplicate");
}
END_TEST

/* A config's texts go into workbooks: a character XML 1.0 forbids, or bytes
 * that are not UTF-8, are refused with the key. */
START_TEST(test_text_a_workbook_cannot_hold)
{
    expect_refused("\"name\": \"shanghai-2018\"", "\"name\": \"shanghai\\uFFFF\"", "key name",
                   "holds U+FFFF, a character XML 1.0 and so a workbook cannot hold");
    expect_refused("\"name\": \"shanghai-2018\"", "\"name\": \"shanghai\\u001b\"", "key name",
                   "holds U+001B");
    expect_refused("\"name\": \"shanghai-2018\"", "\"name\": \"shanghai\xff\"", "key name",
                   "not UTF-8 text");
}
END_TEST

START_TEST(test_invalid_json_and_io)
{
    ces_config cfg;
    ces_diags d;
    const char *bad = "{\n  \"name\": \"x\",\n  oops\n}";
    ces_diags_init(&d);
    ck_assert_int_eq(ces_config_parse(bad, strlen(bad), "bad.json", &cfg, &d), CES_ERR_INVALID);
    ck_assert(diag_has(&d, "bad.json:3", "JSON"));
    ck_assert_int_eq(cli_config_read("/nonexistent/dir/none.json", &cfg, &d), CES_ERR_IO);
    ck_assert(diag_has(&d, "none.json", NULL));
    ces_diags_free(&d);
}
END_TEST

static Suite *config_suite(void)
{
    Suite *s = suite_create("config");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_shipped_config_loads);
    tcase_add_test(tc, test_previous_evaluation_rule);
    tcase_add_test(tc, test_unknown_method);
    tcase_add_test(tc, test_method_not_allowed);
    tcase_add_test(tc, test_weights_volume);
    tcase_add_test(tc, test_weights_life_volume);
    tcase_add_test(tc, test_weights_qualitative);
    tcase_add_test(tc, test_weights_blocks);
    tcase_add_test(tc, test_weights_quantitative);
    tcase_add_test(tc, test_negative_cap);
    tcase_add_test(tc, test_negative_points);
    tcase_add_test(tc, test_negative_item_deduction);
    tcase_add_test(tc, test_missing_key);
    tcase_add_test(tc, test_missing_indicator_key);
    tcase_add_test(tc, test_missing_indicator);
    tcase_add_test(tc, test_unknown_indicator);
    tcase_add_test(tc, test_wrong_type);
    tcase_add_test(tc, test_bad_params);
    tcase_add_test(tc, test_small_base_optional);
    tcase_add_test(tc, test_duplicate_item);
    tcase_add_test(tc, test_text_a_workbook_cannot_hold);
    tcase_add_test(tc, test_invalid_json_and_io);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(config_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
