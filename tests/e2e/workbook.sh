#!/usr/bin/env bash
# The workbook from the CLI (docs/workbook.md): read back by openpyxl, every rank and
# score equal to the results JSON, byte-identical on a second report, and one
# scorecard per scored company and for no one else; the run's status in every
# workbook; the publication workbook; the rank change against the prior
# period's published run.
source "$(dirname "$0")/lib/common.bash"

S="$FIX/sample"
DB="$WORK/a.db"
READBACK="$CES_ROOT/tests/tools/xlsx_readback.py"
expect_exit 0 "run 2023H1" -- "$CESCORE" run 2023H1 "$S/2023H1" --db "$DB" --quiet
expect_exit 0 "run 2024H1 with outputs" -- "$CESCORE" run 2024H1 "$S/2024H1" --db "$DB" --quiet \
  --out "$WORK/run.xlsx" --json "$WORK/run.json" --per-company "$WORK/cards"

# the prior period has no published run yet: no rank change column; the run is a draft
expect_exit 0 "read back (zh)" -- "$PY" "$READBACK" "$WORK/run.xlsx" --lang zh --created 2024-07-20T09:00:00Z \
  --period 2024年上半年 --status 草稿 --rank-change no
expect_exit 0 "report (en)" -- "$CESCORE" report 2024H1 --db "$DB" --lang en --out "$WORK/en.xlsx" --quiet
expect_exit 0 "read back (en)" -- "$PY" "$READBACK" "$WORK/en.xlsx" --lang en --period "2024 H1" --status draft

# a second report of the same run gives the same bytes as the run's own workbook
expect_exit 0 "report again" -- "$CESCORE" report 2024H1 --db "$DB" --out "$WORK/again.xlsx" --json "$WORK/again.json" --quiet
cmp -s "$WORK/run.xlsx" "$WORK/again.xlsx" && pass || fail "report rewrote the workbook with different bytes"
cmp -s "$WORK/run.json" "$WORK/again.json" && pass || fail "report rewrote the JSON with different bytes"

# ranks and scores on the ranking sheets equal the results JSON
"$PY" - "$WORK/run.xlsx" "$WORK/run.json" >"$WORK/ranks" 2>&1 <<'PYEOF'
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
res = json.load(open(sys.argv[2]))
bad = 0
for sheet, group in (("财产险排名", "pc"), ("人身险排名", "life")):
    want = [c for c in res["companies"] if c["group"] == group]
    ws = wb[sheet]
    h = next(r for r in range(1, 12) if ws.cell(r, 1).value == "排名")
    head = [c.value for c in ws[h]]
    rows = [dict(zip(head, r)) for r in ws.iter_rows(min_row=h + 1, values_only=True) if r[0] is not None]
    if len(rows) != len(want):
        print(f"{sheet}: {len(rows)} rows, JSON has {len(want)}"); bad += 1
    for r, c in zip(rows, want):
        got = {"rank": r["排名"], "code": r["机构代码"], "total": r["总分"], "qualitative": r["定性得分"],
               "quantitative": r["定量得分"]}
        for k, v in got.items():
            if k != "code" and not isinstance(v, (int, float)):
                print(f"{sheet} {c['code']} {k}: not a number: {v!r}"); bad += 1
            elif (v != c[k]) if k == "code" else abs(v - c[k]) > 1e-9:
                print(f"{sheet} {c['code']} {k}: workbook {v}, JSON {c[k]}"); bad += 1
print("checked", sum(1 for _ in res["companies"]), "companies")
sys.exit(1 if bad else 0)
PYEOF
[ $? = 0 ] && pass || { fail "ranking sheets differ from the JSON"; head -20 "$WORK/ranks" >&2; }

# one scorecard per scored company, none for anyone else, and the manifest
# that marks the folder as cescore's
"$PY" - "$WORK/run.json" "$WORK/cards" >"$WORK/cardcheck" 2>&1 <<'PYEOF'
import hashlib, json, os, sys
res = json.load(open(sys.argv[1]))
want = {c["code"] + ".xlsx" for c in res["companies"]}
got = set(os.listdir(sys.argv[2])) - {"cescore-manifest.txt"}
print("missing:", sorted(want - got), "extra:", sorted(got - want))
lines = open(os.path.join(sys.argv[2], "cescore-manifest.txt")).read().splitlines()
ok = lines[:2] == ["cescore-manifest 1", "kind scorecards"]
listed = {}
for l in lines[2:]:
    sha, name = l.split("  ", 1)
    listed[name] = sha
ok = ok and set(listed) == want
for n, sha in listed.items():
    ok = ok and hashlib.sha256(open(os.path.join(sys.argv[2], n), "rb").read()).hexdigest() == sha
print("manifest ok" if ok else "manifest wrong")
sys.exit(0 if want == got and ok else 1)
PYEOF
[ $? = 0 ] && pass || { fail "per-company files"; cat "$WORK/cardcheck" >&2; }
[ "$(stat -c %a "$WORK/cards")" = "$(umask -S >/dev/null; printf '%o' $((0777 & ~$(umask))))" ] && pass || fail "a new cards folder has the umask's mode"

# the scorecards are written on CESCORE_JOBS threads (default: one per
# processor): the same files, byte for byte, and the same manifest, for any number
for jobs in 1 2 4; do
  expect_exit 0 "scorecards on $jobs threads" -- env CESCORE_JOBS=$jobs "$CESCORE" report 2024H1 --db "$DB" \
    --per-company "$WORK/cards-j$jobs" --quiet
  diff -r "$WORK/cards" "$WORK/cards-j$jobs" >/dev/null && pass || fail "scorecards on $jobs threads differ"
done
for bad in 0 257 -1 2x " 2" abc; do
  expect_exit 2 "CESCORE_JOBS=\"$bad\"" -- env CESCORE_JOBS="$bad" "$CESCORE" report 2024H1 --db "$DB" \
    --per-company "$WORK/cards-bad" --quiet
  expect_not_exists "$WORK/cards-bad" "no scorecards with CESCORE_JOBS=\"$bad\""
done
expect_in "$WORK/err" "CESCORE_JOBS=abc is not a number of threads from 1 to 256" "the usage error says why"
# the companies' part of the results JSON and of the run's canonical text is
# built on the same threads: the same JSON and the same hash chain for any number
for jobs in 1 3; do
  expect_exit 0 "a run on $jobs threads" -- env CESCORE_JOBS=$jobs "$CESCORE" run 2024H1 "$FIX/sample/2024H1" \
    --db "$WORK/jobs$jobs.db" --json "$WORK/jobs$jobs.json" --quiet
  "$CESCORE" verify --db "$WORK/jobs$jobs.db" 2>&1 | grep -o "head [0-9a-f]\{64\}" >"$WORK/jobs$jobs.head"
done
cmp -s "$WORK/jobs1.json" "$WORK/jobs3.json" && pass || fail "the results JSON differs with the number of threads"
[ -s "$WORK/jobs1.head" ] && cmp -s "$WORK/jobs1.head" "$WORK/jobs3.head" && pass ||
  fail "the run's hash differs with the number of threads"
# writing again into the same folder replaces the scorecards as a whole: a
# scorecard its manifest lists (of a company no longer scored) goes; the
# folder keeps its mode
cp "$WORK/cards/$(ls "$WORK/cards" | grep xlsx | head -1)" "$WORK/cards/SH-GONE-001.xlsx"
printf '%s  SH-GONE-001.xlsx\n' "$(sha256sum "$WORK/cards/SH-GONE-001.xlsx" | cut -d' ' -f1)" >>"$WORK/cards/cescore-manifest.txt"
chmod 0750 "$WORK/cards"
expect_exit 0 "report --per-company into the existing folder" -- "$CESCORE" report 2024H1 --db "$DB" --per-company "$WORK/cards" --quiet
expect_not_exists "$WORK/cards/SH-GONE-001.xlsx" "a scorecard of a company not in the run"
[ "$(ls "$WORK/cards" | grep -vc '^SH-.*\.xlsx$')" = 1 ] && pass || fail "cards folder holds other files"
[ "$(stat -c %a "$WORK/cards")" = 750 ] && pass || fail "the replaced folder keeps its mode"
# a file that is not in the manifest, or was changed, stops the command and stays
mkdir -p "$WORK/mine" && echo "my notes" >"$WORK/mine/notes.txt"
expect_exit 1 "report --per-company into a folder with other files" -- "$CESCORE" report 2024H1 --db "$DB" --per-company "$WORK/mine" --quiet
expect_in "$WORK/err" "notes.txt" "the refusal names the file that is not a scorecard"
expect_in "$WORK/mine/notes.txt" "my notes" "the user's file is untouched"
cp "$WORK/run.xlsx" "$WORK/cards/my-own.xlsx"
expect_exit 1 "a workbook of the user's among the scorecards" -- "$CESCORE" report 2024H1 --db "$DB" --per-company "$WORK/cards" --quiet
expect_in "$WORK/err" "holds my-own.xlsx, which cescore did not write there" "the user's workbook is named"
[ -f "$WORK/cards/my-own.xlsx" ] && pass || fail "the user's workbook was removed"
rm "$WORK/cards/my-own.xlsx"
echo changed >>"$WORK/cards/$(ls "$WORK/cards" | grep xlsx | head -1)"
expect_exit 1 "a scorecard changed since cescore wrote it" -- "$CESCORE" report 2024H1 --db "$DB" --per-company "$WORK/cards" --quiet
expect_in "$WORK/err" "was changed after cescore wrote it" "the changed scorecard is named"
expect_exit 0 "put the scorecards back" -- "$CESCORE" report 2024H1 --db "$DB" --per-company "$WORK/cards2" --quiet
rm -rf "$WORK/cards" && mv "$WORK/cards2" "$WORK/cards"
if ls "$WORK" | grep -q 'tmp\|old'; then fail "a temporary folder was left behind"; else pass; fi
first=$(ls "$WORK/cards" | head -1)
expect_exit 0 "read back a scorecard" -- "$PY" "$READBACK" "$WORK/cards/$first" --scorecard --lang zh \
  --period 2024年上半年 --status 草稿

# published: both periods reviewed and finalized; the rankings now compare with
# 2023H1's published run, and every output says 正式
expect_exit 0 "review 2023H1" -- "$CESCORE" review 2023H1 --run 1 --by bob --db "$DB" --quiet
expect_exit 0 "finalize 2023H1" -- "$CESCORE" finalize 2023H1 --run 1 --by bob --db "$DB" --quiet
expect_exit 0 "review 2024H1" -- "$CESCORE" review 2024H1 --run 2 --by bob --db "$DB" --quiet
expect_exit 0 "finalize 2024H1" -- "$CESCORE" finalize 2024H1 --run 2 --by bob --db "$DB" --quiet
expect_exit 0 "report the published run" -- "$CESCORE" report 2024H1 --db "$DB" --out "$WORK/final.xlsx" \
  --publish "$WORK/pub.xlsx" --per-company "$WORK/cards" --quiet
expect_exit 0 "read back the published workbook" -- "$PY" "$READBACK" "$WORK/final.xlsx" \
  --period 2024年上半年 --status 正式 --rank-change yes --expect='1:（2023年上半年，运行 1）'
expect_exit 0 "read back the publication workbook" -- "$PY" "$READBACK" "$WORK/pub.xlsx" --publication \
  --created 2024-07-20T09:00:00Z --period 2024年上半年 --status 正式 --rank-change yes --absent deductions.csv
expect_exit 0 "read back a published scorecard" -- "$PY" "$READBACK" "$WORK/cards/SH-PC-012.xlsx" --scorecard \
  --period 2024年上半年 --status 正式
expect_exit 0 "publication again" -- "$CESCORE" report 2024H1 --db "$DB" --publish "$WORK/pub2.xlsx" --quiet
cmp -s "$WORK/pub.xlsx" "$WORK/pub2.xlsx" && pass || fail "the publication workbook is not reproducible"
expect_exit 0 "run --publish" -- "$CESCORE" run 2024H1 "$S/2024H1" --db "$DB" --quiet --publish "$WORK/run-pub.xlsx"
expect_exit 0 "read back run's publication workbook (a new draft run)" -- "$PY" "$READBACK" "$WORK/run-pub.xlsx" \
  --publication --status 草稿 --rank-change yes
# the rank change is the prior published rank minus the current one, per the JSON of both runs
expect_exit 0 "2023H1 JSON" -- "$CESCORE" report 2023H1 --db "$DB" --json "$WORK/prior.json" --quiet
"$PY" - "$WORK/pub.xlsx" "$WORK/run.json" "$WORK/prior.json" >"$WORK/change" 2>&1 <<'PYEOF'
import json, sys
import openpyxl
wb = openpyxl.load_workbook(sys.argv[1])
now, prior = (json.load(open(p)) for p in sys.argv[2:4])
before = {(c["group"], c["code"]): c for c in prior["companies"]}
bad = 0
for sheet, group in (("财产险排名", "pc"), ("人身险排名", "life")):
    ws = wb[sheet]
    h = next(r for r in range(1, 12) if ws.cell(r, 1).value == "排名")
    head = [c.value for c in ws[h]]
    rows = {r[head.index("机构代码")]: dict(zip(head, r)) for r in ws.iter_rows(min_row=h + 1, values_only=True)}
    for c in (c for c in now["companies"] if c["group"] == group):
        got, p = rows[c["code"]], before.get((group, c["code"]))
        want = "新进入" if p is None else p["rank"] - c["rank"]
        if got["名次变化"] != want or (p and abs(got["上期总分"] - p["total"]) > 1e-9):
            print(sheet, c["code"], got["名次变化"], want); bad += 1
sys.exit(1 if bad else 0)
PYEOF
[ $? = 0 ] && pass || { fail "rank change differs from the two runs' JSON"; head -20 "$WORK/change" >&2; }
finish
