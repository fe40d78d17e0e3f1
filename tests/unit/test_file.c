/* Files (file.h): bounded reading, and capturing a library's messages on
 * standard error (capture.h). */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cescore/capture.h"
#include "cescore/file.h"

static char dir[64];

static void setup(void)
{
    snprintf(dir, sizeof dir, "/tmp/ces_file_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(dir));
}

static void teardown(void)
{
    char cmd[128];
    snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
    ck_assert_int_eq(system(cmd), 0);
}

static const char *path(const char *name)
{
    static char p[256];
    snprintf(p, sizeof p, "%s/%s", dir, name);
    return p;
}

static void write_text(const char *name, const char *text)
{
    FILE *fp = fopen(path(name), "wb");
    ck_assert_ptr_nonnull(fp);
    fputs(text, fp);
    ck_assert_int_eq(fclose(fp), 0);
}

START_TEST(test_read_limits)
{
    unsigned char *b = NULL;
    size_t len = 0;
    write_text("a.csv", "0123456789");
    ck_assert_int_eq(ces_read_file_limited(path("a.csv"), 10, 1, &b, &len), 0);
    ck_assert_uint_eq(len, 10);
    ck_assert_str_eq((char *)b, "0123456789");
    free(b);
    ck_assert_int_eq(ces_read_file_limited(path("a.csv"), 9, 1, &b, &len), CES_READ_TOO_LARGE);
    ck_assert_ptr_null(b);
    ck_assert_int_eq(ces_read_file_limited(path("none.csv"), 9, 1, &b, &len), ENOENT);
    ck_assert_int_eq(ces_read_file_limited(dir, 9, 1, &b, &len), EISDIR);
    /* a FIFO without a writer: refused at once, not waited for */
    ck_assert_int_eq(mkfifo(path("p.csv"), 0600), 0);
    ck_assert_int_eq(ces_read_file_limited(path("p.csv"), 100, 1, &b, &len), CES_READ_NOT_REGULAR);
    /* a device: refused for a bundle; read up to the limit + 1 byte otherwise */
    ck_assert_int_eq(ces_read_file_limited("/dev/zero", 100, 1, &b, &len), CES_READ_NOT_REGULAR);
    ck_assert_int_eq(ces_read_file_limited("/dev/zero", 1 << 20, 0, &b, &len), CES_READ_TOO_LARGE);
    ck_assert_int_eq(ces_read_file_limited("/dev/null", 100, 0, &b, &len), 0);
    ck_assert_uint_eq(len, 0);
    free(b);
    /* a link to a regular file is followed */
    char target[256];
    snprintf(target, sizeof target, "%s", path("a.csv"));
    ck_assert_int_eq(symlink(target, path("l.csv")), 0);
    ck_assert_int_eq(ces_read_file_limited(path("l.csv"), 100, 1, &b, &len), 0);
    ck_assert_uint_eq(len, 10);
    free(b);
    ck_assert_str_eq(ces_read_strerror(CES_READ_TOO_LARGE, (size_t)2 << 30),
                     "larger than the limit of 2 GiB");
    ck_assert_str_eq(ces_read_strerror(CES_READ_TOO_LARGE, 1 << 20), "larger than the limit of 1 MiB");
    ck_assert_str_eq(ces_read_strerror(CES_READ_TOO_LARGE, 10), "larger than the limit of 10 bytes");
}
END_TEST

/* A library's lines on standard error become diagnostics, and do not reach
 * the real standard error. */
START_TEST(test_capture)
{
    /* the real standard error: a file of ours, to see what reaches it */
    int real = open(path("stderr"), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    ck_assert_int_ge(real, 0);
    int saved = dup(STDERR_FILENO);
    ck_assert_int_ge(dup2(real, STDERR_FILENO), 0);
    close(real);
    ces_diags d;
    ces_diags_init(&d);
    ces_capture cap;
    ces_capture_begin(&cap);
    fprintf(stderr, "[ERROR][packager.c:1133]: Error writing 'xl/workbook.xml'.\n");
    fprintf(stderr, "[WARNING]: worksheet_set_column(): column width too large\n");
    ces_capture_end(&cap, &d, "out.xlsx", "libxlsxwriter");
    fprintf(stderr, "after\n");
    fflush(stderr);
    dup2(saved, STDERR_FILENO);
    close(saved);
    ck_assert_uint_eq(d.count, 2);
    ck_assert_uint_eq(d.errors, 1);
    ck_assert_str_eq(d.items[0].message, "out.xlsx: libxlsxwriter: Error writing 'xl/workbook.xml'.");
    ck_assert_int_eq(d.items[1].level, CES_DIAG_WARNING);
    ck_assert_str_eq(d.items[1].message,
                     "out.xlsx: libxlsxwriter: worksheet_set_column(): column width too large");
    unsigned char *b;
    size_t len;
    ck_assert_int_eq(ces_read_file(path("stderr"), &b, &len), 0);
    ck_assert_str_eq((char *)b, "after\n");
    free(b);
    ces_diags_free(&d);
}
END_TEST

static Suite *file_suite(void)
{
    Suite *s = suite_create("file");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_read_limits);
    tcase_add_test(tc, test_capture);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(file_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
