"""PDF bytes -> Document: pages -> lines and ruled tables -> paragraphs, joined tables and captions (pdfium, pdfminer)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Any, Optional, Union

from extractors.model import Block, Document, Table
from extractors.ocr.pdf_scans import mark_ocr, merge_lines, ocr_scanned_pages
from extractors.pdf_join import join_continued_tables, mend_tables, number_tables
from extractors.pdf_layout import PageBox, PageStats, body_size, drop_running_lines, lines_to_paragraphs, page_stats
from extractors.pdf_page import PageObjects
from extractors.pdf_readers import PDFIUM, PDFMINER, Reader, open_reader
from extractors.pdf_tables import Flow, inside, page_to_raw_tables, raw_table_to_table
from extractors.pdf_text import Char, Line, chars_to_lines, cid_count, garbled_count, is_cjk_edge, join_cjk
from govreports.errors import BadInput, Issue


@dataclass
class PageParts:
    """What one page yields: its box, prose lines (top to bottom), tables, issues and glyph counts."""

    box: PageBox
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    flow: Flow = field(default_factory=dict)
    glyphs: int = 0  # non-blank glyphs read
    garbled: int = 0  # of them, unmapped: (cid:N), private-use, U+FFFD or control codes


@dataclass
class Reading:
    """One backend's reading of a whole PDF: its pages' parts, the info dictionary and the backend's name."""

    parts: list[PageParts]
    info: dict[str, Any]
    backend: str

    def glyphs(self) -> int:
        """Non-blank glyphs over all pages."""
        return sum(p.glyphs for p in self.parts)

    def garbled(self) -> int:
        """Unmapped glyphs over all pages."""
        return sum(p.garbled for p in self.parts)


GARBLED_SHARE = 0.01  # pdfium's text is doubted when more than this share of glyphs are unmapped


def extract(data: bytes, name: str) -> Document:
    """Read a PDF's bytes into the shared Document model (BadInput when it is encrypted or not a readable PDF).

    pdfium reads it; pdfminer reads it when pdfium cannot open it, or again when pdfium's text is empty or
    garbled, and then wins if its text is clearly better (the choice and why is a pdf_read_by_pdfminer warning)."""
    notes: list[Issue] = []
    try:
        reading = read_pdf(data, name, PDFIUM)
    except BadInput as e:
        if e.code == "encrypted_pdf":
            raise
        reading = read_pdf(data, name, PDFMINER)  # its own BadInput when it cannot open the file either
        notes.append(Issue("extract", "warning", "pdf_read_by_pdfminer",
                           f"{name}: read with pdfminer, pdfium could not open it ({e})"))
    why = fallback_reason(reading) if reading.backend == PDFIUM else ""
    if why:
        other = read_pdf_or_none(data, name, PDFMINER)
        if other is not None and is_better(other, reading):
            notes.append(Issue("extract", "warning", "pdf_read_by_pdfminer",
                               f"{name}: read with pdfminer instead of pdfium ({why}; pdfminer: {other.glyphs()} glyphs,"
                               f" {other.garbled()} unmapped)"))
            reading = other
    parts = reading.parts
    if parts and all(any(i.code == "pdf_page_failed" for i in p.issues) for p in parts):
        raise BadInput(f"{name}: no page of the PDF could be read", code="corrupt_pdf")
    scans = ocr_scanned_pages(data, [text_size(p) for p in parts])  # pages with no text layer, OCR'd
    for n, scan in scans.pages.items():
        old = parts[n - 1]
        parts[n - 1] = replace(old, lines=merge_lines(old.lines, scan.lines), tables=old.tables + scan.tables,
                               flow={**old.flow, **scan.flow})
    doc = parts_to_document(parts, reading.info)
    doc.issues[:0] = notes
    doc.issues.extend(scans.issues)
    doc.reader = reading.backend
    return mark_ocr(doc, scans.pages)


def text_size(parts: PageParts) -> Optional[int]:
    """Characters a page's text layer gave (prose and table cells); None for a page that could not be read."""
    if any(i.code == "pdf_page_failed" for i in parts.issues):
        return None
    return sum(len(x.text) for x in parts.lines) + sum(len(c.text) for t in parts.tables for c in t.cells)


def read_pdf(data: bytes, name: str, backend: str) -> Reading:
    """Every page of the PDF read through one backend (BadInput when it cannot be opened)."""
    reader = open_reader(data, name, backend)
    try:
        parts = [read_page_safely(reader, i) for i in range(reader.page_count)]
        info = reader.info()
    finally:
        reader.close()
    return Reading(parts, info, backend)


def read_pdf_or_none(data: bytes, name: str, backend: str) -> Optional[Reading]:
    """read_pdf, or None when this backend cannot open the file at all."""
    try:
        return read_pdf(data, name, backend)
    except BadInput:
        return None


def fallback_reason(reading: Reading) -> str:
    """Why pdfium's reading should be checked against pdfminer's ('' when it looks fine)."""
    glyphs, garbled = reading.glyphs(), reading.garbled()
    if not glyphs:
        return "pdfium found no text"
    if garbled > GARBLED_SHARE * glyphs:
        return f"pdfium: {garbled} of {glyphs} glyphs unmapped"
    return ""


def is_better(other: Reading, reading: Reading) -> bool:
    """True when other's text is clearly better: some text where there was none, or under half the unmapped share."""
    if not reading.glyphs():
        return other.glyphs() > 0
    if not other.glyphs():
        return False
    return other.garbled() / other.glyphs() < 0.5 * reading.garbled() / reading.glyphs()


def read_page_safely(reader: Reader, index: int) -> PageParts:
    """The reader's page index read and laid out, with a failure turned into a pdf_page_failed issue."""
    number = index + 1
    try:
        return read_page(reader.page(index), number)
    except Exception as e:
        try:
            width, height = reader.page_size(index)
        except Exception:
            width = height = 0.0
        return PageParts(PageBox(number, width, height), issues=[Issue(
            "extract", "error", "pdf_page_failed", f"page {number} could not be read: {type(e).__name__}: {e}",
            page=number)])


def read_page(page: PageObjects, number: int) -> PageParts:
    """One page's objects -> its tables (spanned cells) and the prose lines outside them, plus glyph issues."""
    parts = PageParts(PageBox(number, page.width, page.height))
    free = page.chars
    for cells in page_to_raw_tables(page.width, page.height, page.drawn):
        table, orphans, flow = raw_table_to_table(cells, free, number)
        parts.flow.update(flow)
        box = table.bbox or (0.0, 0.0, 0.0, 0.0)
        free = [c for c in free if not inside(c, box)] + orphans
        parts.tables.append(table)
    parts.lines = chars_to_lines(free, number)
    parts.issues.extend(glyph_issues(page.chars, number, page.unmapped))
    parts.glyphs = sum(1 for c in page.chars if not c["text"].isspace())
    parts.garbled = max(garbled_count(page.chars), page.unmapped)
    return parts


def glyph_issues(chars: list[Char], number: int, unmapped: int = 0) -> list[Issue]:
    """Warnings for unmapped glyphs ((cid:N), private-use codes, or those the reader flagged) and for sideways text."""
    out = []
    n = max(cid_count(chars), garbled_count(chars), unmapped)
    if n:
        out.append(Issue("extract", "warning", "pdf_cid_glyphs",
                         f"page {number}: {n} glyphs have no Unicode mapping (came out as (cid:N) or private-use codes)",
                         page=number))
    sideways = sum(1 for c in chars if not c["upright"])
    if sideways:
        out.append(Issue("extract", "warning", "pdf_sideways_text",
                         f"page {number}: {sideways} rotated glyphs were left out of the text", page=number))
    return out


def parts_to_document(parts: list[PageParts], info: dict[str, Any]) -> Document:
    """Page parts -> Document: running lines dropped, paragraphs built, continued tables joined, captions set."""
    boxes = [p.box for p in parts]
    pages = drop_running_lines([p.lines for p in parts], boxes)
    lines = [x for page in pages for x in page]
    size = body_size(lines)
    stats = page_stats(pages, boxes)
    stream: list[Union[Line, Table]] = []
    for page_lines, p in zip(pages, parts):
        stream.extend(sorted([*page_lines, *p.tables], key=top_of))
    flow: Flow = {k: v for p in parts for k, v in p.flow.items()}
    blocks = stream_to_blocks(stream, size, stats)
    blocks = number_tables(mend_tables(join_continued_tables(blocks, flow, content_bottoms(parts))))
    return Document("pdf", blocks, page_count=len(parts), metadata=metadata(info, pages, size),
                    issues=[i for p in parts for i in p.issues])


def content_bottoms(parts: list[PageParts]) -> dict[int, float]:
    """Per page, the lowest table bottom over all pages of its size (where the table area ends)."""
    lowest: dict[tuple[int, int], float] = {}
    for p in parts:
        key = (round(p.box.width), round(p.box.height))
        lowest[key] = max([lowest.get(key, 0.0), *(t.bbox[3] for t in p.tables if t.bbox)])
    return {p.box.number: lowest[(round(p.box.width), round(p.box.height))] for p in parts}


def top_of(item: Union[Line, Table]) -> float:
    """Vertical position of a line or table on its page."""
    if isinstance(item, Table):
        return item.bbox[1] if item.bbox else 0.0
    return item.top


def stream_to_blocks(stream: list[Union[Line, Table]], size: float, stats: dict[int, PageStats]) -> list[Block]:
    """Reading-order lines and tables -> blocks, each run of lines grouped into paragraphs."""
    blocks: list[Block] = []
    run: list[Line] = []
    for item in stream:
        if isinstance(item, Line):
            run.append(item)
            continue
        blocks.extend(lines_to_paragraphs(run, size, stats))
        run = []
        blocks.append(item)
    blocks.extend(lines_to_paragraphs(run, size, stats))
    return blocks


def metadata(info: dict[str, Any], pages: list[list[Line]], size: float) -> dict[str, str]:
    """Title from the first page's big-font lines, plus the PDF info fields as pdf_* strings."""
    out = {k.lower(): decode_info(v) for k, v in info.items() if k in ("Title", "Author", "Subject", "Creator",
                                                                         "Producer", "CreationDate", "ModDate")}
    out = {("pdf_" + k): v for k, v in out.items() if v}
    title = big_title(pages[0] if pages else [], size)  # info Titles are often stale templates: kept as pdf_title
    if title:
        out["title"] = title
    return out


def decode_info(value: Any) -> str:
    """An info value as text; hex-dumped GBK strings (`<BDADCBD5...>`) are decoded."""
    text = value.decode("utf-8", "replace") if isinstance(value, bytes) else str(value)
    m = re.fullmatch(r"<([0-9A-Fa-f]+)>", text.strip())
    if m and len(m.group(1)) % 2 == 0:
        try:
            text = bytes.fromhex(m.group(1)).decode("gb18030")
        except UnicodeDecodeError:
            pass
    return text.strip()


def title_pair(a: Line, b: Line, size: float) -> bool:
    """True when b follows a in one title block: both big, close together, and b is not a 目录 heading."""
    if "".join(b.text.split()) in ("目录", "目次"):
        return False
    return min(a.size, b.size) >= 0.8 * size and b.top - a.bottom <= 2.5 * max(a.size, b.size)


def big_title(lines: list[Line], size: float) -> str:
    """The block of big-font lines around the largest line of the first page (empty when nothing is big)."""
    if not lines:
        return ""
    top = max(lines, key=lambda x: x.size)
    if top.size < size * 1.25:
        return ""
    i = j = lines.index(top)
    while i > 0 and title_pair(lines[i - 1], lines[i], top.size):
        i -= 1
    while j + 1 < len(lines) and title_pair(lines[j], lines[j + 1], top.size):
        j += 1
    text = lines[i].text
    for x in lines[i + 1:j + 1]:
        text += ("" if is_cjk_edge(text[-1], x.text[0]) else " ") + x.text
    return join_cjk(text)
