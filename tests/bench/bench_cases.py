#!/usr/bin/env python3
"""Benchmark of case-level complaints (docs/inputs.md §4.8): `cescore run` on a
bundle whose cases.csv has 200,000, 1,000,000 and 2,000,000 rows, side by
side with `sqlite3 .import` of the same cases.csv into a fresh database file.

For each size: the bundle is the sample's 2024H1 (companies, statistics,
qualitative, mediation, deductions) with complaints.csv replaced by a
generated case list (fixed seed; UTF-8, English headers, the optional
columns channel, product and reason). Each command runs RUNS times (default
3) on a fresh database; the best wall time of each is kept, with the peak
resident memory of that command (ru_maxrss of the child alone). Printed:
rows, MB, wall time, rows/s, peak RSS for both, and the ratio of cescore's
time to sqlite3's. Asserts nothing about time; the two targets of
docs/inputs.md §4.8 are reported as met or not:

  cescore run (2M rows) <= sqlite3 .import (2M rows)
  peak RSS at 2M <= peak RSS at 200k + 32 MiB

usage: bench_cases.py CESCORE [--sizes 200000,1000000,2000000] [--runs 3] [--keep DIR]
"""
import argparse
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import date, timedelta

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(os.path.dirname(HERE))
SAMPLE = os.path.join(REPO, "fixtures", "sample", "2024H1")


def companies():
    """(code, group) of the sample's companies with complaints."""
    import csv
    import io
    raw = open(os.path.join(SAMPLE, "companies.csv"), "rb").read().decode("utf-8-sig")
    out = []
    for r in csv.DictReader(io.StringIO(raw)):
        code, group = r["code"].strip(), r["group"].strip()
        if code.startswith(("SH-PC", "SH-LF")):
            out.append((code, "life" if group in ("life", "人身险", "人身保险") else "pc"))
    return out


def generate(path, n, seed=20240630):
    """n cases of the sample's companies, as of 2024H1: a realistic mix of
    withdrawn, answered, late and open cases."""
    rng = random.Random(seed)
    cos = companies()
    start = date(2024, 1, 1)
    days = [(start + timedelta(days=i)).isoformat() for i in range(200)]
    channels = ["电话", "网络", "来信", "来访", "12378热线"]
    reasons = ["理赔纠纷", "销售纠纷", "保全纠纷", "退保纠纷", "服务质量"]
    products = {"motor": ["交强险", "商业车险"], "nonmotor": ["健康险", "意外险"], "life": ["终身寿险", "年金保险"]}
    with open(path, "w", encoding="utf-8", newline="") as f:
        f.write("case_id,code,received_date,line,withdrawn_before_transfer,transferred_date,"
                "responded_date,channel,product,reason\n")
        buf = []
        for i in range(n):
            code, group = cos[rng.randrange(len(cos))]
            line = "life" if group == "life" else ("motor" if rng.random() < 0.6 else "nonmotor")
            r = rng.randrange(175)
            k = rng.random()
            if k < 0.25:
                w, t, a = "Y", "", ""
            elif k < 0.3:
                w, t, a = "N", "", ""
            else:
                ti = min(r + rng.randrange(4), 181)
                w, t = "N", days[ti]
                a = days[min(ti + rng.randrange(30), 199)] if rng.random() < 0.9 else ""
            buf.append(f"C{i + 1:09d},{code},{days[r]},{line},{w},{t},{a},{rng.choice(channels)},"
                       f"{rng.choice(products[line])},{rng.choice(reasons)}\n")
            if len(buf) == 50000:
                f.write("".join(buf))
                buf.clear()
        f.write("".join(buf))


def measure(cmd, cwd):
    """(wall seconds, peak RSS KiB) of one command, run in a child of its own."""
    probe = ("import resource, subprocess, sys, time\n"
             "t0 = time.perf_counter()\n"
             "r = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)\n"
             "t1 = time.perf_counter()\n"
             "sys.stderr.write(r.stderr.decode(errors='replace')) if r.returncode else None\n"
             "print(r.returncode, t1 - t0, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n")
    out = subprocess.run([sys.executable, "-c", probe] + cmd, cwd=cwd, capture_output=True, text=True)
    code, wall, rss = out.stdout.split()
    if int(code):
        sys.exit(f"bench: {' '.join(cmd)} failed:\n{out.stderr}")
    return float(wall), int(rss)


def best(cmd_for, runs, cwd, fresh):
    results = []
    for i in range(runs):
        fresh()
        results.append(measure(cmd_for(i), cwd))
    return min(results)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("cescore")
    ap.add_argument("--sizes", default="200000,1000000,2000000")
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--keep")
    a = ap.parse_args()
    sqlite = shutil.which("sqlite3")
    if not sqlite:
        sys.exit("bench: sqlite3 (the shell) is needed")
    tmp = a.keep or tempfile.mkdtemp(prefix="cescore-bench-cases.")
    os.makedirs(tmp, exist_ok=True)
    rows = []
    try:
        for n in (int(x) for x in a.sizes.split(",")):
            bundle = os.path.join(tmp, f"bundle-{n}")
            os.makedirs(bundle, exist_ok=True)
            for f in os.listdir(SAMPLE):
                if f.endswith(".csv") and f != "complaints.csv":
                    shutil.copyfile(os.path.join(SAMPLE, f), os.path.join(bundle, f))
            cases = os.path.join(bundle, "cases.csv")
            if not os.path.exists(cases):
                generate(cases, n)
            size = os.path.getsize(cases)
            db = os.path.join(tmp, "run.db")
            imp = os.path.join(tmp, "import.db")

            def rm(path):  # the archive, its journal and its witness file
                for p in (path, path + "-journal", path + ".chain"):
                    if os.path.exists(p):
                        os.remove(p)

            run = best(lambda i: [a.cescore, "run", "2024H1", bundle, "--db", db, "--quiet",
                                  "--json", os.path.join(tmp, "r.json")], a.runs, tmp, lambda: rm(db))
            sql = best(lambda i: [sqlite, imp, ".import --csv " + cases + " cases"], a.runs, tmp,
                       lambda: rm(imp))
            rows.append((n, size, run, sql))
            print(f"  {n:>9,} rows  {size / 1e6:6.1f} MB  cescore run {run[0]:6.2f} s "
                  f"({n / run[0]:>9,.0f} rows/s, peak RSS {run[1] / 1024:6.1f} MiB)   "
                  f"sqlite3 .import {sql[0]:6.2f} s ({n / sql[0]:>9,.0f} rows/s, "
                  f"peak RSS {sql[1] / 1024:6.1f} MiB)   ratio {run[0] / sql[0]:.2f}", flush=True)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    print(f"cescore bench (cases): {a.cescore}, best of {a.runs} each, fresh database each run")
    if len(rows) >= 2:
        small, big = rows[0], rows[-1]
        grow = (big[2][1] - small[2][1]) / 1024
        print(f"  time: cescore run / sqlite3 .import at {big[0]:,} rows = {big[2][0] / big[3][0]:.2f} "
              f"({'met' if big[2][0] <= big[3][0] else 'NOT met'}: at most 1)")
        print(f"  memory: peak RSS at {big[0]:,} rows - at {small[0]:,} rows = {grow:+.1f} MiB "
              f"({'met' if grow <= 32 else 'NOT met'}: at most 32 MiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
