/* Unit tests of the ingest stage: value parsers, encodings, CSV details,
 * headers and aliases, every rule's error message, fixtures/rules bundles. */
#include <check.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/ingest.h"
#include "cli_env.h"
#include "ingest/ingest_decode.h"

static ces_config cfg;
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

static void setup(void)
{
    ces_diags_init(&diags);
    ck_assert_int_eq(
        cli_config_read(path_join("CES_CONFIG_DIR", "shanghai-2018.json", NULL), &cfg, &diags), CES_OK);
    ck_assert_int_eq(ces_columns_load(path_join("CES_CONFIG_DIR", "columns.json", NULL), &cols, &diags),
                     CES_OK);
    memset(&ds, 0, sizeof ds);
}

static void teardown(void)
{
    ces_dataset_free(&ds);
    ces_columns_free(cols);
    ces_config_free(&cfg);
    ces_diags_free(&diags);
}

/* ---- helpers: in-memory bundles built from fixtures/rules/valid-minimal ---- */

static void set_bytes(ces_file_kind k, const void *bytes, size_t len)
{
    free(ds.files[k].bytes);
    ds.files[k].bytes = malloc(len + 1);
    ck_assert_ptr_nonnull(ds.files[k].bytes);
    memcpy(ds.files[k].bytes, bytes, len);
    ds.files[k].bytes[len] = '\0';
    ds.files[k].len = len;
    ds.files[k].present = 1;
}

static void set_file(ces_file_kind k, const char *text) { set_bytes(k, text, strlen(text)); }

static void drop_file(ces_file_kind k)
{
    free(ds.files[k].bytes);
    memset(&ds.files[k], 0, sizeof ds.files[k]);
}

/* Load valid-minimal's files into ds (period 2024H1). */
static void load_base(void)
{
    memset(&ds, 0, sizeof ds);
    ds.period = H1_2024;
    for (int k = 0; k < CES_FILE_COUNT; k++) {
        FILE *fp = fopen(path_join("CES_FIXTURES", "rules/valid-minimal", ces_file_name(k)), "rb");
        char buf[65536];
        size_t n;
        if (!fp)
            continue;
        n = fread(buf, 1, sizeof buf, fp);
        fclose(fp);
        set_bytes((ces_file_kind)k, buf, n);
    }
}

static ces_status run(void) { return ces_ingest_files(&ds, &cfg, cols, &diags); }

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

static void dump(void)
{
    for (size_t i = 0; i < diags.count; i++)
        fprintf(stderr, "  diag: %s\n", diags.items[i].message);
}

/* The run is invalid and reports exactly msg among its errors. */
static void expect_error(const char *msg)
{
    ces_status st = run();
    if (st != CES_ERR_INVALID || !has_msg(msg))
        dump();
    ck_assert_int_eq(st, CES_ERR_INVALID);
    ck_assert_msg(has_msg(msg), "missing diagnostic: %s", msg);
    ck_assert_uint_eq(ds.n_companies, 0); /* rows freed */
}

static void expect_ok(void)
{
    ces_status st = run();
    if (st != CES_OK)
        dump();
    ck_assert_int_eq(st, CES_OK);
    ck_assert_uint_eq(diags.errors, 0);
}

static const char *COMPANIES_HDR = "code,name,group,org_type,parent_code,open_date\n";
static const char *COMPLAINTS_HDR =
    "code,total,motor,nonmotor,withdrawn_before_transfer,transferred,on_time\n";

/* The base complaints.csv with one more line appended (a later row). */
static void complaints_with(const char *rows)
{
    char buf[4096];
    snprintf(buf, sizeof buf,
             "%sSH-PC-001,120,80,40,10,100,95\nSH-PC-002,60,30,30,5,50,48\n"
             "SH-PC-TEL,4,0,4,0,4,4\nSH-LF-001,35,,,3,30,28\n%s",
             COMPLAINTS_HDR, rows);
    set_file(CES_FILE_COMPLAINTS, buf);
}

/* ---- value parsers ---- */

START_TEST(count_parser)
{
    static const struct {
        const char *s;
        long long v;
    } ok[] = {
        {"0", 0},
        {"7", 7},
        {"1234", 1234},
        {"1,234", 1234},
        {"12,345,678", 12345678},
        {"999,999", 999999},
        {"007", 7},
    };
    static const char *const bad[] = {
        "",     "-1",     "+1",     "1.0", "1.", "1,23", "1234,567",
        ",123", "1,,234", "1,2345", "12a", " 1", "1e3",  "9999999999999999999",
        "１２",
    };
    int64_t v;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_assert_msg(ces_parse_count(ok[i].s, &v) == 0, "rejected %s", ok[i].s);
        ck_assert_int_eq(v, ok[i].v);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(ces_parse_count(bad[i], &v) == -1, "accepted %s", bad[i]);
}
END_TEST

START_TEST(amount_parser)
{
    static const struct {
        const char *s;
        double v;
    } ok[] = {
        {"0", 0},   {"0.01", 0.01}, {"1234.5", 1234.5}, {"1,234.56", 1234.56}, {"125,000.50", 125000.5},
        {"10", 10},
    };
    static const char *const bad[] = {
        "", "-1", "+1", ".5", "5.", "1e5", "nan", "inf", "1,23.4", "abc", "1.2.3", "1 000",
    };
    double v;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_assert_msg(ces_parse_amount(ok[i].s, &v) == 0, "rejected %s", ok[i].s);
        ck_assert_double_eq_tol(v, ok[i].v, 1e-12);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(ces_parse_amount(bad[i], &v) == -1, "accepted %s", bad[i]);
}
END_TEST

START_TEST(date_parser)
{
    static const struct {
        const char *s;
        int v;
    } ok[] = {
        {"2024-01-05", 20240105}, {"2024-1-5", 20240105},     {"2024/1/5", 20240105},
        {"2024/01/05", 20240105}, {"2024年1月5日", 20240105}, {"2024年01月05日", 20240105},
        {"2024-02-29", 20240229}, {"2000-02-29", 20000229},   {"2023-12-31", 20231231},
    };
    static const char *const bad[] = {
        "",           "2023-02-29", "1900-02-29",     "2024-13-01", "2024-00-10",
        "2024-04-31", "2024-01-00", "2024-1-5 00:00", "24-01-05",   "2024-01/05",
        "2024年1月5", "2024/1/5日", "2024-001-05",    "20240105",   "2024.01.05",
    };
    int v;
    for (size_t i = 0; i < sizeof ok / sizeof ok[0]; i++) {
        ck_assert_msg(ces_parse_date(ok[i].s, &v) == 0, "rejected %s", ok[i].s);
        ck_assert_int_eq(v, ok[i].v);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(ces_parse_date(bad[i], &v) == -1, "accepted %s", bad[i]);
}
END_TEST

START_TEST(yes_no_parser)
{
    static const char *const yes[] = {"Y", "y", "是", "1", "✓", "√"};
    static const char *const no[] = {"N", "n", "否", "0", "✗", "×"};
    static const char *const bad[] = {"", "yes", "2", "YY", "对", "x"};
    int v;
    for (size_t i = 0; i < sizeof yes / sizeof yes[0]; i++) {
        ck_assert(ces_parse_yes_no(yes[i], &v) == 0 && v == 1);
        ck_assert(ces_parse_yes_no(no[i], &v) == 0 && v == 0);
    }
    for (size_t i = 0; i < sizeof bad / sizeof bad[0]; i++)
        ck_assert_msg(ces_parse_yes_no(bad[i], &v) == -1, "accepted %s", bad[i]);
}
END_TEST

/* ---- encodings ---- */

START_TEST(utf8_strict)
{
    ck_assert(ing_utf8_valid((const unsigned char *)"abc 机构", strlen("abc 机构")));
    ck_assert(ing_utf8_valid((const unsigned char *)"\xF0\x9F\x98\x80", 4));  /* U+1F600 */
    ck_assert(!ing_utf8_valid((const unsigned char *)"\xC0\xAF", 2));         /* overlong */
    ck_assert(!ing_utf8_valid((const unsigned char *)"\xE0\x80\xAF", 3));     /* overlong */
    ck_assert(!ing_utf8_valid((const unsigned char *)"\xED\xA0\x80", 3));     /* surrogate */
    ck_assert(!ing_utf8_valid((const unsigned char *)"\xF4\x90\x80\x80", 4)); /* > U+10FFFF */
    ck_assert(!ing_utf8_valid((const unsigned char *)"\xE6\x9C", 2));         /* truncated */
    ck_assert(!ing_utf8_valid((const unsigned char *)"\x80", 1));
}
END_TEST

START_TEST(utf8_and_bom)
{
    char buf[8192];
    load_base();
    snprintf(buf, sizeof buf, "\xEF\xBB\xBF%s", (const char *)ds.files[CES_FILE_COMPANIES].bytes);
    buf[3 + ds.files[CES_FILE_COMPANIES].len] = '\0';
    set_file(CES_FILE_COMPANIES, buf);
    expect_ok();
    ck_assert_str_eq(ds.files[CES_FILE_COMPANIES].encoding, "UTF-8-BOM");
    ck_assert_str_eq(ds.files[CES_FILE_COMPLAINTS].encoding, "UTF-8");
    ck_assert_str_eq(ds.companies[0].code, "SH-PC-001");              /* BOM not part of the header */
    ck_assert_uint_eq(ds.files[CES_FILE_COMPANIES].len, strlen(buf)); /* bytes kept as read */
    ck_assert_int_eq(memcmp(ds.files[CES_FILE_COMPANIES].bytes, "\xEF\xBB\xBF", 3), 0);
}
END_TEST

/* UTF-8 text -> GB18030 bytes with iconv. */
static char *to_gb18030(const char *utf8, size_t *out_len)
{
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    size_t inleft = strlen(utf8), cap = 2 * inleft + 16, outleft = cap;
    char *out = malloc(cap), *in = (char *)utf8, *op = out;
    ck_assert(cd != (iconv_t)-1 && out);
    ck_assert(iconv(cd, &in, &inleft, &op, &outleft) != (size_t)-1);
    iconv_close(cd);
    *out_len = cap - outleft;
    return out;
}

START_TEST(gb18030_decoded)
{
    size_t len;
    char *gb;
    load_base();
    gb = to_gb18030((const char *)ds.files[CES_FILE_COMPANIES].bytes, &len);
    ck_assert(!ing_utf8_valid((unsigned char *)gb, len));
    set_bytes(CES_FILE_COMPANIES, gb, len);
    free(gb);
    expect_ok();
    ck_assert_str_eq(ds.files[CES_FILE_COMPANIES].encoding, "GB18030");
    ck_assert_str_eq(ds.companies[1].name, "乙财产保险股份有限公司上海分公司");
    ck_assert_int_eq(ds.companies[1].group, CES_GROUP_PC); /* 财产险 */
    ck_assert_int_eq(ds.companies[3].open_date, 20080701); /* 2008年7月1日 */
}
END_TEST

/* The first n bytes equal to what in the len bytes at p, or NULL. */
static void *find_bytes(void *p, size_t len, const char *what, size_t n)
{
    for (size_t i = 0; i + n <= len; i++)
        if (!memcmp((char *)p + i, what, n))
            return (char *)p + i;
    return NULL;
}

/* A character XML 1.0 forbids (no workbook can hold it) becomes U+FFFD, with
 * a warning naming its line; the archived bytes stay as read. */
START_TEST(xml_forbidden_characters_replaced)
{
    load_base();
    char buf[8192];
    snprintf(buf, sizeof buf, "%s", (const char *)ds.files[CES_FILE_COMPANIES].bytes);
    char *name = strstr(buf, "乙财产"); /* on line 3 */
    ck_assert_ptr_nonnull(name);
    /* U+FFFF in place of 乙 (3 bytes each), and an ESC after the name's first character */
    memcpy(name, "\xEF\xBF\xBF", 3);
    char withesc[8300];
    size_t at = (size_t)(name - buf) + 6;
    snprintf(withesc, sizeof withesc, "%.*s\x1b%s", (int)at, buf, buf + at);
    set_file(CES_FILE_COMPANIES, withesc);
    expect_ok();
    ck_assert_str_eq(ds.companies[1].name, "\xEF\xBF\xBD财\xEF\xBF\xBD产保险股份有限公司上海分公司");
    ck_assert(has_msg(
        "companies.csv:3: character U+FFFF, which XML 1.0 and so a workbook cannot hold, replaced with U+FFFD"));
    ck_assert(has_msg(
        "companies.csv:3: character U+001B, which XML 1.0 and so a workbook cannot hold, replaced with U+FFFD"));
    ck_assert_uint_eq(diags.warnings, 2);
    ck_assert_ptr_nonnull(find_bytes(ds.files[CES_FILE_COMPANIES].bytes,
                                     ds.files[CES_FILE_COMPANIES].len, "\xEF\xBF\xBF",
                                     3)); /* the bytes as read */
}
END_TEST

/* GB18030's 84 31 A4 39 is U+FFFF: replaced as well. */
START_TEST(gb18030_uffff_replaced)
{
    size_t len;
    load_base();
    char *gb = to_gb18030((const char *)ds.files[CES_FILE_COMPANIES].bytes, &len);
    char *named = find_bytes(gb, len, "\xD2\xD2", 2); /* 乙 */
    ck_assert_ptr_nonnull(named);
    char *bytes = malloc(len + 2);
    size_t at = (size_t)(named - gb);
    memcpy(bytes, gb, at);
    memcpy(bytes + at, "\x84\x31\xA4\x39", 4);
    memcpy(bytes + at + 4, gb + at + 2, len - at - 2);
    set_bytes(CES_FILE_COMPANIES, bytes, len + 2);
    free(bytes);
    free(gb);
    expect_ok();
    ck_assert_str_eq(ds.files[CES_FILE_COMPANIES].encoding, "GB18030");
    ck_assert_str_eq(ds.companies[1].name, "\xEF\xBF\xBD财产保险股份有限公司上海分公司");
    ck_assert(has_msg(
        "companies.csv:3: character U+FFFF, which XML 1.0 and so a workbook cannot hold, replaced with U+FFFD"));
}
END_TEST

START_TEST(bad_encoding_names_line)
{
    load_base();
    set_file(CES_FILE_STATISTICS,
             "code,premium_wan,motor_premium_wan,nonmotor_premium_wan,nonmotor_policies\n"
             "SH-PC-001,125000.5,80000.25,45000.25,1\n"
             "SH-PC-002,60000,30000,30000,1\n"
             "SH-PC-TEL,1000,0,1000,2000\n"
             "SH-LF-001,9\xFF"
             "0000,,,\n");
    expect_error("statistics.csv:5: bytes valid in neither UTF-8 nor GB18030: ff 30 30 30");
    ck_assert_uint_eq(diags.errors, 1);
}
END_TEST

START_TEST(bad_encoding_other_files_still_checked)
{
    load_base();
    set_file(CES_FILE_STATISTICS, "code,premium_wan\n\xFF\xFF\n");
    complaints_with("SH-XX-1,1,1,0,0,0,0\n");
    expect_error("statistics.csv:2: bytes valid in neither UTF-8 nor GB18030: ff ff 0a");
    ck_assert(has_msg("complaints.csv:6: column code (A): SH-XX-1 is not a code of companies.csv"));
}
END_TEST

/* ---- CSV details ---- */

START_TEST(crlf_quotes_blank_lines)
{
    load_base();
    set_file(
        CES_FILE_DEDUCTIONS,
        "code,indicator,category,points,date,reference,description\r\n"
        "\r\n"
        "  ,  , \r\n"
        "SH-PC-001, violation ,\"警示函\",,2024-03-15,\"沪〔2024〕1号, 第二份\",\"说明\"\"引号\"\"\r\n"
        "第二行 \"\r\n"
        "\r\n"
        "SH-LF-001,execution,, \"1.5\" ,2024/2/1,,\r\n");
    expect_ok();
    ck_assert_uint_eq(ds.n_deductions, 2);
    ck_assert_uint_eq(ds.files[CES_FILE_DEDUCTIONS].rows, 2);
    ck_assert_int_eq(ds.deductions[0].line, 4);
    ck_assert_int_eq(ds.deductions[0].indicator, CES_DED_VIOLATION);
    ck_assert_str_eq(ds.deductions[0].category, "warning_letter");
    ck_assert_double_eq(ds.deductions[0].points, 5);
    ck_assert_int_eq(ds.deductions[0].points_given, 0);
    ck_assert_str_eq(ds.deductions[0].reference, "沪〔2024〕1号, 第二份");
    ck_assert_str_eq(ds.deductions[0].description, "说明\"引号\"\r\n第二行");
    ck_assert_int_eq(ds.deductions[1].line, 7);
    ck_assert_double_eq(ds.deductions[1].points, 1.5);
    ck_assert_int_eq(ds.deductions[1].points_given, 1);
    ck_assert_ptr_null(ds.deductions[1].category);
    ck_assert_ptr_null(ds.deductions[1].reference);
}
END_TEST

START_TEST(line_numbers_after_multiline_field)
{
    load_base();
    set_file(CES_FILE_DEDUCTIONS,
             "code,indicator,category,points,date,reference,description\n"
             "SH-PC-001,violation,warning_letter,,2024-03-15,,\"a\n\nb\nc\"\n"
             "\n"
             "SH-LF-001,execution,,1,2024-02-30,,\n");
    expect_error(
        "deductions.csv:7: column date (E): 2024-02-30 is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)");
}
END_TEST

START_TEST(malformed_quotes)
{
    load_base();
    set_file(CES_FILE_MEDIATION, "code,needed,succeeded\nSH-PC-001,\"1\"0,1\n");
    expect_error("mediation.csv:2: malformed CSV: misplaced or unbalanced quote");
    drop_file(CES_FILE_MEDIATION);
    ces_diags_free(&diags);
    set_file(CES_FILE_MEDIATION, "code,needed,succeeded\nSH-PC-001,1,1\nSH-LF-001,\"2,2\n");
    expect_error("mediation.csv:3: malformed CSV: misplaced or unbalanced quote");
}
END_TEST

START_TEST(extra_fields)
{
    load_base();
    set_file(CES_FILE_MEDIATION, "code,needed,succeeded\nSH-PC-001,1,1,,\nSH-LF-001,2,2,9\n");
    expect_error("mediation.csv:3: 4 fields but the header has 3");
    ck_assert_uint_eq(diags.errors, 1); /* trailing empty fields are fine */
}
END_TEST

/* ---- headers ---- */

START_TEST(chinese_headers_any_order)
{
    load_base();
    set_file(CES_FILE_COMPLAINTS,
             "按时处理反馈件数, 机构代码 ,转办件数,转办前撤诉件数,非车险投诉件数,车险投诉件数,投诉件数\n"
             "95,SH-PC-001,100,10,40,80,120\n"
             "48,SH-PC-002,50,5,30,30,60\n"
             "4,SH-PC-TEL,4,0,4,0,4\n"
             "28,SH-LF-001,30,3,,,35\n");
    set_file(CES_FILE_STATISTICS,
             "CODE,原保险保费收入（万元）,Motor_Premium_Wan,非车险保费收入(万元),非车险保单件数\n"
             "SH-PC-001,\"125,000.50\",80000.25,45000.25,\"150,000\"\n"
             "SH-PC-002,60000,30000,30000,80000\n"
             "SH-PC-TEL,1000,0,1000,2000\n"
             "SH-LF-001,90000,,,\n");
    expect_ok();
    ck_assert_int_eq(ds.complaints[0].on_time, 95);
    ck_assert_int_eq(ds.complaints[0].total, 120);
    ck_assert_int_eq(ds.complaints[0].motor, 80);
    ck_assert_str_eq(ds.complaints[3].code, "SH-LF-001");
    ck_assert_double_eq_tol(ds.statistics[0].premium_wan, 125000.5, 1e-9);
    ck_assert_int_eq(ds.statistics[0].nonmotor_policies, 150000);
    ck_assert_int_eq(ds.statistics[3].new_persons, 0); /* absent column = 0 */
}
END_TEST

START_TEST(qualitative_chinese_items)
{
    load_base();
    set_file(
        CES_FILE_QUALITATIVE,
        "机构代码,备注,投诉处理工作制度,登记制度,档案管理制度,重大及群体性投诉处理应急预案,投诉考评制度,"
        "投诉处理责任追究制度,总经理接待日制度,总经理消费投诉案件审阅制度,监管要求建立的其它制度,"
        "投诉处理工作责任制,管理部门和岗位,内部沟通协调机制,投诉处理痕迹管理机制,投诉核查机制,"
        "投诉处理信息化系统,公布投诉受理渠道和投诉程序,投诉处理内部培训机制,监管要求建立的其它工作机制\n"
        "SH-PC-001,,Y,y,是,1,✓,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y\n"
        "SH-PC-002,缺制度,N,n,否,0,✗,Y,Y,Y,N,Y,Y,Y,Y,Y,Y,Y,Y,N\n"
        "SH-LF-001,,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y\n");
    expect_ok();
    ck_assert_uint_eq(ds.n_qualitative, 3);
    for (int i = 0; i < 5; i++) {
        ck_assert_int_eq(ds.qualitative[0].established[0][i], 1);
        ck_assert_int_eq(ds.qualitative[1].established[0][i], 0);
    }
    ck_assert_int_eq(ds.qualitative[1].established[0][8], 0);
    ck_assert_int_eq(ds.qualitative[1].established[1][0], 1);
    ck_assert_int_eq(ds.qualitative[1].established[1][8], 0);
    ck_assert_str_eq(ds.qualitative[1].note, "缺制度");
    ck_assert_ptr_null(ds.qualitative[0].note);
}
END_TEST

START_TEST(unknown_column_is_warning)
{
    load_base();
    set_file(CES_FILE_MEDIATION, "code,needed,succeeded,备注2\nSH-PC-001,10,8,x\n");
    expect_ok();
    ck_assert_uint_eq(diags.warnings, 1);
    ck_assert(has_msg("mediation.csv:1: column 备注2 (D): unknown column, ignored"));
}
END_TEST

START_TEST(missing_and_duplicate_columns)
{
    load_base();
    set_file(CES_FILE_MEDIATION, "code,needed\nSH-PC-001,10\n");
    set_file(CES_FILE_PRIOR, "code,total,上期投诉件数,premium_wan\nSH-PC-001,1,1,1\n");
    expect_error("mediation.csv:1: column succeeded: missing required column");
    ck_assert(has_msg(
        "prior.csv:1: column 上期投诉件数 (C) [total]: 上期投诉件数 names the same column as total (B)"));
}
END_TEST

START_TEST(missing_item_column)
{
    load_base();
    set_file(CES_FILE_QUALITATIVE, "code,sys_handling_rules\nSH-PC-001,Y\n");
    expect_error("qualitative.csv:1: column sys_registration: missing required column");
    ck_assert(has_msg("qualitative.csv:1: column mech_other: missing required column"));
    ck_assert_uint_eq(diags.errors, 17); /* no row error, no completeness error */
}
END_TEST

START_TEST(custom_alias_and_bad_columns_json)
{
    static const char json[] =
        "{\"files\":{\"mediation.csv\":{\"code\":[\"机构代码\",\"Org\"],\"needed\":[\"N\"],"
        "\"succeeded\":[\"S\"]}}}";
    static const char conflict[] =
        "{\"files\":{\"mediation.csv\":{\"needed\":[\"X\"],"
        "\"succeeded\":[\"x\"]}}}";
    ces_columns *mine = NULL;
    ck_assert_int_eq(ces_columns_parse(json, strlen(json), "mine.json", &mine, &diags), CES_OK);
    load_base();
    set_file(CES_FILE_MEDIATION, "org,n,s\nSH-PC-001,3,2\n");
    ck_assert_int_eq(ces_ingest_files(&ds, &cfg, mine, &diags), CES_OK);
    ck_assert_int_eq(ds.mediation[0].needed, 3);
    ces_columns_free(mine);
    ck_assert_int_eq(ces_columns_parse("{", 1, "bad.json", &mine, &diags), CES_ERR_INVALID);
    ck_assert(has_msg("bad.json: not valid JSON"));
    ck_assert_int_eq(ces_columns_parse(conflict, strlen(conflict), "c.json", &mine, &diags),
                     CES_ERR_INVALID);
    ck_assert(has_msg("c.json: files.mediation.csv.succeeded: alias \"x\" already names column needed"));
    ck_assert_ptr_null(mine);
}
END_TEST

/* A file or a column named twice is refused, whichever has more columns
 * (the second "prior.csv" once overflowed the first one's table). */
START_TEST(columns_json_names_twice)
{
    static const char files_twice[] =
        "{\"files\":{\"prior.csv\":{\"a\":[],\"b\":[],\"c\":[]},\"prior.csv\":{\"d\":[]}}}";
    static const char fewer_first[] =
        "{\"files\":{\"prior.csv\":{\"d\":[]},\"prior.csv\":{\"a\":[],\"b\":[],\"c\":[]}}}";
    static const char column_twice[] =
        "{\"files\":{\"prior.csv\":{\"total\":[\"T\"],\"total\":[\"U\"]}}}";
    ces_columns *mine = NULL;
    ck_assert_int_eq(ces_columns_parse(files_twice, strlen(files_twice), "t.json", &mine, &diags),
                     CES_ERR_INVALID);
    ck_assert(has_msg("t.json: files.prior.csv: the file is named twice"));
    ck_assert_ptr_null(mine);
    ck_assert_int_eq(ces_columns_parse(fewer_first, strlen(fewer_first), "f.json", &mine, &diags),
                     CES_ERR_INVALID);
    ck_assert_ptr_null(mine);
    ck_assert_int_eq(ces_columns_parse(column_twice, strlen(column_twice), "k.json", &mine, &diags),
                     CES_ERR_INVALID);
    ck_assert(has_msg("k.json: files.prior.csv.total: the column is named twice"));
    ck_assert_ptr_null(mine);
}
END_TEST

/* ---- files ---- */

START_TEST(missing_required_file_and_cases)
{
    load_base();
    drop_file(CES_FILE_STATISTICS);
    drop_file(CES_FILE_COMPLAINTS);
    set_file(CES_FILE_CASES, "case_id,code\n1,SH-PC-001\n");
    expect_error("statistics.csv: required file is missing");
    /* cases.csv stands in for complaints.csv, and is read, not refused */
    ck_assert(!has_msg("complaints.csv: required file is missing"));
    ck_assert(has_msg("cases.csv:1: column received_date: missing required column"));
}
END_TEST

START_TEST(optional_files_absent)
{
    load_base();
    drop_file(CES_FILE_MEDIATION);
    drop_file(CES_FILE_DEDUCTIONS);
    drop_file(CES_FILE_PRIOR);
    expect_ok();
    ck_assert_uint_eq(ds.n_mediation + ds.n_deductions + ds.n_prior, 0);
    ck_assert_int_eq(ds.files[CES_FILE_PRIOR].present, 0);
}
END_TEST

START_TEST(empty_file)
{
    load_base();
    set_file(CES_FILE_MEDIATION, "\n\n");
    expect_error("mediation.csv: the file is empty (no header row)");
}
END_TEST

/* ---- companies.csv rules ---- */

START_TEST(company_rules)
{
    char buf[4096];
    load_base();
    snprintf(buf, sizeof buf,
             "%sSH-PC-001,甲,pc,branch,,2010-05-01\n"
             "SH-PC-002,乙,财产保险,legal_entity,SH-PC-001,2015-03-09\n"
             "SH-PC-TEL,,pc,telesales,,2012-01-01\n"
             "SH-LF-001,丙,life,branch,,2008-07-01\n"
             "SH-PC-001,重复,pc,branch,,2010-05-01\n"
             ",无代码,pc,branch,,2010-05-01\n"
             "SH-X,丁,health,分公司,,2010-05-01\n"
             "SH-Y,戊,life,telesales,SH-NONE,2010-5-1\n"
             "SH-Z,己,pc,其他功能型机构,SH-LF-001,2010-05-01\n"
             "SH-W,庚,life,provincial_dept,SH-Y,\n",
             COMPANIES_HDR);
    set_file(CES_FILE_COMPANIES, buf);
    expect_error("companies.csv:3: column parent_code (E): SH-PC-001 must be empty for legal_entity");
    ck_assert(has_msg("companies.csv:4: column name (B): empty value, a name is required"));
    ck_assert(has_msg(
        "companies.csv:4: column parent_code (E): empty value, a parent is required for telesales"));
    ck_assert(
        has_msg("companies.csv:6: column code (A): SH-PC-001 appears more than once (first on line 2)"));
    ck_assert(has_msg("companies.csv:7: column code (A): empty value, a code is required"));
    ck_assert(has_msg(
        "companies.csv:8: column group (C): health is not a group (pc/财产险/财产保险 or life/人身险/人身保险)"));
    ck_assert(has_msg(
        "companies.csv:8: column org_type (D): 分公司 is not an org_type (branch, legal_entity, provincial_dept, telesales, functional, aviation_center, asset_mgmt, reinsurer, policy, captive, or its Chinese name)"));
    ck_assert(
        has_msg("companies.csv:9: column parent_code (E): SH-NONE is not a code of companies.csv"));
    ck_assert(has_msg(
        "companies.csv:10: column parent_code (E): SH-LF-001 is in group life, this company is in group pc"));
    ck_assert(has_msg(
        "companies.csv:11: column parent_code (E): SH-Y is a telesales, the parent must be a branch or legal_entity"));
    ck_assert(has_msg("companies.csv:11: column open_date (F): empty value, a date is required"));
    ck_assert_uint_eq(diags.errors, 11);
}
END_TEST

START_TEST(company_values_kept)
{
    load_base();
    expect_ok();
    ck_assert_uint_eq(ds.n_companies, 4);
    ck_assert_str_eq(ds.companies[2].code, "SH-PC-TEL");
    ck_assert_int_eq(ds.companies[2].org_type, CES_ORG_TELESALES);
    ck_assert_str_eq(ds.companies[2].parent_code, "SH-PC-001");
    ck_assert_ptr_null(ds.companies[0].parent_code);
    ck_assert_int_eq(ds.companies[1].open_date, 20150309);
    ck_assert_int_eq(ds.companies[3].group, CES_GROUP_LIFE);
    ck_assert_int_eq(ds.companies[3].line, 5);
    ck_assert_uint_eq(ds.files[CES_FILE_COMPANIES].rows, 4);
    ck_assert_uint_eq(strlen(ds.files[CES_FILE_COMPANIES].sha256), 64);
}
END_TEST

/* ---- complaints.csv rules ---- */

START_TEST(complaint_rules)
{
    load_base();
    set_file(CES_FILE_COMPLAINTS,
             "code,total,motor,nonmotor,withdrawn_before_transfer,transferred,on_time\n"
             "SH-PC-001,120,80,40,121,100,95\n"
             "SH-PC-002,60,30,30,5,61,12\n"
             "SH-PC-TEL,4,,4,0,4,4\n"
             "SH-LF-001,35,3,,3,9,12\n"
             "SH-PC-001,,1,x,0,0,0\n");
    expect_error("complaints.csv:2: column withdrawn_before_transfer (E): 121 exceeds total (120)");
    ck_assert(has_msg("complaints.csv:3: column transferred (F): 61 exceeds total (60)"));
    ck_assert(has_msg("complaints.csv:4: column motor (C): empty value, a count is required for pc"));
    ck_assert(has_msg("complaints.csv:5: column motor (C): 3 must be empty or 0 for life"));
    ck_assert(has_msg("complaints.csv:5: column on_time (G): 12 exceeds transferred (9)"));
    ck_assert(has_msg(
        "complaints.csv:6: column code (A): SH-PC-001 appears more than once (first on line 2)"));
    ck_assert(has_msg("complaints.csv:6: column total (B): empty value, a count is required"));
    ck_assert(
        has_msg("complaints.csv:6: column nonmotor (D): x is not a count (a non-negative integer)"));
    ck_assert_uint_eq(diags.errors, 8);
}
END_TEST

START_TEST(complaint_impossible_and_sum)
{
    load_base();
    set_file(CES_FILE_COMPLAINTS,
             "code,total,motor,nonmotor,withdrawn_before_transfer,transferred,on_time\n"
             "SH-PC-001,\"1,200\",800,399,10,100,95\n"
             "SH-PC-002,60,30,30,5,9,12\n"
             "SH-PC-TEL,4,0,4,0,4,4\n"
             "SH-LF-001,35,0,,3,30,28\n");
    expect_error(
        "complaints.csv:2: column total (B): 1,200 differs from motor + nonmotor (800 + 399 = 1199)");
    ck_assert(has_msg("complaints.csv:3: column on_time (G): 12 exceeds transferred (9)"));
    ck_assert_uint_eq(diags.errors, 2);
}
END_TEST

START_TEST(negative_and_decimal_counts)
{
    load_base();
    set_file(CES_FILE_MEDIATION,
             "code,needed,succeeded\nSH-PC-001,-3,0\nSH-LF-001,2.5,1\n"
             "SH-PC-002,3,4\n");
    expect_error("mediation.csv:2: column needed (B): -3 is not a count (a non-negative integer)");
    ck_assert(
        has_msg("mediation.csv:3: column needed (B): 2.5 is not a count (a non-negative integer)"));
    ck_assert(has_msg("mediation.csv:4: column succeeded (C): 4 exceeds needed (3)"));
}
END_TEST

/* ---- statistics.csv rules ---- */

START_TEST(statistics_rules)
{
    load_base();
    set_file(CES_FILE_STATISTICS,
             "code,premium_wan,motor_premium_wan,nonmotor_premium_wan,nonmotor_policies,"
             "prior_inforce_policies,new_policies,prior_inforce_persons,new_persons\n"
             "SH-PC-001,100.01,60,40,1,,,,\n"    /* within 0.01 */
             "SH-PC-002,100.02,60,40,1,,,,\n"    /* beyond */
             "SH-PC-TEL,,0,1000,2000,,,,\n"      /* premium required */
             "SH-LF-001,-5,7,,abc,5,5,5,1.5\n"); /* pc columns on life: kept */
    expect_error(
        "statistics.csv:3: column premium_wan (B): 100.02 differs from motor_premium_wan + nonmotor_premium_wan (60 + 40 = 100) by more than 0.01");
    ck_assert(has_msg("statistics.csv:4: column premium_wan (B): empty value, an amount is required"));
    ck_assert(has_msg(
        "statistics.csv:5: column premium_wan (B): -5 is not an amount (a non-negative decimal)"));
    ck_assert(has_msg(
        "statistics.csv:5: column nonmotor_policies (E): abc is not a count (a non-negative integer)"));
    ck_assert(has_msg(
        "statistics.csv:5: column new_persons (I): 1.5 is not a count (a non-negative integer)"));
    ck_assert_uint_eq(diags.errors, 4 + 1);
}
END_TEST

START_TEST(statistics_life_keeps_pc_columns)
{
    load_base();
    set_file(CES_FILE_STATISTICS,
             "code,premium_wan,motor_premium_wan,nonmotor_premium_wan,nonmotor_policies,"
             "prior_inforce_policies,new_policies,prior_inforce_persons,new_persons\n"
             "SH-PC-001,100,60,40,1,7,,,\n"
             "SH-PC-002,100,60,40.005,1,,,,\n"
             "SH-LF-001,90000,5,6,7,500000,80000,600000,90000\n");
    expect_ok();
    ck_assert_double_eq(ds.statistics[2].motor_premium_wan, 5);
    ck_assert_int_eq(ds.statistics[2].nonmotor_policies, 7);
    ck_assert_int_eq(ds.statistics[0].prior_inforce_policies, 7);
    ck_assert_int_eq(ds.statistics[2].prior_inforce_persons, 600000);
}
END_TEST

/* ---- qualitative, deductions, prior ---- */

START_TEST(qualitative_values)
{
    char buf[4096];
    load_base();
    snprintf(buf, sizeof buf, "%s", (const char *)ds.files[CES_FILE_QUALITATIVE].bytes);
    buf[ds.files[CES_FILE_QUALITATIVE].len] = '\0';
    strcat(buf, "SH-PC-TEL,maybe,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,Y,,Y,\n");
    set_file(CES_FILE_QUALITATIVE, buf);
    expect_error(
        "qualitative.csv:5: column sys_handling_rules (B): maybe is not Y/N, 是/否, 1/0 or ✓/✗ (√/×)");
    ck_assert(has_msg("qualitative.csv:5: column mech_training (R): empty value, Y/N is required"));
    ck_assert_uint_eq(diags.errors, 2);
}
END_TEST

START_TEST(deduction_rules)
{
    load_base();
    set_file(CES_FILE_DEDUCTIONS,
             "code,indicator,category,points,date,reference,description\n"
             "SH-PC-001,违法违规,警示函,,2024-01-01,,\n"    /* ok: window start */
             "SH-PC-001,violation,penalty,2,2024-06-30,,\n" /* ok: points given win */
             "SH-PC-001,execution,penalty,,2024-03-01,,\n"
             "SH-PC-002,improper_handling,,,2024-03-01,,\n"
             "SH-PC-002,bribery,,1,2024-03-01,,\n"
             "SH-PC-002,execution,,0,2023-12-31,,\n"
             "SH-NO,execution,,1,2024-07-01,,\n"
             "SH-LF-001,execution,,,,,\n");
    expect_error("deductions.csv:4: column category (C): penalty is not a category of execution");
    ck_assert(has_msg(
        "deductions.csv:5: column points (D): empty value and no category, one of them is required"));
    ck_assert(has_msg(
        "deductions.csv:6: column indicator (B): bribery is not a deduction indicator (execution, improper_handling, violation, group_event, negative_media or the Chinese name)"));
    ck_assert(
        has_msg("deductions.csv:7: column points (D): 0 is not a number of points (a decimal > 0)"));
    ck_assert(has_msg(
        "deductions.csv:7: column date (E): 2023-12-31 is outside the period window (2024-01-01 to 2024-06-30)"));
    ck_assert(has_msg("deductions.csv:8: column code (A): SH-NO is not a code of companies.csv"));
    ck_assert(has_msg(
        "deductions.csv:8: column date (E): 2024-07-01 is outside the period window (2024-01-01 to 2024-06-30)"));
    ck_assert(has_msg(
        "deductions.csv:9: column points (D): empty value and no category, one of them is required"));
    ck_assert(has_msg("deductions.csv:9: column date (E): empty value, a date is required"));
    ck_assert_uint_eq(diags.errors, 9);
}
END_TEST

START_TEST(deduction_window_full_year)
{
    load_base();
    ds.period.kind = CES_PERIOD_FY;
    set_file(CES_FILE_DEDUCTIONS,
             "code,indicator,category,points,date\n"
             "SH-PC-001,negative_media,severe,,2024年12月31日\n"
             "SH-PC-001,负面舆情,report,,2024/7/1\n"
             "SH-PC-001,group_event,mass_50,,2025-01-01\n");
    expect_error(
        "deductions.csv:4: column date (E): 2025-01-01 is outside the period window (2024-01-01 to 2024-12-31)");
    ck_assert_uint_eq(diags.errors, 1);
}
END_TEST

START_TEST(deduction_repeats_allowed)
{
    load_base();
    set_file(CES_FILE_DEDUCTIONS,
             "code,indicator,category,points,date\n"
             "SH-PC-001,improper_handling,case,,2024-02-01\n"
             "SH-PC-001,improper_handling,每件处置不当投诉,,2024-02-02\n");
    expect_ok();
    ck_assert_uint_eq(ds.n_deductions, 2);
    ck_assert_str_eq(ds.deductions[1].category, "case");
    ck_assert_double_eq(ds.deductions[1].points, 2);
    ck_assert_int_eq(ds.deductions[1].indicator, CES_DED_IMPROPER);
}
END_TEST

START_TEST(prior_rules)
{
    load_base();
    set_file(CES_FILE_PRIOR,
             "上期投诉件数,机构代码,上期原保险保费收入（万元）\n"
             "110,SH-PC-001,\"120,000.5\"\n7,SH-GONE,1\n,SH-LF-001,\n");
    expect_error("prior.csv:3: column 机构代码 (B) [code]: SH-GONE is not a code of companies.csv");
    ck_assert(has_msg("prior.csv:4: column 上期投诉件数 (A) [total]: empty value, a count is required"));
    ck_assert(has_msg(
        "prior.csv:4: column 上期原保险保费收入（万元） (C) [premium_wan]: empty value, an amount is required"));
}
END_TEST

/* ---- completeness ---- */

START_TEST(completeness)
{
    char buf[4096];
    load_base();
    snprintf(buf, sizeof buf,
             "%sSH-PC-001,甲,pc,branch,,2010-05-01\n"
             "SH-PC-002,乙,pc,branch,,2015-03-09\n"
             "SH-PC-TEL,甲电销,pc,telesales,SH-PC-001,2012-01-01\n"
             "SH-LF-001,丙,life,branch,,2008-07-01\n"
             "SH-LF-NEW,新人寿,life,legal_entity,,2023-01-02\n" /* not eligible */
             "SH-LF-OLD,老人寿,life,legal_entity,,2023-01-01\n" /* eligible */
             "SH-RE-001,再保,life,reinsurer,,2000-01-01\n",     /* excluded */
             COMPANIES_HDR);
    set_file(CES_FILE_COMPANIES, buf);
    expect_error("complaints.csv: column code: no row for SH-LF-OLD (老人寿)");
    ck_assert(has_msg("statistics.csv: column code: no row for SH-LF-OLD (老人寿)"));
    ck_assert(has_msg("qualitative.csv: column code: no row for SH-LF-OLD (老人寿)"));
    ck_assert_uint_eq(diags.errors, 3);
}
END_TEST

/* ---- many defects, limits ---- */

START_TEST(all_defects_reported)
{
    load_base();
    complaints_with("SH-PC-002,1,1,0,0,0,0\n");
    set_file(CES_FILE_MEDIATION, "code,needed,succeeded\nSH-PC-001,1,2\n");
    set_file(CES_FILE_DEDUCTIONS, "code,indicator,category,points,date\nSH-PC-001,x,,1,2024-01-01\n");
    drop_file(CES_FILE_QUALITATIVE);
    expect_error(
        "complaints.csv:6: column code (A): SH-PC-002 appears more than once (first on line 3)");
    ck_assert(has_msg("mediation.csv:2: column succeeded (C): 2 exceeds needed (1)"));
    ck_assert(has_msg("qualitative.csv: required file is missing"));
    ck_assert_uint_eq(diags.errors, 4);
}
END_TEST

START_TEST(error_cap)
{
    char buf[65536];
    size_t n;
    load_base();
    n = (size_t)snprintf(buf, sizeof buf, "code,needed,succeeded\n");
    for (int i = 0; i < 150; i++)
        n += (size_t)snprintf(buf + n, sizeof buf - n, "SH-PC-001,%d,x\n", i);
    set_file(CES_FILE_MEDIATION, buf);
    ck_assert_int_eq(run(), CES_ERR_INVALID);
    ck_assert_uint_eq(diags.errors, 150 + 149); /* every row: bad value; all but one: repeated code */
    ck_assert_uint_ge(diags.dropped, 1);
}
END_TEST

/* ---- fixtures/rules bundles, as ces_ingest_bundle reads them ---- */

static const struct {
    const char *bundle;
    const char *lines[8];
} fixtures[] = {
    {"valid-minimal", {NULL}},
    {"gb18030-chinese-crlf", {NULL}},
    {"impossible-count", {"complaints.csv:3: column on_time (G): 55 exceeds transferred (50)"}},
    {"negative-count",
     {"complaints.csv:2: column total (B): -120 is not a count (a non-negative integer)"}},
    {"unknown-code", {"mediation.csv:4: column code (A): SH-XX-999 is not a code of companies.csv"}},
    {"missing-column", {"complaints.csv:1: column transferred: missing required column"}},
    {"missing-item", {"qualitative.csv:1: column sys_archives: missing required column"}},
    {"bad-date",
     {"companies.csv:3: column open_date (F): 2015-02-30 is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)"}},
    {"duplicate-code",
     {"complaints.csv:6: column code (A): SH-PC-001 appears more than once (first on line 2)"}},
    {"wrong-parent",
     {"companies.csv:4: column parent_code (E): SH-LF-001 is in group life, this company is in group pc",
      "companies.csv:6: column parent_code (E): SH-PC-TEL is a telesales, the parent must be a branch or legal_entity"}},
    {"bad-encoding", {"statistics.csv:3: bytes valid in neither UTF-8 nor GB18030: ff 30 30 2c"}},
    {"deduction-outside-window",
     {"deductions.csv:2: column date (E): 2024-07-01 is outside the period window (2024-01-01 to 2024-06-30)"}},
    {"deduction-no-points",
     {"deductions.csv:4: column points (D): empty value and no category, one of them is required"}},
    {"pc-sum-mismatch",
     {"complaints.csv:3: column total (B): 60 differs from motor + nonmotor (30 + 25 = 55)"}},
    {"premium-mismatch",
     {"statistics.csv:3: column premium_wan (B): 60000 differs from motor_premium_wan + nonmotor_premium_wan "
      "(30000 + 29999.5 = 59999.5) by more than 0.01"}},
    {"missing-row",
     {"complaints.csv: column code: no row for SH-PC-002 (乙财产保险股份有限公司上海分公司)"}},
    {"several-defects",
     {"companies.csv:5: column open_date (F): 2008年13月1日 is not a date (YYYY-MM-DD, YYYY/M/D or YYYY年M月D日)",
      "complaints.csv:3: column on_time (G): 55 exceeds transferred (50)",
      "statistics.csv:2: column premium_wan (B): 60000 differs from motor_premium_wan + nonmotor_premium_wan "
      "(30000 + 29999.5 = 59999.5) by more than 0.01",
      "qualitative.csv:1: column mech_trace: missing required column",
      "mediation.csv:4: column code (A): SH-XX-999 is not a code of companies.csv",
      "deductions.csv:2: column date (E): 2023-12-31 is outside the period window (2024-01-01 to 2024-06-30)",
      "statistics.csv: column code: no row for SH-PC-001 (甲财产保险股份有限公司上海分公司)"}},
};

START_TEST(fixture_bundles)
{
    size_t want = 0;
    ces_status st = ces_ingest_bundle(path_join("CES_FIXTURES", "rules", fixtures[_i].bundle), H1_2024,
                                      &cfg, cols, &ds, &diags);
    while (want < 8 && fixtures[_i].lines[want])
        want++;
    if (diags.errors != want)
        dump();
    ck_assert_msg(diags.errors == want, "%s: %zu errors, want %zu", fixtures[_i].bundle, diags.errors,
                  want);
    ck_assert_uint_eq(diags.warnings, 0);
    for (size_t i = 0; i < want; i++) {
        ck_assert_str_eq(diags.items[i].message, fixtures[_i].lines[i]); /* in this order */
        ck_assert_int_eq(diags.items[i].level, CES_DIAG_ERROR);
    }
    ck_assert_int_eq(st, want ? CES_ERR_INVALID : CES_OK);
    if (want) {
        ck_assert_ptr_null(ds.files[CES_FILE_COMPANIES].bytes);
        ck_assert_uint_eq(ds.n_companies, 0);
    } else {
        ck_assert_uint_eq(ds.n_companies, 4);
        ck_assert_uint_eq(ds.n_complaints, 4);
        ck_assert_uint_eq(ds.n_qualitative, 3);
        ck_assert_uint_eq(ds.n_deductions, 2);
        ck_assert_int_eq(ds.files[CES_FILE_PRIOR].present, 1);
        ck_assert_int_eq(ds.files[CES_FILE_CASES].present, 0);
    }
}
END_TEST

START_TEST(gb18030_bundle_same_as_utf8)
{
    ces_dataset utf8;
    ck_assert_int_eq(ces_ingest_bundle(path_join("CES_FIXTURES", "rules", "valid-minimal"), H1_2024,
                                       &cfg, cols, &utf8, &diags),
                     CES_OK);
    ck_assert_int_eq(ces_ingest_bundle(path_join("CES_FIXTURES", "rules", "gb18030-chinese-crlf"),
                                       H1_2024, &cfg, cols, &ds, &diags),
                     CES_OK);
    for (int k = 0; k < CES_FILE_CASES; k++) {
        ck_assert_str_eq(ds.files[k].encoding, "GB18030");
        ck_assert_uint_eq(ds.files[k].rows, utf8.files[k].rows);
        ck_assert_str_ne(ds.files[k].sha256, utf8.files[k].sha256);
    }
    for (size_t i = 0; i < ds.n_companies; i++) {
        ck_assert_str_eq(ds.companies[i].name, utf8.companies[i].name);
        ck_assert_int_eq(ds.companies[i].org_type, utf8.companies[i].org_type);
        ck_assert_int_eq(ds.companies[i].open_date, utf8.companies[i].open_date);
    }
    ck_assert_int_eq(ds.companies[2].line, 5); /* after the blank line 4 */
    for (size_t i = 0; i < ds.n_complaints; i++)
        ck_assert_int_eq(memcmp(&ds.complaints[i].total, &utf8.complaints[i].total, 6 * sizeof(int64_t)),
                         0);
    ck_assert_double_eq(ds.statistics[0].premium_wan, utf8.statistics[0].premium_wan);
    ck_assert_int_eq(memcmp(ds.qualitative[1].established, utf8.qualitative[1].established,
                            sizeof ds.qualitative[1].established),
                     0);
    ck_assert_str_eq(ds.deductions[0].category, "warning_letter");
    ck_assert_str_eq(ds.deductions[1].description, "报表\"逾期\"\r\n第二行");
    ces_dataset_free(&utf8);
}
END_TEST

START_TEST(bundle_dir_errors)
{
    ck_assert_int_eq(ces_ingest_bundle("/nonexistent/bundle", H1_2024, &cfg, cols, &ds, &diags),
                     CES_ERR_IO);
    ck_assert(has_msg("/nonexistent/bundle: cannot read bundle directory: No such file or directory"));
    ck_assert_int_eq(ces_ingest_bundle(path_join("CES_FIXTURES", "rules", "README.md"), H1_2024, &cfg,
                                       cols, &ds, &diags),
                     CES_ERR_IO);
}
END_TEST

/* ---- edits (cescore whatif): cells changed before every check ---- */

static ces_status run_edited(const ces_cell_edit *e, size_t n)
{
    return ces_ingest_files_edited(&ds, &cfg, cols, e, n, &diags);
}

START_TEST(edit_changes_a_cell)
{
    load_base();
    ces_cell_edit e[] = {{CES_FILE_COMPLAINTS, "SH-PC-002", "motor", "35"},
                         {CES_FILE_COMPLAINTS, "SH-PC-002", "total", "65"}};
    ck_assert_int_eq(run_edited(e, 2), CES_OK);
    ck_assert_int_eq(ds.complaints[1].motor, 35);
    ck_assert_int_eq(ds.complaints[1].total, 65);
    ck_assert_int_eq(ds.complaints[0].total, 120); /* other rows as they were */
}
END_TEST

/* A row the company lacks is added; it is checked like any row. */
START_TEST(edit_adds_a_row)
{
    load_base();
    ces_cell_edit e[] = {{CES_FILE_MEDIATION, "SH-PC-002", "needed", "5"},
                         {CES_FILE_MEDIATION, "SH-PC-002", "succeeded", "3"}};
    ck_assert_int_eq(run_edited(e, 2), CES_OK);
    ck_assert_uint_eq(ds.n_mediation, 3);
    ck_assert_str_eq(ds.mediation[2].code, "SH-PC-002");
    ck_assert_int_eq(ds.mediation[2].needed, 5);
    ck_assert_int_eq(ds.mediation[2].line, 4);
    ces_cell_edit half[] = {{CES_FILE_MEDIATION, "SH-PC-002", "needed", "5"}};
    ck_assert_int_eq(run_edited(half, 1), CES_ERR_INVALID);
    ck_assert(has_msg("mediation.csv:4: column succeeded (C): empty value, a count is required"));
}
END_TEST

/* A column the file lacks is added to the header for the edited row only
 * (its field beyond the file's header is no extra field); companies.csv,
 * read twice, is changed alike in both passes. */
START_TEST(edit_adds_a_column_and_reads_twice)
{
    load_base();
    char qual[4096];
    FILE *fp = fopen(path_join("CES_FIXTURES", "rules/valid-minimal", "qualitative.csv"), "rb");
    size_t n = fread(qual, 1, sizeof qual - 1, fp);
    fclose(fp);
    qual[n] = '\0';
    for (char *line = qual, *comma; *line; line = strchr(line, '\n') + 1) {
        comma = strrchr(line, ','); /* the last column, note, cut from every line */
        char *end = strchr(line, '\n');
        if (comma && end && comma < end)
            memmove(comma, end, strlen(end) + 1);
        if (!strchr(line, '\n'))
            break;
    }
    set_file(CES_FILE_QUALITATIVE, qual);
    ces_cell_edit e[] = {{CES_FILE_QUALITATIVE, "SH-PC-002", "note", "a note"},
                         {CES_FILE_COMPANIES, "SH-PC-001", "name", "Renamed"}};
    ck_assert_int_eq(run_edited(e, 2), CES_OK);
    ck_assert_uint_eq(ds.n_qualitative, 3);
    ck_assert_str_eq(ds.companies[0].name, "Renamed");
    ck_assert_uint_eq(ds.n_companies, 4);
}
END_TEST

/* The change is checked like the bundle's own cells; an unknown column is an error. */
START_TEST(edit_is_checked)
{
    load_base();
    ces_cell_edit e[] = {{CES_FILE_COMPLAINTS, "SH-PC-002", "motor", "31"}};
    ck_assert_int_eq(run_edited(e, 1), CES_ERR_INVALID);
    ck_assert(
        has_msg("complaints.csv:3: column total (B): 60 differs from motor + nonmotor (31 + 30 = 61)"));
    ces_cell_edit f[] = {{CES_FILE_COMPLAINTS, "SH-PC-002", "motorcars", "31"}};
    ck_assert_int_eq(run_edited(f, 1), CES_ERR_INVALID);
    ck_assert(
        has_msg("complaints.csv: column motorcars: not a column of complaints.csv (docs/inputs.md §4)"));
}
END_TEST

static Suite *ingest_suite(void)
{
    Suite *s = suite_create("ingest");
    TCase *v = tcase_create("values"), *e = tcase_create("encoding"), *c = tcase_create("csv");
    TCase *r = tcase_create("rules"), *f = tcase_create("fixtures");
    tcase_add_test(v, count_parser);
    tcase_add_test(v, amount_parser);
    tcase_add_test(v, date_parser);
    tcase_add_test(v, yes_no_parser);
    tcase_add_test(e, utf8_strict);
    tcase_add_test(e, utf8_and_bom);
    tcase_add_test(e, gb18030_decoded);
    tcase_add_test(e, bad_encoding_names_line);
    tcase_add_test(e, bad_encoding_other_files_still_checked);
    tcase_add_test(c, crlf_quotes_blank_lines);
    tcase_add_test(c, line_numbers_after_multiline_field);
    tcase_add_test(c, malformed_quotes);
    tcase_add_test(c, extra_fields);
    tcase_add_test(c, chinese_headers_any_order);
    tcase_add_test(c, qualitative_chinese_items);
    tcase_add_test(c, unknown_column_is_warning);
    tcase_add_test(c, missing_and_duplicate_columns);
    tcase_add_test(c, missing_item_column);
    tcase_add_test(c, xml_forbidden_characters_replaced);
    tcase_add_test(c, gb18030_uffff_replaced);
    tcase_add_test(c, custom_alias_and_bad_columns_json);
    tcase_add_test(c, columns_json_names_twice);
    tcase_add_test(r, missing_required_file_and_cases);
    tcase_add_test(r, optional_files_absent);
    tcase_add_test(r, empty_file);
    tcase_add_test(r, company_rules);
    tcase_add_test(r, company_values_kept);
    tcase_add_test(r, complaint_rules);
    tcase_add_test(r, complaint_impossible_and_sum);
    tcase_add_test(r, negative_and_decimal_counts);
    tcase_add_test(r, statistics_rules);
    tcase_add_test(r, statistics_life_keeps_pc_columns);
    tcase_add_test(r, qualitative_values);
    tcase_add_test(r, deduction_rules);
    tcase_add_test(r, deduction_window_full_year);
    tcase_add_test(r, deduction_repeats_allowed);
    tcase_add_test(r, prior_rules);
    tcase_add_test(r, completeness);
    tcase_add_test(r, all_defects_reported);
    tcase_add_test(r, error_cap);
    tcase_add_test(r, edit_changes_a_cell);
    tcase_add_test(r, edit_adds_a_row);
    tcase_add_test(r, edit_adds_a_column_and_reads_twice);
    tcase_add_test(r, edit_is_checked);
    tcase_add_loop_test(f, fixture_bundles, 0, (int)(sizeof fixtures / sizeof fixtures[0]));
    tcase_add_test(f, gb18030_bundle_same_as_utf8);
    tcase_add_test(f, bundle_dir_errors);
    TCase *all[] = {v, e, c, r, f};
    for (size_t i = 0; i < sizeof all / sizeof all[0]; i++) {
        tcase_add_checked_fixture(all[i], setup, teardown);
        suite_add_tcase(s, all[i]);
    }
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(ingest_suite());
    int failed;
    srunner_run_all(sr, CK_NORMAL);
    failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
