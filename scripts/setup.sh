#!/usr/bin/env bash
# Create .venv (if missing) and install the locked dependency set plus this project, editable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# System libraries: libarchive (read by libarchive-c) unpacks the .zip/.rar/.7z attachments portals publish.
if ! ldconfig -p 2>/dev/null | grep -q 'libarchive\.so\.13'; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && (apt-get install -y -qq libarchive13t64 || apt-get install -y -qq libarchive13)
  else
    echo "setup: libarchive.so.13 not found and apt-get unavailable (not root?): install libarchive13;" \
         "until then .rar/.7z/.zip attachments are recorded as unreadable archives" >&2
  fi
fi
if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! cmp -s requirements.lock .venv/.installed-lock 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . --config-settings editable_mode=compat
  cp requirements.lock .venv/.installed-lock
fi
