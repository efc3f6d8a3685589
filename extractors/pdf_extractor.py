"""PDF bytes -> Document: pages -> lines and ruled tables -> paragraphs, joined tables and captions (pdfplumber)."""
from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any, Optional, Union

import pdfplumber
from pdfminer.pdfdocument import PDFEncryptionError, PDFPasswordIncorrect

from extractors.model import Block, Document, Table
from extractors.ocr.pdf_scans import mark_ocr, merge_lines, ocr_scanned_pages
from extractors.pdf_join import join_continued_tables, mend_tables, number_tables
from extractors.pdf_layout import PageBox, PageStats, body_size, drop_running_lines, lines_to_paragraphs, page_stats
from extractors.pdf_page import page_to_objects
from extractors.pdf_tables import Flow, inside, page_to_raw_tables, raw_table_to_table
from extractors.pdf_text import Char, Line, chars_to_lines, cid_count, is_cjk_edge, join_cjk
from govreports.errors import BadInput, Issue


@dataclass
class PageParts:
    """What one page yields: its box, prose lines (top to bottom), tables and issues."""

    box: PageBox
    lines: list[Line] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    flow: Flow = field(default_factory=dict)


def extract(data: bytes, name: str) -> Document:
    """Read a PDF's bytes into the shared Document model (BadInput when it is encrypted or not a readable PDF)."""
    pdf = open_pdf(data, name)
    try:
        parts = [read_page_safely(page, n) for n, page in enumerate(pdf.pages, start=1)]
        info = dict(pdf.metadata or {})
    finally:
        pdf.close()
    if parts and all(any(i.code == "pdf_page_failed" for i in p.issues) for p in parts):
        raise BadInput(f"{name}: no page of the PDF could be read", code="corrupt_pdf")
    scans = ocr_scanned_pages(data, [text_size(p) for p in parts])  # pages with no text layer, OCR'd
    for n, scan in scans.pages.items():
        old = parts[n - 1]
        parts[n - 1] = PageParts(old.box, merge_lines(old.lines, scan.lines), old.tables + scan.tables, old.issues,
                                 {**old.flow, **scan.flow})
    doc = parts_to_document(parts, info)
    doc.issues.extend(scans.issues)
    return mark_ocr(doc, scans.pages)


def text_size(parts: PageParts) -> Optional[int]:
    """Characters a page's text layer gave (prose and table cells); None for a page that could not be read."""
    if any(i.code == "pdf_page_failed" for i in parts.issues):
        return None
    return sum(len(x.text) for x in parts.lines) + sum(len(c.text) for t in parts.tables for c in t.cells)


def open_pdf(data: bytes, name: str) -> Any:
    """Open the bytes with pdfplumber and read the page tree, mapping failures to BadInput codes."""
    if not data.lstrip()[:1024].count(b"%PDF"):
        raise BadInput(f"{name}: not a PDF (no %PDF header)", code="corrupt_pdf")
    try:
        pdf = pdfplumber.open(io.BytesIO(data))
    except Exception as e:  # pdfminer raises many unrelated types for broken files; pdfplumber wraps them
        if is_encryption_error(e):
            raise BadInput(f"{name}: the PDF is encrypted with a password", code="encrypted_pdf") from e
        raise BadInput(f"{name}: unreadable PDF ({type(e).__name__}: {e})", code="corrupt_pdf") from e
    try:
        if not pdf.pages:
            raise BadInput(f"{name}: the PDF has no pages", code="corrupt_pdf")
    except BadInput:
        pdf.close()
        raise
    except Exception as e:
        pdf.close()
        raise BadInput(f"{name}: unreadable page tree ({type(e).__name__}: {e})", code="corrupt_pdf") from e
    return pdf


def is_encryption_error(e: BaseException) -> bool:
    """True when e (or the pdfminer error pdfplumber wrapped in it) is a password/encryption failure."""
    seen: list[BaseException] = []
    todo: list[BaseException] = [e]
    while todo:
        x = todo.pop()
        if isinstance(x, (PDFPasswordIncorrect, PDFEncryptionError)):
            return True
        seen.append(x)
        todo.extend(y for y in (*x.args, x.__cause__, x.__context__) if isinstance(y, BaseException) and y not in seen)
    return False


def read_page_safely(page: Any, number: int) -> PageParts:
    """read_page, with a failure turned into a pdf_page_failed issue; the page's caches are freed either way."""
    try:
        return read_page(page, number)
    except Exception as e:
        box = PageBox(number, float(page.width), float(page.height))
        return PageParts(box, issues=[Issue("extract", "error", "pdf_page_failed",
                                            f"page {number} could not be read: {type(e).__name__}: {e}", page=number)])
    finally:
        page.close()


def read_page(page: Any, number: int) -> PageParts:
    """One page -> its tables (spanned cells) and the prose lines outside them, plus glyph issues."""
    parts = PageParts(PageBox(number, float(page.width), float(page.height)))
    chars, drawn = page_to_objects(page)
    free = chars
    for cells in page_to_raw_tables(page, drawn):
        table, orphans, flow = raw_table_to_table(cells, free, number)
        parts.flow.update(flow)
        box = table.bbox or (0.0, 0.0, 0.0, 0.0)
        free = [c for c in free if not inside(c, box)] + orphans
        parts.tables.append(table)
    parts.lines = chars_to_lines(free, number)
    parts.issues.extend(glyph_issues(chars, number))
    return parts


def glyph_issues(chars: list[Char], number: int) -> list[Issue]:
    """Warnings for unmapped (cid:N) glyphs and for sideways (non-upright) text on a page."""
    out = []
    n = cid_count(chars)
    if n:
        out.append(Issue("extract", "warning", "pdf_cid_glyphs",
                         f"page {number}: {n} glyphs have no Unicode mapping and came out as (cid:N)", page=number))
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
