"""Small text readers shared by the self-evaluation form interpreters: labels, levels, scores and item codes."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from extractors.interpret.vocab.items import item_of
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words
from normalizers import clean_text, parse_decimal, strip_score_suffix

_WS = re.compile(r"\s+")
_TRAILING_NOTE = re.compile(r"\s*[(（][^()（）]*[)）]\s*$")
WORDS = Words("selfeval", "text")  # this module's patterns in vocab/selfeval.toml
_GRADES = r"不合格|优秀|良好|合格|较差|中等|良|中|差"
_TICKED = (re.compile(rf"(?P<g>{_GRADES})\s*[(（]?\s*[√✓✔☑■]"), re.compile(rf"[√✓✔☑■]\s*[)）]?\s*(?P<g>{_GRADES})"))
_TICK = re.compile(r"[√✓✔☑■□☐]")


def label_of(text: str) -> str:
    """A money line's printed label, cleaned, without `其中：`, trailing colon or unit note."""
    label = WORDS.qizhong.sub("", squeeze(text))
    label = re.sub(r"[(（]\s*(?:万元|元|千元)\s*[)）]$", "", label)
    return label.rstrip(":：")


def budget_item(label: str) -> str:
    """The contract's item code for a money-line label (`other` when unrecognised)."""
    return item_of(label, "form") or "other"


def clean_level(text: Optional[str]) -> Optional[str]:
    """An 一级/二级 label cleaned, without its `(30分)` suffix or trailing explanatory parenthesis."""
    label = clean_text(text or "")
    while True:
        label, _ = strip_score_suffix(label)
        stripped = _TRAILING_NOTE.sub("", label)
        if stripped == label or not stripped:
            break
        label = stripped
    label = squeeze(label)
    return label or None


def split_indicators(text: str) -> list[str]:
    """The indicator names in a cell (`指标1：… 指标2：…` gives two), `指标N：` prefixes dropped."""
    parts = [p.strip() for p in WORDS.indicator_prefix.split(text)]
    names = [clean_text(p) for p in parts if p.strip()]
    return names or ([clean_text(text)] if text.strip() else [])


def score_of(text: Optional[str]) -> Optional[float]:
    """A 分值/得分 cell as a float (`98分`, `100.0\\n0`), None when blank or not a number."""
    compact = _WS.sub("", clean_text(text or ""))
    m = WORDS.score_text.match(compact)
    if not m:
        return None
    value: Optional[Decimal] = parse_decimal(m.group("num"))
    return float(value) if value is not None else None


def compact_number(text: str) -> str:
    """A numeric cell with wrapping whitespace removed (`100.0\\n0%` → `100.00%`)."""
    return _WS.sub("", clean_text(text or ""))


def grade_text(text: str) -> Optional[str]:
    """A 评价等次 cell's grade: the text itself, or the ticked option of a `优秀√ 良好□ …` checkbox list."""
    compact = squeeze(text)
    if not _TICK.search(compact):
        return compact or None
    after, before = _TICKED  # boxes printed before their options (`□优秀 ☑良好`) or after them (`优秀√ 良好□`)
    m = (before if _TICK.match(compact) else after).search(compact)
    return m.group("g") if m else None
