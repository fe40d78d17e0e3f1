/* Every fixed label of the workbooks, Chinese and English. Indicator,
 * checklist item and category names are not here: they come from the config. */
#include "report_xlsx_labels.h"

#include "cescore/results.h"

typedef struct {
    const char *zh, *en;
} xl_pair;

static const xl_pair LABELS[] = {
    [XL_SHEET_OVERVIEW] = {"总览", "Overview"},
    [XL_SHEET_RANK_PC] = {"财产险排名", "P&C ranking"},
    [XL_SHEET_RANK_LIFE] = {"人身险排名", "Life ranking"},
    [XL_SHEET_DETAIL_PC] = {"财产险明细", "P&C details"},
    [XL_SHEET_DETAIL_LIFE] = {"人身险明细", "Life details"},
    [XL_SHEET_DEDUCTIONS] = {"扣分明细", "Deductions"},
    [XL_SHEET_EXCLUDED] = {"未纳入考评", "Not evaluated"},
    [XL_SHEET_METHOD] = {"口径说明", "Methodology"},
    [XL_SHEET_AUDIT] = {"审计信息", "Audit"},
    [XL_SHEET_SCORECARD] = {"评分卡", "Scorecard"},
    [XL_TITLE] = {"保险公司消费投诉处理工作考评结果",
                  "Insurers' consumer-complaint handling evaluation: results"},
    [XL_SCORECARD_TITLE] = {"保险公司消费投诉处理工作考评评分卡",
                            "Consumer-complaint handling evaluation: scorecard"},
    [XL_PERIOD] = {"考评期间", "Period"},
    [XL_RUN_ID] = {"运行编号", "Run id"},
    [XL_ENGINE_VERSION] = {"引擎版本", "Engine version"},
    [XL_CONFIG] = {"考评口径", "Config"},
    [XL_CONFIG_SHA] = {"口径文件 SHA-256", "Config SHA-256"},
    [XL_CHAIN_HEAD] = {"定稿时的哈希链头", "Hash chain head at finalization"},
    [XL_RUN_TIME] = {"运行时间", "Run time"},
    [XL_OPERATOR] = {"操作人", "Operator"},
    [XL_PRIOR_SOURCE] = {"上期数据来源", "Prior figures from"},
    [XL_PRIOR_PERIOD] = {"上期", "Prior period"},
    [XL_PRIOR_RUN] = {"上期运行编号", "Prior run id"},
    [XL_INDUSTRY_MEDIATION] = {"行业平均调解成功率", "Industry mediation success rate"},
    [XL_GROUP] = {"组别", "Group"},
    [XL_COUNT] = {"参评机构数", "Companies scored"},
    [XL_AVERAGE] = {"平均分", "Average total"},
    [XL_BELOW_AVERAGE] = {"低于平均分机构数", "Below average"},
    [XL_DISTRIBUTION] =
        {"得分分布（机构数，每段含下限不含上限，100 分计入最高段）",
         "Score distribution (companies; bands include the lower bound, 100 is in the top band)"},
    [XL_BAND] = {"分数段", "Score band"},
    [XL_COMPANIES] = {"机构数", "Companies"},
    [XL_GROUP_STATS] = {"分组统计", "Group statistics"},
    [XL_BENCHMARKS] = {"基准值", "Benchmarks"},
    [XL_RANK] = {"排名", "Rank"},
    [XL_CODE] = {"机构代码", "Code"},
    [XL_NAME] = {"机构名称", "Name"},
    [XL_TOTAL] = {"总分", "Total"},
    [XL_QUALITATIVE] = {"定性得分", "Qualitative"},
    [XL_QUANTITATIVE] = {"定量得分", "Quantitative"},
    [XL_IND_ID] = {"指标代码", "Indicator id"},
    [XL_IND_NAME] = {"指标名称", "Indicator"},
    [XL_NUMERATOR] = {"分子", "Numerator"},
    [XL_DENOMINATOR] = {"分母", "Denominator"},
    [XL_VALUE] = {"指标值", "Value"},
    [XL_BENCHMARK] = {"基准值", "Benchmark"},
    [XL_WEIGHT_CAP] = {"权重/上限", "Weight/cap"},
    [XL_RAW] = {"原始分", "Raw"},
    [XL_SCORE] = {"得分", "Score"},
    [XL_FLAGS] = {"特殊情况", "Flags"},
    [XL_ARITHMETIC] = {"计算过程", "Arithmetic"},
    [XL_DED_ROWS] = {"扣分记录（按报送原样）", "Deduction rows as loaded"},
    [XL_DED_CAPPED] = {"各机构各指标扣分（封顶后计入得分）",
                       "Capped deduction per company and indicator"},
    [XL_ORIG_CODE] = {"报送机构代码", "Code as reported"},
    [XL_INTO] = {"计入机构", "Counted for"},
    [XL_INDICATOR] = {"指标", "Indicator"},
    [XL_CATEGORY] = {"类别", "Category"},
    [XL_POINTS] = {"分值", "Points"},
    [XL_POINTS_SOURCE] = {"分值来源", "Points from"},
    [XL_POINTS_GIVEN] = {"报送分值", "given"},
    [XL_POINTS_BY_CATEGORY] = {"按类别默认分值", "category default"},
    [XL_DATE] = {"日期", "Date"},
    [XL_REFERENCE] = {"文号", "Reference"},
    [XL_DESCRIPTION] = {"说明", "Description"},
    [XL_SOURCE_LINE] = {"源文件行号", "Source line"},
    [XL_POINTS_SUM] = {"扣分合计", "Points"},
    [XL_CAP] = {"上限", "Cap"},
    [XL_CAPPED] = {"计入扣分", "Deducted"},
    [XL_ORG_TYPE] = {"机构类型", "Organisation type"},
    [XL_REASON] = {"原因", "Reason"},
    [XL_REASON_EXCLUDED_TYPE] = {"机构类型不参加考评", "type not evaluated"},
    [XL_REASON_ROLLED_UP] = {"并入上级机构考评", "rolled up into its parent"},
    [XL_REASON_NOT_OPEN] = {"开业未满一个会计年度", "not open for a full accounting year"},
    [XL_NOT_APPLICABLE] = {"不适用", "not applicable"},
    [XL_NONE] = {"无", "none"},
    [XL_FILES] = {"输入文件", "Input files"},
    [XL_ACCEPTANCE] = {"已确认的合理性提示", "Plausibility findings accepted"},
    [XL_ACCEPTED_BY] = {"确认人", "Accepted by"},
    [XL_ACCEPTED_AT] = {"确认时间", "Accepted at"},
    [XL_FINDING] = {"提示", "Finding"},
    [XL_LINE] = {"行", "Line"},
    [XL_FILE] = {"文件", "File"},
    [XL_PRESENT] = {"是否报送", "Given"},
    [XL_ROWS] = {"数据行数", "Rows"},
    [XL_ENCODING] = {"编码", "Encoding"},
    [XL_SHA256] = {"SHA-256", "SHA-256"},
    [XL_YES] = {"是", "yes"},
    [XL_NOT_GIVEN] = {"未报送", "not given"},
    [XL_M_STRUCTURE] = {"得分结构", "Structure of the score"},
    [XL_M_BLOCK] = {"部分", "Part"},
    [XL_M_POINTS] = {"分值", "Points"},
    [XL_M_TOTAL_FORMULA] = {"总分 = 定性得分 + 定量得分", "total = qualitative + quantitative"},
    [XL_M_QUAL_FORMULA] = {"定性得分 = max(0, 定性各项得分之和 - 定性扣分)",
                           "qualitative = max(0, sum of qualitative scores - qualitative deductions)"},
    [XL_M_QUANT_FORMULA] =
        {"定量得分 = max(0, 数量指标小计 + 其余定量指标得分 - 定量扣分)",
         "quantitative = max(0, volume block + other quantitative scores - quantitative deductions)"},
    [XL_M_VOLUME_BLOCK] = {"数量指标小计", "Volume block"},
    [XL_M_INDICATORS] = {"指标及计算方法", "Indicators and methods"},
    [XL_M_METHOD] = {"计算方法", "Method"},
    [XL_M_PARAMS] = {"参数", "Parameters"},
    [XL_M_FORMULA] = {"计算公式", "Formula"},
    [XL_M_NUMDEN] = {"分子 / 分母", "Numerator / denominator"},
    [XL_M_MAX] = {"满分/上限", "Max/cap"},
    [XL_M_KIND] = {"类型", "Kind"},
    [XL_M_ITEMS] = {"定性检查项目（未建立扣分）", "Checklist items (deduction when not established)"},
    [XL_M_ITEM_ID] = {"项目代码", "Item id"},
    [XL_M_ITEM] = {"项目", "Item"},
    [XL_M_ITEM_DEDUCTION] = {"未建立扣分", "Deduction"},
    [XL_M_CATEGORIES] = {"扣分类别及默认分值", "Deduction categories and default points"},
    [XL_M_CATEGORY_ID] = {"类别代码", "Category id"},
    [XL_M_OTHER_RULES] = {"其他规则", "Other rules"},
    [XL_M_PRIOR_RULE] = {"上期口径", "Prior period"},
    [XL_M_ROUNDING] = {"舍入", "Rounding"},
    [XL_M_RANKING] = {"排名", "Ranking"},
    [XL_M_RANKING_TEXT] =
        {"同组按总分从高到低排名；总分相同名次相同，下一名次顺延（1, 2, 2, 4）；同分按定量得分从高到低、机构代码升序列示。平均分为总分均值（按上述规则舍入），低于平均分指总分严格低于该平均分",
         "Per group by total, highest first; equal totals share a rank and the next rank skips (1, 2, 2, 4); within a tie by quantitative descending, then code. The average is the mean total rounded as above; below average means strictly below it"},
    [XL_M_FLAGS] = {"特殊情况标记", "Flags"},
    [XL_KIND_CHECKLIST] = {"定性检查", "checklist"},
    [XL_KIND_DEDUCTION] = {"扣分项", "deduction"},
    [XL_KIND_VOLUME] = {"数量指标", "volume"},
    [XL_KIND_CHANGE] = {"变化率", "change"},
    [XL_KIND_RATE] = {"比率", "rate"},
    [XL_BLOCK_QUAL] = {"定性", "qualitative"},
    [XL_BLOCK_QUANT] = {"定量", "quantitative"},
    [XL_ITEM] = {"项目", "Item"},
    [XL_VOLUME_SUBTOTAL] = {"数量指标小计", "Volume block"},
    [XL_ROLLED_UP_CHILDREN] = {"并入机构", "Rolled up"},
    [XL_CHART_TITLE] = {"总分分布", "Distribution of totals"},
    [XL_CHART_X] = {"分数段", "Score band"},
    [XL_CHART_Y] = {"机构数", "Companies"},
    [XL_SCOPE_PEER] = {"同组", "peer group"},
    [XL_SCOPE_INDUSTRY] = {"全行业（两组）", "industry (both groups)"},
    [XL_BENCH_KIND] = {"基准口径", "Benchmark"},
    [XL_BENCH_MEDIAN] = {"同组适用机构中位数（为 0 时取合计分子/合计分母）",
                         "peer median of applicable companies (pooled ratio when 0)"},
    [XL_BENCH_POOLED_PEER] = {"同组合计分子 / 合计分母", "peer sum of numerators / sum of denominators"},
    [XL_BENCH_POOLED_INDUSTRY] = {"全行业合计分子 / 合计分母",
                                  "industry sum of numerators / sum of denominators"},
    [XL_COUNT_LABEL] = {"同组参评机构数", "Companies in the group"},
    [XL_STATUS] = {"状态", "Status"},
    [XL_RUN] = {"运行", "Run"},
    [XL_RANK_CHANGE] = {"名次变化", "Rank change"},
    [XL_PRIOR_TOTAL] = {"上期总分", "Prior total"},
    [XL_NEW_ENTRY] = {"新进入", "new"},
    [XL_DEDUCTION_SUFFIX] = {"（扣分）", " (deduction)"},
    [XL_SUBTOTAL_SUFFIX] = {"（小计）", " (subtotal)"},
    [XL_LEGEND_SUM] =
        {"扣分以负数列示：定性、定量各指标得分（含扣分）相加即为定性、定量得分（不低于 0），二者之和为总分；灰底列为小计",
         "Deductions are shown as negative numbers: the indicator scores (deductions included) add up to the qualitative and quantitative scores (floored at 0), which add up to the total; shaded columns are subtotals"},
    [XL_LEGEND_BELOW] = {"底色标示：总分低于同组平均分", "Shaded: total below the group's average"},
    [XL_LEGEND_CHANGE] =
        {"名次变化：与上期正式结果相比，↑ 上升、↓ 下降、空白为不变；新进入：上期未参评",
         "Rank change against the prior period's published results: ↑ up, ↓ down, blank unchanged; new: not ranked then"},
    [XL_LEGEND_NO_CHANGE] = {"上期无正式结果，不列名次变化",
                             "No published results of the prior period: no rank change"},
    [XL_RANKING_OF] = {"排名", "ranking"},
    [XL_COMPANIES_UNIT] = {"家", "companies"},
    [XL_MIDPOINT] = {"组中值", "Midpoint"},
    [XL_CHART_AVERAGE] = {"平均分", "average"},
    [XL_SCORE_RATES] =
        {"各项平均得分率（同组各机构得分的平均值 / 满分）",
         "Average score as a share of the maximum (mean of the group's scores / maximum)"},
    [XL_SCORE_RATE_TITLE] = {"各项平均得分率", "Average score as a share of the maximum"},
    [XL_SCORE_RATE_AXIS] = {"平均得分 / 满分", "mean score / maximum"},
    [XL_BLOCK_COLUMN] = {"项目", "Part"},
    [XL_DED_TOTAL] = {"扣分合计（平均）", "Deductions (mean)"},
    [XL_PUBLICATION] = {"（公布版）", " (publication)"},
    [XL_SENS_FEWER] = {"少一件投诉", "One complaint fewer"},
    [XL_SENS_MORE] = {"多一件投诉", "One complaint more"},
    [XL_SMALL_BASE] = {"小基数", "small base"},
};

const char *xl_t(int english, xl_label id)
{
    if ((size_t)id >= sizeof LABELS / sizeof LABELS[0] || !LABELS[id].zh)
        return "?";
    return english ? LABELS[id].en : LABELS[id].zh;
}

const char *xl_group(int english, ces_group g)
{
    static const xl_pair G[CES_GROUP_COUNT] = {{"财产险", "P&C"}, {"人身险", "Life"}};
    if ((unsigned)g >= CES_GROUP_COUNT)
        return "?";
    return english ? G[g].en : G[g].zh;
}

const char *xl_flag(int english, unsigned flag_bit)
{
    static const xl_pair F[CES_FLAG_COUNT] = {
        {"无适用数量指标", "no volume indicator applies"},
        {"本期无保费", "no premium this period"},
        {"无上期数据", "no prior figures"},
        {"无转办投诉", "no complaint transferred"},
        {"无投诉", "no complaints"},
        {"无调解需求", "no mediation needed"},
    };
    for (int i = 0; i < CES_FLAG_COUNT; i++)
        if (flag_bit == (1u << i))
            return english ? F[i].en : F[i].zh;
    return "?";
}

const char *xl_reason(int english, ces_excl_reason r)
{
    switch (r) {
    case CES_EXCL_EXCLUDED_TYPE: return xl_t(english, XL_REASON_EXCLUDED_TYPE);
    case CES_EXCL_ROLLED_UP: return xl_t(english, XL_REASON_ROLLED_UP);
    case CES_EXCL_NOT_OPEN_FULL_YEAR: return xl_t(english, XL_REASON_NOT_OPEN);
    }
    return "?";
}

const char *xl_kind(int english, ces_kind k)
{
    switch (k) {
    case CES_KIND_CHECKLIST: return xl_t(english, XL_KIND_CHECKLIST);
    case CES_KIND_DEDUCTION: return xl_t(english, XL_KIND_DEDUCTION);
    case CES_KIND_VOLUME: return xl_t(english, XL_KIND_VOLUME);
    case CES_KIND_CHANGE: return xl_t(english, XL_KIND_CHANGE);
    case CES_KIND_RATE: return xl_t(english, XL_KIND_RATE);
    }
    return "?";
}

const char *xl_numden(int english, ces_ind i)
{
    static const xl_pair N[CES_IND_COUNT] = {
        [CES_IND_PC_MOTOR_PREMIUM] = {"车险投诉件数 / 车险保费（亿元）",
                                      "motor complaints / motor premium (100m yuan)"},
        [CES_IND_PC_NONMOTOR_PREMIUM] = {"非车险投诉件数 / 非车险保费（亿元）",
                                         "non-motor complaints / non-motor premium (100m yuan)"},
        [CES_IND_PC_NONMOTOR_POLICIES] = {"非车险投诉件数 / 非车险保单件数（万件）",
                                          "non-motor complaints / non-motor policies (10k)"},
        [CES_IND_LIFE_PREMIUM] = {"投诉总件数 / 保费（亿元）", "complaints / premium (100m yuan)"},
        [CES_IND_LIFE_POLICIES] = {"投诉总件数 / （上期末有效保单 + 本期新单）（万件）",
                                   "complaints / (prior period-end in-force + new policies) (10k)"},
        [CES_IND_LIFE_PERSONS] =
            {"投诉总件数 / （上期末有效被保险人 + 本期新增被保险人）（万人次）",
             "complaints / (prior period-end in-force + new insured persons) (10k)"},
        [CES_IND_CHANGE_RATE] = {"本期与上期的亿元保费投诉量（投诉总件数 / 总保费（亿元））",
                                 "complaints per 100m yuan premium, this period and the prior one"},
        [CES_IND_TIMELINESS] = {"按时处理并反馈的投诉件数 / 转办保险公司处理的投诉件数",
                                "handled on time / transferred to the company"},
        [CES_IND_WITHDRAWAL] = {"转办前撤诉件数 / 投诉总件数", "withdrawn before transfer / complaints"},
        [CES_IND_MEDIATION] = {"调解成功件数 / 需调解件数", "mediations succeeded / mediations needed"},
    };
    if ((unsigned)i >= CES_IND_COUNT || !N[i].zh)
        return "";
    return english ? N[i].en : N[i].zh;
}

const char *xl_prior_rule(int english, ces_prior_rule r)
{
    if (r == CES_PRIOR_PREVIOUS_EVALUATION)
        return english
                   ? "previous_evaluation: the previous evaluation (2024H1 -> 2023FY, 2024FY -> 2024H1)"
                   : "previous_evaluation：上一考评期（2024H1 → 2023FY，2024FY → 2024H1）";
    return english ? "same_kind_last_year: the same period of the previous year (2024H1 -> 2023H1)"
                   : "same_kind_last_year：上年同期（2024H1 → 2023H1，2024FY → 2023FY）";
}

const char *xl_org_type(int english, ces_org_type t)
{
    if ((unsigned)t >= CES_ORG_COUNT)
        return "?";
    return english ? ces_org_type_id(t) : ces_org_type_zh(t);
}

const char *xl_status(int english, int status)
{
    static const char *EN_STATUS[] = {"draft", "reviewed", "final", "self-check", "what-if"};
    if (status < 0 || (size_t)status >= sizeof EN_STATUS / sizeof EN_STATUS[0])
        return "?";
    return english ? EN_STATUS[status] : ces_run_status_zh((ces_run_status)status);
}
