#!/usr/bin/env bash
# Nothing lost, nothing half-written (docs/outputs.md §6): a command's outputs
# appear only with its committed run, all of them or none; folders of outputs
# are replaced only when they hold cescore's own files; interrupted commands
# leave no temporary behind.
source "$(dirname "$0")/lib/common.bash"

S="$FIX/sample"
C="$CESCORE"
DB="$WORK/a.db"
expect_exit 0 "run 2023H1" -- "$C" run 2023H1 "$S/2023H1" --db "$DB" --quiet

runs() { "$C" history --db "$DB" --json - | "$PY" -c 'import json,sys; print(len(json.load(sys.stdin)["runs"]))'; }
no_temporaries() {
  if find "$WORK" -name '*cescore-tmp*' | grep -q .; then
    fail "$1: a temporary was left"; find "$WORK" -name '*cescore-tmp*' | head -3 >&2
  else pass; fi
}

# ---- a later output fails: the earlier one is not left, the run not archived ----
before=$(digest "$DB")
expect_exit 1 "--out into a missing folder" -- "$C" run 2024H1 "$S/2024H1" --db "$DB" \
  --json "$WORK/r.json" --out "$WORK/nodir/r.xlsx" --per-company "$WORK/cards"
expect_not_exists "$WORK/r.json" "the JSON of a run that failed"
expect_not_exists "$WORK/cards" "the scorecards of a run that failed"
[ "$(digest "$DB")" = "$before" ] && pass || fail "the archive changed"
no_temporaries "a failed output"

# ---- the COMMIT is blocked by a reader: no output, no run ----
hold_lock "$DB" shared
CESCORE_BUSY_TIMEOUT_MS=300 expect_exit 4 "a run whose COMMIT a reader blocks" -- "$C" run 2024H1 "$S/2024H1" --db "$DB" \
  --json "$WORK/r.json" --out "$WORK/r.xlsx" --per-company "$WORK/cards"
release_lock
expect_in "$WORK/err" "is read by another process, so the transaction could not commit" "the reader is named"
expect_not_exists "$WORK/r.json" "the JSON of a run whose COMMIT failed"
expect_not_exists "$WORK/r.xlsx" "the workbook of a run whose COMMIT failed"
expect_not_exists "$WORK/cards" "the scorecards of a run whose COMMIT failed"
[ "$(runs)" = 1 ] && pass || fail "a run was archived after all"
no_temporaries "a blocked COMMIT"

# ---- outputs that conflict are refused before anything is written ----
expect_exit 2 "--json and --out to one file" -- "$C" run 2024H1 "$S/2024H1" --db "$DB" --json "$WORK/same" --out "$WORK/same"
expect_exit 0 "run 2024H1 with every output" -- "$C" run 2024H1 "$S/2024H1" --db "$DB" --quiet \
  --json "$WORK/r.json" --out "$WORK/r.xlsx" --per-company "$WORK/cards"
n=$(ls "$WORK/cards" | wc -l)
expect_exit 2 "--out inside --per-company DIR" -- "$C" report 2024H1 --db "$DB" --out "$WORK/cards/all.xlsx" --per-company "$WORK/cards"
expect_in "$WORK/err" "is inside $WORK/cards, a folder of outputs that cescore replaces as a whole" "the reason is given"
[ "$(ls "$WORK/cards" | wc -l)" = "$n" ] && pass || fail "the scorecards changed"

# ---- every output of every command goes through the same protocol ----
expect_exit 2 "--publish inside --per-company DIR" -- "$C" report 2024H1 --db "$DB" --publish "$WORK/cards/p.xlsx" --per-company "$WORK/cards"
[ "$(ls "$WORK/cards" | wc -l)" = "$n" ] && pass || fail "the scorecards changed"
expect_exit 1 "--publish with a later output that fails" -- "$C" report 2024H1 --db "$DB" \
  --publish "$WORK/p.xlsx" --json "$WORK/nodir/p.json"
expect_not_exists "$WORK/p.xlsx" "the publication workbook of a command that failed"
expect_exit 1 "benchmarks --out into a missing folder" -- "$C" benchmarks 2024H1 --db "$DB" --out "$WORK/nodir/b.json"
expect_exit 1 "whatif --json into a missing folder" -- "$C" whatif 2024H1 --db "$DB" --company SH-PC-003 \
  --target 99 --json "$WORK/nodir/w.json"
no_temporaries "benchmarks, whatif and --publish that failed"
expect_exit 0 "benchmarks, put in place after the command" -- "$C" benchmarks 2024H1 --db "$DB" --out "$WORK/b.json"
[ -s "$WORK/b.json" ] && pass || fail "benchmarks --out"
no_temporaries "benchmarks"

# ---- a symbolic link to a folder is refused; its files stay ----
mkdir "$WORK/real" && echo mine >"$WORK/real/keep.txt" && cp "$WORK/r.xlsx" "$WORK/real/mine.xlsx"
ln -s "$WORK/real" "$WORK/link"
expect_exit 1 "--per-company a symbolic link" -- "$C" report 2024H1 --db "$DB" --per-company "$WORK/link"
expect_in "$WORK/err" "is a symbolic link" "the link is named"
[ -f "$WORK/real/keep.txt" ] && [ -f "$WORK/real/mine.xlsx" ] && [ -L "$WORK/link" ] && pass || fail "the link or its folder changed"
# a folder holding the user's own workbook only: kept, refused
mkdir "$WORK/books" && cp "$WORK/r.xlsx" "$WORK/books/2024H1.xlsx"
expect_exit 1 "--per-company into a folder of the user's workbooks" -- "$C" report 2024H1 --db "$DB" --per-company "$WORK/books"
[ -f "$WORK/books/2024H1.xlsx" ] && pass || fail "the user's workbook was removed"
no_temporaries "refused folders"

# ---- export: a new or empty folder, or --force over a previous export ----
expect_exit 0 "export into a new folder" -- "$C" export 2024H1 "$WORK/ex" --db "$DB" --quiet
expect_in "$WORK/ex/cescore-manifest.txt" "kind export" "the export is marked as cescore's"
expect_exit 1 "export again without --force" -- "$C" export 2024H1 "$WORK/ex" --db "$DB"
expect_in "$WORK/err" "--force replaces the files of a previous export" "the refusal says how"
expect_exit 0 "export 2023H1 over it with --force" -- "$C" export 2023H1 "$WORK/ex" --db "$DB" --force --quiet
[ "$(digest "$WORK/ex/companies.csv")" = "$(digest "$S/2023H1/companies.csv")" ] && pass || fail "--force did not replace the export"
for f in "$WORK"/ex/*.csv; do
  [ -f "$S/2023H1/$(basename "$f")" ] && pass || fail "export left $(basename "$f") of another period beside its own"
done
mkdir "$WORK/other" && cp "$S/2023H1/prior.csv" "$WORK/other/" 2>/dev/null || echo "code,total,premium_wan" >"$WORK/other/prior.csv"
expect_exit 1 "export into a folder with another bundle's file" -- "$C" export 2024H1 "$WORK/other" --db "$DB" --force
[ "$(ls "$WORK/other")" = "prior.csv" ] && pass || fail "export wrote beside a file it did not write"
mkdir "$WORK/empty" && chmod 0705 "$WORK/empty"
expect_exit 0 "export into an empty folder" -- "$C" export 2024H1 "$WORK/empty" --db "$DB" --quiet
[ "$(stat -c %a "$WORK/empty")" = 705 ] && pass || fail "the empty folder lost its mode"
no_temporaries "exports"

# ---- SIGINT and SIGTERM: temporaries removed, exit 130 / 143; outputs only with the run ----
# the time one run with its outputs takes, to interrupt it at random moments within
t0=$(date +%s%N)
"$C" run 2024H1 "$S/2024H1" --db "$WORK/t.db" --quiet --json "$WORK/t.json" --out "$WORK/t.xlsx" --per-company "$WORK/t-cards"
span=$(( ($(date +%s%N) - t0) / 1000 ))
rm -rf "$WORK/t.db" "$WORK/t.json" "$WORK/t.xlsx" "$WORK/t-cards"
interrupted=0
for i in $(seq 1 24); do
  sig=INT; want=130
  [ $((i % 3)) = 0 ] && { sig=TERM; want=143; }
  "$C" run 2024H1 "$S/2024H1" --db "$DB" --replace --quiet \
    --json "$WORK/s$i.json" --out "$WORK/s$i.xlsx" --per-company "$WORK/s$i-cards" 2>/dev/null &
  pid=$!
  sleep "$(awk -v s="$span" -v r="$RANDOM" 'BEGIN { printf "%.6f", s * (r % 1000) / 1000 / 1e6 }')"
  kill -s "$sig" "$pid" 2>/dev/null
  wait "$pid"
  got=$?
  if [ "$got" = "$want" ]; then interrupted=$((interrupted + 1)); pass
  elif [ "$got" = 0 ]; then pass
  else fail "run $i: exit $got after SIG$sig"; fi
  # an output at its final path only with its run in the archive
  if [ -e "$WORK/s$i.json" ]; then
    id=$("$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["run_id"])' "$WORK/s$i.json")
    "$C" history --db "$DB" --json - | "$PY" -c 'import json,sys; sys.exit(0 if int(sys.argv[1]) in [r["id"] for r in json.load(sys.stdin)["runs"]] else 1)' "$id" \
      && pass || fail "run $i: the JSON names run $id, which is not in the archive"
  fi
  for out in "$WORK/s$i.xlsx" "$WORK/s$i-cards"; do
    if [ -e "$out" ] && [ ! -e "$WORK/s$i.json" ]; then
      # the JSON is put in place first: a later output without it means no commit happened first
      [ "$got" = 0 ] || [ "$got" = "$want" ] && pass || fail "run $i: $(basename "$out") without its JSON"
    fi
  done
done
echo "interrupted $interrupted of 24 runs"
[ "$interrupted" -ge 4 ] && pass || fail "only $interrupted runs were interrupted (timing)"
no_temporaries "interrupted runs"
expect_exit 0 "the archive verifies after the interruptions" -- "$C" verify --db "$DB"

# ---- SIGKILL may leave temporaries; the next command writing there removes them ----
killed=0
for i in $(seq 1 6); do
  "$C" report 2024H1 --db "$DB" --quiet --json "$WORK/k.json" --out "$WORK/k.xlsx" --per-company "$WORK/k-cards" 2>/dev/null &
  pid=$!
  sleep "$(awk -v s="$span" -v r="$RANDOM" 'BEGIN { printf "%.6f", s * (r % 1000) / 1000 / 1e6 }')"
  kill -KILL "$pid" 2>/dev/null && killed=$((killed + 1))
  wait "$pid" 2>/dev/null
done
echo "killed $killed; left: $(find "$WORK" -maxdepth 1 -name '*cescore-tmp*' | wc -l) temporaries"
expect_exit 0 "report after the kills" -- "$C" report 2024H1 --db "$DB" --quiet --json "$WORK/k.json" --out "$WORK/k.xlsx" --per-company "$WORK/k-cards"
no_temporaries "after SIGKILL, the next command"
finish
