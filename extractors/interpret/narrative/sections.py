"""Document prose -> sections: headings (narrative_headings) nested by a stack of open numbering styles."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import Optional

from extractors.interpret.narrative.headings import Heading, Line, demote_lists, items_of, lines_of
from extractors.model import Document

PLAIN_RANK = 99  # unnumbered sub-headings nest below every numbered level
PATH_SEP = " > "


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
