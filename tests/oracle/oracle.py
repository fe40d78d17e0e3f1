#!/usr/bin/env python3
"""Independent reference implementation ("oracle") of the cescore scoring method.

Written from the specification of the method, the inputs and the outputs (what
docs/method.md, docs/inputs.md and docs/outputs.md now describe) only, without
reading the C engine, so that end-to-end tests can compare the engine's results
JSON with this one.  Python standard library only.

(cases.csv: the counts of complaints.csv derived case by case on config/calendar,
docs/method.md §6.6.)

usage: oracle.py PERIOD BUNDLE [--config FILE] [--columns FILE]
                 [--prior PRIOR.json] [--json OUT.json] [--emit-prior OUT.json]
                 [--explain CODE ...] [--pretty]

  PERIOD        2024H1 / 2024FY
  BUNDLE        directory of CSV files (docs/inputs.md)
  --config      scoring config (default: config/shanghai-2018.json of this repo)
  --columns     header aliases (default: columns.json beside the config)
  --prior       prior-period figures as the archive would give them:
                {"CODE": [total_complaints, premium_wan], ...}; used only when the
                bundle has no prior.csv
  --json        write the results JSON there (default: stdout)
  --emit-prior  write this run's figures in the --prior format (what the archive
                keeps of a run: rolled-up total complaints and premium of each
                scored company), for the next period's --prior
  --explain     print every indicator's arithmetic of these companies to stdout

Exit status: 0 ok, 2 usage, 3 the bundle is invalid (every problem printed on
stderr as  file:line: column X: message).

Amounts are computed in binary floating point like the engine; every rounded
figure (docs/method.md §8) is then held as an integer number of cents so that the
sub-totals, totals, ties and averages are exact decimal sums.
"""
import argparse
import codecs
import csv
import io
import json
import math
import os
import re
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

ORG_TYPES = {
    "branch": "省级分公司", "legal_entity": "法人公司", "provincial_dept": "省级营业部",
    "telesales": "电销中心", "functional": "其他功能型机构", "aviation_center": "航保中心",
    "asset_mgmt": "资产管理公司", "reinsurer": "再保险公司", "policy": "政策性保险公司",
    "captive": "自保公司",
}
EVALUATED = {"branch", "legal_entity"}
ROLLED = {"provincial_dept", "telesales", "functional"}
EXCLUDED_TYPES = {"aviation_center", "asset_mgmt", "reinsurer", "policy", "captive"}
GROUPS = {"pc": "pc", "财产险": "pc", "财产保险": "pc", "life": "life", "人身险": "life", "人身保险": "life"}
DED_IND = {"execution": "制度执行", "improper_handling": "处置不当", "violation": "违法违规",
           "group_event": "重大群体性事件", "negative_media": "负面舆情"}
YES = {"y": 1, "yes": 1, "是": 1, "1": 1, "✓": 1, "√": 1,
       "n": 0, "no": 0, "否": 0, "0": 0, "✗": 0, "×": 0}
VOL = {"pc": ["pc.motor_per_100m_premium", "pc.nonmotor_per_100m_premium",
              "pc.nonmotor_per_10k_policies"],
       "life": ["life.per_100m_premium", "life.per_10k_policies", "life.per_10k_persons"]}
IND_ORDER = ["qual.systems", "qual.mechanisms", "ded.execution",
             "pc.motor_per_100m_premium", "pc.nonmotor_per_100m_premium",
             "pc.nonmotor_per_10k_policies", "life.per_100m_premium",
             "life.per_10k_policies", "life.per_10k_persons", "quant.change_rate",
             "quant.timeliness", "quant.withdrawal", "quant.mediation",
             "ded.improper_handling", "ded.violation", "ded.group_event",
             "ded.negative_media"]
FLAG_ORDER = ["no_volume", "no_premium", "no_prior", "none_transferred",
              "no_complaints", "no_mediation"]
FILES = ["companies.csv", "complaints.csv", "statistics.csv", "qualitative.csv",
         "mediation.csv", "deductions.csv", "prior.csv", "cases.csv"]
REQUIRED_FILES = FILES[:4]

# columns each file must have (others of columns.json are optional: absent = empty)
REQUIRED_COLS = {
    "companies.csv": ["code", "name", "group", "org_type", "open_date"],
    "complaints.csv": ["code", "total", "motor", "nonmotor", "withdrawn_before_transfer",
                       "transferred", "on_time"],
    "statistics.csv": ["code", "premium_wan"],
    "qualitative.csv": ["code"],
    "mediation.csv": ["code", "needed", "succeeded"],
    "deductions.csv": ["code", "indicator", "date"],
    "prior.csv": ["code", "total", "premium_wan"],
    "cases.csv": ["case_id", "code", "received_date", "line", "withdrawn_before_transfer",
                  "transferred_date", "responded_date"],
}


class Invalid(Exception):
    pass


class Diags:
    def __init__(self):
        self.errors = []
        self.warnings = []

    def err(self, file, line, col, msg):
        where = f"{file}:{line}:" if line else f"{file}:"
        self.errors.append(f"{where} column {col}: {msg}" if col else f"{where} {msg}")

    def warn(self, file, line, msg):
        self.warnings.append(f"{file}:{line}: warning: {msg}")


# ---------------------------------------------------------------- value parsers
COUNT_RE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)$")
AMOUNT_RE = re.compile(r"^(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$")
DATE_RES = [re.compile(r"^(\d{4})-(\d{1,2})-(\d{1,2})$"),
            re.compile(r"^(\d{4})/(\d{1,2})/(\d{1,2})$"),
            re.compile(r"^(\d{4})年(\d{1,2})月(\d{1,2})日$")]


def parse_count(s):
    if not COUNT_RE.match(s):
        raise ValueError
    return int(s.replace(",", ""))


def parse_amount(s):
    if not AMOUNT_RE.match(s):
        raise ValueError
    return float(s.replace(",", ""))


def parse_date(s):
    for rx in DATE_RES:
        m = rx.match(s)
        if m:
            return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    raise ValueError


# ---------------------------------------------------------------- period
def parse_period(p):
    m = re.match(r"^(\d{4})(H1|FY)$", p)
    if not m:
        raise Invalid(f"unknown period {p!r}")
    y = int(m.group(1))
    end = date(y, 6, 30) if m.group(2) == "H1" else date(y, 12, 31)
    return y, m.group(2), date(y, 1, 1), end


# ---------------------------------------------------------------- CSV reading
def decode(raw, fname, diags):
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[3:]
        enc = "UTF-8-BOM"
    else:
        enc = "UTF-8"
    try:
        return raw.decode("utf-8"), enc
    except UnicodeDecodeError:
        pass
    try:
        return raw.decode("gb18030"), "GB18030"
    except UnicodeDecodeError:
        for i, ln in enumerate(raw.split(b"\n"), 1):
            try:
                ln.decode("gb18030")
            except UnicodeDecodeError:
                diags.err(fname, i, None, "not valid UTF-8 or GB18030")
                return None, None
        diags.err(fname, 1, None, "not valid UTF-8 or GB18030")
        return None, None


def norm_header(h):
    h = h.strip()
    return "".join(c.lower() if c.isascii() else c for c in h)


def read_csv(path, fname, aliases, diags):
    """-> (list of (line, {canonical: value})) with trimmed values; header
    columns mapped through aliases {normalised alias: canonical}."""
    with open(path, "rb") as f:
        raw = f.read()
    text, enc = decode(raw, fname, diags)
    if text is None:
        return None, set()
    rdr = csv.reader(io.StringIO(text, newline=""), strict=True)
    header = None
    rows = []
    line_before = 0
    try:
        for rec in rdr:
            start = line_before + 1
            line_before = rdr.line_num
            if len(rec) == 0 or (len(rec) == 1 and rec[0].strip() == ""):
                continue
            rec = [v.strip() for v in rec]
            if header is None:
                header = []
                seen = set()
                for h in rec:
                    canon = aliases.get(norm_header(h))
                    if canon is None:
                        diags.warn(fname, start, f"unknown column {h!r} ignored")
                    elif canon in seen:
                        diags.err(fname, start, canon, "column given twice")
                        canon = None
                    else:
                        seen.add(canon)
                    header.append(canon)
                continue
            if len(rec) != len(header):
                diags.err(fname, start, None,
                          f"{len(rec)} fields, header has {len(header)}")
                continue
            rows.append((start, {c: v for c, v in zip(header, rec) if c}))
    except csv.Error as e:
        diags.err(fname, rdr.line_num, None, f"CSV syntax: {e}")
        return None, set()
    if header is None:
        diags.err(fname, 1, None, "empty file (no header)")
        return None, set()
    return rows, set(c for c in header if c)


# ---------------------------------------------------------------- config
class Config:
    def __init__(self, path):
        with open(path, "rb") as f:
            self.text = f.read()
        cfg = json.loads(self.text.decode("utf-8"))
        self.name = cfg["name"]
        b = cfg["blocks"]
        self.qual_points, self.quant_points, self.volume_points = \
            b["qualitative"], b["quantitative"], b["volume"]
        self.decimals = cfg.get("rounding", {}).get("decimals", 2)
        self.eps = cfg.get("rounding", {}).get("epsilon", 1e-9)
        self.prior_rule = cfg.get("prior_period", "same_kind_last_year")
        self.working_days = cfg.get("response_working_days", 15)
        self.calendar_dir = os.path.join(os.path.dirname(os.path.abspath(path)), "calendar")
        self.ind = cfg["indicators"]
        for iid in IND_ORDER:
            if iid not in self.ind:
                raise Invalid(f"config: indicator {iid} missing")
        expect = {"qual.systems": "checklist", "qual.mechanisms": "checklist",
                  "quant.change_rate": "linear_change", "quant.timeliness": "ratio",
                  "quant.withdrawal": "ratio_to_benchmark",
                  "quant.mediation": "ratio_to_benchmark"}
        for v in VOL["pc"] + VOL["life"]:
            expect[v] = "median_scaled"
        for d in DED_IND:
            expect["ded." + d] = "capped_sum"
        for iid, m in expect.items():
            if self.ind[iid]["method"] != m:
                raise Invalid(f"config: {iid}: oracle implements only method {m}")

    def w(self, iid):
        return self.ind[iid]["max"]

    def cap(self, iid):
        return self.ind[iid]["cap"]

    def params(self, iid):
        return self.ind[iid].get("params", {})

    def items(self, iid):
        return self.ind[iid]["items"]

    def category(self, ded, s):
        for c in self.ind["ded." + ded]["categories"]:
            if s == c["id"] or s == c.get("zh"):
                return c
        return None

    def cents(self, v):
        """docs/method.md §8 rounding -> integer cents (for decimals = 2)."""
        scale = 10 ** self.decimals
        if v >= 0:
            return int(math.floor(v * scale + 0.5 + self.eps))
        return -int(math.floor(-v * scale + 0.5 + self.eps))


def c2f(c, decimals=2):
    return round(c / 10 ** decimals, decimals)


# ---------------------------------------------------------------- bundle loading
def load_aliases(columns_path, cfg):
    with open(columns_path, "r", encoding="utf-8") as f:
        cols = json.load(f)["files"]
    out = {}
    for fname, m in cols.items():
        a = {}
        for canon, al in m.items():
            a[norm_header(canon)] = canon
            for x in al:
                a[norm_header(x)] = canon
        out[fname] = a
    q = out.setdefault("qualitative.csv", {})
    for iid in ("qual.systems", "qual.mechanisms"):
        for it in cfg.items(iid):
            q[norm_header(it["id"])] = it["id"]
            q[norm_header(it["zh"])] = it["id"]
    return out


def load_bundle(bundle, period, cfg, aliases, diags):
    year, kind, start, end = period
    present = {f: os.path.isfile(os.path.join(bundle, f)) for f in FILES}
    for f in REQUIRED_FILES:
        if not present[f] and not (f == "complaints.csv" and present["cases.csv"]):
            diags.err(f, 0, None, "required file missing")
    data = {}
    for f in FILES:
        if not present[f]:
            continue
        rows, cols = read_csv(os.path.join(bundle, f), f, aliases.get(f, {}), diags)
        if rows is None:
            continue
        req = list(REQUIRED_COLS[f])
        if f == "qualitative.csv":
            req += [it["id"] for k in ("qual.systems", "qual.mechanisms") for it in cfg.items(k)]
        missing = [c for c in req if c not in cols]
        for c in missing:
            diags.err(f, 1, c, "required column missing")
        if missing:
            continue
        data[f] = rows
    if "companies.csv" not in data:
        return None

    companies = {}
    order = []
    for line, r in data["companies.csv"]:
        F = "companies.csv"
        code = r["code"]
        if not code:
            diags.err(F, line, "code", "empty")
            continue
        if code in companies:
            diags.err(F, line, "code", f"{code} appears twice")
            continue
        c = {"code": code, "name": r["name"], "line": line}
        if not r["name"]:
            diags.err(F, line, "name", "empty")
        g = GROUPS.get(r["group"])
        if g is None:
            diags.err(F, line, "group", f"unknown group {r['group']!r}")
        c["group"] = g
        ot = r["org_type"]
        if ot not in ORG_TYPES:
            ot = {v: k for k, v in ORG_TYPES.items()}.get(ot)
        if ot is None:
            diags.err(F, line, "org_type", f"unknown org type {r['org_type']!r}")
        c["org_type"] = ot
        c["parent"] = r.get("parent_code", "") or None
        try:
            c["open_date"] = parse_date(r["open_date"])
        except ValueError:
            diags.err(F, line, "open_date", f"bad date {r['open_date']!r}")
            c["open_date"] = None
        companies[code] = c
        order.append(code)
    for code in order:
        c = companies[code]
        F, line = "companies.csv", c["line"]
        if c["org_type"] in ROLLED:
            p = companies.get(c["parent"]) if c["parent"] else None
            if not c["parent"]:
                diags.err(F, line, "parent_code", "required for " + c["org_type"])
            elif p is None:
                diags.err(F, line, "parent_code", f"unknown code {c['parent']}")
            elif p["org_type"] not in EVALUATED or p["group"] != c["group"]:
                diags.err(F, line, "parent_code",
                          f"{c['parent']} is not a branch or legal_entity of the same group")
        elif c["parent"] and c["org_type"] is not None:
            diags.err(F, line, "parent_code", "must be empty for " + c["org_type"])

    def eligible(c):
        return c["open_date"] is not None and c["open_date"] <= date(year - 1, 1, 1)

    def rows_of(f):
        """rows with a known code, each code at most once (except deductions)."""
        seen = {}
        out = []
        for line, r in data.get(f, []):
            code = r["code"]
            if code not in companies:
                diags.err(f, line, "code", f"{code!r} is not in companies.csv")
                continue
            if f != "deductions.csv":
                if code in seen:
                    diags.err(f, line, "code", f"{code} appears twice (line {seen[code]})")
                    continue
                seen[code] = line
            out.append((line, companies[code], r))
        return out

    def count(f, line, r, col, empty_zero=False):
        s = r.get(col, "")
        if s == "" and (empty_zero or col not in r):
            return 0
        try:
            return parse_count(s)
        except ValueError:
            diags.err(f, line, col, f"{s!r} is not a count")
            return 0

    def amount(f, line, r, col, empty_zero=False):
        s = r.get(col, "")
        if s == "" and (empty_zero or col not in r):
            return 0.0
        try:
            return parse_amount(s)
        except ValueError:
            diags.err(f, line, col, f"{s!r} is not an amount")
            return 0.0

    comp = {}
    for line, c, r in rows_of("complaints.csv"):
        F = "complaints.csv"
        x = {k: count(F, line, r, k) for k in
             ("total", "withdrawn_before_transfer", "transferred", "on_time")}
        if c["group"] == "pc":
            for k in ("motor", "nonmotor"):
                if r.get(k, "") == "":
                    diags.err(F, line, k, "required for a pc company")
                x[k] = count(F, line, r, k)
            if x["motor"] + x["nonmotor"] != x["total"]:
                diags.err(F, line, "total", f"motor + nonmotor ({x['motor'] + x['nonmotor']}) "
                          f"differs from total ({x['total']})")
        else:
            for k in ("motor", "nonmotor"):
                if count(F, line, r, k, True) != 0:
                    diags.err(F, line, k, f"{r[k]} must be empty or 0 for a life company")
                x[k] = 0
        for k in ("withdrawn_before_transfer", "transferred"):
            if x[k] > x["total"]:
                diags.err(F, line, k, f"{x[k]} exceeds total ({x['total']})")
        if x["on_time"] > x["transferred"]:
            diags.err(F, line, "on_time",
                      f"{x['on_time']} exceeds transferred ({x['transferred']})")
        comp[c["code"]] = x
    if "cases.csv" in data:
        cases_counts(data["cases.csv"], companies, comp, period, cfg, diags)

    stats = {}
    for line, c, r in rows_of("statistics.csv"):
        F = "statistics.csv"
        x = {"premium_wan": amount(F, line, r, "premium_wan")}
        for k in ("motor_premium_wan", "nonmotor_premium_wan"):
            x[k] = amount(F, line, r, k, True)
        for k in ("nonmotor_policies", "prior_inforce_policies", "new_policies",
                  "prior_inforce_persons", "new_persons"):
            x[k] = count(F, line, r, k, True)
        if c["group"] == "pc" and \
                abs(x["motor_premium_wan"] + x["nonmotor_premium_wan"] - x["premium_wan"]) > 0.01:
            diags.err(F, line, "premium_wan",
                      f"{r['premium_wan']} differs from motor + nonmotor premium")
        stats[c["code"]] = x

    qual = {}
    for line, c, r in rows_of("qualitative.csv"):
        F = "qualitative.csv"
        missing = {}
        for iid in ("qual.systems", "qual.mechanisms"):
            miss = []
            for it in cfg.items(iid):
                v = r.get(it["id"], "")
                yn = YES.get(v.lower() if v.isascii() else v)
                if yn is None:
                    diags.err(F, line, it["id"], f"{v!r} is not Y/N")
                elif yn == 0:
                    miss.append(it["id"])
            missing[iid] = miss
        qual[c["code"]] = missing

    med = {}
    for line, c, r in rows_of("mediation.csv"):
        F = "mediation.csv"
        n, s = count(F, line, r, "needed"), count(F, line, r, "succeeded")
        if s > n:
            diags.err(F, line, "succeeded", f"{s} exceeds needed ({n})")
        med[c["code"]] = (n, s)

    deds = []
    for line, c, r in rows_of("deductions.csv"):
        F = "deductions.csv"
        ind = r["indicator"]
        if ind not in DED_IND:
            ind = {v: k for k, v in DED_IND.items()}.get(ind)
        if ind is None:
            diags.err(F, line, "indicator", f"unknown indicator {r['indicator']!r}")
            continue
        cat = r.get("category", "")
        catobj = None
        if cat:
            catobj = cfg.category(ind, cat)
            if catobj is None:
                diags.err(F, line, "category", f"{cat!r} is not a category of {ind}")
                continue
        ps = r.get("points", "")
        if ps:
            try:
                pts = parse_amount(ps)
                if pts <= 0:
                    raise ValueError
            except ValueError:
                diags.err(F, line, "points", f"{ps!r} is not a positive number")
                continue
        elif catobj is not None:
            pts = float(catobj["points"])
        else:
            diags.err(F, line, "points", "empty, and no category gives the points")
            continue
        try:
            d = parse_date(r["date"])
            if not (start <= d <= end):
                diags.err(F, line, "date", f"{r['date']} is outside the period")
        except ValueError:
            diags.err(F, line, "date", f"bad date {r['date']!r}")
        deds.append((c["code"], ind, pts, line))

    prior = None
    if present["prior.csv"]:
        prior = {}
        for line, c, r in rows_of("prior.csv"):
            F = "prior.csv"
            prior[c["code"]] = (count(F, line, r, "total"), amount(F, line, r, "premium_wan"))

    # completeness
    for code in order:
        c = companies[code]
        if c["org_type"] in EVALUATED and c["open_date"] and eligible(c):
            for f, d in (("complaints.csv", comp), ("statistics.csv", stats),
                         ("qualitative.csv", qual)):
                if f == "complaints.csv" and present["cases.csv"]:
                    continue  # no case, no complaint
                if f in data and code not in d:
                    diags.err(f, 0, None, f"no row for eligible company {code}")
    if diags.errors:
        return None
    return {"companies": companies, "order": order, "complaints": comp, "statistics": stats,
            "qualitative": qual, "mediation": med, "deductions": deds, "prior": prior,
            "eligible": eligible}


# ---------------------------------------------------------------- case lists
def working_calendar(directory, year, diags):
    """(is_working(day)) from the calendar files; the period's year must be there."""
    off, work, years = set(), set(), set()
    for name in sorted(os.listdir(directory)) if os.path.isdir(directory) else []:
        if not re.fullmatch(r"\d{4}\.json", name):
            continue
        with open(os.path.join(directory, name), encoding="utf-8") as f:
            d = json.load(f)
        years.add(d["year"])
        for r in d["off"]:
            a, b = date.fromisoformat(r[0]), date.fromisoformat(r[1])
            while a <= b:
                off.add(a)
                a += timedelta(days=1)
        work.update(date.fromisoformat(w) for w in d["work"])
    if year not in years:
        diags.err("cases.csv", 0, None, f"the calendar has no year {year}")
    return lambda d: d in work or (d.weekday() < 5 and d not in off)


def cases_counts(rows, companies, comp, period, cfg, diags):
    """docs/method.md §6.6, counted case by case: the counts of complaints.csv
    per code, added to comp (a code there already is an error)."""
    year, kind, start, end = period
    working = working_calendar(cfg.calendar_dir, year, diags)
    lines = {"motor": "motor", "车险": "motor", "nonmotor": "nonmotor", "非车险": "nonmotor",
             "life": "life", "人身险": "life"}
    yes = {"y": True, "是": True, "1": True, "n": False, "否": False, "0": False}
    derived, seen = {}, {}

    def when(line, r, col):
        try:
            return parse_date(r[col]) if r.get(col, "") else None
        except ValueError:
            diags.err("cases.csv", line, col, f"{r[col]!r} is not a date")
            return None

    for line, r in rows:
        code, cid = r["code"], r["case_id"]
        if cid in seen:
            diags.err("cases.csv", line, "case_id", f"{cid} repeats line {seen[cid]}")
        seen[cid] = line
        if code not in companies:
            diags.err("cases.csv", line, "code", f"{code!r} is not in companies.csv")
            continue
        if code in comp:
            diags.err("cases.csv", line, "code", f"{code} also in complaints.csv")
            continue
        ln = lines.get(r["line"].lower() if r["line"].isascii() else r["line"])
        w = yes.get(r["withdrawn_before_transfer"].lower())
        rec, tr, ans = when(line, r, "received_date"), when(line, r, "transferred_date"), \
            when(line, r, "responded_date")
        if ln is None or w is None or rec is None or not (start <= rec <= end) or \
                (ln == "life") != (companies[code]["group"] == "life") or (w and tr) or \
                (tr and tr < rec) or (ans and (not tr or ans < tr)):
            diags.err("cases.csv", line, None, "contradictory or invalid case")
            continue
        x = derived.setdefault(code, {k: 0 for k in ("total", "motor", "nonmotor",
                                                     "withdrawn_before_transfer", "transferred",
                                                     "on_time")})
        x["total"] += 1
        if ln != "life":
            x[ln] += 1
        x["withdrawn_before_transfer"] += w
        if tr is None or tr > end:
            continue
        deadline, n = tr, cfg.working_days
        while n:
            deadline += timedelta(days=1)
            n -= working(deadline)
        answered = ans is not None and ans <= end
        if answered:
            x["transferred"] += 1
            x["on_time"] += ans <= deadline
        elif deadline <= end:
            x["transferred"] += 1  # overdue: its deadline passed by the end, still open
    comp.update(derived)


# ---------------------------------------------------------------- scoring
def median(vals):
    s = sorted(vals)
    n = len(s)
    if n % 2:
        return s[n // 2]
    return (s[n // 2 - 1] + s[n // 2]) / 2


def score(b, cfg, archive_prior, period_id):
    companies, order = b["companies"], b["order"]
    excluded = []
    scored = []          # codes of eligible evaluated companies
    children = {}
    for code in order:
        c = companies[code]
        if c["org_type"] in EXCLUDED_TYPES:
            excluded.append({"code": code, "reason": "excluded_type"})
        elif c["org_type"] in ROLLED:
            excluded.append({"code": code, "reason": "rolled_up", "into": c["parent"]})
            children.setdefault(c["parent"], []).append(code)
        elif not b["eligible"](c):
            excluded.append({"code": code, "reason": "not_open_full_year"})
        else:
            scored.append(code)

    Z_COMP = dict(total=0, motor=0, nonmotor=0, withdrawn_before_transfer=0,
                  transferred=0, on_time=0)
    Z_STAT = dict(premium_wan=0.0, motor_premium_wan=0.0, nonmotor_premium_wan=0.0,
                  nonmotor_policies=0, prior_inforce_policies=0, new_policies=0,
                  prior_inforce_persons=0, new_persons=0)

    def rolled(table, code, zero):
        acc = None
        for k in [code] + children.get(code, []):
            row = table.get(k)
            if row is None:
                continue
            if acc is None:
                acc = dict(row)
            else:
                for f in acc:
                    acc[f] += row[f]
        return acc if acc is not None else dict(zero)

    co = {}
    for code in scored:
        c = companies[code]
        x = {"code": code, "name": c["name"], "group": c["group"],
             "children": children.get(code, [])}
        x["comp"] = rolled(b["complaints"], code, Z_COMP)
        x["stat"] = rolled(b["statistics"], code, Z_STAT)
        med = [b["mediation"][k] for k in [code] + x["children"] if k in b["mediation"]]
        x["needed"] = sum(m[0] for m in med)
        x["succeeded"] = sum(m[1] for m in med)
        x["deds"] = [d for d in b["deductions"] if d[0] in [code] + x["children"]]
        x["missing"] = b["qualitative"][code]
        # prior figures
        if b["prior"] is not None:
            pr = [b["prior"][k] for k in [code] + x["children"] if k in b["prior"]]
            x["prior"] = (sum(p[0] for p in pr), sum(p[1] for p in pr)) if pr else None
        elif archive_prior is not None and code in archive_prior:
            x["prior"] = tuple(archive_prior[code])
        else:
            x["prior"] = None
        co[code] = x

    out_groups = {}
    explain = {}
    for g in ("pc", "life"):
        peers = [co[k] for k in scored if co[k]["group"] == g]
        bench = {}
        for iid in VOL[g]:
            for x in peers:
                C, S = x["comp"], x["stat"]
                if iid == "pc.motor_per_100m_premium":
                    num, den = C["motor"], S["motor_premium_wan"] / 10000
                elif iid == "pc.nonmotor_per_100m_premium":
                    num, den = C["nonmotor"], S["nonmotor_premium_wan"] / 10000
                elif iid == "pc.nonmotor_per_10k_policies":
                    num, den = C["nonmotor"], S["nonmotor_policies"] / 10000
                elif iid == "life.per_100m_premium":
                    num, den = C["total"], S["premium_wan"] / 10000
                elif iid == "life.per_10k_policies":
                    num, den = C["total"], (S["prior_inforce_policies"] + S["new_policies"]) / 10000
                else:
                    num, den = C["total"], (S["prior_inforce_persons"] + S["new_persons"]) / 10000
                ind = {"applicable": den != 0, "numerator": num, "denominator": den,
                       "weight": cfg.w(iid)}
                if den != 0:
                    ind["value"] = num / den
                x.setdefault("ind", {})[iid] = ind
            app = [x for x in peers if x["ind"][iid]["applicable"]]
            if not app:
                continue
            vals = [x["ind"][iid]["value"] for x in app]
            B = median(vals)
            pooled = None
            if B == 0:
                sd = sum(x["ind"][iid]["denominator"] for x in app)
                pooled = sum(x["ind"][iid]["numerator"] for x in app) / sd
                B = pooled
            bench[iid] = B
            explain[(g, iid)] = (sorted(vals), pooled)
            k = cfg.params(iid).get("zero_at_multiple", 2)
            for x in app:
                ind = x["ind"][iid]
                W = cfg.w(iid)
                ind["benchmark"] = B
                if B == 0:
                    ind["raw"] = float(W)
                else:
                    ind["raw"] = W * min(1.0, max(0.0, 1 - ind["value"] / (k * B)))
        # re-weighting
        for x in peers:
            sw = sum(cfg.w(i) for i in VOL[g] if x["ind"][i]["applicable"])
            x["flags"] = set()
            vb = 0
            for iid in VOL[g]:
                ind = x["ind"][iid]
                if ind["applicable"]:
                    ind["effective_weight"] = cfg.w(iid) * cfg.volume_points / sw
                    ind["c"] = cfg.cents(ind["raw"] * cfg.volume_points / sw)
                else:
                    ind["c"] = 0
                vb += ind["c"]
            if sw == 0:
                x["flags"].add("no_volume")
                vb = cfg.cents(cfg.volume_points) if x["comp"]["total"] == 0 else 0
            x["volume_block"] = vb
        # withdrawal benchmark
        wc = [x for x in peers if x["comp"]["total"] > 0]
        Bw = None
        if wc:
            Bw = sum(x["comp"]["withdrawn_before_transfer"] for x in wc) / \
                sum(x["comp"]["total"] for x in wc)
            bench["quant.withdrawal"] = Bw
        out_groups[g] = {"bench": bench, "peers": peers, "Bw": Bw}

    # industry mediation
    allx = [co[k] for k in scored]
    sn = sum(x["needed"] for x in allx)
    M = sum(x["succeeded"] for x in allx) / sn if sn else None

    pcr = cfg.params("quant.change_rate")
    c_full, c_zero = pcr.get("c_full", 0), pcr.get("c_zero", 1.0)
    msf = pcr.get("missing_score_fraction", 1.0)
    for g in ("pc", "life"):
        Bw = out_groups[g]["Bw"]
        for x in out_groups[g]["peers"]:
            C, S, ind = x["comp"], x["stat"], x["ind"]
            # change rate
            W = cfg.w("quant.change_rate")
            cr = {}
            cur = C["total"] / (S["premium_wan"] / 10000) if S["premium_wan"] != 0 else None
            pri = None
            if x["prior"] is not None and x["prior"][1] != 0:
                pri = x["prior"][0] / (x["prior"][1] / 10000)
            cr["current"], cr["prior"] = cur, pri
            if cur is None or pri is None:
                x["flags"].add("no_premium" if cur is None else "no_prior")
                v = W * msf
            else:
                if pri == 0:
                    c = 0.0 if cur == 0 else math.inf
                else:
                    c = (cur - pri) / pri
                cr["value"] = c
                v = W * min(1.0, max(0.0, (c_zero - c) / (c_zero - c_full)))
            cr["c"] = cfg.cents(v)
            ind["quant.change_rate"] = cr
            # timeliness
            W = cfg.w("quant.timeliness")
            t = {"numerator": C["on_time"], "denominator": C["transferred"]}
            if C["transferred"] == 0:
                x["flags"].add("none_transferred")
                t["c"] = cfg.cents(W)
            else:
                t["value"] = C["on_time"] / C["transferred"]
                t["c"] = cfg.cents(W * t["value"])
            ind["quant.timeliness"] = t
            # withdrawal
            W = cfg.w("quant.withdrawal")
            wd = {"numerator": C["withdrawn_before_transfer"], "denominator": C["total"]}
            if Bw is not None:
                wd["benchmark"] = Bw
            if C["total"] == 0:
                x["flags"].add("no_complaints")
                wd["c"] = cfg.cents(W)
            else:
                wd["value"] = C["withdrawn_before_transfer"] / C["total"]
                wd["c"] = cfg.cents(W if Bw == 0 else W * min(1.0, wd["value"] / Bw))
            ind["quant.withdrawal"] = wd
            # mediation
            W = cfg.w("quant.mediation")
            md = {"numerator": x["succeeded"], "denominator": x["needed"]}
            if M is not None:
                md["benchmark"] = M
            if x["needed"] == 0:
                x["flags"].add("no_mediation")
                md["c"] = cfg.cents(W)
            else:
                md["value"] = x["succeeded"] / x["needed"]
                md["c"] = cfg.cents(W if M == 0 else W * min(1.0, md["value"] / M))
            ind["quant.mediation"] = md
            # checklists
            for iid in ("qual.systems", "qual.mechanisms"):
                ded = {it["id"]: it["deduction"] for it in cfg.items(iid)}
                miss = x["missing"][iid]
                v = max(0, cfg.w(iid) - sum(ded[m] for m in miss))
                ind[iid] = {"missing_items": miss, "c": cfg.cents(v)}
            # deductions
            for d in DED_IND:
                iid = "ded." + d
                pts = sum(p for (_, di, p, _) in x["deds"] if di == d)
                ind[iid] = {"points": pts, "c": cfg.cents(min(cfg.cap(iid), pts))}
            qc = max(0, ind["qual.systems"]["c"] + ind["qual.mechanisms"]["c"]
                     - ind["ded.execution"]["c"])
            nc = max(0, x["volume_block"] + sum(ind[i]["c"] for i in
                     ("quant.change_rate", "quant.timeliness", "quant.withdrawal",
                      "quant.mediation"))
                     - sum(ind["ded." + d]["c"] for d in
                           ("improper_handling", "violation", "group_event", "negative_media")))
            x["qc"], x["nc"], x["tc"] = qc, nc, qc + nc
        # ranking
        peers = out_groups[g]["peers"]
        peers.sort(key=lambda x: (-x["tc"], -x["nc"], x["code"]))
        for i, x in enumerate(peers):
            if i and x["tc"] == peers[i - 1]["tc"]:
                x["rank"] = peers[i - 1]["rank"]
            else:
                x["rank"] = i + 1
        if peers:
            avg = cfg.cents(sum(x["tc"] for x in peers) / 100 / len(peers))
            out_groups[g]["avg"] = avg
            out_groups[g]["below"] = sum(1 for x in peers if x["tc"] < avg)

    return {"groups": out_groups, "M": M, "excluded": excluded, "co": co,
            "explain": explain, "sn": sn, "allx": allx}


def jnum(v):
    if v is None:
        return None
    if isinstance(v, float) and (math.isinf(v) or math.isnan(v)):
        return None
    return v


def to_json(res, cfg, period_id, prior_source):
    groups = {}
    for g in ("pc", "life"):
        G = res["groups"][g]
        groups[g] = {"count": len(G["peers"]),
                     "average_total": c2f(G.get("avg", 0)),
                     "below_average": G.get("below", 0),
                     "benchmarks": {k: v for k, v in G["bench"].items()}}
    comps = []
    for g in ("pc", "life"):
        for x in res["groups"][g]["peers"]:
            inds = {}
            for iid in IND_ORDER:
                if iid not in x["ind"]:
                    continue
                src = x["ind"][iid]
                d = {}
                for k, v in src.items():
                    if k == "c":
                        continue
                    if k == "value" and isinstance(v, float) and math.isinf(v):
                        d["value"] = None
                        d["value_inf"] = True
                        continue
                    d[k] = jnum(v)
                if iid in VOL["pc"] + VOL["life"] and not src["applicable"]:
                    d = {"applicable": False, "numerator": src["numerator"],
                         "denominator": src["denominator"], "weight": src["weight"]}
                d["score"] = c2f(src["c"])
                if iid.startswith("ded."):
                    d["max"] = cfg.cap(iid)
                else:
                    d["max"] = cfg.w(iid)
                inds[iid] = d
            comps.append({
                "code": x["code"], "name": x["name"], "group": g, "rank": x["rank"],
                "total": c2f(x["tc"]), "qualitative": c2f(x["qc"]),
                "quantitative": c2f(x["nc"]),
                "flags": [f for f in FLAG_ORDER if f in x["flags"]],
                "volume_block": c2f(x["volume_block"]),
                "complaints_total": x["comp"]["total"],
                "premium_wan": x["stat"]["premium_wan"],
                "children": x["children"],
                "indicators": inds})
    return {
        "period": period_id,
        "engine_version": "oracle",
        "config": {"name": cfg.name},
        "prior_source": prior_source,
        "groups": groups,
        "industry": {"quant.mediation": res["M"]} if res["M"] is not None else {},
        "companies": comps,
        "excluded": res["excluded"],
    }


# ---------------------------------------------------------------- explain
def fmt(v, d=6):
    if v is None:
        return "n/a"
    if isinstance(v, int):
        return f"{v:,}"
    if math.isinf(v):
        return "+inf"
    s = f"{v:.{d}f}".rstrip("0").rstrip(".")
    return s if s else "0"


def explain(res, cfg, code, out):
    x = res["co"].get(code)
    if x is None:
        out.write(f"{code}: not scored\n")
        return
    g = x["group"]
    C, S, ind = x["comp"], x["stat"], x["ind"]
    w = out.write
    w(f"### {code} {x['name']} ({g})\n\n")
    if x["children"]:
        w(f"Rolled up: {', '.join(x['children'])}\n\n")
    w(f"Complaints (rolled up): {C}\n\nStatistics (rolled up): {S}\n\n")
    w(f"Mediation: needed {x['needed']}, succeeded {x['succeeded']}; prior {x['prior']}\n\n")
    for iid in ("qual.systems", "qual.mechanisms"):
        w(f"- {iid}: missing {ind[iid]['missing_items']} -> {c2f(ind[iid]['c'])}\n")
    for iid in VOL[g]:
        d = ind[iid]
        if not d["applicable"]:
            w(f"- {iid}: denominator 0 -> not applicable\n")
            continue
        vals, pooled = res["explain"][(g, iid)]
        n = len(vals)
        mid = vals[(n - 1) // 2: n // 2 + 1]
        sw = sum(cfg.w(i) for i in VOL[g] if ind[i]["applicable"])
        w(f"- {iid}: x = {d['numerator']} / {fmt(d['denominator'])} = {fmt(d['value'])}; "
          f"n = {n}, middle value(s) {[fmt(v) for v in mid]} -> B = {fmt(d['benchmark'])}"
          f"{' (pooled)' if pooled is not None else ''}; raw = {cfg.w(iid)} * clamp(1 - "
          f"{fmt(d['value'])} / (2 * {fmt(d['benchmark'])})) = {fmt(d['raw'])}; "
          f"contribution = raw * {cfg.volume_points}/{sw} = "
          f"{fmt(d['raw'] * cfg.volume_points / sw)} -> {c2f(d['c'])}\n")
    w(f"- volume block = {c2f(x['volume_block'])}\n")
    cr = ind["quant.change_rate"]
    w(f"- quant.change_rate: current {fmt(cr['current'])}, prior {fmt(cr['prior'])}, "
      f"c = {fmt(cr.get('value'))} -> {c2f(cr['c'])}\n")
    for iid in ("quant.timeliness", "quant.withdrawal", "quant.mediation"):
        d = ind[iid]
        w(f"- {iid}: {d['numerator']} / {d['denominator']} = {fmt(d.get('value'))}, "
          f"benchmark {fmt(d.get('benchmark'))} -> {c2f(d['c'])}\n")
    for dd in DED_IND:
        d = ind["ded." + dd]
        if d["points"]:
            rows = [(p, ln) for (_, di, p, ln) in x["deds"] if di == dd]
            w(f"- ded.{dd}: rows {rows} points {fmt(d['points'])} -> {c2f(d['c'])}\n")
    w(f"- qualitative {c2f(x['qc'])}, quantitative {c2f(x['nc'])}, total {c2f(x['tc'])}, "
      f"rank {x['rank']}, flags {sorted(x['flags'])}\n\n")


# ---------------------------------------------------------------- main
def run(argv=None):
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("period")
    ap.add_argument("bundle")
    ap.add_argument("--config", default=os.path.join(REPO, "config", "shanghai-2018.json"))
    ap.add_argument("--columns")
    ap.add_argument("--prior")
    ap.add_argument("--json")
    ap.add_argument("--emit-prior")
    ap.add_argument("--explain", nargs="*", default=[])
    ap.add_argument("--pretty", action="store_true", help="indent the JSON")
    a = ap.parse_args(argv)
    try:
        period = parse_period(a.period)
        cfg = Config(a.config)
    except Invalid as e:
        print(f"oracle: {e}", file=sys.stderr)
        return 2
    columns = a.columns or os.path.join(os.path.dirname(os.path.abspath(a.config)),
                                        "columns.json")
    aliases = load_aliases(columns, cfg)
    diags = Diags()
    if not os.path.isdir(a.bundle):
        print(f"oracle: {a.bundle}: not a directory", file=sys.stderr)
        return 1
    b = load_bundle(a.bundle, period, cfg, aliases, diags)
    for wmsg in diags.warnings:
        print(wmsg, file=sys.stderr)
    if b is None:
        for e in diags.errors:
            print(e, file=sys.stderr)
        return 3
    archive = None
    if a.prior:
        with open(a.prior, encoding="utf-8") as f:
            archive = json.load(f)
    res = score(b, cfg, archive, a.period)
    src = "prior.csv" if b["prior"] is not None else ("archive" if archive is not None else "none")
    doc = to_json(res, cfg, a.period, src)
    text = json.dumps(doc, ensure_ascii=False, indent=1 if a.pretty else None)
    if a.json:
        with open(a.json, "w", encoding="utf-8") as f:
            f.write(text + "\n")
    elif not a.explain:
        print(text)
    if a.emit_prior:
        pri = {x["code"]: [x["comp"]["total"], x["stat"]["premium_wan"]] for x in res["allx"]}
        with open(a.emit_prior, "w", encoding="utf-8") as f:
            json.dump(pri, f, ensure_ascii=False, indent=1)
    for code in a.explain:
        explain(res, cfg, code, sys.stdout)
    return 0


if __name__ == "__main__":
    sys.exit(run())
