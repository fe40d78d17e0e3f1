/* Files (file.h): bounded reading; capturing a library's messages on
 * standard error (capture.h); a command's outputs put in place together,
 * folders of outputs, stale temporaries (outputs.h). */
#include <check.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cescore/capture.h"
#include "cescore/file.h"
#include "cescore/outputs.h"

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
    static char p[512];
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
    char target[512];
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

/* The names in dir, sorted, joined by '|'. */
static void names_in(const char *d, char *buf, size_t n)
{
    char cmd[600];
    snprintf(cmd, sizeof cmd, "ls -A '%s' | tr '\\n' '|'", d);
    FILE *fp = popen(cmd, "r");
    ck_assert_ptr_nonnull(fp);
    size_t got = fread(buf, 1, n - 1, fp);
    buf[got] = '\0';
    pclose(fp);
}

/* Nothing is in place before publish, and nothing is left after free. */
START_TEST(test_outputs_discarded)
{
    ces_diags d;
    ces_diags_init(&d);
    ces_outputs *o = ces_outputs_new();
    ces_output_folder *f;
    char cards[512], names[1024];
    snprintf(cards, sizeof cards, "%s", path("cards"));
    ck_assert_int_eq(ces_outputs_bytes(o, path("r.json"), "{}", 2, &d), CES_OK);
    ck_assert_int_eq(ces_outputs_folder(o, cards, "scorecards", 1, &f, &d), CES_OK);
    ck_assert_int_eq(ces_outputs_folder_bytes(f, "A.xlsx", "a", 1, &d), CES_OK);
    ck_assert_int_eq(ces_outputs_folder_bytes(f, "a.XLSX", "b", 1, &d), CES_ERR_INVALID);
    ck_assert_int_eq(ces_outputs_ready(o, &d), CES_OK);
    names_in(dir, names, sizeof names);
    ck_assert_ptr_null(strstr(names, "r.json|"));
    ck_assert_ptr_null(strstr(names, "cards|"));
    ces_outputs_free(o); /* never published: every temporary goes */
    names_in(dir, names, sizeof names);
    ck_assert_str_eq(names, "");
    ces_diags_free(&d);
}
END_TEST

/* Published: in place, with the manifest; replaced again, the folder keeps
 * its mode and loses the files the new set does not have. */
START_TEST(test_outputs_published)
{
    ces_diags d;
    ces_diags_init(&d);
    char cards[512], names[1024];
    snprintf(cards, sizeof cards, "%s", path("cards"));
    for (int round = 0; round < 2; round++) {
        ces_outputs *o = ces_outputs_new();
        ces_output_folder *f;
        ck_assert_int_eq(ces_outputs_folder(o, cards, "scorecards", 1, &f, &d), CES_OK);
        ck_assert_int_eq(ces_outputs_folder_bytes(f, round ? "B.xlsx" : "A.xlsx", "a", 1, &d), CES_OK);
        ck_assert_int_eq(ces_outputs_ready(o, &d), CES_OK);
        ck_assert_int_eq(ces_outputs_publish(o, &d), CES_OK);
        ces_outputs_free(o);
        if (!round)
            ck_assert_int_eq(chmod(cards, 0751), 0);
    }
    names_in(cards, names, sizeof names);
    ck_assert_str_eq(names, "B.xlsx|cescore-manifest.txt|");
    struct stat sb;
    ck_assert_int_eq(stat(cards, &sb), 0);
    ck_assert_uint_eq(sb.st_mode & 07777, 0751);
    unsigned char *m;
    size_t len;
    ck_assert_int_eq(ces_read_file(path("cards/cescore-manifest.txt"), &m, &len), 0);
    ck_assert_str_eq((char *)m,
                     "cescore-manifest 1\nkind scorecards\n"
                     "ca978112ca1bbdcafac231b39a23dc4da786eff8147c4e72b9807785afee48bb  B.xlsx\n");
    free(m);
    /* another kind of cescore's folder is not replaced */
    ces_outputs *o = ces_outputs_new();
    ces_output_folder *f;
    ck_assert_int_eq(ces_outputs_folder(o, cards, "export", 1, &f, &d), CES_ERR_IO);
    ces_outputs_free(o);
    names_in(dir, names, sizeof names);
    ck_assert_str_eq(names, "cards|");
    ces_diags_free(&d);
}
END_TEST

/* A temporary of cescore's naming whose process is gone is removed by the
 * next output written beside it; one of a running process, or not of
 * cescore's naming, stays. */
START_TEST(test_stale_temporaries_swept)
{
    pid_t child = fork();
    if (child == 0)
        _exit(0);
    ck_assert_int_eq(waitpid(child, NULL, 0), child);
    char stale[256], stale_dir[256], live[256];
    snprintf(stale, sizeof stale, "r.json.cescore-tmp-%ld-AbC123", (long)child);
    snprintf(stale_dir, sizeof stale_dir, "cards.cescore-tmp-%ld-XyZ789", (long)child);
    snprintf(live, sizeof live, "x.cescore-tmp-%ld-QQQQQQ", (long)getppid());
    write_text(stale, "old");
    ck_assert_int_eq(mkdir(path(stale_dir), 0700), 0);
    char inner[300];
    snprintf(inner, sizeof inner, "%s/A.xlsx", stale_dir);
    write_text(inner, "old");
    write_text(live, "running");
    write_text("notes.cescore-tmp-1-x", "mine");
    ces_diags d;
    ces_diags_init(&d);
    ck_assert_int_eq(ces_write_file_atomic(path("r.json"), "{}", 2, &d), CES_OK);
    char names[1024], want[1024];
    names_in(dir, names, sizeof names);
    snprintf(want, sizeof want, "notes.cescore-tmp-1-x|r.json|%s|", live);
    ck_assert_str_eq(names, want);
    ces_diags_free(&d);
}
END_TEST

/* A folder of hundreds of files: a name that differs from an earlier one
 * only in case is still refused, and replacing the folder checks each file
 * against the previous manifest. */
START_TEST(test_outputs_many_files)
{
    enum { N = 300 };
    ces_diags d;
    ces_diags_init(&d);
    char cards[512], name[32];
    snprintf(cards, sizeof cards, "%s", path("cards"));
    for (int round = 0; round < 2; round++) {
        ces_outputs *o = ces_outputs_new();
        ces_output_folder *f;
        ck_assert_int_eq(ces_outputs_folder(o, cards, "scorecards", 1, &f, &d), CES_OK);
        for (int k = 0; k < N; k++) {
            snprintf(name, sizeof name, "SH-%05d.xlsx", k);
            ck_assert_int_eq(ces_outputs_folder_bytes(f, name, name, 3 + round, &d), CES_OK);
        }
        ck_assert_int_eq(ces_outputs_folder_bytes(f, "sh-00100.XLSX", "x", 1, &d), CES_ERR_INVALID);
        ck_assert_int_eq(ces_outputs_ready(o, &d), CES_OK);
        ck_assert_int_eq(ces_outputs_publish(o, &d), CES_OK);
        ces_outputs_free(o);
    }
    ck_assert_uint_eq(d.count, 2);
    ck_assert_ptr_nonnull(strstr(d.items[0].message, "SH-00100.xlsx and sh-00100.XLSX"));
    unsigned char *b;
    size_t len;
    ck_assert_int_eq(ces_read_file(path("cards/SH-00299.xlsx"), &b, &len), 0);
    ck_assert_uint_eq(len, 4); /* the second round's */
    free(b);
    /* a file changed since is named, among hundreds */
    write_text("cards/SH-00200.xlsx", "changed");
    ces_outputs *o = ces_outputs_new();
    ces_output_folder *f;
    ck_assert_int_eq(ces_outputs_folder(o, cards, "scorecards", 1, &f, &d), CES_ERR_IO);
    ck_assert_ptr_nonnull(
        strstr(d.items[2].message, "SH-00200.xlsx was changed after cescore wrote it"));
    ces_outputs_free(o);
    ces_diags_free(&d);
}
END_TEST

/* Temporaries put in place in any order are forgotten, each one: on
 * SIGTERM the handler removes exactly those still temporary. */
START_TEST(test_temporaries_forgotten_in_any_order)
{
    enum { N = 600 };
    pid_t child = fork();
    if (child == 0) {
        ces_outputs_catch_signals();
        static char *tmp[N];
        char name[128];
        ces_diags d;
        ces_diags_init(&d);
        for (int k = 0; k < N; k++) {
            snprintf(name, sizeof name, "%s/f%04d", dir, k);
            if (ces_temp_create(name, &tmp[k], &d) != CES_OK)
                _exit(1);
        }
        for (int k = 0; k < N; k++) {
            int j = (k * 229) % N; /* every one once, out of order */
            if (j % 3 == 0)
                continue;
            snprintf(name, sizeof name, "%s/f%04d", dir, j);
            if (ces_temp_commit(tmp[j], name, &d) != CES_OK)
                _exit(1);
        }
        raise(SIGTERM);
        _exit(2);
    }
    int status;
    ck_assert_int_eq(waitpid(child, &status, 0), child);
    ck_assert(WIFEXITED(status));
    ck_assert_int_eq(WEXITSTATUS(status), 128 + SIGTERM);
    char cmd[256];
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -c cescore-tmp", dir);
    FILE *fp = popen(cmd, "r");
    int left = -1;
    ck_assert_int_eq(fscanf(fp, "%d", &left), 1);
    pclose(fp);
    ck_assert_int_eq(left, 0);
    snprintf(cmd, sizeof cmd, "ls '%s' | grep -c '^f[0-9]*$'", dir);
    fp = popen(cmd, "r");
    int placed = -1;
    ck_assert_int_eq(fscanf(fp, "%d", &placed), 1);
    pclose(fp);
    ck_assert_int_eq(placed, N - (N + 2) / 3);
}
END_TEST

static Suite *file_suite(void)
{
    Suite *s = suite_create("file");
    TCase *tc = tcase_create("core");
    tcase_add_checked_fixture(tc, setup, teardown);
    tcase_add_test(tc, test_read_limits);
    tcase_add_test(tc, test_capture);
    tcase_add_test(tc, test_outputs_discarded);
    tcase_add_test(tc, test_outputs_published);
    tcase_add_test(tc, test_stale_temporaries_swept);
    tcase_add_test(tc, test_outputs_many_files);
    tcase_add_test(tc, test_temporaries_forgotten_in_any_order);
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
