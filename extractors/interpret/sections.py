"""Document prose -> sections: headings found by their numbering (or as titles), nested by a numbering stack."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional, Union

from extractors.interpret.narrative_numbering import HEADING_MAX_CHARS, Numbering, heading_shaped, numbering_of
from extractors.model import Document, Paragraph, Table
from normalizers.text import clean_text

PLAIN_RANK = 99  # unnumbered sub-headings nest below every numbered level
PATH_SEP = " > "
_TITLE_END = re.compile(r"(?:报告|(?<!代)表|自评|说明|预算|决算|目录)$")
_ATTACHMENT = re.compile(r"^附件\s*\d*$")
_FRAGMENT_BAD = re.compile(r"[。;:!?,]|^(?:填表|说明|注)")
_DATE_ONLY = re.compile(r"^[\d\s年月日号./\-]+$")


@dataclass(frozen=True)
class Line:
    """A cleaned paragraph (or a table) classified for heading detection."""

    block: int
    text: str
    page: Optional[int]
    level: int  # the extractor's formatting level (0 = body)
    kind: str  # numbered | numbered_body | fragment | body | table
    num: Optional[Numbering] = None


@dataclass(frozen=True)
class Heading:
    """A heading: numbered, a document title, or an unnumbered (plain) sub-heading."""

    text: str
    kind: str  # numbered | title | plain
    page: Optional[int]
    block: int  # the (first) paragraph it was read from
    num: Optional[Numbering] = None


@dataclass(frozen=True)
class Frame:
    """One open heading on the nesting stack."""

    heading: str
    styles: frozenset[str]  # a misnumbered sibling adds its style: （一） then （2）
    shape: str
    ordinal: int
    rank: int


@dataclass
class Section:
    """A heading (None for text before the first one) and the body paragraphs up to the next heading."""

    heading: Optional[str]
    level: int
    path: str
    page: Optional[int]
    texts: list[str] = field(default_factory=list)


@dataclass
class Outline:
    """The sections of a document and the section path every block sits in."""

    sections: list[Section]
    path_of_block: dict[int, str]


Item = Union[Heading, Line]


def is_fragment(text: str) -> bool:
    """True for a short unnumbered line without sentence punctuation (a possible title or sub-heading)."""
    if _ATTACHMENT.match(text):
        return True
    return 2 <= len(text) <= HEADING_MAX_CHARS and not _FRAGMENT_BAD.search(text) and not _DATE_ONLY.match(text)


def classify_line(index: int, p: Paragraph) -> Optional[Line]:
    """A paragraph as a Line (None when it has no text)."""
    text = clean_text(p.text)
    if not text:
        return None
    num = numbering_of(text)
    if num is not None:
        kind = "numbered" if heading_shaped(num.rest) else "numbered_body"
    else:
        kind = "fragment" if is_fragment(text) else "body"
    return Line(index, text, p.page, p.level, kind, num)


def lines_of(doc: Document) -> list[Line]:
    """Every non-empty paragraph and every table of the document, classified, in reading order."""
    out: list[Line] = []
    for i, block in enumerate(doc.blocks):
        if isinstance(block, Table):
            out.append(Line(i, "", block.page, 0, "table"))
        else:
            line = classify_line(i, block)
            if line is not None:
                out.append(line)
    return out


def next_in_list(a: Line, b: Line) -> bool:
    """True when b is the next item of a short numbered list a belongs to (same style, next ordinal)."""
    return (a.kind == b.kind == "numbered" and a.num is not None and b.num is not None
            and a.num.style == b.num.style and b.num.ordinal == a.num.ordinal + 1)


def demote_lists(lines: list[Line]) -> list[Line]:
    """Adjacent short numbered lines of one style with no body between them are a list, not headings."""
    out = list(lines)
    i = 0
    while i < len(out):
        j = i
        while j + 1 < len(out) and next_in_list(out[j], out[j + 1]):
            j += 1
        for k in range(i, j + 1 if j > i else i):
            out[k] = replace(out[k], kind="numbered_body")
        i = j + 1
    return out


def join_fragments(parts: list[Line]) -> str:
    """Title lines joined (a space only between two ASCII alphanumerics: `附件1 2023年度…`)."""
    text = ""
    for p in parts:
        if text and text[-1].isascii() and text[-1].isalnum() and p.text[0].isascii() and p.text[0].isalnum():
            text += " "
        text += p.text
    return text


def resolve_group(group: list[Line], after: Optional[Line]) -> list[Item]:
    """A run of fragments -> titles (ending like 报告/自评表), a plain sub-heading, or body lines."""
    out: list[Item] = []
    acc: list[Line] = []
    for line in group:
        if acc and len(join_fragments(acc + [line])) > HEADING_MAX_CHARS:
            out.extend(leftover(acc, line))
            acc = []
        acc.append(line)
        if _TITLE_END.search(join_fragments(acc)):
            out.append(Heading(join_fragments(acc), "title", acc[0].page, acc[0].block))
            acc = []
    if acc:
        out.extend(leftover(acc, after))
    return out


def leftover(acc: list[Line], after: Optional[Line]) -> list[Item]:
    """Fragments that did not end as a title: an attachment title, a plain sub-heading before body text, or body."""
    text = join_fragments(acc)
    if _ATTACHMENT.match(acc[0].text):
        return [Heading(text, "title", acc[0].page, acc[0].block)]
    leads_body = (after is not None and after.kind in ("body", "numbered_body") and len(after.text) >= 30
                  and (acc[0].level > 0 or len(after.text) >= 2 * len(text)))
    if len(acc) == 1 and leads_body:
        return [Heading(text, "plain", acc[0].page, acc[0].block)]
    return [replace(x, kind="body") for x in acc]


def items_of(lines: list[Line]) -> list[Item]:
    """Lines -> headings and body lines (fragment runs resolved, numbered headings promoted)."""
    out: list[Item] = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind == "fragment":
            j = i
            while j < len(lines) and lines[j].kind == "fragment":
                j += 1
            out.extend(resolve_group(lines[i:j], lines[j] if j < len(lines) else None))
            i = j
            continue
        out.append(Heading(line.text, "numbered", line.page, line.block, line.num) if line.kind == "numbered" and line.num else line)
        i += 1
    return out


def place_numbered(stack: list[Frame], h: Heading) -> list[Frame]:
    """The stack after a numbered heading: sibling of its own style, misnumbered sibling, or child by rank."""
    num = h.num
    assert num is not None
    new = Frame(h.text, frozenset({num.style}), num.shape, num.ordinal, num.rank)
    for i, f in enumerate(stack):
        if num.style in f.styles:
            return stack[:i] + [new]
    if num.ordinal > 1:
        for i in range(len(stack) - 1, -1, -1):
            f = stack[i]
            if f.shape == num.shape and f.rank != PLAIN_RANK and f.ordinal in (num.ordinal - 1, num.ordinal):
                # （3） after （二） is a typo for （三）: the same level, reachable by either style from now on
                return stack[:i] + [replace(new, styles=f.styles | new.styles, rank=min(f.rank, num.rank))]
    keep = 0
    while keep < len(stack) and stack[keep].rank < num.rank:
        keep += 1
    return stack[:keep] + [new]


def place(stack: list[Frame], h: Heading) -> list[Frame]:
    """The stack after any heading (a title closes every open heading)."""
    if h.kind == "title":
        return []
    if h.kind == "plain":
        keep = [f for f in stack if f.rank != PLAIN_RANK]
        return keep + [Frame(h.text, frozenset({"plain"}), "plain", 1, PLAIN_RANK)]
    return place_numbered(stack, h)


def continues_list(h: Heading, body_seen: dict[str, int]) -> bool:
    """True for a short numbered line that is the next item of a list of numbered sentences (`(4)《…办法》`)."""
    return h.num is not None and h.num.ordinal > 1 and body_seen.get(h.num.style) == h.num.ordinal - 1


def path_of(stack: list[Frame]) -> str:
    """The section path of a stack: its headings joined with ' > '."""
    return PATH_SEP.join(f.heading for f in stack)


def outline(doc: Document) -> Outline:
    """The document's sections (heading hierarchy from numbering) and each block's section path."""
    items = items_of(demote_lists(lines_of(doc)))
    sections = [Section(None, 0, "", None)]
    path_of_block: dict[int, str] = {}
    stack: list[Frame] = []
    body_seen: dict[str, int] = {}
    for item in items:
        if isinstance(item, Heading) and continues_list(item, body_seen):
            item = Line(item.block, item.text, item.page, 0, "numbered_body", item.num)
        if isinstance(item, Heading):
            stack = place(stack, item)
            body_seen = {}
            level, path = (0, item.text) if item.kind == "title" else (len(stack), path_of(stack))
            sections.append(Section(item.text, level, path, item.page))
            continue
        path_of_block[item.block] = sections[-1].path
        if item.kind == "table":
            continue
        if item.num is not None:
            body_seen[item.num.style] = item.num.ordinal
        sections[-1].texts.append(item.text)
        if sections[-1].page is None:
            sections[-1].page = item.page
    return Outline([s for s in sections if s.heading is not None or s.texts], path_of_block)
