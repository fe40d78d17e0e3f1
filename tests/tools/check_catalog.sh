#!/usr/bin/env bash
# The message catalogs against the sources (docs/translating.md): extracts
# every message of src/ and include/ afresh with xgettext (the options and
# files CMake wrote into BUILD/po) and fails when a catalog po/<lang>.po
#  - lacks a translation of one of them, or has it only fuzzy (a message
#    added or changed in the code and not yet translated: each is listed);
#  - translates a message that the code no longer has (stale);
#  - has a translation whose printf format does not match its message's
#    (msgfmt --check-format), or a malformed header;
# and when text for the terminal bypasses the catalog: a literal with words
# printed without _() (tests/tools/check_untranslated.py).
# Usage: check_catalog.sh SOURCE_DIR BUILD_DIR
set -uo pipefail
src=${1:?usage: check_catalog.sh SOURCE_DIR BUILD_DIR}
build=${2:?usage: check_catalog.sh SOURCE_DIR BUILD_DIR}
work=$(mktemp -d "${TMPDIR:-/tmp}/cescore-catalog.XXXXXX")
trap 'rm -rf "$work"' EXIT
status=0

mapfile -t opts <"$build/po/xgettext-options"
if ! xgettext "${opts[@]}" --directory="$src" --files-from="$build/po/POTFILES" \
     --output="$work/cescore.pot" 2>"$work/xgettext.err"; then
  echo "FAIL: xgettext could not extract the messages"; cat "$work/xgettext.err"; exit 1
fi
n=$(grep -c '^msgid "' "$work/cescore.pot")
echo "$((n - 1)) messages in the sources"

# The entries of a PO file without their translations and without its header.
entries() { awk 'NR == 1, /^$/ {next} /^msgstr/ {skip = 1; next} /^"/ && skip {next} {skip = 0; print "  " $0}'; }

while read -r lang; do
  case $lang in '' | '#'*) continue ;; esac
  po="$src/po/$lang.po"
  msgmerge --quiet --no-fuzzy-matching --no-wrap "$po" "$work/cescore.pot" -o "$work/merged.po"
  # every message of the sources translated, none of them fuzzy
  if ! msgcmp "$po" "$work/cescore.pot" >"$work/missing" 2>&1; then
    echo "FAIL: po/$lang.po lacks a translation (or has only a fuzzy one) of these messages:"
    { msgattrib --untranslated --no-obsolete --no-wrap "$work/merged.po"
      msgattrib --only-fuzzy --no-obsolete --no-wrap "$work/merged.po"; } | entries
    echo "  (cmake --build BUILD --target update-po merges them into po/$lang.po: translate them there"
    echo "  and remove their fuzzy marks)"
    status=1
  fi
  # nothing translated that the sources no longer say
  if ! msgcmp --use-untranslated --use-fuzzy "$work/cescore.pot" "$po" >"$work/stale" 2>&1; then
    echo "FAIL: po/$lang.po translates messages that the sources no longer have (update-po marks"
    echo "  them obsolete, #~; delete them, or translate their new wording):"
    msgattrib --only-obsolete --no-wrap "$work/merged.po" | sed 's/^#~ //' | entries
    status=1
  fi
  if ! msgfmt --check --check-format --output-file=/dev/null "$po" 2>"$work/format"; then
    echo "FAIL: msgfmt --check-format po/$lang.po:"
    sed 's/^/  /' "$work/format"
    status=1
  fi
  if msgattrib --only-fuzzy --no-obsolete "$po" | grep -q '^msgid'; then
    echo "FAIL: po/$lang.po has fuzzy entries (msgattrib --only-fuzzy po/$lang.po)"
    status=1
  fi
  [ $status = 0 ] && echo "po/$lang.po: every message translated, formats checked"
done <"$src/po/LINGUAS"

python3 "$src/tests/tools/check_untranslated.py" "$src" || status=1
exit $status
