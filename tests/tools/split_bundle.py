#!/usr/bin/env python3
"""Split a period's bundle into one self-check bundle per company: what an
insurer holds of its own (docs/commands.md §6.2). For each CODE, OUTDIR/CODE/
gets the rows of CODE and of the entities rolled up into it (companies.csv
rows whose parent_code is CODE) from every CSV file of BUNDLE, and prior.csv
with their rows of PRIOR_CSV (a bundle's prior.csv, or the one `cescore
export` writes with the prior figures a run took from the archive). Files are
written as UTF-8 with the original headers; cells are copied as read.

usage: split_bundle.py BUNDLE PRIOR_CSV|- OUTDIR CODE...   (- : no prior.csv)"""
import csv
import io
import os
import sys

CODE = ("code", "机构代码")
PARENT = ("parent_code", "上级机构代码")
FILES = ("companies.csv", "complaints.csv", "statistics.csv", "qualitative.csv",
         "mediation.csv", "deductions.csv", "cases.csv")


def read(path):
    raw = open(path, "rb").read()
    if raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError:
        text = raw.decode("gb18030")
    rows = [r for r in csv.reader(io.StringIO(text, newline="")) if any(c.strip() for c in r)]
    return rows[0], rows[1:]


def column(header, names):
    for i, h in enumerate(header):
        if h.strip() in names:
            return i
    return -1


def write(path, header, rows):
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f, lineterminator="\n")
        w.writerow(header)
        w.writerows(rows)


def main():
    if len(sys.argv) < 5:
        sys.exit(__doc__)
    bundle, prior, out, codes = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4:]
    header, companies = read(os.path.join(bundle, "companies.csv"))
    ci, pi = column(header, CODE), column(header, PARENT)
    for code in codes:
        mine = {code} | {r[ci].strip() for r in companies
                         if pi >= 0 and len(r) > pi and r[pi].strip() == code}
        d = os.path.join(out, code)
        os.makedirs(d, exist_ok=True)
        sources = [(f, os.path.join(bundle, f)) for f in FILES]
        if prior != "-":
            sources.append(("prior.csv", prior))
        for name, path in sources:
            if not os.path.exists(path):
                continue
            h, rows = read(path)
            k = column(h, CODE)
            write(os.path.join(d, name), h, [r for r in rows if len(r) > k and r[k].strip() in mine])


if __name__ == "__main__":
    main()
