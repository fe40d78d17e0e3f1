#!/usr/bin/env bash
# tests/bench/bench_market.py does not rot: a smoke run on a 50-company market
# (every column it prints, the deflate floor and scorecards included) must finish and print its row.
# Asserts nothing about time.
source "$(dirname "$0")/lib/common.bash"

command -v sqlite3 >/dev/null || { echo "sqlite3 shell needed"; exit 1; }
expect_exit 0 "bench_market.py --sizes 50" -- "$PY" "$CES_ROOT/tests/bench/bench_market.py" \
  --cescore "$CESCORE" --sizes 50 --scorecards-at 50 --keep "$WORK/bench"
grep -qE '^ +50 +[0-9.]+s +[0-9.]+s +[0-9.]+s +[0-9.]+x +[0-9.]+ MiB +-?[0-9.]+s +[0-9.]+ MiB +[0-9.]+s +[0-9]+ MB +[0-9]+$' "$WORK/out" \
  && pass || { fail "the 50-company row is missing or malformed"; cat "$WORK/out" >&2; }
finish
