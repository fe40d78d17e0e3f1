#!/usr/bin/env bash
# An archive written by an earlier engine (fixtures/archive/README.md) stays
# readable: verify recomputes the same hash chain, rerun reproduces every
# figure of both periods, report writes the results JSON a fresh run of the
# same inputs and config writes (apart from the run's metadata), and a new
# run appended to it keeps the chain whole.
source "$(dirname "$0")/lib/common.bash"

C="$CESCORE"
DB="$WORK/main.db"
HEAD=933897637642eb7385906cb0c60dc5de31b442b1fc4e0092d324185096eb9f5e
gzip -dc "$FIX/archive/main-2024H1.db.gz" >"$DB" || fail "unzip the fixture"

# ---- the chain, the figures ----
expect_exit 0 "verify" -- "$C" verify --db "$DB"
expect_in "$WORK/out" "hash chain ok: 6 entries; head $HEAD" "verify recomputes the same chain"
expect_exit 0 "rerun 2024H1" -- "$C" rerun 2024H1 --db "$DB"
expect_in "$WORK/out" "run 2 of 2024H1 reproduced: 90 companies, 11 excluded, every figure and rank identical" \
  "rerun 2024H1 reproduces every figure"
expect_exit 0 "rerun 2023H1" -- "$C" rerun 2023H1 --db "$DB"
expect_in "$WORK/out" "run 1 of 2023H1 reproduced: 88 companies, 10 excluded, every figure and rank identical" \
  "rerun 2023H1 reproduces every figure"
expect_exit 0 "history" -- "$C" history --db "$DB"
expect_in "$WORK/out" "finalization 1  2024H1  run 2  review 1  by bob" "history lists the finalization"

# ---- report = a fresh run of the archived inputs and config ----
# The run's metadata (engine version, time, run id, status: the archived
# 2024H1 run is the finalized one, a fresh run a draft; the prior source: the
# export carries the prior figures as prior.csv) may differ; every figure may not.
sqlite3 "$DB" "SELECT writefile('$WORK/config.json', config_text) FROM runs WHERE id = 2" >/dev/null \
  || fail "read the archived config"
FRESH="$WORK/fresh.db"
for p in 2023H1 2024H1; do
  expect_exit 0 "export $p" -- "$C" export "$p" "$WORK/in-$p" --db "$DB" --quiet
  expect_exit 0 "report $p" -- "$C" report "$p" --db "$DB" --json "$WORK/stored-$p.json" --quiet
  expect_exit 0 "fresh run $p" -- "$C" run "$p" "$WORK/in-$p" --db "$FRESH" --by alice \
    --config "$WORK/config.json" --json "$WORK/fresh-$p.json" --quiet
  if "$PY" "$CES_ROOT/tests/tools/same_figures.py" "$WORK/stored-$p.json" "$WORK/fresh-$p.json" >"$WORK/diff"; then
    pass
  else
    fail "report $p of the old archive differs from a fresh run's JSON"
    head -20 "$WORK/diff" >&2
  fi
done
grep -qE '^	"status":	"final",$' "$WORK/stored-2024H1.json" && pass \
  || fail "the old archive's finalized 2024H1 run reports status final"
grep -qE '^	"status":	"draft",$' "$WORK/stored-2023H1.json" && pass \
  || fail "the old archive's unreviewed 2023H1 run reports status draft"

# ---- a run appended by this engine continues the old chain ----
# the inputs as archived (the export adds prior.csv, config.json, SHA256SUMS)
mkdir -p "$WORK/inputs-2024H1"
for f in "$WORK/in-2024H1"/*.csv; do [ "$(basename "$f")" = prior.csv ] || cp "$f" "$WORK/inputs-2024H1/"; done
expect_exit 0 "new run on the old archive" -- "$C" run 2024H1 "$WORK/inputs-2024H1" --db "$DB" \
  --by carol --config "$WORK/config.json" --quiet
expect_exit 0 "verify after the new run" -- "$C" verify --db "$DB"
expect_in "$WORK/out" "hash chain ok: 7 entries" "the chain grows by one entry"
expect_exit 0 "rerun the new run" -- "$C" rerun 2024H1 --run 3 --db "$DB"
expect_in "$WORK/out" "every figure and rank identical" "the new run reproduces"

finish
