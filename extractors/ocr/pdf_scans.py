"""PDF bytes + text-layer size per page -> the OCR of the pages that need it, and the issues that say so."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Optional

from extractors.model import Document
from extractors.ocr.engine import OcrUnavailable, engine
from extractors.ocr.scan_page import FEW_CHARS, ScannedPage, needs_ocr, ocr_dpi, read_scanned_page
from extractors.pdf_text import Line
from govreports.errors import Issue


@dataclass
class ScanResult:
    """OCR'd pages by 1-based number, and document-level issues (no text layer, OCR failures)."""

    pages: dict[int, ScannedPage] = field(default_factory=dict)
    issues: list[Issue] = field(default_factory=list)


def ocr_scanned_pages(data: bytes, text_sizes: list[Optional[int]]) -> ScanResult:
    """OCR every page that has (almost) no text layer (None: the page failed to read; left alone); a text PDF
    returns at once without opening pdfium."""
    text_chars = [FEW_CHARS if n is None else n for n in text_sizes]
    if all(n >= FEW_CHARS for n in text_chars):
        return ScanResult()
    import pypdfium2

    from extractors.pdf_pdfium import LOCK

    with LOCK:  # pdfium is not thread-safe; the PDF reader takes the same lock
        try:
            pdf = pypdfium2.PdfDocument(data)
        except Exception as e:  # pdfium rejects some files pdfminer reads; their text layer is all there is
            return ScanResult(issues=[Issue(
                "extract", "warning", "ocr_page_failed",
                f"pages without text could not be rendered for OCR ({type(e).__name__}: {e})")])
        try:
            todo = [n for n, chars in enumerate(text_chars, start=1) if needs_ocr(pdf[n - 1], chars)]
            return read_pages(pdf, todo, text_chars) if todo else ScanResult()
        finally:
            pdf.close()


def read_pages(pdf: Any, todo: list[int], text_chars: list[int]) -> ScanResult:
    """OCR the pages in todo (each failure an issue), then report the pages still without text."""
    result = ScanResult()
    try:
        engine()
    except OcrUnavailable as e:
        result.issues.append(no_text_issue(todo, f"OCR is unavailable: {e}", whole=not any(text_chars)))
        return result
    dpi = ocr_dpi()
    for n in todo:
        try:
            result.pages[n] = read_scanned_page(pdf[n - 1], n, dpi)
        except Exception as e:  # one unreadable scan must not lose the rest of the document
            result.issues.append(Issue("extract", "error", "ocr_page_failed",
                                       f"page {n}: OCR failed ({type(e).__name__}: {e})", page=n))
    blank = [n for n in todo if n not in result.pages or result.pages[n].empty()]
    read = [n for n in todo if n not in blank]
    for n in read:
        p = result.pages[n]
        result.issues.append(Issue("extract", "warning", "ocr_text",
                                   f"page {n} has no text layer: its text was read by OCR "
                                   f"(mean confidence {p.confidence:.2f})", page=n))
        result.issues.extend(p.issues)
    if blank:
        whole = not read and not any(c for k, c in enumerate(text_chars, start=1) if k not in todo)
        result.issues.append(no_text_issue(blank, "OCR found no text on them", whole))
    return result


def merge_lines(text_layer: list[Line], ocr: list[Line]) -> list[Line]:
    """A scanned page's few text-layer lines plus the OCR'd lines that do not overlap them, top down."""
    def overlaps(a: Line, b: Line) -> bool:
        return a.x0 < b.x1 and b.x0 < a.x1 and a.top < b.bottom and b.top < a.bottom
    kept = [x for x in ocr if not any(overlaps(x, t) for t in text_layer)]
    return sorted([*text_layer, *kept], key=lambda x: (x.top, x.x0))


def no_text_issue(pages: list[int], why: str, whole: bool) -> Issue:
    """The no_text_layer issue: an error when the document has no text at all, else a warning."""
    listed = ", ".join(map(str, pages[:20])) + (" ..." if len(pages) > 20 else "")
    return Issue("extract", "error" if whole else "warning", "no_text_layer",
                 f"{len(pages)} page(s) have no text layer ({listed}); {why}", page=pages[0] if len(pages) == 1 else None)


def mark_ocr(doc: Document, pages: dict[int, ScannedPage]) -> Document:
    """Flag every paragraph and cell read from an OCR'd page with `ocr` and that page's mean confidence."""
    if not pages:
        return doc
    for block in doc.blocks:
        for item in getattr(block, "cells", [block]):
            if item.page in pages:
                item.ocr = True
                item.ocr_confidence = round(pages[item.page].confidence, 4)
    scores = [p.confidence for p in pages.values()]
    doc.metadata["ocr_pages"] = ",".join(map(str, sorted(pages)))
    doc.metadata["ocr_confidence"] = f"{sum(scores) / len(scores):.4f}"
    return doc
