#!/usr/bin/env bash
# Create .venv (if missing) and install the locked dependency set plus this project, editable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! cmp -s requirements.lock .venv/.installed-lock 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . --config-settings editable_mode=compat
  cp requirements.lock .venv/.installed-lock
fi
# System packages: Chromium (headless) for the report's browser test. Needs root and apt-get; skipped otherwise
# (the test then skips, saying so).
if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "setup: installing chromium (Debian package) for the HTML report test"
    (apt-get install -y -q chromium >/dev/null 2>&1 || { apt-get update -q >/dev/null 2>&1 && apt-get install -y -q chromium >/dev/null 2>&1; }) \
      || echo "setup: apt-get install chromium failed; the report's browser test will be skipped"
  else
    echo "setup: skipped chromium (needs root and apt-get); the report's browser test will be skipped"
  fi
fi
