#!/usr/bin/env python3
"""Write the sample bundles fixtures/sample/{2023H1,2024H1,2024H1-with-prior}/.

A fictional but realistic Shanghai market (about 40 property and 50 life
companies plus the entities the rules roll up or exclude), exported in two
styles an analyst meets in practice:

  2023H1  GB18030, Chinese headers in another column order, CRLF, thousands
          separators, dates 2023年3月5日 and 2023/3/5, Chinese group / org type
          names, 是/否; prior.csv carries the 2022H1 figures.
  2024H1  UTF-8 with BOM, English headers, LF, quoted names with commas and
          quotes, blank lines, padded fields, Y/N, 1/0 and ✓/✗; no prior.csv
          (its prior comes from the archive's 2023H1 run).
  2024H1-with-prior  the same plus a prior.csv carrying the 2023H1 figures of
          every company scored in 2023H1 (telesales / provincial department rows
          separately, to be rolled up), so both prior sources can be compared.

Deterministic: python3 standard library only, fixed seed.  fixtures/README.md
says what each special company illustrates.

usage: make_sample.py [OUTDIR]   (default: fixtures/sample of this repository)
"""
import os
import random
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SEED = 20240630

SYS_ITEMS = [("sys_handling_rules", "投诉处理工作制度"), ("sys_registration", "登记制度"),
             ("sys_archives", "档案管理制度"), ("sys_emergency_plan", "重大及群体性投诉处理应急预案"),
             ("sys_evaluation", "投诉考评制度"), ("sys_accountability", "投诉处理责任追究制度"),
             ("sys_gm_reception", "总经理接待日制度"), ("sys_gm_review", "总经理消费投诉案件审阅制度"),
             ("sys_other", "监管要求建立的其它制度")]
MECH_ITEMS = [("mech_responsibility", "投诉处理工作责任制"), ("mech_department", "管理部门和岗位"),
              ("mech_coordination", "内部沟通协调机制"), ("mech_trace", "投诉处理痕迹管理机制"),
              ("mech_verification", "投诉核查机制"), ("mech_it_system", "投诉处理信息化系统"),
              ("mech_disclosure", "公布投诉受理渠道和投诉程序"), ("mech_training", "投诉处理内部培训机制"),
              ("mech_other", "监管要求建立的其它工作机制")]
ITEMS = SYS_ITEMS + MECH_ITEMS
ORG_ZH = {"branch": "省级分公司", "legal_entity": "法人公司", "provincial_dept": "省级营业部",
          "telesales": "电销中心", "functional": "其他功能型机构", "aviation_center": "航保中心",
          "asset_mgmt": "资产管理公司", "reinsurer": "再保险公司", "policy": "政策性保险公司",
          "captive": "自保公司"}
DED_ZH = {"execution": "制度执行", "improper_handling": "处置不当", "violation": "违法违规",
          "group_event": "重大群体性事件", "negative_media": "负面舆情"}

PC_STEMS = ["华瑞", "申泰", "东盛", "嘉禾", "鼎安", "恒丰", "浦信", "汇通", "长宁", "金桥",
            "瑞和", "中原安泰", "远航", "海晏", "德润", "兆丰", "启元", "鸿泰", "立安", "宏图",
            "晨曦", "国泰安华", "安澜", "永信", "泰和", "吉瑞", "裕民", "云杉", "北辰", "九州通安",
            "明德", "信和", "汇丰源", "南山", "凯旋", "松江", "同润", "青禾", "锦程", "安裕",
            "新港"]
LIFE_STEMS = ["长青", "福寿", "康宁", "永康", "安康", "宝瑞", "泰安", "鹤年", "寿康", "嘉和",
              "同心", "华寿", "合泰", "民生安康", "东方福", "申城", "海宁", "久安", "恒寿", "安盛和",
              "康泰", "百福", "吉祥", "福瑞", "华康", "仁和", "瑞泰", "延年", "平康", "怡康",
              "中宏福", "和顺", "国宁", "君安", "广安", "金福", "信泰和", "昌盛", "弘康", "天寿",
              "瑞康", "安邦和", "中和", "惠民", "宁泰", "乐寿", "新元", "祥和", "鼎寿", "博康",
              "颐年"]


class Co:
    def __init__(self, code, name, group, org, open_date, parent=""):
        self.code, self.name, self.group, self.org = code, name, group, org
        self.open_date, self.parent = open_date, parent
        self.en = None                  # English name appended in the 2024H1 export
        self.data = {}                  # period -> dict of figures


def lognorm(rng, median, sigma):
    return median * rng.lognormvariate(0, sigma)


def split_complaints(rng, total, group):
    w = round(total * rng.uniform(0.12, 0.42))
    t = min(total - w, round((total - w) * rng.uniform(0.65, 0.97)))
    on = round(t * rng.uniform(0.86, 1.0))
    return w, t, on


def pc_figures(rng, premium, motor_share, policy_yuan, motor_rate, nm_rate):
    motor_p = round(premium * motor_share, 2)
    nm_p = round(premium - motor_p, 2)
    motor_c = round(motor_p / 10000 * motor_rate)
    nm_c = round(nm_p / 10000 * nm_rate)
    pol = round(nm_p * 10000 / policy_yuan)
    total = motor_c + nm_c
    w, t, on = split_complaints(rng, total, "pc")
    return {"premium": round(motor_p + nm_p, 2), "motor_p": motor_p, "nm_p": nm_p,
            "policies": pol, "motor": motor_c, "nonmotor": nm_c, "total": total,
            "withdrawn": w, "transferred": t, "on_time": on}


def life_figures(rng, premium, rate, pol_per_wan, persons_per_pol):
    total = round(premium / 10000 * rate)
    inforce = round(premium * pol_per_wan)
    new = round(inforce * rng.uniform(0.04, 0.30))
    pin = round(inforce * persons_per_pol)
    pnew = round(new * persons_per_pol * rng.uniform(0.8, 1.6))
    w, t, on = split_complaints(rng, total, "life")
    return {"premium": round(premium, 2), "total": total, "inforce": inforce, "new": new,
            "persons_in": pin, "persons_new": pnew, "withdrawn": w, "transferred": t,
            "on_time": on, "motor": 0, "nonmotor": 0}


def mediation(rng, total):
    needed = round(total * rng.uniform(0.0, 0.12))
    return needed, round(needed * rng.uniform(0.35, 0.9))


def build_market():
    rng = random.Random(SEED)
    cos = []
    # ---- property: 40 evaluated companies (SH-PC-001..040), 041 opened in 2023
    for i in range(1, 42):
        stem = PC_STEMS[i - 1]
        legal = i in (21, 27, 33, 40)
        name = f"{stem}财产保险股份有限公司" + ("" if legal else "上海分公司")
        year = rng.randint(1996, 2015)
        od = (year, rng.randint(1, 12), rng.randint(1, 28))
        cos.append(Co(f"SH-PC-{i:03d}", name, "pc", "legal_entity" if legal else "branch", od))
    by = {c.code: c for c in cos}
    by["SH-PC-041"].open_date = (2023, 4, 18)            # not open a full year for 2024H1
    by["SH-PC-040"].open_date = (2019, 11, 6)            # moved to Shanghai in late 2023
    by["SH-PC-027"].name = "青云在线财产保险股份有限公司"  # internet insurer, no motor business
    by["SH-PC-003"].en = "Dongsheng P&C Insurance Co., Ltd. Shanghai Branch"
    by["SH-PC-012"].en = "Zhongyuan Antai P&C Insurance Co., Ltd. Shanghai Branch"
    by["SH-PC-027"].name_2024 = '青云在线财产保险股份有限公司("青云保险")'
    # ---- life: 50 evaluated companies (SH-LF-001..050), 051 opened in 2023
    for i in range(1, 52):
        stem = LIFE_STEMS[i - 1]
        legal = i in (6, 17, 29, 36, 43)
        kind = "养老保险" if i == 41 else ("健康保险" if i == 33 else "人寿保险")
        name = f"{stem}{kind}股份有限公司" + ("" if legal else "上海分公司")
        year = rng.randint(1998, 2018)
        od = (year, rng.randint(1, 12), rng.randint(1, 28))
        cos.append(Co(f"SH-LF-{i:03d}", name, "life", "legal_entity" if legal else "branch", od))
    by = {c.code: c for c in cos}
    by["SH-LF-050"].open_date = (2022, 6, 20)            # ineligible for 2023H1 only
    by["SH-LF-051"].open_date = (2023, 8, 8)             # ineligible for 2024H1
    by["SH-LF-016"].en = "Shencheng Life Insurance Co., Ltd. Shanghai Branch"
    by["SH-LF-044"].open_date = (2012, 3, 1)
    by["SH-LF-045"].open_date = (2012, 3, 1)
    # ---- rolled-up and excluded entities
    extra = [
        Co("SH-PC-003-TS", "东盛财产保险股份有限公司上海电销中心", "pc", "telesales", (2011, 9, 1), "SH-PC-003"),
        Co("SH-LF-008-YB", "鹤年人寿保险股份有限公司上海营业部", "life", "provincial_dept", (2016, 5, 16), "SH-LF-008"),
        Co("SH-LF-015-FN", "东方福人寿保险股份有限公司上海客户服务中心", "life", "functional", (2023, 9, 1), "SH-LF-015"),
        Co("SH-AV-01", "中航联保航空保险中心", "pc", "aviation_center", (2005, 7, 1)),
        Co("SH-AM-01", "长青资产管理股份有限公司", "life", "asset_mgmt", (2006, 3, 8)),
        Co("SH-RE-01", "华瑞再保险股份有限公司上海分公司", "pc", "reinsurer", (2003, 12, 18)),
        Co("SH-RE-02", "福寿人寿再保险股份有限公司上海分公司", "life", "reinsurer", (2010, 4, 2)),
        Co("SH-PO-01", "中国信保出口信用保险公司上海分公司", "pc", "policy", (2002, 10, 9)),
        Co("SH-CA-01", "远洋航运自保有限公司", "pc", "captive", (2017, 2, 14)),
    ]
    extra[0].en = "Dongsheng P&C, Telesales Centre"
    cos += extra
    by = {c.code: c for c in cos}

    # ---- figures of 2023H1 and 2024H1
    pcs = [c for c in cos if c.group == "pc" and c.org in ("branch", "legal_entity")]
    lifes = [c for c in cos if c.group == "life" and c.org in ("branch", "legal_entity")]
    order = list(range(len(pcs)))
    rng.shuffle(order)
    for rank, idx in enumerate(order, 1):
        c = pcs[idx]
        size = 1_150_000 * rank ** -1.2 * rng.uniform(0.85, 1.15)
        if c.code == "SH-PC-003":
            size = 640_000.0
        spec = c.code in ("SH-PC-012", "SH-PC-021", "SH-PC-033")  # shipping / credit / agri
        ms = rng.uniform(0.0, 0.12) if spec else rng.uniform(0.40, 0.80)
        py = rng.uniform(150, 2500)
        mr, nr = lognorm(rng, 5.5, 0.4), lognorm(rng, 4.5, 0.55)
        for per, grow, noise in (("2022H1", 0.93, 1.08), ("2023H1", 1.0, 1.0), ("2024H1", 1.07, 0.95)):
            p = size * grow * rng.uniform(0.96, 1.04)
            f = pc_figures(rng, p, ms, py, mr * noise * rng.uniform(0.8, 1.2),
                           nr * noise * rng.uniform(0.8, 1.2))
            f["med"] = mediation(rng, f["total"])
            c.data[per] = f
    order = list(range(len(lifes)))
    rng.shuffle(order)
    for rank, idx in enumerate(order, 1):
        c = lifes[idx]
        size = 1_600_000 * rank ** -1.3 * rng.uniform(0.85, 1.15)
        rate = lognorm(rng, 5.5, 0.5)
        ppw = rng.uniform(2.5, 12)
        pers = rng.uniform(1.05, 3.5)
        for per, grow, noise in (("2022H1", 0.95, 1.05), ("2023H1", 1.0, 1.0), ("2024H1", 1.05, 0.97)):
            p = size * grow * rng.uniform(0.95, 1.06)
            f = life_figures(rng, p, rate * noise * rng.uniform(0.8, 1.25), ppw, pers)
            f["med"] = mediation(rng, f["total"])
            c.data[per] = f

    def set_pc(code, per, premium, motor_p, policies, motor, nonmotor, w, t, on, med):
        by[code].data[per] = {"premium": premium, "motor_p": motor_p,
                              "nm_p": round(premium - motor_p, 2), "policies": policies,
                              "motor": motor, "nonmotor": nonmotor, "total": motor + nonmotor,
                              "withdrawn": w, "transferred": t, "on_time": on, "med": med}

    def set_life(code, per, premium, total, inforce, new, pin, pnew, w, t, on, med):
        by[code].data[per] = {"premium": premium, "total": total, "inforce": inforce, "new": new,
                              "persons_in": pin, "persons_new": pnew, "withdrawn": w,
                              "transferred": t, "on_time": on, "motor": 0, "nonmotor": 0,
                              "med": med}

    # -- hand-set special cases (README.md explains each)
    # SH-PC-003 (big branch) and its telesales centre
    set_pc("SH-PC-003", "2023H1", 612345.67, 401234.50, 1865432, 268, 139, 118, 262, 251, (19, 13))
    set_pc("SH-PC-003", "2024H1", 655208.40, 428736.15, 2013876, 291, 152, 131, 285, 270, (23, 16))
    set_pc("SH-PC-003-TS", "2022H1", 52011.6, 51302.8, 10211, 40, 2, 9, 31, 30, (2, 1))
    set_pc("SH-PC-003-TS", "2023H1", 58760.25, 57960.25, 11842, 49, 3, 11, 38, 37, (3, 2))
    set_pc("SH-PC-003-TS", "2024H1", 61238.80, 60402.30, 12574, 61, 4, 15, 47, 43, (4, 2))
    # SH-PC-027: internet insurer, legal entity, no motor business, capped violations
    set_pc("SH-PC-027", "2022H1", 198765.43, 0, 48123456, 0, 402, 141, 236, 222, (6, 4))
    set_pc("SH-PC-027", "2023H1", 213456.78, 0, 52345678, 0, 472, 160, 282, 260, (0, 0))
    set_pc("SH-PC-027", "2024H1", 226789.12, 0, 55012345, 0, 536, 171, 331, 301, (0, 0))
    # SH-PC-038: stopped writing business in 2024 (run-off): no premium
    set_pc("SH-PC-038", "2024H1", 0, 0, 0, 1, 2, 1, 2, 2, (0, 0))
    # SH-PC-039: small specialist with no complaints in either period
    for per, prem, mp, pol in (("2022H1", 5123.4, 2100.0, 8300), ("2023H1", 5398.76, 2210.5, 8810),
                               ("2024H1", 5684.2, 2302.15, 9275)):
        set_pc("SH-PC-039", per, prem, mp, pol, 0, 0, 0, 0, 0, (0, 0))
    # SH-PC-040: moved to Shanghai late 2023, absent from the 2023H1 registry
    set_pc("SH-PC-040", "2024H1", 18765.3, 9120.45, 61234, 12, 9, 5, 14, 14, (1, 1))
    del by["SH-PC-040"].data["2023H1"], by["SH-PC-040"].data["2022H1"]
    # SH-PC-041: opened 2023-04-18
    for per in ("2022H1",):
        del by["SH-PC-041"].data[per]
    set_pc("SH-PC-041", "2023H1", 312.5, 120.0, 980, 0, 0, 0, 0, 0, (0, 0))
    set_pc("SH-PC-041", "2024H1", 4210.75, 2050.25, 15321, 3, 2, 1, 4, 4, (0, 0))
    # SH-LF-008 and its provincial department
    set_life("SH-LF-008", "2022H1", 276543.21, 198, 1812345, 220987, 3387654, 398765, 47, 139, 130, (10, 6))
    set_life("SH-LF-008", "2023H1", 287654.32, 214, 1876543, 231456, 3456789, 402345, 52, 150, 141, (12, 8))
    set_life("SH-LF-008", "2024H1", 301876.54, 236, 1923456, 245678, 3512345, 421098, 61, 162, 149, (14, 9))
    set_life("SH-LF-008-YB", "2022H1", 14876.5, 12, 95432, 11876, 130123, 15012, 2, 10, 9, (0, 0))
    set_life("SH-LF-008-YB", "2023H1", 15432.1, 11, 98765, 12345, 134567, 15678, 2, 9, 8, (1, 1))
    set_life("SH-LF-008-YB", "2024H1", 16789.0, 13, 102345, 13456, 139876, 16543, 3, 10, 9, (1, 0))
    # SH-LF-015-FN: customer service centre opened 2023-09 (complaints only, no statistics)
    set_life("SH-LF-015-FN", "2024H1", 0, 7, 0, 0, 0, 0, 2, 5, 5, (0, 0))
    # SH-LF-044 / SH-LF-045: identical small companies -> a tie
    for code in ("SH-LF-044", "SH-LF-045"):
        set_life(code, "2022H1", 8765.4, 9, 45678, 5432, 61234, 7654, 2, 7, 7, (0, 0))
        set_life(code, "2023H1", 9123.45, 10, 47654, 5876, 63456, 8012, 3, 7, 7, (1, 1))
        set_life(code, "2024H1", 9567.8, 11, 49876, 6123, 65432, 8345, 3, 8, 8, (1, 1))
    # SH-LF-046: every complaint withdrawn before transfer (none transferred)
    set_life("SH-LF-046", "2023H1", 6543.21, 5, 32145, 4321, 40123, 5012, 2, 3, 3, (0, 0))
    set_life("SH-LF-046", "2024H1", 6987.65, 4, 33456, 4567, 41876, 5234, 4, 0, 0, (0, 0))
    # SH-LF-047: no complaints in 2023H1, some in 2024H1 -> change rate +inf
    set_life("SH-LF-047", "2023H1", 4321.0, 0, 21345, 3210, 25678, 3456, 0, 0, 0, (0, 0))
    set_life("SH-LF-047", "2024H1", 4498.9, 3, 22134, 3345, 26789, 3612, 1, 2, 2, (0, 0))
    # SH-LF-050: opened 2022-06-20, ineligible in 2023H1 -> no prior in 2024H1
    del by["SH-LF-050"].data["2022H1"]
    # SH-LF-051: opened 2023-08-08, no data at all
    by["SH-LF-051"].data = {}
    # excluded types: some have rows in the complaint and statistics exports
    set_pc("SH-RE-01", "2023H1", 35678.9, 0, 120, 0, 2, 0, 2, 2, (0, 0))
    set_pc("SH-RE-01", "2024H1", 37012.5, 0, 131, 0, 1, 0, 1, 1, (0, 0))
    set_pc("SH-PO-01", "2024H1", 98765.0, 0, 4321, 0, 14, 3, 11, 10, (2, 1))
    set_life("SH-RE-02", "2024H1", 21098.7, 0, 0, 0, 0, 0, 0, 0, 0, (0, 0))
    return cos, by


# deductions: (code, indicator, category, points, date, reference, description)
DEDUCTIONS = {
    "2023H1": [
        ("SH-PC-003", "execution", "late_report", "", (2023, 1, 31), "沪消保〔2023〕3号", "2022年度投诉处理工作报告逾期报送"),
        ("SH-PC-003-TS", "improper_handling", "case", "", (2023, 3, 15), "接访记录2023-015", "电销退保投诉处置不当,投诉人来局上访"),
        ("SH-PC-015", "violation", "regulatory_talk", "", (2023, 4, 20), "沪保监谈〔2023〕7号", "理赔时效问题监管谈话"),
        ("SH-PC-027", "violation", "warning_letter", "", (2023, 5, 9), "沪保监警〔2023〕2号", "互联网保险销售页面误导"),
        ("SH-LF-012", "group_event", "visit_5", "", (2023, 2, 27), "接访记录2023-006", "银保渠道理财型产品6人集体来访"),
        ("SH-LF-020", "negative_media", "report", "", (2023, 6, 12), "舆情专报2023-11", "媒体报道退保难"),
        ("SH-LF-030", "execution", "no_accountability", "", (2023, 1, 18), "沪消保〔2023〕1号", "未对多次引发投诉的营业部开展追责"),
        ("SH-LF-031", "execution", "other", "", (2023, 6, 30), "", "联系人变更未报备"),
    ],
    "2024H1": [
        ("SH-PC-003", "execution", "late_report", "", (2024, 1, 26), "沪消保〔2024〕5号", "2023年度投诉处理工作报告逾期报送"),
        ("SH-PC-003-TS", "improper_handling", "case", "", (2024, 3, 5), "接访记录2024-021", "电销续保投诉处置不当,投诉人来局上访"),
        ("SH-PC-003-TS", "improper_handling", "case", "", (2024, 5, 17), "接访记录2024-047", "电销退保投诉处置不当"),
        ("SH-PC-027", "violation", "penalty", "", (2024, 2, 8), "沪金罚决字〔2024〕12号", "互联网保险业务销售误导,行政处罚"),
        ("SH-PC-027", "violation", "warning_letter", "", (2024, 3, 22), "沪金警〔2024〕4号", "退保手续费收取不规范"),
        ("SH-PC-027", "violation", "regulatory_talk", "", (2024, 4, 11), "沪金谈〔2024〕9号", "投诉处理时效问题"),
        ("SH-PC-027", "violation", "warning_letter", "4", (2024, 6, 3), "沪金警〔2024〕9号", "警示函(减轻,按4分计)"),
        ("SH-PC-015", "improper_handling", "case", "", (2024, 1, 15), "接访记录2024-002", "车险理赔投诉处置不当"),
        ("SH-PC-015", "improper_handling", "case", "", (2024, 2, 2), "接访记录2024-009", "车险理赔投诉处置不当"),
        ("SH-PC-015", "improper_handling", "case", "", (2024, 3, 8), "接访记录2024-018", "车险理赔投诉处置不当"),
        ("SH-PC-015", "improper_handling", "case", "", (2024, 4, 1), "接访记录2024-030", "非车险理赔投诉处置不当"),
        ("SH-PC-015", "improper_handling", "case", "", (2024, 5, 6), "接访记录2024-041", "车险理赔投诉处置不当"),
        ("SH-PC-015", "improper_handling", "case", "", (2024, 6, 18), "接访记录2024-055", "车险理赔投诉处置不当"),
        ("SH-PC-011", "group_event", "visit_5", "", (2024, 4, 23), "接访记录2024-033", "货运险7人集体来访"),
        ("SH-PC-020", "negative_media", "report", "8", (2024, 5, 28), "舆情专报2024-09", "自媒体报道拒赔,转载较多"),
        ("SH-LF-008", "execution", "no_accountability", "", (2024, 1, 30), "沪消保〔2024〕8号", "未对投诉问题开展追责"),
        ("SH-LF-008", "execution", "other", "", (2024, 6, 28), "", "投诉联系人变更未报备"),
        ("SH-LF-008-YB", "improper_handling", "case", "", (2024, 4, 2), "接访记录2024-026", "营业部退保投诉处置不当"),
        ("SH-LF-012", "group_event", "mass_50", "", (2024, 3, 14), "沪金消〔2024〕2号", "银保理财型产品60余人聚集"),
        ("SH-LF-012", "group_event", "bad_influence", "", (2024, 3, 20), "沪金消〔2024〕3号", "聚集事件经媒体传播"),
        ("SH-LF-012", "group_event", "visit_5", "", (2024, 5, 9), "接访记录2024-044", "8人集体来访"),
        ("SH-LF-020", "negative_media", "report", "", (2024, 2, 19), "舆情专报2024-03", "媒体报道理赔难"),
        ("SH-LF-020", "negative_media", "severe", "", (2024, 6, 6), "舆情专报2024-12", "销售误导报道引发广泛关注"),
        ("SH-LF-030", "execution", "", "1.5", (2024, 2, 29), "沪消保〔2024〕11号", "投诉数据报送差错(酌情扣1.5分)"),
    ],
}

# checklist items not established: period -> code -> item ids
MISSING = {
    "2023H1": {"SH-PC-027": ["sys_gm_reception", "mech_training"],
               "SH-PC-031": ["sys_other"], "SH-LF-012": ["sys_emergency_plan"],
               "SH-LF-033": ["mech_it_system", "mech_other", "sys_gm_review"],
               "SH-LF-050": ["sys_evaluation"]},
    "2024H1": {"SH-PC-027": ["sys_gm_reception"], "SH-PC-031": ["sys_other", "mech_other"],
               "SH-PC-003-TS": ["sys_gm_reception", "sys_gm_review", "mech_department"],
               "SH-LF-012": ["sys_emergency_plan", "mech_coordination"],
               "SH-LF-033": ["mech_it_system"], "SH-LF-008": ["sys_other"],
               "SH-LF-047": ["sys_archives", "sys_evaluation", "mech_trace", "mech_training"]},
}


# ---------------------------------------------------------------- formatting
def thousands(v, decimals):
    s = f"{v:,.{decimals}f}" if decimals else f"{v:,}"
    return s


def amount_plain(v):
    s = f"{v:.2f}"
    return s[:-3] if s.endswith(".00") else s.rstrip("0")


def amount_cn(v):
    return thousands(v, 2)


def csv_field(s):
    s = str(s)
    if any(ch in s for ch in ',"\r\n'):
        return '"' + s.replace('"', '""') + '"'
    return s


def write(path, rows, style):
    if style == "cn":
        text = "\r\n".join(",".join(csv_field(f) for f in r) for r in rows) + "\r\n"
        data = text.encode("gb18030")
    else:
        text = "\n".join(",".join(csv_field(f) for f in r) if r is not None else "" for r in rows) + "\n"
        data = b"\xef\xbb\xbf" + text.encode("utf-8")
    with open(path, "wb") as f:
        f.write(data)


def date_cn(d, i):
    y, m, dd = d
    return f"{y}年{m}月{dd}日" if i % 2 == 0 else f"{y}/{m}/{dd}"


def date_en(d, i):
    y, m, dd = d
    return f"{y}-{m:02d}-{dd:02d}" if i % 5 else f"{y}-{m}-{dd}"


def in_registry(c, per):
    y = int(per[:4])
    if c.code == "SH-PC-040" and per == "2023H1":
        return False
    return c.open_date <= (y, 6, 30)


def eligible(c, per):
    return c.org in ("branch", "legal_entity") and c.open_date <= (int(per[:4]) - 1, 1, 1)


def write_bundle(cos, per, outdir, style, prior_rows=None):
    os.makedirs(outdir, exist_ok=True)
    cn = style == "cn"
    reg = [c for c in cos if in_registry(c, per)]
    if per == "2024H1":
        # the registry lists the life companies first in this export
        reg = [c for c in reg if c.group == "life"] + [c for c in reg if c.group == "pc"]
    W = lambda name, rows: write(os.path.join(outdir, name), rows, style)  # noqa: E731

    # companies.csv
    if cn:
        rows = [["机构名称", "机构代码", "机构类型", "类别", "开业日期", "上级机构代码"]]
        for i, c in enumerate(reg):
            grp = ("财产险" if i % 3 else "财产保险") if c.group == "pc" else ("人身险" if i % 3 else "人身保险")
            rows.append([c.name, c.code, ORG_ZH[c.org], grp, date_cn(c.open_date, i), c.parent])
    else:
        rows = [["code", "name", "group", "org_type", "parent_code", "open_date"]]
        for i, c in enumerate(reg):
            name = getattr(c, "name_2024", c.name)
            if c.en:
                name = f"{name} ({c.en})"
            code = f" {c.code} " if i % 17 == 3 else c.code
            rows.append([code, name, c.group, c.org, c.parent, date_en(c.open_date, i)])
            if i in (12, 55):
                rows.append(None)
    W("companies.csv", rows)

    withdata = [c for c in reg if per in c.data]
    # complaints.csv
    if cn:
        rows = [["机构代码", "机构名称", "投诉件数", "转办前撤诉件数", "转办件数", "按时处理反馈件数",
                 "车险投诉件数", "非车险投诉件数"]]
        for c in withdata:
            f = c.data[per]
            mv, nv = (f["motor"], f["nonmotor"]) if c.group == "pc" else ("", "")
            rows.append([c.code, c.name, f["total"], f["withdrawn"], f["transferred"],
                         f["on_time"], mv, nv])
    else:
        rows = [["code", "total", "motor", "nonmotor", "withdrawn_before_transfer",
                 "transferred", "on_time"]]
        for i, c in enumerate(withdata):
            f = c.data[per]
            mv, nv = (f["motor"], f["nonmotor"]) if c.group == "pc" else (("0", "0") if i % 2 else ("", ""))
            rows.append([c.code, f["total"], mv, nv, f["withdrawn"], f["transferred"], f["on_time"]])
            if i == 30:
                rows.append(None)
    W("complaints.csv", rows)

    # statistics.csv (the functional centre has no statistics row)
    sd = [c for c in withdata if not (c.org == "functional")]
    if cn:
        rows = [["机构代码", "机构名称", "原保险保费收入（万元）", "车险保费收入(万元)", "非车险保费收入(万元)",
                 "非车险保单件数", "上期期末有效保单件数", "本期新增承保保单件数", "上期期末有效承保人次",
                 "本期新增承保人次"]]
        for c in sd:
            f = c.data[per]
            if c.group == "pc":
                rows.append([c.code, c.name, amount_cn(f["premium"]), amount_cn(f["motor_p"]),
                             amount_cn(f["nm_p"]), thousands(f["policies"], 0), "", "", "", ""])
            else:
                rows.append([c.code, c.name, amount_cn(f["premium"]), "", "", "",
                             thousands(f["inforce"], 0), thousands(f["new"], 0),
                             thousands(f["persons_in"], 0), thousands(f["persons_new"], 0)])
    else:
        rows = [["code", "premium_wan", "motor_premium_wan", "nonmotor_premium_wan",
                 "nonmotor_policies", "prior_inforce_policies", "new_policies",
                 "prior_inforce_persons", "new_persons"]]
        for i, c in enumerate(sd):
            f = c.data[per]
            if c.group == "pc":
                rows.append([c.code, amount_plain(f["premium"]), amount_plain(f["motor_p"]),
                             amount_plain(f["nm_p"]), f["policies"], "", "", "", ""])
            else:
                rows.append([c.code, amount_plain(f["premium"]), "", "", "", f["inforce"],
                             f["new"], f["persons_in"], f["persons_new"]])
    W("statistics.csv", rows)

    # qualitative.csv: evaluated companies (+ the telesales centre, whose row is ignored)
    qd = [c for c in reg if c.org in ("branch", "legal_entity", "telesales") and per in c.data]
    miss = MISSING[per]
    if cn:
        rows = [["机构代码"] + [zh for _, zh in ITEMS] + ["备注"]]
        for c in qd:
            m = miss.get(c.code, [])
            rows.append([c.code] + ["否" if iid in m else "是" for iid, _ in ITEMS] +
                        ["未提供" + "、".join(m) if m else ""])
    else:
        rows = [["code"] + [iid for iid, _ in ITEMS] + ["note"]]
        for i, c in enumerate(qd):
            m = miss.get(c.code, [])
            yes, no = [("Y", "N"), ("1", "0"), ("✓", "✗")][i % 3]
            note = "missing: " + ", ".join(m) if m else ""
            rows.append([c.code] + [no if iid in m else yes for iid, _ in ITEMS] + [note])
    W("qualitative.csv", rows)

    # mediation.csv: every company with something to mediate, plus a few zero rows
    md = [c for c in withdata if c.data[per]["med"][0] > 0 or c.code in ("SH-PC-001", "SH-LF-002")]
    if cn:
        rows = [["机构代码", "需调解数量", "调解成功数量"]]
    else:
        rows = [["code", "needed", "succeeded"]]
    for c in md:
        n, s = c.data[per]["med"]
        rows.append([c.code, n, s])
    W("mediation.csv", rows)

    # deductions.csv
    if cn:
        rows = [["机构代码", "日期", "扣分指标", "扣分类别", "扣分", "文号", "说明"]]
        for i, (code, ind, cat, pts, d, ref, desc) in enumerate(DEDUCTIONS[per]):
            rows.append([code, date_cn(d, i), DED_ZH[ind], cat, pts, ref, desc])
    else:
        rows = [["code", "indicator", "category", "points", "date", "reference", "description"]]
        for i, (code, ind, cat, pts, d, ref, desc) in enumerate(DEDUCTIONS[per]):
            rows.append([code, ind, cat, pts, date_en(d, i), ref, desc])
    W("deductions.csv", rows)

    if prior_rows is not None:
        if cn:
            rows = [["机构代码", "上期投诉件数", "上期原保险保费收入(万元)"]]
            rows += [[code, t, amount_cn(p)] for code, t, p in prior_rows]
        else:
            rows = [["code", "total", "premium_wan"]]
            rows += [[code, t, amount_plain(p)] for code, t, p in prior_rows]
        W("prior.csv", rows)


def prior_rows_for(cos, per_now, per_prior):
    """prior.csv of per_now: the per_prior figures of each entity whose parent
    (or itself) was scored in per_prior and is in per_now's registry."""
    by = {c.code: c for c in cos}
    rows = []
    for c in cos:
        if not in_registry(c, per_now) or per_prior not in c.data:
            continue
        head = by[c.parent] if c.parent else c
        if c.org in ("branch", "legal_entity", "provincial_dept", "telesales", "functional") \
                and in_registry(head, per_prior) and eligible(head, per_prior) \
                and per_prior in head.data:
            f = c.data[per_prior]
            rows.append((c.code, f["total"], f["premium"]))
    return rows


def main():
    out = sys.argv[1] if len(sys.argv) > 1 else os.path.join(REPO, "fixtures", "sample")
    cos, by = build_market()
    # the 2022H1 figures exist only to make 2023H1's prior.csv
    write_bundle(cos, "2023H1", os.path.join(out, "2023H1"), "cn",
                 prior_rows_for(cos, "2023H1", "2022H1"))
    write_bundle(cos, "2024H1", os.path.join(out, "2024H1"), "en")
    write_bundle(cos, "2024H1", os.path.join(out, "2024H1-with-prior"), "en",
                 prior_rows_for(cos, "2024H1", "2023H1"))


if __name__ == "__main__":
    main()
