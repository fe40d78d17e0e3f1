#!/usr/bin/env bash
# Outputs people can trust (docs/commands.md): every run says whether it is a
# draft, reviewed or final; without --run the finalized run is used and the
# command says which; only run and import create an archive; the config's
# path and digest, the prior period's source and every file written are
# printed; the command line behaves as git's does (help COMMAND, -h, global
# options before the command, unused options refused, exit codes as the
# README lists them).
source "$(dirname "$0")/lib/common.bash"

S="$FIX/sample"
DB="$WORK/trust.db"
C="$CESCORE"
status_of() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["status"])' "$1"; }
run_of() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["run_id"])' "$1"; }

# ---- the run's status as it moves: draft, reviewed, final; later runs are drafts ----
expect_exit 0 "run 2023H1" -- "$C" run 2023H1 "$S/2023H1" --db "$DB" --by alice --quiet
expect_exit 0 "run 2024H1" -- "$C" run 2024H1 "$S/2024H1" --db "$DB" --by alice --json "$WORK/r2.json"
[ "$(status_of "$WORK/r2.json")" = draft ] && pass || fail "a new run is a draft"
expect_in "$WORK/out" "2024H1: run 2 (draft)" "run says the new run is a draft"
expect_in "$WORK/out" "config $CES_ROOT/config/shanghai-2018.json (sha256 " "run prints the config's path and digest"
expect_in "$WORK/out" "prior 2023H1: run 1 in the archive" "run prints the prior period's source"
expect_in "$WORK/out" "wrote $WORK/r2.json" "run prints every file it wrote"
expect_exit 0 "review" -- "$C" review 2024H1 --run 2 --db "$DB" --by bob
expect_exit 0 "report of the reviewed run" -- "$C" report 2024H1 --db "$DB" --json "$WORK/rev.json" --quiet
[ "$(status_of "$WORK/rev.json")" = reviewed ] && pass || fail "an approved run is reviewed"
expect_exit 0 "finalize" -- "$C" finalize 2024H1 --run 2 --db "$DB" --by carol
expect_exit 0 "score after finalization" -- "$C" score 2024H1 --db "$DB" --by dave --json "$WORK/r3.json"
expect_in "$WORK/out" "run 3 (draft)" "a run after finalization is a draft"
expect_in "$WORK/out" "the period is finalized with run 2" "and the terminal says the period is finalized"
[ "$(status_of "$WORK/r3.json")" = draft ] && pass || fail "JSON of the later run: draft"

# ---- without --run: the finalized run, and the command says so ----
expect_exit 0 "report" -- "$C" report 2024H1 --db "$DB" --json "$WORK/def.json"
[ "$(run_of "$WORK/def.json")" = 2 ] && [ "$(status_of "$WORK/def.json")" = final ] && pass \
  || fail "report defaults to the finalized run"
expect_in "$WORK/out" "2024H1: run 2, the finalized (published) run" "report says which run"
expect_in "$WORK/out" "config shanghai-2018 (sha256 " "report prints the stored config's digest"
expect_exit 0 "show" -- "$C" show 2024H1 --db "$DB"
expect_in "$WORK/out" "Period 2024H1, run 2 (final)" "show defaults to the finalized run"
expect_exit 0 "show --run 3" -- "$C" show 2024H1 --run 3 --db "$DB" --company SH-PC-001
expect_in "$WORK/out" "period 2024H1, run 3 (draft)" "show names the run's status on the scorecard"
expect_exit 0 "rerun" -- "$C" rerun 2024H1 --db "$DB"
expect_in "$WORK/out" "run 2 of 2024H1 reproduced" "rerun defaults to the finalized run"
expect_exit 0 "history" -- "$C" history 2024H1 --db "$DB"
expect_in "$WORK/out" "2024-07-20 17:00 北京时间" "history shows Beijing time"

# ---- only run and import create an archive ----
for cmd in "verify" "history" "history 2024H1" "report 2024H1" "show 2024H1" "rerun 2024H1" \
           "export 2024H1 $WORK/exp" "score 2024H1" "review 2024H1 --run 1 --by x" \
           "finalize 2024H1 --run 1 --by x"; do
  # shellcheck disable=SC2086
  expect_exit 1 "$cmd on a missing archive" -- "$C" $cmd --db "$WORK/typo.db"
  expect_in "$WORK/err" "no archive at $WORK/typo.db" "$cmd names the missing archive"
  expect_not_exists "$WORK/typo.db" "$cmd creates no archive"
done
expect_not_exists "$WORK/exp" "export to a missing archive writes nothing"

# ---- the command line as people expect it ----
for c in run validate import score report show history rerun review finalize export verify; do
  "$C" "$c" --help >"$WORK/h1" 2>&1
  "$C" help "$c" >"$WORK/h2" 2>&1
  "$C" "$c" -h >"$WORK/h3" 2>&1
  cmp -s "$WORK/h1" "$WORK/h2" && cmp -s "$WORK/h1" "$WORK/h3" && pass \
    || fail "cescore help $c, $c --help and $c -h differ"
done
expect_exit 2 "help of an unknown command" -- "$C" help nosuch
expect_exit 0 "global options before the command" -- "$C" --db "$DB" --quiet history 2024H1
[ ! -s "$WORK/out" ] && pass || fail "--quiet before the command is taken"
expect_exit 0 "--db=FILE before the command" -- "$C" --db="$DB" verify
expect_exit 2 "an option the command does not use" -- "$C" verify --db "$DB" --run 2
expect_in "$WORK/err" "--run is not one of this command's" "the refusal names the option"
expect_exit 2 "--config where the stored config is used" -- "$C" report 2024H1 --db "$DB" --config x.json
expect_exit 0 "cescore --help" -- "$C" --help
for o in "--db FILE" "--quiet" "--lang zh|en" "-h, --help"; do
  expect_in "$WORK/out" "$o" "cescore --help lists the common option $o"
done
sed -n '/^exit codes:$/,$p' "$WORK/out" >"$WORK/codes"
[ "$(wc -l <"$WORK/codes")" -ge 7 ] && pass || fail "cescore --help lists the exit codes"
if grep -qF -f "$WORK/codes" "$CES_ROOT/README.md" &&
   "$PY" - "$WORK/codes" "$CES_ROOT/README.md" <<'PY'
import sys
codes = open(sys.argv[1], encoding="utf-8").read()
sys.exit(0 if codes in open(sys.argv[2], encoding="utf-8").read() else 1)
PY
then pass; else fail "the exit codes of cescore --help are not the README's, word for word"; fi

finish
