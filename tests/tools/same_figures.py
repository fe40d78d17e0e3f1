#!/usr/bin/env python3
"""Compare the figures of two results JSONs: every group statistic and
benchmark, the industry figures, every company (all its fields and
indicators, its rank and place in the list) and the excluded list. The run's
metadata (run id, time, status, engine version, prior source) may differ.

usage: same_figures.py A.json B.json   (exit 0 when equal; else the first differences)"""
import json
import sys

FIGURES = ("period", "groups", "industry", "companies", "excluded")


def diff(a, b, path, out):
    if len(out) >= 10:
        return
    if isinstance(a, dict) and isinstance(b, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                out.append(f"{path}.{k}: only in {'A' if k in a else 'B'}")
            else:
                diff(a[k], b[k], f"{path}.{k}", out)
    elif isinstance(a, list) and isinstance(b, list):
        if len(a) != len(b):
            out.append(f"{path}: {len(a)} entries vs {len(b)}")
        for i, (x, y) in enumerate(zip(a, b)):
            diff(x, y, f"{path}[{i}]", out)
    elif a != b or type(a) is not type(b):
        out.append(f"{path}: {a!r} vs {b!r}")


def main():
    with open(sys.argv[1], encoding="utf-8") as f:
        a = json.load(f)
    with open(sys.argv[2], encoding="utf-8") as f:
        b = json.load(f)
    out = []
    for key in FIGURES:
        diff(a.get(key), b.get(key), key, out)
    for line in out:
        print(line)
    return 1 if out else 0


if __name__ == "__main__":
    sys.exit(main())
