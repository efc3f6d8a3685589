"""Which paragraphs are headings: numbered titles (一、 （一） 1、), document titles (…报告, …表) and short sub-headings."""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Optional, Union

from extractors.interpret.narrative.numbering import HEADING_MAX_CHARS, Numbering, heading_shaped, numbering_of
from extractors.interpret.vocab.load import Words
from extractors.model import Document, Paragraph, Table
from normalizers.text import clean_text

WORDS = Words("narrative", "headings")  # this module's patterns in vocab/narrative.toml


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


Item = Union[Heading, Line]


def is_fragment(text: str) -> bool:
    """True for a short unnumbered line without sentence punctuation (a possible title or sub-heading)."""
    if WORDS.attachment.match(text):
        return True
    return 2 <= len(text) <= HEADING_MAX_CHARS and not WORDS.fragment_bad.search(text) and not WORDS.date_only.match(text)


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
        if WORDS.title_end.search(join_fragments(acc)):
            out.append(Heading(join_fragments(acc), "title", acc[0].page, acc[0].block))
            acc = []
    if acc:
        out.extend(leftover(acc, after))
    return out


def leftover(acc: list[Line], after: Optional[Line]) -> list[Item]:
    """Fragments that did not end as a title: an attachment title, a plain sub-heading before body text, or body."""
    text = join_fragments(acc)
    if WORDS.attachment.match(acc[0].text):
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
