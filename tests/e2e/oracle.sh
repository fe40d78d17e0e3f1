#!/usr/bin/env bash
# The engine against the independent implementation of docs/method.md in
# tests/oracle: the sample market with the prior period from the archive and
# from prior.csv, and random bundles in every variation docs/inputs.md allows.
# Every indicator score within 0.01, identical ranks, flags, group statistics
# and excluded lists (tests/oracle/compare.py).
source "$(dirname "$0")/lib/common.bash"

ORACLE="$CES_ROOT/tests/oracle/oracle.py"
COMPARE="$CES_ROOT/tests/oracle/compare.py"
S="$FIX/sample"

compare() { # engine.json oracle.json what
  if "$PY" "$COMPARE" "$1" "$2" >"$WORK/cmp" 2>&1; then pass; else fail "$3"; head -30 "$WORK/cmp" >&2; fi
}

# Sample: 2023H1, then 2024H1 with the prior period from the archive.
DB="$WORK/sample.db"
expect_exit 0 "run 2023H1" -- "$CESCORE" run 2023H1 "$S/2023H1" --db "$DB" --json "$WORK/e23.json" --quiet
expect_exit 0 "run 2024H1" -- "$CESCORE" run 2024H1 "$S/2024H1" --db "$DB" --json "$WORK/e24.json" --quiet
"$PY" "$ORACLE" 2023H1 "$S/2023H1" --json "$WORK/o23.json" --emit-prior "$WORK/p23.json" 2>/dev/null || fail "oracle 2023H1"
"$PY" "$ORACLE" 2024H1 "$S/2024H1" --prior "$WORK/p23.json" --json "$WORK/o24.json" 2>/dev/null || fail "oracle 2024H1"
compare "$WORK/e23.json" "$WORK/o23.json" "sample 2023H1"
compare "$WORK/e24.json" "$WORK/o24.json" "sample 2024H1, prior from the archive"
expect_in "$WORK/e24.json" '"source":	"archive"' "2024H1 records the archive as its prior source"

# The same period with prior.csv, in an archive without 2023H1.
expect_exit 0 "run 2024H1 with prior.csv" -- "$CESCORE" run 2024H1 "$S/2024H1-with-prior" --db "$WORK/p.db" --json "$WORK/ep.json" --quiet
"$PY" "$ORACLE" 2024H1 "$S/2024H1-with-prior" --json "$WORK/op.json" 2>/dev/null || fail "oracle with prior.csv"
compare "$WORK/ep.json" "$WORK/op.json" "sample 2024H1, prior from prior.csv"
expect_in "$WORK/ep.json" '"source":	"prior.csv"' "prior.csv recorded as the prior source"

# The hand-worked companies of fixtures/README.md.
"$PY" - "$WORK/e24.json" "$S/expected-2024H1.json" >"$WORK/hand" 2>&1 <<'PYEOF'
import json, sys
got = {c["code"]: c for c in json.load(open(sys.argv[1]))["companies"]}
bad = 0
for code, want in json.load(open(sys.argv[2])).items():
    if code.startswith("_"):
        continue
    for key, value in want.items():
        if key not in ("total", "rank", "qualitative", "quantitative"):
            continue
        if abs(got[code][key] - value) > 1e-9:
            print(f"{code} {key}: engine {got[code][key]}, worked by hand {value}")
            bad += 1
sys.exit(1 if bad else 0)
PYEOF
[ $? = 0 ] && pass || { fail "hand-worked companies"; cat "$WORK/hand" >&2; }

# Random valid bundles.
for seed in $(seq 11 30); do
  dir="$WORK/random-$seed"
  period=2024H1
  [ $((seed % 4)) = 0 ] && period=2024FY
  "$PY" "$CES_ROOT/tests/tools/make_random.py" "$seed" 18 22 "$dir" --period "$period" >/dev/null 2>&1 || { fail "generate seed $seed"; continue; }
  expect_exit 0 "random seed $seed ($period)" -- "$CESCORE" run "$period" "$dir" --db "$WORK/r$seed.db" --json "$WORK/er$seed.json" --quiet
  "$PY" "$ORACLE" "$period" "$dir" --json "$WORK/or$seed.json" 2>/dev/null || fail "oracle seed $seed"
  compare "$WORK/er$seed.json" "$WORK/or$seed.json" "random seed $seed ($period)"
done
finish
