#!/usr/bin/env python3
"""Benchmark cescore on generated markets against `sqlite3 .import` of the same CSV files.

usage: bench_market.py [--cescore BIN] [--sizes 500,5000,50000] [--seed 7]
                       [--scorecards-at 5000] [--keep DIR]

For each market size N (companies evaluated, half property-casualty, half
life; tests/tools/make_random.py writes the bundle) it prints:

  run --json   wall time of `cescore run PERIOD BUNDLE --db FRESH.db --json R.json --quiet`
  (CPU)        its user + system CPU time (the best run's of the two, for a busy machine)
  import       wall time of `sqlite3 FRESH.db` importing every CSV file of the bundle
               (.import --csv, one table a file)
  ratio        run --json / import
  peak RSS     of the run --json (the child's maximum resident set size)
  workbook     what `--out X.xlsx` adds: a run with --json and --out minus run --json
  deflate      the floor under that figure for these workbook bytes: the time this
               machine's zlib (the library libxlsxwriter packs with) takes to
               deflate the workbook's uncompressed parts at libxlsxwriter's level
               (Z_DEFAULT_COMPRESSION, 6), one thread; the script checks that this
               gives every part's stored compressed size. XML is their size.
  scorecards/s at the size given by --scorecards-at (default 5000): the
               scorecards written by a run with --per-company DIR divided by
               what --per-company adds to run --json

Wall times are the best of two runs, the cescore run and the import
alternated, each on a fresh database. The environment is passed through
(CESCORE_JOBS, if set, reaches cescore). Asserts nothing about time.
Python standard library only; needs the sqlite3 shell (Debian package sqlite3).
"""
import argparse
import os
import zipfile
import zlib
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.normpath(os.path.join(HERE, "..", ".."))
PERIOD = "2024H1"


def timed(cmd, stdin=None):
    """Run cmd; return (wall seconds, peak RSS in KiB). Exits on failure.
    The child's CPU time (user + system) is kept in timed.cpu."""
    t0 = time.perf_counter()
    p = subprocess.Popen(cmd, stdin=subprocess.PIPE if stdin is not None else subprocess.DEVNULL,
                         stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    if stdin is not None:
        p.stdin.write(stdin.encode())
        p.stdin.close()
    err = p.stderr.read()
    _, status, ru = os.wait4(p.pid, 0)
    wall = time.perf_counter() - t0
    timed.cpu = ru.ru_utime + ru.ru_stime
    p.returncode = os.waitstatus_to_exitcode(status)
    if p.returncode != 0 and cmd[0] != "sqlite3":
        sys.stderr.write(err.decode(errors="replace"))
        sys.exit(f"bench_market: {' '.join(cmd)} failed ({p.returncode})")
    return wall, ru.ru_maxrss


def fresh(path):
    for p in (path, path + ".chain", path + "-journal", path + "-wal"):
        if os.path.exists(p):
            os.remove(p)
    return path


def sqlite_import(bundle, db):
    script = ".mode csv\n"
    for f in sorted(os.listdir(bundle)):
        if f.endswith(".csv"):
            script += f".import '{os.path.join(bundle, f)}' t_{f[:-4]}\n"
    return timed(["sqlite3", fresh(db)], stdin=script)


def deflate_floor(book):
    """(seconds, uncompressed MB) to deflate every part of the workbook at
    level 6 as raw deflate, as libxlsxwriter's zip writer does; exits if a
    part's size differs from the stored one (another level was used)."""
    spent, size = 0.0, 0
    with zipfile.ZipFile(book) as z:
        for info in z.infolist():
            data = z.read(info)
            size += len(data)
            t0 = time.perf_counter()
            c = zlib.compressobj(6, zlib.DEFLATED, -15)
            packed = len(c.compress(data)) + len(c.flush())
            spent += time.perf_counter() - t0
            if packed != info.compress_size:
                sys.exit(f"bench_market: {info.filename}: level 6 gives {packed} bytes, "
                         f"the workbook holds {info.compress_size}")
    return spent, size / 1e6


def cescore_run(binary, bundle, db, *outputs):
    return timed([binary, "run", PERIOD, bundle, "--db", fresh(db), "--quiet"] + list(outputs))


def bench(binary, n, seed, tmp, scorecards, workbook=True):
    bundle = os.path.join(tmp, f"market{n}")
    if not os.path.isdir(bundle):
        subprocess.run([sys.executable, os.path.join(REPO, "tests", "tools", "make_random.py"),
                        str(seed), str(n // 2), str(n - n // 2), bundle], check=True)
    db, js = os.path.join(tmp, "run.db"), os.path.join(tmp, "r.json")
    runs, imports, rss, cpu = [], [], 0, []
    for _ in range(2):
        w, _r = sqlite_import(bundle, os.path.join(tmp, "import.db"))
        imports.append(w)
        w, r = cescore_run(binary, bundle, db, "--json", js)
        runs.append(w)
        cpu.append(timed.cpu)
        rss = max(rss, r)
    run, imp = min(runs), min(imports)
    book = os.path.join(tmp, "book.xlsx")
    w_out, rss_out = cescore_run(binary, bundle, db, "--json", js, "--out", book) if workbook else (None, None)
    row = {"n": n, "run": run, "cpu": min(cpu), "import": imp, "ratio": run / imp, "rss": rss / 1024,
           "book": w_out - run if workbook else None, "rss_out": rss_out / 1024 if workbook else None,
           "deflate": deflate_floor(book) if workbook else None, "cards": None}
    if n == scorecards:
        cards = os.path.join(tmp, "cards")
        shutil.rmtree(cards, ignore_errors=True)
        os.makedirs(cards)
        w_cards, _r = cescore_run(binary, bundle, db, "--json", js, "--per-company", cards)
        count = sum(1 for f in os.listdir(cards) if f.endswith(".xlsx"))
        row["cards"] = count / max(w_cards - run, 1e-9)
        row["n_cards"] = count
    return row


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cescore", default=os.environ.get("CESCORE", os.path.join(REPO, "build", "cescore")))
    ap.add_argument("--sizes", default="500,5000,50000")
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--scorecards-at", type=int, default=5000)
    ap.add_argument("--keep", help="keep the markets and databases in DIR (reused when present)")
    ap.add_argument("--no-workbook", action="store_true", help="skip the --out run (workbook time)")
    a = ap.parse_args()
    if not os.access(a.cescore, os.X_OK):
        sys.exit(f"bench_market: {a.cescore}: no such executable (build first or pass --cescore)")
    if not shutil.which("sqlite3"):
        sys.exit("bench_market: the sqlite3 shell is missing (Debian package sqlite3)")
    sizes = [int(s) for s in a.sizes.split(",") if s.strip()]
    tmp = a.keep or tempfile.mkdtemp(prefix="cescore-bench.")
    os.makedirs(tmp, exist_ok=True)
    print(f"cescore bench: {a.cescore}, seed {a.seed}, CESCORE_JOBS={os.environ.get('CESCORE_JOBS', '')}")
    print(f"{'companies':>9} {'run --json':>10} {'(CPU)':>8} {'import':>8} {'ratio':>6} {'peak RSS':>9}"
          f" {'workbook +':>10} {'RSS --out':>9} {'deflate':>8} {'XML':>8} {'scorecards/s':>12}", flush=True)
    try:
        for n in sizes:
            r = bench(a.cescore, n, a.seed, tmp, a.scorecards_at, not a.no_workbook)
            cards = f"{r['cards']:12.0f}" if r["cards"] is not None else f"{'-':>12}"
            book = (f"{r['book']:9.3f}s {r['rss_out']:5.0f} MiB {r['deflate'][0]:7.3f}s {r['deflate'][1]:5.0f} MB"
                    if r["book"] is not None else f"{'-':>10} {'-':>9} {'-':>8} {'-':>8}")
            print(f"{n:9d} {r['run']:9.3f}s {r['cpu']:7.3f}s {r['import']:7.3f}s {r['ratio']:5.1f}x {r['rss']:5.1f} MiB"
                  f" {book} {cards}", flush=True)
    finally:
        if not a.keep:
            shutil.rmtree(tmp, ignore_errors=True)


if __name__ == "__main__":
    main()
