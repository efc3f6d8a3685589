#!/usr/bin/env bash
# Install the system packages the project uses (when root + apt-get; says what it skips otherwise), then create
# .venv (if missing) and install the locked dependency set plus this project, editable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

# System packages, each only when missing (a second run costs well under a second):
#   libarchive13, unar      .zip/.rar/.7z attachments (libarchive-c; unar for solid RAR 4)
#   libreoffice-*-nogui     .doc/.wps/.et/old .xls converted to .docx/.xlsx
#   fonts-noto-cjk          Chinese glyphs for LibreOffice and rendered pages
#   poppler-utils           pdftoppm: rasterised PDFs for the OCR fixtures
#   libgl1, libglib2.0-0    OpenCV (OCR's ruled-table finder) loads them
#   chromium                the HTML report's headless browser test
need=()
have_lib() { ! command -v ldconfig >/dev/null || ldconfig -p | grep -q "$1"; }
have_lib 'libarchive\.so\.13' || need+=(libarchive13)
{ command -v unar >/dev/null && command -v lsar >/dev/null; } || need+=(unar)
command -v soffice >/dev/null || need+=(libreoffice-writer-nogui libreoffice-calc-nogui)
{ ! command -v fc-list >/dev/null || fc-list :lang=zh | grep -q .; } || need+=(fonts-noto-cjk)
command -v pdftoppm >/dev/null || need+=(poppler-utils)
have_lib 'libGL\.so\.1' || need+=(libgl1)
have_lib 'libgthread-2\.0\.so\.0' || need+=(libglib2.0-0)
command -v chromium >/dev/null || need+=(chromium)
if [ ${#need[@]} -gt 0 ]; then
  if [ "${GOVREPORTS_SKIP_SYSTEM:-}" = 1 ]; then
    echo "setup: GOVREPORTS_SKIP_SYSTEM=1: not installing ${need[*]}" >&2
  elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "setup: installing system packages: ${need[*]}"
    export DEBIAN_FRONTEND=noninteractive
    apt-get -o DPkg::Lock::Timeout=600 update -qq >/dev/null || true
    for pkg in "${need[@]}"; do
      apt-get -o DPkg::Lock::Timeout=600 install -y -qq --no-install-recommends "$pkg" >/dev/null 2>&1 \
        || { [ "$pkg" = libarchive13 ] && apt-get install -y -qq libarchive13t64 >/dev/null 2>&1; } \
        || echo "setup: WARNING: could not apt-get install $pkg" >&2
    done
  else
    echo "setup: not root or no apt-get: skipped ${need[*]}. Without them: archives are archive_unreadable," \
         ".doc/.wps/.et give converter_missing, and the tests needing LibreOffice, pdftoppm or chromium skip" >&2
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
