#!/usr/bin/env python3
"""Derive a case list (cases.csv) from an aggregate bundle, so that the
engine must give exactly the bundle's results from it (docs/inputs.md §4.8,
docs/method.md §6.6).

For every row of the bundle's complaints.csv (total, motor, nonmotor,
withdrawn_before_transfer, transferred, on_time) the script writes that many
cases whose counts, as of the period's last day on the working-day calendar
of config/calendar/, are exactly the row's: withdrawn cases; cases answered
on time (some on the deadline itself); overdue cases (answered one working
day late, later, after the period's end, or not at all); and cases that are
not counted (never transferred, transferred after the end, or still within
their deadline at the end). Transfer dates are drawn with a bias towards the
days before and during the official holidays (so that deadlines run across
the Spring Festival, Qingming, May Day and the make-up working days) and
towards rest days.

  --style en   UTF-8 with BOM, English headers, LF, dates 2024-03-05 and
               2024/3/5, Y/N (and y/n, 1/0), motor/nonmotor/life
  --style zh   GB18030, Chinese headers, CRLF, dates 2024年3月5日, 2024-03-05
               and 2024/3/5, 是/否, 车险/非车险/人身险, a blank line
  --codes all  every company's complaints come from cases.csv (no
               complaints.csv is written)
  --codes half every other company stays in complaints.csv (a mixed bundle)

Every other file of the bundle is copied byte for byte. The script checks
each case it writes against its intended class and prints a summary (JSON)
including how many transferred cases counting Monday-Friday only (ignoring
the official calendar) would misjudge. Deterministic: fixed seed, standard
library only.

usage: make_cases.py BUNDLE PERIOD OUTDIR [--style en|zh] [--codes all|half]
                     [--seed N] [--calendar DIR] [--columns FILE]
"""
import argparse
import codecs
import csv
import io
import json
import os
import random
import re
import shutil
import sys
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))

EN_HEADER = ["case_id", "code", "received_date", "line", "withdrawn_before_transfer",
             "transferred_date", "responded_date", "channel", "product", "reason"]
ZH_HEADER = ["投诉编号", "机构代码", "登记日期", "险种类别", "转办前撤诉", "转办日期", "反馈日期",
             "渠道", "产品", "投诉原因"]
LINE_ZH = {"motor": "车险", "nonmotor": "非车险", "life": "人身险"}
CHANNELS = ["电话", "网络", "来信", "来访", "12378热线", "监管转办"]
PRODUCTS = {"motor": ["交强险", "商业车险"], "nonmotor": ["健康险", "意外险", "财产险", "责任险"],
            "life": ["终身寿险", "两全保险", "年金保险", "健康险", "意外险"]}
REASONS = ["理赔纠纷", "销售纠纷", "保全纠纷", "退保纠纷", "服务质量", "费用纠纷", "其他"]


# ---------------------------------------------------------------- calendar
class Calendar:
    """The official calendar (config/calendar/YYYY.json), or weekdays only."""

    def __init__(self, directory=None):
        self.off, self.work, self.years = set(), set(), set()
        if directory is None:
            return
        for name in sorted(os.listdir(directory)):
            if not re.fullmatch(r"\d{4}\.json", name):
                continue
            d = json.load(open(os.path.join(directory, name), encoding="utf-8"))
            self.years.add(d["year"])
            for r in d["off"]:
                a, b = date.fromisoformat(r[0]), date.fromisoformat(r[1])
                while a <= b:
                    self.off.add(a)
                    a += timedelta(days=1)
            self.work.update(date.fromisoformat(w) for w in d["work"])

    def working(self, d):
        return d in self.work or (d.weekday() < 5 and d not in self.off)

    def deadline(self, t, n):
        d = t
        while n:
            d += timedelta(days=1)
            n -= self.working(d)
        return d


def classify(cal, n, end, t, a):
    """None (not transferred by the end), 'pending' (open, deadline not
    passed), 'on_time' or 'overdue' -- docs/method.md §6.6."""
    if t is None or t > end:
        return None
    d = cal.deadline(t, n)
    answered = a is not None and a <= end
    if not answered:
        return "overdue" if d <= end else "pending"
    return "on_time" if a <= d else "overdue"


# ---------------------------------------------------------------- reading
def decode(raw):
    if raw.startswith(codecs.BOM_UTF8):
        return raw[3:].decode("utf-8"), "utf-8-sig"
    try:
        return raw.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        return raw.decode("gb18030"), "gb18030"


def aliases_of(columns, fname):
    out = {}
    for canon, names in json.load(open(columns, encoding="utf-8"))["files"].get(fname, {}).items():
        out[canon.lower()] = canon
        for n in names:
            out[n.strip().lower()] = canon
    return out


def read_table(path, columns):
    text, _ = decode(open(path, "rb").read())
    al = aliases_of(columns, os.path.basename(path))
    rows, header = [], None
    for rec in csv.reader(io.StringIO(text, newline="")):
        if not any(f.strip() for f in rec):
            continue
        rec = [f.strip() for f in rec]
        if header is None:
            header = [al.get(h.lower()) for h in rec]
            continue
        rows.append({h: v for h, v in zip(header, rec) if h})
    return rows


def count(s):
    return int(s.replace(",", "")) if s else 0


# ---------------------------------------------------------------- cases
class Maker:
    def __init__(self, period, cal, n, rng):
        y = int(period[:4])
        self.start = date(y, 1, 1)
        self.end = date(y, 6, 30) if period.endswith("H1") else date(y, 12, 31)
        self.cal, self.n, self.rng = cal, n, rng
        days = [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]
        self.days = days
        # the days before and during each holiday, the make-up days, the rest days
        near = set()
        for d in days:
            if d in cal.off or d in cal.work:
                for k in range(0, 8):
                    near.add(d - timedelta(days=k))
        self.interesting = sorted(x for x in near if self.start <= x <= self.end)
        self.rest = [d for d in days if not cal.working(d)]

    def day(self):
        r = self.rng.random()
        if r < 0.35 and self.interesting:
            return self.rng.choice(self.interesting)
        if r < 0.5 and self.rest:
            return self.rng.choice(self.rest)
        return self.rng.choice(self.days)

    def received_before(self, t):
        r = t - timedelta(days=self.rng.randint(0, 6))
        return max(r, self.start)

    def transferred(self, want):
        """(received, transferred, answered) of a case classed want."""
        rng, end = self.rng, self.end
        for _ in range(10000):
            t = self.day()
            d = self.cal.deadline(t, self.n)
            if want == "on_time":
                hi = min(d, end)
                a = d if (d <= end and rng.random() < 0.35) else t + timedelta(days=rng.randint(0, (hi - t).days))
            else:  # overdue: the deadline passed by the end
                if d > end:
                    continue
                nxt = self.cal.deadline(d, 1)
                k = rng.random()
                if k < 0.3 and nxt <= end:
                    a = nxt  # one working day late
                elif k < 0.55:
                    a = d + timedelta(days=rng.randint(1, max(1, (end - d).days)))
                elif k < 0.8:
                    a = None
                else:
                    a = end + timedelta(days=rng.randint(1, 40))  # answered after the end
            if classify(self.cal, self.n, end, t, a) == want:
                return self.received_before(t), t, a
        raise SystemExit(f"cannot draw a case {want}")

    def not_counted(self):
        rng, end = self.rng, self.end
        k = rng.random()
        if k < 0.4:  # never transferred (handled directly, still registering...)
            return rng.choice(self.days), None, None
        if k < 0.55:  # transferred after the end
            r = end - timedelta(days=rng.randint(0, 8))
            return r, end + timedelta(days=rng.randint(1, 12)), None
        for _ in range(10000):  # open at the end, its deadline not passed
            t = end - timedelta(days=rng.randint(0, 25))
            d = self.cal.deadline(t, self.n)
            if d <= end:
                continue
            a = None if rng.random() < 0.5 else end + timedelta(days=rng.randint(1, (d - end).days + 5))
            if classify(self.cal, self.n, end, t, a) == "pending":
                return self.received_before(t), t, a
        raise SystemExit("cannot draw a pending case")


def company_cases(mk, row, group):
    rng = mk.rng
    total, w, tr, ot = (count(row.get(k, "")) for k in
                        ("total", "withdrawn_before_transfer", "transferred", "on_time"))
    motor = count(row.get("motor", ""))
    lines = (["motor"] * motor + ["nonmotor"] * (total - motor)) if group == "pc" else ["life"] * total
    rng.shuffle(lines)
    kinds = ["withdrawn"] * w + ["on_time"] * ot + ["overdue"] * (tr - ot) + ["rest"] * (total - w - tr)
    out = []
    for kind, line in zip(kinds, lines):
        if kind == "withdrawn":
            r, t, a = rng.choice(mk.days), None, None
        elif kind == "rest":
            r, t, a = mk.not_counted()
        else:
            r, t, a = mk.transferred(kind)
        out.append({"code": row["code"], "received": r, "line": line, "withdrawn": kind == "withdrawn",
                    "transferred": t, "responded": a, "kind": kind,
                    "channel": rng.choice(CHANNELS), "product": rng.choice(PRODUCTS[line]),
                    "reason": rng.choice(REASONS)})
    return out


# ---------------------------------------------------------------- writing
def fmt_date(d, style, rng):
    if d is None:
        return ""
    k = rng.random()
    if style == "zh" and k < 0.5:
        return f"{d.year}年{d.month}月{d.day}日"
    if k < 0.75:
        return d.isoformat()
    return f"{d.year}/{d.month}/{d.day}"


def fmt_yes_no(v, style, rng):
    if style == "zh":
        return "是" if v else "否"
    return rng.choice(["Y", "Y", "Y", "y", "1"]) if v else rng.choice(["N", "N", "N", "n", "0"])


def write_cases(path, cases, style, year, rng):
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\r\n" if style == "zh" else "\n")
    w.writerow(ZH_HEADER if style == "zh" else EN_HEADER)
    for i, c in enumerate(cases):
        cid = f"沪投{year}-{i + 1:06d}" if style == "zh" else f"TS{year}{i + 1:07d}"
        line = LINE_ZH[c["line"]] if style == "zh" else c["line"]
        w.writerow([cid, c["code"], fmt_date(c["received"], style, rng), line,
                    fmt_yes_no(c["withdrawn"], style, rng), fmt_date(c["transferred"], style, rng),
                    fmt_date(c["responded"], style, rng), c["channel"], c["product"], c["reason"]])
        if style == "zh" and i == 10:
            buf.write("\r\n")  # a blank line, skipped by the reader
    data = buf.getvalue()
    raw = data.encode("gb18030") if style == "zh" else codecs.BOM_UTF8 + data.encode("utf-8")
    open(path, "wb").write(raw)


def write_complaints(src, dst, keep, columns):
    """complaints.csv with only the rows of the codes kept, byte for byte."""
    raw = open(src, "rb").read()
    text, enc = decode(raw)
    al = aliases_of(columns, "complaints.csv")
    lines = text.splitlines(keepends=True)
    out, code_at = [], None
    for ln in lines:
        rec = next(csv.reader([ln.rstrip("\r\n")]), [])
        if not any(f.strip() for f in rec):
            out.append(ln)
            continue
        if code_at is None:
            code_at = [al.get(h.strip().lower()) for h in rec].index("code")
            out.append(ln)
            continue
        if rec[code_at].strip() in keep:
            out.append(ln)
    data = "".join(out)
    open(dst, "wb").write(codecs.BOM_UTF8 + data.encode("utf-8") if enc == "utf-8-sig"
                          else data.encode(enc))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("bundle")
    ap.add_argument("period")
    ap.add_argument("outdir")
    ap.add_argument("--style", choices=("en", "zh"), default="en")
    ap.add_argument("--codes", choices=("all", "half"), default="all")
    ap.add_argument("--seed", type=int, default=20240630)
    ap.add_argument("--calendar", default=os.path.join(REPO, "config", "calendar"))
    ap.add_argument("--columns", default=os.path.join(REPO, "config", "columns.json"))
    ap.add_argument("--working-days", type=int, default=15)
    a = ap.parse_args()

    rng = random.Random(a.seed)
    cal = Calendar(a.calendar)
    mk = Maker(a.period, cal, a.working_days, rng)
    groups = {r["code"]: r["group"] for r in read_table(os.path.join(a.bundle, "companies.csv"), a.columns)}
    groups = {k: ("life" if v in ("life", "人身险", "人身保险") else "pc") for k, v in groups.items()}
    rows = read_table(os.path.join(a.bundle, "complaints.csv"), a.columns)
    as_cases = [r["code"] for i, r in enumerate(rows) if a.codes == "all" or i % 2 == 0]
    cases = []
    for r in rows:
        if r["code"] in as_cases:
            cases += company_cases(mk, r, groups[r["code"]])
    cases.sort(key=lambda c: (c["received"], c["code"]))

    os.makedirs(a.outdir, exist_ok=True)
    for f in sorted(os.listdir(a.bundle)):
        if f.endswith(".csv") and f != "complaints.csv":
            shutil.copyfile(os.path.join(a.bundle, f), os.path.join(a.outdir, f))
    if a.codes == "half":
        keep = {r["code"] for r in rows} - set(as_cases)
        write_complaints(os.path.join(a.bundle, "complaints.csv"), os.path.join(a.outdir, "complaints.csv"),
                         keep, a.columns)
    write_cases(os.path.join(a.outdir, "cases.csv"), cases, a.style, a.period[:4], rng)

    weekdays = Calendar()
    transferred = [c for c in cases if c["transferred"] and c["transferred"] <= mk.end]
    wrong = [c for c in transferred
             if classify(cal, a.working_days, mk.end, c["transferred"], c["responded"])
             != classify(weekdays, a.working_days, mk.end, c["transferred"], c["responded"])]
    counted = [c for c in transferred if c["kind"] in ("on_time", "overdue")]
    print(json.dumps({"cases": len(cases), "companies": len(as_cases),
                      "transferred_by_end": len(transferred), "counted_as_transferred": len(counted),
                      "misjudged_by_weekday_counting": len(wrong),
                      "misjudged_share": round(len(wrong) / len(transferred), 4) if transferred else 0},
                     ensure_ascii=False))
    return 0


if __name__ == "__main__":
    sys.exit(main())
