#!/usr/bin/env bash
# Set up everything the handbook needs on a fresh Debian machine.
#   scripts/setup.sh          Python venv with the pinned site builder and the engine, and the
#                             Debian libraries the PDF exports need
#   scripts/setup.sh --test   the same plus test tools, Debian's chromium for browser tests and
#                             hunspell with the Danish dictionary for the spelling test
set -euo pipefail
cd "$(dirname "$0")/.."

want_tests=0
[ "${1:-}" = "--test" ] && want_tests=1

python=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$python" -m venv .venv
fi
.venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade pip
if [ "$want_tests" = 1 ]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e ".[test]"
else
  .venv/bin/python -m pip install --quiet --disable-pip-version-check -e .
fi

# Debian packages, installed only when missing (so a second run is a no-op).
# - Pango and HarfBuzz: WeasyPrint lays out the PDF exports with them (`build --pdf`, releases).
packages=""
has_lib() { PATH="$PATH:/sbin:/usr/sbin" ldconfig -p 2>/dev/null | grep -q "$1"; }
has_lib libpango-1.0.so.0 || packages="$packages libpango-1.0-0"
has_lib libpangoft2-1.0.so.0 || packages="$packages libpangoft2-1.0-0"
has_lib libharfbuzz-subset.so.0 || packages="$packages libharfbuzz-subset0"
if [ "$want_tests" = 1 ]; then
  # - chromium: browser tests drive Debian's chromium through Playwright; Playwright's own
  #   browser download is not used (and cannot work offline).
  # - hunspell, hunspell-da: tests/test_danish.py spell-checks every Danish text.
  command -v chromium >/dev/null 2>&1 || packages="$packages chromium fonts-dejavu-core"
  command -v hunspell >/dev/null 2>&1 || packages="$packages hunspell"
  [ -f /usr/share/hunspell/da_DK.dic ] || packages="$packages hunspell-da"
fi
if [ -n "$packages" ]; then
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  # shellcheck disable=SC2086  # the package list is meant to split into words
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends $packages >/dev/null
fi
echo "setup done: $(.venv/bin/handbook --version)"
