"""OCR pages/s and peak RSS of the scanned-PDF pipeline vs plain RapidOCR on the same rendered pages.

Usage: python bench/ocr_scans.py [--scans DIR] [--only 003]
Without --scans, seeds 000 and 003 of data/samples/pdf are rasterised first (150 dpi grayscale JPEG pages,
pdftoppm + img2pdf), as in the tests. Each side runs in its own process so its peak RSS is its own:
baseline = render every page (pypdfium2, 150 dpi) and run RapidOCR with its default settings;
pipeline = govreports' PDF extractor (needs-OCR check, render, rulings, OCR, tables, paragraphs).
The last line is `ratio=X` (pipeline pages/s / baseline pages/s); >= 1.0 means the pipeline is not slower.
"""
from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SEEDS = ("000_b6cc7c43e2eeb60f", "003_990a092f0fb6bf8b")


def make_scans(out: Path, only: str) -> list[Path]:
    """Image-only PDFs of the seed samples (pdftoppm -r 150 -gray -jpeg, then img2pdf)."""
    import img2pdf

    scans = []
    for stem in (s for s in SEEDS if only in s):
        pages = out / stem
        pages.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-r", "150", "-gray", "-jpeg", str(ROOT / "data" / "samples" / "pdf" / f"{stem}.pdf"),
                        str(pages / "p")], check=True)
        scan = out / f"{stem}.scan.pdf"
        scan.write_bytes(img2pdf.convert(sorted(str(p) for p in pages.glob("p-*.jpg"))))
        scans.append(scan)
    return scans


def run_baseline(files: list[Path]) -> int:
    """Plain RapidOCR (default settings) on every page rendered at 150 dpi; returns pages read."""
    import pypdfium2
    from rapidocr_onnxruntime import RapidOCR

    ocr = RapidOCR()
    pages = 0
    for path in files:
        pdf = pypdfium2.PdfDocument(path.read_bytes())
        for page in pdf:
            ocr(page.render(scale=150 / 72).to_numpy()[:, :, :3])
            pages += 1
        pdf.close()
    return pages


def run_pipeline(files: list[Path]) -> int:
    """The extractor on each scan; returns pages OCR'd."""
    from extractors.pdf_extractor import extract

    pages = 0
    for path in files:
        doc = extract(path.read_bytes(), path.name)
        pages += len(doc.metadata.get("ocr_pages", "").split(",")) if doc.metadata.get("ocr_pages") else 0
    return pages


def side(name: str, files: list[Path]) -> None:
    """Run one side in this process and print its JSON line (pages, seconds, CPU seconds, peak RSS)."""
    t0, c0 = time.perf_counter(), time.process_time()
    pages = run_baseline(files) if name == "baseline" else run_pipeline(files)
    seconds, cpu = time.perf_counter() - t0, time.process_time() - c0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"side": name, "pages": pages, "seconds": seconds, "cpu_seconds": cpu, "peak_rss_mb": peak}))


def main() -> int:
    """Rasterise (unless --scans), run both sides in child processes, print them side by side and the ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scans", type=Path, default=None, help="folder of image-only PDFs (default: rasterise seeds)")
    ap.add_argument("--only", default="", help="substring of the seed stems to keep, e.g. 003")
    ap.add_argument("--side", choices=["baseline", "pipeline"], help=argparse.SUPPRESS)
    ap.add_argument("files", nargs="*", type=Path, help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.side:
        side(args.side, args.files)
        return 0
    files = sorted(args.scans.glob("*.pdf")) if args.scans else make_scans(Path(tempfile.mkdtemp()), args.only)
    results = {}
    for name in ("baseline", "pipeline"):
        proc = subprocess.run([sys.executable, __file__, "--side", name, *map(str, files)], capture_output=True,
                              text=True, check=True)
        results[name] = json.loads(proc.stdout.strip().splitlines()[-1])
        r = results[name]
        print(f"{name:8s} pages={r['pages']:3d} {r['pages'] / r['seconds']:.3f} pages/s "
              f"(cpu {r['cpu_seconds'] / max(r['pages'], 1):.1f} s/page) peak_rss={r['peak_rss_mb']:.0f} MB")
    base, pipe = results["baseline"], results["pipeline"]
    print(f"rss_ratio={pipe['peak_rss_mb'] / base['peak_rss_mb']:.3f}")
    print(f"ratio={(pipe['pages'] / pipe['seconds']) / (base['pages'] / base['seconds']):.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
