/* The evaluation's fixed vocabulary (model.h: groups, org types, indicators,
 * flags, exclusion reasons, deduction indicators) and periods (period.h):
 * every lookup against docs/method.md §1-§3 and §7. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cescore/model.h"
#include "cescore/period.h"
#include "cescore/results.h"
#include "cescore/time.h"

/* ---- groups ---------------------------------------------------------- */

START_TEST(test_group_ids)
{
    ck_assert_str_eq(ces_group_id(CES_GROUP_PC), "pc");
    ck_assert_str_eq(ces_group_id(CES_GROUP_LIFE), "life");
    ck_assert_str_eq(ces_group_zh(CES_GROUP_PC), "财产险");
    ck_assert_str_eq(ces_group_zh(CES_GROUP_LIFE), "人身险");
    ck_assert_ptr_null(ces_group_id(CES_GROUP_COUNT));
    ck_assert_ptr_null(ces_group_zh(CES_GROUP_COUNT));
    ck_assert_ptr_null(ces_group_id((ces_group)-1));
}
END_TEST

START_TEST(test_group_parse)
{
    for (int g = 0; g < CES_GROUP_COUNT; g++) {
        ck_assert_int_eq(ces_group_parse(ces_group_id((ces_group)g)), g);
        ck_assert_int_eq(ces_group_parse(ces_group_zh((ces_group)g)), g);
    }
    ck_assert_int_eq(ces_group_parse("财产保险"), CES_GROUP_PC);
    ck_assert_int_eq(ces_group_parse("人身保险"), CES_GROUP_LIFE);
    ck_assert_int_eq(ces_group_parse("PC"), CES_GROUP_PC);
    ck_assert_int_eq(ces_group_parse("Life"), CES_GROUP_LIFE);
    ck_assert_int_eq(ces_group_parse("health"), -1);
    ck_assert_int_eq(ces_group_parse(""), -1);
    ck_assert_int_eq(ces_group_parse("财产"), -1);
    ck_assert_int_eq(ces_group_parse("pc "), -1);
    ck_assert_int_eq(ces_group_parse(NULL), -1);
}
END_TEST

/* ---- organisation types (docs/method.md §2) ------------------------------ */

static const struct {
    ces_org_type t;
    const char *id, *zh;
    ces_treatment treatment;
} ORG_TABLE[] = {
    {CES_ORG_BRANCH, "branch", "省级分公司", CES_TREAT_EVALUATED},
    {CES_ORG_LEGAL_ENTITY, "legal_entity", "法人公司", CES_TREAT_EVALUATED},
    {CES_ORG_PROVINCIAL_DEPT, "provincial_dept", "省级营业部", CES_TREAT_ROLLED_UP},
    {CES_ORG_TELESALES, "telesales", "电销中心", CES_TREAT_ROLLED_UP},
    {CES_ORG_FUNCTIONAL, "functional", "其他功能型机构", CES_TREAT_ROLLED_UP},
    {CES_ORG_AVIATION_CENTER, "aviation_center", "航保中心", CES_TREAT_EXCLUDED},
    {CES_ORG_ASSET_MGMT, "asset_mgmt", "资产管理公司", CES_TREAT_EXCLUDED},
    {CES_ORG_REINSURER, "reinsurer", "再保险公司", CES_TREAT_EXCLUDED},
    {CES_ORG_POLICY, "policy", "政策性保险公司", CES_TREAT_EXCLUDED},
    {CES_ORG_CAPTIVE, "captive", "自保公司", CES_TREAT_EXCLUDED},
};

START_TEST(test_org_types)
{
    ck_assert_int_eq((int)(sizeof ORG_TABLE / sizeof *ORG_TABLE), CES_ORG_COUNT);
    for (size_t i = 0; i < sizeof ORG_TABLE / sizeof *ORG_TABLE; i++) {
        ces_org_type t = ORG_TABLE[i].t;
        ck_assert_int_eq((int)t, (int)i);
        ck_assert_str_eq(ces_org_type_id(t), ORG_TABLE[i].id);
        ck_assert_str_eq(ces_org_type_zh(t), ORG_TABLE[i].zh);
        ck_assert_int_eq(ces_org_type_parse(ORG_TABLE[i].id), (int)t);
        ck_assert_int_eq(ces_org_type_parse(ORG_TABLE[i].zh), (int)t);
        ck_assert_msg(ces_org_type_treatment(t) == ORG_TABLE[i].treatment, "treatment of %s",
                      ORG_TABLE[i].id);
    }
    ck_assert_ptr_null(ces_org_type_id(CES_ORG_COUNT));
    ck_assert_ptr_null(ces_org_type_zh(CES_ORG_COUNT));
}
END_TEST

START_TEST(test_org_type_unknown)
{
    ck_assert_int_eq(ces_org_type_parse("bank"), -1);
    ck_assert_int_eq(ces_org_type_parse(""), -1);
    ck_assert_int_eq(ces_org_type_parse("分公司"), -1);
    ck_assert_int_eq(ces_org_type_parse("branch_office"), -1);
    ck_assert_int_eq(ces_org_type_parse(NULL), -1);
    ck_assert_int_eq(ces_org_type_parse("BRANCH"), CES_ORG_BRANCH); /* ids are case-insensitive */
}
END_TEST

/* ---- indicators (docs/method.md §3 table, in its order) ------------------ */

static const struct {
    const char *id;
    ces_kind kind;
    ces_block block;
    int group;
} IND_TABLE[] = {
    {"qual.systems", CES_KIND_CHECKLIST, CES_BLOCK_QUALITATIVE, -1},
    {"qual.mechanisms", CES_KIND_CHECKLIST, CES_BLOCK_QUALITATIVE, -1},
    {"ded.execution", CES_KIND_DEDUCTION, CES_BLOCK_QUALITATIVE, -1},
    {"pc.motor_per_100m_premium", CES_KIND_VOLUME, CES_BLOCK_QUANTITATIVE, CES_GROUP_PC},
    {"pc.nonmotor_per_100m_premium", CES_KIND_VOLUME, CES_BLOCK_QUANTITATIVE, CES_GROUP_PC},
    {"pc.nonmotor_per_10k_policies", CES_KIND_VOLUME, CES_BLOCK_QUANTITATIVE, CES_GROUP_PC},
    {"life.per_100m_premium", CES_KIND_VOLUME, CES_BLOCK_QUANTITATIVE, CES_GROUP_LIFE},
    {"life.per_10k_policies", CES_KIND_VOLUME, CES_BLOCK_QUANTITATIVE, CES_GROUP_LIFE},
    {"life.per_10k_persons", CES_KIND_VOLUME, CES_BLOCK_QUANTITATIVE, CES_GROUP_LIFE},
    {"quant.change_rate", CES_KIND_CHANGE, CES_BLOCK_QUANTITATIVE, -1},
    {"quant.timeliness", CES_KIND_RATE, CES_BLOCK_QUANTITATIVE, -1},
    {"quant.withdrawal", CES_KIND_RATE, CES_BLOCK_QUANTITATIVE, -1},
    {"quant.mediation", CES_KIND_RATE, CES_BLOCK_QUANTITATIVE, -1},
    {"ded.improper_handling", CES_KIND_DEDUCTION, CES_BLOCK_QUANTITATIVE, -1},
    {"ded.violation", CES_KIND_DEDUCTION, CES_BLOCK_QUANTITATIVE, -1},
    {"ded.group_event", CES_KIND_DEDUCTION, CES_BLOCK_QUANTITATIVE, -1},
    {"ded.negative_media", CES_KIND_DEDUCTION, CES_BLOCK_QUANTITATIVE, -1},
};

START_TEST(test_indicators)
{
    ck_assert_int_eq((int)(sizeof IND_TABLE / sizeof *IND_TABLE), CES_IND_COUNT);
    ck_assert_int_eq(CES_IND_COUNT, 17);
    for (int i = 0; i < CES_IND_COUNT; i++) {
        ck_assert_str_eq(ces_ind_id((ces_ind)i), IND_TABLE[i].id);
        ck_assert_int_eq(ces_ind_parse(IND_TABLE[i].id), i);
        ck_assert_msg(ces_ind_kind((ces_ind)i) == IND_TABLE[i].kind, "kind of %s", IND_TABLE[i].id);
        ck_assert_msg(ces_ind_block((ces_ind)i) == IND_TABLE[i].block, "block of %s", IND_TABLE[i].id);
        ck_assert_int_eq(ces_ind_group((ces_ind)i), IND_TABLE[i].group);
    }
    ck_assert_ptr_null(ces_ind_id(CES_IND_COUNT));
}
END_TEST

START_TEST(test_indicator_enum_names)
{
    /* the enum constants name the §3 rows they stand for */
    ck_assert_str_eq(ces_ind_id(CES_IND_QUAL_SYSTEMS), "qual.systems");
    ck_assert_str_eq(ces_ind_id(CES_IND_DED_EXECUTION), "ded.execution");
    ck_assert_str_eq(ces_ind_id(CES_IND_PC_MOTOR_PREMIUM), "pc.motor_per_100m_premium");
    ck_assert_str_eq(ces_ind_id(CES_IND_PC_NONMOTOR_POLICIES), "pc.nonmotor_per_10k_policies");
    ck_assert_str_eq(ces_ind_id(CES_IND_LIFE_PERSONS), "life.per_10k_persons");
    ck_assert_str_eq(ces_ind_id(CES_IND_CHANGE_RATE), "quant.change_rate");
    ck_assert_str_eq(ces_ind_id(CES_IND_MEDIATION), "quant.mediation");
    ck_assert_str_eq(ces_ind_id(CES_IND_DED_IMPROPER), "ded.improper_handling");
    ck_assert_str_eq(ces_ind_id(CES_IND_DED_NEGATIVE_MEDIA), "ded.negative_media");
}
END_TEST

START_TEST(test_indicator_unknown)
{
    ck_assert_int_eq(ces_ind_parse("quant.speed"), -1);
    ck_assert_int_eq(ces_ind_parse("QUAL.SYSTEMS"), -1); /* JSON keys are exact */
    ck_assert_int_eq(ces_ind_parse("systems"), -1);
    ck_assert_int_eq(ces_ind_parse(""), -1);
    ck_assert_int_eq(ces_ind_parse(NULL), -1);
}
END_TEST

/* ---- flags (docs/method.md §7 order) and exclusion reasons --------------- */

START_TEST(test_flags)
{
    static const char *const want[CES_FLAG_COUNT] = {
        "no_volume", "no_premium", "no_prior", "none_transferred", "no_complaints", "no_mediation",
    };
    static const unsigned bits[CES_FLAG_COUNT] = {
        CES_FLAG_NO_VOLUME,        CES_FLAG_NO_PREMIUM,    CES_FLAG_NO_PRIOR,
        CES_FLAG_NONE_TRANSFERRED, CES_FLAG_NO_COMPLAINTS, CES_FLAG_NO_MEDIATION,
    };
    for (int i = 0; i < CES_FLAG_COUNT; i++) {
        ck_assert_uint_eq(bits[i], 1u << i);
        ck_assert_str_eq(ces_flag_id(1u << i), want[i]);
    }
    ck_assert_ptr_null(ces_flag_id(0));
    ck_assert_ptr_null(ces_flag_id(1u << CES_FLAG_COUNT));
    ck_assert_ptr_null(ces_flag_id(CES_FLAG_NO_PRIOR | CES_FLAG_NO_VOLUME)); /* one bit at a time */
}
END_TEST

START_TEST(test_excl_reasons)
{
    ck_assert_str_eq(ces_excl_reason_id(CES_EXCL_EXCLUDED_TYPE), "excluded_type");
    ck_assert_str_eq(ces_excl_reason_id(CES_EXCL_ROLLED_UP), "rolled_up");
    ck_assert_str_eq(ces_excl_reason_id(CES_EXCL_NOT_OPEN_FULL_YEAR), "not_open_full_year");
    ck_assert_ptr_null(ces_excl_reason_id((ces_excl_reason)3));
}
END_TEST

/* ---- deduction indicators (docs/method.md §5) ---------------------------- */

START_TEST(test_deductions)
{
    static const struct {
        ces_ded d;
        const char *id, *zh;
        ces_ind ind;
    } T[] = {
        {CES_DED_EXECUTION, "execution", "制度执行", CES_IND_DED_EXECUTION},
        {CES_DED_IMPROPER, "improper_handling", "处置不当", CES_IND_DED_IMPROPER},
        {CES_DED_VIOLATION, "violation", "违法违规", CES_IND_DED_VIOLATION},
        {CES_DED_GROUP_EVENT, "group_event", "重大群体性事件", CES_IND_DED_GROUP_EVENT},
        {CES_DED_NEGATIVE_MEDIA, "negative_media", "负面舆情", CES_IND_DED_NEGATIVE_MEDIA},
    };
    ck_assert_int_eq((int)(sizeof T / sizeof *T), CES_DED_COUNT);
    for (size_t i = 0; i < sizeof T / sizeof *T; i++) {
        ck_assert_str_eq(ces_ded_id(T[i].d), T[i].id);
        ck_assert_str_eq(ces_ded_zh(T[i].d), T[i].zh);
        ck_assert_int_eq(ces_ded_parse(T[i].id), (int)T[i].d);
        ck_assert_int_eq(ces_ded_parse(T[i].zh), (int)T[i].d);
        ck_assert_int_eq((int)ces_ded_indicator(T[i].d), (int)T[i].ind);
        /* "ded." + id is the indicator's id */
        char full[64];
        snprintf(full, sizeof full, "ded.%s", T[i].id);
        ck_assert_str_eq(ces_ind_id(ces_ded_indicator(T[i].d)), full);
        ck_assert(ces_ind_kind(ces_ded_indicator(T[i].d)) == CES_KIND_DEDUCTION);
    }
    ck_assert_ptr_null(ces_ded_id(CES_DED_COUNT));
    ck_assert_ptr_null(ces_ded_zh(CES_DED_COUNT));
    ck_assert_int_eq(ces_ded_parse("ded.violation"), -1);
    ck_assert_int_eq(ces_ded_parse("penalty"), -1);
    ck_assert_int_eq(ces_ded_parse("违规"), -1);
    ck_assert_int_eq(ces_ded_parse(""), -1);
    ck_assert_int_eq(ces_ded_parse(NULL), -1);
}
END_TEST

/* ---- periods (docs/method.md §1) ----------------------------------------- */

static ces_period P(int year, ces_period_kind kind)
{
    ces_period p = {.year = year, .kind = kind};
    return p;
}

START_TEST(test_period_parse_valid)
{
    ces_period p = {0};
    ck_assert_int_eq(ces_period_parse("2024H1", &p), 0);
    ck_assert_int_eq(p.year, 2024);
    ck_assert_int_eq(p.kind, CES_PERIOD_H1);
    ck_assert_int_eq(ces_period_parse("2023FY", &p), 0);
    ck_assert_int_eq(p.year, 2023);
    ck_assert_int_eq(p.kind, CES_PERIOD_FY);
    ck_assert_int_eq(ces_period_parse("1999H1", &p), 0);
    ck_assert_int_eq(p.year, 1999);
}
END_TEST

START_TEST(test_period_parse_invalid)
{
    static const char *const bad[] = {
        "2024H2",  "24H1",   "2024h1", "2024fy",  "2024", "2024H",  "2024H1 ", " 2024H1",
        "2024-H1", "20a4H1", "2024Q1", "12024H1", "",     "H12024", "2024FY1",
    };
    for (size_t i = 0; i < sizeof bad / sizeof *bad; i++) {
        ces_period p = {.year = 77, .kind = CES_PERIOD_FY};
        ck_assert_msg(ces_period_parse(bad[i], &p) == -1, "\"%s\" accepted", bad[i]);
        ck_assert_msg(p.year == 77 && p.kind == CES_PERIOD_FY, "\"%s\" changed *out", bad[i]);
    }
    ces_period p;
    ck_assert_int_eq(ces_period_parse(NULL, &p), -1);
}
END_TEST

START_TEST(test_period_format)
{
    char buf[8];
    ces_period_format(P(2024, CES_PERIOD_H1), buf);
    ck_assert_str_eq(buf, "2024H1");
    ces_period_format(P(2023, CES_PERIOD_FY), buf);
    ck_assert_str_eq(buf, "2023FY");
    /* round trip */
    static const char *const ids[] = {"2024H1", "2024FY", "2000H1", "2099FY"};
    for (size_t i = 0; i < sizeof ids / sizeof *ids; i++) {
        ces_period p;
        ck_assert_int_eq(ces_period_parse(ids[i], &p), 0);
        ces_period_format(p, buf);
        ck_assert_str_eq(buf, ids[i]);
    }
}
END_TEST

START_TEST(test_period_display)
{
    char buf[64];
    ces_period_display(P(2024, CES_PERIOD_H1), 0, buf, sizeof buf);
    ck_assert_str_eq(buf, "2024年上半年");
    ces_period_display(P(2024, CES_PERIOD_FY), 0, buf, sizeof buf);
    ck_assert_str_eq(buf, "2024年度");
    ces_period_display(P(2024, CES_PERIOD_H1), 1, buf, sizeof buf);
    ck_assert_str_eq(buf, "2024 H1");
    ces_period_display(P(2024, CES_PERIOD_FY), 1, buf, sizeof buf);
    ck_assert_str_eq(buf, "2024 full year");
    /* never overflows a short buffer, always terminated */
    char small[5];
    memset(small, 'x', sizeof small);
    ces_period_display(P(2024, CES_PERIOD_FY), 1, small, sizeof small);
    ck_assert_str_eq(small, "2024");
}
END_TEST

START_TEST(test_period_window)
{
    ck_assert_int_eq(ces_period_start(P(2024, CES_PERIOD_H1)), 20240101);
    ck_assert_int_eq(ces_period_end(P(2024, CES_PERIOD_H1)), 20240630);
    ck_assert_int_eq(ces_period_start(P(2024, CES_PERIOD_FY)), 20240101);
    ck_assert_int_eq(ces_period_end(P(2024, CES_PERIOD_FY)), 20241231);
    ck_assert_int_eq(ces_period_end(P(2023, CES_PERIOD_H1)), 20230630);
}
END_TEST

static void assert_prior(const char *from, ces_prior_rule rule, const char *want)
{
    ces_period p;
    char buf[8];
    ck_assert_int_eq(ces_period_parse(from, &p), 0);
    ces_period_format(ces_period_prior(p, rule), buf);
    ck_assert_msg(!strcmp(buf, want), "prior of %s (rule %d) is %s, not %s", from, (int)rule, buf, want);
}

START_TEST(test_period_prior)
{
    assert_prior("2024H1", CES_PRIOR_SAME_KIND_LAST_YEAR, "2023H1");
    assert_prior("2024FY", CES_PRIOR_SAME_KIND_LAST_YEAR, "2023FY");
    assert_prior("2024H1", CES_PRIOR_PREVIOUS_EVALUATION, "2023FY");
    assert_prior("2024FY", CES_PRIOR_PREVIOUS_EVALUATION, "2024H1");
    assert_prior("2000H1", CES_PRIOR_PREVIOUS_EVALUATION, "1999FY");
}
END_TEST

START_TEST(test_period_eligible)
{
    ces_period h1 = P(2024, CES_PERIOD_H1), fy = P(2024, CES_PERIOD_FY);
    ck_assert_int_eq(ces_period_eligible(h1, 20230101), 1);
    ck_assert_int_eq(ces_period_eligible(h1, 20230102), 0);
    ck_assert_int_eq(ces_period_eligible(h1, 20221231), 1);
    ck_assert_int_eq(ces_period_eligible(h1, 19950601), 1);
    ck_assert_int_eq(ces_period_eligible(h1, 20240101), 0);
    ck_assert_int_eq(ces_period_eligible(fy, 20230101), 1);
    ck_assert_int_eq(ces_period_eligible(fy, 20230102), 0);
}
END_TEST

START_TEST(test_run_status_names)
{
    ck_assert_str_eq(ces_run_status_id(CES_RUN_DRAFT), "draft");
    ck_assert_str_eq(ces_run_status_id(CES_RUN_REVIEWED), "reviewed");
    ck_assert_str_eq(ces_run_status_id(CES_RUN_FINAL), "final");
    ck_assert_str_eq(ces_run_status_zh(CES_RUN_FINAL), "正式");
    ck_assert_str_eq(ces_run_status_zh(CES_RUN_REVIEWED), "已复核");
    ck_assert_str_eq(ces_run_status_zh(CES_RUN_DRAFT), "草稿");
    ck_assert_ptr_null(ces_run_status_id((ces_run_status)99));
}
END_TEST

START_TEST(test_beijing_time)
{
    char buf[64];
    /* 09:00 UTC is 17:00 in Beijing; 20:30 UTC is the next day there */
    ck_assert_int_eq(ces_time_beijing("2024-07-20T09:00:00Z", 0, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "2024-07-20 17:00 北京时间");
    ck_assert_int_eq(ces_time_beijing("2024-12-31T20:30:00Z", 1, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "2025-01-01 04:30 Beijing time (UTC+8)");
    ck_assert_int_eq(ces_time_beijing("2024-07-20T17:00:00+08:00", 0, buf, sizeof buf), 0);
    ck_assert_str_eq(buf, "2024-07-20 17:00 北京时间");
    ck_assert_int_eq(ces_time_beijing("yesterday", 0, buf, sizeof buf), -1);
    ck_assert_str_eq(buf, "yesterday");
}
END_TEST

static Suite *model_suite(void)
{
    Suite *s = suite_create("model");
    TCase *tc = tcase_create("model");
    tcase_add_test(tc, test_group_ids);
    tcase_add_test(tc, test_group_parse);
    tcase_add_test(tc, test_org_types);
    tcase_add_test(tc, test_org_type_unknown);
    tcase_add_test(tc, test_indicators);
    tcase_add_test(tc, test_indicator_enum_names);
    tcase_add_test(tc, test_indicator_unknown);
    tcase_add_test(tc, test_flags);
    tcase_add_test(tc, test_excl_reasons);
    tcase_add_test(tc, test_deductions);
    suite_add_tcase(s, tc);
    TCase *tp = tcase_create("period");
    tcase_add_test(tp, test_period_parse_valid);
    tcase_add_test(tp, test_period_parse_invalid);
    tcase_add_test(tp, test_period_format);
    tcase_add_test(tp, test_period_display);
    tcase_add_test(tp, test_period_window);
    tcase_add_test(tp, test_period_prior);
    tcase_add_test(tp, test_period_eligible);
    suite_add_tcase(s, tp);
    TCase *tr = tcase_create("run status and time");
    tcase_add_test(tr, test_run_status_names);
    tcase_add_test(tr, test_beijing_time);
    suite_add_tcase(s, tr);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(model_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed ? EXIT_FAILURE : EXIT_SUCCESS;
}
