#!/usr/bin/env bash
# Create .venv (if missing) and install the locked dependency set plus this project, editable.
set -euo pipefail
cd "$(dirname "$0")/.."
PY=${PYTHON:-python3}

# System tools: LibreOffice converts .doc/.wps/.et/old .xls, poppler-utils rasterises PDFs for the OCR fixtures,
# Noto CJK fonts render Chinese, libGL/glib let OpenCV load. Installed only when missing (fast when present).
SYS_PKGS="libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk poppler-utils libgl1 libglib2.0-0"
have_system_tools() {
  command -v soffice >/dev/null && command -v pdftoppm >/dev/null \
    && { ! command -v fc-list >/dev/null || fc-list :lang=zh | grep -q .; } \
    && { ! command -v ldconfig >/dev/null || ldconfig -p | grep -q "libGL.so.1"; }
}
if [ "${GOVREPORTS_SKIP_SYSTEM:-}" = 1 ]; then
  echo "setup: GOVREPORTS_SKIP_SYSTEM=1: not installing system packages ($SYS_PKGS)"
elif have_system_tools; then
  :
elif [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
  echo "setup: installing system packages: $SYS_PKGS"
  export DEBIAN_FRONTEND=noninteractive
  if ! { apt-get -o DPkg::Lock::Timeout=600 update -q >/dev/null \
         && apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends $SYS_PKGS >/dev/null; }; then
    echo "setup: WARNING: apt-get could not install $SYS_PKGS; .doc/.wps conversion and its tests are skipped" >&2
  fi
else
  echo "setup: not root or no apt-get: skipping system packages ($SYS_PKGS);" \
       ".doc/.wps/.et conversion reports converter_missing and its tests are skipped until LibreOffice is installed" >&2
fi

if [ ! -x .venv/bin/python ]; then
  "$PY" -m venv .venv
fi
if ! cmp -s requirements.lock .venv/.installed-lock 2>/dev/null; then
  .venv/bin/python -m pip install -q --disable-pip-version-check -r requirements.lock
  .venv/bin/python -m pip install -q --disable-pip-version-check --no-deps -e . --config-settings editable_mode=compat
  cp requirements.lock .venv/.installed-lock
fi
