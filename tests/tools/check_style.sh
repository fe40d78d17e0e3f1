#!/usr/bin/env bash
# The checks of docs/STYLE.md that a machine can make:
#   1. every *.c / *.h under src/, include/, tests/unit/ (and tests/fuzz/ when
#      present) is laid out as .clang-format says (clang-format 14, the
#      version Debian 12 ships as "clang-format");
#   2. nothing under src/, include/, docs/ or README.md points at a
#      specification outside the repository (the shared spec folder), nor
#      cites a NAME.md that docs/ does not hold;
#   3. no comment in the code cites a tracker's issue number.
#
# usage: bash tests/tools/check_style.sh
#   CLANG_FORMAT  the clang-format to run (default: clang-format)
# Exit 0 when every check passes, 1 when one fails (each offender listed,
# with the command that fixes it), 2 when clang-format is missing.
set -uo pipefail
cd "$(dirname "$0")/../.." || exit 2
export LC_ALL=C

cf=${CLANG_FORMAT:-clang-format}
if ! command -v "$cf" >/dev/null; then
    echo "check_style: $cf not found (Debian package clang-format; bash deps/install.sh test)" >&2
    exit 2
fi
version=$("$cf" --version | sed -n 's/.*version \([0-9][0-9]*\)\..*/\1/p')
if [ "$version" != 14 ]; then
    echo "check_style: warning: $cf is version ${version:-unknown}; .clang-format is tuned for 14" >&2
fi

fail=0
dirs=(src include tests/unit)
[ -d tests/fuzz ] && dirs+=(tests/fuzz)

# 1. layout
mapfile -t sources < <(find "${dirs[@]}" -type f \( -name '*.c' -o -name '*.h' \) | sort)
unformatted=()
for f in "${sources[@]}"; do
    "$cf" --style=file --dry-run --Werror "$f" >/dev/null 2>&1 || unformatted+=("$f")
done
if [ ${#unformatted[@]} -gt 0 ]; then
    echo "check_style: ${#unformatted[@]} of ${#sources[@]} files differ from .clang-format:"
    printf '  %s\n' "${unformatted[@]}"
    echo "check_style: fix: run: $cf -i ${unformatted[*]}"
    fail=1
else
    echo "check_style: ${#sources[@]} files match .clang-format"
fi

# 2. no specification outside the repository
outside=$(grep -rnI -e '\.\./shared' -e 'shared/spec' src include docs README.md)
if [ -n "$outside" ]; then
    echo "check_style: these lines point outside the repository; cite the file under docs/ instead:"
    printf '%s\n' "$outside" | sed 's/^/  /'
    fail=1
fi
# ... nor at a document the repository does not have (scoring.md, cli.md):
# every NAME.md cited is docs/NAME.md or a README
missing=$(grep -rnoIE '[A-Za-z0-9_-]+\.md\b' src include docs README.md |
    while IFS= read -r hit; do
        name=${hit##*:}
        [ "$name" = README.md ] || [ -f "docs/$name" ] || printf '%s\n' "$hit"
    done)
if [ -n "$missing" ]; then
    echo "check_style: these lines cite a document that is not in docs/:"
    printf '%s\n' "$missing" | sed 's/^/  /'
    fail=1
fi

# 3. no issue numbers in code comments
issues=$(grep -rnIiE 'issue #?[0-9]' "${dirs[@]}")
if [ -n "$issues" ]; then
    echo "check_style: these comments cite an issue number; say what and why instead:"
    printf '%s\n' "$issues" | sed 's/^/  /'
    fail=1
fi

[ $fail = 0 ] && echo "check_style: ok"
exit $fail
