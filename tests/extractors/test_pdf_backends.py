"""pdfium vs pdfminer readings of the same PDFs: equal cell grids on the real corpus tables, backend choice and
fallback, bad input, and no pdfium handles or memory left behind over a batch."""
from __future__ import annotations

import gc
import os
import resource
from pathlib import Path

import pytest

from extractors import pdf_extractor, pdf_pdfium
from extractors.pdf_extractor import Reading, extract, fallback_reason, is_better, read_page
from extractors.pdf_readers import PDFIUM, PDFMINER, open_reader
from govreports.errors import BadInput

ROOT = Path(__file__).resolve().parents[2]
REAL = ROOT.parent / "shared" / "corpus" / "real"
SAMPLES = ROOT / "data" / "samples" / "pdf"
PAGE_STEP = int(os.environ.get("PDF_BACKEND_PAGE_STEP", "4"))  # every 4th page keeps it to seconds; 1 = all pages


def corpus_pdfs() -> list[Path]:
    """The real corpus's PDFs (empty when ../shared is absent)."""
    return sorted(REAL.rglob("*.pdf")) if REAL.is_dir() else []


def grids(data: bytes, name: str, backend: str, pages: range) -> dict[int, list[list[list[str]]]]:
    """Per page number, the text grids of the page's ruled data tables (2+ rows and columns) as one backend reads
    them, whitespace removed (pdfium drops some space glyphs in its text page: '2. 政府' reads '2.政府'; and it
    generates its own spaces, which are left out, so none are added). One-column frames are left out: pdfminer reports a pattern fill as the pattern's name, which is_ruling
    counts as ink, while pdfium reports the colour it falls back to (white), so a cover's pattern-filled title
    frame is a 2x1 'table' only for pdfminer."""
    reader = open_reader(data, name, backend)
    try:
        return {i + 1: [squashed(t.text_grid()) for t in read_page(reader.page(i), i + 1).tables
                        if t.n_rows > 1 and t.n_cols > 1] for i in pages if i < reader.page_count}
    finally:
        reader.close()


def squashed(grid: list[list[str]]) -> list[list[str]]:
    """A text grid with all whitespace removed from every cell."""
    return [["".join(text.split()) for text in row] for row in grid]


@pytest.mark.parametrize("path", corpus_pdfs(), ids=lambda p: p.name[:30])
def test_both_backends_give_the_same_cell_grids_on_corpus_tables(path: Path) -> None:
    data = path.read_bytes()
    reader = open_reader(data, path.name, PDFIUM)
    n = reader.page_count
    reader.close()
    pages = range(0, n, PAGE_STEP)
    mine, theirs = grids(data, path.name, PDFIUM, pages), grids(data, path.name, PDFMINER, pages)
    assert mine == theirs


def test_corpus_is_present_or_the_comparison_skips() -> None:
    if not REAL.is_dir():
        pytest.skip("../shared/corpus/real is absent")
    assert corpus_pdfs(), "the corpus folder holds no PDF"


def sample(name: str) -> bytes:
    """A sample PDF's bytes (skip when absent)."""
    path = SAMPLES / name
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return path.read_bytes()


def test_pdfium_reads_by_default_and_says_so() -> None:
    doc = extract(sample("004_9afd7b26ca454508.pdf"), "004.pdf")
    assert doc.reader == PDFIUM
    assert not any(i.code == "pdf_read_by_pdfminer" for i in doc.issues)


def test_a_garbled_pdfium_reading_falls_back_to_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    real = pdf_extractor.read_page

    def garbled(page, number):  # type: ignore[no-untyped-def]
        parts = real(page, number)
        parts.garbled = parts.glyphs  # as if pdfium had mapped no glyph of the page to Unicode
        return parts

    original = pdf_extractor.read_pdf

    def read(data: bytes, name: str, backend: str) -> Reading:
        if backend == PDFIUM:
            monkeypatch.setattr(pdf_extractor, "read_page", garbled)
        else:
            monkeypatch.setattr(pdf_extractor, "read_page", real)
        return original(data, name, backend)

    monkeypatch.setattr(pdf_extractor, "read_pdf", read)
    doc = extract(sample("004_9afd7b26ca454508.pdf"), "004.pdf")
    assert doc.reader == PDFMINER
    (note,) = [i for i in doc.issues if i.code == "pdf_read_by_pdfminer"]
    assert note.severity == "warning" and "unmapped" in note.message


def test_fallback_rules() -> None:
    def reading(glyphs: int, garbled: int) -> Reading:
        part = pdf_extractor.PageParts(pdf_extractor.PageBox(1, 100.0, 100.0), glyphs=glyphs, garbled=garbled)
        return Reading([part], {}, PDFIUM)

    assert fallback_reason(reading(1000, 0)) == ""
    assert fallback_reason(reading(1000, 5)) == ""
    assert "unmapped" in fallback_reason(reading(1000, 300))
    assert fallback_reason(reading(0, 0)) == "pdfium found no text"
    assert is_better(reading(1000, 10), reading(1000, 300))
    assert not is_better(reading(1000, 200), reading(1000, 300))  # not clearly better
    assert is_better(reading(10, 0), reading(0, 0)) and not is_better(reading(0, 0), reading(0, 0))


def open_fds() -> int:
    """File descriptors open in this process."""
    return len(list(Path("/proc/self/fd").iterdir()))


def read_first_page(data: bytes, name: str) -> int:
    """Open the PDF with pdfium, read its first page's objects (page and text page), close it; the glyphs read."""
    reader = open_reader(data, name, PDFIUM)
    try:
        return len(reader.page(0).chars)
    finally:
        reader.close()


def test_no_pdfium_handles_or_memory_left_over_a_200_file_batch() -> None:
    data = sample("004_9afd7b26ca454508.pdf")
    read_first_page(data, "warm.pdf")
    gc.collect()
    fds, rss = open_fds(), resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    assert all(read_first_page(data, f"{k}.pdf") > 0 for k in range(200))
    gc.collect()
    assert open_fds() <= fds
    assert pdf_pdfium.LOCK.acquire(blocking=False)  # every reader released pdfium's lock
    pdf_pdfium.LOCK.release()
    grown_kib = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - rss
    assert grown_kib < 64 * 1024, f"peak RSS grew by {grown_kib} KiB over 200 files"


def test_an_encrypted_or_corrupt_pdf_is_bad_input_on_both_backends() -> None:
    data = sample("003_990a092f0fb6bf8b.pdf")
    for backend in (PDFIUM, PDFMINER):
        with pytest.raises(BadInput) as err:
            open_reader(b"%PDF-1.4\n", "x.pdf", backend)
        assert err.value.code == "corrupt_pdf"
    with pytest.raises(BadInput) as err:
        extract(data[: len(data) // 2], "truncated.pdf")
    assert err.value.code == "corrupt_pdf"



def test_a_file_pdfium_cannot_open_is_read_by_pdfminer(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(data: bytes) -> None:
        raise pdf_pdfium.UnreadableError("pdfium: unknown format")

    monkeypatch.setattr(pdf_pdfium, "open_document", refuse)
    doc = extract(sample("004_9afd7b26ca454508.pdf"), "004.pdf")
    assert doc.reader == PDFMINER and doc.page_count == 4
    assert [i.code for i in doc.issues if i.code == "pdf_read_by_pdfminer"] == ["pdf_read_by_pdfminer"]
    assert pdf_pdfium.LOCK.acquire(blocking=False)  # the failed open released pdfium's lock
    pdf_pdfium.LOCK.release()
