"""PDF chars -> text lines: vertical-overlap line clustering shared by table cells and prose."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, Optional

Char = dict[str, Any]  # text, x0, x1, top, bottom (points, top-down), size, upright; never leaves the pdf_* modules

X_TOLERANCE = 3.0  # a gap wider than this between two glyphs of a line is a space (pdfplumber's default)

_CJK = "\u2e80-\u2fdf\u3000-\u303f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\uff00-\uffef"
_OPENING = "“‘（《「『【〔([{"
_CLOSING = "”’，。、；：！？）》」』】〕…,.;:!?)]}%％"
_CJK_CHAR = re.compile(f"[{_CJK}]")
_CJK_GAP = re.compile(f"(?<=[{_CJK}])[ \t\u00a0]+(?=[{_CJK}])|(?<=[{_CJK}])[ \t\u00a0]+(?=[0-9A-Za-z])"
                      f"|(?<=[0-9A-Za-z%])[ \t\u00a0]+(?=[{_CJK}])")


@dataclass
class Line:
    """One printed line: its text, box, median glyph size, 1-based page and the width of its first unbreakable unit."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    size: float  # median glyph size
    page: int
    lead: float = 0.0  # a number/word (or glyph + punctuation) that did not fit wraps whole to this line


def chars_to_lines(chars: Iterable[Char], page: int = 0) -> list[Line]:
    """Cluster upright chars into lines by vertical overlap (mixed fonts/baselines stay on one line), top down."""
    bands: list[tuple[float, float, list[Char]]] = []
    top = bottom = -1.0
    group: list[Char] = []
    for ch in sorted((c for c in chars if c["upright"]), key=_top):
        mid = (ch["top"] + ch["bottom"]) / 2
        if group and mid <= bottom:
            group.append(ch)
            if ch["bottom"] - ch["top"] <= 1.5 * (bottom - top):
                bottom = max(bottom, ch["bottom"])
            continue
        if group:
            bands.append((top, bottom, group))
        top, bottom, group = ch["top"], ch["bottom"], [ch]
    if group:
        bands.append((top, bottom, group))
    return [line for line in (band_to_line(b[2], page) for b in bands) if line is not None]


def _top(ch: Char) -> float:
    return float(ch["top"])


def _x0(ch: Char) -> float:
    return float(ch["x0"])


def band_to_line(chars: list[Char], page: int) -> Optional[Line]:
    """One band of chars -> a Line read left to right (gaps become one space, doubled glyphs dropped), None if blank."""
    parts: list[str] = []
    prev: Optional[Char] = None
    ordered = sorted(chars, key=_x0)
    for ch in ordered:
        text = ch["text"]
        if prev is not None:
            if text == prev["text"] and abs(ch["x0"] - prev["x0"]) < 1 and abs(ch["top"] - prev["top"]) < 1:
                continue  # a glyph printed twice (fake bold)
            if ch["x0"] - prev["x1"] > X_TOLERANCE:
                parts.append(" ")
        parts.append(text)
        prev = ch
    text = " ".join("".join(parts).split())
    if not text or prev is None:
        return None
    sizes = sorted(c["size"] for c in chars if not c["text"].isspace()) or [0.0]
    return Line(text, ordered[0]["x0"], min(c["top"] for c in chars), max(c["x1"] for c in chars),
                max(c["bottom"] for c in chars), float(sizes[len(sizes) // 2]), page, lead_width(ordered))


def lead_width(ordered: list[Char]) -> float:
    """Width of a line's first unbreakable unit: a Latin/number run, or a CJK glyph with its attached punctuation."""
    i = 0
    if not _CJK_CHAR.match(ordered[0]["text"]):
        while i + 1 < len(ordered) and not _CJK_CHAR.match(ordered[i + 1]["text"]) and ordered[i + 1]["text"].strip():
            i += 1
    else:
        if ordered[0]["text"] in _OPENING and len(ordered) > 1:
            i = 1
        while i + 1 < len(ordered) and ordered[i + 1]["text"] in _CLOSING:
            i += 1
    return float(ordered[i]["x1"] - ordered[0]["x0"])


def lines_text(lines: list[Line]) -> str:
    """Lines joined by '\\n' (a cell's raw text)."""
    return "\n".join(line.text for line in lines)


def cid_count(chars: list[Char]) -> int:
    """How many glyphs came out as unmapped `(cid:N)` codes."""
    return "".join(c["text"] for c in chars).count("(cid:")


_GARBLED = re.compile("\\(cid:\\d+\\)|[\ue000-\uf8ff\ufffd\x00-\x08\x0b\x0e-\x1f]")


def is_garbled(text: str) -> bool:
    """True for a glyph that came out unmapped: (cid:N), private-use, U+FFFD or a control code."""
    return bool(_GARBLED.search(text))


def garbled_count(chars: list[Char]) -> int:
    """How many glyphs came out unmapped (see is_garbled)."""
    return len(_GARBLED.findall("".join(c["text"] for c in chars)))


def join_cjk(text: str) -> str:
    """Remove the whitespace that wrapping/justification leaves next to CJK characters (CJK|CJK, CJK|Latin/digit)."""
    return _CJK_GAP.sub("", text)


def is_cjk_edge(a: str, b: str) -> bool:
    """True when joining a line ending in a and one starting with b needs no space (either side is CJK)."""
    return bool(_CJK_CHAR.match(a) or _CJK_CHAR.match(b))
