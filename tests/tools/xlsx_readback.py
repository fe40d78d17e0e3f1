#!/usr/bin/env python3
"""Read a cescore workbook back with openpyxl and check what docs/outputs.md promises.

usage: xlsx_readback.py FILE.xlsx [--lang zh|en] [--scorecard]
                        [--created ISO] [--expect=N:TEXT]... [--print]

Checks (exit 1 with one line per failure, else prints "ok" and exits 0):
  - the sheet names and their order (workbook: nine sheets, ten with --analysis;
    --scorecard: two);
  - no cell anywhere holds a formula (text starting with '=' is text);
  - ranking sheets: header, frozen panes at D2, an autofilter, a colour scale on
    the total column, rank/total/... numeric with a number format, print set-up
    (landscape, one page wide, header row repeated);
  - detail sheets: frozen header, autofilter, numeric scores;
  - the overview holds a chart with one series per group;
  - --created: the workbook's created property equals that time, and every zip
    entry carries one and the same timestamp;
  - --expect=N:TEXT: some cell of sheet N (0-based) contains TEXT.
Needs the Debian package python3-openpyxl.
"""
import argparse
import datetime
import sys
import zipfile

import openpyxl

SHEETS = {
    "zh": ["总览", "财产险排名", "人身险排名", "财产险明细", "人身险明细",
           "扣分明细", "未纳入考评", "口径说明", "审计信息"],
    "en": ["Overview", "P&C ranking", "Life ranking", "P&C details", "Life details",
           "Deductions", "Not evaluated", "Methodology", "Audit"],
}
CARD = {"zh": ["评分卡", "口径说明"], "en": ["Scorecard", "Methodology"]}
ANALYSIS = {"zh": "投诉分析", "en": "Complaint analysis"}
RANK_HEAD = {"zh": ["排名", "机构代码", "机构名称", "总分", "定性得分", "定量得分"],
             "en": ["Rank", "Code", "Name", "Total", "Qualitative", "Quantitative"]}

failures = []


def check(cond, msg):
    if not cond:
        failures.append(msg)
    return cond


def all_cells(ws):
    for row in ws.iter_rows():
        for cell in row:
            if cell.value is not None:
                yield cell


def check_analysis(ws):
    """投诉分析: a chart per analysed company, every count a number."""
    check(len(ws._charts) > 0, f"{ws.title}: no chart")
    dims = ("险种", "渠道", "产品", "投诉原因", "Line", "Channel", "Product", "Reason")
    counts = [r[2] for r in ws.iter_rows(min_row=4, values_only=True) if r[0] in dims]
    check(counts and all(isinstance(v, (int, float)) for v in counts), f"{ws.title}: counts not numbers")


def check_no_formulas(wb):
    for ws in wb.worksheets:
        for cell in all_cells(ws):
            check(cell.data_type != "f", f"{ws.title}!{cell.coordinate} is a formula: {cell.value!r}")


def check_print(ws, header_repeated):
    ps = ws.page_setup
    check(ps.orientation == "landscape", f"{ws.title}: not landscape")
    check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
          f"{ws.title}: not fit to page")
    # fitToWidth defaults to 1 in OOXML: absent (None) means one page wide
    check(ps.fitToWidth in (None, 1, "1"), f"{ws.title}: fitToWidth {ps.fitToWidth!r}, not 1")
    check(ps.fitToHeight in (0, "0"), f"{ws.title}: fitToHeight {ps.fitToHeight!r}, not 0")
    if header_repeated:
        check(ws.print_title_rows in ("1:1", "$1:$1"), f"{ws.title}: header row not repeated "
              f"({ws.print_title_rows!r})")


def check_ranking(ws, lang):
    head = [c.value for c in ws[1]]
    check(head[:6] == RANK_HEAD[lang], f"{ws.title}: header {head[:6]!r}")
    check(len(head) > 6, f"{ws.title}: no indicator columns")
    check(ws.freeze_panes == "D2", f"{ws.title}: freeze panes {ws.freeze_panes!r}, not D2")
    check(ws.auto_filter.ref is not None, f"{ws.title}: no autofilter")
    scales = [r for cf in ws.conditional_formatting for r in cf.rules if r.type == "colorScale"]
    check(scales and any("D2" in str(cf.sqref) for cf in ws.conditional_formatting),
          f"{ws.title}: no colour scale on the total column")
    rows = 0
    for row in ws.iter_rows(min_row=2):
        if row[0].value is None:
            continue
        rows += 1
        check(row[0].data_type == "n" and isinstance(row[0].value, (int, float)),
              f"{ws.title}!{row[0].coordinate}: rank is not a number")
        check(row[0].number_format == "0", f"{ws.title}!{row[0].coordinate}: rank format {row[0].number_format}")
        for cell in row[3:]:
            if cell.value is None:
                continue
            check(cell.data_type == "n", f"{ws.title}!{cell.coordinate}: score {cell.value!r} is not a number")
            check(cell.number_format == "0.00",
                  f"{ws.title}!{cell.coordinate}: score format {cell.number_format}")
        check(isinstance(row[1].value, str) and isinstance(row[2].value, str),
              f"{ws.title}: code/name of row {row[0].row} not text")
    check_print(ws, True)
    return rows


def check_detail(ws):
    check(ws.freeze_panes == "C2", f"{ws.title}: freeze panes {ws.freeze_panes!r}, not C2")
    check(ws.auto_filter.ref is not None, f"{ws.title}: no autofilter")
    head = [c.value for c in ws[1]]
    score_col = head.index("得分" if "得分" in head else "Score")
    for row in ws.iter_rows(min_row=2):
        cell = row[score_col]
        if row[0].value is None:
            continue
        check(cell.data_type == "n", f"{ws.title}!{cell.coordinate}: score {cell.value!r} not numeric")
    check_print(ws, True)


def check_chart(ws):
    charts = getattr(ws, "_charts", [])
    if not check(len(charts) == 1, f"{ws.title}: {len(charts)} charts, not 1"):
        return
    ch = charts[0]
    check(ch.tagname == "barChart", f"{ws.title}: chart is {ch.tagname}, not a column chart")
    check(len(ch.series) == 2, f"{ws.title}: chart has {len(ch.series)} series, not 2")


def check_created(path, wb, iso):
    want = datetime.datetime.strptime(iso.replace("Z", ""), "%Y-%m-%dT%H:%M:%S")
    got = wb.properties.created
    if got is not None and got.tzinfo is not None:
        got = got.astimezone(datetime.timezone.utc).replace(tzinfo=None)
    check(got == want, f"created {got}, not {want}")
    with zipfile.ZipFile(path) as z:
        stamps = {i.date_time for i in z.infolist()}
    check(len(stamps) == 1, f"zip entries carry several timestamps: {sorted(stamps)}")
    return stamps


def check_expect(wb, expects):
    for spec in expects:
        idx, _, text = spec.partition(":")
        ws = wb.worksheets[int(idx)]
        found = any(isinstance(c.value, str) and text in c.value for c in all_cells(ws))
        check(found, f"{ws.title}: no cell contains {text!r}")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("file")
    ap.add_argument("--lang", default="zh", choices=["zh", "en"])
    ap.add_argument("--scorecard", action="store_true")
    ap.add_argument("--created")
    ap.add_argument("--expect", action="append", default=[], metavar="SHEET:TEXT",
                    help="write as --expect=N:TEXT (TEXT may start with '-')")
    ap.add_argument("--print", action="store_true", dest="show")
    ap.add_argument("--analysis", action="store_true",
                    help="the workbook of a run that analysed case lists: a tenth sheet, 投诉分析")
    a = ap.parse_args()

    wb = openpyxl.load_workbook(a.file)
    names = wb.sheetnames
    want = CARD[a.lang] if a.scorecard else SHEETS[a.lang] + ([ANALYSIS[a.lang]] if a.analysis else [])
    check(names == want, f"sheets {names!r}, expected {want!r}")
    if a.analysis and names == want:
        check_analysis(wb.worksheets[-1])
    check_no_formulas(wb)
    if not a.scorecard and names == want:
        check_chart(wb.worksheets[0])
        for k in (1, 2):
            n = check_ranking(wb.worksheets[k], a.lang)
            if a.show:
                print(f"{names[k]}: {n} companies")
        for k in (3, 4):
            check_detail(wb.worksheets[k])
    elif a.scorecard and names == want:
        ws = wb.worksheets[0]
        nums = [c for c in all_cells(ws) if c.data_type == "n"]
        check(len(nums) > 10, f"{ws.title}: only {len(nums)} numeric cells")
        check_print(ws, False)
    if a.created:
        stamps = check_created(a.file, wb, a.created)
        if a.show:
            print("zip timestamps:", sorted(stamps))
    check_expect(wb, a.expect)
    if a.show:
        for ws in wb.worksheets:
            print(f"== {ws.title} ({ws.max_row} rows x {ws.max_column} cols), "
                  f"freeze {ws.freeze_panes}, filter {ws.auto_filter.ref}")
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
