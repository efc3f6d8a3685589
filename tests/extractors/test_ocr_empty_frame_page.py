"""Bug: a text-less page holding only an empty table frame (tens of ruling paths) was rendered and OCR'd for
nothing (2 s a page) and reported as `no_text_layer`; the real corpus has three such pages."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.ocr.scan_page import needs_ocr
from govreports.pipeline import extract_path

FRAME_PAGE = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real" / "shanghai-putuo" / \
    "上海市普陀区财政局2024年度部门决算.pdf"


@pytest.fixture
def frame_pdf() -> Path:
    if not FRAME_PAGE.exists():
        pytest.skip("../shared/corpus/real is not next to this checkout")
    return FRAME_PAGE


def test_an_empty_frame_page_is_not_a_scan(frame_pdf: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument(frame_pdf.read_bytes())
    try:
        page = pdf[13]  # page 14: 22 ruling paths, no text, no image
        assert page.get_textpage().count_chars() == 0
        assert not needs_ocr(page, 0)
    finally:
        pdf.close()


def test_a_document_with_an_empty_frame_page_has_no_no_text_layer_issue(frame_pdf: Path) -> None:
    ex = extract_path(frame_pdf)
    codes = {row["code"] for row in ex.records["extraction_issues"]}
    assert "no_text_layer" not in codes and "ocr_text" not in codes
    assert ex.document["status"] == "ok"
