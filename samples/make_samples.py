"""Regenerate data/samples/{docx,pdf,html} from the seed specs (only when run with --write)."""
from __future__ import annotations

import argparse
import importlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from samples.builder import blocks_to_html_body, write_docx

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SEED_MODULES = ["seed_000", "seed_001", "seed_002", "seed_003", "seed_004"]


def docx_to_pdf(docx: Path, out_dir: Path) -> Path:
    """Convert one .docx to PDF with LibreOffice headless; returns the PDF path."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise SystemExit("LibreOffice is needed: apt-get install libreoffice-writer-nogui fonts-noto-cjk")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run([soffice, f"-env:UserInstallation=file://{profile}", "--headless",
                        "--convert-to", "pdf", "--outdir", str(out_dir), str(docx)],
                       check=True, capture_output=True, timeout=300)
    return out_dir / (docx.stem + ".pdf")


def build(name: str) -> list[Path]:
    """Write the docx, pdf (and html where the seed has a portal page) of one seed module."""
    mod = importlib.import_module(f"samples.{name}")
    stem: str = mod.STEM
    docx = SAMPLES / "docx" / f"{stem}.docx"
    write_docx(mod.BLOCKS, docx)
    written = [docx, docx_to_pdf(docx, SAMPLES / "pdf")]
    if hasattr(mod, "html_page"):
        html = SAMPLES / "html" / f"{stem}.html"
        html.parent.mkdir(parents=True, exist_ok=True)
        html.write_bytes(mod.html_page(blocks_to_html_body(mod.BLOCKS)))
        written.append(html)
    return written


def main(argv: list[str] | None = None) -> int:
    """Command line: --write regenerates the chosen seeds (default all)."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--write", action="store_true", help="really overwrite data/samples")
    ap.add_argument("seeds", nargs="*", default=SEED_MODULES)
    args = ap.parse_args(argv)
    if not args.write:
        print("nothing written: pass --write to regenerate data/samples", file=sys.stderr)
        return 2
    for name in args.seeds:
        for path in build(name):
            print(path.relative_to(ROOT))
    return 0


if __name__ == "__main__":
    sys.exit(main())
