"""Builders of legacy-format and scanned fixtures from the bundled samples (LibreOffice, pdftoppm, img2pdf)."""
from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from extractors.convert import find_soffice

NO_SOFFICE = ("LibreOffice (soffice) is not installed: run scripts/setup.sh as root with apt-get, or "
              "apt-get install libreoffice-writer-nogui libreoffice-calc-nogui fonts-noto-cjk")


def soffice_or_skip() -> str:
    """The soffice binary, or skip the test saying how to install it (CI installs it, so there it runs)."""
    soffice = find_soffice()
    if soffice is None:
        pytest.skip(NO_SOFFICE)
    return soffice


def tool_or_skip(name: str) -> str:
    """A command-line tool's path, or skip naming the package that provides it."""
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (apt-get install poppler-utils; scripts/setup.sh does it as root)")
    return path


def soffice_convert(soffice: str, files: list[Path], target: str, out: Path, profile: Path) -> list[Path]:
    """Convert files with one soffice run to target (e.g. 'doc', 'xls', 'pdf'); the converted paths, in order."""
    out.mkdir(parents=True, exist_ok=True)
    subprocess.run([soffice, "--headless", "--norestore", f"-env:UserInstallation={profile.as_uri()}",
                    "--convert-to", target, "--outdir", str(out), *map(str, files)],
                   check=True, capture_output=True, timeout=300)
    made = [out / f"{f.stem}.{target.split(':')[0]}" for f in files]
    assert all(p.is_file() for p in made), made
    return made


def rename_ole_entry(data: bytes, old: str, new: str) -> bytes:
    """An OLE2 file with directory entry old renamed new (same sort position), e.g. to add WPS's marker stream."""
    assert len(new) <= 31
    needle = old.encode("utf-16-le") + b"\x00\x00"
    at = next(i for i in range(512, len(data), 128) if data[i:i + len(needle)] == needle)
    name = (new.encode("utf-16-le") + b"\x00\x00").ljust(64, b"\x00")
    length = (len(new) + 1) * 2
    return data[:at] + name + length.to_bytes(2, "little") + data[at + 66:]


def rasterise(pdf: Path, out: Path, dpi: int = 150, pages: tuple[int, int] | None = None,
              stem: str = "") -> Path:
    """An image-only PDF of pdf (or of its pages first..last): grayscale JPEG pages at dpi (pdftoppm), one image a
    page (img2pdf)."""
    import img2pdf

    pdftoppm = tool_or_skip("pdftoppm")
    stem = stem or pdf.stem
    folder = out / f"{stem}-pages"
    folder.mkdir(parents=True, exist_ok=True)
    span = ["-f", str(pages[0]), "-l", str(pages[1])] if pages else []
    subprocess.run([pdftoppm, "-r", str(dpi), "-gray", "-jpeg", *span, str(pdf), str(folder / "p")], check=True,
                   timeout=300)
    scan = out / f"{stem}.scan.pdf"
    scan.write_bytes(img2pdf.convert(sorted(str(p) for p in folder.glob("p-*.jpg"))))
    return scan
