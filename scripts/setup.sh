#!/usr/bin/env bash
# Create .venv (if missing) and install the locked dependency set plus this project, editable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}
# System packages: libarchive (read by libarchive-c) unpacks the .zip/.rar/.7z attachments portals publish;
# unar (The Unarchiver) reads the solid RAR 4 archives libarchive cannot.
need=()
ldconfig -p 2>/dev/null | grep -q 'libarchive\.so\.13' || need+=(libarchive13)
command -v unar >/dev/null && command -v lsar >/dev/null || need+=(unar)
if [ ${#need[@]} -gt 0 ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq
    for pkg in "${need[@]}"; do
      apt-get install -y -qq "$pkg" >/dev/null || { [ "$pkg" = libarchive13 ] && apt-get install -y -qq libarchive13t64 >/dev/null; } \
        || echo "setup: could not apt-get install $pkg" >&2
    done
  else
    echo "setup: skipped installing ${need[*]} (needs root and apt-get): without libarchive13 archives are" \
         "recorded as archive_unreadable; without unar solid RAR 4 archives are" >&2
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
