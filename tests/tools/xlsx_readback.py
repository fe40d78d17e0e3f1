#!/usr/bin/env python3
"""Read a cescore workbook back with openpyxl and check what docs/outputs.md promises.

usage: xlsx_readback.py FILE.xlsx [--lang zh|en] [--scorecard [--rows FILE] | --publication]
                        [--period TEXT] [--status TEXT] [--rank-change yes|no]
                        [--created ISO] [--expect=N:TEXT]... [--print]

Checks (exit 1 with one line per failure, else prints "ok" and exits 0):
  - the sheet names and their order (workbook: nine sheets, ten with --analysis;
    --publication: four; --scorecard: two);
  - no cell anywhere holds a formula (text starting with '=' is text);
  - every sheet prints on A4, one page wide, with title rows repeated, a page
    header naming the period and status (--period, --status) and a footer
    with the page number and count;
  - ranking sheets: the title rows name the period and status; the header
    (with 名次变化 and 上期总分 exactly when --rank-change yes), the volume-block
    subtotal, frozen panes below the header and right of the name, an
    autofilter, a colour scale on the total column, ranks and scores numeric
    with their formats, no positive deduction, names wrapped, and the
    below-average mark on exactly the companies below the average the title
    rows state;
  - detail sheets: frozen header, autofilter, numeric scores, no positive
    deduction, rates as percentages;
  - the overview holds the distribution chart (a polygon and an average line
    per group) and the bar chart of mean scores;
  - --created: the workbook's created property equals that time, and every zip
    entry carries one and the same timestamp;
  - --expect=N:TEXT: some cell of sheet N (0-based) contains TEXT;
  - --scorecard: every row of the scorecard's indicator table holds, in each
    numeric column (numerator, denominator, value, benchmark, weight/cap, raw,
    score), a number or nothing (never text such as "+∞");
  - --rows FILE (with --scorecard): FILE has lines "INDICATOR_ID<TAB>TEXT"
    (UTF-8); the indicator table has a row for each id, and that row's
    arithmetic cell is exactly TEXT.
  - --value=N:CODE:HEADER:VALUE: on sheet N, CODE's row holds VALUE under HEADER;
  - --absent=TEXT: no cell and no document property contains TEXT;
  - rates in the detail sheets as percentages, volume values per 100m yuan
    with 2 decimals and per 10k with 4.
Needs the Debian package python3-openpyxl.
"""
import argparse
import datetime
import re
import sys
import zipfile

import openpyxl
import openpyxl.utils

SHEETS = {
    "zh": ["总览", "财产险排名", "人身险排名", "财产险明细", "人身险明细",
           "扣分明细", "未纳入考评", "口径说明", "审计信息"],
    "en": ["Overview", "P&C ranking", "Life ranking", "P&C details", "Life details",
           "Deductions", "Not evaluated", "Methodology", "Audit"],
}
PUBLICATION = {"zh": ["总览", "财产险排名", "人身险排名", "口径说明"],
               "en": ["Overview", "P&C ranking", "Life ranking", "Methodology"]}
CARD = {"zh": ["评分卡", "口径说明"], "en": ["Scorecard", "Methodology"]}
ANALYSIS = {"zh": "投诉分析", "en": "Complaint analysis"}
RANK_HEAD = {"zh": ["排名", "机构代码", "机构名称", "总分", "定性得分", "定量得分"],
             "en": ["Rank", "Code", "Name", "Total", "Qualitative", "Quantitative"]}
RANK_CHANGE = {"zh": ("名次变化", "上期总分"), "en": ("Rank change", "Prior total")}
DEDUCTION = {"zh": "（扣分）", "en": " (deduction)"}
SUBTOTAL_HEAD = {"zh": "数量指标小计", "en": "Volume block"}
PAGE = {"zh": "第 &P 页 / 共 &N 页", "en": "Page &P of &N"}
AVERAGE = {"zh": r"平均分 ([0-9.]+)", "en": r"average total ([0-9.]+)"}
BELOW_FILL = "FCE4D6"
SCORE_FORMATS = ("0.00", "0.00;[Red]-0.00;0.00")

# The scorecard's indicator table: its header's first cell, its arithmetic
# column, and its numeric columns (report_xlsx_labels.c), in both languages.
IND_ID_HEAD = ("指标代码", "Indicator id")
ARITH_HEAD = ("计算过程", "Arithmetic")
NUMERIC_HEAD = ("分子", "分母", "指标值", "基准值", "权重/上限", "原始分", "得分",
                "Numerator", "Denominator", "Value", "Benchmark", "Weight/cap", "Raw", "Score")

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


def check_print(ws, a):
    """A4, one page wide, title rows repeated, page header and footer."""
    ps = ws.page_setup
    check(ps.orientation in ("landscape", "portrait"), f"{ws.title}: no orientation")
    check(str(ps.paperSize) == "9", f"{ws.title}: paper {ps.paperSize!r}, not A4")
    check(ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage,
          f"{ws.title}: not fit to page")
    # fitToWidth defaults to 1 in OOXML: absent (None) means one page wide
    check(ps.fitToWidth in (None, 1, "1"), f"{ws.title}: fitToWidth {ps.fitToWidth!r}, not 1")
    check(ps.fitToHeight in (0, "0"), f"{ws.title}: fitToHeight {ps.fitToHeight!r}, not 0")
    check(ws.print_title_rows, f"{ws.title}: no title rows repeated on every page")
    # Fitted to the page width, a sheet prints at printable width / its width:
    # measured with LibreOffice, landscape A4 holds about 144 column-width
    # units at 100 %, portrait 98. Text of 11 pt must print at 7.5 pt or more
    # (docs/workbook.md, "Printing"; tests/tools/pdf_text_height.py measures it).
    width = sum(d.width for k, d in ws.column_dimensions.items()
                if d.width and d.min and d.min <= ws.max_column)
    page = 144 if ps.orientation == "landscape" else 98
    scale = min(1.0, page / width) if width else 1.0
    check(11 * scale >= 7.5, f"{ws.title}: {width:.0f} units wide: 11 pt text would print at {11 * scale:.1f} pt")
    head = " ".join(p.text or "" for p in (ws.oddHeader.left, ws.oddHeader.center, ws.oddHeader.right))
    foot = " ".join(p.text or "" for p in (ws.oddFooter.left, ws.oddFooter.center, ws.oddFooter.right))
    check(PAGE[a.lang] in foot, f"{ws.title}: footer {foot!r} has no page number and count")
    if a.period:
        check(a.period in head, f"{ws.title}: page header {head!r} does not name {a.period!r}")
    if a.status:
        check(a.status in head, f"{ws.title}: page header {head!r} does not say {a.status!r}")
        check(a.status in foot, f"{ws.title}: footer {foot!r} does not say {a.status!r}")


def header_row(ws, first):
    for row in ws.iter_rows(min_row=1, max_row=12):
        if row[0].value == first:
            return row[0].row
    return None


def check_ranking(ws, a):
    lang = a.lang
    h = header_row(ws, RANK_HEAD[lang][0])
    if not check(h is not None, f"{ws.title}: no header row"):
        return 0
    title = " ".join(str(c.value) for r in ws.iter_rows(min_row=1, max_row=h - 1) for c in r
                     if c.value is not None)
    for want in (a.period, a.status):
        if want:
            check(want in title, f"{ws.title}: title rows do not say {want!r}")
    head = [c.value for c in ws[h]]
    change, prior = RANK_CHANGE[lang]
    has_change = change in head
    if a.rank_change is not None:
        check(has_change == (a.rank_change == "yes"),
              f"{ws.title}: rank change column {'missing' if not has_change else 'present'}")
    base = [x for x in head if x not in (change, prior)][:6]
    check(base == RANK_HEAD[lang], f"{ws.title}: header {base!r}")
    check((prior in head) == has_change, f"{ws.title}: prior total and rank change go together")
    check(SUBTOTAL_HEAD[lang] in head, f"{ws.title}: no volume-block subtotal column")
    name_col = head.index(RANK_HEAD[lang][2])
    total_col = head.index(RANK_HEAD[lang][3])
    freeze = f"{openpyxl.utils.get_column_letter(name_col + 2)}{h + 1}"
    check(ws.freeze_panes == freeze, f"{ws.title}: freeze panes {ws.freeze_panes!r}, not {freeze}")
    check(ws.auto_filter.ref is not None and ws.auto_filter.ref.endswith(str(ws.max_row))
          and ws.auto_filter.ref.startswith(f"A{h}"), f"{ws.title}: autofilter {ws.auto_filter.ref!r}")
    total_letter = openpyxl.utils.get_column_letter(total_col + 1)
    scales = [r for cf in ws.conditional_formatting for r in cf.rules if r.type == "colorScale"]
    check(scales and any(f"{total_letter}{h + 1}" in str(cf.sqref) for cf in ws.conditional_formatting),
          f"{ws.title}: no colour scale on the total column")
    m = re.search(AVERAGE[lang], title)
    average = float(m.group(1)) if check(m, f"{ws.title}: no group average in the title rows") else None
    ded_cols = [k for k, x in enumerate(head) if isinstance(x, str) and x.endswith(DEDUCTION[lang])]
    check(len(ded_cols) >= 4, f"{ws.title}: {len(ded_cols)} deduction columns")
    rows = 0
    for row in ws.iter_rows(min_row=h + 1):
        if row[0].value is None:
            continue
        rows += 1
        where = f"{ws.title}!{row[0].coordinate}"
        check(row[0].data_type == "n" and row[0].number_format in ("0", "#,##0"),
              f"{where}: rank {row[0].value!r} not a number with format 0")
        if has_change:
            c = row[1]
            check(c.value in ("新进入", "new") or (c.data_type == "n" and "↑" in c.number_format
                                                   and "↓" in c.number_format),
                  f"{where}: rank change {c.value!r} ({c.number_format})")
        for k, cell in enumerate(row):
            if k <= name_col or cell.value is None or (has_change and k == 1):
                continue
            check(cell.data_type == "n", f"{ws.title}!{cell.coordinate}: score {cell.value!r} is not a number")
            check(cell.number_format in SCORE_FORMATS,
                  f"{ws.title}!{cell.coordinate}: score format {cell.number_format}")
            if k in ded_cols:
                check(cell.value <= 0, f"{ws.title}!{cell.coordinate}: deduction {cell.value} is positive")
        check(isinstance(row[name_col - 1].value, str) and isinstance(row[name_col].value, str),
              f"{ws.title}: code/name of row {row[0].row} not text")
        check(row[name_col].alignment.wrap_text, f"{where}: the name does not wrap")
        if average is not None:
            below = row[total_col].value < average
            fill = (row[name_col].fill.fgColor.rgb or "")[-6:] == BELOW_FILL
            check(below == fill, f"{where}: total {row[total_col].value} vs average {average}: "
                  f"{'no' if below else 'a'} below-average mark")
    return rows


def check_detail(ws):
    h = header_row(ws, "机构代码") or header_row(ws, "Code")
    if not check(h is not None, f"{ws.title}: no header row"):
        return
    check(ws.freeze_panes == f"C{h + 1}", f"{ws.title}: freeze panes {ws.freeze_panes!r}, not C{h + 1}")
    check(ws.auto_filter.ref is not None, f"{ws.title}: no autofilter")
    head = [c.value for c in ws[h]]
    score_col = head.index("得分" if "得分" in head else "Score")
    ind_col = head.index("指标代码" if "指标代码" in head else "Indicator id")
    value_col = head.index("指标值" if "指标值" in head else "Value")
    for row in ws.iter_rows(min_row=h + 1):
        cell = row[score_col]
        if row[0].value is None:
            continue
        check(cell.data_type == "n", f"{ws.title}!{cell.coordinate}: score {cell.value!r} not numeric")
        ind = row[ind_col].value or ""
        if ind.startswith("ded."):
            check(cell.value <= 0, f"{ws.title}!{cell.coordinate}: deduction {cell.value} is positive")
        v = row[value_col]
        if v.value is None or v.data_type != "n":
            continue
        fmt = ("0.00%" if ind.startswith("quant.") else "#,##0.00" if "per_100m" in ind
               else "#,##0.0000" if "per_10k" in ind else None)
        if fmt:
            check(v.number_format == fmt, f"{ws.title}!{v.coordinate}: {ind} format {v.number_format}, not {fmt}")


def check_charts(ws):
    charts = getattr(ws, "_charts", [])
    if not check(len(charts) == 2, f"{ws.title}: {len(charts)} charts, not 2"):
        return
    kinds = sorted(ch.tagname for ch in charts)
    check(kinds == ["barChart", "scatterChart"], f"{ws.title}: charts {kinds}")
    for ch in charts:
        want = 4 if ch.tagname == "scatterChart" else 2  # per group: its polygon and its average
        check(len(ch.series) == want, f"{ws.title}: {ch.tagname} has {len(ch.series)} series, not {want}")


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


def indicator_table(ws):
    """The indicator rows of a scorecard sheet: ({id: row cells}, header list),
    the rows from the header (first cell "Indicator id", a cell "Arithmetic")
    down to the first row without an id (the subtotals)."""
    rows = list(ws.iter_rows())
    for k, row in enumerate(rows):
        head = [c.value for c in row]
        if head and head[0] in IND_ID_HEAD and any(h in ARITH_HEAD for h in head):
            table = {}
            for r in rows[k + 1:]:
                if r[0].value is None:
                    break
                check(r[0].value not in table, f"{ws.title}: indicator {r[0].value!r} listed twice")
                table[r[0].value] = r
            return table, head
    check(False, f"{ws.title}: no indicator table (header {IND_ID_HEAD})")
    return {}, []


def check_indicator_numbers(ws, table, head):
    cols = [k for k, h in enumerate(head) if h in NUMERIC_HEAD]
    check(len(cols) == 7, f"{ws.title}: {len(cols)} numeric columns in the indicator table, not 7")
    for ind, row in table.items():
        for k in cols:
            cell = row[k] if k < len(row) else None
            if cell is None or cell.value is None:
                continue
            check(cell.data_type == "n" and isinstance(cell.value, (int, float)),
                  f"{ws.title}!{cell.coordinate} ({ind}, {head[k]}): {cell.value!r} is not a number")


def check_rows(table, head, path):
    arith = next((k for k, h in enumerate(head) if h in ARITH_HEAD), None)
    with open(path, encoding="utf-8") as f:
        for line in f.read().splitlines():
            if not line:
                continue
            ind, _, text = line.partition("\t")
            row = table.get(ind)
            if not check(row is not None, f"no indicator row {ind!r}"):
                continue
            got = row[arith].value if arith is not None and arith < len(row) else None
            check(got == text, f"{ind}: arithmetic {got!r}, expected {text!r}")
def check_values(wb, specs):
    """N:CODE:HEADER:VALUE: on sheet N, the row holding CODE has VALUE under HEADER."""
    for spec in specs:
        idx, code, header, want = spec.split(":", 3)
        ws = wb.worksheets[int(idx)]
        col = row = None
        for r in ws.iter_rows():
            for c in r:
                if col is None and c.value == header:
                    col = c.column
                elif col is not None and row is None and c.value == code:
                    row = c.row
        if not check(col is not None and row is not None, f"{ws.title}: no {header!r} for {code!r}"):
            continue
        got = ws.cell(row=row, column=col).value
        ok = str(got) == want if not isinstance(got, (int, float)) else abs(got - float(want)) < 1e-9
        check(ok, f"{ws.title}: {code} {header} is {got!r}, not {want!r}")


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
    kind = ap.add_mutually_exclusive_group()
    kind.add_argument("--scorecard", action="store_true")
    kind.add_argument("--publication", action="store_true")
    ap.add_argument("--created")
    ap.add_argument("--period", help="the period as every page header and ranking title names it")
    ap.add_argument("--status", help="the run's status (草稿, 已复核, 正式) in headers and titles")
    ap.add_argument("--rank-change", choices=["yes", "no"], help="whether the rankings have 名次变化")
    ap.add_argument("--expect", action="append", default=[], metavar="SHEET:TEXT",
                    help="write as --expect=N:TEXT (TEXT may start with '-')")
    ap.add_argument("--rows", metavar="FILE",
                    help="with --scorecard: lines ID<TAB>TEXT, the exact arithmetic of each indicator row")
    ap.add_argument("--value", action="append", default=[], metavar="N:CODE:HEADER:VALUE",
                    help="on sheet N the row of CODE holds VALUE under HEADER")
    ap.add_argument("--absent", action="append", default=[], metavar="TEXT",
                    help="no cell and no document property of the workbook contains TEXT")
    ap.add_argument("--print", action="store_true", dest="show")
    ap.add_argument("--analysis", action="store_true",
                    help="the workbook of a run that analysed case lists: a tenth sheet, 投诉分析")
    a = ap.parse_args()
    if a.rows and not a.scorecard:
        ap.error("--rows needs --scorecard")

    wb = openpyxl.load_workbook(a.file)
    names = wb.sheetnames
    want = (CARD[a.lang] if a.scorecard else PUBLICATION[a.lang] if a.publication
            else SHEETS[a.lang] + ([ANALYSIS[a.lang]] if a.analysis else []))
    check(names == want, f"sheets {names!r}, expected {want!r}")
    if a.analysis and names == want:
        check_analysis(wb.worksheets[-1])
    check_no_formulas(wb)
    for ws in wb.worksheets:
        check_print(ws, a)
    if not a.scorecard and names == want:
        check_charts(wb.worksheets[0])
        for k in (1, 2):
            n = check_ranking(wb.worksheets[k], a)
            if a.show:
                print(f"{names[k]}: {n} companies")
        if not a.publication:
            for k in (3, 4):
                check_detail(wb.worksheets[k])
    elif a.scorecard and names == want:
        ws = wb.worksheets[0]
        nums = [c for c in all_cells(ws) if c.data_type == "n"]
        check(len(nums) > 10, f"{ws.title}: only {len(nums)} numeric cells")
        table, head = indicator_table(ws)
        check_indicator_numbers(ws, table, head)
        if a.rows:
            check_rows(table, head, a.rows)
        title = str(ws["A1"].value)
        for w in (a.period, a.status):
            if w:
                check(w in title, f"{ws.title}: title {title!r} does not say {w!r}")
    if a.created:
        stamps = check_created(a.file, wb, a.created)
        if a.show:
            print("zip timestamps:", sorted(stamps))
    check_expect(wb, a.expect)
    check_values(wb, a.value)
    for text in a.absent:
        props = " ".join(str(getattr(wb.properties, k) or "") for k in ("creator", "title", "subject",
                                                                       "description", "lastModifiedBy"))
        check(text not in props, f"document properties contain {text!r}")
        for ws in wb.worksheets:
            for c in all_cells(ws):
                check(not (isinstance(c.value, str) and text in c.value),
                      f"{ws.title}!{c.coordinate} contains {text!r}")
    if a.show:
        for ws in wb.worksheets:
            print(f"== {ws.title} ({ws.max_row} rows x {ws.max_column} cols), "
                  f"freeze {ws.freeze_panes}, filter {ws.auto_filter.ref}, header {ws.oddHeader.center.text!r}")
    for f in failures:
        print("FAIL:", f)
    if failures:
        return 1
    print("ok")
    return 0


if __name__ == "__main__":
    sys.exit(main())
