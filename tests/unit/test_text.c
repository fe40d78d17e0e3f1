/* Text on its way out (text.h): XML 1.0's characters, character counts,
 * terminal escaping and scorecard file names; with them the growable
 * arrays (grow.h) that text and rows are kept in. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/buf.h"
#include "cescore/grow.h"
#include "cescore/text.h"

START_TEST(test_xml_chars)
{
    ck_assert(ces_xml_char_ok('\t') && ces_xml_char_ok('\n') && ces_xml_char_ok('\r'));
    ck_assert(!ces_xml_char_ok(0x1B) && !ces_xml_char_ok(0x00) && !ces_xml_char_ok(0x1F));
    ck_assert(ces_xml_char_ok(0x20) && ces_xml_char_ok(0x4E2D) && ces_xml_char_ok(0xFFFD));
    ck_assert(!ces_xml_char_ok(0xFFFE) && !ces_xml_char_ok(0xFFFF));
    ck_assert(ces_xml_char_ok(0x10000) && ces_xml_char_ok(0x10FFFF) && !ces_xml_char_ok(0x110000));
    ck_assert(!ces_xml_char_ok(0xD800));
}
END_TEST

START_TEST(test_utf8)
{
    unsigned cp = 0;
    ck_assert_uint_eq(ces_utf8_next("\xE4\xB8\xAD", 3, &cp), 3);
    ck_assert_uint_eq(cp, 0x4E2D);
    ck_assert_uint_eq(ces_utf8_next("\xEF\xBF\xBF", 3, &cp), 3);
    ck_assert_uint_eq(cp, 0xFFFF);
    ck_assert_uint_eq(ces_utf8_next("\xC0\xAF", 2, &cp), 0);     /* overlong */
    ck_assert_uint_eq(ces_utf8_next("\xED\xA0\x80", 3, &cp), 0); /* surrogate */
    ck_assert_uint_eq(ces_utf8_next("\xE4\xB8", 2, &cp), 0);     /* cut short */
    ck_assert_uint_eq(ces_utf8_chars("a中b\xff"), 4);
    ck_assert_uint_eq(ces_utf8_chars(""), 0);
}
END_TEST

/* The escaped text of s, malloc'ed. */
static char *escaped(const char *s)
{
    ces_buf b = {0};
    ces_buf_escaped(&b, s);
    return b.p ? b.p : strdup("");
}

START_TEST(test_utf8_copy)
{
    char buf[8];
    ces_utf8_copy(buf, sizeof buf, "abc");
    ck_assert_str_eq(buf, "abc");
    ces_utf8_copy(buf, sizeof buf, "ab\xE4\xB8\xAD\xE6\x96\x87"); /* ab中文: 8 bytes, 7 fit */
    ck_assert_str_eq(buf, "ab\xE4\xB8\xAD");                      /* cut before 文, not inside */
    ces_utf8_copy(buf, 1, "abc");
    ck_assert_str_eq(buf, "");
}
END_TEST

START_TEST(test_grow)
{
    int *a = NULL;
    size_t cap = 0;
    for (size_t n = 0; n < 100; n++) {
        ck_assert_int_eq(CES_GROW(a, cap, n, 4), 0);
        ck_assert_uint_ge(cap, n + 1);
        a[n] = (int)n;
    }
    ck_assert_uint_eq(cap, 128); /* 4, 8, ..., 128: doubled, from the first capacity */
    for (int n = 0; n < 100; n++)
        ck_assert_int_eq(a[n], n);
    size_t before = cap;
    ck_assert_int_eq(ces_grow(&a, &cap, (size_t)-1 / 2, sizeof *a, 4), -1); /* too large: unchanged */
    ck_assert_uint_eq(cap, before);
    ck_assert_int_eq(a[99], 99);
    free(a);
    char *t = NULL;
    cap = 0;
    ck_assert_int_eq(ces_grow(&t, &cap, 300, 1, 256), 0); /* a byte buffer: 256 -> 512 */
    ck_assert_uint_eq(cap, 512);
    free(t);
}
END_TEST

/* An integral figure without printf: the bytes "%.15g" and "%.17g" write;
 * anything else is left to printf (0 returned). */
START_TEST(test_integral_text)
{
    static const double YES[] = {
        1, -1, 7, 10, 100, 12345, -98765, 4294967296.0, 999999999999999.0, -999999999999999.0};
    static const double NO[] = {0.5, -0.25, 1e15, -1e15, 1e300, 12345.000001, 1.0 / 3};
    char out[24], want[64];
    for (size_t k = 0; k < sizeof YES / sizeof YES[0]; k++) {
        snprintf(want, sizeof want, "%.17g", YES[k]);
        ck_assert_uint_eq(ces_integral_text(YES[k], out), strlen(want));
        ck_assert_str_eq(out, want);
        snprintf(want, sizeof want, "%.15g", YES[k]);
        ck_assert_str_eq(out, want);
    }
    for (size_t k = 0; k < sizeof NO / sizeof NO[0]; k++)
        ck_assert_uint_eq(ces_integral_text(NO[k], out), 0);
    ces_buf b = {0};
    ces_buf_dbl(&b, "x", 12345);
    ces_buf_dbl(&b, "y", 0.1);
    ces_buf_int(&b, "z", -42);
    ck_assert_str_eq(b.p, " x=12345 y=0.10000000000000001 z=-42");
    ces_buf_free(&b);
}
END_TEST

START_TEST(test_escape)
{
    char *e = escaped("长青\x1b[2J\r\n\t\x7f\xc2\x9b\xe2\x80\xae\xe2\x81\xa6\xff end");
    ck_assert_str_eq(e, "长青\\x1b[2J\\r\\n\\t\\x7f\\u009b\\u202e\\u2066\\xff end");
    free(e);
    ck_assert(!ces_text_needs_escape("SH-PC-001 长青人寿（上海）"));
    ck_assert(ces_text_needs_escape("a\nb"));
    ck_assert(ces_text_needs_escape("\xff"));
}
END_TEST

START_TEST(test_scorecard_file_name)
{
    char buf[512];
    ck_assert_int_eq(ces_scorecard_file_name("SH-PC-001", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "SH-PC-001.xlsx");
    ck_assert_int_eq(ces_scorecard_file_name(".a/b\\c\x01", buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "_.a_b_c_.xlsx");
    char code[260];
    memset(code, 'X', 250);
    code[250] = '\0';
    ck_assert_int_eq(ces_scorecard_file_name(code, buf, sizeof buf), 0); /* 255 bytes */
    code[250] = 'X';
    code[251] = '\0';
    ck_assert_int_eq(ces_scorecard_file_name(code, buf, sizeof buf), -1); /* 256 bytes */
    ck_assert_int_eq(ces_scorecard_file_name("SH-PC-001", buf, 10), -1);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("text");
    TCase *tc = tcase_create("core");
    tcase_add_test(tc, test_xml_chars);
    tcase_add_test(tc, test_utf8);
    tcase_add_test(tc, test_utf8_copy);
    tcase_add_test(tc, test_grow);
    tcase_add_test(tc, test_integral_text);
    tcase_add_test(tc, test_escape);
    tcase_add_test(tc, test_scorecard_file_name);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(text_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
