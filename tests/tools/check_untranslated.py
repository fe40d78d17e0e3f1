#!/usr/bin/env python3
"""Text for the terminal that bypasses the catalog: a string literal with words
given straight to printf, fprintf or fputs in the command line (src/cli/), the
terminal views (src/report/report_text.c) or the diagnostics' printer
(src/core/core_diag.c), or straight to ces_diag_add_text anywhere, instead of
through _() or a message function (docs/translating.md). A literal that is
not a message (a program name, a command line shown as it is typed) carries
the comment "not translated" on its line or the line before. Usage: check_untranslated.py SOURCE_DIR"""
import glob
import os
import re
import sys

root = sys.argv[1]
files = sorted(glob.glob(os.path.join(root, "src/cli/*.c"))) + [
    os.path.join(root, "src/report/report_text.c"),
    os.path.join(root, "src/core/core_diag.c"),
]
direct = re.compile(r'\b(?:printf\(|fprintf\([^,()]+(?:\([^()]*\))?,\s*|fputs\()\s*("(?:[^"\\]|\\.)*")')
diag_text = re.compile(r'\bces_diag_add_text\((?:[^;"]*?),\s*("(?:[^"\\]|\\.)*")\s*\)')
conversion = re.compile(r"%[-+ #0-9.*]*(?:hh|h|ll|l|z|j|t)?[a-zA-Z]")
words = re.compile(r"[A-Za-z]{3,}")
found = 0


def check(path, pattern, text):
    global found
    for m in pattern.finditer(text):
        literal = conversion.sub("", m.group(1))
        line_no = text.count("\n", 0, m.start()) + 1
        lines = text.splitlines()[max(0, line_no - 2) : line_no]
        if words.search(literal) and not any("not translated" in line for line in lines):
            print(f"{os.path.relpath(path, root)}:{line_no}: text without _(): {m.group(1)}")
            found += 1


for path in files:
    check(path, direct, open(path, encoding="utf-8").read())
for path in sorted(glob.glob(os.path.join(root, "src/*/*.c"))):
    check(path, diag_text, open(path, encoding="utf-8").read())
if found:
    print(f"{found} terminal texts bypass the catalog: wrap them in _() (docs/translating.md)")
sys.exit(1 if found else 0)
