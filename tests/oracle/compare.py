#!/usr/bin/env python3
"""Compare two results JSONs (docs/outputs.md): the engine's and the oracle's.

usage: compare.py A.json B.json [--quiet]

Checks, printing every difference (exit 1 on any, 0 when they agree, 2 on usage):
  - the same scored companies; per company identical group, rank and flags
    (as sets); total, qualitative, quantitative within 0.01;
  - every indicator present in either: score within 0.01; for volume
    indicators the same "applicable"; "value" within 1e-6 relative when both
    give a finite number;
  - per group identical count and below_average, average_total within 0.01,
    every benchmark within 1e-6 relative (a missing key and null are the same);
  - industry quant.mediation within 1e-6 relative;
  - identical excluded lists (code, reason, into), compared as sets.
"""
import json
import math
import sys

SCORE_TOL = 0.01 + 1e-9
REL_TOL = 1e-6


def num(v):
    return isinstance(v, (int, float)) and not isinstance(v, bool) and math.isfinite(v)


def rel_close(a, b):
    return math.isclose(a, b, rel_tol=REL_TOL, abs_tol=1e-12)


class Diff:
    def __init__(self):
        self.n = 0

    def __call__(self, msg):
        self.n += 1
        print(msg)


def cmp_opt_number(d, where, a, b, close):
    a = a if num(a) else None
    b = b if num(b) else None
    if a is None and b is None:
        return
    if a is None or b is None or not close(a, b):
        d(f"{where}: {a} != {b}")


def compare(A, B):
    d = Diff()
    ga, gb = A.get("groups", {}), B.get("groups", {})
    for g in sorted(set(ga) | set(gb)):
        x, y = ga.get(g), gb.get(g)
        if x is None or y is None:
            d(f"groups.{g}: present in only one")
            continue
        for k in ("count", "below_average"):
            if x.get(k) != y.get(k):
                d(f"groups.{g}.{k}: {x.get(k)} != {y.get(k)}")
        cmp_opt_number(d, f"groups.{g}.average_total", x.get("average_total"),
                       y.get("average_total"), lambda p, q: abs(p - q) <= SCORE_TOL)
        bx, by = x.get("benchmarks") or {}, y.get("benchmarks") or {}
        for k in sorted(set(bx) | set(by)):
            cmp_opt_number(d, f"groups.{g}.benchmarks.{k}", bx.get(k), by.get(k), rel_close)
    cmp_opt_number(d, "industry.quant.mediation", (A.get("industry") or {}).get("quant.mediation"),
                   (B.get("industry") or {}).get("quant.mediation"), rel_close)

    ca = {c["code"]: c for c in A.get("companies", [])}
    cb = {c["code"]: c for c in B.get("companies", [])}
    for code in sorted(set(ca) ^ set(cb)):
        d(f"companies: {code} scored only in {'A' if code in ca else 'B'}")
    for code in sorted(set(ca) & set(cb)):
        x, y = ca[code], cb[code]
        for k in ("group", "rank"):
            if x.get(k) != y.get(k):
                d(f"{code}.{k}: {x.get(k)} != {y.get(k)}")
        if set(x.get("flags", [])) != set(y.get("flags", [])):
            d(f"{code}.flags: {sorted(x.get('flags', []))} != {sorted(y.get('flags', []))}")
        for k in ("total", "qualitative", "quantitative"):
            cmp_opt_number(d, f"{code}.{k}", x.get(k), y.get(k),
                           lambda p, q: abs(p - q) <= SCORE_TOL)
        ix, iy = x.get("indicators", {}), y.get("indicators", {})
        for iid in sorted(set(ix) | set(iy)):
            p, q = ix.get(iid), iy.get(iid)
            if p is None or q is None:
                d(f"{code}.{iid}: present only in {'A' if q is None else 'B'}")
                continue
            cmp_opt_number(d, f"{code}.{iid}.score", p.get("score"), q.get("score"),
                           lambda s, t: abs(s - t) <= SCORE_TOL)
            if "applicable" in p and "applicable" in q and p["applicable"] != q["applicable"]:
                d(f"{code}.{iid}.applicable: {p['applicable']} != {q['applicable']}")
            if num(p.get("value")) and num(q.get("value")) and \
                    not rel_close(p["value"], q["value"]):
                d(f"{code}.{iid}.value: {p['value']} != {q['value']}")

    def excl(R):
        return {(e.get("code"), e.get("reason"), e.get("into")) for e in R.get("excluded", [])}
    ea, eb = excl(A), excl(B)
    for e in sorted(ea - eb, key=str):
        d(f"excluded: {e} only in A")
    for e in sorted(eb - ea, key=str):
        d(f"excluded: {e} only in B")
    return d.n


def main(argv):
    args = [a for a in argv if not a.startswith("--")]
    if len(args) != 2:
        print(__doc__, file=sys.stderr)
        return 2
    with open(args[0], encoding="utf-8") as f:
        A = json.load(f)
    with open(args[1], encoding="utf-8") as f:
        B = json.load(f)
    n = compare(A, B)
    if n:
        print(f"compare: {n} difference(s) between {args[0]} (A) and {args[1]} (B)")
        return 1
    if "--quiet" not in argv:
        print(f"compare: {args[0]} and {args[1]} agree "
              f"({len(A.get('companies', []))} companies)")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
