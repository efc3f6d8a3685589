"""A scanned PDF page (pypdfium2) -> OCR'd prose lines and ruled tables in PDF points, like a text page's."""
from __future__ import annotations

import os
import re
from dataclasses import dataclass, field
from typing import Any

from extractors.model import Table
from extractors.ocr.engine import OcrLine, recognise
from extractors.ocr.rulings import erase_rulings, mask_to_tables, ruling_mask
from extractors.pdf_tables import Flow, inside, raw_table_to_table
from extractors.pdf_text import Char, Line, chars_to_lines
from govreports.errors import Issue

DPI_ENV = "GOVREPORTS_OCR_DPI"
DEFAULT_DPI = 150.0
MIN_GLYPH_PATHS = 200  # paths on a text-less page that can be glyph outlines (a page of text has hundreds)
FEW_CHARS = 40  # a page with fewer text-layer characters than this over a page-sized image is a scan
IMAGE_COVER = 0.8  # share of the page an image must cover to count as a scan (a cover's picture is smaller)
WORD_GAP = 0.6  # a gap between two glyphs of an OCR line wider than this many line heights is a space
LOW_CONFIDENCE = 0.8  # an OCR'd number whose weakest digit scores below this gets a warning
_NUMBER = re.compile(r"\d[\d,.，]*")


@dataclass
class ScannedPage:
    """What OCR read on one page: prose lines, tables (with their flow marks), mean confidence and issues."""

    number: int
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    flow: Flow = field(default_factory=dict)
    confidence: float = 0.0
    issues: list[Issue] = field(default_factory=list)

    def empty(self) -> bool:
        """True when OCR found no text on the page."""
        return not self.lines and not any(c.text for t in self.tables for c in t.cells)


def ocr_dpi() -> float:
    """Resolution scanned pages are rendered at (GOVREPORTS_OCR_DPI, default 150)."""
    try:
        return float(os.environ.get(DPI_ENV, DEFAULT_DPI))
    except ValueError:
        return DEFAULT_DPI


def needs_ocr(page: Any, text_chars: int) -> bool:
    """True for a page with no text layer but something drawn, or only a few characters over a page-sized image."""
    import pypdfium2.raw as pdfium_c

    if text_chars >= FEW_CHARS:
        return False
    width, height = page.get_size()
    images = list(page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_IMAGE,), max_depth=4))
    cover = max((box_area(img.get_bounds()) for img in images), default=0.0) / max(width * height, 1.0)
    if cover >= IMAGE_COVER:
        return True
    if text_chars:
        return False
    if images:
        return True
    # text drawn as outlines needs OCR, but an empty table frame or a rule (tens of paths) has nothing to read
    return sum(1 for _ in page.get_objects(filter=(pdfium_c.FPDF_PAGEOBJ_PATH,), max_depth=4)) >= MIN_GLYPH_PATHS


def box_area(bounds: tuple[float, float, float, float]) -> float:
    """Area of a (left, bottom, right, top) box."""
    return max(bounds[2] - bounds[0], 0.0) * max(bounds[3] - bounds[1], 0.0)


def render_gray(page: Any, dpi: float) -> Any:
    """The page as a 2-D uint8 grayscale image at dpi."""
    bitmap = page.render(scale=dpi / 72.0, grayscale=True)
    image = bitmap.to_numpy()
    return image.reshape(image.shape[0], image.shape[1]).copy()


def read_scanned_page(page: Any, number: int, dpi: float) -> ScannedPage:
    """Render, find rulings, OCR the ruling-free image, and build tables and prose lines from the glyphs."""
    gray = render_gray(page, dpi)
    mask = ruling_mask(gray, dpi)
    tables = mask_to_tables(mask, dpi)
    lines = recognise(erase_rulings(gray, mask, tables))
    scale = 72.0 / dpi
    out = ScannedPage(number, confidence=mean_confidence(lines), issues=low_confidence_issues(lines, number))
    free = lines_to_chars(lines, scale)
    for cells in tables:
        boxes = [(c[0] * scale, c[1] * scale, c[2] * scale, c[3] * scale) for c in cells]
        table, orphans, flow = raw_table_to_table(boxes, free, number)
        box = table.bbox or (0.0, 0.0, 0.0, 0.0)
        free = [c for c in free if not inside(c, box)] + orphans
        out.tables.append(table)
        out.flow.update(flow)
    out.lines = chars_to_lines(free, number)
    return out


def lines_to_chars(lines: list[OcrLine], scale: float) -> list[Char]:
    """OCR glyphs as text-layer chars in PDF points; a glyph's size is its line's height (CJK glyphs are square)."""
    chars: list[Char] = []
    for line in lines:
        top, bottom = line.box[1] * scale, line.box[3] * scale
        glyphs = [g for g in line.glyphs if g.text.strip()]
        for k, g in enumerate(glyphs):
            x1 = g.box[2]
            if k + 1 < len(glyphs) and glyphs[k + 1].box[0] - x1 < WORD_GAP * (line.box[3] - line.box[1]):
                x1 = max(x1, glyphs[k + 1].box[0])  # glyph boxes leave slivers between letters: not spaces
            chars.append({"text": g.text, "x0": g.box[0] * scale, "x1": x1 * scale, "top": top,
                          "bottom": bottom, "size": bottom - top, "upright": True})
    return chars


def mean_confidence(lines: list[OcrLine]) -> float:
    """Mean glyph score over the page (0 when nothing was read)."""
    scores = [g.score for line in lines for g in line.glyphs]
    return sum(scores) / len(scores) if scores else 0.0


def low_confidence_issues(lines: list[OcrLine], number: int) -> list[Issue]:
    """A warning for each OCR'd number whose weakest glyph scores below LOW_CONFIDENCE."""
    out = []
    for line in lines:
        for m in _NUMBER.finditer(line.text):
            scores = [g.score for g in line.glyphs[m.start():m.end()]] if len(line.glyphs) == len(line.text) else [
                line.score]
            worst = min(scores, default=line.score)
            if worst < LOW_CONFIDENCE:
                out.append(Issue("extract", "warning", "ocr_low_confidence",
                                 f"page {number}: OCR read {m.group()!r} with confidence {worst:.2f}; check it "
                                 f"against the scan", page=number, raw=line.text))
    return out
