"""Money readers: the amount unit of a caption or header, and exact conversion of a printed amount to yuan."""
from __future__ import annotations

import re
from decimal import ROUND_HALF_UP, Decimal

from normalizers.numbers import EMPTY_MARKS, parse_decimal
from normalizers.text import clean_text

# Multiplier of each money unit to yuan.
UNIT_FACTORS: dict[str, Decimal] = {
    "元": Decimal(1),
    "千元": Decimal(1_000),
    "万元": Decimal(10_000),
    "百万元": Decimal(1_000_000),
    "亿元": Decimal(100_000_000),
}
_INLINE_ALIASES = {"万": "万元", "亿": "亿元", "千": "千元", "人民币元": "元"}
_UNIT = r"(?:百万元|亿元|万元|千元|元)"
_CAPTION = [
    re.compile(rf"单位\s*[:：]\s*(?:人民币)?\s*({_UNIT})"),
    re.compile(rf"[(（\[【]\s*(?:单位\s*[:：]?\s*)?(?:人民币)?\s*({_UNIT})\s*[)）\]】]"),
    re.compile(rf"^\s*(?:人民币)?\s*({_UNIT})\s*$"),
]
_INLINE = re.compile(r"^(?P<num>.*?\d)\s*(?P<unit>人民币元|百万元|亿元|万元|千元|元|万|亿)$")
CENT = Decimal("0.01")


def caption_unit(text: str) -> str | None:
    """Find the money unit stated in a caption or header cell (`单位：万元`, `项目资金　(万元)`) or None."""
    cleaned = clean_text(text)
    for pattern in _CAPTION:
        m = pattern.search(cleaned)
        if m:
            return m.group(1)
    return None


def to_yuan(text: str, unit: str | None = "元") -> Decimal | None:
    """Convert a printed amount to exact yuan at 0.01 (`4.05` in 万元 → 40500.00); an inline unit wins over `unit`."""
    body = clean_text(text)
    if body in EMPTY_MARKS:
        return None
    m = _INLINE.match(body)
    if m:
        body = m.group("num")
        unit = _INLINE_ALIASES.get(m.group("unit"), m.group("unit"))
    if unit is None or unit not in UNIT_FACTORS:
        return None
    value = parse_decimal(body)
    if value is None:
        return None
    return (value * UNIT_FACTORS[unit]).quantize(CENT, rounding=ROUND_HALF_UP)


def rounding_slack(num: str, unit: str = "元") -> Decimal:
    """Half the yuan value of a printed amount's last digit (`8695.94` 万元 → 50.00): how far rounding may have moved it."""
    body = clean_text(num).replace(",", "")
    decimals = len(body.split(".", 1)[1]) if "." in body else 0
    factor = UNIT_FACTORS.get(_INLINE_ALIASES.get(unit, unit), Decimal(1))
    return (factor * Decimal(5) / Decimal(10) ** (decimals + 1)).quantize(CENT, rounding=ROUND_HALF_UP)
