#!/usr/bin/env bash
# Crashes and concurrency (docs/audit.md). Fifty imports (and ten runs)
# killed with SIGKILL at random moments leave an archive that passes verify,
# with each import either fully present (every row of its bundle) or absent.
# A second writer waits a bounded time, then exits 4 saying the archive is
# locked; within the bound it proceeds.
source "$(dirname "$0")/lib/common.bash"

S="$FIX/sample"
DB="$WORK/crash.db"
REF="$WORK/ref.db"
C="$CESCORE"
command -v sqlite3 >/dev/null || { echo "sqlite3 shell needed"; exit 1; }

TABLES="import_files companies complaints statistics qualitative_rows qualitative_items qualitative_checklists mediation deductions prior_rows"
# "n1 n2 ..." rows per table of one import
signature() {
  local db=$1 id=$2 sql="SELECT" sep=""
  for t in $TABLES; do sql="$sql$sep (SELECT count(*) FROM $t WHERE import_id = $id)"; sep=" || ' ' ||"; done
  sqlite3 "$db" "$sql"
}

# the reference: each bundle imported once, undisturbed
expect_exit 0 "reference import 2023H1" -- "$C" import 2023H1 "$S/2023H1" --db "$REF" --quiet
expect_exit 0 "reference import 2024H1" -- "$C" import 2024H1 "$S/2024H1" --db "$REF" --quiet
declare -A WANT
WANT[2023H1]=$(signature "$REF" 1)
WANT[2024H1]=$(signature "$REF" 2)

# how long one import takes here, to spread the kills over its whole duration
cp "$REF" "$WORK/timing.db"
cp -r "$S/2024H1" "$WORK/timing" && printf '\n' >>"$WORK/timing/companies.csv"
t0=$(date +%s%N)
"$C" import 2024H1 "$WORK/timing" --db "$WORK/timing.db" --replace --quiet
dur_ms=$(( ( $(date +%s%N) - t0 ) / 1000000 ))
echo "one import takes about $dur_ms ms"

# bundle variant i: the sample with i blank lines appended (same rows, new bytes)
variant() {
  local p=$1 i=$2 dir="$WORK/b-$1-$2"
  cp -r "$S/$p" "$dir"
  head -c "$i" /dev/zero | tr '\0' '\n' >>"$dir/companies.csv"
  echo "$dir"
}

killed=0 finished=0
kill_at_random() {   # kill_at_random COMMAND...: start it, SIGKILL it after 0..dur_ms
  "$@" >/dev/null 2>&1 &
  local pid=$!
  sleep "$(awk -v r="$RANDOM" -v d="$dur_ms" 'BEGIN { printf "%.4f", r / 32767 * d / 1000 }')"
  kill -KILL "$pid" 2>/dev/null
  wait "$pid" 2>/dev/null
  if [ $? = 0 ]; then finished=$((finished + 1)); else killed=$((killed + 1)); fi
}

for i in $(seq 1 50); do
  if [ $((i % 2)) = 1 ]; then p=2023H1; else p=2024H1; fi
  dir=$(variant "$p" "$i")
  kill_at_random "$C" import "$p" "$dir" --db "$DB" --replace --by crash
  rm -rf "$dir"
done
echo "imports: $killed killed, $finished completed"
for i in $(seq 1 10); do
  kill_at_random "$C" score 2024H1 --db "$DB" --by crash --quiet
done

expect_exit 0 "verify after the kills" -- "$C" verify --db "$DB"
[ "$(sqlite3 "$DB" "PRAGMA integrity_check")" = ok ] && pass || fail "integrity_check"
n_imports=$(sqlite3 "$DB" "SELECT count(*) FROM imports")
echo "imports present: $n_imports"
for id in $(sqlite3 "$DB" "SELECT id FROM imports"); do
  p=$(sqlite3 "$DB" "SELECT period FROM imports WHERE id = $id")
  got=$(signature "$DB" "$id")
  [ "$got" = "${WANT[$p]}" ] && pass || fail "import $id of $p is partial: rows $got, expected ${WANT[$p]}"
done
# no row belongs to an import or run that is not there
for t in $TABLES; do
  orphans=$(sqlite3 "$DB" "SELECT count(*) FROM $t WHERE import_id NOT IN (SELECT id FROM imports)")
  [ "$orphans" = 0 ] && pass || fail "$t has $orphans rows of a missing import"
done
for t in run_indicators run_indicator_chunks; do
  orphans=$(sqlite3 "$DB" "SELECT count(*) FROM $t WHERE run_id NOT IN (SELECT id FROM runs)")
  [ "$orphans" = 0 ] && pass || fail "$t has rows of a missing run"
done
# versions of each period are 1..n without a gap
gaps=$(sqlite3 "$DB" "SELECT count(*) FROM (SELECT period, max(version) m, count(*) n FROM imports GROUP BY period) WHERE m <> n")
[ "$gaps" = 0 ] && pass || fail "import versions have a gap"
# the archive is still usable: a full import and a rerun after the crashes
expect_exit 0 "import after the crashes" -- "$C" import 2024H1 "$S/2024H1" --db "$DB" --replace --by crash
expect_exit 0 "score after the crashes" -- "$C" score 2024H1 --db "$DB" --by crash --quiet
expect_exit 0 "rerun after the crashes" -- "$C" rerun 2024H1 --db "$DB"
expect_exit 0 "verify at the end" -- "$C" verify --db "$DB"

# ---- a second writer ----
hold_lock "$DB" exclusive
before=$(digest "$DB")
expect_exit 4 "second writer gives up after its bound" -- env CESCORE_BUSY_TIMEOUT_MS=300 \
  "$C" import 2023H1 "$(variant 2023H1 99)" --db "$DB" --replace
expect_in "$WORK/err" "database is locked" "lock message"
expect_in "$WORK/err" "another writer" "lock message says why"
release_lock
[ "$(digest "$DB")" = "$before" ] && pass || fail "the refused writer changed the archive"
hold_lock "$DB" exclusive
( sleep 1; touch "$WORK/lock.release" ) &
expect_exit 0 "second writer within its bound proceeds" -- env CESCORE_BUSY_TIMEOUT_MS=60000 \
  "$C" import 2023H1 "$WORK/b-2023H1-99" --db "$DB" --replace
release_lock
wait
expect_exit 0 "verify after the lock tests" -- "$C" verify --db "$DB"

finish
