"""Cell text -> what a money table's cell holds: an amount, a percent, a blank, a code or a label."""
from __future__ import annotations

import re
from functools import lru_cache
from decimal import Decimal
from typing import Optional

from normalizers.money import caption_unit, to_yuan
from normalizers.numbers import EMPTY_MARKS, parse_decimal, parse_percent
from normalizers.text import clean_text
from extractors.interpret.vocab.load import Words

WORDS = Words("money", "cells")  # this module's patterns in vocab/money.toml
_TRAILING_COLON = re.compile(r"[:：]+$")
_TRAILING_REMARK = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
_LEADING_CODE = re.compile(r"^\[?([235]\d{2}(?:\d{2}){0,2})\]?\s*(?=\D)")


@lru_cache(maxsize=65536)  # a pure function of one string, asked again for every pass over a table
def cell_kind(text: str) -> str:
    """'blank', 'num', 'pct' or 'text' for a cell's printed text."""
    body = clean_text(text).replace(" ", "")
    if body in EMPTY_MARKS:
        return "blank"
    if parse_decimal(body) is not None or WORDS.inline_money.match(body):
        return "num"
    if parse_percent(body) is not None:
        return "pct"
    return "text"


def amount_of(text: str, unit: Optional[str]) -> Optional[Decimal]:
    """The printed amount in exact yuan (an inline unit wins over the table's), or None."""
    body = clean_text(text).replace(" ", "")
    if cell_kind(body) != "num":
        return None
    return to_yuan(body, unit)


def unit_of(text: str) -> Optional[str]:
    """The money unit a caption, title or header text states (`单位：万元`, `(万元)`), or None."""
    return caption_unit(text) or _bare_unit(text)


def _bare_unit(text: str) -> Optional[str]:
    """A `单位：万元` the caption reader missed, including `单位：万` whose 元 wrapped onto another line."""
    cleaned = clean_text(text).replace(" ", "")
    m = re.search(r"(?:单位|金额单位)[:：]?(万元|千元|亿元|元)", cleaned)
    if m:
        return m.group(1)
    m = re.search(r"(?:单位|金额单位)[:：](万|千|亿)$", cleaned)  # `单位：万` whose 元 wrapped away
    return m.group(1) + "元" if m else None


@lru_cache(maxsize=65536)  # a pure function of one string, asked again for every pass over a table
def clean_label(text: str) -> str:
    """A label as stored: cleaned text without newlines (wrapping) and surrounding colons."""
    return _TRAILING_COLON.sub("", clean_text(text.replace("\n", " ")).strip()).strip()




def bare_label(text: str) -> str:
    """A label stripped of its numbering (`1、`, `一、`, `（一）`), `其中：` and trailing colon, for matching."""
    label = clean_label(text)
    label = WORDS.numbering.sub("", label, count=1).strip()
    label = _TRAILING_COLON.sub("", label).strip()
    parts = [p for p in WORDS.level_mark.split(label) if p.strip()]  # `…(类)…(款)行政运行(项)` -> `行政运行`
    return parts[-1].strip() if parts and WORDS.level_mark.search(label) else label


def without_remark(label: str) -> str:
    """The label without a trailing parenthetical remark (`本级专项资金（一个专项一行）` → `本级专项资金`)."""
    stripped = _TRAILING_REMARK.sub("", label).strip()
    return stripped or label


def is_numbered(text: str) -> bool:
    """True when a label starts with an enumeration such as `1、` or `（二）`."""
    label = clean_label(text)
    m = WORDS.numbering.match(label)
    return bool(m and m.group(0).strip() and not label.startswith("其中"))


def split_leading_code(label: str) -> tuple[Optional[str], str]:
    """Split a code printed before a name (`2010301 行政运行`, `[201]一般公共服务支出`) into (code, name)."""
    cleaned = clean_label(label)
    m = _LEADING_CODE.match(cleaned)
    if not m:
        return None, cleaned
    return m.group(1), cleaned[m.end():].strip()
