#!/usr/bin/env bash
# What the inputs the fuzzers once crashed on (tests/fuzz/regressions/) do
# now, seen from the command line: a clear refusal with its exit code. ctest
# also runs every harness on each of them (fuzz.*), plain and under ASan.
source "$(dirname "$0")/lib/common.bash"

R="$CES_ROOT/tests/fuzz/regressions"
C="$CESCORE"

# columns.json naming a file twice: once a heap overflow, now exit 3
expect_exit 3 "a file named twice in columns.json" -- "$C" validate 2024H1 "$FIX/rules/valid-minimal" \
  --columns "$R/columns/duplicate-file-key.json"
expect_in "$WORK/err" "files.prior.csv: the file is named twice" "the duplicate is named"
expect_exit 3 "run refuses it too" -- "$C" run 2024H1 "$FIX/rules/valid-minimal" --db "$WORK/a.db" \
  --columns "$R/columns/duplicate-file-key.json"
expect_not_exists "$WORK/a.db" "no archive was created"

# an import with two files of one kind (and damaged pages): once a leak, now
# refused where the import is loaded, and failed by verify
cp "$R/archive/leak-two-files-of-one-kind.db" "$WORK/two.db"
expect_exit 1 "export of an import with two files of one kind" -- "$C" export 2024H1 "$WORK/two-ex" --db "$WORK/two.db"
expect_in "$WORK/err" "database disk image is malformed" "export names the damage it meets first"
expect_not_exists "$WORK/two-ex" "nothing was exported"
cp "$R/archive/leak-two-files-of-one-kind.db" "$WORK/two.db"
expect_exit 1 "history of that archive" -- "$C" history --db "$WORK/two.db"
expect_in "$WORK/err" "the import has two files of kind statistics" "the damage is named"
expect_exit 5 "verify of that archive" -- "$C" verify --db "$WORK/two.db"
# a negative schema version: once migrated "up" for hours, now refused at once
cp "$R/archive/timeout-negative-schema-version.db" "$WORK/neg.db"
start=$(date +%s)
expect_exit 1 "an archive of a negative schema version" -- timeout 60 "$C" history --db "$WORK/neg.db"
expect_in "$WORK/err" "is not a cescore archive" "it is refused as not an archive"
[ $(($(date +%s) - start)) -le 5 ] && pass || fail "refusing it took more than 5 s"
finish
