#!/usr/bin/env bash
# Install the Debian packages of deps/debian.txt that are missing.
#   bash deps/install.sh build   what building and running cescore needs
#   bash deps/install.sh test    that and what tests/run-all.sh needs
# As root with apt-get, missing packages are installed; otherwise the missing
# ones are listed and the script exits 1, so that a build fails with a clear
# message rather than a linker error.
set -euo pipefail
cd "$(dirname "$0")"

want=${1:-build}
case "$want" in
  build) sets="build" ;;
  test) sets="build test" ;;
  *) echo "usage: bash deps/install.sh build|test" >&2; exit 2 ;;
esac

packages=()
while read -r set pkg _; do
  case "$set" in ''|'#'*) continue ;; esac
  for s in $sets; do
    [ "$set" = "$s" ] && packages+=("$pkg")
  done
done <debian.txt

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0

if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "deps/install.sh: installing ${missing[*]}" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "deps/install.sh: missing Debian packages: ${missing[*]}" >&2
  echo "deps/install.sh: install them as root: apt-get install --no-install-recommends ${missing[*]}" >&2
  exit 1
fi
