"""Reader for printed dates (`2024年04月26日`, `2019-07-29`, `2019/7/29`, `2019.07.29`, `二〇一九年五月二十三日`)."""
from __future__ import annotations

import datetime
import re
import unicodedata

from normalizers.numbers import cn_numeral

_CN_DIGIT = "〇零○一二三四五六七八九十"
_PATTERNS = [
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*[日号]?(?!\d)"),
    re.compile(r"(?<!\d)(?P<y>(?:19|20)\d{2})\s*(?P<sep>[-./])\s*(?P<m>\d{1,2})\s*(?P=sep)\s*(?P<d>\d{1,2})(?!\d)"),
    re.compile(rf"(?P<y>[{_CN_DIGIT}]{{4}})\s*年\s*(?P<m>[{_CN_DIGIT}]{{1,2}})\s*月\s*(?P<d>[{_CN_DIGIT}]{{1,3}})\s*[日号]"),
]


def _number(s: str) -> int | None:
    """Read an Arabic or Chinese date component."""
    return int(s) if s.isdigit() else cn_numeral(s)


def parse_date(text: str) -> datetime.date | None:
    """Return the first valid calendar date printed in text (`填表日期：2024年04月26日` → 2024-04-26), else None."""
    folded = unicodedata.normalize("NFKC", text)
    found: list[tuple[int, datetime.date]] = []
    for pattern in _PATTERNS:
        for m in pattern.finditer(folded):
            y, mo, d = _number(m.group("y")), _number(m.group("m")), _number(m.group("d"))
            if y is None or mo is None or d is None:
                continue
            try:
                found.append((m.start(), datetime.date(y, mo, d)))
            except ValueError:
                continue
    return min(found)[1] if found else None
