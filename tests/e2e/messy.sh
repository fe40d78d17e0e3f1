#!/usr/bin/env bash
# Exports as analysts have them (docs/inputs.md §2 and §5), on the Chinese
# GB18030 sample bundle (fixtures/sample/2023H1): harmless mess (full-width
# digits, no-break and ideographic spaces around codes, a file in UTF-16)
# gives the same figures as the original; plausible mistakes (last period's
# files as this period's, a premium in 元, codes swapped against the name
# column, a figure under an empty header) each exit 3 naming the cause,
# leave the archive as it was and write nothing; the premium in 元 goes in
# with --accept-warnings --by NAME, which history shows. Also: a period
# without prior figures says so once, and validate --json lists every error.
source "$(dirname "$0")/lib/common.bash"

ORIG="$FIX/sample/2023H1"
G=GB18030

# variant NAME: a copy of the original bundle in $WORK/NAME
variant() { rm -rf "${WORK:?}/$1"; cp -r "$ORIG" "$WORK/$1"; }

# recode DIR FILE PYTHON: FILE of DIR decoded from GB18030, changed by the
# python expression PYTHON on the text t, encoded back to GB18030
recode() {
  iconv -f $G -t UTF-8 "$1/$2" >"$WORK/utf8.csv" || fail "iconv $2"
  "$PY" -c "import sys; t = open(sys.argv[1], encoding='utf-8', newline='').read(); $3; open(sys.argv[1], 'w', encoding='utf-8', newline='').write(t)" "$WORK/utf8.csv" \
    || fail "changing $2"
  iconv -f UTF-8 -t $G "$WORK/utf8.csv" >"$1/$2" || fail "iconv back $2"
}

expect_exit 0 "the original" -- "$CESCORE" run 2023H1 "$ORIG" --db "$WORK/orig.db" --json "$WORK/orig.json" --quiet

# ---- harmless mess: the same figures ----

same_as_original() { # NAME
  expect_exit 0 "$1: run" -- "$CESCORE" run 2023H1 "$WORK/$1" --db "$WORK/$1.db" --json "$WORK/$1.json"
  if "$PY" "$CES_ROOT/tests/tools/same_figures.py" "$WORK/orig.json" "$WORK/$1.json" >"$WORK/diff"; then
    pass
  else
    fail "$1: figures differ from the original's"
    head -10 "$WORK/diff" >&2
  fi
}

# full-width digits, separators and points in every number of complaints.csv and statistics.csv
variant fullwidth
FW="import re; t = re.sub(r'(?<=,)[0-9][0-9.]*(?=,|\r?\n)', lambda m: m.group(0).translate(str.maketrans('0123456789.', '０１２３４５６７８９．')), t)"
FWQ="import re; t = re.sub(r'\"([0-9][0-9,.]*)\"', lambda m: '\"' + m.group(1).translate(str.maketrans('0123456789,.', '０１２３４５６７８９，．')) + '\"', t)"
recode "$WORK/fullwidth" complaints.csv "$FW"
recode "$WORK/fullwidth" statistics.csv "$FWQ"
grep -q "$(printf '\xa3\xb1')" "$WORK/fullwidth/complaints.csv" && pass || fail "fullwidth: no full-width digit written"
same_as_original fullwidth
expect_in "$WORK/err" "complaints.csv" "fullwidth: the normalisation is said once per file"

# a no-break space before and an ideographic space after every code of complaints.csv
variant spaces
recode "$WORK/spaces" complaints.csv "import re; t = re.sub(r'(?m)^(SH-[A-Z0-9-]+),', lambda m: '\u00a0' + m.group(1) + '\u3000,', t)"
same_as_original spaces

# statistics.csv saved as "Unicode text": UTF-16 with its byte order mark
variant utf16
iconv -f $G -t UTF-16 "$ORIG/statistics.csv" >"$WORK/utf16/statistics.csv" || fail "iconv UTF-16"
head -c 2 "$WORK/utf16/statistics.csv" | od -An -tx1 | grep -qE 'ff fe|fe ff' && pass || fail "utf16: no BOM"
same_as_original utf16

# ---- plausible mistakes: exit 3, the cause named, nothing changed ----

DB="$WORK/archive.db"
expect_exit 0 "seed the archive with 2023H1" -- "$CESCORE" run 2023H1 "$ORIG" --db "$DB" --quiet --by 张伟

# stopped NAME PERIOD TEXT [options]: exit 3 naming TEXT, archive and history
# unchanged, no output written
stopped() {
  local name=$1 period=$2 text=$3
  shift 3
  local before hist
  before=$(digest "$DB")
  "$CESCORE" history --db "$DB" >"$WORK/hist-before" 2>&1
  expect_exit 3 "$name: run" -- "$CESCORE" run "$period" "$WORK/$name" --db "$DB" \
    --json "$WORK/$name-out.json" --out "$WORK/$name-out.xlsx" --per-company "$WORK/$name-cards" "$@"
  expect_in "$WORK/err" "$text" "$name: the cause is named"
  [ "$(digest "$DB")" = "$before" ] && pass || fail "$name: the archive changed"
  "$CESCORE" history --db "$DB" >"$WORK/hist-after" 2>&1
  cmp -s "$WORK/hist-before" "$WORK/hist-after" && pass || fail "$name: history changed"
  expect_not_exists "$WORK/$name-out.json" "$name: results JSON"
  expect_not_exists "$WORK/$name-out.xlsx" "$name: workbook"
  expect_not_exists "$WORK/$name-cards" "$name: scorecards"
  cp "$WORK/err" "$WORK/$name.err"
}

# last period's files imported as this period's (without the deductions,
# whose dates would give them away, and prior.csv)
variant lastperiod
rm "$WORK/lastperiod/deductions.csv" "$WORK/lastperiod/prior.csv"
stopped lastperiod 2024H1 "byte-identical to complaints.csv of period 2023H1 (import 1)"
expect_in "$WORK/lastperiod.err" "statistics.csv: byte-identical to statistics.csv of period 2023H1" "lastperiod"
expect_in "$WORK/lastperiod.err" "--accept-warnings --by NAME" "lastperiod: the way on is named"
before=$(digest "$DB")
expect_exit 3 "lastperiod: import" -- "$CESCORE" import 2024H1 "$WORK/lastperiod" --db "$DB" --json "$WORK/lastperiod-import.json"
expect_in "$WORK/err" "byte-identical to statistics.csv of period 2023H1" "lastperiod: import names the cause"
[ "$(digest "$DB")" = "$before" ] && pass || fail "lastperiod: import changed the archive"
expect_not_exists "$WORK/lastperiod-import.json" "lastperiod: import JSON"
# a premium in 元 stops a run into a fresh archive too, which is then not even created
variant yuanfresh
recode "$WORK/yuanfresh" statistics.csv "t = t.replace('\"148,228.20\",\"89,425.84\",\"58,802.36\"', '\"1,482,282,000.00\",\"894,258,400.00\",\"588,023,600.00\"')"
expect_exit 3 "premium in 元 into no archive" -- "$CESCORE" run 2023H1 "$WORK/yuanfresh" --db "$WORK/none.db"
expect_not_exists "$WORK/none.db" "a stopped run creates no archive"

# one company's premiums (a whole row) in 元 instead of 万元: SH-PC-015
variant yuan
recode "$WORK/yuan" statistics.csv "import csv, io; rows = list(csv.reader(io.StringIO(t))); r = [x for x in rows if x and x[0] == 'SH-PC-015'][0]; r[2:5] = ['%.2f' % (float(v.replace(',', '')) * 10000) for v in r[2:5]]; o = io.StringIO(); csv.writer(o, lineterminator='\r\n' if '\r\n' in t else '\n').writerows(rows); t = o.getvalue()"
stopped yuan 2023H1 "company SH-PC-015: premium" --replace
expect_in "$WORK/yuan.err" "元 instead of 万元" "yuan: the likely slip is named"
expect_in "$WORK/yuan.err" "prior.csv" "yuan: where the prior figure comes from"
expect_exit 2 "--accept-warnings without --by" -- "$CESCORE" run 2023H1 "$WORK/yuan" --db "$DB" --replace --accept-warnings
expect_in "$WORK/err" "--accept-warnings needs --by NAME" "accept without by"
expect_exit 0 "yuan: accepted" -- "$CESCORE" run 2023H1 "$WORK/yuan" --db "$DB" --replace --accept-warnings --by 王芳 \
  --out "$WORK/yuan.xlsx"
expect_in "$WORK/err" "accepted by 王芳" "yuan: the acceptance is said"
"$PY" -c "
import sys, zipfile
z = zipfile.ZipFile(sys.argv[1])
strings = z.read('xl/sharedStrings.xml').decode()
for s in ('已确认的合理性提示', '王芳', '公司 SH-PC-015：保费'):
    assert s in strings, s
" "$WORK/yuan.xlsx" && pass || fail "yuan: the workbook's 审计信息 does not show the acceptance"
# the workbook speaks its own language (--lang), whatever the messages' language
expect_exit 0 "yuan: report under a Chinese LANG" -- env LANG=zh_CN.UTF-8 "$CESCORE" report 2023H1 --db "$DB" \
  --out "$WORK/yuan-zh-env.xlsx"
expect_exit 0 "yuan: report under LC_ALL=C" -- env LC_ALL=C "$CESCORE" report 2023H1 --db "$DB" \
  --out "$WORK/yuan-c-env.xlsx"
cmp -s "$WORK/yuan-zh-env.xlsx" "$WORK/yuan-c-env.xlsx" && pass ||
  fail "yuan: the workbook's bytes depend on LANG"
expect_exit 0 "history" -- "$CESCORE" history --db "$DB"
expect_in "$WORK/out" "findings accepted by 王芳 at 2024-" "history shows who accepted, when (Beijing time)"
expect_in "$WORK/out" "company SH-PC-015: premium" "history shows which findings"
expect_exit 0 "history --json" -- "$CESCORE" history --db "$DB" --json -
expect_in "$WORK/out" '"premium_factor"' "history JSON: the finding's kind"
expect_exit 0 "verify" -- "$CESCORE" verify --db "$DB"
# the same inputs again: accepted already, the import reused
expect_exit 0 "yuan: again" -- "$CESCORE" run 2023H1 "$WORK/yuan" --db "$DB"
expect_in "$WORK/err" "accepted already for these inputs" "yuan again: no second acceptance needed"
expect_in "$WORK/out" "inputs identical to import 2, reused" "yuan again: the accepted import reused"

# codes swapped between two rows of complaints.csv, against its name column
variant swapped
recode "$WORK/swapped" complaints.csv "t = t.replace('SH-PC-001,', 'SH-PC-XXX,', 1).replace('SH-PC-002,', 'SH-PC-001,', 1).replace('SH-PC-XXX,', 'SH-PC-002,', 1)"
stopped swapped 2023H1 "is not the name of SH-PC-001 in companies.csv" --replace

# a name column giving the Chinese name alone where companies.csv adds the
# English one in brackets is the same name, not a contradiction
variant suffix
recode "$WORK/suffix" companies.csv "t = t.replace('华瑞财产保险股份有限公司上海分公司,', '华瑞财产保险股份有限公司上海分公司 (Huarui P&C Shanghai),', 1)"
expect_exit 0 "suffix: validate" -- "$CESCORE" validate 2023H1 "$WORK/suffix"
# ... while the English name of another company still is one
recode "$WORK/suffix" complaints.csv "t = t.replace('SH-PC-002,申泰财产保险股份有限公司上海分公司,', 'SH-PC-002,华瑞财产保险股份有限公司上海分公司（Huarui P&C Shanghai）,', 1)"
expect_exit 3 "suffix: another company's name" -- "$CESCORE" validate 2023H1 "$WORK/suffix"
expect_in "$WORK/err" "but that of SH-PC-001: are the codes of two rows swapped?" "suffix: the other company is named"

# a figure typed into a column without header
variant noheader
recode "$WORK/noheader" mediation.csv "lines = t.split('\n'); lines[0] = lines[0].rstrip('\r') + ',' + ('\r' if lines[0].endswith('\r') else ''); lines[1] = lines[1].rstrip('\r') + ',17' + ('\r' if lines[1].endswith('\r') else ''); lines[2:] = [l.rstrip('\r') + ',' + ('\r' if l.endswith('\r') else '') if l.strip() else l for l in lines[2:]]; t = '\n'.join(lines)"
stopped noheader 2023H1 "(no header)" --replace
expect_in "$WORK/noheader.err" "mediation.csv:2" "noheader: file and line"

# ---- no prior figures at all: said once, with the fix ----
expect_exit 0 "no prior" -- "$CESCORE" run 2024H1 "$FIX/sample/2024H1" --db "$WORK/noprior.db"
n=$(grep -c "every company gets the change-rate points for want of a prior period" "$WORK/out")
[ "$n" = 1 ] && pass || fail "no prior: said $n times, expected once"
expect_in "$WORK/out" "import and run 2023H1 first, or add prior.csv" "no prior: the fix"
if grep -q "no_prior" "$WORK/out"; then fail "no prior: rows still flagged no_prior in the ranking"; else pass; fi

# ---- validate --json lists every error; the terminal keeps its cap ----
variant many
recode "$WORK/many" complaints.csv "import re; t = re.sub(r'(?m)^(SH-[A-Z0-9-]+,[^,]*),[0-9]+,', r'\1,x,', t)"
recode "$WORK/many" mediation.csv "import re; t = re.sub(r'(?m)^(SH-[A-Z0-9-]+,[^,]*),[0-9]+', r'\1,y', t)"
expect_exit 3 "many: validate --json" -- "$CESCORE" validate 2023H1 "$WORK/many" --json "$WORK/many.json"
"$PY" -c "
import json, sys
j = json.load(open(sys.argv[1]))
errs = [p for p in j['problems'] if p['level'] == 'error']
assert j['errors'] > 100, j['errors']
assert len(errs) == j['errors'], (len(errs), j['errors'])
" "$WORK/many.json" && pass || fail "many: the JSON does not list every error"
expect_in "$WORK/err" "more errors not shown" "many: the terminal says how many more"

finish
