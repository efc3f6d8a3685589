"""DOCX -> Document: paragraphs and tables in body order, merges read from the XML, nested tables after their parent."""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from typing import Optional

from lxml import etree

from extractors.docx_tables import build_grid, table_rows
from extractors.docx_text import W, Element, children, paragraph_level, paragraph_text, style_levels
from extractors.model import Block, Document, Paragraph, Table
from govreports.errors import BadInput, Issue

CAPTION_LINES = 3
R = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
AF_CHUNK = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/aFChunk"
_BLOCK_TAGS = {W + "p", W + "tbl", W + "altChunk"}


@dataclass
class Opened:
    """The parts of a .docx the walk needs: body, styles, core title and embedded alternative-format chunks."""

    body: Element
    styles: Optional[Element]
    title: str = ""
    chunks: dict[str, bytes] = field(default_factory=dict)  # relationship id -> bytes of an altChunk part


@dataclass
class Walk:
    """Mutable output of one document walk: blocks in order plus the issues met."""

    levels: dict[str, int]
    chunks: dict[str, bytes] = field(default_factory=dict)
    blocks: list[Block] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    n_tables: int = 0


def extract(data: bytes, name: str) -> Document:
    """Read a .docx file's body into the shared document model."""
    opened = open_docx(data, name)
    walk = Walk(style_levels(opened.styles), opened.chunks)
    walk_container(opened.body, walk, emit_paragraphs=True)
    metadata = {"title": opened.title} if opened.title else {}
    return Document("docx", walk.blocks, page_count=None, metadata=metadata, issues=walk.issues)


def open_docx(data: bytes, name: str) -> Opened:
    """The parts of a .docx read with python-docx; BadInput('corrupt_docx') when unreadable."""
    try:
        import docx

        doc = docx.Document(io.BytesIO(data))
        chunks = {rid: rel.target_part.blob for rid, rel in doc.part.rels.items() if rel.reltype == AF_CHUNK}
        return Opened(doc.element.body, doc.styles.element, (doc.core_properties.title or "").strip(), chunks)
    except Exception as err:  # python-docx raises many kinds; fall back to reading the parts directly
        return _open_parts(data, name, err)


def _open_parts(data: bytes, name: str, cause: Exception) -> Opened:
    """Body and styles parsed straight from the zip, for packages python-docx rejects (e.g. broken relationships)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            names = set(zf.namelist())
            root = _parse(zf.read("word/document.xml"))
            styles = _parse(zf.read("word/styles.xml")) if "word/styles.xml" in names else None
    except Exception as err:
        raise BadInput(f"{name}: not a readable .docx ({cause}; {err})", code="corrupt_docx") from err
    body = root.find(W + "body")
    if body is None:
        raise BadInput(f"{name}: word/document.xml has no body", code="corrupt_docx")
    return Opened(body, styles)


def _parse(xml: bytes) -> Element:
    """Parse one package part without resolving entities or touching the network."""
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=True)
    return etree.fromstring(xml, parser)


def walk_container(container: Element, walk: Walk, emit_paragraphs: bool) -> None:
    """Emit the paragraphs (optionally) and tables of a body or cell, each table followed by its nested tables."""
    recent: list[str] = []
    for el in children(container, _BLOCK_TAGS):
        if el.tag == W + "p":
            text = paragraph_text(el).strip()
            if text:
                recent = (recent + [text])[-CAPTION_LINES:]
                if emit_paragraphs:
                    walk.blocks.append(Paragraph(text, paragraph_level(el, walk.levels)))
        elif el.tag == W + "altChunk":
            emit_chunk(el, walk)
            recent = []
        elif is_frame(el):
            walk_container(only_cell(el), walk, emit_paragraphs)
        else:
            emit_table(el, walk, caption=recent)
            recent = []


def is_frame(tbl: Element) -> bool:
    """True for a one-cell table: a box around prose, read as paragraphs rather than as a table."""
    rows = table_rows(tbl)
    return len(rows) == 1 and len(list(children(rows[0], {W + "tc"}))) == 1


def only_cell(tbl: Element) -> Element:
    """The single w:tc of a one-cell table."""
    return next(children(table_rows(tbl)[0], {W + "tc"}))


def emit_table(tbl: Element, walk: Walk, caption: list[str]) -> None:
    """Append one table block, then the tables nested in its cells (their text stays out of the parent)."""
    grid = build_grid(tbl, cell_text)
    index = walk.n_tables
    walk.n_tables += 1
    walk.blocks.append(Table(index, grid.n_rows, grid.n_cols, grid.cells, page=None, caption=list(caption)))
    walk.issues.extend(Issue("extract", "warning", "docx_merge", msg, table_index=index) for msg in grid.warnings)
    for tc in grid.sources:
        if tc.find(f".//{W}tbl") is not None:
            walk_container(tc, walk, emit_paragraphs=False)


def cell_text(tc: Element) -> str:
    """Text of a w:tc: its own paragraphs joined by '\\n', blank ones at either end dropped (nested tables excluded)."""
    return "\n".join(paragraph_text(p) for p in children(tc, {W + "p"})).strip()


def emit_chunk(el: Element, walk: Walk) -> None:
    """Append the blocks of an embedded HTML chunk (w:altChunk), renumbering its tables; other kinds become issues."""
    from extractors import html_extractor
    from extractors.detect import detect_format

    data = walk.chunks.get(el.get(R + "id") or "")
    if data is None or detect_format(data) != "html":
        walk.issues.append(Issue("extract", "warning", "docx_altchunk", "embedded chunk is missing or not HTML; skipped"))
        return
    inner = html_extractor.extract(data, "altChunk")
    for block in inner.blocks:
        if isinstance(block, Table):
            block.index = walk.n_tables
            walk.n_tables += 1
        walk.blocks.append(block)
    walk.issues.extend(inner.issues)
