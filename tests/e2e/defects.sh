#!/usr/bin/env bash
# Every defective bundle of fixtures/rules exits 3, names every defect with its
# file:line and value (expected-errors.txt beside the bundle), and leaves the
# archive and the output paths untouched.
source "$(dirname "$0")/lib/common.bash"

DB="$WORK/archive.db"
expect_exit 0 "seed the archive" -- "$CESCORE" run 2024H1 "$FIX/rules/valid-minimal" --db "$DB" --quiet
seeded=$(digest "$DB")

n=0
for dir in "$FIX"/rules/*/; do
  name=$(basename "$dir")
  [ -f "$dir/expected-errors.txt" ] || continue
  n=$((n + 1))
  expect_exit 3 "$name: validate" -- "$CESCORE" validate 2024H1 "$dir" --db "$DB"
  while IFS= read -r line; do
    expect_in "$WORK/err" "cescore: $line" "$name"
  done <"$dir/expected-errors.txt"
  expected=$(wc -l <"$dir/expected-errors.txt")
  got=$(grep -c '^cescore: [^ ]*\.csv' "$WORK/err")
  [ "$got" = "$expected" ] && pass || fail "$name: $got problems reported, expected $expected"

  expect_exit 3 "$name: run" -- "$CESCORE" run 2024H1 "$dir" --db "$DB" --replace \
    --json "$WORK/$name.json" --out "$WORK/$name.xlsx" --per-company "$WORK/$name-cards"
  [ "$(digest "$DB")" = "$seeded" ] && pass || fail "$name: the archive changed"
  expect_not_exists "$WORK/$name.json" "$name: results JSON"
  expect_not_exists "$WORK/$name.xlsx" "$name: workbook"
  expect_not_exists "$WORK/$name-cards" "$name: per-company directory"
  if ls "$WORK" | grep -q 'tmp'; then fail "$name: a temporary file was left behind"; else pass; fi
done
[ "$n" -ge 12 ] && pass || fail "only $n defective bundles found"
finish
