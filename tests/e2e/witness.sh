#!/usr/bin/env bash
# Tail anchoring (docs/audit.md): every write command appends the chain's
# head to the witness file beside the archive; verify compares the chain
# with it and with a head an auditor recorded, so that entries removed from
# the end of the chain (which leaves a shorter, consistent chain) are found.
# A write command refuses an archive that fails SQLite's quick_check or its
# witness; report and show say so.
source "$(dirname "$0")/lib/common.bash"

S="$FIX/sample"
C="$CESCORE"
DB="$WORK/a.db"

expect_exit 0 "run 2023H1" -- "$C" run 2023H1 "$S/2023H1" --db "$DB" --quiet --by alice
expect_exit 0 "run 2024H1" -- "$C" run 2024H1 "$S/2024H1" --db "$DB" --quiet --by alice
expect_exit 0 "review" -- "$C" review 2024H1 --run 2 --by bob --db "$DB" --quiet
expect_exit 0 "finalize" -- "$C" finalize 2024H1 --run 2 --by carol --db "$DB" --quiet
expect_in "$WORK/out" "chain head: entry 6, hash" "finalize prints the head, also with --quiet"
head=$(sed -n 's/^chain head: entry 6, hash \([0-9a-f]*\) .*/\1/p' "$WORK/out")
[ ${#head} = 64 ] && pass || fail "finalize's head is not a hash: $head"
[ "$(tail -1 "$DB.chain")" = "6 $head" ] && pass || fail "the witness file's last line is not the head"
[ "$(cut -d' ' -f1 "$DB.chain" | tr '\n' ' ')" = "2 4 5 6 " ] && pass || fail "one witness line per write: $(cat "$DB.chain")"

expect_exit 0 "verify with the witness and --head" -- "$C" verify --db "$DB" --head "$head"
expect_in "$WORK/out" "every head it records, up to entry 6, is in the chain" "verify reports the witness"
expect_exit 0 "a reused import appends nothing" -- "$C" import 2024H1 "$S/2024H1" --db "$DB" --quiet
[ "$(wc -l <"$DB.chain")" = 4 ] && pass || fail "the witness grew without a new entry"
expect_exit 2 "--head that is not a hash" -- "$C" verify --db "$DB" --head xyz
expect_exit 5 "--head not in the chain" -- "$C" verify --db "$DB" --head "$(printf '%064d' 7)"
expect_in "$WORK/err" "is no entry of the chain" "the unknown head is named"

# the 口径说明 sheet of the published run carries the head
expect_exit 0 "report the published run" -- "$C" report 2024H1 --run 2 --db "$DB" --out "$WORK/pub.xlsx" --quiet
expect_exit 0 "read back the methodology sheet" -- "$PY" "$CES_ROOT/tests/tools/xlsx_readback.py" "$WORK/pub.xlsx" "--expect=7:第 6 条：$head"
# ... and so does the publication workbook, which reuses that sheet
expect_exit 0 "report --publish the published run" -- "$C" report 2024H1 --run 2 --db "$DB" --publish "$WORK/publication.xlsx" --quiet
expect_exit 0 "read back the publication's methodology sheet" -- "$PY" "$CES_ROOT/tests/tools/xlsx_readback.py" \
  "$WORK/publication.xlsx" --publication "--expect=3:第 6 条：$head"

# ---- the finalization deleted behind the tool's back ----
cp "$DB" "$WORK/b.db" && cp "$DB.chain" "$WORK/b.db.chain"
sqlite3 "$WORK/b.db" "DROP TRIGGER finalizations_no_delete; DELETE FROM finalizations;"
[ "$(sqlite3 "$WORK/b.db" 'SELECT count(*) FROM finalizations')" = 0 ] && pass || fail "the finalization was not deleted"
expect_exit 5 "verify finds the missing tail" -- "$C" verify --db "$WORK/b.db"
expect_in "$WORK/err" "records entry 6 (hash $head), but the archive ends at entry 5: its tail was removed" "the tail is named"
expect_exit 5 "without the witness, --head finds it" -- "$C" verify --db "$WORK/b.db" --witness "$WORK/none.chain" --head "$head"
expect_exit 0 "without either, the shorter chain is consistent" -- "$C" verify --db "$WORK/b.db" --witness "$WORK/none.chain"
before=$(digest "$WORK/b.db")
expect_exit 5 "a write command refuses the archive" -- "$C" score 2024H1 --db "$WORK/b.db" --by alice
expect_in "$WORK/err" "does not pass its check" "the refusal says why"
[ "$(digest "$WORK/b.db")" = "$before" ] && pass || fail "the archive was written"
expect_exit 0 "report still works, and says so" -- "$C" report 2024H1 --db "$WORK/b.db" --quiet --json "$WORK/b.json"
expect_in "$WORK/err" "warning: the archive $WORK/b.db does not pass its check" "report warns, also with --quiet"
expect_exit 0 "show says so" -- "$C" show 2024H1 --db "$WORK/b.db"
expect_in "$WORK/err" "its tail was removed" "show warns"

# ---- the last run deleted with everything after it ----
cp "$DB" "$WORK/c.db" && cp "$DB.chain" "$WORK/c.db.chain"
sqlite3 "$WORK/c.db" "$(sqlite3 "$WORK/c.db" "SELECT 'DROP TRIGGER ' || name || ';' FROM sqlite_master WHERE type = 'trigger' AND sql LIKE '%BEFORE DELETE%'")
  DELETE FROM finalizations; DELETE FROM reviews; DELETE FROM run_prior_figures WHERE run_id = 2;
  DELETE FROM run_indicators WHERE run_id = 2; DELETE FROM run_indicator_chunks WHERE run_id = 2;
  DELETE FROM run_children WHERE run_id = 2;
  DELETE FROM run_companies WHERE run_id = 2; DELETE FROM run_benchmarks WHERE run_id = 2;
  DELETE FROM run_groups WHERE run_id = 2; DELETE FROM run_excluded WHERE run_id = 2; DELETE FROM runs WHERE id = 2;"
expect_exit 5 "verify finds the deleted run and what followed" -- "$C" verify --db "$WORK/c.db"
expect_in "$WORK/err" "but the archive ends at entry 3: its tail was removed" "the tail is named"

# ---- a rewritten witness line, a malformed one ----
cp "$DB" "$WORK/d.db" && sed 's/^4 ./4 0/' "$DB.chain" >"$WORK/d.db.chain"
expect_exit 5 "a head that differs from the chain's" -- "$C" verify --db "$WORK/d.db"
expect_in "$WORK/err" "the chain was rewritten" "the rewrite is named"
cp "$DB" "$WORK/e.db" && { cat "$DB.chain"; echo "garbage"; } >"$WORK/e.db.chain"
expect_exit 5 "a witness line that is not N HASH" -- "$C" verify --db "$WORK/e.db"

# ---- an archive that fails quick_check: nothing is written to it ----
cp "$DB" "$WORK/f.db" && cp "$DB.chain" "$WORK/f.db.chain"
pages=$(sqlite3 "$WORK/f.db" 'PRAGMA page_count')
dd if=/dev/zero of="$WORK/f.db" bs=4096 seek=$((pages - 20)) count=1 conv=notrunc 2>/dev/null
before=$(digest "$WORK/f.db")
expect_exit 5 "a write command refuses a damaged archive" -- "$C" score 2024H1 --db "$WORK/f.db" --by alice
expect_in "$WORK/err" "quick_check" "the check is named"
[ "$(digest "$WORK/f.db")" = "$before" ] && pass || fail "the damaged archive was written"

# ---- the witness path is configurable; a new archive with an old witness is refused ----
expect_exit 0 "--witness FILE" -- "$C" run 2023H1 "$S/2023H1" --db "$WORK/g.db" --witness "$WORK/g.witness" --quiet
[ -f "$WORK/g.witness" ] && [ ! -e "$WORK/g.db.chain" ] && pass || fail "--witness was not used"
# every write command appends its head: import, score, review, finalize (run above);
# the commands that only read a run, whatif and benchmarks among them, append nothing
G=(--db "$WORK/g.db" --witness "$WORK/g.witness" --quiet)
expect_exit 0 "import" -- "$C" import 2024H1 "$S/2024H1" "${G[@]}" --by alice
expect_exit 0 "score" -- "$C" score 2024H1 "${G[@]}" --by alice
expect_exit 0 "review" -- "$C" review 2024H1 --run 2 --by bob "${G[@]}"
expect_exit 0 "finalize" -- "$C" finalize 2024H1 --run 2 --by carol "${G[@]}"
[ "$(cut -d' ' -f1 "$WORK/g.witness" | tr '\n' ' ')" = "2 3 4 5 6 " ] && pass \
  || fail "one witness line per write command: $(cat "$WORK/g.witness")"
before=$(digest "$WORK/g.db")
expect_exit 0 "whatif" -- "$C" whatif 2024H1 --company SH-PC-003 --target 99 "${G[@]}" --json "$WORK/w.json"
expect_exit 0 "benchmarks" -- "$C" benchmarks 2024H1 "${G[@]}" --out "$WORK/g-b.json"
[ "$(wc -l <"$WORK/g.witness")" = 5 ] && [ "$(digest "$WORK/g.db")" = "$before" ] && pass \
  || fail "whatif or benchmarks wrote to the archive or its witness"
cp "$DB.chain" "$WORK/h.db.chain"
expect_exit 5 "an empty archive beside a witness of entries" -- "$C" run 2023H1 "$S/2023H1" --db "$WORK/h.db" --quiet
expect_in "$WORK/err" "but the archive ends at entry 0" "the missing archive is named"
finish
