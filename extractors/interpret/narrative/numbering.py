"""Heading numbers (一、 （一） 1、 1. （1） ① 第一部分) and the tests that tell a heading from a numbered sentence."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from normalizers.numbers import cn_numeral

_CN = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# (style, shape, canonical rank, pattern) on cleaned text (NFKC: full-width parentheses are ASCII).
_STYLES: list[tuple[str, str, int, re.Pattern[str]]] = [
    ("chapter", "chapter", 0, re.compile(rf"^第(?P<n>[{_CN}\d]+)(?:部分|章|篇)\s*")),
    ("cn_dun", "dun", 1, re.compile(rf"^(?P<n>[{_CN}]{{1,3}})\s*[、.．]\s*")),
    ("cn_paren", "paren", 2, re.compile(rf"^\((?P<n>[{_CN}]{{1,3}})\)\s*[、.]?\s*")),
    ("ar_dun", "dun", 3, re.compile(r"^(?P<n>\d{1,2})\s*(?:[、．]|\.(?!\d))\s*")),
    ("ar_paren", "paren", 4, re.compile(r"^\((?P<n>\d{1,2})\)\s*[、.]?\s*")),
    ("ar_half", "half", 5, re.compile(r"^(?P<n>\d{1,2})\)\s*")),
    ("circled", "circled", 6, re.compile(rf"^(?P<n>[{_CIRCLED}])\s*")),
]
HEADING_MAX_CHARS = 40
_SENTENCE_PUNCT = re.compile(r"[。;!?]")
_LEAD_IN_END = re.compile(r"[:;,、。]$")


@dataclass(frozen=True)
class Numbering:
    """A heading number: its style (`cn_paren` for （一）), shape (`paren`), ordinal (1) and rank (2)."""

    style: str
    shape: str
    ordinal: int
    rank: int
    rest: str  # the text after the number


def ordinal_of(token: str) -> Optional[int]:
    """The value of a number token: digits, Chinese numerals or a circled digit."""
    if token.isascii() and token.isdigit():
        return int(token)
    if token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    value = cn_numeral(token)
    return int(value) if value is not None else None


def numbering_of(text: str) -> Optional[Numbering]:
    """The heading number that opens a cleaned paragraph, or None."""
    for style, shape, rank, pattern in _STYLES:
        m = pattern.match(text)
        if m:
            n = ordinal_of(m.group("n"))
            if n is not None and n > 0:
                return Numbering(style, shape, n, rank, text[m.end():].strip())
    return None


def heading_shaped(rest: str) -> bool:
    """True when the text after a number reads as a title: short, no sentence inside, no lead-in ending."""
    return 1 <= len(rest) <= HEADING_MAX_CHARS and not _SENTENCE_PUNCT.search(rest) and not _LEAD_IN_END.search(rest)
