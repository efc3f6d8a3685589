"""Pages/s of the full pipeline vs plain pdfplumber `page.extract_tables()` on the same real PDFs.

Usage: python bench/pdf_throughput.py [--corpus DIR] [--limit N]
The last line is `ratio=X` (pipeline pages/s / baseline pages/s); >= 1.0 means the pipeline is not slower.
The line before gives the physical limit: pages/s of a pass that only loads each page's pdfium text page and
reads every character's box (no drawings, no layout), and the pipeline's share of it.
"""
from __future__ import annotations

import argparse
import io
import sys
import time
from pathlib import Path

import pdfplumber
import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_raw

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreports.pipeline import extract_bytes  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real"


def baseline(data: bytes) -> int:
    """Plain pdfplumber: extract_tables() on every page; returns the page count."""
    with pdfplumber.open(io.BytesIO(data)) as pdf:
        for page in pdf.pages:
            page.extract_tables()
            page.close()
        return len(pdf.pages)


def text_only(data: bytes) -> int:
    """pdfium's text only: every page's text page loaded and each character's code and box read; the page count."""
    pdf = pdfium.PdfDocument(data)
    try:
        rect = pdfium_raw.FS_RECTF()
        for i in range(len(pdf)):
            page = pdf[i]
            text = page.get_textpage()
            for k in range(pdfium_raw.FPDFText_CountChars(text.raw)):
                pdfium_raw.FPDFText_GetUnicode(text.raw, k)
                pdfium_raw.FPDFText_GetLooseCharBox(text.raw, k, rect)
            text.close()
            page.close()
        return len(pdf)
    finally:
        pdf.close()


def pipeline(data: bytes, name: str) -> int:
    """The whole pipeline (extract, interpret, validate); returns the page count."""
    return extract_bytes(data, name).document["page_count"] or 0


def main() -> int:
    """Run both over the corpus PDFs, alternating per file, and print the ratio."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--limit", type=int, default=0, help="only the first N PDFs (0 = all)")
    args = ap.parse_args()
    files = sorted(args.corpus.rglob("*.pdf"))
    if args.limit:
        files = files[: args.limit]
    if files:  # warm-up outside the timing: imports, jieba's dictionary, pdfminer's caches, for both sides
        data = files[0].read_bytes()
        baseline(data)
        pipeline(data, files[0].name)
        text_only(data)
    t_base = t_pipe = t_text = 0.0
    pages_base = pages_pipe = pages_text = 0
    for path in files:
        data = path.read_bytes()
        t0 = time.perf_counter()
        n_base = baseline(data)
        t1 = time.perf_counter()
        n_pipe = pipeline(data, path.name)
        t2 = time.perf_counter()
        n_text = text_only(data)
        t3 = time.perf_counter()
        t_base += t1 - t0
        t_pipe += t2 - t1
        t_text += t3 - t2
        pages_base += n_base
        pages_pipe += n_pipe
        pages_text += n_text
        print(f"{path.name[:40]:40s} pages={n_base:4d} baseline={n_base / (t1 - t0):7.1f} p/s "
              f"pipeline={n_pipe / (t2 - t1):7.1f} p/s")
    base_rate, pipe_rate, text_rate = pages_base / t_base, pages_pipe / t_pipe, pages_text / t_text
    print(f"files={len(files)} pages={pages_base} baseline={base_rate:.1f} p/s pipeline={pipe_rate:.1f} p/s")
    print(f"limit: pdfium text only={text_rate:.1f} p/s; the pipeline runs at {pipe_rate / text_rate:.1%} of it")
    print(f"ratio={pipe_rate / base_rate:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
