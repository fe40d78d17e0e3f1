#!/usr/bin/env bash
# Build and pass the whole test suite: installs the Debian packages of
# deps/debian.txt that the build and the tests need (when run as root), then
# runs every test twice: in a plain build and in a build under
# AddressSanitizer + UndefinedBehaviorSanitizer; then fuzzes each parser for
# a minute (tests/fuzz/run.sh) and checks the written style (docs/STYLE.md).
set -euo pipefail
cd "$(dirname "$0")/.."

bash deps/install.sh test

export LC_ALL=C
jobs=$(nproc 2>/dev/null || echo 2)

cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=ON -DCES_REQUIRE_TESTS=ON >/dev/null
cmake --build build -j"$jobs"
ctest --test-dir build --output-on-failure -j"$jobs"

cmake -S . -B build-asan -DCES_SANITIZE=ON -DCMAKE_BUILD_TYPE=Debug -DBUILD_TESTING=ON -DCES_REQUIRE_TESTS=ON >/dev/null
cmake --build build-asan -j"$jobs"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$jobs"

# libFuzzer, a minute per harness: bundle, config, columns.json, archive
bash tests/fuzz/run.sh 60

# Layout (.clang-format), no spec outside the repository, no issue numbers in comments
bash tests/tools/check_style.sh
