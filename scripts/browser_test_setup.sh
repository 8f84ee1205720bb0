#!/bin/sh
# Install what the real-browser tests need, then run them.
#
#   scripts/browser_test_setup.sh                 # install chromium if missing, run `pytest -m browser`
#   scripts/browser_test_setup.sh --no-run        # only install and check
#   scripts/browser_test_setup.sh -k clicks -s    # extra arguments go to pytest
#
# The tests drive Debian's chromium through Playwright for Python (executable_path); Playwright's
# own browser download (`playwright install`) is never used. PYTHON defaults to .venv/bin/python.
set -eu

cd "$(dirname "$0")/.."
PYTHON="${PYTHON:-.venv/bin/python}"
CHROMIUM="${ARGMAP_CHROMIUM:-/usr/bin/chromium}"

if [ ! -x "$CHROMIUM" ]; then
    echo "browser tests: installing Debian's chromium (missing at $CHROMIUM)"
    if [ "$(id -u)" -eq 0 ]; then SUDO=""; else SUDO="sudo"; fi
    $SUDO apt-get update
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y --no-install-recommends chromium
fi
"$CHROMIUM" --version 2>/dev/null || { echo "browser tests: $CHROMIUM does not run" >&2; exit 1; }

"$PYTHON" -c "import playwright.sync_api, jupyterlab, nbclient, anywidget" 2>/dev/null || {
    echo "browser tests: the dev extra is missing: $PYTHON -m pip install -e '.[dev]'" >&2
    exit 1
}

if [ "${1:-}" = "--no-run" ]; then
    exit 0
fi
exec "$PYTHON" -m pytest -m browser -p no:cacheprovider -rA "$@"
