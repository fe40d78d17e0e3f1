#!/usr/bin/env bash
# Print workbooks to PDF with LibreOffice and measure the median text height
# of every page (docs/workbook.md, "Printing"); exit 1 when a page's median is
# below MIN points (default 7).
#
# usage: tests/tools/check_print.sh [--min PT] [--keep DIR] FILE.xlsx...
#
# Run by hand, not in CI (LibreOffice is a large dependency; xlsx_readback.py
# estimates the same from the column widths in every test run). Needs the
# Debian packages libreoffice-calc, fonts-noto-cjk (Chinese), fonts-crosextra-carlito
# (metric-compatible with Calibri, the workbooks' font: without it LibreOffice
# lays the sheets out in a wider font and prints everything smaller),
# poppler-utils and python3-pdfminer.
set -euo pipefail
min=7
keep=
while [ $# -gt 0 ]; do
  case $1 in
    --min) min=$2; shift 2 ;;
    --keep) keep=$2; shift 2 ;;
    *) break ;;
  esac
done
[ $# -gt 0 ] || { echo "usage: $0 [--min PT] [--keep DIR] FILE.xlsx..." >&2; exit 2; }
command -v soffice >/dev/null || { echo "$0: soffice not found (Debian package libreoffice-calc)" >&2; exit 2; }
fc-match Calibri | grep -qi carlito || echo "$0: warning: no Carlito font; pages print smaller than in Excel" >&2
out=${keep:-$(mktemp -d "${TMPDIR:-/tmp}/cescore-print.XXXXXX")}
mkdir -p "$out"
out=$(cd "$out" && pwd)
[ -n "$keep" ] || trap 'rm -rf "$out"' EXIT
# a private LibreOffice profile: no interference with a running instance
soffice -env:UserInstallation=file://"$out"/profile --headless --convert-to pdf --outdir "$out" "$@" >/dev/null
pdfs=()
for f in "$@"; do pdfs+=("$out/$(basename "${f%.*}").pdf"); done
PY=/usr/bin/python3
[ -x "$PY" ] || PY=python3
"$PY" "$(dirname "$0")/pdf_text_height.py" --min "$min" "${pdfs[@]}"
