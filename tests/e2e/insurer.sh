#!/usr/bin/env bash
# Insurers check their own score (docs/commands.md §2.13-§2.15, §6.2):
# benchmarks publishes a run's figures and nothing of a company's inputs;
# every company of the sample 2024H1 run (after 2023H1, so its prior figures
# come from the archive), self-checked from a bundle of its own rows and its
# exported prior figures, gets exactly its official figures and rank; whatif
# equals a full run of the edited bundle and leaves the archive unchanged;
# the results carry the rank sensitivity and small bases.
source "$(dirname "$0")/lib/common.bash"

C="$CESCORE"
DB="$WORK/a.db"
S="$FIX/sample"
SPLIT="$CES_ROOT/tests/tools/split_bundle.py"
SAME="$CES_ROOT/tests/tools/same_figures.py"

expect_exit 0 "run 2023H1" -- "$C" run 2023H1 "$S/2023H1" --db "$DB" --by alice --quiet
expect_exit 0 "run 2024H1" -- "$C" run 2024H1 "$S/2024H1" --db "$DB" --by alice --quiet
expect_exit 0 "review" -- "$C" review 2024H1 --run 2 --by bob --db "$DB" --quiet
expect_exit 0 "finalize" -- "$C" finalize 2024H1 --run 2 --by bob --db "$DB" --quiet
expect_exit 0 "report" -- "$C" report 2024H1 --db "$DB" --json "$WORK/official.json" --quiet

# ---- benchmarks: what the bureau publishes ----
expect_exit 2 "benchmarks without --out" -- "$C" benchmarks 2024H1 --db "$DB"
expect_in "$WORK/err" "--out FILE.json is required" "benchmarks says what it needs"
expect_exit 0 "benchmarks" -- "$C" benchmarks 2024H1 --db "$DB" --out "$WORK/b.json"
expect_in "$WORK/out" "wrote $WORK/b.json: the published figures of run 2 (final)" "benchmarks says what it wrote"
if "$PY" - "$WORK/b.json" "$WORK/official.json" >"$WORK/check" 2>&1 <<'EOF'
import hashlib, json, sys
b, r = (json.load(open(p, encoding="utf-8")) for p in sys.argv[1:3])
assert list(b) == ["format", "period", "run_id", "status", "run_time", "engine_version", "config",
                   "prior", "groups", "industry", "ranking"], list(b)
assert (b["format"], b["period"], b["run_id"], b["status"]) == ("cescore-benchmarks 1", "2024H1", 2, "final")
assert hashlib.sha256(b["config"]["text"].encode()).hexdigest() == b["config"]["sha256"] == r["config"]["sha256"]
assert b["groups"] == r["groups"] and b["industry"] == r["industry"]
for g in ("pc", "life"):
    ours = [c for c in r["companies"] if c["group"] == g]
    assert [list(e) for e in b["ranking"][g]] == [["code", "name", "total", "rank"]] * len(ours)
    assert [(e["code"], e["total"], e["rank"]) for e in b["ranking"][g]] == \
        [(c["code"], c["total"], c["rank"]) for c in ours]
text = open(sys.argv[1], encoding="utf-8").read()
for word in ("numerator", "complaints_total", "premium", "indicators", "excluded"):
    assert '"%s"' % word not in text, word  # nothing of a company's inputs
EOF
then pass; else fail "the benchmarks JSON is not the run's published figures only"; cat "$WORK/check" >&2; fi

# ---- selfcheck of every company from its own rows ----
expect_exit 0 "export" -- "$C" export 2024H1 "$WORK/exp" --db "$DB" --quiet
"$PY" -c 'import json,sys; b=json.load(open(sys.argv[1])); print(" ".join(e["code"] for g in ("pc","life") for e in b["ranking"][g]))' \
  "$WORK/b.json" >"$WORK/codes"
read -r -a CODES <"$WORK/codes"
"$PY" "$SPLIT" "$WORK/exp" "$WORK/exp/prior.csv" "$WORK/own" "${CODES[@]}" || fail "split the bundle"
same=0
for code in "${CODES[@]}"; do
  if "$C" selfcheck 2024H1 "$WORK/own/$code" --benchmarks "$WORK/b.json" --json "$WORK/own/$code.json" \
      >"$WORK/own/$code.out" 2>"$WORK/own/$code.err" &&
     grep -qF "this self-check gives the same total and rank" "$WORK/own/$code.out"; then
    same=$((same + 1))
  else
    fail "selfcheck $code"; head -5 "$WORK/own/$code.err" >&2
  fi
done
[ "$same" = "${#CODES[@]}" ] && [ "$same" = 90 ] && pass || fail "$same of ${#CODES[@]} self-checks give the published total and rank"
if "$PY" - "$WORK/official.json" "$WORK/own" "${CODES[@]}" >"$WORK/check" 2>&1 <<'EOF'
import json, os, sys
official = {c["code"]: c for c in json.load(open(sys.argv[1], encoding="utf-8"))["companies"]}
bad = 0
for code in sys.argv[3:]:
    s = json.load(open(os.path.join(sys.argv[2], code + ".json"), encoding="utf-8"))
    assert s["status"] == "selfcheck" and s["run_id"] == 2 and len(s["companies"]) == 1
    c, o = s["companies"][0], official[code]
    for k in ("code", "group", "rank", "total", "qualitative", "quantitative", "volume_block", "flags", "rolled_up"):
        if c[k] != o[k]:
            print(code, k, c[k], o[k]); bad += 1
    for i, x in o["indicators"].items():
        if c["indicators"][i] != x:  # every member: score, value, benchmark ...
            print(code, i, c["indicators"][i], x); bad += 1
print("companies", len(sys.argv) - 3, "differences", bad)
sys.exit(1 if bad else 0)
EOF
then pass; else fail "a self-check's figures differ from the official ones"; head -20 "$WORK/check" >&2; fi
expect_in "$WORK/check" "companies 90 differences 0" "every company, every indicator"

# the terminal view and the scorecard
expect_exit 0 "selfcheck with a scorecard" -- "$C" selfcheck 2024H1 "$WORK/own/SH-PC-003" \
  --benchmarks "$WORK/b.json" --out "$WORK/SH-PC-003.xlsx"
expect_in "$WORK/out" "self-check of SH-PC-003" "selfcheck names the company"
expect_in "$WORK/out" "total        = 28.00 + 43.28 = 71.28" "selfcheck prints the arithmetic"
expect_in "$WORK/out" "Published for SH-PC-003: total 71.28, rank 32: this self-check gives the same" \
  "selfcheck compares with the published entry"
expect_in "$WORK/out" "prior 2023H1: prior.csv" "the prior figures come from the bundle"
[ -s "$WORK/SH-PC-003.xlsx" ] && pass || fail "selfcheck --out writes the scorecard"
# its outputs commit together: a scorecard that cannot be written leaves no JSON
expect_exit 1 "selfcheck whose scorecard cannot be written" -- "$C" selfcheck 2024H1 "$WORK/own/SH-PC-003" \
  --benchmarks "$WORK/b.json" --json "$WORK/sc.json" --out "$WORK/nodir/SH-PC-003.xlsx"
expect_not_exists "$WORK/sc.json" "the JSON of a selfcheck that failed"

# rows that differ from the bureau's: said so
cp -r "$WORK/own/SH-PC-003" "$WORK/more"
sed -i 's/^SH-PC-003,\([0-9]*\),\([0-9]*\),/SH-PC-003,1\1,1\2,/' "$WORK/more/complaints.csv"
expect_exit 0 "selfcheck of changed rows" -- "$C" selfcheck 2024H1 "$WORK/more" --benchmarks "$WORK/b.json"
expect_in "$WORK/out" "the bundle's rows differ from those the bureau scored" "a different total is said"

# refused: other companies' rows, a tampered or foreign benchmarks file, the wrong period
mkdir -p "$WORK/two"
"$PY" "$SPLIT" "$WORK/exp" "$WORK/exp/prior.csv" "$WORK/two" SH-PC-003 SH-PC-004
for f in "$WORK/two/SH-PC-004"/*.csv; do tail -n +2 "$f" >>"$WORK/two/SH-PC-003/$(basename "$f")"; done
expect_exit 3 "selfcheck of two companies" -- "$C" selfcheck 2024H1 "$WORK/two/SH-PC-003" --benchmarks "$WORK/b.json"
expect_in "$WORK/err" "holds 2 evaluated companies" "two companies are refused"
expect_exit 3 "selfcheck of two companies, one named" -- "$C" selfcheck 2024H1 "$WORK/two/SH-PC-003" \
  --benchmarks "$WORK/b.json" --company SH-PC-003
expect_in "$WORK/err" "holds rows of other companies than SH-PC-003 (SH-PC-004)" "the other company is named"
"$PY" - "$WORK/b.json" "$WORK" <<'EOF'
import hashlib, json, sys
b = json.load(open(sys.argv[1], encoding="utf-8"))
t = dict(b, config=dict(b["config"], text=b["config"]["text"].replace('"max": 20', '"max": 21')))
json.dump(t, open(sys.argv[2] + "/tampered.json", "w"))
text = b["config"]["text"].replace('"median_scaled"', '"median_plus"', 1)
u = dict(b, config=dict(b["config"], text=text, sha256=hashlib.sha256(text.encode()).hexdigest()))
json.dump(u, open(sys.argv[2] + "/unloadable.json", "w"))
json.dump(dict(b, period="2023H1"), open(sys.argv[2] + "/other-period.json", "w"))
EOF
expect_exit 3 "tampered benchmarks" -- "$C" selfcheck 2024H1 "$WORK/own/SH-PC-003" --benchmarks "$WORK/tampered.json"
expect_in "$WORK/err" "the config text does not match its sha256" "a tampered config is refused"
expect_exit 3 "unloadable config" -- "$C" selfcheck 2024H1 "$WORK/own/SH-PC-003" --benchmarks "$WORK/unloadable.json"
expect_in "$WORK/err" "this engine cannot load its config" "an unloadable config is refused"
expect_in "$WORK/err" "unknown method \"median_plus\"" "with the config's own problem"
expect_exit 3 "other period" -- "$C" selfcheck 2024H1 "$WORK/own/SH-PC-003" --benchmarks "$WORK/other-period.json"
expect_in "$WORK/err" "the benchmarks of 2023H1, not of 2024H1" "the period must match"
expect_exit 3 "a results JSON" -- "$C" selfcheck 2024H1 "$WORK/own/SH-PC-003" --benchmarks "$WORK/official.json"
expect_in "$WORK/err" "not a benchmarks file" "a results JSON is not a benchmarks file"
expect_exit 2 "selfcheck without --benchmarks" -- "$C" selfcheck 2024H1 "$WORK/own/SH-PC-003"
"$PY" "$SPLIT" "$WORK/exp" "$WORK/exp/prior.csv" "$WORK/own" SH-PC-041
expect_exit 3 "selfcheck of an ineligible company" -- "$C" selfcheck 2024H1 "$WORK/own/SH-PC-041" --benchmarks "$WORK/b.json"
expect_in "$WORK/err" "SH-PC-041 is not scored in 2024H1 (not_open_full_year): there is nothing to check" \
  "an ineligible company is said so"
expect_exit 0 "benchmarks to standard output" -- "$C" benchmarks 2024H1 --db "$DB" --out -
cmp -s "$WORK/out" "$WORK/b.json" && pass || fail "benchmarks --out - writes the same bytes as the file"

# ---- whatif = a full run of the edited bundle; the archive unchanged ----
before=$(digest "$DB")
motor=$(grep '^SH-PC-003,' "$WORK/exp/complaints.csv" | cut -d, -f3)
expect_exit 0 "whatif" -- "$C" whatif 2024H1 --db "$DB" --company SH-PC-003 --set "complaints.motor=$((motor + 9))" \
  --json "$WORK/whatif.json"
expect_in "$WORK/out" "complaints.csv SH-PC-003: total = 452 (was 443)" "the pc total follows motor"
expect_in "$WORK/out" "SH-PC-003 东盛财产保险股份有限公司上海分公司 (Dongsheng P&C Insurance Co., Ltd. Shanghai Branch): total 71.28 -> 70.58, rank 32 -> 35 of 40" \
  "whatif prints the old and new total and rank"
expect_in "$WORK/out" "SH-PC-018      rank 35 -> 33" "and the companies whose rank changes"
grep -qE '^	"status":	"whatif",$' "$WORK/whatif.json" && pass || fail "the whatif JSON says whatif"
cp -r "$WORK/exp" "$WORK/edited"
sed -i "s/^SH-PC-003,443,$motor,/SH-PC-003,452,$((motor + 9)),/" "$WORK/edited/complaints.csv"
expect_exit 0 "full run of the edited bundle" -- "$C" run 2024H1 "$WORK/edited" --db "$WORK/fresh.db" \
  --config "$WORK/exp/config.json" --json "$WORK/full.json" --quiet
if "$PY" "$SAME" "$WORK/whatif.json" "$WORK/full.json" >"$WORK/diff"; then pass
else fail "whatif differs from a full run of the edited bundle"; head "$WORK/diff" >&2; fi
if "$PY" "$SAME" "$WORK/official.json" "$WORK/full.json" >/dev/null; then fail "the edit changed nothing"; else pass; fi
expect_exit 3 "whatif with an invalid cell" -- "$C" whatif 2024H1 --db "$DB" --company SH-PC-003 \
  --set complaints.withdrawn_before_transfer=500
expect_in "$WORK/err" "500 exceeds total (443)" "whatif checks the change like a bundle"
expect_exit 3 "whatif of an unknown column" -- "$C" whatif 2024H1 --db "$DB" --company SH-PC-003 --set complaints.foo=1
expect_in "$WORK/err" "column foo: not a column of complaints.csv" "an unknown column is named"
expect_exit 2 "whatif of companies.csv" -- "$C" whatif 2024H1 --db "$DB" --company SH-PC-003 --set companies.group=life
expect_exit 0 "whatif --target" -- "$C" whatif 2024H1 --db "$DB" --company SH-PC-003 --target 75
expect_in "$WORK/out" "complaints.motor                     291 -> 215: total 75.00, rank 28" "the smallest motor change"
expect_in "$WORK/out" "complaints.on_time                   270: not reachable" "an input that cannot reach it"
[ "$(digest "$DB")" = "$before" ] && pass || fail "whatif changed the archive"

# ---- rank sensitivity and small bases in the outputs ----
if "$PY" - "$WORK/official.json" >"$WORK/check" 2>&1 <<'EOF'
import json, sys
r = {c["code"]: c for c in json.load(open(sys.argv[1], encoding="utf-8"))["companies"]}
c = r["SH-PC-027"]
assert c["rank_sensitivity"] == {"fewer": {"line": "nonmotor", "total": 60.04, "rank": 40},
                                 "more": {"line": "nonmotor", "total": 59.99, "rank": 40}}, c["rank_sensitivity"]
assert c["small_base"] == [], c["small_base"]
z = [c for c in r.values() if c["rank_sensitivity"]["fewer"] is None]
assert z and all(c["flags"].count("no_complaints") for c in z)
assert any(c["small_base"] for c in r.values())
assert all(set(c["small_base"]) <= set(c["indicators"]) for c in r.values())
EOF
then pass; else fail "rank sensitivity in the results JSON"; cat "$WORK/check" >&2; fi
expect_exit 0 "show --company" -- "$C" show 2024H1 --db "$DB" --company SH-PC-027
expect_in "$WORK/out" "rank sensitivity (peers fixed): one non-motor complaint fewer: total 60.04, rank 40; one non-motor complaint more: total 59.99, rank 40" \
  "show prints the rank sensitivity"
expect_exit 0 "report workbook" -- "$C" report 2024H1 --db "$DB" --out "$WORK/r.xlsx" --per-company "$WORK/cards" --quiet
if "$PY" "$CES_ROOT/tests/tools/xlsx_readback.py" "$WORK/r.xlsx" "--expect=3:rank_sensitivity.fewer" \
    "--expect=3:小基数" "--expect=3:少一件非车险投诉" >"$WORK/check" 2>&1; then pass
else fail "the detail sheet's sensitivity rows"; cat "$WORK/check" >&2; fi
if "$PY" "$CES_ROOT/tests/tools/xlsx_readback.py" "$WORK/cards/SH-PC-027.xlsx" --scorecard \
    "--expect=0:rank_sensitivity.more" "--expect=0:多一件非车险投诉" >"$WORK/check" 2>&1; then pass
else fail "the scorecard's sensitivity rows"; cat "$WORK/check" >&2; fi

# ---- export's prior.csv holds only the figures the run used ----
# SH-PC-003-TS was scored on its own in 2023H1 (a branch then), and rolled up into
# SH-PC-003 in 2024H1: the run did not use its 2023H1 figures, so neither may a
# re-run of the export, nor a self-check.
mkdir -p "$WORK/p23"
cp "$S/2023H1"/*.csv "$WORK/p23/"
"$PY" - "$WORK/p23/companies.csv" <<'EOF'
import csv, io, sys
rows = list(csv.reader(io.StringIO(open(sys.argv[1], encoding="gb18030").read(), newline="")))
h = rows[0]
code, kind, parent = h.index("机构代码"), h.index("机构类型"), h.index("上级机构代码")
for r in rows[1:]:
    if r and r[code] == "SH-PC-003-TS":
        r[kind], r[parent] = "省级分公司", ""
out = io.StringIO(newline="")
csv.writer(out, lineterminator="\r\n").writerows(rows)
open(sys.argv[1], "w", encoding="gb18030", newline="").write(out.getvalue())
EOF
DB2="$WORK/p.db"
expect_exit 0 "run the changed 2023H1" -- "$C" run 2023H1 "$WORK/p23" --db "$DB2" --quiet
expect_exit 0 "run 2024H1 after it" -- "$C" run 2024H1 "$S/2024H1" --db "$DB2" --json "$WORK/p.json" --quiet
expect_exit 0 "export" -- "$C" export 2024H1 "$WORK/pexp" --db "$DB2" --quiet
grep -q '^SH-PC-003-TS,' "$WORK/pexp/prior.csv" && fail "export wrote a figure the run did not use" || pass
expect_exit 0 "re-run of the export" -- "$C" run 2024H1 "$WORK/pexp" --db "$WORK/p2.db" --config "$WORK/pexp/config.json" \
  --json "$WORK/p2.json" --quiet
"$PY" "$SAME" "$WORK/p.json" "$WORK/p2.json" >"$WORK/diff" && pass || { fail "a re-run of the export differs"; head "$WORK/diff" >&2; }

finish
