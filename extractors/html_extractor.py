"""HTML -> Document: decoded text, prose blocks, spanned data tables and the portal's metadata (not as a table)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional

import lxml.html
from lxml import etree

from extractors.html_decode import decode_html
from extractors.html_meta import portal_metadata
from extractors.html_mht import is_mht, mht_html
from extractors.html_tables import build_grid, span_attr, table_rows, tag_name
from extractors.model import Block, Document, Paragraph, Table
from govreports.errors import BadInput, Issue

Element = Any  # an lxml.html element
CAPTION_LINES = 3
BREAK = "\ue000"  # private-use marker for a <br> while whitespace is collapsed
EDGE = "\ue001"  # private-use marker for a block boundary (several in a row make one line break)

HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
BLOCK_TAGS = {
    "p", "div", "section", "article", "main", "li", "ul", "ol", "dl", "dt", "dd", "blockquote", "pre", "center",
    "address", "figure", "figcaption", "hr", "form", "fieldset", "table", "thead", "tbody", "tfoot", "tr", "td", "th",
    "caption", "body", "html",
} | set(HEADINGS)
SKIP_TAGS = {
    "head", "script", "style", "noscript", "template", "iframe", "nav", "aside", "select", "option", "button",
    "input", "textarea", "object", "embed", "svg", "canvas", "map", "link", "meta", "title",
}
_CHROME = re.compile(
    r"(?:^|[\s_-])(nav|navbar|menu|breadcrumbs?|crumbs?|footer|foot|top|topbar|banner|logo|sidebar|share|copyright"
    r"|toolbar|tools|position|location|dqwz)(?:$|[\s_-])", re.I)
# Page furniture recognisable by its words: "当前位置：首页 > …" and "【打印本页】【关闭窗口】".
_CHROME_TEXT = re.compile(r"^(?:(?:当前|您当前的|您现在的|你现在的|你的|您的)位置\s*[:：]"
                          r"|(?:【[^】]{1,10}】\s*)+$)")
_HIDDEN = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)
_HTML_WS = re.compile(r"[ \t\n\r\f]+")
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")
_BREAK_RUN = re.compile(r"[ \ue000\ue001]*[\ue000\ue001][ \ue000\ue001]*")
ARTICLE_BLOCKS, ARTICLE_CHARS = 5, 1000  # a cell with this many blocks and characters is page layout
CHROME_SHARE = 0.2  # a chrome-looking box is dropped only when it holds under this share of the page text


@dataclass
class Walk:
    """Mutable state of one page walk: output blocks, the open line, caption candidates and skipped nodes."""

    skip: set[Element]
    blocks: list[Block] = field(default_factory=list)
    issues: list[Issue] = field(default_factory=list)
    line: list[str] = field(default_factory=list)
    level: int = 0
    recent: list[str] = field(default_factory=list)
    n_tables: int = 0


def extract(data: bytes, name: str) -> Document:
    """Read a web page into the shared document model (page=None everywhere)."""
    data, hint = unwrap_mht(data, name)
    text, encoding, doubt = decode_html(data, hint)
    root = parse_html(text, name)
    meta = portal_metadata(root)
    walk = Walk(skip=set(meta.consumed) | chrome_elements(root))
    if doubt:
        walk.issues.append(Issue("extract", "warning", "html_decode", doubt))
    walk_node(root, walk)
    flush(walk)
    if not walk.blocks and not visible_text(root):
        raise BadInput(f"{name}: the page shows no text at all (only scripts or markup: a bot check, a redirect "
                       "or a page drawn by JavaScript); nothing to read", code="no_visible_text")
    metadata = {**meta.values(), "encoding": encoding}
    return Document("html", relative_levels(walk.blocks), page_count=None, metadata=metadata, issues=walk.issues)


def unwrap_mht(data: bytes, name: str) -> tuple[bytes, Optional[str]]:
    """The HTML part (and its MIME charset) of an MHTML file; other data passes through unchanged."""
    if not is_mht(data):
        return data, None
    found = mht_html(data)
    if found is None:
        raise BadInput(f"{name}: MHTML file without an HTML part", code="corrupt_html")
    return found


def parse_html(text: str, name: str) -> Element:
    """The lxml tree of a page; BadInput('corrupt_html') when there is nothing to parse."""
    text = _CONTROL.sub("", _XML_DECL.sub("", text, count=1))
    try:
        return lxml.html.document_fromstring(text)
    except (etree.ParserError, ValueError) as err:
        raise BadInput(f"{name}: not a parsable HTML page ({err})", code="corrupt_html") from err


def visible_text(root: Element) -> str:
    """The page's text outside <head>, scripts and other never-shown elements, whitespace removed."""
    hidden = " or ".join(f"ancestor::{tag}" for tag in sorted(SKIP_TAGS))
    return _HTML_WS.sub("", "".join(root.xpath(f"//text()[not({hidden})]")))


def chrome_elements(root: Element) -> set[Element]:
    """Small boxes whose class, id or title says navigation, menu, breadcrumb, sidebar or footer."""
    total = max(len(root.text_content()), 1)
    out: set[Element] = set()
    for el in root.iter():
        if not isinstance(el.tag, str) or tag_name(el) in ("html", "body"):
            continue
        label = f"{el.get('class') or ''} {el.get('id') or ''} {el.get('title') or ''}"
        if _CHROME.search(label) and len(el.text_content()) < CHROME_SHARE * total and el.find(".//table") is None:
            out.add(el)
    return out


def skipped(el: Element, walk: Walk) -> bool:
    """True for scripts, styles, hidden nodes, page chrome and the metadata already read."""
    tag = tag_name(el)
    if not tag or tag in SKIP_TAGS or el in walk.skip:
        return True
    if tag in ("header", "footer") and not any(tag_name(a) in ("article", "main") for a in el.iterancestors()):
        return True
    return el.get("hidden") is not None or bool(_HIDDEN.search(el.get("style") or ""))


def walk_node(el: Element, walk: Walk) -> None:
    """Add el's text to the open line, or close the line around blocks, headings, line breaks and tables."""
    tag = tag_name(el)
    if skipped(el, walk):
        return
    if tag == "br":
        flush(walk)
    elif tag == "table" and is_data_table(el):
        flush(walk)
        emit_table(el, walk, caption=walk.recent)
        walk.recent = []
    elif tag in BLOCK_TAGS:
        flush(walk)
        walk.level = HEADINGS.get(tag, walk.level)
        _walk_children(el, walk)
        flush(walk)
        walk.level = 0
    else:
        _walk_children(el, walk)


def _walk_children(el: Element, walk: Walk) -> None:
    """Walk el's own text, each child, and each child's tail."""
    walk.line.append(el.text or "")
    for child in el:
        walk_node(child, walk)
        walk.line.append(child.tail or "")


def flush(walk: Walk) -> None:
    """Close the open line: a non-empty line becomes a Paragraph (and a caption candidate)."""
    text = _HTML_WS.sub(" ", "".join(walk.line)).strip()
    walk.line = []
    if text and not _CHROME_TEXT.match(text):
        walk.blocks.append(Paragraph(text, walk.level))
        walk.recent = (walk.recent + [text])[-CAPTION_LINES:]


def is_data_table(table: Element) -> bool:
    """False for layout tables: presentation role, one cell or column, headings, article-sized cells, mostly nesting."""
    rows = table_rows(table)
    cells = [td for tr in rows for td in tr if tag_name(td) in ("td", "th")]
    if table.get("role") == "presentation" or len(cells) <= 1 or all(_row_width(tr) <= 1 for tr in rows):
        return False
    if any(True for _ in table.iterdescendants(*HEADINGS)) or any(_holds_article(td) for td in cells):
        return False
    own = len(table.text_content().strip())
    nested = sum(len(t.text_content().strip()) for t in table.iterdescendants("table") if _outer_table(t) is table)
    return own > 0 and nested < 0.5 * own


def _row_width(tr: Element) -> int:
    """Number of grid columns a row's cells cover."""
    return sum(max(span_attr(td, "colspan", 1000), 1) for td in tr if tag_name(td) in ("td", "th"))


def _holds_article(td: Element) -> bool:
    """True when a cell carries a page's worth of prose in many blocks (a layout cell, not a data cell)."""
    blocks = sum(1 for _ in td.iterdescendants("p", "div", "li"))
    return blocks >= ARTICLE_BLOCKS and len(td.text_content()) > ARTICLE_CHARS


def _outer_table(el: Element) -> Optional[Element]:
    """The nearest <table> ancestor of el."""
    return next(el.iterancestors("table"), None)


def emit_table(table: Element, walk: Walk, caption: list[str]) -> None:
    """Append a data table (with its <caption> as the nearest caption line), then the tables nested in its cells."""
    grid = build_grid(table, cell_text)
    own_caption = [cell_text(c) for c in table if tag_name(c) == "caption"]
    lines = [c for c in list(caption) + own_caption if c][-CAPTION_LINES:]
    walk.blocks.append(Table(walk.n_tables, grid.n_rows, grid.n_cols, grid.cells, page=None, caption=lines))
    walk.n_tables += 1
    for td in grid.sources:
        for inner in td.iterdescendants("table"):
            if _outer_table(inner) is table and not skipped(inner, walk) and is_data_table(inner):
                emit_table(inner, walk, caption=[])


def cell_text(td: Element) -> str:
    """Cell text: each <br> and each run of block boundaries a '\\n', whitespace collapsed, nested data tables left out."""
    pieces: list[str] = []
    _cell_pieces(td, pieces, top=True)
    text = _BREAK_RUN.sub(lambda m: "\n" * max(m.group().count(BREAK), 1), _HTML_WS.sub(" ", "".join(pieces)))
    return "\n".join(line.strip() for line in text.split("\n")).strip()


def _cell_pieces(el: Element, pieces: list[str], top: bool = False) -> None:
    """Collect text and break markers of el's subtree (nested data tables and scripts skipped, tails kept by caller)."""
    tag = tag_name(el)
    if not top and (not tag or tag in SKIP_TAGS or (tag == "table" and is_data_table(el))):
        return
    if tag == "br":
        pieces.append(BREAK)
        return
    edge = EDGE if tag in BLOCK_TAGS and not top else ""
    pieces.extend((edge, el.text or ""))
    for child in el:
        _cell_pieces(child, pieces)
        pieces.append(child.tail or "")
    pieces.append(edge)


def relative_levels(blocks: list[Block]) -> list[Block]:
    """Shift heading levels so the page's biggest heading tag is level 1."""
    levels = [b.level for b in blocks if isinstance(b, Paragraph) and b.level]
    shift = min(levels) - 1 if levels else 0
    for b in blocks:
        if isinstance(b, Paragraph) and b.level:
            b.level -= shift
    return blocks
