#!/usr/bin/env bash
# Case-level complaints (docs/inputs.md §4.8, docs/method.md §6.6): the case
# lists of fixtures/cases, derived from the sample's aggregate bundles by
# tests/tools/make_cases.py (English/UTF-8 and Chinese/GB18030, mixed date
# forms, deadlines across the holidays and their make-up days, answers on the
# deadline, a working day late and after the period, transfers on rest days),
# give exactly the aggregate bundles' results; the independent oracle counts
# them the same; rerun, review, verify and export work on them; a calendar
# without the period's year stops the run, naming cases.csv and the file to add.
source "$(dirname "$0")/lib/common.bash"

S="$FIX/sample"
C="$FIX/cases"
ORACLE="$CES_ROOT/tests/oracle/oracle.py"
COMPARE="$CES_ROOT/tests/oracle/compare.py"
READBACK="$CES_ROOT/tests/tools/xlsx_readback.py"

# results_equal A.json B.json: every figure identical but the case detail
results_equal() {
  "$PY" - "$1" "$2" >"$WORK/diff" 2>&1 <<'PYEOF'
import json, sys
def strip(path):
    d = json.load(open(path))
    for k in ("run_id", "run_time", "cases"):
        d.pop(k, None)
    for c in d["companies"]:
        c.pop("cases", None)
        c.pop("analysis", None)
    return d
a, b = strip(sys.argv[1]), strip(sys.argv[2])
if a != b:
    for x, y in zip(a["companies"], b["companies"]):
        if x != y:
            print("first difference:", x["code"], y["code"])
            break
    sys.exit(1)
PYEOF
}
same_results() { if results_equal "$1" "$2"; then pass; else fail "$3"; cat "$WORK/diff" >&2; fi; }

# ---- 1. the same results from the case lists as from the aggregate bundles
A="$WORK/aggregate.db"
expect_exit 0 "aggregate 2023H1" -- "$CESCORE" run 2023H1 "$S/2023H1" --db "$A" --quiet --json "$WORK/a23.json"
expect_exit 0 "aggregate 2024H1" -- "$CESCORE" run 2024H1 "$S/2024H1" --db "$A" --quiet --json "$WORK/a24.json"
DB="$WORK/cases.db"
expect_exit 0 "cases 2023H1 (Chinese, GB18030)" -- "$CESCORE" run 2023H1 "$C/2023H1-zh" --db "$DB" --json "$WORK/c23.json"
expect_in "$WORK/err" "warning: cases.csv: column code: no row for" "a company without complaints is named in a warning"
expect_exit 0 "cases 2024H1 (English, UTF-8)" -- "$CESCORE" run 2024H1 "$C/2024H1-en" --db "$DB" --quiet \
  --json "$WORK/c24.json" --out "$WORK/c24.xlsx" --per-company "$WORK/cards"
same_results "$WORK/a23.json" "$WORK/c23.json" "2023H1: case list != aggregate bundle"
same_results "$WORK/a24.json" "$WORK/c24.json" "2024H1: case list != aggregate bundle (prior from a case-level run)"

ALONE="$WORK/alone.db"
expect_exit 0 "aggregate 2024H1 alone" -- "$CESCORE" run 2024H1 "$S/2024H1" --db "$ALONE" --quiet --json "$WORK/alone.json"
for v in zh mixed; do
  expect_exit 0 "cases 2024H1-$v" -- "$CESCORE" run 2024H1 "$C/2024H1-$v" --db "$WORK/$v.db" --quiet --json "$WORK/$v.json"
  same_results "$WORK/alone.json" "$WORK/$v.json" "2024H1-$v: case list != aggregate bundle"
done

# the derived counts equal complaints.csv's, company by company, and the run names its calendar
"$PY" - "$WORK/c24.json" "$S/2024H1/complaints.csv" >"$WORK/counts" 2>&1 <<'PYEOF'
import csv, io, json, sys
res = json.load(open(sys.argv[1]))
rows = {r["code"]: r for r in csv.DictReader(io.StringIO(open(sys.argv[2], encoding="utf-8-sig").read()))}
bad = 0
assert len(res["cases"]["calendar_sha256"]) == 64 and res["cases"]["response_working_days"] == 15
for c in res["companies"]:
    k = c.get("cases")
    if not k:
        continue
    kids = [c["code"]] + c["rolled_up"]
    want = {f: sum(int(rows[x][f] or 0) for x in kids if x in rows)
            for f in ("total", "withdrawn_before_transfer", "transferred", "on_time")}
    got = {"total": k["total"], "withdrawn_before_transfer": k["withdrawn"],
           "transferred": k["transferred"], "on_time": k["on_time"]}
    if got != want or k["overdue"] != k["transferred"] - k["on_time"] or len(k["overdue_cases"]) != min(20, k["overdue"]):
        print(c["code"], got, want, k["overdue"], len(k["overdue_cases"])); bad += 1
    days = [o["days_overdue"] for o in k["overdue_cases"]]
    if days != sorted(days, reverse=True) or any(o["deadline"] >= (o["responded_date"] or "9999") for o in k["overdue_cases"]):
        print(c["code"], "overdue cases not most overdue first, or answered by the deadline"); bad += 1
sys.exit(1 if bad else 0)
PYEOF
[ $? = 0 ] && pass || { fail "case counts differ from complaints.csv"; head -20 "$WORK/counts" >&2; }

# ---- 2. the independent oracle counts the case lists the same way
"$PY" "$ORACLE" 2024H1 "$C/2024H1-zh" --json "$WORK/o-zh.json" 2>"$WORK/oracle.err" || { fail "oracle 2024H1-zh"; head "$WORK/oracle.err" >&2; }
if "$PY" "$COMPARE" "$WORK/zh.json" "$WORK/o-zh.json" >"$WORK/cmp" 2>&1; then pass; else fail "oracle != engine on 2024H1-zh"; head -20 "$WORK/cmp" >&2; fi
"$PY" "$ORACLE" 2024H1 "$C/2024H1-mixed" --json "$WORK/o-mixed.json" 2>"$WORK/oracle.err" || { fail "oracle 2024H1-mixed"; head "$WORK/oracle.err" >&2; }
if "$PY" "$COMPARE" "$WORK/mixed.json" "$WORK/o-mixed.json" >"$WORK/cmp" 2>&1; then pass; else fail "oracle != engine on 2024H1-mixed"; head -20 "$WORK/cmp" >&2; fi

# report writes the stored run's outputs again, byte for byte (before the
# review below makes the run "reviewed", which its outputs then say)
expect_exit 0 "report again" -- "$CESCORE" report 2024H1 --db "$DB" --quiet --out "$WORK/again.xlsx" --json "$WORK/again24.json"
cmp -s "$WORK/c24.json" "$WORK/again24.json" && pass || fail "report rewrote the JSON of a case-level run"
cmp -s "$WORK/c24.xlsx" "$WORK/again.xlsx" && pass || fail "report rewrote the workbook of a case-level run"

# ---- 3. the audit commands on a case-level period
expect_exit 0 "rerun" -- "$CESCORE" rerun 2024H1 --db "$DB"
expect_in "$WORK/out" "reproduced" "rerun reproduces a case-level run from the archived file"
expect_exit 0 "review by another" -- "$CESCORE" review 2024H1 --run 2 --db "$DB" --by reviewer --quiet
expect_exit 0 "verify" -- "$CESCORE" verify --db "$DB"
expect_exit 0 "export" -- "$CESCORE" export 2024H1 "$WORK/export" --db "$DB" --quiet
cmp -s "$WORK/export/cases.csv" "$C/2024H1-en/cases.csv" && pass || fail "export: cases.csv not byte-identical"
expect_exit 0 "export the GB18030 list" -- "$CESCORE" export 2023H1 "$WORK/export23" --db "$DB" --quiet
cmp -s "$WORK/export23/cases.csv" "$C/2023H1-zh/cases.csv" && pass || fail "export: GB18030 cases.csv not byte-identical"
# the exported bundle (with the prior figures, the config and the calendar
# the run used) runs again to the same figures on a fresh archive
for y in 2023 2024 2025 2026; do
  cmp -s "$WORK/export/calendar/$y.json" "$CES_ROOT/config/calendar/$y.json" && pass || fail "export: calendar/$y.json"
done
expect_exit 0 "run the export" -- "$CESCORE" run 2024H1 "$WORK/export" --config "$WORK/export/config.json" \
  --calendar "$WORK/export/calendar" --db "$WORK/again.db" --quiet --json "$WORK/again.json"
"$PY" -c "
import json, sys
a, b = (json.load(open(p))['cases']['calendar_sha256'] for p in sys.argv[1:3])
sys.exit(0 if a == b else 1)
" "$WORK/c24.json" "$WORK/again.json" && pass || fail "the exported calendar is the run's, byte for byte"
if "$PY" "$CES_ROOT/tests/tools/same_figures.py" "$WORK/c24.json" "$WORK/again.json" >"$WORK/diff"; then
  pass
else
  fail "the exported bundle gives other results"
  head -10 "$WORK/diff" >&2
fi
(cd "$WORK/export" && sha256sum -c --quiet SHA256SUMS) && pass || fail "export: sha256sum -c SHA256SUMS with cases.csv"
# a folder of outputs: its manifest lists the calendar's files too; --force replaces
# exactly them, and a file of the user's in calendar/ stops it
grep -q '  calendar/2024.json$' "$WORK/export/cescore-manifest.txt" && pass || fail "the manifest lists calendar/2024.json"
expect_exit 1 "export again without --force" -- "$CESCORE" export 2024H1 "$WORK/export" --db "$DB"
expect_exit 0 "export again with --force" -- "$CESCORE" export 2024H1 "$WORK/export" --db "$DB" --force --quiet
echo mine >"$WORK/export/calendar/notes.txt"
expect_exit 1 "--force over a calendar/ holding the user's file" -- "$CESCORE" export 2024H1 "$WORK/export" --db "$DB" --force
expect_in "$WORK/err" "holds calendar/notes.txt, which cescore did not write there" "the user's file is named"
[ -f "$WORK/export/calendar/notes.txt" ] && [ -f "$WORK/export/cases.csv" ] && pass || fail "the folder was touched"
expect_exit 0 "history" -- "$CESCORE" history 2024H1 --db "$DB"
expect_in "$WORK/out" "cases.csv" "history lists the archived cases.csv"

# the stored calendar, not the one in force, is what rerun counts on
CAL="$WORK/calendar-2023-only"
mkdir -p "$CAL" && cp "$CES_ROOT/config/calendar/2023.json" "$CAL/"
expect_exit 0 "rerun does not read the calendar in force" -- "$CESCORE" rerun 2024H1 --db "$DB" --quiet

# ---- 4. outputs written from the stored run
expect_exit 0 "workbook read back" -- "$PY" "$READBACK" "$WORK/c24.xlsx" --lang zh --analysis
expect_exit 0 "scorecard read back" -- "$PY" "$READBACK" "$WORK/cards/SH-PC-001.xlsx" --lang zh --scorecard --expect=0:逾期件数
expect_exit 0 "show a company" -- "$CESCORE" show 2024H1 --company SH-PC-001 --db "$DB"
expect_in "$WORK/out" "transferred 44: on time 41, overdue 3" "show: transferred, on time, overdue"
expect_in "$WORK/out" "TS20240003109         SH-PC-001       2024-04-26  2024-05-20  2024-05-21  1" "show: a case answered one working day late"
expect_in "$WORK/out" "Complaints by category" "show: the analysis of a company above the threshold"

# ---- 5. a calendar without the period's year: exit 3, cases.csv named, nothing changed
before=$(digest "$DB")
expect_exit 3 "a calendar without 2024" -- "$CESCORE" run 2024H1 "$C/2024H1-zh" --db "$DB" --replace \
  --calendar "$CAL" --json "$WORK/no.json" --out "$WORK/no.xlsx"
expect_in "$WORK/err" "cescore: cases.csv: the working-day calendar has no year 2024: add $CAL/2024.json" "the missing year and the file to add"
[ "$(digest "$DB")" = "$before" ] && pass || fail "the archive changed"
expect_not_exists "$WORK/no.json" "results JSON of a refused run"
expect_not_exists "$WORK/no.xlsx" "workbook of a refused run"
expect_exit 3 "validate says the same" -- "$CESCORE" validate 2024H1 "$C/2024H1-zh" --calendar "$CAL"
expect_in "$WORK/err" "cases.csv: the working-day calendar has no year 2024" "validate: the missing year"
expect_exit 3 "score of a case-level period with the calendar lacking its year" -- "$CESCORE" score 2024H1 --db "$DB" --calendar "$CAL"
expect_in "$WORK/err" "no year 2024" "score: the missing year"
[ "$(digest "$DB")" = "$before" ] && pass || fail "score changed the archive"

# ---- 6. the same code in both files
BOTH="$WORK/both"
cp -r "$C/2024H1-mixed" "$BOTH"
code=$(grep -o 'SH-PC-[0-9]*,' "$BOTH/cases.csv" | head -1 | tr -d ,)
printf '%s,1,1,0,0,0,0\n' "$code" >>"$BOTH/complaints.csv"
expect_exit 3 "a code in both files" -- "$CESCORE" run 2024H1 "$BOTH" --db "$DB" --replace
expect_in "$WORK/err" "column code (B): $code also has a row in complaints.csv" "the code in both files"
expect_in "$WORK/err" "cescore: cases.csv:" "the error names cases.csv"
[ "$(digest "$DB")" = "$before" ] && pass || fail "the archive changed"

# ---- 7. the deadline is the config's: 10 working days give other counts, reproduced by rerun
sed 's/"response_working_days": 15/"response_working_days": 10/' "$CES_ROOT/config/shanghai-2018.json" >"$WORK/ten.json"
expect_exit 0 "score with 10 working days" -- "$CESCORE" score 2024H1 --db "$DB" --config "$WORK/ten.json" --json "$WORK/ten-out.json" --quiet
"$PY" -c "
import json, sys
a = {c['code']: c['cases'] for c in json.load(open(sys.argv[1]))['companies'] if 'cases' in c}
b = {c['code']: c['cases'] for c in json.load(open(sys.argv[2]))['companies'] if 'cases' in c}
sys.exit(0 if sum(x['on_time'] for x in b.values()) < sum(x['on_time'] for x in a.values()) else 1)
" "$WORK/c24.json" "$WORK/ten-out.json" && pass || fail "a shorter deadline does not lower the cases on time"
expect_exit 0 "rerun of the 10-day run" -- "$CESCORE" rerun 2024H1 --db "$DB" --quiet

# ---- 8. without the official calendar (Monday to Friday only) the counts are wrong
WD="$WORK/weekdays"
mkdir -p "$WD"
printf '{"year": 2024, "source": "test: no holidays", "off": [], "work": []}\n' >"$WD/2024.json"
expect_exit 0 "weekdays only" -- "$CESCORE" run 2024H1 "$C/2024H1-en" --db "$WORK/wd.db" --calendar "$WD" --quiet --json "$WORK/wd.json"
if results_equal "$WORK/alone.json" "$WORK/wd.json"; then fail "weekday counting gave the official results"; else pass; fi

# ---- 10. run status, explanations, publication, benchmarks, selfcheck and whatif on a case-level period
expect_exit 0 "show a company of run 2" -- "$CESCORE" show 2024H1 --run 2 --company SH-PC-001 --db "$DB"
expect_in "$WORK/out" "run 2 (reviewed)" "show: the run's status"
expect_in "$WORK/out" "15 (all established) = 15.00" "show: the indicator's explanation"
expect_in "$WORK/out" "rank sensitivity (peers fixed): " "show: the rank sensitivity, derived from the recounted case list"
expect_in "$WORK/out" "transferred 44: on time 41, overdue 3" "show: the case counts after the explanations"
expect_exit 2 "report refuses --calendar" -- "$CESCORE" report 2024H1 --db "$DB" --calendar "$CAL"
expect_in "$WORK/err" "--calendar is not one of this command's" "report: --calendar is refused"
expect_exit 0 "report --publish of a case-level run" -- "$CESCORE" report 2024H1 --run 2 --db "$DB" --quiet \
  --publish "$WORK/pub.xlsx" --json "$WORK/r2.json"
expect_exit 0 "the publication workbook has no 投诉分析" -- "$PY" "$READBACK" "$WORK/pub.xlsx" --publication --absent=投诉分析
"$PY" -c "
import json, sys
d = json.load(open(sys.argv[1]))
keys = list(d)
ok = keys.index('cases') < keys.index('run_id') < keys.index('status') and d['status'] == 'reviewed'
for c in d['companies']:
    k = list(c)
    ok = ok and 'rank_sensitivity' in k and k.index('indicators') < k.index('rank_sensitivity') < k.index('small_base')
    if 'cases' in c:
        ok = ok and k.index('small_base') < k.index('cases')
sys.exit(0 if ok else 1)
" "$WORK/r2.json" && pass || fail "the results JSON: status, rank_sensitivity, small_base, cases in order"
before=$(digest "$DB")
expect_exit 0 "benchmarks of a case-level run" -- "$CESCORE" benchmarks 2024H1 --run 2 --db "$DB" --out "$WORK/b.json" --quiet
"$PY" -c "
import json, sys
d = json.load(open(sys.argv[1])); r = json.load(open(sys.argv[2]))
sys.exit(0 if d['calendar']['sha256'] == r['cases']['calendar_sha256'] else 1)
" "$WORK/b.json" "$WORK/r2.json" && pass || fail "the benchmarks carry the run's calendar"
"$PY" "$CES_ROOT/tests/tools/split_bundle.py" "$WORK/export" "$WORK/export/prior.csv" "$WORK/own" SH-PC-001 SH-LF-001
for code in SH-PC-001 SH-LF-001; do
  expect_exit 0 "selfcheck $code from its case list" -- "$CESCORE" selfcheck 2024H1 "$WORK/own/$code" --benchmarks "$WORK/b.json"
  expect_in "$WORK/out" "this self-check gives the same total and rank" "selfcheck $code: the published total and rank"
done
expect_in "$WORK/out" "Case-level complaints (cases.csv)" "selfcheck: the case counts on its scorecard"
expect_exit 0 "whatif on a case-level period" -- "$CESCORE" whatif 2024H1 --run 2 --company SH-PC-001 \
  --set statistics.motor_premium_wan=120000 --db "$DB" --json "$WORK/w.json"
expect_in "$WORK/out" "SH-PC-001" "whatif: the company's new figures"
"$PY" -c "
import json, sys
d = json.load(open(sys.argv[1]))
c = [c for c in d['companies'] if c['code'] == 'SH-PC-001'][0]
sys.exit(0 if c['cases']['transferred'] == 44 and 'rank_sensitivity' in c else 1)
" "$WORK/w.json" && pass || fail "whatif: the archived case list counted into the changed period"
[ "$(digest "$DB")" = "$before" ] && pass || fail "benchmarks, selfcheck or whatif changed the archive"
MX="$WORK/mixed.db"
mcode=$(grep -o 'SH-LF-[0-9]*,' "$C/2024H1-mixed/cases.csv" | head -1 | tr -d ,)
expect_exit 3 "whatif: a case-level company's complaints.csv row" -- "$CESCORE" whatif 2024H1 --company "$mcode" \
  --set complaints.total=5 --db "$MX"
expect_in "$WORK/err" "are counted from cases.csv (case by case), not from complaints.csv" "whatif: why it is refused"

# ---- 9. progress: nothing on standard error when it is not a terminal
expect_exit 0 "no progress off a terminal" -- "$CESCORE" validate 2024H1 "$C/2024H1-en"
if grep -q 'rows/s' "$WORK/err"; then fail "progress printed off a terminal"; else pass; fi

finish
