/* Unit tests of case-level complaints (docs/inputs.md §4.8, docs/method.md
 * §6.6): the working-day calendar, deadlines across the holidays and their
 * make-up days, how each case counts as of the period's last day, the rows'
 * errors, cases.csv read as a stream (GB18030, lines split across chunks)
 * and repeated case_ids among more rows than one sorted run holds. */
#include <check.h>
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/calendar.h"
#include "cescore/ingest.h"
#include "cli_env.h"

static ces_config cfg;
static ces_calendar cal;
static ces_columns *cols;
static ces_diags diags;
static ces_dataset ds;
static const ces_period H1_2024 = {2024, CES_PERIOD_H1};

static char *path_join(const char *env, const char *a, const char *b)
{
    static char buf[4096];
    const char *root = getenv(env);
    ck_assert_msg(root != NULL, "%s not set", env);
    snprintf(buf, sizeof buf, "%s/%s%s%s", root, a, b ? "/" : "", b ? b : "");
    return buf;
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *p = malloc((size_t)n + 1);
    ck_assert_uint_eq(fread(p, 1, (size_t)n, fp), (size_t)n);
    p[n] = '\0';
    fclose(fp);
    *len = (size_t)n;
    return p;
}

/* The bundled calendar, every YYYY.json of config/calendar. */
static ces_status load_calendar(ces_calendar *out, ces_diags *d)
{
    char dir[4096];
    snprintf(dir, sizeof dir, "%s", path_join("CES_CONFIG_DIR", "calendar", NULL));
    ces_calendar_file files[16];
    size_t n = 0;
    DIR *dp = opendir(dir);
    ck_assert_ptr_nonnull(dp);
    for (struct dirent *e; (e = readdir(dp)) && n < 16;)
        if (strlen(e->d_name) == 9 && strstr(e->d_name, ".json")) {
            char path[4400];
            size_t len;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            files[n].text = slurp(path, &len);
            files[n].len = len;
            files[n++].name = strdup(e->d_name);
        }
    closedir(dp);
    ces_status st = ces_calendar_compose(files, n, "config/calendar", out, d);
    for (size_t i = 0; i < n; i++) {
        free((char *)files[i].text);
        free((char *)files[i].name);
    }
    return st;
}

static void setup(void)
{
    ces_diags_init(&diags);
    ck_assert_int_eq(
        cli_config_read(path_join("CES_CONFIG_DIR", "shanghai-2018.json", NULL), &cfg, &diags), CES_OK);
    ck_assert_int_eq(ces_columns_load(path_join("CES_CONFIG_DIR", "columns.json", NULL), &cols, &diags),
                     CES_OK);
    ck_assert_int_eq(load_calendar(&cal, &diags), CES_OK);
    cfg.calendar = &cal;
    memset(&ds, 0, sizeof ds);
}

static void teardown(void)
{
    ces_dataset_free(&ds);
    ces_columns_free(cols);
    ces_config_free(&cfg);
    ces_calendar_free(&cal);
    ces_diags_free(&diags);
}

static void dump(void)
{
    for (size_t i = 0; i < diags.count; i++)
        fprintf(stderr, "  diag: %s\n", diags.items[i].message);
}

static int has_msg(const char *msg)
{
    for (size_t i = 0; i < diags.count; i++)
        if (strcmp(diags.items[i].message, msg) == 0)
            return 1;
    if (getenv("CES_DUMP_DIAGS"))
        for (size_t i = 0; i < diags.count; i++)
            fprintf(stderr, "  diag: %s\n", diags.items[i].message);
    return 0;
}

/* ---- the calendar ---- */

static int working(int ymd) { return ces_calendar_is_working_day(&cal, ces_day_number(ymd)); }

START_TEST(calendar_official_days)
{
    /* 2024 (国办发明电〔2023〕7号): the Spring Festival 2-10..2-17 with the
     * Sundays 2-4 and 2-18 worked; Qingming 4-4..4-6, Sunday 4-7 worked;
     * May Day 5-1..5-5, Sunday 4-28 and Saturday 5-11 worked */
    ck_assert(working(20240204));
    ck_assert(!working(20240212));
    ck_assert(!working(20240217));
    ck_assert(working(20240218));
    ck_assert(!working(20240404) && !working(20240405));
    ck_assert(working(20240407));
    ck_assert(working(20240428) && !working(20240501) && !working(20240503));
    ck_assert(working(20240511) && !working(20240512));
    ck_assert(!working(20240610));
    ck_assert(working(20240611) && !working(20240615));
    ck_assert(working(20250126) && !working(20250128)); /* 2025's Spring Festival */
    for (int y = 2023; y <= 2026; y++)
        ck_assert(ces_calendar_has_year(&cal, y));
    ck_assert(!ces_calendar_has_year(&cal, 2022) && !ces_calendar_has_year(&cal, 2027));
    ck_assert_uint_eq(strlen(cal.sha256), 64);
}
END_TEST

START_TEST(calendar_dates)
{
    ck_assert_int_eq(ces_day_date(ces_day_number(20240229)), 20240229);
    ck_assert_int_eq(ces_day_number(20240301) - ces_day_number(20240228), 2);
    ck_assert_int_eq(ces_day_number(19700101), 0);
    ck_assert_int_eq(ces_day_weekday(ces_day_number(20240101)), 0); /* a Monday */
    ck_assert_int_eq(ces_day_weekday(ces_day_number(20240630)), 6); /* a Sunday */
}
END_TEST

/* The calendar a run records parses back to the same days and digest. */
START_TEST(calendar_recorded_text)
{
    ces_calendar back;
    ck_assert_int_eq(ces_calendar_parse(cal.text, cal.text_len, "run 7's calendar", &back, &diags),
                     CES_OK);
    ck_assert_str_eq(back.sha256, cal.sha256);
    ck_assert_uint_eq(back.n_off, cal.n_off);
    ck_assert_uint_eq(back.n_work, cal.n_work);
    for (int d = ces_day_number(20230101); d <= ces_day_number(20261231); d++)
        ck_assert_int_eq(ces_calendar_is_working_day(&back, d), ces_calendar_is_working_day(&cal, d));
    ck_assert_str_eq(back.source, "run 7's calendar");
    ces_calendar_free(&back);
}
END_TEST

static ces_status compose_one(const char *name, const char *text)
{
    ces_calendar c;
    ces_calendar_file f = {name, text, strlen(text)};
    ces_status st = ces_calendar_compose(&f, 1, "cal", &c, &diags);
    ces_calendar_free(&c);
    return st;
}

START_TEST(calendar_errors)
{
    ck_assert_int_eq(
        compose_one("2024.json", "{\"year\": 2023, \"source\": \"x\", \"off\": [], \"work\": []}"),
        CES_ERR_INVALID);
    ck_assert(has_msg("cal/2024.json: key year: must be 2024, the year of the file's name"));
    ck_assert_int_eq(
        compose_one("2024.json",
                    "{\"year\": 2024, \"source\": \"x\", \"off\": [], \"work\": [\"2024-02-05\"]}"),
        CES_ERR_INVALID);
    ck_assert(has_msg(
        "cal/2024.json: key work[0]: 2024-02-05 is a Monday; a make-up working day is a Saturday or Sunday"));
    ck_assert_int_eq(compose_one("2024.json",
                                 "{\"year\": 2024, \"source\": \"x\", \"off\": "
                                 "[[\"2024-02-10\", \"2024-02-17\"]], \"work\": [\"2024-02-17\"]}"),
                     CES_ERR_INVALID);
    ck_assert(
        has_msg("cal/2024.json: key work: 2024-02-17 is listed both as a day off and as a working day"));
    ck_assert_int_eq(compose_one("2024.json",
                                 "{\"year\": 2024, \"off\": [[\"2024-2-1\", \"2024-02-17\"]], "
                                 "\"work\": []}"),
                     CES_ERR_INVALID);
    ck_assert(has_msg("cal/2024.json: key source: the notice the days come from is required"));
    ck_assert(has_msg("cal/2024.json: key off[0]: 2024-2-1 is not a date (YYYY-MM-DD)"));
    ck_assert_int_eq(compose_one("holidays.json", "{}"), CES_ERR_INVALID);
    ck_assert(has_msg("cal/holidays.json: a calendar file is named after its year (YYYY.json)"));
    ck_assert_int_eq(compose_one("2024.json", "{\"year\": 2024,"), CES_ERR_INVALID);
    ck_assert(has_msg("cal/2024.json: not a JSON object (UTF-8 without a BOM)"));
}
END_TEST

/* ---- counting, on bundles built in memory from fixtures/rules/valid-minimal ---- */

static void set_bytes(ces_file_kind k, const void *bytes, size_t len)
{
    free(ds.files[k].bytes);
    ds.files[k].bytes = malloc(len + 1);
    memcpy(ds.files[k].bytes, bytes, len);
    ds.files[k].bytes[len] = '\0';
    ds.files[k].len = len;
    ds.files[k].present = 1;
}

/* valid-minimal without complaints.csv, and cases as cases.csv. */
static void load_with_cases(const char *cases, size_t len)
{
    ces_dataset_free(&ds); /* a test may ingest twice */
    ds.period = H1_2024;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        char path[4200];
        snprintf(path, sizeof path, "%s",
                 path_join("CES_FIXTURES", "rules/valid-minimal", ces_file_name(k)));
        FILE *fp = k == CES_FILE_COMPLAINTS ? NULL : fopen(path, "rb");
        if (!fp)
            continue;
        char buf[65536];
        size_t n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        set_bytes((ces_file_kind)k, buf, n);
    }
    set_bytes(CES_FILE_CASES, cases, len);
}

static ces_status ingest(const char *cases)
{
    load_with_cases(cases, strlen(cases));
    ces_status st = ces_ingest_files(&ds, &cfg, cols, &diags);
    if (st != CES_OK && st != CES_ERR_INVALID)
        dump();
    return st;
}

static const ces_case_count *counts_of(const char *code)
{
    for (size_t i = 0; i < ds.cases.n_counts; i++)
        if (!strcmp(ds.cases.counts[i].code, code))
            return &ds.cases.counts[i];
    return NULL;
}

#define HEAD                                                                                            \
    "case_id,code,received_date,line,withdrawn_before_transfer,transferred_date,responded_date\n"

/* docs/method.md §6.6, one case of each kind, deadlines 15 working days */
static const char KINDS[] = HEAD
    "A,SH-PC-001,2024-02-05,motor,N,2024-02-06,2024-03-04\n" /* 2: on the deadline (Spring Festival) */
    "B,SH-PC-001,2024-02-05,motor,N,2024-02-06,2024-03-05\n" /* 3: one working day late */
    "C,SH-PC-001,2024-04-01,nonmotor,N,2024-04-03,2024-04-25\n" /* 4: Qingming, on the deadline */
    "D,SH-PC-001,2024-04-26,motor,N,2024-04-27,2024-05-21\n" /* 5: sent on a Saturday, May Day, late */
    "E,SH-PC-001,2024-06-19,motor,N,2024-06-20,\n"           /* 6: open, within the deadline */
    "F,SH-PC-001,2024-06-03,motor,N,2024-06-03,\n"           /* 7: open, deadline 6-25 passed */
    "G,SH-PC-001,2024-06-03,nonmotor,N,2024-06-03,2024-07-05\n" /* 8: answered after the end, late */
    "H,SH-PC-001,2024-06-13,motor,N,2024-06-14,2024-07-02\n"    /* 9: answered after the end, in time */
    "I,SH-PC-001,2024-03-01,motor,Y,,\n"                        /* 10: withdrawn before transfer */
    "J,SH-PC-001,2024-06-28,motor,N,2024-07-01,\n"              /* 11: transferred after the end */
    "K,SH-PC-001,2024-06-28,nonmotor,N,,\n";                    /* 12: never transferred */

START_TEST(counting_as_of_the_last_day)
{
    ck_assert_int_eq(ingest(KINDS), CES_OK);
    const ces_case_count *c = counts_of("SH-PC-001");
    ck_assert_ptr_nonnull(c);
    ck_assert_int_eq(c->total, 11);
    ck_assert_int_eq(c->motor, 8);
    ck_assert_int_eq(c->nonmotor, 3);
    ck_assert_int_eq(c->withdrawn, 1);
    ck_assert_int_eq(c->transferred, 6); /* A B C D F G */
    ck_assert_int_eq(c->on_time, 2);     /* A C */
    ck_assert_int_eq(c->overdue, 4);
    ck_assert_int_eq(c->not_yet_due, 2); /* E H */
    ck_assert_int_eq(c->line, 2);
    /* most overdue first: F and G (6 days, by line), then B before D (1 day, earlier transfer) */
    ck_assert_uint_eq(ds.cases.n_overdue, 4);
    const ces_case_overdue *o = ds.cases.overdue;
    ck_assert_str_eq(o[0].case_id, "F");
    ck_assert_int_eq(o[0].deadline, 20240625);
    ck_assert_int_eq(o[0].responded_date, 0);
    ck_assert_int_eq(o[0].days_overdue, 6); /* to 1 July, the earliest answer now */
    ck_assert_str_eq(o[1].case_id, "G");
    ck_assert_int_eq(o[1].responded_date, 0); /* answered after the end: not yet, as of the end */
    ck_assert_str_eq(o[2].case_id, "B");
    ck_assert_int_eq(o[2].transferred_date, 20240206);
    ck_assert_int_eq(o[2].deadline, 20240304);
    ck_assert_int_eq(o[2].responded_date, 20240305);
    ck_assert_int_eq(o[2].days_overdue, 1);
    ck_assert_str_eq(o[3].case_id, "D");
    ck_assert_int_eq(o[3].deadline, 20240520); /* 4-28 and 5-11 worked, 5-1..5-5 off */
    ck_assert_int_eq(o[3].days_overdue, 1);
    ck_assert_str_eq(ds.files[CES_FILE_CASES].encoding, "UTF-8");
    ck_assert_uint_eq(ds.files[CES_FILE_CASES].rows, 11);
    ck_assert_str_eq(ds.files[CES_FILE_CASES].header,
                     "case_id\tcode\treceived_date\tline\t"
                     "withdrawn_before_transfer\ttransferred_date\t"
                     "responded_date");
    /* SH-PC-002 and SH-LF-001 have no row in either file: no complaints, a warning */
    ck_assert(has_msg(
        "cases.csv: column code: no row for SH-LF-001 (丙人寿保险股份有限公司上海分公司) in cases.csv or complaints.csv: it has no complaints"));
}
END_TEST

/* 2024FY ends on Tuesday 31 December: a deadline on that day has passed by
 * the end (the case cannot be answered in time any more). */
START_TEST(deadline_on_the_last_day)
{
    static const char cases[] = HEAD
        "L,SH-PC-001,2024-12-10,motor,N,2024-12-10,\n"
        "M,SH-PC-001,2024-12-10,motor,N,2024-12-10,2024-12-31\n"
        "N,SH-PC-001,2024-12-11,motor,N,2024-12-11,\n";
    load_with_cases(cases, sizeof cases - 1);
    ds.period = (ces_period){2024, CES_PERIOD_FY};
    ck_assert_int_eq(ces_ingest_files(&ds, &cfg, cols, &diags), CES_OK);
    const ces_case_count *c = counts_of("SH-PC-001");
    ck_assert_int_eq(c->transferred, 2); /* L and M */
    ck_assert_int_eq(c->on_time, 1);     /* M, answered on its deadline */
    ck_assert_int_eq(c->not_yet_due, 1); /* N: its deadline is 2 January 2025 */
    ck_assert_uint_eq(ds.cases.n_overdue, 1);
    ck_assert_str_eq(ds.cases.overdue[0].case_id, "L");
    ck_assert_int_eq(ds.cases.overdue[0].deadline, 20241231);
    ck_assert_int_eq(ds.cases.overdue[0].days_overdue, 1);
}
END_TEST

START_TEST(counting_with_the_config_deadline)
{
    cfg.response_working_days = 3; /* A's deadline is 2024-02-09: answered late */
    ck_assert_int_eq(ingest(KINDS), CES_OK);
    const ces_case_count *c = counts_of("SH-PC-001");
    ck_assert_int_eq(c->on_time, 0);
    ck_assert_int_eq(c->transferred, 8); /* E and H too: their deadlines passed */
    ck_assert_int_eq(c->not_yet_due, 0);
}
END_TEST

START_TEST(counting_categories)
{
    ck_assert_int_eq(
        ingest(
            "case_id,code,received_date,line,withdrawn_before_transfer,transferred_date,responded_date,"
            "渠道,投诉原因\n"
            "1,SH-PC-001,2024-01-02,motor,N,,,电话,理赔\n2,SH-PC-001,2024-01-02,motor,N,,,网络,理赔\n"
            "3,SH-PC-001,2024-01-02,motor,N,,,电话,\n4,SH-LF-001,2024-01-02,life,N,,,电话,销售\n"),
        CES_OK);
    ck_assert_uint_eq(ds.cases.n_categories, 6);
    const ces_case_category *k = ds.cases.categories;
    ck_assert_str_eq(k[0].company, "SH-PC-001");
    ck_assert_str_eq(k[0].dimension, "channel");
    ck_assert_str_eq(k[0].value, "电话");
    ck_assert_int_eq(k[0].count, 2);
    ck_assert_str_eq(k[2].dimension, "reason");
    ck_assert_str_eq(k[2].value, "理赔");
    ck_assert_int_eq(k[2].count, 2);
    ck_assert_str_eq(k[3].value, ""); /* an empty cell is a category of its own */
    ck_assert_str_eq(k[4].company, "SH-LF-001");
}
END_TEST

/* ---- errors ---- */

START_TEST(row_errors)
{
    ck_assert_int_eq(ingest(HEAD ",SH-PC-001,2024-01-05,车险,否,,\n"
                                 "2,SH-PC-001,2024-01-05,boat,maybe,2024-13-01,\n"
                                 "3,SH-XX,2024-01-05,motor,N,,,extra\n"
                                 "4,SH-LF-001,2024-01-05,motor,N,,\n"),
                     CES_ERR_INVALID);
    ck_assert(has_msg("cases.csv:2: column case_id (A): empty value, a case_id is required"));
    ck_assert(has_msg(
        "cases.csv:3: column line (D): boat is not a line (motor/车险, nonmotor/非车险 or life/人身险)"));
    ck_assert(has_msg(
        "cases.csv:3: column withdrawn_before_transfer (E): maybe is not Y/N, 是/否, 1/0 or ✓/✗ (√/×)"));
    ck_assert(has_msg(
        "cases.csv:3: column transferred_date (F): 2024-13-01 is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)"));
    ck_assert(has_msg("cases.csv:4: column code (B): SH-XX is not a code of companies.csv"));
    ck_assert(has_msg("cases.csv:4: 8 fields but the header has 7"));
    ck_assert(
        has_msg("cases.csv:5: column line (D): motor is not a line of a life company (life/人身险)"));
    ck_assert_uint_eq(ds.cases.n_counts, 0); /* nothing of an invalid bundle */
}
END_TEST

START_TEST(calendar_missing)
{
    ces_calendar none;
    ces_diags quiet;
    ces_diags_init(&quiet);
    ck_assert_int_eq(ces_calendar_compose(NULL, 0, "my/calendar", &none, &quiet), CES_OK);
    cfg.calendar = &none;
    ck_assert_int_eq(ingest(KINDS), CES_ERR_INVALID);
    ck_assert(has_msg(
        "cases.csv: the working-day calendar has no year 2024: add my/calendar/2024.json (the days off and make-up working days of the State Council's notice for 2024)"));
    ck_assert_uint_eq(diags.errors, 1); /* the rows are checked, and are fine */
    cfg.calendar = NULL;
    ces_diags_free(&diags);
    ces_diags_init(&diags);
    ck_assert_int_eq(ingest(KINDS), CES_ERR_INVALID);
    ck_assert(has_msg("cases.csv: no working-day calendar was given, deadlines cannot be counted"));
    ces_calendar_free(&none);
    ces_diags_free(&quiet);
}
END_TEST

START_TEST(unreadable_files)
{
    ck_assert_int_eq(ingest(""), CES_ERR_INVALID);
    ck_assert(has_msg("cases.csv: the file is empty (no header row)"));
    ces_diags_free(&diags);
    ces_diags_init(&diags);
    load_with_cases(HEAD "1,SH-PC-001\0,x\n", sizeof HEAD + 13);
    ck_assert_int_eq(ces_ingest_files(&ds, &cfg, cols, &diags), CES_ERR_INVALID);
    ck_assert(has_msg("cases.csv:2: NUL byte in a text file"));
    ces_diags_free(&diags);
    ces_diags_init(&diags);
    ck_assert_int_eq(ingest(HEAD "1,SH-PC-001,2024-01-02,motor,\"N,,\n"), CES_ERR_INVALID);
    ck_assert(has_msg("cases.csv:2: malformed CSV: misplaced or unbalanced quote"));
    ck_assert_uint_eq(diags.errors, 1); /* the unreadable file alone, not its rows */
}
END_TEST

/* ---- read as a stream ---- */

/* n cases of SH-LF-001 after a header (its case_id and code named in
 * Chinese for GB18030), CRLF line ends; one row padded so that the CR of its
 * CRLF is the last byte of the first 256 KiB chunk and its LF the first of
 * the next. */
static char *many_rows(size_t n, int gb, size_t *len)
{
    const size_t chunk = 256u * 1024u;
    size_t cap = n * 96 + 4096, o = 0;
    char *p = malloc(cap);
    o += (size_t)snprintf(p + o, cap - o,
                          "%s,received_date,line,withdrawn_before_transfer,transferred_date,"
                          "responded_date,reason\r\n",
                          gb ? "\xcd\xb6\xcb\xdf\xb1\xe0\xba\xc5,\xbb\xfa\xb9\xb9\xb4\xfa\xc2\xeb"
                             : "case_id,code");
    const char *reason = gb ? "\xc0\xed\xc5\xe2" : "claims"; /* 理赔 */
    for (size_t i = 0; i < n; i++) {
        char pad[80] = "";
        int row = snprintf(NULL, 0, "ID%07zu,SH-LF-001,2024-03-01,life,N,2024-03-04,2024-03-05,%s\r\n",
                           i, reason);
        size_t cr = o + (size_t)row - 2;
        if (cr < chunk - 1 && cr + 75 > chunk - 1 && chunk - 1 - cr < sizeof pad)
            memset(pad, 'x', chunk - 1 - cr);
        o += (size_t)snprintf(p + o, cap - o,
                              "ID%07zu,SH-LF-001,2024-03-01,life,N,2024-03-04,2024-03-05,%s%s\r\n", i,
                              reason, pad);
    }
    ck_assert_msg(p[chunk - 1] == '\r' && p[chunk] == '\n', "the CRLF is not across the chunk boundary");
    *len = o;
    return p;
}

static void assert_many(int gb)
{
    size_t len, n = 20000;
    char *text = many_rows(n, gb, &len);
    load_with_cases(text, len);
    free(text);
    ces_status st = ces_ingest_files(&ds, &cfg, cols, &diags);
    if (st != CES_OK)
        dump();
    ck_assert_int_eq(st, CES_OK);
    const ces_case_count *c = counts_of("SH-LF-001");
    ck_assert_int_eq(c->total, (int64_t)n);
    ck_assert_int_eq(c->on_time, (int64_t)n);
    ck_assert_uint_eq(ds.files[CES_FILE_CASES].rows, n);
    ck_assert_str_eq(ds.files[CES_FILE_CASES].encoding, gb ? "GB18030" : "UTF-8");
}

START_TEST(stream_crlf_across_chunks) { assert_many(0); }
END_TEST

START_TEST(stream_gb18030_from_its_header) { assert_many(1); }
END_TEST

/* An error far past the first chunk names its physical line. */
START_TEST(stream_line_numbers)
{
    size_t len, n = 15000;
    char *text = many_rows(n, 1, &len);
    char *bad = strstr(text, "ID0012345,SH-LF-001,2024-03-01");
    memcpy(bad + 20, "2024-13-01", 10);
    load_with_cases(text, len);
    free(text);
    ck_assert_int_eq(ces_ingest_files(&ds, &cfg, cols, &diags), CES_ERR_INVALID);
    ck_assert(has_msg(
        "cases.csv:12347: column received_date (C): 2024-13-01 is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)"));
}
END_TEST

/* More ids than one sorted run holds: the runs go to a temporary file;
 * a repeat far apart is found and named with its first line. */
START_TEST(repeated_ids_across_runs)
{
    size_t n = 300000, cap = n * 64 + 256, o = 0;
    char *p = malloc(cap);
    o += (size_t)snprintf(p + o, cap - o, HEAD);
    for (size_t i = 0; i < n; i++)
        o += (size_t)snprintf(p + o, cap - o, "%zu,SH-LF-001,2024-01-02,life,N,,\n", i == n - 1 ? 7 : i);
    load_with_cases(p, o);
    free(p);
    ck_assert_int_eq(ces_ingest_files(&ds, &cfg, cols, &diags), CES_ERR_INVALID);
    ck_assert_uint_eq(diags.errors, 1);
    char want[128];
    snprintf(want, sizeof want,
             "cases.csv:%zu: column case_id (A): 7 appears more than once (first on line 9)", n + 1);
    ck_assert(has_msg(want));
}
END_TEST

/* What the workbooks cannot hold is dealt with as in the files read whole:
 * a character XML forbids replaced with U+FFFD and warned about once, also
 * when the reading starts over as GB18030; a cell too long an error. */
START_TEST(stream_xml_characters_and_long_cells)
{
    static const char ESC[] =
        "cases.csv:2: character U+001B, which XML 1.0 and so a workbook "
        "cannot hold, replaced with U+FFFD";
    /* GB18030 from line 3 on: U+FFFF is 84 31 A4 39 there, 车险 B3 B5 CF D5 */
    ck_assert_int_eq(ingest(HEAD "A\x1b[2J,SH-PC-001,2024-01-05,motor,N,,\n"
                                 "B\x84\x31\xa4\x39,SH-PC-001,2024-01-05,\xb3\xb5\xcf\xd5,N,,\n"),
                     CES_OK);
    ck_assert(has_msg(ESC));
    ck_assert(has_msg(
        "cases.csv:3: character U+FFFF, which XML 1.0 and so a workbook cannot hold, replaced with U+FFFD"));
    ck_assert_str_eq(ds.files[CES_FILE_CASES].encoding, "GB18030");
    size_t n = 0;
    for (size_t i = 0; i < diags.count; i++)
        n += strcmp(diags.items[i].message, ESC) == 0;
    ck_assert_uint_eq(n, 1); /* the first reading's warning is forgotten */

    size_t len = 40000;
    char *text = malloc(len + 256);
    int o = snprintf(text, 256, HEAD);
    memset(text + o, 'x', 32768);
    snprintf(text + o + 32768, 200, ",SH-PC-001,2024-01-05,motor,N,,\n");
    ces_diags_free(&diags);
    ces_diags_init(&diags);
    ck_assert_int_eq(ingest(text), CES_ERR_INVALID);
    free(text);
    ck_assert(has_msg(
        "cases.csv:2: column case_id (A): 32768 characters, more than the 32767 a workbook cell holds"));
}
END_TEST

static Suite *cases_suite(void)
{
    Suite *s = suite_create("cases");
    TCase *c = tcase_create("calendar"), *k = tcase_create("counting"), *r = tcase_create("stream");
    TCase *all[] = {c, k, r};
    for (int i = 0; i < 3; i++) {
        tcase_add_checked_fixture(all[i], setup, teardown);
        tcase_set_timeout(all[i], 120);
        suite_add_tcase(s, all[i]);
    }
    tcase_add_test(c, calendar_official_days);
    tcase_add_test(c, calendar_dates);
    tcase_add_test(c, calendar_recorded_text);
    tcase_add_test(c, calendar_errors);
    tcase_add_test(k, counting_as_of_the_last_day);
    tcase_add_test(k, deadline_on_the_last_day);
    tcase_add_test(k, counting_with_the_config_deadline);
    tcase_add_test(k, counting_categories);
    tcase_add_test(k, row_errors);
    tcase_add_test(k, calendar_missing);
    tcase_add_test(k, unreadable_files);
    tcase_add_test(r, stream_crlf_across_chunks);
    tcase_add_test(r, stream_gb18030_from_its_header);
    tcase_add_test(r, stream_line_numbers);
    tcase_add_test(r, repeated_ids_across_runs);
    tcase_add_test(r, stream_xml_characters_and_long_cells);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(cases_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
