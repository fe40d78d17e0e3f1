/* The CLI module minus main: exit codes of docs/commands.md (cli_status.c), option
 * parsing (cli_opts.c) and the environment (cli_env.c: clock, bundled config
 * path, operator, period argument). */
#include <check.h>
#include <locale.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cescore/i18n.h"
#include "cescore/status.h"
#include "cli/cli_env.h"
#include "cli/cli_i18n.h"
#include "cli/cli_opts.h"
#include "cli/cli_progress.h"

/* ---- the messages' language (cli_i18n.c) ---------------------------------------- */

static void clear_lang_env(void)
{
    unsetenv("LANGUAGE");
    unsetenv("LC_ALL");
    unsetenv("LC_MESSAGES");
    unsetenv("LANG");
}

/* Numbers are read and printed as in the "C" locale whatever the language. */
static void assert_numbers_c(void)
{
    ck_assert_str_eq(setlocale(LC_NUMERIC, NULL), "C");
    ck_assert_str_eq(setlocale(LC_CTYPE, NULL), "C");
    char buf[32];
    snprintf(buf, sizeof buf, "%.2f", 1234.5);
    ck_assert_str_eq(buf, "1234.50");
    ck_assert(strtod("2.25", NULL) == 2.25);
}

START_TEST(test_lang_option_zh)
{
    clear_lang_env();
    char *argv[] = {"cescore", "validate", "--lang", "zh", NULL};
    ck_assert_int_eq(cli_i18n_init(4, argv), 1);
    ck_assert_int_eq(cli_i18n_chinese(), 1);
    /* the build's catalog (build/locale), found without any generated locale */
    ck_assert_str_eq(_("out of memory"), "内存不足");
    ck_assert_str_eq(ces_ntr("%zu more error not shown", "%zu more errors not shown", 3),
                     "另有 %zu 个错误未显示");
    assert_numbers_c();
}
END_TEST

START_TEST(test_lang_option_en_wins)
{
    clear_lang_env();
    setenv("LANG", "zh_CN.UTF-8", 1);
    char *argv[] = {"cescore", "--lang=en", "history", NULL};
    ck_assert_int_eq(cli_i18n_init(3, argv), 0);
    ck_assert_str_eq(_("out of memory"), "out of memory");
    assert_numbers_c();
}
END_TEST

START_TEST(test_lang_from_environment)
{
    static const struct {
        const char *language, *lc_all, *lc_messages, *lang;
        int chinese;
    } T[] = {
        {NULL, NULL, NULL, "zh_CN.UTF-8", 1},
        {NULL, NULL, NULL, "zh", 1},
        {NULL, NULL, "zh_TW.UTF-8", "en_US", 1},
        {NULL, "C", NULL, "zh_CN.UTF-8", 0},
        {NULL, "C.UTF-8", "zh_CN", NULL, 0},
        {"zh_CN:en", "C", NULL, NULL, 1},
        {"en", NULL, NULL, "zh_CN.UTF-8", 0},
        {NULL, NULL, NULL, "en_US.UTF-8", 0},
        {NULL, NULL, NULL, "zhx", 0},
        {NULL, NULL, NULL, NULL, 0},
    };
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        clear_lang_env();
        if (T[i].language)
            setenv("LANGUAGE", T[i].language, 1);
        if (T[i].lc_all)
            setenv("LC_ALL", T[i].lc_all, 1);
        if (T[i].lc_messages)
            setenv("LC_MESSAGES", T[i].lc_messages, 1);
        if (T[i].lang)
            setenv("LANG", T[i].lang, 1);
        char *argv[] = {"cescore", "history", NULL};
        ck_assert_msg(cli_i18n_init(2, argv) == T[i].chinese, "case %zu: not %s", i,
                      T[i].chinese ? "Chinese" : "English");
        assert_numbers_c();
    }
    /* once Chinese, the messages are */
    ck_assert_str_eq(_("usage error"), "usage error"); /* the last case was English */
    clear_lang_env();
    setenv("LANG", "zh_CN.UTF-8", 1);
    char *argv[] = {"cescore", "history", NULL};
    ck_assert_int_eq(cli_i18n_init(2, argv), 1);
    ck_assert_str_eq(_("usage error"), "用法错误");
}
END_TEST

/* ---- exit codes (docs/commands.md) --------------------------------------------- */

START_TEST(test_exit_codes)
{
    static const struct {
        ces_status st;
        int code;
    } T[] = {
        {CES_OK, 0},        {CES_ERR_IO, 1},      {CES_ERR_INTERNAL, 1}, {CES_ERR_NOMEM, 1},
        {CES_ERR_USAGE, 2}, {CES_ERR_INVALID, 3}, {CES_ERR_CONFLICT, 4}, {CES_ERR_DIFFERENT, 5},
    };
    for (size_t i = 0; i < sizeof T / sizeof *T; i++)
        ck_assert_msg(ces_status_exit_code(T[i].st) == T[i].code, "status %d -> %d, not %d",
                      (int)T[i].st, ces_status_exit_code(T[i].st), T[i].code);
}
END_TEST

START_TEST(test_status_names)
{
    ck_assert_str_eq(ces_status_name(CES_OK), "success");
    ck_assert_str_eq(ces_status_name(CES_ERR_INVALID), "invalid input");
    ck_assert_str_eq(ces_status_name(CES_ERR_USAGE), "usage error");
    /* every status has its own name */
    for (int a = CES_OK; a <= CES_ERR_DIFFERENT; a++) {
        ck_assert_ptr_nonnull(ces_status_name((ces_status)a));
        for (int b = a + 1; b <= CES_ERR_DIFFERENT; b++)
            ck_assert_str_ne(ces_status_name((ces_status)a), ces_status_name((ces_status)b));
    }
}
END_TEST

/* ---- option parsing -------------------------------------------------- */

/* A command of the test's own: PERIOD [BUNDLE], some options. */
static const cli_command TEST_CMD = {
    .name = "probe",
    .fn = NULL,
    .options = CLI_OPT_COMMON | CLI_OPT_CONFIG | CLI_OPT_JSON | CLI_OPT_RUN | CLI_OPT_BY,
    .min_args = 1,
    .max_args = 2,
    .synopsis = "probe PERIOD [BUNDLE] [--run N]",
    .summary = "A command for the unit test.",
};

/* cli_parse on "probe" followed by the NULL-terminated arguments. */
static ces_status parse_args(cli_opts *o, ...)
{
    char *argv[32];
    int argc = 0;
    argv[argc++] = (char *)"probe";
    va_list ap;
    va_start(ap, o);
    const char *a;
    while ((a = va_arg(ap, const char *)) != NULL) {
        ck_assert_int_lt(argc, 31);
        argv[argc++] = (char *)a;
    }
    va_end(ap);
    argv[argc] = NULL;
    return cli_parse(&TEST_CMD, argc, argv, o);
}
#define PARSE(o, ...) parse_args((o), __VA_ARGS__, (const char *)NULL)

START_TEST(test_parse_accepts_options)
{
    cli_opts o;
    ces_status st = PARSE(&o, "--db", "x.db", "--config", "c.json", "--json", "-", "--quiet", "--lang",
                          "en", "--run=3", "--by", "alice", "-h", "2024H1", "bundle/");
    ck_assert_int_eq(st, CES_OK);
    ck_assert_str_eq(o.db, "x.db");
    ck_assert_str_eq(o.config, "c.json");
    ck_assert_str_eq(o.json, "-");
    ck_assert_int_eq(o.quiet, 1);
    ck_assert_int_eq(o.english, 1);
    ck_assert_int_eq(o.run, 3);
    ck_assert_str_eq(o.by, "alice");
    ck_assert_int_eq(o.help, 1); /* -h stops the parse: the help is printed */
}
END_TEST

START_TEST(test_parse_defaults)
{
    cli_opts o;
    ck_assert_int_eq(PARSE(&o, "2024FY"), CES_OK);
    ck_assert_str_eq(o.db, "cescore.db");
    ck_assert_ptr_null(o.config);
    ck_assert_ptr_null(o.json);
    ck_assert_ptr_null(o.by);
    ck_assert_ptr_null(o.out);
    ck_assert_int_eq(o.run, 0);
    ck_assert_int_eq(o.help, 0);
    ck_assert_int_eq(o.quiet, 0);
    ck_assert_int_eq(o.english, 0);
    ck_assert_int_eq(o.n_args, 1);
    ck_assert_str_eq(o.args[0], "2024FY");
    ck_assert_int_eq(PARSE(&o, "--lang", "zh", "2024FY"), CES_OK);
    ck_assert_int_eq(o.english, 0);
}
END_TEST

START_TEST(test_parse_option_not_accepted)
{
    cli_opts o;
    /* --out and --replace exist, but this command does not take them */
    ck_assert_int_eq(PARSE(&o, "2024H1", "--out", "x.xlsx"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--replace", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--company", "PC-A", "2024H1"), CES_ERR_USAGE);
    /* unknown options, and short ones (none are defined) */
    ck_assert_int_eq(PARSE(&o, "--bogus", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "-q", "2024H1"), CES_ERR_USAGE);
    /* a flag does not take a value */
    ck_assert_int_eq(PARSE(&o, "--quiet=yes", "2024H1"), CES_ERR_USAGE);
}
END_TEST

START_TEST(test_parse_missing_value)
{
    cli_opts o;
    ck_assert_int_eq(PARSE(&o, "2024H1", "--db"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "2024H1", "--run"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "2024H1", "--lang"), CES_ERR_USAGE);
}
END_TEST

START_TEST(test_parse_positional_count)
{
    cli_opts o;
    ck_assert_int_eq(PARSE(&o, "2024H1", "bundle", "extra"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--quiet"), CES_ERR_USAGE); /* min 1 */
    ck_assert_int_eq(PARSE(&o, "--db", "a.db"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "2024H1", "bundle"), CES_OK); /* max 2 */
    ck_assert_int_eq(o.n_args, 2);
}
END_TEST

START_TEST(test_parse_run_number)
{
    cli_opts o;
    ck_assert_int_eq(PARSE(&o, "--run", "abc", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--run", "3x", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--run", "0", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--run", "-2", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--run", "", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--import", "x", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--run=42", "2024H1"), CES_OK);
    ck_assert_int_eq(o.run, 42);
}
END_TEST

START_TEST(test_parse_lang)
{
    cli_opts o;
    ck_assert_int_eq(PARSE(&o, "--lang", "fr", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--lang", "EN", "2024H1"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "--lang=en", "2024H1"), CES_OK);
    ck_assert_int_eq(o.english, 1);
}
END_TEST

START_TEST(test_parse_options_after_positionals)
{
    cli_opts o;
    ck_assert_int_eq(PARSE(&o, "2024H1", "--quiet", "bundle", "--db", "a.db", "--run", "5"), CES_OK);
    ck_assert_int_eq(o.quiet, 1);
    ck_assert_str_eq(o.db, "a.db");
    ck_assert_int_eq(o.run, 5);
    ck_assert_int_eq(o.n_args, 2);
    ck_assert_str_eq(o.args[0], "2024H1");
    ck_assert_str_eq(o.args[1], "bundle");
}
END_TEST

START_TEST(test_parse_double_dash)
{
    cli_opts o;
    /* after "--" everything is positional, even what looks like an option */
    ck_assert_int_eq(PARSE(&o, "--quiet", "--", "--db"), CES_OK);
    ck_assert_int_eq(o.n_args, 1);
    ck_assert_str_eq(o.args[0], "--db");
    ck_assert_str_eq(o.db, "cescore.db");
}
END_TEST

START_TEST(test_parse_repeated_calls)
{
    /* cli_parse resets getopt: a second parse in the same process sees all of
     * its arguments, after a failed parse too */
    cli_opts o;
    ck_assert_int_eq(PARSE(&o, "2024H1", "--lang", "fr"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "a", "--quiet", "b"), CES_OK);
    ck_assert_int_eq(PARSE(&o, "a", "b", "--lang", "fr"), CES_ERR_USAGE); /* fails after permuting */
    ck_assert_int_eq(PARSE(&o, "x", "--db"), CES_ERR_USAGE);
    ck_assert_int_eq(PARSE(&o, "2024FY", "--run", "9", "bundle"), CES_OK);
    ck_assert_int_eq(o.run, 9);
    ck_assert_int_eq(o.quiet, 0);
    ck_assert_int_eq(o.n_args, 2);
    ck_assert_str_eq(o.args[0], "2024FY");
    ck_assert_str_eq(o.args[1], "bundle");
}
END_TEST

START_TEST(test_parse_help)
{
    cli_opts o;
    /* --help wins over missing arguments */
    ck_assert_int_eq(PARSE(&o, "--help"), CES_OK);
    ck_assert_int_eq(o.help, 1);
}
END_TEST

START_TEST(test_print_help)
{
    char *buf = NULL;
    size_t len = 0;
    FILE *fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    cli_print_help(&TEST_CMD, fp);
    fclose(fp);
    const char *first = "usage: cescore probe PERIOD [BUNDLE] [--run N]\n\n";
    ck_assert_msg(!strncmp(buf, first, strlen(first)), "%s", buf);
    ck_assert_ptr_nonnull(strstr(buf, "A command for the unit test."));
    ck_assert_ptr_nonnull(strstr(buf, "  --db FILE"));
    ck_assert_ptr_nonnull(strstr(buf, "  --run N"));
    ck_assert_ptr_nonnull(strstr(buf, "  --lang zh|en"));
    ck_assert_ptr_nonnull(strstr(buf, "  -h, --help"));
    ck_assert_ptr_null(strstr(buf, "--out"));
    ck_assert_ptr_null(strstr(buf, "--replace"));
    ck_assert_ptr_nonnull(strstr(buf, "default the period's finalized run, else its latest"));
    free(buf);

    /* a command that needs --run says so */
    cli_command needs = TEST_CMD;
    needs.setup = CLI_NEEDS_RUN;
    buf = NULL;
    fp = open_memstream(&buf, &len);
    ck_assert_ptr_nonnull(fp);
    cli_print_help(&needs, fp);
    fclose(fp);
    ck_assert_ptr_nonnull(strstr(buf, "the run (required"));
    ck_assert_ptr_null(strstr(buf, "default the period's finalized run"));
    free(buf);
}
END_TEST

/* ---- environment ----------------------------------------------------- */

/* Set (value non-NULL) or unset name; returns the previous value (malloc'ed or NULL). */
static char *swap_env(const char *name, const char *value)
{
    const char *old = getenv(name);
    char *saved = old ? strdup(old) : NULL;
    if (value)
        setenv(name, value, 1);
    else
        unsetenv(name);
    return saved;
}

static void restore_env(const char *name, char *saved)
{
    if (saved)
        setenv(name, saved, 1);
    else
        unsetenv(name);
    free(saved);
}

static int is_iso_utc(const char *s)
{
    /* YYYY-MM-DDTHH:MM:SSZ */
    static const char pat[] = "dddd-dd-ddTdd:dd:ddZ";
    if (strlen(s) != sizeof pat - 1)
        return 0;
    for (size_t i = 0; pat[i]; i++)
        if (pat[i] == 'd' ? (s[i] < '0' || s[i] > '9') : s[i] != pat[i])
            return 0;
    return 1;
}

START_TEST(test_now_source_date_epoch)
{
    char *saved = swap_env("SOURCE_DATE_EPOCH", "1721466000");
    char buf[32];
    cli_now(buf, sizeof buf);
    ck_assert_str_eq(buf, "2024-07-20T09:00:00Z");
    setenv("SOURCE_DATE_EPOCH", "0", 1);
    cli_now(buf, sizeof buf);
    ck_assert_str_eq(buf, "1970-01-01T00:00:00Z");
    restore_env("SOURCE_DATE_EPOCH", saved);
}
END_TEST

START_TEST(test_now_without_epoch)
{
    char *saved = swap_env("SOURCE_DATE_EPOCH", NULL);
    char buf[32];
    cli_now(buf, sizeof buf);
    ck_assert_msg(is_iso_utc(buf), "\"%s\"", buf);
    ck_assert_msg(strcmp(buf, "2024-07-20T09:00:00Z") > 0, "clock before the test was written: %s", buf);
    /* an unusable value is ignored, not read as 0 */
    setenv("SOURCE_DATE_EPOCH", "soon", 1);
    cli_now(buf, sizeof buf);
    ck_assert_msg(is_iso_utc(buf) && strncmp(buf, "1970", 4), "\"%s\"", buf);
    setenv("SOURCE_DATE_EPOCH", "-5", 1);
    cli_now(buf, sizeof buf);
    ck_assert_msg(is_iso_utc(buf) && strncmp(buf, "1969", 4), "\"%s\"", buf);
    restore_env("SOURCE_DATE_EPOCH", saved);
}
END_TEST

/* A SOURCE_DATE_EPOCH that gmtime cannot show (an overflow, a year past
 * 9999) falls back to the clock like any other unusable value, rather than
 * formatting an uninitialised struct tm. */
START_TEST(test_now_epoch_out_of_range)
{
    static const char *const huge[] = {"99999999999999999999", "67768036191676800"};
    char *saved = swap_env("SOURCE_DATE_EPOCH", NULL);
    for (size_t i = 0; i < sizeof huge / sizeof *huge; i++) {
        setenv("SOURCE_DATE_EPOCH", huge[i], 1);
        char buf[64];
        cli_now(buf, sizeof buf);
        ck_assert_msg(is_iso_utc(buf), "SOURCE_DATE_EPOCH=%s gives \"%s\"", huge[i], buf);
    }
    restore_env("SOURCE_DATE_EPOCH", saved);
}
END_TEST

START_TEST(test_bundled_path_fixed)
{
    /* the directory fixed at build time (the source tree's config/), whatever
     * the environment says: nothing is searched for */
    char *saved = swap_env("CESCORE_CONFIG_DIR", "/opt/ces/conf");
    char buf[4096], want[4096];
    cli_bundled_path("shanghai-2018.json", buf, sizeof buf);
    snprintf(want, sizeof want, "%s/shanghai-2018.json", getenv("CES_CONFIG_DIR"));
    ck_assert_str_eq(buf, want);
    struct stat st;
    ck_assert_msg(stat(buf, &st) == 0 && S_ISREG(st.st_mode), "%s is not a file", buf);
    cli_bundled_path("columns.json", buf, sizeof buf);
    ck_assert_msg(stat(buf, &st) == 0 && S_ISREG(st.st_mode), "%s is not a file", buf);
    restore_env("CESCORE_CONFIG_DIR", saved);
}
END_TEST

START_TEST(test_operator)
{
    char *saved = swap_env("USER", "bob");
    cli_opts o;
    memset(&o, 0, sizeof o);
    o.by = "alice";
    ck_assert_str_eq(cli_operator(&o), "alice");
    o.by = NULL;
    ck_assert_str_eq(cli_operator(&o), "bob");
    o.by = "";
    ck_assert_str_eq(cli_operator(&o), "bob");
    /* without $USER: the login name, else "unknown"; never empty */
    unsetenv("USER");
    o.by = NULL;
    const char *who = cli_operator(&o);
    ck_assert_ptr_nonnull(who);
    ck_assert_uint_gt(strlen(who), 0);
    restore_env("USER", saved);
}
END_TEST

START_TEST(test_period_argument)
{
    ces_period p;
    ck_assert_int_eq(cli_period(&TEST_CMD, "2024H1", &p), CES_OK);
    ck_assert_int_eq(p.year, 2024);
    ck_assert_int_eq(p.kind, CES_PERIOD_H1);
    ck_assert_int_eq(cli_period(&TEST_CMD, "2024H2", &p), CES_ERR_USAGE);
    ck_assert_int_eq(cli_period(&TEST_CMD, "24H1", &p), CES_ERR_USAGE);
    ck_assert_int_eq(cli_period(&TEST_CMD, "2023FY", &p), CES_OK);
    ck_assert_int_eq(p.kind, CES_PERIOD_FY);
    ck_assert_int_eq(cli_period(&TEST_CMD, "2023", &p), CES_ERR_USAGE);
}
END_TEST

/* What the progress line writes to standard error, captured in a file. */
static void progress_text(cli_progress *p, const ces_progress *pr, char *out, size_t n)
{
    fflush(stderr);
    FILE *saved = fdopen(dup(fileno(stderr)), "w");
    ck_assert_ptr_nonnull(freopen("/tmp/cescore-test-progress.txt", "w", stderr));
    cli_progress_update(pr, p);
    cli_progress_end(p);
    fflush(stderr);
    dup2(fileno(saved), fileno(stderr));
    fclose(saved);
    FILE *fp = fopen("/tmp/cescore-test-progress.txt", "r");
    size_t got = fread(out, 1, n - 1, fp);
    out[got] = '\0';
    fclose(fp);
    unlink("/tmp/cescore-test-progress.txt");
}

/* A clock that stands still at 1000 s: the figures do not depend on how
 * long the test takes (under a sanitizer, on a busy machine). */
static double clock_at_1000(void) { return 1000.0; }

/* docs/commands.md: rows, rows per second and the time left, rewritten in
 * place on a terminal; nothing with --quiet (or off a terminal). */
START_TEST(test_progress_line)
{
    cli_opts o;
    memset(&o, 0, sizeof o);
    cli_progress p;
    cli_progress_init(&p, &o, "cases.csv");
    p.on = 1; /* as on a terminal */
    p.now = clock_at_1000;
    p.start = p.last = 990.0; /* ten seconds in */
    ces_progress pr = {1234567, 25000000, 100000000};
    char text[512];
    progress_text(&p, &pr, text, sizeof text);
    ck_assert_msg(strstr(text, "\rcases.csv: 1,234,567 rows, 123,456 rows/s, about 30 s left") != NULL,
                  "%s", text);
    o.quiet = 1;
    cli_progress_init(&p, &o, "cases.csv");
    p.now = clock_at_1000;
    p.start = p.last = 990.0;
    progress_text(&p, &pr, text, sizeof text);
    ck_assert_str_eq(text, "");
}
END_TEST

static Suite *cli_suite(void)
{
    Suite *s = suite_create("cli");
    TCase *ts = tcase_create("status");
    tcase_add_test(ts, test_exit_codes);
    tcase_add_test(ts, test_status_names);
    suite_add_tcase(s, ts);
    TCase *to = tcase_create("opts");
    tcase_add_test(to, test_parse_accepts_options);
    tcase_add_test(to, test_parse_defaults);
    tcase_add_test(to, test_parse_option_not_accepted);
    tcase_add_test(to, test_parse_missing_value);
    tcase_add_test(to, test_parse_positional_count);
    tcase_add_test(to, test_parse_run_number);
    tcase_add_test(to, test_parse_lang);
    tcase_add_test(to, test_parse_options_after_positionals);
    tcase_add_test(to, test_parse_double_dash);
    tcase_add_test(to, test_parse_repeated_calls);
    tcase_add_test(to, test_parse_help);
    tcase_add_test(to, test_print_help);
    tcase_add_test(to, test_progress_line);
    suite_add_tcase(s, to);
    TCase *te = tcase_create("env");
    tcase_add_test(te, test_now_source_date_epoch);
    tcase_add_test(te, test_now_without_epoch);
    tcase_add_test(te, test_bundled_path_fixed);
    tcase_add_test(te, test_operator);
    tcase_add_test(te, test_period_argument);
    tcase_add_test(te, test_now_epoch_out_of_range);
    suite_add_tcase(s, te);
    TCase *tl = tcase_create("i18n");
    tcase_add_test(tl, test_lang_option_zh);
    tcase_add_test(tl, test_lang_option_en_wins);
    tcase_add_test(tl, test_lang_from_environment);
    suite_add_tcase(s, tl);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cli_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
