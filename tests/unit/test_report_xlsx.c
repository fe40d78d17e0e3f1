/* report_xlsx: the workbook and the per-company workbooks, written from a
 * small hand-made ces_results and the shipped config; read back with
 * tests/tools/xlsx_readback.py (openpyxl, Debian package python3-openpyxl). */
#define _XOPEN_SOURCE 700 /* nftw */
#include <check.h>
#include <dirent.h>
#include <ftw.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include "cescore/config.h"
#include "cescore/dataset.h"
#include "cescore/ingest.h"
#include "cescore/report.h"
#include "cescore/results.h"
#include "cescore/score.h"
#include "cli_env.h"
#include "report_xlsx_index.h"
#include "report_xlsx_sheet.h"

/* What the writers under test report; tdmsg() is the newest message. */
static ces_diags td;

static const char *tdmsg(void) { return td.count ? td.items[td.count - 1].message : ""; }

#define RUN_TIME "2024-07-20T09:00:00Z"
#define INJECTED_NAME "=HYPERLINK(\"http://example.invalid\",\"click\")"

/* ---- helpers -------------------------------------------------------------- */

static char *xdup(const char *s)
{
    char *p = strdup(s);
    ck_assert_ptr_nonnull(p);
    return p;
}

static void load_config_text(ces_config *cfg, const char *from, const char *to)
{
    const char *dir = getenv("CES_CONFIG_DIR");
    ck_assert_msg(dir != NULL, "CES_CONFIG_DIR is not set");
    char path[4096];
    snprintf(path, sizeof path, "%s/shanghai-2018.json", dir);
    ces_diags d;
    ces_diags_init(&d);
    if (!from) {
        ck_assert_int_eq(cli_config_read(path, cfg, &d), CES_OK);
    } else { /* a copy of the config with one text replaced */
        FILE *fp = fopen(path, "rb");
        ck_assert_ptr_nonnull(fp);
        static char text[1 << 16], out[1 << 16];
        size_t n = fread(text, 1, sizeof text - 1, fp);
        fclose(fp);
        text[n] = '\0';
        char *at = strstr(text, from);
        ck_assert_ptr_nonnull(at);
        snprintf(out, sizeof out, "%.*s%s%s", (int)(at - text), text, to, at + strlen(from));
        ck_assert_int_eq(ces_config_parse(out, strlen(out), "copy.json", cfg, &d), CES_OK);
    }
    ces_diags_free(&d);
}

static double r2(double v) { return floor(v * 100 + 0.5 + 1e-9) / 100; }

/* Fills one indicator of company c with plausible figures for variant v. */
static void fill_indicator(const ces_config *cfg, ces_company_result *c, ces_ind i, int v)
{
    ces_ind_result *x = &c->ind[i];
    const ces_cfg_indicator *ci = &cfg->ind[i];
    x->present = 1;
    x->applicable = 1;
    x->max = ci->max;
    switch (ces_ind_kind(i)) {
    case CES_KIND_CHECKLIST:
        x->missing = v == 0 ? 0x2u : 0;
        x->score = x->max - (v == 0 ? ci->items[1].points : 0);
        break;
    case CES_KIND_DEDUCTION:
        x->points = (i == CES_IND_DED_VIOLATION && v == 0) ? 25 : (i == CES_IND_DED_EXECUTION ? v : 0);
        x->score = x->points < x->max ? x->points : x->max;
        break;
    case CES_KIND_VOLUME:
        x->weight = ci->max;
        x->effective_weight = ci->max;
        x->numerator = 3 + 4 * v;
        x->denominator = 9.72;
        x->applicable = !(v == 2 && i == CES_IND_PC_NONMOTOR_POLICIES);
        if (!x->applicable) {
            x->numerator = x->denominator = 0;
            x->score = 0;
            x->effective_weight = 0;
            break;
        }
        x->has_value = 1;
        x->value = x->numerator / x->denominator;
        x->has_benchmark = 1;
        x->benchmark = 0.7;
        x->raw = x->weight * fmax(0, fmin(1, 1 - x->value / (ci->zero_at_multiple * x->benchmark)));
        if (v == 2 && c->group == CES_GROUP_PC) /* one of 20 + 5 + 5 does not apply: scaled to 30 / 25 */
            x->effective_weight = x->weight * cfg->volume_points / 25;
        x->score = r2(x->raw * x->effective_weight / x->weight);
        break;
    case CES_KIND_CHANGE:
        if (v == 1) {
            x->has_current = 1;
            x->current = 1.2;
            x->score = ci->max;
            c->flags |= CES_FLAG_NO_PRIOR;
            break;
        }
        x->has_current = x->has_prior = x->has_value = 1;
        x->current = 1.31;
        x->prior = 1.2;
        x->value = (x->current - x->prior) / x->prior;
        x->score = r2(ci->max * fmax(0, fmin(1, (ci->c_zero - x->value) / (ci->c_zero - ci->c_full))));
        break;
    case CES_KIND_RATE:
        x->numerator = 2 + v;
        x->denominator = 9;
        x->has_value = 1;
        x->value = x->numerator / x->denominator;
        if (i != CES_IND_TIMELINESS) {
            x->has_benchmark = 1;
            x->benchmark = 0.31;
        }
        x->score = r2(ci->max * (i == CES_IND_TIMELINESS ? x->value : fmin(1, x->value / x->benchmark)));
        break;
    }
}

static void add_company(ces_results *r, const ces_config *cfg, const char *code, const char *name,
                        ces_group g, int rank, int v)
{
    ces_company_result *c = &r->companies[r->n_companies++];
    memset(c, 0, sizeof *c);
    c->code = xdup(code);
    c->name = xdup(name);
    c->group = g;
    c->rank = rank;
    c->complaints_total = 12;
    c->premium_wan = 97200;
    double qual = 0, quant = 0;
    for (int i = 0; i < CES_IND_COUNT; i++) {
        int ig = ces_ind_group((ces_ind)i);
        if (ig >= 0 && ig != (int)g)
            continue;
        fill_indicator(cfg, c, (ces_ind)i, v);
        double s = c->ind[i].score;
        int ded = ces_ind_kind((ces_ind)i) == CES_KIND_DEDUCTION;
        if (ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME)
            c->volume_block += s;
        else if (ces_ind_block((ces_ind)i) == CES_BLOCK_QUALITATIVE)
            qual += ded ? -s : s;
        else
            quant += ded ? -s : s;
    }
    c->qualitative = fmax(0, qual);
    c->quantitative = fmax(0, quant + c->volume_block);
    c->total = c->qualitative + c->quantitative;
}

/* Three pc companies (one named like a formula, one with a rolled-up child),
 * two life companies, three excluded entities. */
static void make_results(ces_results *r, const ces_config *cfg)
{
    memset(r, 0, sizeof *r);
    r->period.year = 2024;
    r->period.kind = CES_PERIOD_H1;
    r->companies = calloc(5, sizeof *r->companies);
    ck_assert_ptr_nonnull(r->companies);
    add_company(r, cfg, "SH-PC-001", "甲财产保险股份有限公司上海分公司", CES_GROUP_PC, 1, 0);
    add_company(r, cfg, "SH-PC-002", INJECTED_NAME, CES_GROUP_PC, 2, 1);
    add_company(r, cfg, "SH-PC-003", "+乙财险上海分公司", CES_GROUP_PC, 2, 2);
    add_company(r, cfg, "SH-LF-001", "丙人寿保险股份有限公司上海分公司", CES_GROUP_LIFE, 1, 0);
    add_company(r, cfg, "SH-LF-002", "@丁人寿上海分公司", CES_GROUP_LIFE, 2, 1);
    ces_company_result *p = &r->companies[0];
    p->children = calloc(1, sizeof *p->children);
    ck_assert_ptr_nonnull(p->children);
    p->children[0] = xdup("SH-PC-001-TS");
    p->n_children = 1;
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        r->groups[g].count = g == 0 ? 3 : 2;
        r->groups[g].average_total = g == 0 ? 71.5 : 80.25;
        r->groups[g].below_average = 1;
        for (int i = 0; i < CES_IND_COUNT; i++)
            if (ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME && ces_ind_group((ces_ind)i) == g) {
                r->groups[g].has_benchmark[i] = 1;
                r->groups[g].benchmark[i] = 0.7;
            }
        r->groups[g].has_benchmark[CES_IND_WITHDRAWAL] = 1;
        r->groups[g].benchmark[CES_IND_WITHDRAWAL] = 0.31;
    }
    r->has_industry_mediation = 1;
    r->industry_mediation = 0.64;
    r->excluded = calloc(3, sizeof *r->excluded);
    ck_assert_ptr_nonnull(r->excluded);
    r->excluded[0] = (ces_excluded){xdup("SH-PC-001-TS"), xdup("甲财险电销中心"), CES_GROUP_PC,
                                    CES_EXCL_ROLLED_UP, xdup("SH-PC-001")};
    r->excluded[1] = (ces_excluded){xdup("SH-RE-01"), xdup("某再保险公司"), CES_GROUP_PC,
                                    CES_EXCL_EXCLUDED_TYPE, NULL};
    r->excluded[2] = (ces_excluded){xdup("SH-LF-009"), xdup("-新设人寿"), CES_GROUP_LIFE,
                                    CES_EXCL_NOT_OPEN_FULL_YEAR, NULL};
    r->n_excluded = 3;
    r->prior_source = CES_PRIOR_SOURCE_ARCHIVE;
    r->prior_run_id = 3;
    snprintf(r->prior_period, sizeof r->prior_period, "2023H1");
}

static void make_files(ces_input_file *files)
{
    memset(files, 0, CES_FILE_COUNT * sizeof *files);
    for (int k = 0; k < CES_FILE_DEDUCTIONS; k++) {
        files[k].present = 1;
        files[k].rows = 10u + (size_t)k;
        snprintf(files[k].encoding, sizeof files[k].encoding, "UTF-8");
        memset(files[k].sha256, 'a' + k, 64);
    }
}

typedef struct {
    ces_config cfg;
    ces_results res;
    ces_input_file files[CES_FILE_COUNT];
    ces_report_ctx ctx;
    char dir[64];
} fixture;

static void fixture_init(fixture *f, const char *cfg_from, const char *cfg_to)
{
    memset(f, 0, sizeof *f);
    load_config_text(&f->cfg, cfg_from, cfg_to);
    make_results(&f->res, &f->cfg);
    make_files(f->files);
    f->ctx = (ces_report_ctx){.results = &f->res,
                              .cfg = &f->cfg,
                              .run_id = 7,
                              .run_time = RUN_TIME,
                              .engine_version = "1.0.0",
                              .operator_name = "alice",
                              .files = f->files};
    snprintf(f->dir, sizeof f->dir, "/tmp/ces_xlsx_XXXXXX");
    ck_assert_ptr_nonnull(mkdtemp(f->dir));
}

static int rm_entry(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
    (void)sb, (void)flag, (void)ftw;
    return remove(path);
}

static void fixture_free(fixture *f)
{
    const char *keep = getenv("CES_XLSX_KEEP"); /* debugging: keep the workbooks */
    if (!keep || !*keep)
        nftw(f->dir, rm_entry, 16, FTW_DEPTH | FTW_PHYS);
    else
        fprintf(stderr, "kept %s\n", f->dir);
    ces_results_free(&f->res);
    ces_config_free(&f->cfg);
}

static char *slurp(const char *path, size_t *len)
{
    FILE *fp = fopen(path, "rb");
    ck_assert_msg(fp != NULL, "cannot open %s", path);
    fseek(fp, 0, SEEK_END);
    long n = ftell(fp);
    fseek(fp, 0, SEEK_SET);
    char *buf = malloc((size_t)n + 1);
    ck_assert_ptr_nonnull(buf);
    ck_assert_uint_eq(fread(buf, 1, (size_t)n, fp), (size_t)n);
    fclose(fp);
    *len = (size_t)n;
    return buf;
}

static int same_bytes(const char *a, const char *b)
{
    size_t la, lb;
    char *x = slurp(a, &la), *y = slurp(b, &lb);
    int same = la == lb && memcmp(x, y, la) == 0;
    free(x);
    free(y);
    return same;
}

static void write_ok(const ces_report_ctx *ctx, const char *path)
{
    ces_status st = ces_report_xlsx(ctx, path, &td);
    ck_assert_msg(st == CES_OK, "ces_report_xlsx: %s", tdmsg());
}

/* The python interpreter that has openpyxl: $CES_PYTHON, /usr/bin/python3 (where
 * Debian's python3-openpyxl lives), python3. Probed once, in main(), and passed
 * on to the forked tests as CES_PYTHON. */
static void find_python(void)
{
    const char *cands[] = {getenv("CES_PYTHON"), "/usr/bin/python3", "python3"};
    for (size_t k = 0; k < 3; k++) {
        if (!cands[k] || !*cands[k])
            continue;
        char cmd[512];
        snprintf(cmd, sizeof cmd, "'%s' -c 'import openpyxl' >/dev/null 2>&1", cands[k]);
        if (system(cmd) == 0) {
            setenv("CES_PYTHON", cands[k], 1);
            return;
        }
    }
    unsetenv("CES_PYTHON");
}

static const char *python(void)
{
    const char *p = getenv("CES_PYTHON");
    ck_assert_msg(p && *p, "no python3 with openpyxl (Debian package python3-openpyxl)");
    return p;
}

/* Runs xlsx_readback.py FILE ARGS; returns its exit status. */
static int readback(const char *file, const char *args)
{
    const char *cfgdir = getenv("CES_CONFIG_DIR");
    ck_assert_ptr_nonnull(cfgdir);
    char cmd[8192];
    snprintf(cmd, sizeof cmd, "'%s' '%s/../tests/tools/xlsx_readback.py' '%s' %s 1>&2", python(), cfgdir,
             file, args);
    int rc = system(cmd);
    return WIFEXITED(rc) ? WEXITSTATUS(rc) : -1;
}

static size_t count_entries(const char *dir, const char *suffix)
{
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    size_t n = 0;
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        size_t l = strlen(e->d_name), s = strlen(suffix);
        if (e->d_name[0] != '.' && l >= s && !strcmp(e->d_name + l - s, suffix))
            n++;
    }
    closedir(d);
    return n;
}

/* ---- tests ---------------------------------------------------------------- */

START_TEST(test_reproducible)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    char a[128], b[128], c[128];
    snprintf(a, sizeof a, "%s/a.xlsx", f.dir);
    snprintf(b, sizeof b, "%s/b.xlsx", f.dir);
    snprintf(c, sizeof c, "%s/c.xlsx", f.dir);
    write_ok(&f.ctx, a);
    sleep(1); /* the wall clock moves on; the bytes must not */
    write_ok(&f.ctx, b);
    ck_assert_msg(same_bytes(a, b), "two writes of the same run differ");
    f.ctx.run_time = "2024-07-21T10:30:00Z"; /* the created time comes from the run */
    write_ok(&f.ctx, c);
    ck_assert_msg(!same_bytes(a, c), "the run's time does not reach the workbook");
    ck_assert_uint_eq(count_entries(f.dir, ""), 3); /* no temporary file left behind */
    fixture_free(&f);
}
END_TEST

START_TEST(test_readback_zh)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    char a[128];
    snprintf(a, sizeof a, "%s/zh.xlsx", f.dir);
    write_ok(&f.ctx, a);
    ck_assert_int_eq(readback(a, "--lang zh --created " RUN_TIME " --expect='1:" INJECTED_NAME "'"
                                 " --expect='1:+乙财险上海分公司'"
                                 " --expect='6:-新设人寿'"
                                 " --expect='7:zero_at_multiple = 2'"
                                 " --expect='7:登记制度'"
                                 " --expect='8:alice'"
                                 " --expect='8:companies.csv'"
                                 " --expect='8:"
                                 "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa"
                                 "'"
                                 " --expect='3:volume_block'"),
                     0);
    fixture_free(&f);
}
END_TEST

START_TEST(test_readback_en)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    f.ctx.english = 1;
    char a[128];
    snprintf(a, sizeof a, "%s/en.xlsx", f.dir);
    write_ok(&f.ctx, a);
    ck_assert_int_eq(readback(a,
                              "--lang en --expect='7:Motor complaints per 100m yuan premium'"
                              " --expect='1:甲财产保险股份有限公司上海分公司'"),
                     0);
    fixture_free(&f);
}
END_TEST

START_TEST(test_readback_detects_wrong_language)
{
    /* the checker can fail: a Chinese workbook is not an English one */
    fixture f;
    fixture_init(&f, NULL, NULL);
    char a[128];
    snprintf(a, sizeof a, "%s/zh.xlsx", f.dir);
    write_ok(&f.ctx, a);
    ck_assert_int_ne(readback(a, "--lang en"), 0);
    ck_assert_int_ne(readback(a, "--expect='7:zero_at_multiple = 3'"), 0);
    fixture_free(&f);
}
END_TEST

START_TEST(test_methodology_follows_config)
{
    fixture f;
    fixture_init(&f, "\"zero_at_multiple\": 2,", "\"zero_at_multiple\": 3,");
    char a[128];
    snprintf(a, sizeof a, "%s/m.xlsx", f.dir);
    write_ok(&f.ctx, a);
    ck_assert_int_eq(readback(a, "--expect='7:zero_at_multiple = 3' --expect='7:(3 × B)'"), 0);
    fixture_free(&f);

    fixture_init(
        &f,
        "\"id\": \"sys_registration\", \"zh\": \"登记制度\", \"en\": \"Registration rules\", \"deduction\": 2",
        "\"id\": \"sys_registration\", \"zh\": \"登记制度\", \"en\": \"Registration rules\", \"deduction\": 4");
    ck_assert_double_eq(f.cfg.ind[CES_IND_QUAL_SYSTEMS].items[1].points, 4);
    snprintf(a, sizeof a, "%s/m2.xlsx", f.dir);
    write_ok(&f.ctx, a);
    /* the checklist table and the company's arithmetic both say 4 */
    ck_assert_int_eq(readback(a, "--expect='3:15 - 4（登记制度未建立）'"), 0);
    fixture_free(&f);
}
END_TEST

START_TEST(test_per_company)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    char out[128];
    snprintf(out, sizeof out, "%s/cards", f.dir);
    ck_assert_msg(ces_report_per_company(&f.ctx, out, &td) == CES_OK, "%s", tdmsg());
    ck_assert_uint_eq(count_entries(out, ".xlsx"), f.res.n_companies);
    ck_assert_uint_eq(count_entries(out, ""), f.res.n_companies + 1); /* and the manifest */
    for (size_t k = 0; k < f.res.n_companies; k++) {
        char p[256];
        snprintf(p, sizeof p, "%s/%s.xlsx", out, f.res.companies[k].code);
        ck_assert_msg(access(p, F_OK) == 0, "missing %s", p);
    }
    char p[256], q[256];
    snprintf(p, sizeof p, "%s/SH-RE-01.xlsx", out);
    ck_assert_int_ne(access(p, F_OK), 0); /* none for excluded */
    snprintf(p, sizeof p, "%s/SH-PC-001.xlsx", out);
    ck_assert_int_eq(readback(p, "--scorecard --created " RUN_TIME
                                 " --expect='0:SH-PC-001-TS' --expect='0:min(1, r / 同组基准 0.3100)'"
                                 " --expect='0:× 30 / 30（适用指标权重之和）'"),
                     0);
    snprintf(p, sizeof p, "%s/SH-PC-003.xlsx", out);
    ck_assert_int_eq(
        readback(p, "--scorecard --expect='0:× 30 / 25（适用指标权重之和）' --expect='0:不适用'"), 0);
    snprintf(p, sizeof p, "%s/SH-PC-001.xlsx", out);
    /* an existing directory: files are moved in, re-writing gives the same bytes */
    snprintf(q, sizeof q, "%s/first.xlsx", f.dir);
    ck_assert_int_eq(rename(p, q), 0);
    ck_assert_msg(ces_report_per_company(&f.ctx, out, &td) == CES_OK, "%s", tdmsg());
    ck_assert_msg(same_bytes(p, q), "per-company workbook not reproducible");
    ck_assert_uint_eq(count_entries(out, ""), f.res.n_companies + 1);
    ck_assert_uint_eq(count_entries(f.dir, ""), 2); /* cards/ and first.xlsx: no temp dir left */
    fixture_free(&f);
}
END_TEST

START_TEST(test_failures_leave_nothing)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    char p[256];
    snprintf(p, sizeof p, "%s/missing/x.xlsx", f.dir);
    ck_assert_int_eq(ces_report_xlsx(&f.ctx, p, &td), CES_ERR_IO);
    ck_assert_msg(strstr(tdmsg(), "missing") != NULL, "%s", tdmsg());
    snprintf(p, sizeof p, "%s/missing/cards", f.dir);
    ck_assert_int_eq(ces_report_per_company(&f.ctx, p, &td), CES_ERR_IO);
    /* an unparsable run time is refused before anything is written */
    f.ctx.run_time = "yesterday";
    snprintf(p, sizeof p, "%s/x.xlsx", f.dir);
    ck_assert_int_eq(ces_report_xlsx(&f.ctx, p, &td), CES_ERR_INVALID);
    snprintf(p, sizeof p, "%s/cards", f.dir);
    ck_assert_int_eq(ces_report_per_company(&f.ctx, p, &td), CES_ERR_INVALID);
    ck_assert_uint_eq(count_entries(f.dir, ""), 0);
    fixture_free(&f);
}
END_TEST

/* Title rows, page header and footer say the period and the run's status;
 * times are Beijing time; without a prior published run, no rank change. */
START_TEST(test_titles_and_pages)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    char a[128], b[128], c[128];
    snprintf(a, sizeof a, "%s/final.xlsx", f.dir);
    snprintf(b, sizeof b, "%s/draft.xlsx", f.dir);
    snprintf(c, sizeof c, "%s/en.xlsx", f.dir);
    f.ctx.status = CES_RUN_FINAL;
    write_ok(&f.ctx, a);
    ck_assert_int_eq(
        readback(a,
                 "--period 2024年上半年 --status 正式 --rank-change no"
                 " --expect='0:2024-07-20 17:00 北京时间'"
                 " --expect='1:2024年上半年 保险公司消费投诉处理工作考评结果 — 财产险排名（正式）'"
                 " --expect='1:上期无正式结果，不列名次变化'"
                 " --expect='8:2024-07-20 17:00 北京时间'"),
        0);
    f.ctx.status = CES_RUN_DRAFT;
    write_ok(&f.ctx, b);
    ck_assert_int_eq(readback(b, "--status 草稿"), 0);
    ck_assert_int_ne(readback(b, "--status 正式"), 0); /* the checker can tell */
    ck_assert_msg(!same_bytes(a, b), "the status does not reach the workbook");
    f.ctx.status = CES_RUN_REVIEWED;
    f.ctx.english = 1;
    write_ok(&f.ctx, c);
    ck_assert_int_eq(readback(c,
                              "--lang en --period '2024 H1' --status reviewed --rank-change no"
                              " --expect='0:2024-07-20 17:00 Beijing time (UTC+8)'"),
                     0);
    /* the fixture has companies on both sides of the pc average (71.5), so
     * the read-back's below-average check sees marked and unmarked rows */
    int below = 0, above = 0;
    for (size_t k = 0; k < f.res.n_companies; k++)
        if (f.res.companies[k].group == CES_GROUP_PC) {
            below += f.res.companies[k].total < 71.5;
            above += f.res.companies[k].total >= 71.5;
        }
    ck_assert_int_gt(below, 0);
    ck_assert_int_gt(above, 0);
    fixture_free(&f);
}
END_TEST

/* 名次变化 and 上期总分 against the prior period's published run: prior rank
 * minus current rank, 新进入 for a company it did not rank. */
START_TEST(test_rank_change)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    ces_results prior;
    make_results(&prior, &f.cfg);
    prior.period.year = 2023;
    prior.companies[0].rank = 3; /* SH-PC-001: 3 -> 1 */
    prior.companies[0].total = 70.25;
    prior.companies[1].rank = 1;   /* SH-PC-002: 1 -> 2 */
    free(prior.companies[2].code); /* SH-PC-003 was not ranked */
    prior.companies[2].code = xdup("SH-PC-099");
    f.ctx.prior_published = &prior;
    f.ctx.prior_published_run_id = 3;
    f.ctx.status = CES_RUN_FINAL;
    char a[128];
    snprintf(a, sizeof a, "%s/rc.xlsx", f.dir);
    write_ok(&f.ctx, a);
    ck_assert_int_eq(readback(a,
                              "--rank-change yes --status 正式"
                              " --value=1:SH-PC-001:名次变化:2 --value=1:SH-PC-002:名次变化:-1"
                              " --value=1:SH-PC-003:名次变化:新进入 --value=1:SH-PC-001:上期总分:70.25"
                              " --value=2:SH-LF-001:名次变化:0"
                              " --expect='1:（2023年上半年，运行 3）'"),
                     0);
    ces_results_free(&prior);
    fixture_free(&f);
}
END_TEST

/* Deductions on the ranking sheets are non-positive and a row adds up: the
 * indicator columns give the qualitative and quantitative scores. */
/* xl_fmt as it was written with printf alone: its own fast path must give
 * the same text for every value. */
static const char *printf_fmt(double v, int decimals, char *buf, size_t n)
{
    if (!isfinite(v)) {
        snprintf(buf, n, "%s", isnan(v) ? "-" : (v > 0 ? "+∞" : "-∞"));
        return buf;
    }
    int d = decimals < 0 ? 6 : decimals;
    if (fabs(v) < 0.5 * pow(10, -d))
        v = 0;
    snprintf(buf, n, "%.*f", d, v);
    if (decimals < 0 && strchr(buf, '.')) {
        size_t len = strlen(buf);
        while (len > 0 && buf[len - 1] == '0')
            buf[--len] = '\0';
        if (len > 0 && buf[len - 1] == '.')
            buf[--len] = '\0';
    }
    return buf;
}

START_TEST(test_fmt_as_printf)
{
    static const int DEC[] = {0, 1, 2, 3, 4, -1};
    unsigned long long x = 88172645463325252ull;
    char a[64], b[64];
    for (int k = 0; k < 600000; k++) {
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        double sign = (x >> 40) & 1 ? -1 : 1, v;
        switch (k % 6) {
        case 0: v = sign * (double)(x % 2000000) / 1000.0; break;     /* halves of 2 decimals */
        case 1: v = sign * (double)(x % 1000000) / 16.0; break;       /* exact binary halves */
        case 2: v = sign * (double)(x % 100000000) / 100000.0; break; /* a 5th decimal */
        case 3: v = sign * ldexp((double)(x >> 11), -53) * pow(10, (int)(x % 14) - 4); break;
        case 4: v = sign * ((double)(x % 1000) + 0.5) * pow(10, -(int)(x % 7)); break;
        default: v = sign * (double)(x % 4000000000ull) * 0.25; break; /* beyond the fast path */
        }
        int d = DEC[(k / 6) % 6];
        ck_assert_str_eq(xl_fmt(v, d, a, sizeof a), printf_fmt(v, d, b, sizeof b));
    }
    static const double EDGE[] = {0,     -0.0, 0.005, -0.005,     0.015, 2.675, 1.005, 999999999.995,
                                  1e9,   1e15, -1e-7, 0.49999999, 0.5,   1.5,   2.5,   -2.5,
                                  1e300, 4.35, 0.125, 0.375};
    for (size_t k = 0; k < sizeof EDGE / sizeof EDGE[0]; k++)
        for (size_t i = 0; i < sizeof DEC / sizeof DEC[0]; i++)
            ck_assert_str_eq(xl_fmt(EDGE[k], DEC[i], a, sizeof a),
                             printf_fmt(EDGE[k], DEC[i], b, sizeof b));
}
END_TEST

START_TEST(test_deductions_add_up)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    char a[128];
    snprintf(a, sizeof a, "%s/d.xlsx", f.dir);
    write_ok(&f.ctx, a);
    /* SH-PC-001 has 25 points of violations, capped at 20 */
    ck_assert_double_eq(f.res.companies[0].ind[CES_IND_DED_VIOLATION].score, 20);
    ck_assert_int_eq(readback(a,
                              "--value=1:SH-PC-001:违法违规案件（扣分）:-20"
                              " --value=3:SH-PC-001:指标代码:qual.systems"),
                     0);
    const char *cfgdir = getenv("CES_CONFIG_DIR");
    char cmd[8192];
    snprintf(cmd, sizeof cmd,
             "'%s' - '%s' <<'EOF' 1>&2\n"
             "import sys, openpyxl\n"
             "ws = openpyxl.load_workbook(sys.argv[1])['财产险排名']\n"
             "h = next(r for r in range(1, 12) if ws.cell(r, 1).value == '排名')\n"
             "head = [c.value for c in ws[h]]\n"
             "qual = ('制度建设', '机制建立', '制度执行（扣分）')\n"
             "bad = 0\n"
             "for row in ws.iter_rows(min_row=h + 1, values_only=True):\n"
             "    v = dict(zip(head, row))\n"
             "    quant = sum(x for k, x in v.items() if k not in qual and k not in ('排名', '机构代码',"
             " '机构名称', '总分', '定性得分', '定量得分', '数量指标小计'))\n"
             "    bad += abs(max(0, sum(v[k] for k in qual)) - v['定性得分']) > 1e-6\n"
             "    bad += abs(max(0, quant) - v['定量得分']) > 1e-6\n"
             "    bad += abs(v['定性得分'] + v['定量得分'] - v['总分']) > 1e-6\n"
             "sys.exit(1 if bad else 0)\n"
             "EOF",
             python(), a);
    (void)cfgdir;
    int rc = system(cmd);
    ck_assert_msg(WIFEXITED(rc) && WEXITSTATUS(rc) == 0, "a ranking row does not add up");
    fixture_free(&f);
}
END_TEST

/* The publication workbook: exactly four sheets, nothing of a company's
 * inputs or of the operator, the same bytes for the same run. */
START_TEST(test_publication)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    f.ctx.status = CES_RUN_FINAL;
    char a[128], b[128];
    snprintf(a, sizeof a, "%s/pub.xlsx", f.dir);
    snprintf(b, sizeof b, "%s/pub2.xlsx", f.dir);
    ck_assert_msg(ces_report_publication(&f.ctx, a, &td) == CES_OK, "%s", tdmsg());
    ck_assert_msg(ces_report_publication(&f.ctx, b, &td) == CES_OK, "%s", tdmsg());
    ck_assert_msg(same_bytes(a, b), "two publication workbooks of the same run differ");
    ck_assert_int_eq(readback(a,
                              "--publication --created " RUN_TIME " --period 2024年上半年 --status 正式"
                              " --rank-change no --absent alice --absent companies.csv"
                              " --absent SH-PC-001-TS --expect='3:zero_at_multiple = 2'"),
                     0);
    ck_assert_int_ne(readback(a, ""), 0); /* not the nine sheets of the workbook */
    f.ctx.english = 1;
    ck_assert_msg(ces_report_publication(&f.ctx, b, &td) == CES_OK, "%s", tdmsg());
    ck_assert_int_eq(readback(b, "--publication --lang en --status final"), 0);
    fixture_free(&f);
}
END_TEST

/* 1 when the deduction row's code is c's or one of its rolled-up children's. */
static int owns(const ces_company_result *c, const char *code)
{
    if (!strcmp(c->code, code))
        return 1;
    for (size_t k = 0; k < c->n_children; k++)
        if (c->children[k] && !strcmp(c->children[k], code))
            return 1;
    return 0;
}

/* The workbook's look-ups answer as a scan of every company and row would:
 * each company's deduction rows in file order, each code's first owner and
 * its name. */
static void check_index_as_scan(const ces_report_ctx *ctx)
{
    const ces_results *r = ctx->results;
    const ces_dataset *ds = ctx->dataset;
    xl_index *ix = xl_index_new(ctx);
    ck_assert_ptr_nonnull(ix);
    size_t grouped = 0;
    for (size_t k = 0; k < r->n_companies; k++) {
        const ces_company_result *c = &r->companies[k];
        size_t n, m = 0;
        const size_t *rows = xl_index_deductions(ix, c, &n);
        for (size_t i = 0; i < ds->n_deductions; i++)
            if (owns(c, ds->deductions[i].code)) {
                ck_assert_uint_lt(m, n);
                ck_assert_uint_eq(rows[m++], i);
            }
        ck_assert_uint_eq(m, n);
        grouped += n;
        ck_assert_str_eq(xl_index_name(ix, c->code), c->name);
    }
    ck_assert_uint_gt(grouped, 1);
    for (size_t i = 0; i < ds->n_deductions; i++) {
        const ces_company_result *want = NULL;
        for (size_t k = 0; k < r->n_companies && !want; k++)
            if (owns(&r->companies[k], ds->deductions[i].code))
                want = &r->companies[k];
        ck_assert_ptr_eq(xl_index_owner(ix, ds->deductions[i].code), want);
    }
    for (size_t k = 0; k < r->n_excluded; k++)
        ck_assert_ptr_nonnull(xl_index_dataset_company(ix, r->excluded[k].code));
    ck_assert_ptr_null(xl_index_owner(ix, "NO-SUCH-CODE"));
    ck_assert_str_eq(xl_index_name(ix, "NO-SUCH-CODE"), "");
    xl_index_free(ix);
}

/* The real pipeline on the sample bundle: ingest + score + workbook, with the
 * deduction rows of the dataset. */
START_TEST(test_sample_bundle)
{
    const char *fx = getenv("CES_FIXTURES"), *cfgdir = getenv("CES_CONFIG_DIR");
    ck_assert_ptr_nonnull(fx);
    ck_assert_ptr_nonnull(cfgdir);
    fixture f;
    fixture_init(&f, NULL, NULL);
    char path[4096];
    ces_diags d;
    ces_diags_init(&d);
    ces_columns *cols = NULL;
    snprintf(path, sizeof path, "%s/columns.json", cfgdir);
    ck_assert_int_eq(ces_columns_load(path, &cols, &d), CES_OK);
    ces_dataset ds;
    memset(&ds, 0, sizeof ds);
    ces_period period;
    ck_assert_int_eq(ces_period_parse("2024H1", &period), 0);
    snprintf(path, sizeof path, "%s/sample/2024H1", fx);
    ces_status st = ces_ingest_bundle(path, period, &f.cfg, cols, &ds, &d);
    if (st != CES_OK)
        ces_diags_print(&d, stderr);
    ck_assert_int_eq(st, CES_OK);
    ces_results res;
    ck_assert_int_eq(ces_score(&ds, &f.cfg, NULL, &res), CES_OK);
    ces_report_ctx ctx = {.results = &res,
                          .cfg = &f.cfg,
                          .run_id = 1,
                          .run_time = RUN_TIME,
                          .engine_version = "1.0.0",
                          .operator_name = "alice",
                          .files = ds.files,
                          .dataset = &ds};
    check_index_as_scan(&ctx);
    snprintf(path, sizeof path, "%s/sample.xlsx", f.dir);
    write_ok(&ctx, path);
    ck_assert_int_eq(readback(path, "--created " RUN_TIME " --expect='5:沪金罚决字〔2024〕12号'"
                                    " --expect='8:deductions.csv'"),
                     0);
    char cards[256];
    snprintf(cards, sizeof cards, "%s/cards", f.dir);
    ck_assert_msg(ces_report_per_company(&ctx, cards, &td) == CES_OK, "%s", tdmsg());
    ck_assert_uint_eq(count_entries(cards, ".xlsx"), res.n_companies);
    /* a deduction row of an excluded entity: a code the index meets only
     * after many codes met again (the dataset's companies, the rows') */
    ck_assert_uint_gt(res.n_excluded, 0);
    ces_deduction_row *more = realloc(ds.deductions, (ds.n_deductions + 1) * sizeof *more);
    ck_assert_ptr_nonnull(more);
    ds.deductions = more;
    ds.deductions[ds.n_deductions++] = (ces_deduction_row){
        .code = strdup(res.excluded[res.n_excluded - 1].code),
        .indicator = CES_DED_VIOLATION,
        .points = 1};
    check_index_as_scan(&ctx);
    ces_results_free(&res);
    ces_dataset_free(&ds);
    ces_columns_free(cols);
    ces_diags_free(&d);
    fixture_free(&f);
}
END_TEST

/* Every scorecard of a run (its methodology sheet recorded once:
 * report_xlsx_tape.h) has the bytes of the scorecard built alone, in both
 * languages, of a draft and of a finalized run. */
START_TEST(test_scorecards_as_built_alone)
{
    fixture f;
    fixture_init(&f, NULL, NULL);
    for (int en = 0; en < 4; en++) {
        f.ctx.english = en % 2;
        if (en >= 2) {
            f.ctx.status = CES_RUN_FINAL;
            f.ctx.finalization_pos = 12;
            f.ctx.finalization_hash = "0f3c5e8d2a4b6c7d8e9f0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3e4f5";
        }
        char out[128];
        snprintf(out, sizeof out, "%s/cards%d", f.dir, en);
        ck_assert_msg(ces_report_per_company(&f.ctx, out, &td) == CES_OK, "%s", tdmsg());
        for (size_t k = 0; k < f.res.n_companies; k++) {
            const char *code = f.res.companies[k].code;
            char p[256], q[256];
            snprintf(p, sizeof p, "%s/%s.xlsx", out, code);
            snprintf(q, sizeof q, "%s/alone.xlsx", f.dir);
            ck_assert_msg(ces_report_scorecard(&f.ctx, code, q, &td) == CES_OK, "%s", tdmsg());
            ck_assert_msg(same_bytes(p, q), "%s: the scorecard differs from the one built alone", code);
        }
    }
    fixture_free(&f);
}
END_TEST

static Suite *report_xlsx_suite(void)
{
    Suite *s = suite_create("report_xlsx");
    TCase *tc = tcase_create("core");
    tcase_set_timeout(tc, 120);
    tcase_add_test(tc, test_reproducible);
    tcase_add_test(tc, test_readback_zh);
    tcase_add_test(tc, test_readback_en);
    tcase_add_test(tc, test_readback_detects_wrong_language);
    tcase_add_test(tc, test_methodology_follows_config);
    tcase_add_test(tc, test_per_company);
    tcase_add_test(tc, test_failures_leave_nothing);
    tcase_add_test(tc, test_sample_bundle);
    tcase_add_test(tc, test_scorecards_as_built_alone);
    tcase_add_test(tc, test_titles_and_pages);
    tcase_add_test(tc, test_rank_change);
    tcase_add_test(tc, test_deductions_add_up);
    tcase_add_test(tc, test_fmt_as_printf);
    tcase_add_test(tc, test_publication);
    suite_add_tcase(s, tc);
    return s;
}

int main(void)
{
    find_python();
    SRunner *sr = srunner_create(report_xlsx_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
