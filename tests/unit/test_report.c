/* The JSON and terminal writers and the atomic file helpers (report.h) on a
 * small hand-built ces_results: 2 pc companies, 1 life company, a rolled-up
 * and an excluded entity, a +inf change rate, a non-applicable volume
 * indicator, rates without denominator and flags. The JSON is parsed back
 * with cJSON and checked against docs/outputs.md. */
#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cescore/config.h"
#include "cescore/file.h"
#include "cescore/report.h"
#include "cescore/results.h"
#include "cescore/score.h"
#include "cli_env.h"

/* What the writers under test report; tdmsg() is the newest message. */
static ces_diags td;

static const char *tdmsg(void) { return td.count ? td.items[td.count - 1].message : ""; }

#define UNROUNDED 1.2345678901234567

/* ---- fixture --------------------------------------------------------- */

static ces_config cfg;
static ces_results res;
static ces_report_ctx ctx;

static char *xstrdup(const char *s)
{
    char *p = strdup(s);
    ck_assert_ptr_nonnull(p);
    return p;
}

/* A company with every indicator of its group present and applicable, each
 * worth full marks; the test then changes what it is about. */
static void company(ces_company_result *c, const char *code, const char *name, ces_group g, int rank,
                    double qual, double quant)
{
    memset(c, 0, sizeof *c);
    c->code = xstrdup(code);
    c->name = xstrdup(name);
    c->group = g;
    c->rank = rank;
    c->qualitative = qual;
    c->quantitative = quant;
    c->total = qual + quant;
    c->volume_block = 30;
    c->complaints_total = 12;
    c->premium_wan = 97200;
    for (int i = 0; i < CES_IND_COUNT; i++) {
        ces_ind_result *x = &c->ind[i];
        int grp = ces_ind_group((ces_ind)i);
        x->present = grp < 0 || grp == (int)g;
        x->applicable = 1;
        x->max = cfg.ind[i].max;
        x->score = ces_ind_kind((ces_ind)i) == CES_KIND_DEDUCTION ? 0 : cfg.ind[i].max;
        if (ces_ind_kind((ces_ind)i) == CES_KIND_VOLUME) {
            x->numerator = 3;
            x->denominator = 4;
            x->has_value = 1;
            x->value = 0.75;
            x->has_benchmark = 1;
            x->benchmark = 1.5;
            x->weight = cfg.ind[i].max;
            x->effective_weight = cfg.ind[i].max;
            x->raw = cfg.ind[i].max * 0.75;
            x->score = x->raw;
        }
        if (ces_ind_kind((ces_ind)i) == CES_KIND_RATE) {
            x->numerator = 9;
            x->denominator = 9;
            x->has_value = 1;
            x->value = 1.0;
        }
    }
}

static void fixture_setup(void)
{
    const char *dir = getenv("CES_CONFIG_DIR");
    ck_assert_msg(dir != NULL, "CES_CONFIG_DIR is not set");
    char path[4096];
    snprintf(path, sizeof path, "%s/shanghai-2018.json", dir);
    ces_diags d;
    ces_diags_init(&d);
    ces_status st = cli_config_read(path, &cfg, &d);
    for (size_t i = 0; i < d.count; i++)
        fprintf(stderr, "config: %s\n", d.items[i].message);
    ces_diags_free(&d);
    ck_assert_int_eq(st, CES_OK);

    memset(&res, 0, sizeof res);
    res.period.year = 2024;
    res.period.kind = CES_PERIOD_H1;
    strcpy(res.prior_period, "2023H1");
    res.prior_source = CES_PRIOR_SOURCE_NONE;

    ces_group_result *pc = &res.groups[CES_GROUP_PC], *life = &res.groups[CES_GROUP_LIFE];
    pc->count = 2;
    pc->average_total = 80.25;
    pc->below_average = 1;
    pc->has_benchmark[CES_IND_PC_MOTOR_PREMIUM] = 1;
    pc->benchmark[CES_IND_PC_MOTOR_PREMIUM] = 1.52;
    pc->has_benchmark[CES_IND_WITHDRAWAL] = 1;
    pc->benchmark[CES_IND_WITHDRAWAL] = 1.0 / 3; /* 0.33333333333333331 */
    life->count = 1;
    life->average_total = 70;
    life->below_average = 0;
    life->has_benchmark[CES_IND_LIFE_PREMIUM] = 1;
    life->benchmark[CES_IND_LIFE_PREMIUM] = 2.5;
    res.has_industry_mediation = 1;
    res.industry_mediation = 0.64;

    res.n_companies = 3;
    res.companies = calloc(3, sizeof *res.companies);
    ck_assert_ptr_nonnull(res.companies);

    /* PC-A: rank 1, no prior figures, no mediation needed, a rolled-up child */
    ces_company_result *a = &res.companies[0];
    company(a, "PC-A", "甲财产保险股份有限公司上海分公司", CES_GROUP_PC, 1, 28, 58.5);
    a->flags = CES_FLAG_NO_MEDIATION | CES_FLAG_NO_PRIOR;
    a->ind[CES_IND_QUAL_SYSTEMS].score = 13;
    a->ind[CES_IND_QUAL_SYSTEMS].missing = 1u << 0; /* sys_handling_rules */
    ces_ind_result *m = &a->ind[CES_IND_PC_MOTOR_PREMIUM];
    m->numerator = 12;
    m->denominator = 9.72;
    m->value = UNROUNDED;
    m->benchmark = 1.52;
    m->raw = 11.875;
    m->score = 11.88;
    ces_ind_result *ch = &a->ind[CES_IND_CHANGE_RATE];
    ch->has_value = 0;
    ch->has_current = 1;
    ch->current = 1.31;
    ch->has_prior = 0;
    ces_ind_result *med = &a->ind[CES_IND_MEDIATION];
    med->numerator = 0;
    med->denominator = 0;
    med->has_value = 0;
    med->has_benchmark = 1;
    med->benchmark = 0.64;
    ces_ind_result *viol = &a->ind[CES_IND_DED_VIOLATION];
    viol->points = 25;
    viol->score = 20;
    a->n_children = 1;
    a->children = malloc(sizeof *a->children);
    ck_assert_ptr_nonnull(a->children);
    a->children[0] = xstrdup("PC-A-TS");

    /* PC-B: rank 2, change rate +inf, non-motor per 10k policies not applicable */
    ces_company_result *b = &res.companies[1];
    company(b, "PC-B", "乙保险", CES_GROUP_PC, 2, 30, 44);
    ces_ind_result *inf = &b->ind[CES_IND_CHANGE_RATE];
    inf->has_current = 1;
    inf->current = 1.5;
    inf->has_prior = 1;
    inf->prior = 0;
    inf->has_value = 1;
    inf->value_inf = 1;
    inf->value = INFINITY;
    inf->score = 0;
    ces_ind_result *na = &b->ind[CES_IND_PC_NONMOTOR_POLICIES];
    na->applicable = 0;
    na->numerator = 2;
    na->denominator = 0;
    na->has_value = 0;
    na->raw = 0;
    na->effective_weight = 0;
    na->score = 0;
    b->ind[CES_IND_PC_MOTOR_PREMIUM].effective_weight = 24;
    b->ind[CES_IND_PC_NONMOTOR_PREMIUM].effective_weight = 6;

    /* LIFE-A */
    ces_company_result *l = &res.companies[2];
    company(l, "LIFE-A", "丙人寿", CES_GROUP_LIFE, 1, 30, 40);

    res.n_excluded = 2;
    res.excluded = calloc(2, sizeof *res.excluded);
    ck_assert_ptr_nonnull(res.excluded);
    res.excluded[0].code = xstrdup("PC-A-TS");
    res.excluded[0].name = xstrdup("甲电销中心");
    res.excluded[0].group = CES_GROUP_PC;
    res.excluded[0].reason = CES_EXCL_ROLLED_UP;
    res.excluded[0].into = xstrdup("PC-A");
    res.excluded[1].code = xstrdup("RE-01");
    res.excluded[1].name = xstrdup("丁再保险");
    res.excluded[1].group = CES_GROUP_LIFE;
    res.excluded[1].reason = CES_EXCL_EXCLUDED_TYPE;

    memset(&ctx, 0, sizeof ctx);
    ctx.results = &res;
    ctx.cfg = &cfg;
    ctx.run_id = 7;
    ctx.run_time = "2024-07-20T09:00:00Z";
    ctx.engine_version = "1.0.0";
    ctx.operator_name = "tester";
    ctx.english = 1; /* the terminal speaks English unless --lang zh */
}

static void fixture_teardown(void)
{
    ces_results_free(&res);
    ces_config_free(&cfg);
}

/* ---- JSON ------------------------------------------------------------ */

static cJSON *root_json(void)
{
    char *text = ces_report_json_string(&ctx);
    ck_assert_ptr_nonnull(text);
    size_t n = strlen(text);
    ck_assert_uint_gt(n, 2);
    ck_assert_int_eq(text[n - 1], '\n');
    cJSON *root = cJSON_Parse(text);
    free(text);
    ck_assert_msg(root != NULL, "the results JSON does not parse");
    return root;
}

static const cJSON *get(const cJSON *o, const char *key)
{
    const cJSON *v = cJSON_GetObjectItemCaseSensitive(o, key);
    ck_assert_msg(v != NULL, "key \"%s\" missing", key);
    return v;
}

static double num(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    ck_assert_msg(cJSON_IsNumber(v), "\"%s\" is not a number", key);
    return v->valuedouble;
}

static const char *str(const cJSON *o, const char *key)
{
    const cJSON *v = get(o, key);
    ck_assert_msg(cJSON_IsString(v), "\"%s\" is not a string", key);
    return v->valuestring;
}

static const cJSON *company_json(const cJSON *root, int i)
{
    const cJSON *companies = get(root, "companies");
    ck_assert(cJSON_IsArray(companies));
    const cJSON *c = cJSON_GetArrayItem(companies, i);
    ck_assert_ptr_nonnull(c);
    return c;
}

static const cJSON *indicator(const cJSON *company, ces_ind i)
{
    return get(get(company, "indicators"), ces_ind_id(i));
}

START_TEST(test_json_top_level)
{
    cJSON *root = root_json();
    ck_assert_str_eq(str(root, "period"), "2024H1");
    ck_assert_str_eq(str(root, "engine_version"), "1.0.0");
    const cJSON *c = get(root, "config");
    ck_assert_str_eq(str(c, "name"), "shanghai-2018");
    ck_assert_str_eq(str(c, "sha256"), cfg.sha256);
    ck_assert_uint_eq(strlen(cfg.sha256), 64);
    ck_assert(num(root, "run_id") == 7);
    ck_assert(cJSON_IsObject(get(root, "groups")));
    ck_assert(cJSON_IsObject(get(root, "industry")));
    ck_assert(cJSON_IsArray(get(root, "companies")));
    ck_assert(cJSON_IsArray(get(root, "excluded")));
    ck_assert(num(get(root, "industry"), "quant.mediation") == 0.64);
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_groups)
{
    cJSON *root = root_json();
    const cJSON *groups = get(root, "groups");
    ck_assert_int_eq(cJSON_GetArraySize(groups), 2);
    const cJSON *pc = get(groups, "pc"), *life = get(groups, "life");
    ck_assert(num(pc, "count") == 2);
    ck_assert(num(pc, "average_total") == 80.25);
    ck_assert(num(pc, "below_average") == 1);
    const cJSON *b = get(pc, "benchmarks");
    ck_assert_int_eq(cJSON_GetArraySize(b), 2);
    ck_assert(num(b, "pc.motor_per_100m_premium") == 1.52);
    ck_assert(num(b, "quant.withdrawal") == 1.0 / 3); /* unrounded, exactly */
    ck_assert(num(life, "count") == 1);
    ck_assert(num(life, "average_total") == 70);
    ck_assert(num(life, "below_average") == 0);
    ck_assert(num(get(life, "benchmarks"), "life.per_100m_premium") == 2.5);
    ck_assert_ptr_null(
        cJSON_GetObjectItemCaseSensitive(get(life, "benchmarks"), "pc.motor_per_100m_premium"));
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_companies)
{
    cJSON *root = root_json();
    ck_assert_int_eq(cJSON_GetArraySize(get(root, "companies")), 3);
    static const char *const codes[] = {"PC-A", "PC-B", "LIFE-A"};
    static const char *const groups[] = {"pc", "pc", "life"};
    static const double ranks[] = {1, 2, 1}, totals[] = {86.5, 74, 70};
    for (int i = 0; i < 3; i++) {
        const cJSON *c = company_json(root, i);
        ck_assert_str_eq(str(c, "code"), codes[i]);
        ck_assert_str_eq(str(c, "name"), res.companies[i].name);
        ck_assert_str_eq(str(c, "group"), groups[i]);
        ck_assert(num(c, "rank") == ranks[i]);
        ck_assert(num(c, "total") == totals[i]);
        ck_assert(num(c, "qualitative") == res.companies[i].qualitative);
        ck_assert(num(c, "quantitative") == res.companies[i].quantitative);
        ck_assert(cJSON_IsArray(get(c, "flags")));
    }
    /* flags in docs/method.md §7 order, whatever order they were set in */
    const cJSON *flags = get(company_json(root, 0), "flags");
    ck_assert_int_eq(cJSON_GetArraySize(flags), 2);
    ck_assert_str_eq(cJSON_GetArrayItem(flags, 0)->valuestring, "no_prior");
    ck_assert_str_eq(cJSON_GetArrayItem(flags, 1)->valuestring, "no_mediation");
    ck_assert_int_eq(cJSON_GetArraySize(get(company_json(root, 1), "flags")), 0);
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_indicators_of_group)
{
    cJSON *root = root_json();
    for (int k = 0; k < 3; k++) {
        const cJSON *c = company_json(root, k);
        const cJSON *inds = get(c, "indicators");
        int n = 0;
        for (int i = 0; i < CES_IND_COUNT; i++) {
            int grp = ces_ind_group((ces_ind)i);
            const cJSON *x = cJSON_GetObjectItemCaseSensitive(inds, ces_ind_id((ces_ind)i));
            if (grp < 0 || grp == (int)res.companies[k].group) {
                ck_assert_msg(x != NULL, "%s lacks %s", res.companies[k].code, ces_ind_id((ces_ind)i));
                ck_assert(cJSON_IsNumber(get(x, "score")));
                n++;
            } else {
                ck_assert_msg(x == NULL, "%s has %s", res.companies[k].code, ces_ind_id((ces_ind)i));
            }
        }
        ck_assert_int_eq(n, 14);
        ck_assert_int_eq(cJSON_GetArraySize(inds), 14);
    }
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_indicator_fields)
{
    cJSON *root = root_json();
    const cJSON *a = company_json(root, 0);
    /* checklist: the items not established, by id */
    const cJSON *sys = indicator(a, CES_IND_QUAL_SYSTEMS);
    ck_assert(num(sys, "score") == 13);
    const cJSON *missing = get(sys, "missing_items");
    ck_assert_int_eq(cJSON_GetArraySize(missing), 1);
    ck_assert_str_eq(cJSON_GetArrayItem(missing, 0)->valuestring, "sys_handling_rules");
    ck_assert_int_eq(cJSON_GetArraySize(get(indicator(a, CES_IND_QUAL_MECHANISMS), "missing_items")), 0);
    /* volume: unrounded value round-trips exactly */
    const cJSON *m = indicator(a, CES_IND_PC_MOTOR_PREMIUM);
    ck_assert(cJSON_IsTrue(get(m, "applicable")));
    ck_assert(num(m, "numerator") == 12);
    ck_assert(num(m, "denominator") == 9.72);
    ck_assert_msg(num(m, "value") == UNROUNDED, "value %.17g", num(m, "value"));
    ck_assert(num(m, "benchmark") == 1.52);
    ck_assert(num(m, "raw") == 11.875);
    ck_assert(num(m, "score") == 11.88);
    /* deduction: points before the cap, score the capped figure */
    const cJSON *v = indicator(a, CES_IND_DED_VIOLATION);
    ck_assert(num(v, "points") == 25);
    ck_assert(num(v, "score") == 20);
    /* rate with a denominator */
    const cJSON *t = indicator(a, CES_IND_TIMELINESS);
    ck_assert(num(t, "numerator") == 9);
    ck_assert(num(t, "denominator") == 9);
    ck_assert(num(t, "value") == 1.0);
    ck_assert(num(t, "score") == 10);
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_nulls)
{
    cJSON *root = root_json();
    const cJSON *a = company_json(root, 0);
    /* a rate without denominator: value null, full marks */
    const cJSON *med = indicator(a, CES_IND_MEDIATION);
    ck_assert(cJSON_IsNull(get(med, "value")));
    ck_assert(num(med, "denominator") == 0);
    ck_assert(num(med, "benchmark") == 0.64);
    ck_assert(num(med, "score") == 5);
    /* change rate without prior: value and prior null, current given */
    const cJSON *ch = indicator(a, CES_IND_CHANGE_RATE);
    ck_assert(cJSON_IsNull(get(ch, "value")));
    ck_assert(cJSON_IsNull(get(ch, "prior")));
    ck_assert(num(ch, "current") == 1.31);
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(ch, "value_infinite"));
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_infinite_change)
{
    cJSON *root = root_json();
    const cJSON *ch = indicator(company_json(root, 1), CES_IND_CHANGE_RATE);
    ck_assert(cJSON_IsNull(get(ch, "value")));
    ck_assert(cJSON_IsTrue(get(ch, "value_infinite")));
    ck_assert(num(ch, "current") == 1.5);
    ck_assert(num(ch, "prior") == 0);
    ck_assert(num(ch, "score") == 0);
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_not_applicable_volume)
{
    cJSON *root = root_json();
    const cJSON *b = company_json(root, 1);
    const cJSON *na = indicator(b, CES_IND_PC_NONMOTOR_POLICIES);
    ck_assert(cJSON_IsFalse(get(na, "applicable")));
    ck_assert(num(na, "score") == 0);
    ck_assert(num(na, "denominator") == 0);
    ck_assert(cJSON_IsNull(get(na, "value")));
    /* the applicable ones of the same company say so */
    ck_assert(cJSON_IsTrue(get(indicator(b, CES_IND_PC_MOTOR_PREMIUM), "applicable")));
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_excluded)
{
    cJSON *root = root_json();
    const cJSON *ex = get(root, "excluded");
    ck_assert_int_eq(cJSON_GetArraySize(ex), 2);
    const cJSON *e0 = cJSON_GetArrayItem(ex, 0), *e1 = cJSON_GetArrayItem(ex, 1);
    ck_assert_str_eq(str(e0, "code"), "PC-A-TS");
    ck_assert_str_eq(str(e0, "reason"), "rolled_up");
    ck_assert_str_eq(str(e0, "into"), "PC-A");
    ck_assert_str_eq(str(e1, "code"), "RE-01");
    ck_assert_str_eq(str(e1, "reason"), "excluded_type");
    ck_assert_ptr_null(cJSON_GetObjectItemCaseSensitive(e1, "into"));
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_no_industry_mediation)
{
    res.has_industry_mediation = 0;
    cJSON *root = root_json();
    ck_assert(cJSON_IsNull(get(get(root, "industry"), "quant.mediation")));
    cJSON_Delete(root);
}
END_TEST

START_TEST(test_json_file_matches_string)
{
    char dir[] = "/tmp/ces_report_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/results.json", dir);
    ck_assert_int_eq(ces_report_json(&ctx, path, &td), CES_OK);
    char *want = ces_report_json_string(&ctx);
    ck_assert_ptr_nonnull(want);
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    char *got = calloc(1, strlen(want) + 16);
    ck_assert_ptr_nonnull(got);
    size_t n = fread(got, 1, strlen(want) + 15, fp);
    fclose(fp);
    ck_assert_uint_eq(n, strlen(want));
    ck_assert_str_eq(got, want);
    free(got);
    free(want);
    unlink(path);
    rmdir(dir);
}
END_TEST

/* docs/outputs.md: unrounded values round-trip a double. cJSON 1.7.15's own
 * printer accepts "%1.15g" when it reads back within an epsilon, so a value
 * one ulp away from its 15-digit form came back different (0.1 + 0.2 =
 * 0.30000000000000004 written "0.3"; 0.7 + 0.1 = 0.79999999999999993 written
 * "0.8"). */
START_TEST(test_json_double_one_ulp_roundtrip)
{
    res.groups[CES_GROUP_PC].benchmark[CES_IND_WITHDRAWAL] = 0.1 + 0.2;
    res.companies[0].ind[CES_IND_PC_MOTOR_PREMIUM].value = 0.7 + 0.1;
    cJSON *root = root_json();
    double bw = num(get(get(get(root, "groups"), "pc"), "benchmarks"), "quant.withdrawal");
    double v = num(indicator(company_json(root, 0), CES_IND_PC_MOTOR_PREMIUM), "value");
    cJSON_Delete(root);
    ck_assert_msg(bw == 0.1 + 0.2, "benchmark 0.30000000000000004 read back as %.17g", bw);
    ck_assert_msg(v == 0.7 + 0.1, "value 0.79999999999999993 read back as %.17g", v);
}
END_TEST

/* ---- terminal -------------------------------------------------------- */

struct capture {
    char *buf;
    size_t len;
    FILE *fp;
};

static void capture_open(struct capture *c)
{
    c->buf = NULL;
    c->len = 0;
    c->fp = open_memstream(&c->buf, &c->len);
    ck_assert_ptr_nonnull(c->fp);
}

static char *capture_close(struct capture *c)
{
    ck_assert_int_eq(fclose(c->fp), 0);
    ck_assert_ptr_nonnull(c->buf);
    return c->buf;
}

/* The line of text that starts with prefix (a copy), or NULL. */
static char *line_starting(const char *text, const char *prefix)
{
    size_t lp = strlen(prefix);
    for (const char *p = text; p && *p;) {
        const char *nl = strchr(p, '\n');
        size_t n = nl ? (size_t)(nl - p) : strlen(p);
        if (n >= lp && !strncmp(p, prefix, lp))
            return strndup(p, n);
        p = nl ? nl + 1 : NULL;
    }
    return NULL;
}

START_TEST(test_ranking_text)
{
    struct capture c;
    capture_open(&c);
    ces_report_ranking_text(&ctx, c.fp);
    char *out = capture_close(&c);
    const char *pc = strstr(out, "(pc): 2 companies, average 80.25, 1 below average");
    const char *life = strstr(out, "(life): 1 companies, average 70.00, 0 below average");
    ck_assert_msg(pc && life && pc < life, "group headings:\n%s", out);
    const char *a = strstr(out, "   1  PC-A  "), *b = strstr(out, "   2  PC-B  ");
    const char *l = strstr(out, "   1  LIFE-A  ");
    ck_assert_msg(a && b && l, "rows:\n%s", out);
    ck_assert(pc < a && a < b && b < life && life < l);
    char *row = line_starting(out, "   1  PC-A  ");
    ck_assert_ptr_nonnull(row);
    /* no prior period at all: the summary says so once, not each row */
    ck_assert_msg(strstr(row, "  86.50    28.00    58.50  no_mediation"), "row: %s", row);
    free(row);
    row = line_starting(out, "   2  PC-B  ");
    ck_assert_msg(strstr(row, "  74.00    30.00    44.00  "), "row: %s", row);
    free(row);
    row = line_starting(out, "   1  LIFE-A  ");
    ck_assert_msg(strstr(row, "  70.00    30.00    40.00  "), "row: %s", row);
    free(row);
    free(out);
    /* with prior figures, a company without its own is flagged on its row */
    res.prior_source = CES_PRIOR_SOURCE_CSV;
    capture_open(&c);
    ces_report_ranking_text(&ctx, c.fp);
    out = capture_close(&c);
    res.prior_source = CES_PRIOR_SOURCE_NONE;
    row = line_starting(out, "   1  PC-A  ");
    ck_assert_msg(row && strstr(row, "  86.50    28.00    58.50  no_prior,no_mediation"), "row: %s",
                  row);
    free(row);
    free(out);
}
END_TEST

START_TEST(test_scorecard_totals)
{
    struct capture c;
    capture_open(&c);
    ck_assert_int_eq(ces_report_scorecard_text(&ctx, "PC-A", c.fp), CES_OK);
    char *out = capture_close(&c);
    ck_assert_msg(strstr(out, "\n  total        = 28.00 + 58.50 = 86.50\n"), "scorecard:\n%s", out);
    ck_assert_msg(
        strstr(out, "PC-A 甲财产保险股份有限公司上海分公司 (pc), period 2024H1, run 7 (draft)\n"), "%s",
        out);
    ck_assert_msg(strstr(out, "Rank 1 of 2; group average 80.25\n"), "%s", out);
    ck_assert_msg(strstr(out, "Rolled up: PC-A-TS\n"), "%s", out);
    ck_assert_ptr_null(strstr(out, "life.")); /* only the pc indicators */
    free(out);
}
END_TEST

START_TEST(test_scorecard_volume_formula)
{
    struct capture c;
    capture_open(&c);
    ck_assert_int_eq(ces_report_scorecard_text(&ctx, "PC-A", c.fp), CES_OK);
    char *out = capture_close(&c);
    ck_assert_msg(strstr(out,
                         "    x = 12 / 9.72 = 1.2346; raw = 20 × clamp(1 - x / (2 × peer benchmark "
                         "1.5200), 0, 1) = 11.8750; score = 11.8750 × 30 / 30 (weights applicable) = "
                         "11.88\n"),
                  "%s", out);
    ck_assert_msg(strstr(out, "    min(cap 20, points 25) = 20.00, subtracted\n"), "%s", out);
    free(out);
}
END_TEST

START_TEST(test_scorecard_special_cases)
{
    struct capture c;
    capture_open(&c);
    ck_assert_int_eq(ces_report_scorecard_text(&ctx, "PC-B", c.fp), CES_OK);
    char *out = capture_close(&c);
    ck_assert_msg(
        strstr(out, "    denominator (non-motor policies) is 0: not applicable, contributes 0\n"), "%s",
        out);
    /* prior x = 0, x now > 0: c = +inf, and never "x unavailable" */
    ck_assert_msg(strstr(out,
                         "x prior is 0 and x now above 0: c = +∞; score = 10 × clamp((1 - c) / (1 - 0), "
                         "0, 1) = 0.00\n"),
                  "%s", out);
    ck_assert_msg(!strstr(out, "unavailable"), "%s", out);
    /* re-weighted: motor 20 and non-motor premium 5 apply */
    ck_assert_msg(strstr(out, " × 30 / 25 (weights applicable)"), "%s", out);
    ck_assert_msg(strstr(out, "  total        = 30.00 + 44.00 = 74.00\n"), "%s", out);
    free(out);
}
END_TEST

START_TEST(test_scorecard_unknown_code)
{
    struct capture c;
    capture_open(&c);
    ck_assert_int_eq(ces_report_scorecard_text(&ctx, "NO-SUCH", c.fp), CES_ERR_INVALID);
    char *out = capture_close(&c);
    ck_assert_str_eq(out, "");
    free(out);
}
END_TEST

START_TEST(test_scorecard_excluded_code)
{
    struct capture c;
    capture_open(&c);
    ck_assert_int_eq(ces_report_scorecard_text(&ctx, "PC-A-TS", c.fp), CES_OK);
    char *out = capture_close(&c);
    ck_assert_str_eq(out, "PC-A-TS 甲电销中心 is not scored: rolled_up into PC-A\n");
    free(out);
    capture_open(&c);
    ck_assert_int_eq(ces_report_scorecard_text(&ctx, "RE-01", c.fp), CES_OK);
    out = capture_close(&c);
    ck_assert_str_eq(out, "RE-01 丁再保险 is not scored: excluded_type\n");
    free(out);
}
END_TEST

/* ---- files ----------------------------------------------------------- */

/* Names in dir other than "." and "..", joined by '|'. */
static void dir_entries(const char *dir, char *buf, size_t n)
{
    buf[0] = '\0';
    DIR *d = opendir(dir);
    ck_assert_ptr_nonnull(d);
    struct dirent *e;
    while ((e = readdir(d)) != NULL) {
        if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
            continue;
        if (buf[0])
            strncat(buf, "|", n - strlen(buf) - 1);
        strncat(buf, e->d_name, n - strlen(buf) - 1);
    }
    closedir(d);
}

START_TEST(test_write_atomic)
{
    umask(022);
    char dir[] = "/tmp/ces_report_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/out.bin", dir);
    static const unsigned char bytes[] = {'a', 0, 'b', '\n', 0xE4, 0xB8, 0xAD, 0xFF};
    ck_assert_int_eq(ces_write_file_atomic(path, bytes, sizeof bytes, &td), CES_OK);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_eq(st.st_size, sizeof bytes);
    ck_assert_uint_eq(st.st_mode & 07777, 0644);
    unsigned char got[32];
    FILE *fp = fopen(path, "rb");
    ck_assert_ptr_nonnull(fp);
    ck_assert_uint_eq(fread(got, 1, sizeof got, fp), sizeof bytes);
    fclose(fp);
    ck_assert_int_eq(memcmp(got, bytes, sizeof bytes), 0);
    /* overwrite with fewer bytes: replaced, not appended */
    ck_assert_int_eq(ces_write_file_atomic(path, "xy", 2, &td), CES_OK);
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_eq(st.st_size, 2);
    /* nothing else left in the directory */
    char names[1024];
    dir_entries(dir, names, sizeof names);
    ck_assert_str_eq(names, "out.bin");
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(test_write_atomic_empty)
{
    umask(022);
    char dir[] = "/tmp/ces_report_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/empty.txt", dir);
    ck_assert_int_eq(ces_write_file_atomic(path, "", 0, &td), CES_OK);
    struct stat st;
    ck_assert_int_eq(stat(path, &st), 0);
    ck_assert_uint_eq(st.st_size, 0);
    unlink(path);
    rmdir(dir);
}
END_TEST

START_TEST(test_write_atomic_missing_dir)
{
    char dir[] = "/tmp/ces_report_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256];
    snprintf(path, sizeof path, "%s/no-such-dir/out.json", dir);
    ck_assert_int_eq(ces_write_file_atomic(path, "{}\n", 3, &td), CES_ERR_IO);
    ck_assert_msg(strstr(tdmsg(), path) != NULL, "error \"%s\" does not name %s", tdmsg(), path);
    char names[1024];
    dir_entries(dir, names, sizeof names);
    ck_assert_str_eq(names, "");
    rmdir(dir);
}
END_TEST

START_TEST(test_write_atomic_onto_directory)
{
    /* the temporary file can be written, the rename onto a directory cannot */
    char dir[] = "/tmp/ces_report_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256], names[1024];
    snprintf(path, sizeof path, "%s/target", dir);
    ck_assert_int_eq(mkdir(path, 0755), 0);
    ck_assert_int_eq(ces_write_file_atomic(path, "x", 1, &td), CES_ERR_IO);
    ck_assert_msg(strstr(tdmsg(), path) != NULL, "error \"%s\" does not name %s", tdmsg(), path);
    dir_entries(dir, names, sizeof names);
    ck_assert_str_eq(names, "target"); /* the temporary file is gone */
    rmdir(path);
    rmdir(dir);
}
END_TEST

START_TEST(test_temp_discard)
{
    umask(022);
    char dir[] = "/tmp/ces_report_XXXXXX";
    ck_assert_ptr_nonnull(mkdtemp(dir));
    char path[256], names[1024];
    snprintf(path, sizeof path, "%s/book.xlsx", dir);
    char *tmp = NULL;
    ck_assert_int_eq(ces_temp_create(path, &tmp, &td), CES_OK);
    ck_assert_ptr_nonnull(tmp);
    ck_assert(!strncmp(tmp, path, strlen(path))); /* beside its target */
    struct stat st;
    ck_assert_int_eq(stat(tmp, &st), 0);
    ck_assert_uint_eq(st.st_mode & 07777, 0644);
    ces_temp_discard(tmp);
    dir_entries(dir, names, sizeof names);
    ck_assert_str_eq(names, "");
    /* create + commit puts the file in place */
    ck_assert_int_eq(ces_temp_create(path, &tmp, &td), CES_OK);
    ck_assert_int_eq(ces_temp_commit(tmp, path, &td), CES_OK);
    dir_entries(dir, names, sizeof names);
    ck_assert_str_eq(names, "book.xlsx");
    unlink(path);
    rmdir(dir);
}
END_TEST

static void assert_fixed(double v, int decimals, const char *want)
{
    char buf[64];
    ces_format_fixed(v, decimals, buf, sizeof buf);
    ck_assert_msg(!strcmp(buf, want), "ces_format_fixed(%.17g, %d) = \"%s\", not \"%s\"", v, decimals,
                  buf, want);
}

START_TEST(test_format_fixed)
{
    assert_fixed(86.5, 2, "86.50");
    assert_fixed(0, 2, "0.00");
    assert_fixed(12, 0, "12");
    assert_fixed(UNROUNDED, 6, "1.234568");
    assert_fixed(-3.5, 1, "-3.5");
    assert_fixed(1234567.891, 2, "1234567.89");
    /* "%.2f"-style: the binary value of 2.675 is 2.67499999..., printed as such */
    assert_fixed(2.675, 2, "2.67");
    /* a score is rounded by docs/method.md §8 first, then printed as rounded */
    assert_fixed(ces_round(2.675, 2, 1e-9), 2, "2.68");
    assert_fixed(ces_round(1.005, 2, 1e-9), 2, "1.01");
    assert_fixed(ces_round(13.3333333, 2, 1e-9), 2, "13.33");
    assert_fixed(INFINITY, 2, "inf");
    assert_fixed(-INFINITY, 2, "-inf");
    assert_fixed(NAN, 2, "-");
    /* a short buffer is cut and terminated */
    char small[4];
    ces_format_fixed(86.5, 2, small, sizeof small);
    ck_assert_str_eq(small, "86.");
}
END_TEST

static Suite *report_suite(void)
{
    Suite *s = suite_create("report");
    TCase *tj = tcase_create("json");
    tcase_add_checked_fixture(tj, fixture_setup, fixture_teardown);
    tcase_add_test(tj, test_json_top_level);
    tcase_add_test(tj, test_json_groups);
    tcase_add_test(tj, test_json_companies);
    tcase_add_test(tj, test_json_indicators_of_group);
    tcase_add_test(tj, test_json_indicator_fields);
    tcase_add_test(tj, test_json_nulls);
    tcase_add_test(tj, test_json_infinite_change);
    tcase_add_test(tj, test_json_not_applicable_volume);
    tcase_add_test(tj, test_json_excluded);
    tcase_add_test(tj, test_json_no_industry_mediation);
    tcase_add_test(tj, test_json_double_one_ulp_roundtrip);
    tcase_add_test(tj, test_json_file_matches_string);
    suite_add_tcase(s, tj);
    TCase *tt = tcase_create("text");
    tcase_add_checked_fixture(tt, fixture_setup, fixture_teardown);
    tcase_add_test(tt, test_ranking_text);
    tcase_add_test(tt, test_scorecard_totals);
    tcase_add_test(tt, test_scorecard_volume_formula);
    tcase_add_test(tt, test_scorecard_special_cases);
    tcase_add_test(tt, test_scorecard_unknown_code);
    tcase_add_test(tt, test_scorecard_excluded_code);
    suite_add_tcase(s, tt);
    TCase *tf = tcase_create("files");
    tcase_add_test(tf, test_write_atomic);
    tcase_add_test(tf, test_write_atomic_empty);
    tcase_add_test(tf, test_write_atomic_missing_dir);
    tcase_add_test(tf, test_write_atomic_onto_directory);
    tcase_add_test(tf, test_temp_discard);
    tcase_add_test(tf, test_format_fixed);
    suite_add_tcase(s, tf);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(report_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
