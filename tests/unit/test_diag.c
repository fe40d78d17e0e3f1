/* The diagnostics collector (diag.h): message format, error/warning counts,
 * the CES_DIAG_MAX_ERRORS cap and the printed lines. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/diag.h"

/* What ces_diags_print writes, as a malloc'ed string. */
static char *printed(const ces_diags *d)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    ces_diags_print(d, fp);
    ck_assert_int_eq(fclose(fp), 0);
    ck_assert_ptr_nonnull(buf);
    return buf;
}

START_TEST(test_init_empty)
{
    ces_diags d;
    memset(&d, 0xAB, sizeof d);
    ces_diags_init(&d);
    ck_assert_uint_eq(d.count, 0);
    ck_assert_uint_eq(d.errors, 0);
    ck_assert_uint_eq(d.warnings, 0);
    ck_assert_uint_eq(d.dropped, 0);
    char *out = printed(&d);
    ck_assert_str_eq(out, "");
    free(out);
    ces_diags_free(&d);
    ces_diags_free(&d); /* freeing twice is harmless: free zeroes the collector */
}
END_TEST

START_TEST(test_full_format)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add(&d, CES_DIAG_ERROR, "complaints.csv", 14, "on_time", "12",
                 "%s exceeds transferred (%s)", "12", "9");
    ck_assert_uint_eq(d.count, 1);
    ck_assert_uint_eq(d.errors, 1);
    ck_assert_uint_eq(d.warnings, 0);
    const ces_diag *it = &d.items[0];
    ck_assert_str_eq(it->message, "complaints.csv:14: column on_time: 12 exceeds transferred (9)");
    ck_assert_int_eq(it->level, CES_DIAG_ERROR);
    ck_assert_str_eq(it->file, "complaints.csv");
    ck_assert_int_eq(it->line, 14);
    ck_assert_str_eq(it->column, "on_time");
    ck_assert_str_eq(it->value, "12");
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_key_format)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add_key(&d, CES_DIAG_ERROR, "cfg.json", "indicators.quant.mediation.method", "magic",
                     "unknown method \"%s\"", "magic");
    ck_assert_uint_eq(d.errors, 1);
    ck_assert_str_eq(d.items[0].message,
                     "cfg.json: key indicators.quant.mediation.method: unknown method \"magic\"");
    ck_assert_int_eq(d.items[0].is_key, 1);
    ck_assert_str_eq(d.items[0].column, "indicators.quant.mediation.method");
    ck_assert_str_eq(d.items[0].value, "magic");
    ck_assert_int_eq(d.items[0].line, 0);
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_format_without_line)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add(&d, CES_DIAG_ERROR, "companies.csv", 0, "org_type", NULL, "column is missing");
    ck_assert_str_eq(d.items[0].message, "companies.csv: column org_type: column is missing");
    ck_assert_int_eq(d.items[0].line, 0);
    ck_assert_ptr_null(d.items[0].value);
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_format_without_column)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add(&d, CES_DIAG_ERROR, "statistics.csv", 7, NULL, NULL, "row has %d fields, header has %d",
                 3, 5);
    ces_diag_add(&d, CES_DIAG_ERROR, "prior.csv", 0, NULL, NULL, "empty file");
    ck_assert_str_eq(d.items[0].message, "statistics.csv:7: row has 3 fields, header has 5");
    ck_assert_ptr_null(d.items[0].column);
    ck_assert_str_eq(d.items[1].message, "prior.csv: empty file");
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_format_without_file)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add(&d, CES_DIAG_ERROR, NULL, 0, NULL, NULL, "no bundle given");
    ces_diag_add(&d, CES_DIAG_ERROR, NULL, 0, "period", "2024H3", "bad period %s", "2024H3");
    ck_assert_str_eq(d.items[0].message, "no bundle given");
    ck_assert_ptr_null(d.items[0].file);
    ck_assert_str_eq(d.items[1].message, "column period: bad period 2024H3");
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_warnings_counted_apart)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add(&d, CES_DIAG_WARNING, "qualitative.csv", 3, "item", "sys_x", "unknown item %s",
                 "sys_x");
    ces_diag_add(&d, CES_DIAG_ERROR, "deductions.csv", 2, "points", "-1", "negative points");
    ces_diag_add(&d, CES_DIAG_WARNING, "mediation.csv", 0, NULL, NULL, "file absent");
    ck_assert_uint_eq(d.count, 3);
    ck_assert_uint_eq(d.errors, 1);
    ck_assert_uint_eq(d.warnings, 2);
    ck_assert_uint_eq(d.dropped, 0);
    ck_assert_int_eq(d.items[0].level, CES_DIAG_WARNING);
    ck_assert_int_eq(d.items[1].level, CES_DIAG_ERROR);
    char *out = printed(&d);
    ck_assert_str_eq(out,
                     "cescore: warning: qualitative.csv:3: column item: unknown item sys_x\n"
                     "cescore: deductions.csv:2: column points: negative points\n"
                     "cescore: warning: mediation.csv: file absent\n");
    free(out);
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_error_cap)
{
    ces_diags d;
    ces_diags_init(&d);
    for (int i = 0; i < CES_DIAG_MAX_ERRORS + 5; i++)
        ces_diag_add(&d, CES_DIAG_ERROR, "complaints.csv", i + 2, "total", NULL, "bad %d", i);
    ck_assert_uint_eq(d.errors, CES_DIAG_MAX_ERRORS + 5);
    ck_assert_uint_eq(d.count, CES_DIAG_MAX_ERRORS);
    ck_assert_uint_eq(d.dropped, 5);
    ck_assert_str_eq(d.items[0].message, "complaints.csv:2: column total: bad 0");
    ck_assert_str_eq(d.items[CES_DIAG_MAX_ERRORS - 1].message,
                     "complaints.csv:101: column total: bad 99");
    /* warnings past the cap are still stored and counted */
    ces_diag_add(&d, CES_DIAG_WARNING, "prior.csv", 4, NULL, NULL, "late warning");
    ck_assert_uint_eq(d.count, CES_DIAG_MAX_ERRORS + 1);
    ck_assert_uint_eq(d.warnings, 1);
    ck_assert_uint_eq(d.dropped, 5);
    ck_assert_str_eq(d.items[CES_DIAG_MAX_ERRORS].message, "prior.csv:4: late warning");
    /* and further errors are still dropped */
    ces_diag_add(&d, CES_DIAG_ERROR, "prior.csv", 5, NULL, NULL, "late error");
    ck_assert_uint_eq(d.count, CES_DIAG_MAX_ERRORS + 1);
    ck_assert_uint_eq(d.errors, CES_DIAG_MAX_ERRORS + 6);
    ck_assert_uint_eq(d.dropped, 6);
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_exactly_at_cap)
{
    ces_diags d;
    ces_diags_init(&d);
    for (int i = 0; i < CES_DIAG_MAX_ERRORS; i++)
        ces_diag_add(&d, CES_DIAG_ERROR, "a.csv", i + 2, NULL, NULL, "e");
    ck_assert_uint_eq(d.count, CES_DIAG_MAX_ERRORS);
    ck_assert_uint_eq(d.dropped, 0);
    char *out = printed(&d);
    ck_assert_ptr_null(strstr(out, "more errors not shown"));
    free(out);
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_warnings_do_not_use_the_cap)
{
    ces_diags d;
    ces_diags_init(&d);
    for (int i = 0; i < CES_DIAG_MAX_WARNINGS; i++)
        ces_diag_add(&d, CES_DIAG_WARNING, "w.csv", i + 2, NULL, NULL, "w%d", i);
    for (int i = 0; i < CES_DIAG_MAX_ERRORS; i++)
        ces_diag_add(&d, CES_DIAG_ERROR, "e.csv", i + 2, NULL, NULL, "e");
    ck_assert_uint_eq(d.warnings, CES_DIAG_MAX_WARNINGS);
    ck_assert_uint_eq(d.errors, CES_DIAG_MAX_ERRORS);
    ck_assert_uint_eq(d.dropped, 0);
    ck_assert_uint_eq(d.dropped_warnings, 0);
    ck_assert_uint_eq(d.count, CES_DIAG_MAX_WARNINGS + CES_DIAG_MAX_ERRORS);
    ces_diags_free(&d);
}
END_TEST

/* 20,000 unknown columns: 100 warning lines and one line counting the rest. */
START_TEST(test_warning_cap)
{
    ces_diags d;
    ces_diags_init(&d);
    for (int i = 0; i < 20000; i++) {
        char h[16];
        snprintf(h, sizeof h, "x%d", i);
        ces_diag_col col = {NULL, h, i};
        ces_diag_add_col(&d, CES_DIAG_WARNING, "complaints.csv", 1, &col, h, "unknown column, ignored");
    }
    ces_diag_add(&d, CES_DIAG_ERROR, "complaints.csv", 2, NULL, NULL, "an error still counts");
    ck_assert_uint_eq(d.warnings, 20000);
    ck_assert_uint_eq(d.dropped_warnings, 20000 - CES_DIAG_MAX_WARNINGS);
    ck_assert_uint_eq(d.count, CES_DIAG_MAX_WARNINGS + 1);
    ck_assert(ces_diags_full(&d, CES_DIAG_WARNING));
    ck_assert(!ces_diags_full(&d, CES_DIAG_ERROR));
    char *out = printed(&d);
    size_t lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, CES_DIAG_MAX_WARNINGS + 2);
    ck_assert_ptr_nonnull(strstr(out, "cescore: complaints.csv:2: an error still counts\n"));
    const char *tail = "cescore: 19900 more warnings not shown\n";
    ck_assert_str_eq(out + strlen(out) - strlen(tail), tail);
    free(out);
    ces_diags_free(&d);
}
END_TEST

/* A column is named as the file wrote its header, with its letter and the
 * canonical id; a header that is the id is not repeated. */
START_TEST(test_column_as_written)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_col zh = {"on_time", "按时处理反馈件数", 6};
    ces_diag_col en = {"on_time", "on_time", 27};
    ces_diag_col none = {NULL, "", 9};
    ces_diag_col unknown = {NULL, "机构简称", 1};
    ces_diag_add_col(&d, CES_DIAG_ERROR, "complaints.csv", 14, &zh, "12", "%s exceeds %s (%s)", "12",
                     "转办件数", "9");
    ces_diag_add_col(&d, CES_DIAG_ERROR, "complaints.csv", 3, &en, "55", "%s exceeds %s (%s)", "55",
                     "transferred", "50");
    ces_diag_add_col(&d, CES_DIAG_ERROR, "complaints.csv", 5, &none, "7",
                     "%s is under a column without header", "7");
    ces_diag_add_col(&d, CES_DIAG_WARNING, "complaints.csv", 1, &unknown, NULL,
                     "unknown column, ignored");
    ck_assert_str_eq(d.items[0].message,
                     "complaints.csv:14: column 按时处理反馈件数 (G) [on_time]: 12 exceeds "
                     "转办件数 (9)");
    ck_assert_str_eq(d.items[1].message,
                     "complaints.csv:3: column on_time (AB): 55 exceeds transferred (50)");
    ck_assert_str_eq(d.items[2].message,
                     "complaints.csv:5: column J (no header): 7 is under a column without header");
    ck_assert_str_eq(d.items[3].message,
                     "complaints.csv:1: column 机构简称 (B): unknown column, ignored");
    ck_assert_str_eq(d.items[0].header, "按时处理反馈件数");
    ck_assert_int_eq(d.items[0].field, 6);
    ces_diags_free(&d);
}
END_TEST

/* An invisible character of a value is shown, not printed as itself. */
START_TEST(test_invisible_shown)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add(&d, CES_DIAG_ERROR, "a.csv", 2, "code", "P\u00A0001", "%s is not a code", "P\u00A0001");
    ces_diag_add(&d, CES_DIAG_ERROR, "a.csv", 3, "code", "\u3000P002", "%s is not a code", "\u3000P002");
    ck_assert_str_eq(d.items[0].message, "a.csv:2: column code: P<U+00A0>001 is not a code");
    ck_assert_str_eq(d.items[1].message, "a.csv:3: column code: <U+3000>P002 is not a code");
    ck_assert_str_eq(d.items[0].value, "P\u00A0001"); /* the value itself is kept as read */
    ces_diags_free(&d);
}
END_TEST

/* Identical warnings on other lines are counted on the first, printed once. */
START_TEST(test_identical_warnings_merge)
{
    ces_diags d;
    ces_diags_init(&d);
    for (int i = 0; i < 42; i++)
        ces_diag_add(&d, CES_DIAG_WARNING, "s.csv", 3 + i, NULL, NULL, "character U+0007 replaced");
    ces_diag_add(&d, CES_DIAG_WARNING, "s.csv", 9, NULL, NULL, "something else");
    ck_assert_uint_eq(d.warnings, 43);
    ck_assert_uint_eq(d.count, 2);
    ck_assert_uint_eq(d.items[0].repeats, 41);
    char *out = printed(&d);
    ck_assert_str_eq(
        out,
        "cescore: warning: s.csv:3: character U+0007 replaced (and 41 more like it: lines 4, 5, "
        "6, 7, 8, 9, 10, 11, …)\ncescore: warning: s.csv:9: something else\n");
    free(out);
    ces_diags_free(&d);
}
END_TEST

/* Unlimited diagnostics (validate --json) keep every error; printing keeps its cap. */
START_TEST(test_unlimited_keeps_all)
{
    ces_diags d;
    ces_diags_init(&d);
    d.unlimited = 1;
    for (int i = 0; i < 250; i++)
        ces_diag_add(&d, CES_DIAG_ERROR, "a.csv", i + 2, NULL, NULL, "e%d", i);
    ck_assert_uint_eq(d.count, 250);
    ck_assert_uint_eq(d.dropped, 0);
    char *out = printed(&d);
    size_t lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, CES_DIAG_MAX_ERRORS + 1);
    ck_assert_ptr_nonnull(strstr(out, "cescore: 150 more errors not shown\n"));
    free(out);
    ces_diags_free(&d);
}
END_TEST

/* A value from an input reaches the terminal with its control characters
 * escaped: no ESC sequence, no line of its own. */
START_TEST(test_print_escapes_controls)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add(&d, CES_DIAG_ERROR, "companies.csv", 3, "name", "\x1b[2J\r\nX", "%s is odd",
                 "\x1b[2J\r\nX\xc2\x9b\xe2\x80\xae\xff\t");
    char *out = printed(&d);
    ck_assert_str_eq(out,
                     "cescore: companies.csv:3: column name: \\x1b[2J\\r\\nX\\u009b\\u202e"
                     "\\xff\\t is odd\n");
    free(out);
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_print_dropped_line)
{
    ces_diags d;
    ces_diags_init(&d);
    for (int i = 0; i < CES_DIAG_MAX_ERRORS + 3; i++)
        ces_diag_add(&d, CES_DIAG_ERROR, "complaints.csv", i + 2, NULL, NULL, "e%d", i);
    ces_diag_add(&d, CES_DIAG_WARNING, NULL, 0, NULL, NULL, "w");
    char *out = printed(&d);
    /* 100 error lines, the warning, then the summary as the last line */
    size_t lines = 0;
    for (const char *p = out; *p; p++)
        lines += *p == '\n';
    ck_assert_uint_eq(lines, CES_DIAG_MAX_ERRORS + 2);
    ck_assert(!strncmp(out, "cescore: complaints.csv:2: e0\n", 30));
    const char *tail =
        "cescore: complaints.csv:101: e99\ncescore: warning: w\n"
        "cescore: 3 more errors not shown\n";
    size_t lo = strlen(out), lt = strlen(tail);
    ck_assert_uint_ge(lo, lt);
    ck_assert_str_eq(out + lo - lt, tail);
    ck_assert_ptr_null(strstr(out, "e100"));
    free(out);
    ces_diags_free(&d);
}
END_TEST

START_TEST(test_long_text_kept)
{
    /* a long value is kept whole in the message (no silent truncation at 100s of bytes) */
    char v[600];
    memset(v, 'x', sizeof v - 1);
    v[sizeof v - 1] = '\0';
    ces_diags d;
    ces_diags_init(&d);
    ces_diag_add(&d, CES_DIAG_ERROR, "companies.csv", 2, "name", v, "too long: %s", v);
    ck_assert_uint_eq(strlen(d.items[0].message),
                      strlen("companies.csv:2: column name: too long: ") + 599);
    ck_assert_str_eq(d.items[0].value, v);
    /* a huge one is kept cut, at a character boundary */
    size_t n = 3 * CES_DIAG_MAX_VALUE + 1;
    char *big = malloc(n + 1);
    ck_assert_ptr_nonnull(big);
    for (size_t i = 0; i + 3 <= n; i += 3)
        memcpy(big + i, "\xe4\xb8\xad", 3); /* 中 */
    big[n - 1] = 'x';
    big[n] = '\0';
    ces_diag_add(&d, CES_DIAG_ERROR, "companies.csv", 3, "name", big, "too long");
    size_t kept = strlen(d.items[1].value);
    ck_assert_uint_le(kept, CES_DIAG_MAX_VALUE + strlen("…"));
    ck_assert_str_eq(d.items[1].value + kept - strlen("…"), "…");
    ck_assert_uint_eq((kept - strlen("…")) % 3, 0);
    free(big);
    ces_diags_free(&d);
}
END_TEST

static Suite *diag_suite(void)
{
    Suite *s = suite_create("diag");
    TCase *tc = tcase_create("diag");
    tcase_add_test(tc, test_init_empty);
    tcase_add_test(tc, test_full_format);
    tcase_add_test(tc, test_key_format);
    tcase_add_test(tc, test_format_without_line);
    tcase_add_test(tc, test_format_without_column);
    tcase_add_test(tc, test_format_without_file);
    tcase_add_test(tc, test_warnings_counted_apart);
    tcase_add_test(tc, test_error_cap);
    tcase_add_test(tc, test_exactly_at_cap);
    tcase_add_test(tc, test_warnings_do_not_use_the_cap);
    tcase_add_test(tc, test_warning_cap);
    tcase_add_test(tc, test_print_escapes_controls);
    tcase_add_test(tc, test_print_dropped_line);
    tcase_add_test(tc, test_long_text_kept);
    tcase_add_test(tc, test_column_as_written);
    tcase_add_test(tc, test_invisible_shown);
    tcase_add_test(tc, test_identical_warnings_merge);
    tcase_add_test(tc, test_unlimited_keeps_all);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(diag_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
