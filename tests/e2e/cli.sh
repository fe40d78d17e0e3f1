#!/usr/bin/env bash
# The command line's contract (docs/commands.md): exit codes, reuse of identical
# imports, --replace, archive conflicts, history, show, usage errors.
source "$(dirname "$0")/lib/common.bash"

B="$FIX/rules/valid-minimal"
DB="$WORK/a.db"

expect_exit 0 "--version" -- "$CESCORE" --version
expect_in "$WORK/out" "cescore 1.0.0" "--version prints the engine version"
expect_exit 2 "no command" -- "$CESCORE"
expect_exit 2 "unknown command" -- "$CESCORE" frobnicate
expect_exit 2 "unknown option" -- "$CESCORE" run 2024H1 "$B" --db "$DB" --frob
expect_exit 2 "missing argument" -- "$CESCORE" validate 2024H1
expect_exit 2 "bad period" -- "$CESCORE" validate 2024H3 "$B"
expect_in "$WORK/err" '2024H3' "bad period is named"
expect_exit 0 "run --help" -- "$CESCORE" run --help
expect_in "$WORK/out" "--per-company" "run --help lists its options"
for c in validate import score report show history; do
  expect_exit 0 "$c --help" -- "$CESCORE" "$c" --help
  expect_in "$WORK/out" "--db" "$c --help lists --db"
done

# validate writes nothing
expect_exit 0 "validate valid bundle" -- "$CESCORE" validate 2024H1 "$B" --db "$DB"
expect_not_exists "$DB" "validate creates no archive"

# import, then the identical bundle is reused; a changed one needs --replace
expect_exit 0 "import" -- "$CESCORE" import 2024H1 "$B" --db "$DB" --by alice
expect_in "$WORK/out" "archived as import 1" "first import"
expect_exit 0 "re-import identical" -- "$CESCORE" import 2024H1 "$B" --db "$DB"
expect_in "$WORK/out" "reused" "identical inputs reuse the import"
expect_exit 0 "import --json" -- "$CESCORE" import 2024H1 "$B" --db "$DB" --json "$WORK/import.json"
expect_in "$WORK/import.json" '"reused":	true' "import JSON says the import was reused"
expect_in "$WORK/import.json" "$(sha256sum "$B/companies.csv" | cut -d' ' -f1)" "import JSON carries each file's sha256"
expect_exit 3 "validate --json of a defective bundle" -- "$CESCORE" validate 2024H1 "$FIX/rules/impossible-count" --json "$WORK/v.json"
expect_in "$WORK/v.json" '"valid":	false' "validation JSON"
expect_in "$WORK/v.json" '"line":	3' "validation JSON names the line"
cp -r "$B" "$WORK/changed"
printf '\n' >>"$WORK/changed/companies.csv"   # a blank line: same rows, different bytes
before=$(digest "$DB")
expect_exit 4 "different inputs without --replace" -- "$CESCORE" import 2024H1 "$WORK/changed" --db "$DB"
expect_in "$WORK/err" "--replace" "conflict message says how to proceed"
[ "$(digest "$DB")" = "$before" ] && pass || fail "a refused import changed the archive"
expect_exit 0 "different inputs with --replace" -- "$CESCORE" import 2024H1 "$WORK/changed" --db "$DB" --replace
expect_in "$WORK/out" "archived as import 2" "--replace adds a version"

# score from the archive, show, report, history
expect_exit 0 "score" -- "$CESCORE" score 2024H1 --db "$DB" --by bob
expect_in "$WORK/out" "Rank" "score prints the ranking"
expect_exit 0 "show" -- "$CESCORE" show 2024H1 --db "$DB"
expect_in "$WORK/out" "Life" "show prints both groups"
code=$(awk -F, 'NR==2{print $1}' "$B/companies.csv" | tr -d '"\r')
expect_exit 0 "show --company" -- "$CESCORE" show 2024H1 --db "$DB" --company "$code"
expect_in "$WORK/out" "total        =" "scorecard writes the total's arithmetic"
expect_exit 3 "show unknown company" -- "$CESCORE" show 2024H1 --db "$DB" --company NO-SUCH-CODE
expect_in "$WORK/err" "NO-SUCH-CODE" "unknown company named"
expect_exit 0 "report --json" -- "$CESCORE" report 2024H1 --db "$DB" --json "$WORK/r.json" --quiet
expect_in "$WORK/r.json" '"run_id":	1' "report writes the latest run"
expect_exit 3 "report of a period without runs" -- "$CESCORE" report 2019H1 --db "$DB" --json "$WORK/none.json"
expect_not_exists "$WORK/none.json" "a failed report writes no output"
expect_exit 0 "history" -- "$CESCORE" history --db "$DB"
expect_in "$WORK/out" "import 2" "history lists both import versions"
expect_in "$WORK/out" "by alice" "history names who imported"
expect_in "$WORK/out" "by bob" "history names who scored"
expect_in "$WORK/out" "shanghai-2018" "history names the config"
expect_exit 0 "history --json" -- "$CESCORE" history 2024H1 --db "$DB" --json -
expect_in "$WORK/out" '"sha256"' "history JSON carries sha256"

# a stored run is shown with its own config: --config, which it would not
# use, is refused rather than accepted and ignored
for c in show report history rerun; do
  expect_exit 2 "$c --config" -- "$CESCORE" $c 2024H1 --db "$DB" --config "$WORK/none.json"
  expect_in "$WORK/err" "--config is not one of this command's" "$c refuses --config"
done
expect_exit 2 "--by is not an option of show" -- "$CESCORE" show 2024H1 --db "$DB" --by carol

# no locale changes how a number is written: a comma-decimal locale gives the same bytes
expect_exit 0 "report in the C locale" -- "$CESCORE" report 2024H1 --db "$DB" --json "$WORK/c.json" --quiet
LC_ALL=de_DE.UTF-8 LC_NUMERIC=de_DE.UTF-8 LANG=de_DE.UTF-8 \
  expect_exit 0 "report in a German locale" -- env LC_ALL=de_DE.UTF-8 "$CESCORE" report 2024H1 --db "$DB" --json "$WORK/de.json" --quiet
cmp -s "$WORK/c.json" "$WORK/de.json" && pass || fail "the locale changed the results JSON"

# an invalid config is refused with exit 3 and names the key
sed 's/"method": "ratio_to_benchmark", "params": { "benchmark": "industry" }/"method": "magic", "params": { "benchmark": "industry" }/' \
  "$CES_ROOT/config/shanghai-2018.json" >"$WORK/bad-config.json"
expect_exit 3 "unknown method in config" -- "$CESCORE" validate 2024H1 "$B" --config "$WORK/bad-config.json"
expect_in "$WORK/err" "quant.mediation" "config error names the key"
sed 's/"max": 15, "method": "checklist"/"max": 16, "method": "checklist"/' \
  "$CES_ROOT/config/shanghai-2018.json" >"$WORK/bad-weights.json"
expect_exit 3 "weights not totalling 30" -- "$CESCORE" run 2024H1 "$B" --db "$WORK/w.db" --config "$WORK/bad-weights.json"
expect_not_exists "$WORK/w.db" "an invalid config creates no archive"

# a locked archive: a second writer waits a bounded time, then exits 4
hold_lock "$DB" exclusive
expect_exit 4 "database locked" -- env CESCORE_BUSY_TIMEOUT_MS=500 "$CESCORE" score 2024H1 --db "$DB"
release_lock
expect_in "$WORK/err" "locked" "lock message"

finish
