"""Prose lines -> paragraphs: running header/footer removal, paragraph breaks and heading levels."""
from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass
from typing import Optional

from extractors.model import Paragraph
from extractors.pdf_text import Line, is_cjk_edge, join_cjk

MARGIN = 0.1  # the top/bottom fraction of a page where running headers, footers and page numbers live
EDGE_LINES = 2  # only the first/last lines of a page are header/footer candidates

_PAGE_NO = re.compile(r"^(?:[-—–－─~ ]*\d{1,4}[-—–－─~ ]*|第\s*\d+\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?"
                      r"|\d+\s*/\s*\d+|[Pp]age\s*\d+(?:\s*of\s*\d+)?)$")
_CN = "一二三四五六七八九十百零〇"
_LEVELS: list[tuple[int, re.Pattern[str]]] = [
    (1, re.compile(rf"^(?:第[{_CN}\d]+(?:部分|章|篇)|[{_CN}]+\s*[、．.])")),
    (2, re.compile(rf"^[（(]\s*[{_CN}]+\s*[）)]")),
    (3, re.compile(r"^\d{1,2}\s*(?:[、．]|\.(?!\d))")),
]
_STARTS = re.compile(r"^(?:附件\s*\d*|附表\s*\d*|注[:：]|[①②③④⑤⑥⑦⑧⑨⑩]|[（(]\s*\d{1,2}\s*[）)])")
_SENTENCE_END = re.compile(r"[。！？；;：:]$")


@dataclass
class PageBox:
    """A page's number and size (points, after rotation)."""

    number: int
    width: float
    height: float


def is_page_number(text: str) -> bool:
    """True for printed page numbers: `- 15 -`, `15`, `第 3 页`, `3/20`."""
    return bool(_PAGE_NO.match(text.strip()))


def running_key(line: Line, box: PageBox) -> Optional[tuple[str, str, int]]:
    """Header/footer identity of a line in a page margin (digits folded, position from its page edge), else None."""
    if line.bottom <= box.height * MARGIN:
        where, dist = "top", line.top
    elif line.top >= box.height * (1 - MARGIN):
        where, dist = "bottom", box.height - line.bottom
    else:
        return None
    return where, re.sub(r"\d+", "#", line.text.replace(" ", "")), round(dist / 6)


def drop_running_lines(pages: list[list[Line]], boxes: list[PageBox]) -> list[list[Line]]:
    """Drop page numbers and lines repeated at the same margin position on most pages (>= half, >= 3 pages)."""
    keys: list[list[Optional[tuple[str, str, int]]]] = []
    seen: Counter[tuple[str, str, int]] = Counter()
    for lines, box in zip(pages, boxes):
        edge = {id(x) for x in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
        ks = [running_key(x, box) if id(x) in edge else None for x in lines]
        keys.append(ks)
        seen.update({k for k in ks if k is not None})
    need = max(3, (len(pages) + 1) // 2)
    out: list[list[Line]] = []
    for lines, ks in zip(pages, keys):
        out.append([x for x, k in zip(lines, ks)
                    if k is None or not (is_page_number(x.text) or seen[k] >= need)])
    return out


def heading_level(text: str, size: float, body_size: float) -> int:
    """1 for 一、/第X部分, 2 for （一）, 3 for 1./1、; big short lines are 1; sentences are body text (0)."""
    if len(text) > 40 or re.search(r"[。；;]", text):
        return 0
    for level, pattern in _LEVELS:
        if pattern.match(text):
            return level
    return 1 if size >= body_size + 2 and len(text) <= 30 else 0


def starts_block(text: str) -> bool:
    """True when a line opens a new paragraph by its numbering (一、 （一） 1. 第一部分 附件2 ① 注：)."""
    return bool(_STARTS.match(text) or any(p.match(text) for _, p in _LEVELS))


def body_size(lines: list[Line]) -> float:
    """The most common glyph size of the prose (weighted by text length)."""
    sizes: Counter[float] = Counter()
    for x in lines:
        sizes[round(x.size, 1)] += len(x.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


@dataclass
class PageStats:
    """A page's text block: its left and right edges and the usual line pitch (top to top)."""

    left: float
    right: float
    pitch: float


def block_stats(lines: list[Line]) -> PageStats:
    """Text block edges (leftmost frequent left, 98th-percentile right) and median line pitch (top to top) of lines."""
    lefts = Counter(round(x.x0) for x in lines if len(x.text) > 3)
    often = [v for v, n in lefts.items() if n >= max(2, 0.05 * len(lines))]
    left = float(min(often)) if often else min(x.x0 for x in lines)
    rights = sorted(x.x1 for x in lines)
    pitches = sorted(b.top - a.top for a, b in zip(lines, lines[1:]) if abs(a.size - b.size) < 1 and b.top > a.top)
    return PageStats(left, rights[int(0.98 * (len(rights) - 1))], pitches[len(pitches) // 2] if pitches else 0.0)


def page_stats(pages: list[list[Line]], boxes: list[PageBox]) -> dict[int, PageStats]:
    """Text block statistics per page number, pooled over all pages of the same size and orientation."""
    groups: dict[tuple[int, int], list[Line]] = {}
    for lines, box in zip(pages, boxes):
        groups.setdefault((round(box.width), round(box.height)), []).extend(lines)
    stats = {k: block_stats(v) for k, v in groups.items() if v}
    keys = {b.number: (round(b.width), round(b.height)) for b in boxes}
    return {n: stats[k] for n, k in keys.items() if k in stats}


def breaks_before(prev: Line, line: Line, stats: dict[int, PageStats], size: float) -> bool:
    """True when line starts a new paragraph after prev (room left on prev, indent, numbering, gap, size change)."""
    em = max(min(prev.size, line.size), 1.0)
    a, b = stats[prev.page], stats[line.page]
    room = a.right - prev.x1 - line.lead  # the next line's first unit did not fit when room < 0
    if room > 0.5 * em and _SENTENCE_END.search(prev.text) or room > max(2.5 * em, 0.25 * (a.right - a.left)):
        return True
    title = min(prev.size, line.size) >= size + 2  # centred multi-line titles are not indented paragraphs
    if not title and (line.x0 > b.left + 1.5 * em or prev.x0 > a.left + 4 * em and line.x0 < prev.x0 - em):
        return True
    if starts_block(line.text) or abs(line.size - prev.size) > 1.0:
        return True
    return line.page == prev.page and line.top - prev.top > max(a.pitch, prev.bottom - prev.top) + 0.6 * em


def lines_to_paragraphs(lines: list[Line], size: float, stats: dict[int, PageStats]) -> list[Paragraph]:
    """Consecutive prose lines (reading order) -> paragraphs with CJK wrap whitespace removed and heading levels."""
    groups: list[list[Line]] = []
    for line in lines:
        if groups and not breaks_before(groups[-1][-1], line, stats, size):
            groups[-1].append(line)
        else:
            groups.append([line])
    return [group_to_paragraph(g, size) for g in groups]


def group_to_paragraph(group: list[Line], size: float) -> Paragraph:
    """One paragraph's lines -> Paragraph (box of the lines on its first page)."""
    text = group[0].text
    for line in group[1:]:
        text += ("" if is_cjk_edge(text[-1], line.text[0]) else " ") + line.text
    text = join_cjk(text)
    first = [x for x in group if x.page == group[0].page]
    bbox = (min(x.x0 for x in first), min(x.top for x in first), max(x.x1 for x in first), max(x.bottom for x in first))
    big = max(x.size for x in group)
    return Paragraph(text, heading_level(text, big, size), group[0].page, bbox)
