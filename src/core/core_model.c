/* The evaluation's fixed vocabulary (model.h): one table per enum, so that
 * every id and Chinese name is written exactly once. */
#include "cescore/model.h"
#include "cescore/records.h"

#include <string.h>
#include <strings.h>

static const struct {
    const char *id, *zh, *zh_long;
} GROUPS[CES_GROUP_COUNT] = {
    {"pc", "财产险", "财产保险"},
    {"life", "人身险", "人身保险"},
};

static const struct {
    const char *id, *zh;
    ces_treatment treatment;
} ORG_TYPES[CES_ORG_COUNT] = {
    {"branch", "省级分公司", CES_TREAT_EVALUATED},
    {"legal_entity", "法人公司", CES_TREAT_EVALUATED},
    {"provincial_dept", "省级营业部", CES_TREAT_ROLLED_UP},
    {"telesales", "电销中心", CES_TREAT_ROLLED_UP},
    {"functional", "其他功能型机构", CES_TREAT_ROLLED_UP},
    {"aviation_center", "航保中心", CES_TREAT_EXCLUDED},
    {"asset_mgmt", "资产管理公司", CES_TREAT_EXCLUDED},
    {"reinsurer", "再保险公司", CES_TREAT_EXCLUDED},
    {"policy", "政策性保险公司", CES_TREAT_EXCLUDED},
    {"captive", "自保公司", CES_TREAT_EXCLUDED},
};

static const struct {
    const char *id;
    ces_kind kind;
    ces_block block;
    int group;
} INDICATORS[CES_IND_COUNT] = {
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

static const char *const FLAGS[CES_FLAG_COUNT] = {
    "no_volume", "no_premium", "no_prior", "none_transferred", "no_complaints", "no_mediation",
};

static const char *const EXCL_REASONS[] = {"excluded_type", "rolled_up", "not_open_full_year"};

static const struct {
    const char *id, *zh;
    ces_ind ind;
} DEDUCTIONS[CES_DED_COUNT] = {
    {"execution", "制度执行", CES_IND_DED_EXECUTION},
    {"improper_handling", "处置不当", CES_IND_DED_IMPROPER},
    {"violation", "违法违规", CES_IND_DED_VIOLATION},
    {"group_event", "重大群体性事件", CES_IND_DED_GROUP_EVENT},
    {"negative_media", "负面舆情", CES_IND_DED_NEGATIVE_MEDIA},
};

const char *ces_group_id(ces_group g) { return (unsigned)g < CES_GROUP_COUNT ? GROUPS[g].id : NULL; }
const char *ces_group_zh(ces_group g) { return (unsigned)g < CES_GROUP_COUNT ? GROUPS[g].zh : NULL; }

int ces_group_parse(const char *s)
{
    if (!s)
        return -1;
    for (int g = 0; g < CES_GROUP_COUNT; g++)
        if (!strcasecmp(s, GROUPS[g].id) || !strcmp(s, GROUPS[g].zh) || !strcmp(s, GROUPS[g].zh_long))
            return g;
    return -1;
}

const char *ces_org_type_id(ces_org_type t)
{
    return (unsigned)t < CES_ORG_COUNT ? ORG_TYPES[t].id : NULL;
}
const char *ces_org_type_zh(ces_org_type t)
{
    return (unsigned)t < CES_ORG_COUNT ? ORG_TYPES[t].zh : NULL;
}

int ces_org_type_parse(const char *s)
{
    if (!s)
        return -1;
    for (int t = 0; t < CES_ORG_COUNT; t++)
        if (!strcasecmp(s, ORG_TYPES[t].id) || !strcmp(s, ORG_TYPES[t].zh))
            return t;
    return -1;
}

ces_treatment ces_org_type_treatment(ces_org_type t)
{
    return (unsigned)t < CES_ORG_COUNT ? ORG_TYPES[t].treatment : CES_TREAT_EXCLUDED;
}

const char *ces_ind_id(ces_ind i) { return (unsigned)i < CES_IND_COUNT ? INDICATORS[i].id : NULL; }

int ces_ind_parse(const char *s)
{
    if (!s)
        return -1;
    for (int i = 0; i < CES_IND_COUNT; i++)
        if (!strcmp(s, INDICATORS[i].id))
            return i;
    return -1;
}

ces_kind ces_ind_kind(ces_ind i) { return INDICATORS[i].kind; }
ces_block ces_ind_block(ces_ind i) { return INDICATORS[i].block; }
int ces_ind_group(ces_ind i) { return INDICATORS[i].group; }

const char *ces_flag_id(unsigned flag_bit)
{
    for (int i = 0; i < CES_FLAG_COUNT; i++)
        if (flag_bit == 1u << i)
            return FLAGS[i];
    return NULL;
}

const char *ces_excl_reason_id(ces_excl_reason r)
{
    return (unsigned)r < sizeof EXCL_REASONS / sizeof *EXCL_REASONS ? EXCL_REASONS[r] : NULL;
}

int ces_excl_reason_parse(const char *s)
{
    for (int r = 0; s && r < (int)(sizeof EXCL_REASONS / sizeof *EXCL_REASONS); r++)
        if (!strcmp(s, EXCL_REASONS[r]))
            return r;
    return -1;
}

static const char *const LINES[] = {"total", "motor", "nonmotor"};

const char *ces_line_id(ces_line l)
{
    return (unsigned)l < sizeof LINES / sizeof *LINES ? LINES[l] : NULL;
}

int ces_line_parse(const char *s)
{
    for (int l = 0; s && l < (int)(sizeof LINES / sizeof *LINES); l++)
        if (!strcmp(s, LINES[l]))
            return l;
    return -1;
}

const char *ces_ded_id(ces_ded d) { return (unsigned)d < CES_DED_COUNT ? DEDUCTIONS[d].id : NULL; }
const char *ces_ded_zh(ces_ded d) { return (unsigned)d < CES_DED_COUNT ? DEDUCTIONS[d].zh : NULL; }

int ces_ded_parse(const char *s)
{
    if (!s)
        return -1;
    for (int d = 0; d < CES_DED_COUNT; d++)
        if (!strcasecmp(s, DEDUCTIONS[d].id) || !strcmp(s, DEDUCTIONS[d].zh))
            return d;
    return -1;
}

ces_ind ces_ded_indicator(ces_ded d) { return DEDUCTIONS[d].ind; }

/* ---- the enumerations a record stores as text (records.h) ---- */

static const char *group_id(int v) { return ces_group_id((ces_group)v); }
static const char *org_type_id(int v) { return ces_org_type_id((ces_org_type)v); }
static const char *ded_id(int v) { return ces_ded_id((ces_ded)v); }
static const char *excl_reason_id(int v) { return ces_excl_reason_id((ces_excl_reason)v); }
static const char *line_id(int v) { return ces_line_id((ces_line)v); }

const ces_enum CES_ENUM_GROUP = {"group", group_id, ces_group_parse};
const ces_enum CES_ENUM_ORG_TYPE = {"org_type", org_type_id, ces_org_type_parse};
const ces_enum CES_ENUM_DED = {"deduction indicator", ded_id, ces_ded_parse};
const ces_enum CES_ENUM_EXCL_REASON = {"exclusion reason", excl_reason_id, ces_excl_reason_parse};
const ces_enum CES_ENUM_LINE = {"complaint line", line_id, ces_line_parse};
