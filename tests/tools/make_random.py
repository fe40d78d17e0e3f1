#!/usr/bin/env python3
"""Write a random but VALID bundle (docs/inputs.md) for oracle comparison and benchmarks.

usage: make_random.py SEED N_PC N_LIFE OUTDIR [--period 2024H1]

N_PC / N_LIFE evaluated companies (branches and legal entities, a few of them
not open a full year) plus rolled-up children (telesales, provincial
departments, functional entities) and excluded-type entities.  Deterministic
for a given seed.  Python standard library only.

Variations (docs/inputs.md allows each; chosen per bundle, file, column or value):
  encodings UTF-8 / UTF-8 with BOM / GB18030 per file; CRLF or LF; English,
  Chinese or mixed headers (ASCII case and padding varied), shuffled column
  order, an unknown extra column; thousands separators; the three date forms
  with and without leading zeros; blank lines; quoted fields (names with commas
  and doubled quotes); padded fields; Y/N 是/否 1/0 ✓/✗; group and org type as
  id or Chinese name; mediation.csv, deductions.csv, prior.csv present or absent;
  zero denominators (no motor, no non-motor, no premium, no policies, no
  complaints, nothing transferred, nothing to mediate); children absent from
  some files; excluded and ineligible entities with and without rows;
  deductions by category, by explicit points, or both; caps exceeded;
  qualitative and quantitative floored at 0; ties (duplicated companies);
  zero medians (pooled fallback) and zero benchmarks.

Ambiguous corners the spec leaves open are avoided on purpose: children of an
ineligible parent, and prior.csv rows of a child whose parent has none.
"""
import argparse
import os
import random
from datetime import date, timedelta

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
GROUP_NAMES = {"pc": ["pc", "财产险", "财产保险"], "life": ["life", "人身险", "人身保险"]}
DED_ZH = {"execution": "制度执行", "improper_handling": "处置不当", "violation": "违法违规",
          "group_event": "重大群体性事件", "negative_media": "负面舆情"}
CATS = {"execution": [("late_report", 2), ("no_accountability", 3), ("other", 1)],
        "improper_handling": [("case", 2)],
        "violation": [("regulatory_talk", 3), ("warning_letter", 5), ("penalty", 10)],
        "group_event": [("mass_50", 15), ("visit_5", 10), ("bad_influence", 10)],
        "negative_media": [("report", 5), ("severe", 15)]}
HEADERS = {
    "companies.csv": [("code", ["机构代码"]), ("name", ["机构名称"]), ("group", ["类别"]),
                      ("org_type", ["机构类型"]), ("parent_code", ["上级机构代码"]),
                      ("open_date", ["开业日期"])],
    "complaints.csv": [("code", ["机构代码"]), ("total", ["投诉件数"]), ("motor", ["车险投诉件数"]),
                       ("nonmotor", ["非车险投诉件数"]),
                       ("withdrawn_before_transfer", ["转办前撤诉件数"]),
                       ("transferred", ["转办件数"]), ("on_time", ["按时处理反馈件数"])],
    "statistics.csv": [("code", ["机构代码"]),
                       ("premium_wan", ["原保险保费收入(万元)", "原保险保费收入（万元）"]),
                       ("motor_premium_wan", ["车险保费收入(万元)", "车险保费收入（万元）"]),
                       ("nonmotor_premium_wan", ["非车险保费收入(万元)", "非车险保费收入（万元）"]),
                       ("nonmotor_policies", ["非车险保单件数"]),
                       ("prior_inforce_policies", ["上期期末有效保单件数"]),
                       ("new_policies", ["本期新增承保保单件数"]),
                       ("prior_inforce_persons", ["上期期末有效承保人次"]),
                       ("new_persons", ["本期新增承保人次"])],
    "qualitative.csv": [("code", ["机构代码"])] + [(i, [zh]) for i, zh in ITEMS] + [("note", ["备注"])],
    "mediation.csv": [("code", ["机构代码"]), ("needed", ["需调解数量"]), ("succeeded", ["调解成功数量"])],
    "deductions.csv": [("code", ["机构代码"]), ("indicator", ["扣分指标"]), ("category", ["扣分类别"]),
                       ("points", ["扣分"]), ("date", ["日期"]), ("reference", ["文号"]),
                       ("description", ["说明"])],
    "prior.csv": [("code", ["机构代码"]), ("total", ["上期投诉件数"]),
                  ("premium_wan", ["上期原保险保费收入(万元)", "上期原保险保费收入（万元）"])],
}
SYL = "华安泰康瑞丰嘉禾鼎恒信诚汇通金桥远航海晏德润兆启元鸿宏图晨曦澜永吉裕民云杉北辰明南山凯旋同润青锦程福寿宁宝鹤年长青合仁延平怡和顺君广昌盛弘天乐新祥博颐"


class Ent:
    pass


def cents_str(c, rng, thousands_ok=True):
    """format an amount given in hundredths."""
    whole, frac = divmod(c, 100)
    w = f"{whole:,}" if thousands_ok and rng.random() < 0.3 else str(whole)
    r = rng.random()
    if frac == 0 and r < 0.5:
        return w
    if frac % 10 == 0 and r < 0.7:
        return f"{w}.{frac // 10}"
    return f"{w}.{frac:02d}"


def count_str(n, rng):
    return f"{n:,}" if rng.random() < 0.25 else str(n)


def date_str(d, rng):
    y, m, dd = d.year, d.month, d.day
    k = rng.randrange(6)
    if k == 0:
        return f"{y}-{m:02d}-{dd:02d}"
    if k == 1:
        return f"{y}-{m}-{dd}"
    if k == 2:
        return f"{y}/{m}/{dd}"
    if k == 3:
        return f"{y}/{m:02d}/{dd:02d}"
    if k == 4:
        return f"{y}年{m}月{dd}日"
    return f"{y}年{m:02d}月{dd:02d}日"


def rand_date(rng, lo, hi):
    return lo + timedelta(days=rng.randint(0, (hi - lo).days))


def name(rng, group, org, parent_name=None):
    stem = "".join(rng.choice(SYL) for _ in range(rng.choice((2, 2, 3))))
    if parent_name:
        base = parent_name.replace("上海分公司", "")
        tail = {"telesales": "上海电销中心", "provincial_dept": "上海营业部",
                "functional": "上海客户服务中心"}[org]
        return base + tail
    kind = {"pc": "财产保险股份有限公司", "life": rng.choice(["人寿保险股份有限公司", "健康保险股份有限公司",
                                                       "养老保险股份有限公司"])}[group]
    if org == "reinsurer":
        kind = "再保险股份有限公司"
    elif org == "asset_mgmt":
        kind = "资产管理股份有限公司"
    elif org == "captive":
        kind = "自保有限公司"
    elif org == "aviation_center":
        kind = "航空保险中心"
    elif org == "policy":
        kind = "出口信用保险公司"
    n = stem + kind + ("上海分公司" if org in ("branch", "reinsurer", "policy") else "")
    r = rng.random()
    if r < 0.05:
        n += f" ({stem} Insurance Co., Ltd.)"
    elif r < 0.08:
        n += f'("{stem}")'
    return n


def gen_pc_figures(rng, modes, size):
    kind = rng.random()
    motor_share = rng.uniform(0.3, 0.85)
    f = {}
    if kind < 0.06:
        motor_share = 0.0                      # no motor business
    elif kind < 0.10:
        motor_share = 1.0                      # motor only
    prem_c = int(size * 100)
    if kind >= 0.10 and kind < 0.12:
        prem_c = 0                             # no premium at all
    mp = int(prem_c * motor_share)
    nmp = prem_c - mp
    pol = int(nmp / 100 * 10000 / rng.uniform(80, 3000)) if nmp else 0
    if nmp and rng.random() < 0.02:
        pol = 0                                # policies not reported
    sparse = modes["sparse_pc"] and rng.random() < 0.6
    mc = 0 if sparse else int(round(mp / 100 / 10000 * rng.lognormvariate(1.6, 0.5)))
    nc = 0 if sparse else int(round(nmp / 100 / 10000 * rng.lognormvariate(1.4, 0.6)))
    if prem_c == 0 and rng.random() < 0.6:
        nc = rng.randint(1, 5)
    if rng.random() < 0.05:
        mc = nc = 0
    f.update(premium_c=prem_c, motor_c=mp, nonmotor_c=nmp, policies=pol, motor=mc,
             nonmotor=nc, total=mc + nc)
    split(rng, modes, f, "pc")
    return f


def gen_life_figures(rng, modes, size):
    prem_c = int(size * 100)
    if rng.random() < 0.02:
        prem_c = 0
    inforce = int(size * rng.uniform(2, 12))
    new = int(inforce * rng.uniform(0.03, 0.3))
    if rng.random() < 0.03:
        inforce = new = 0
    pin = int(inforce * rng.uniform(1.0, 4.0))
    pnew = int(new * rng.uniform(1.0, 5.0))
    if rng.random() < 0.03:
        pin = pnew = 0
    sparse = modes["sparse_life"] and rng.random() < 0.6
    tot = 0 if sparse or rng.random() < 0.05 else \
        int(round(max(prem_c / 100, 500) / 10000 * rng.lognormvariate(1.6, 0.6)))
    f = dict(premium_c=prem_c, inforce=inforce, new=new, pin=pin, pnew=pnew, total=tot,
             motor=0, nonmotor=0)
    split(rng, modes, f, "life")
    return f


def split(rng, modes, f, group):
    t = f["total"]
    w = 0 if modes["no_withdraw_" + group] else int(round(t * rng.uniform(0, 0.45)))
    tr = int(round((t - w) * rng.uniform(0.5, 1.0)))
    if rng.random() < 0.05:
        tr = 0
    on = int(round(tr * rng.uniform(0.7, 1.0)))
    need = int(round(t * rng.uniform(0, 0.15)))
    succ = 0 if modes["no_med_success"] else int(round(need * rng.uniform(0.2, 1.0)))
    f.update(withdrawn=w, transferred=tr, on_time=on, needed=need, succeeded=succ)


def build(seed, n_pc, n_life, period):
    rng = random.Random(seed)
    year = int(period[:4])
    start = date(year, 1, 1)
    end = date(year, 6, 30) if period.endswith("H1") else date(year, 12, 31)
    cutoff = date(year - 1, 1, 1)
    modes = {"sparse_pc": rng.random() < 0.12, "sparse_life": rng.random() < 0.12,
             "no_withdraw_pc": rng.random() < 0.06, "no_withdraw_life": rng.random() < 0.06,
             "no_med_success": rng.random() < 0.06,
             "mediation_file": rng.random() < 0.8, "deductions_file": rng.random() < 0.8,
             "prior_file": rng.random() < 0.5}
    ents = []
    for group, n, tag in (("pc", n_pc, "PC"), ("life", n_life, "LF")):
        for i in range(1, n + 1):
            e = Ent()
            e.code = f"R{seed % 1000:03d}-{tag}-{i:04d}"
            e.group = group
            e.org = "legal_entity" if rng.random() < 0.15 else "branch"
            e.parent = ""
            e.name = name(rng, group, e.org)
            e.eligible = rng.random() >= 0.04
            e.open = rand_date(rng, date(1995, 1, 1), cutoff) if e.eligible \
                else rand_date(rng, cutoff + timedelta(days=1), end)
            size = rng.lognormvariate(9.8, 1.4)       # 万元, median ~18,000
            e.fig = gen_pc_figures(rng, modes, size) if group == "pc" \
                else gen_life_figures(rng, modes, size)
            e.has_rows = e.eligible or rng.random() < 0.5
            ents.append(e)
    evaluated = [e for e in ents if e.eligible]
    # ties: copy one company's figures into another of the same group
    for group in ("pc", "life"):
        cand = [e for e in evaluated if e.group == group]
        if len(cand) >= 4 and rng.random() < 0.5:
            a, b = rng.sample(cand, 2)
            b.fig = dict(a.fig)
            a.tie = b.tie = True
    # children
    kids = []
    for e in evaluated:
        if getattr(e, "tie", False) or rng.random() >= 0.08:
            continue
        for k in range(rng.choice((1, 1, 2))):
            c = Ent()
            c.org = rng.choice(["telesales", "provincial_dept", "functional"]) if e.group == "life" \
                else rng.choice(["telesales", "telesales", "provincial_dept", "functional"])
            c.code = f"{e.code}-{ {'telesales': 'TS', 'provincial_dept': 'YB', 'functional': 'FN'}[c.org] }{k}"
            c.group, c.parent, c.eligible = e.group, e.code, False
            c.name = name(rng, e.group, c.org, e.name)
            c.open = rand_date(rng, date(2000, 1, 1), end)   # children need not be open a full year
            size = rng.lognormvariate(8.5, 1.2)
            c.fig = gen_pc_figures(rng, modes, size) if e.group == "pc" \
                else gen_life_figures(rng, modes, size)
            c.has_rows = rng.random() < 0.85
            kids.append(c)
    # excluded types
    excl = []
    for k in range(max(1, (n_pc + n_life) // 30)):
        c = Ent()
        c.org = rng.choice(["aviation_center", "asset_mgmt", "reinsurer", "policy", "captive"])
        c.group = rng.choice(["pc", "life"])
        c.code = f"R{seed % 1000:03d}-EX-{k + 1:03d}"
        c.parent, c.eligible = "", False
        c.name = name(rng, c.group, c.org)
        c.open = rand_date(rng, date(1995, 1, 1), end)
        c.fig = gen_pc_figures(rng, modes, 3000) if c.group == "pc" \
            else gen_life_figures(rng, modes, 3000)
        c.has_rows = rng.random() < 0.5
        excl.append(c)
    allents = ents + kids + excl
    for e in allents:
        e.missing = []
        if rng.random() < 0.15:
            e.missing = rng.sample([i for i, _ in ITEMS], rng.randint(1, 6))
        if rng.random() < 0.01:
            e.missing = [i for i, _ in ITEMS]
    for e in evaluated:
        if getattr(e, "tie", False):
            e.missing = []
    # deductions
    deds = []
    inds = list(CATS)
    for e in allents:
        if getattr(e, "tie", False):
            continue
        p = 0.10 if e.eligible else 0.04
        if rng.random() >= p:
            continue
        nrows = rng.choice((1, 1, 2, 3, 4, 8))
        heavy = rng.random() < 0.1
        for _ in range(nrows):
            ind = rng.choice(inds)
            if heavy:
                ind = rng.choice(["group_event", "negative_media", "violation", "execution"])
                cat, pts = CATS[ind][-1 if ind != "execution" else 1][0], str(rng.choice([15, 20, 30]))
            else:
                cat, cp = rng.choice(CATS[ind])
                r = rng.random()
                if r < 0.6:
                    pts = ""
                elif r < 0.8:
                    pts = rng.choice(["0.5", "1", "1.5", "4", "7.25", "12"])
                else:
                    cat, pts = "", rng.choice(["0.5", "2", "3.5", "6", "11"])
            deds.append((e.code, ind, cat, pts, rand_date(rng, start, end)))
    # prior.csv figures
    prior = []
    if modes["prior_file"]:
        for e in evaluated:
            if rng.random() < 0.12:
                continue
            f = e.fig
            pt = int(f["total"] * rng.uniform(0.5, 1.5))
            pp = int(f["premium_c"] * rng.uniform(0.8, 1.2))
            r = rng.random()
            if r < 0.04:
                pp = 0
            elif r < 0.10:
                pt = 0
            if getattr(e, "tie", False):
                pt, pp = f["total"], f["premium_c"]
            prior.append((e.code, pt, pp))
            for c in kids:
                if c.parent == e.code and rng.random() < 0.5:
                    prior.append((c.code, rng.randint(0, 30), rng.randint(0, 5_000_000)))
        for e in excl + [x for x in ents if not x.eligible]:
            if rng.random() < 0.3:
                prior.append((e.code, rng.randint(0, 20), rng.randint(0, 1_000_000)))
        # the tie's two companies must have the same prior
        ties = [e for e in evaluated if getattr(e, "tie", False)]
        tcodes = {e.code for e in ties}
        prior = [p for p in prior if p[0] not in tcodes]
        for e in ties:
            prior.append((e.code, e.fig["total"], e.fig["premium_c"]))
    return rng, modes, allents, deds, prior


# ---------------------------------------------------------------- writing
class Writer:
    def __init__(self, rng, outdir):
        self.rng, self.outdir = rng, outdir

    def header(self, canon, aliases, lang):
        rng = self.rng
        use_zh = lang == "zh" or (lang == "mix" and rng.random() < 0.5)
        h = rng.choice(aliases) if use_zh else canon
        if not use_zh:
            r = rng.random()
            if r < 0.08:
                h = h.upper()
            elif r < 0.16:
                h = h[:1].upper() + h[1:]
        if rng.random() < 0.05:
            h = " " + h + " "
        return h

    def field(self, v):
        rng = self.rng
        v = str(v)
        if any(ch in v for ch in ',"\r\n'):
            return '"' + v.replace('"', '""') + '"'
        r = rng.random()
        if r < 0.08:
            return '"' + v + '"'
        if r < 0.11 and v:
            return " " + v + "  "
        return v

    def write(self, fname, cols, rows):
        """cols: list of canonical names (HEADERS order subset); rows: list of dicts."""
        rng = self.rng
        spec = dict(HEADERS[fname])
        lang = rng.choice(["en", "zh", "mix"])
        order = list(cols)
        if rng.random() < 0.7:
            rng.shuffle(order)
        extra = rng.random() < 0.2
        head = [self.header(c, spec[c], lang) for c in order]
        if extra:
            pos = rng.randint(0, len(head))
            head.insert(pos, rng.choice(["序号", "remark", "统计口径", "Comment"]))
        lines = [",".join(self.field(h) if h.strip() == h else h for h in head)]
        rows = list(rows)
        rng.shuffle(rows)
        for r in rows:
            vals = [self.field(r.get(c, "")) for c in order]
            if extra:
                vals.insert(pos, self.field(rng.choice(["", "1", "见附件", "x,y"])))
            lines.append(",".join(vals))
            if rng.random() < 0.02:
                lines.append("")
        nl = "\r\n" if rng.random() < 0.4 else "\n"
        text = nl.join(lines)
        if rng.random() < 0.9:
            text += nl
        if rng.random() < 0.1:
            text += nl
        enc = rng.choice(["utf-8", "utf-8-bom", "gb18030"])
        data = text.encode("gb18030" if enc == "gb18030" else "utf-8")
        if enc == "utf-8-bom":
            data = b"\xef\xbb\xbf" + data
        with open(os.path.join(self.outdir, fname), "wb") as f:
            f.write(data)


def write_bundle(seed, n_pc, n_life, outdir, period):
    rng, modes, ents, deds, prior = build(seed, n_pc, n_life, period)
    os.makedirs(outdir, exist_ok=True)
    for f in os.listdir(outdir):
        if f.endswith(".csv"):
            os.remove(os.path.join(outdir, f))
    W = Writer(rng, outdir)
    comp_rows = []
    for e in ents:
        comp_rows.append({"code": e.code, "name": e.name,
                          "group": rng.choice(GROUP_NAMES[e.group]),
                          "org_type": e.org if rng.random() < 0.5 else ORG_ZH[e.org],
                          "parent_code": e.parent, "open_date": date_str(e.open, rng)})
    W.write("companies.csv", [c for c, _ in HEADERS["companies.csv"]], comp_rows)
    with_rows = [e for e in ents if e.has_rows]
    rows = []
    for e in with_rows:
        f = e.fig
        r = {"code": e.code, "total": count_str(f["total"], rng),
             "withdrawn_before_transfer": count_str(f["withdrawn"], rng),
             "transferred": count_str(f["transferred"], rng), "on_time": count_str(f["on_time"], rng)}
        if e.group == "pc":
            r["motor"], r["nonmotor"] = count_str(f["motor"], rng), count_str(f["nonmotor"], rng)
        else:
            r["motor"] = r["nonmotor"] = rng.choice(["", "0"])
        rows.append(r)
    W.write("complaints.csv", [c for c, _ in HEADERS["complaints.csv"]], rows)
    rows = []
    for e in with_rows:
        f = e.fig
        if not e.eligible and rng.random() < 0.3:
            continue
        r = {"code": e.code}
        if e.group == "pc":
            mp, nmp = f["motor_c"], f["nonmotor_c"]
            if rng.random() < 0.05 and f["premium_c"] > 0:
                # 0.004 away from motor + non-motor: inside the 0.01 tolerance
                r["premium_wan"] = f"{f['premium_c'] // 100}.{f['premium_c'] % 100:02d}4"
            else:
                r["premium_wan"] = cents_str(f["premium_c"], rng)
            r["motor_premium_wan"] = "" if mp == 0 and rng.random() < 0.5 else cents_str(mp, rng)
            r["nonmotor_premium_wan"] = "" if nmp == 0 and rng.random() < 0.5 else cents_str(nmp, rng)
            r["nonmotor_policies"] = "" if f["policies"] == 0 and rng.random() < 0.5 \
                else count_str(f["policies"], rng)
            for k in ("prior_inforce_policies", "new_policies", "prior_inforce_persons", "new_persons"):
                r[k] = rng.choice(["", "", "0"])
        else:
            r["premium_wan"] = cents_str(f["premium_c"], rng)
            for k, v in (("prior_inforce_policies", f["inforce"]), ("new_policies", f["new"]),
                         ("prior_inforce_persons", f["pin"]), ("new_persons", f["pnew"])):
                r[k] = "" if v == 0 and rng.random() < 0.5 else count_str(v, rng)
            for k in ("motor_premium_wan", "nonmotor_premium_wan", "nonmotor_policies"):
                r[k] = rng.choice(["", "", "0"])
        rows.append(r)
    W.write("statistics.csv", [c for c, _ in HEADERS["statistics.csv"]], rows)
    rows = []
    yn = [("Y", "N"), ("是", "否"), ("1", "0"), ("✓", "✗")]
    for e in with_rows:
        if e.org not in ("branch", "legal_entity") and rng.random() < 0.5:
            continue
        yes, no = rng.choice(yn)
        r = {"code": e.code}
        for iid, _ in ITEMS:
            r[iid] = no if iid in e.missing else yes
        r["note"] = rng.choice(["", "", "", "报告按时报送", "制度齐全,执行良好", '见"附件3"'])
        rows.append(r)
    qcols = [c for c, _ in HEADERS["qualitative.csv"]]
    if rng.random() < 0.3:
        qcols.remove("note")
    W.write("qualitative.csv", qcols, rows)
    if modes["mediation_file"]:
        rows = [{"code": e.code, "needed": count_str(e.fig["needed"], rng),
                 "succeeded": count_str(e.fig["succeeded"], rng)}
                for e in with_rows if e.fig["needed"] > 0 or rng.random() < 0.1]
        W.write("mediation.csv", [c for c, _ in HEADERS["mediation.csv"]], rows)
    if modes["deductions_file"]:
        rows = []
        for i, (code, ind, cat, pts, d) in enumerate(deds):
            rows.append({"code": code, "indicator": ind if rng.random() < 0.6 else DED_ZH[ind],
                         "category": cat, "points": pts, "date": date_str(d, rng),
                         "reference": rng.choice(["", f"沪金消〔{d.year}〕{i + 1}号", f"REF-{i}"]),
                         "description": rng.choice(["", "投诉处置不当", "报道称\"理赔难\"", "逾期,未报"])})
        W.write("deductions.csv", [c for c, _ in HEADERS["deductions.csv"]], rows)
    if modes["prior_file"]:
        rows = [{"code": c, "total": count_str(t, rng), "premium_wan": cents_str(p, rng)}
                for c, t, p in prior]
        W.write("prior.csv", [c for c, _ in HEADERS["prior.csv"]], rows)
    return modes


def main():
    ap = argparse.ArgumentParser(description="write a random valid bundle")
    ap.add_argument("seed", type=int)
    ap.add_argument("n_pc", type=int)
    ap.add_argument("n_life", type=int)
    ap.add_argument("outdir")
    ap.add_argument("--period", default="2024H1")
    a = ap.parse_args()
    write_bundle(a.seed, a.n_pc, a.n_life, a.outdir, a.period)


if __name__ == "__main__":
    main()
