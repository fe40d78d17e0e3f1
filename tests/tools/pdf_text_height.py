#!/usr/bin/env python3
"""Median printed text height per page of a PDF (docs/workbook.md, "Printing").

usage: pdf_text_height.py FILE.pdf... [--min PT]

For every page, prints "FILE page N: median H pt (C characters)". The height
of a character is the size of its font as printed: the font size scaled by
every transformation on the way to the page (a sheet fitted to the page width
prints a 11 pt font at, say, 60 %: 6.6 pt). The median is taken over the
page's characters, so a page of body text is judged by its body text, not by
its title or page header. With --min, exits 1 when some page's median is
below PT (a page without text is reported and not judged).

Needs pdfminer.six (Debian package python3-pdfminer).
"""
import argparse
import statistics
import sys

from pdfminer.high_level import extract_pages
from pdfminer.layout import LTChar, LTContainer


def chars(item):
    if isinstance(item, LTChar):
        if item.get_text().strip():
            yield item
    elif isinstance(item, LTContainer):
        for child in item:
            yield from chars(child)


def char_size(ch):
    # pdfminer sets an upright character's height to its font size in page
    # units (points) after the text and page matrices; LTChar.size is it.
    return ch.size


def page_heights(path):
    for n, page in enumerate(extract_pages(path), start=1):
        sizes = [char_size(c) for c in chars(page)]
        yield n, (statistics.median(sizes) if sizes else None), len(sizes)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("pdf", nargs="+")
    ap.add_argument("--min", type=float, help="fail when a page's median is below this (pt)")
    a = ap.parse_args()
    low = 0
    for path in a.pdf:
        worst = None
        for n, med, count in page_heights(path):
            if med is None:
                print(f"{path} page {n}: no text")
                continue
            flag = ""
            if a.min is not None and med < a.min:
                flag = f"  BELOW {a.min:g} pt"
                low += 1
            print(f"{path} page {n}: median {med:.1f} pt ({count} characters){flag}")
            worst = med if worst is None else min(worst, med)
        if worst is not None:
            print(f"{path}: smallest page median {worst:.1f} pt")
    return 1 if low else 0


if __name__ == "__main__":
    sys.exit(main())
