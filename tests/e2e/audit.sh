#!/usr/bin/env bash
# The audit trail (docs/audit.md): import two periods, run, review by
# a second person, finalize, frozen inputs, rerun, export byte-identical,
# history; then a figure altered behind the tool's back: rerun exits 5 naming
# the company and indicator, verify exits 5 naming the entry.
source "$(dirname "$0")/lib/common.bash"

S="$FIX/sample"
DB="$WORK/audit.db"
C="$CESCORE"

for c in rerun review finalize export verify; do
  expect_exit 0 "$c --help" -- "$C" "$c" --help
  expect_in "$WORK/out" "--db" "$c --help lists --db"
done

# ---- import both periods, score them ----
expect_exit 0 "import 2023H1" -- "$C" import 2023H1 "$S/2023H1" --db "$DB" --by alice
expect_exit 0 "import 2024H1" -- "$C" import 2024H1 "$S/2024H1" --db "$DB" --by alice
expect_exit 0 "score 2023H1" -- "$C" score 2023H1 --db "$DB" --by alice --quiet
expect_exit 0 "score 2024H1" -- "$C" score 2024H1 --db "$DB" --by alice --quiet
run=$(sqlite3 "$DB" "SELECT max(id) FROM runs WHERE period = '2024H1'")
[ "$(sqlite3 "$DB" "SELECT prior_source FROM runs WHERE id = $run")" = archive ] && pass \
  || fail "2024H1 takes its prior figures from the archived 2023H1 run"

# ---- review: the operator can't review their own run; --run is required ----
expect_exit 2 "review without --run" -- "$C" review 2024H1 --db "$DB" --by bob
expect_exit 4 "review by the run's operator" -- "$C" review 2024H1 --run "$run" --db "$DB" --by alice
expect_in "$WORK/err" "someone else" "self-review refusal says why"
expect_exit 3 "review of a run of another period" -- "$C" review 2023H1 --run "$run" --db "$DB" --by bob
expect_exit 3 "review of a missing run" -- "$C" review 2024H1 --run 99 --db "$DB" --by bob

# ---- finalize needs a review ----
expect_exit 4 "finalize without review" -- "$C" finalize 2024H1 --run "$run" --db "$DB" --by carol
expect_in "$WORK/err" "no review" "finalize refusal says a review is missing"
expect_exit 0 "review by another person" -- "$C" review 2024H1 --run "$run" --db "$DB" --by bob
expect_in "$WORK/out" "approved by bob" "review records the approval"
expect_exit 0 "finalize" -- "$C" finalize 2024H1 --run "$run" --db "$DB" --by carol
expect_exit 4 "finalize twice" -- "$C" finalize 2024H1 --run "$run" --db "$DB" --by carol
expect_in "$WORK/err" "already finalized" "second finalization refused"

# ---- frozen inputs: --replace exits 4; identical inputs are still reused ----
cp -r "$S/2024H1" "$WORK/changed"
printf '\n' >>"$WORK/changed/companies.csv"
before=$(digest "$DB")
expect_exit 4 "--replace of a finalized period" -- "$C" import 2024H1 "$WORK/changed" --db "$DB" --replace
expect_in "$WORK/err" "finalized" "frozen message names the finalization"
[ "$(digest "$DB")" = "$before" ] && pass || fail "a refused --replace changed the archive"
expect_exit 4 "run --replace of a finalized period" -- "$C" run 2024H1 "$WORK/changed" --db "$DB" --replace
expect_exit 0 "identical re-import of a finalized period" -- "$C" import 2024H1 "$S/2024H1" --db "$DB"
expect_in "$WORK/out" "reused" "identical inputs reuse the frozen import"

# ---- rerun reproduces both periods ----
expect_exit 0 "rerun 2024H1" -- "$C" rerun 2024H1 --db "$DB"
expect_in "$WORK/out" "every figure and rank identical" "rerun reports identity"
expect_exit 0 "rerun 2023H1 --run 1" -- "$C" rerun 2023H1 --run 1 --db "$DB"
expect_exit 3 "rerun of a period without runs" -- "$C" rerun 2019H1 --db "$DB"

# ---- history lists reviews and finalization ----
expect_exit 0 "history" -- "$C" history 2024H1 --db "$DB"
expect_in "$WORK/out" "review 1  2024H1  run $run  approved  by bob" "history lists the review"
expect_in "$WORK/out" "finalization 1  2024H1  run $run  review 1  by carol" "history lists the finalization"
expect_exit 0 "history --json" -- "$C" history --db "$DB" --json -
expect_in "$WORK/out" '"finalizations"' "history JSON has finalizations"

# ---- export: the run's input files byte-identical, plus what it took from the archive ----
for p in 2023H1 2024H1; do
  expect_exit 0 "export $p" -- "$C" export "$p" "$WORK/export-$p" --db "$DB"
  for f in "$S/$p"/*.csv; do
    n=$(basename "$f")
    [ "$(digest "$f")" = "$(digest "$WORK/export-$p/$n")" ] && pass || fail "export $p: $n differs"
  done
  (cd "$WORK/export-$p" && sha256sum -c --quiet SHA256SUMS) && pass || fail "export $p: sha256sum -c SHA256SUMS"
  [ -f "$WORK/export-$p/config.json" ] && pass || fail "export $p holds the run's config.json"
done
expect_in "$WORK/out" "run $run of 2024H1" "export says which run it wrote"
# 2023H1 had prior.csv in its bundle; 2024H1's run took its prior figures from the archive
[ "$(ls "$WORK/export-2023H1" | grep -vc '^cescore-manifest.txt$')" = $(($(ls "$S/2023H1" | wc -l) + 2)) ] \
  && pass || fail "export 2023H1: its files, config.json and SHA256SUMS (and cescore's manifest)"
[ -f "$WORK/export-2024H1/prior.csv" ] && pass || fail "export 2024H1 writes the prior figures the run used"
expect_exit 0 "export --run" -- "$C" export 2024H1 "$WORK/export-run" --run "$run" --db "$DB" --quiet
cmp -s "$WORK/export-run/config.json" "$WORK/export-2024H1/config.json" && pass || fail "export --run N"
expect_exit 3 "export --run of another period" -- "$C" export 2023H1 "$WORK/x" --run "$run" --db "$DB"
expect_exit 2 "export --run 0" -- "$C" export 2024H1 "$WORK/x" --run 0 --db "$DB"
expect_exit 2 "export --import is not an option" -- "$C" export 2024H1 "$WORK/x" --import 1 --db "$DB"
# the exported bundle re-runs on a fresh archive to every figure and rank of the exported run
expect_exit 0 "report the finalized run" -- "$C" report 2024H1 --db "$DB" --json "$WORK/published.json" --quiet
expect_exit 0 "run the exported bundle in a fresh archive" -- "$C" run 2024H1 "$WORK/export-2024H1" \
  --config "$WORK/export-2024H1/config.json" --db "$WORK/fresh.db" --json "$WORK/fresh.json" --quiet
if "$PY" "$CES_ROOT/tests/tools/same_figures.py" "$WORK/published.json" "$WORK/fresh.json" >"$WORK/diff"; then
  pass
else
  fail "the exported bundle re-runs to different figures"
  head -10 "$WORK/diff" >&2
fi

expect_exit 0 "verify" -- "$C" verify --db "$DB"
expect_in "$WORK/out" "hash chain ok: 6 entries" "verify counts imports, runs, review, finalization"

# ---- tampering behind the tool's back ----
cp "$DB" "$WORK/t.db"
# schema v5: a run's indicators are lines "POSITION ID VALUE ..." in chunks
# (docs/archive-schema.md); the first present timeliness score raised by one
code=$("$PY" - "$WORK/t.db" "$run" <<'EOF'
import sqlite3, sys
db = sqlite3.connect(sys.argv[1])
run = int(sys.argv[2])
fields = ["present", "applicable", "has_value", "value_inf", "has_benchmark", "has_current",
          "has_prior", "numerator", "denominator", "value", "benchmark", "current", "prior", "raw",
          "weight", "effective_weight", "points", "max", "score", "missing"]
for seq, raw in db.execute("SELECT seq, bytes FROM run_indicator_chunks WHERE run_id = ? ORDER BY seq",
                           (run,)).fetchall():
    lines = raw.decode().split("\n")
    for k, line in enumerate(lines):
        t = line.split(" ")
        if len(t) == 2 + len(fields) and t[1] == "quant.timeliness" and t[2] == "1":
            i = 2 + fields.index("score")
            t[i] = repr(float(t[i]) + 1)
            lines[k] = " ".join(t)
            db.execute("DROP TRIGGER run_indicator_chunks_no_update")
            db.execute("UPDATE run_indicator_chunks SET bytes = ? WHERE run_id = ? AND seq = ?",
                       ("\n".join(lines).encode(), run, seq))
            db.commit()
            print(db.execute("SELECT code FROM run_companies WHERE run_id = ? AND position = ?",
                             (run, int(t[0]))).fetchone()[0])
            sys.exit(0)
sys.exit(1)
EOF
) || fail "tampering with the run's indicator lines"
expect_exit 5 "rerun of a tampered run" -- "$C" rerun 2024H1 --db "$WORK/t.db"
expect_in "$WORK/out" "$code quant.timeliness score: stored" "rerun names company, indicator and both values"
expect_in "$WORK/err" "not reproduced" "rerun's error line"
expect_exit 4 "review of a tampered run records nothing" -- "$C" review 2024H1 --run "$run" --db "$WORK/t.db" --by alice
expect_exit 5 "review of a tampered run" -- "$C" review 2024H1 --run "$run" --db "$WORK/t.db" --by dave
[ "$(sqlite3 "$WORK/t.db" "SELECT count(*) FROM reviews")" = 1 ] && pass || fail "a failed review recorded an approval"
expect_exit 5 "verify of a tampered archive" -- "$C" verify --db "$WORK/t.db"
expect_in "$WORK/err" "run $run (chain position 4)" "verify names the altered entry"
expect_exit 5 "verify --json of a tampered archive" -- "$C" verify --db "$WORK/t.db" --json "$WORK/verify.json"
expect_in "$WORK/verify.json" '"chain_position":	4' "verify JSON names the entry's chain position"
expect_in "$WORK/verify.json" '"entry":	"run"' "verify JSON names the entry's kind"
expect_exit 5 "rerun --json of a tampered run" -- "$C" rerun 2024H1 --db "$WORK/t.db" --json "$WORK/rerun.json"
expect_in "$WORK/rerun.json" '"reproduced":	false' "rerun JSON says not reproduced"
expect_in "$WORK/rerun.json" "\"company\":	\"$code\"" "rerun JSON names the company"
expect_in "$WORK/rerun.json" '"indicator":	"quant.timeliness"' "rerun JSON names the indicator"

# an altered input row: verify names the import; rerun of the run shows the effect
cp "$DB" "$WORK/t2.db"
sqlite3 "$WORK/t2.db" "DROP TRIGGER complaints_no_update; UPDATE complaints SET total = total + 5 WHERE import_id = 2 AND seq = 0;"
expect_exit 5 "verify after an altered input row" -- "$C" verify --db "$WORK/t2.db"
expect_in "$WORK/err" "import 2 (chain position 2)" "verify names the altered import"
# an altered file's bytes
cp "$DB" "$WORK/t3.db"
sqlite3 "$WORK/t3.db" "DROP TRIGGER import_files_no_update; UPDATE import_files SET bytes = bytes || x'0a' WHERE import_id = 1 AND kind = 'mediation';"
expect_exit 5 "verify after altered file bytes" -- "$C" verify --db "$WORK/t3.db"
expect_in "$WORK/err" "mediation.csv" "verify names the file"
# a deleted review: the chain has a gap
cp "$DB" "$WORK/t4.db"
sqlite3 "$WORK/t4.db" "PRAGMA foreign_keys = OFF; DROP TRIGGER reviews_no_delete; DELETE FROM reviews;"
expect_exit 5 "verify after a deleted entry" -- "$C" verify --db "$WORK/t4.db"
expect_in "$WORK/err" "missing row of reviews" "verify reports the deleted entry"
# the untouched archive still verifies
expect_exit 0 "verify the original" -- "$C" verify --db "$DB"
expect_exit 0 "verify --json of the original" -- "$C" verify --db "$DB" --json -
expect_in "$WORK/out" '"ok":	true' "verify JSON says ok"

finish
