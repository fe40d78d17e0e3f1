#!/usr/bin/env bash
# cmake --install: the executable, config/*.json, the working-day calendar
# config/calendar/*.json and the message catalog are installed
# (CMAKE_INSTALL_BINDIR, CMAKE_INSTALL_DATADIR/cescore, CMAKE_INSTALL_LOCALEDIR),
# and the installed
# executable reads the installed config, wherever it is run from and with no
# source tree nearby; a config placed beside a copy of it is not read.
source "$(dirname "$0")/lib/common.bash"

PREFIX="$WORK/prefix"
if ! cmake -S "$CES_ROOT" -B "$WORK/build" -DCMAKE_BUILD_TYPE=Release -DBUILD_TESTING=OFF \
     -DCMAKE_INSTALL_PREFIX="$PREFIX" >"$WORK/cmake.log" 2>&1 ||
   ! cmake --build "$WORK/build" --target cescore_installed -j2 >>"$WORK/cmake.log" 2>&1 ||
   ! cmake --install "$WORK/build" >>"$WORK/cmake.log" 2>&1; then
  fail "configure, build and install into $PREFIX"
  tail -20 "$WORK/cmake.log" >&2
  finish
fi

for f in bin/cescore share/cescore/shanghai-2018.json share/cescore/columns.json \
  share/cescore/calendar/2024.json share/locale/zh_CN/LC_MESSAGES/cescore.mo; do
  [ -f "$PREFIX/$f" ] && pass || fail "installed $f"
done
[ -x "$PREFIX/bin/cescore" ] && pass || fail "installed cescore is executable"

# Mark the installed config so that its use can be seen in the results JSON.
sed -i 's/"name": *"shanghai-2018"/"name": "installed-copy"/' "$PREFIX/share/cescore/shanghai-2018.json"
grep -q '"installed-copy"' "$PREFIX/share/cescore/shanghai-2018.json" && pass \
  || fail "the installed config has a name field to mark"

# Run from an unrelated directory, with the build tree out of reach.
mkdir -p "$WORK/elsewhere"
cp -r "$FIX/sample/2024H1-with-prior" "$WORK/elsewhere/bundle"
cd "$WORK/elsewhere" || exit 1
expect_exit 0 "installed cescore runs the sample" -- "$PREFIX/bin/cescore" run 2024H1 bundle \
  --db a.db --json r.json --quiet
config_name() { "$PY" -c 'import json,sys; print(json.load(open(sys.argv[1]))["config"]["name"])' "$1"; }
[ "$(config_name r.json)" = installed-copy ] && pass \
  || fail "the installed executable reads the installed config (got $(config_name r.json))"

# A copied binary with a modified config beside it still reads the installed one.
mkdir -p copy/config
cp "$PREFIX/bin/cescore" copy/cescore
sed 's/"name": *"installed-copy"/"name": "beside-the-binary"/' \
  "$PREFIX/share/cescore/shanghai-2018.json" >copy/config/shanghai-2018.json
cp "$PREFIX/share/cescore/columns.json" copy/config/
expect_exit 0 "copied cescore runs the sample" -- copy/cescore run 2024H1 bundle --db b.db \
  --json r2.json --quiet
[ "$(config_name r2.json)" = installed-copy ] && pass \
  || fail "a config beside a copied binary is not read (got $(config_name r2.json))"

# The installed executable (and a copy of it) speaks Chinese from the installed
# catalog, with the build tree's catalog out of the way.
for exe in "$PREFIX/bin/cescore" copy/cescore; do
  expect_exit 0 "$exe --lang zh --help" -- "$exe" --lang zh --help
  expect_in "$WORK/out" "用法：cescore" "$exe reads the installed catalog"
  expect_exit 3 "$exe validate under LANG=zh_CN.UTF-8" -- env -u LC_ALL -u LANGUAGE LANG=zh_CN.UTF-8 \
    "$exe" validate 2024H1 "$FIX/rules/impossible-count"
  expect_in "$WORK/err" "列 on_time（G）：55 超过了 transferred（50）" "$exe: an error in Chinese"
done
mv "$PREFIX/share/locale" "$PREFIX/share/locale.away"
expect_exit 0 "without the installed catalog" -- "$PREFIX/bin/cescore" --lang zh --help
expect_in "$WORK/out" "usage: cescore" "without its catalog the installed cescore falls back to English"
mv "$PREFIX/share/locale.away" "$PREFIX/share/locale"

# A case list is counted on the installed calendar.
cp -r "$FIX/cases/2024H1-en" case-bundle
expect_exit 0 "installed cescore runs a case list" -- "$PREFIX/bin/cescore" run 2024H1 case-bundle \
  --db c.db --json c.json --quiet
rm "$PREFIX/share/cescore/calendar/2024.json"
expect_exit 3 "without the installed 2024.json" -- "$PREFIX/bin/cescore" validate 2024H1 case-bundle
expect_in "$WORK/err" "add $PREFIX/share/cescore/calendar/2024.json" "the installed calendar is the one read"

finish
