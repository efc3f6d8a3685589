"""Titles, anchors and file names -> does it name a report of the source's kinds (and years)?"""
from __future__ import annotations

import re
from typing import Optional, Sequence

from govreports.crawl.vocab import vocab

_YEAR = re.compile(r"(?<!\d)(20\d\d)(?!\d)")


def years_in(text: str) -> list[int]:
    """Four-digit years 2000-2099 named in text (not digits inside longer numbers)."""
    return [int(y) for y in _YEAR.findall(text)]


def names_kind(text: str, kinds: Sequence[str]) -> bool:
    """True when text names a report of one of kinds (预算/决算/绩效 …) and is not a rule, notice or form."""
    words = vocab()
    if any(w in text for w in words.not_reports):
        return False
    return any(w in text for k in kinds for w in words.kinds.get(k, (k,)))


def in_years(text: str, years: Optional[tuple[int, int]]) -> bool:
    """True when no range is set, text names no year, or one named year falls in the range."""
    found = years_in(text)
    return years is None or not found or any(years[0] <= y <= years[1] for y in found)


def is_relevant(text: str, kinds: Sequence[str], years: Optional[tuple[int, int]] = None,
                need_year: bool = False) -> bool:
    """text names a report of kinds within years (and names a year at all when need_year)."""
    if need_year and not years_in(text):
        return False
    return names_kind(text, kinds) and in_years(text, years)
