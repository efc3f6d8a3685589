"""Text forms every reader matches on: one squeeze (cleaned, no whitespace) and one printed-year reader."""
from __future__ import annotations

import re
from typing import Optional

from normalizers import clean_text
from extractors.interpret.vocab.load import word

_WS = re.compile(r"\s+")
YEAR = word("interpret", "text_year")


def squeeze(text: Optional[str]) -> str:
    """Cleaned text (NFKC, half-width brackets) with every whitespace removed, the form labels are matched in."""
    return _WS.sub("", clean_text(text or ""))


def printed_year(text: str) -> Optional[int]:
    """The first `20xx年` a text prints, or None."""
    m = YEAR.search(text.replace(" ", ""))
    return int(m.group(1)) if m else None
