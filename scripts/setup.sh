#!/usr/bin/env bash
# Set up everything the handbook needs on a fresh Debian machine.
#   scripts/setup.sh          Python venv with the pinned site builder and the engine
#   scripts/setup.sh --test   the same plus test tools and Debian's chromium for browser tests
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

if [ "$want_tests" = 1 ] && ! command -v chromium >/dev/null 2>&1; then
  # Browser tests drive Debian's chromium through Playwright; Playwright's own browser
  # download is not used (and cannot work offline).
  sudo_cmd=""
  [ "$(id -u)" = 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends chromium fonts-dejavu-core >/dev/null
fi
echo "setup done: $(.venv/bin/handbook --version)"
