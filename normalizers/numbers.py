"""Readers for printed numbers: exact decimals, percents and Chinese numerals."""
from __future__ import annotations

import re
import unicodedata
from decimal import Decimal, InvalidOperation

# Cell contents that mean "no figure".
EMPTY_MARKS = frozenset({"", "-", "--", "—", "——", "–", "－", "/", "／", "\\", "…", "……", "*", "x", "X", "无数据"})

# Thousands groups of three after a lead group of any length: some 元 tables group only the last
# three digits (`128138,600`, `19711,277`); `1,45` is still not a number.
_NUMBER = re.compile(r"[-+]?(?:\d+(?:,\d{3})+|\d+)(?:\.\d+)?|[-+]?\.\d+")
_PAREN_NEGATIVE = re.compile(r"^\((.*)\)$")
_MINUS = str.maketrans({"−": "-", "－": "-", "﹣": "-", "＋": "+"})

_CN_DIGITS: dict[str, int] = {
    "零": 0, "〇": 0, "○": 0, "一": 1, "壹": 1, "二": 2, "贰": 2, "貳": 2, "两": 2, "兩": 2,
    "三": 3, "叁": 3, "參": 3, "四": 4, "肆": 4, "五": 5, "伍": 5, "六": 6, "陆": 6, "陸": 6,
    "七": 7, "柒": 7, "八": 8, "捌": 8, "九": 9, "玖": 9,
}
_CN_SMALL: dict[str, int] = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_LARGE: dict[str, int] = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS = "".join(_CN_DIGITS) + "".join(_CN_SMALL) + "".join(_CN_LARGE)


def _prepare(s: str) -> str:
    """NFKC, unify minus signs and strip surrounding whitespace."""
    return unicodedata.normalize("NFKC", s).translate(_MINUS).strip()


def _read(body: str) -> Decimal | None:
    """Read a plain or thousands-grouped decimal that must fill the whole string."""
    negative = False
    m = _PAREN_NEGATIVE.match(body)
    if m:
        body, negative = m.group(1).strip(), True
    if not _NUMBER.fullmatch(body):
        return None
    try:
        value = Decimal(body.replace(",", ""))
    except InvalidOperation:  # pragma: no cover - the pattern only lets valid literals through
        return None
    return -value if negative else value


def parse_decimal(s: str) -> Decimal | None:
    """Read a printed number exactly (`1,450.82`, `(12.5)` → -12.5); None for blanks, dashes, percents and text."""
    body = _prepare(s)
    if body in EMPTY_MARKS or body.endswith("%"):
        return None
    return _read(body)


def parse_percent(s: str) -> Decimal | None:
    """Read a printed percent (`100.00%` → 100.00, `95％` → 95); None when there is no trailing percent sign."""
    body = _prepare(s)
    if not body.endswith("%"):
        return None
    return _read(body[:-1].strip())


def cn_numeral(s: str) -> int | None:
    """Read a Chinese numeral (`四` → 4, `十二` → 12, `三千零五` → 3005, `一万二千` → 12000, `二〇二〇` → 2020)."""
    s = s.strip()
    if not s:
        return None
    ascii_digits = unicodedata.normalize("NFKC", s)
    if ascii_digits.isascii() and ascii_digits.isdigit():
        return int(ascii_digits)
    if any(ch not in CN_NUMERAL_CHARS for ch in s):
        return None
    if all(ch in _CN_DIGITS for ch in s):  # positional digits, as in years: 二〇二〇
        return int("".join(str(_CN_DIGITS[ch]) for ch in s))
    total = 0  # completed 亿 / 万 sections
    section = 0  # value below the current large unit
    digit: int | None = None
    last_unit = 0  # the small unit just read, for colloquial 三百五 → 350
    zero_seen = False
    for ch in s:
        if ch in _CN_DIGITS:
            if _CN_DIGITS[ch] == 0:
                zero_seen = True
                continue
            if digit is not None:
                return None  # two digits in a row with no unit between (一二十)
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            section += (1 if digit is None else digit) * unit
            digit, last_unit, zero_seen = None, unit, False
        else:
            large = _CN_LARGE[ch]
            section += digit or 0
            if section == 0 and total == 0:
                section = 1  # 万 alone
            if large > 10_000:
                total = (total + section) * large
            else:
                total += section * large
            section, digit, zero_seen = 0, None, False
            last_unit = large
    if digit:
        if last_unit and not zero_seen and section + total > 0:
            digit *= last_unit // 10  # 一万二 → 12000, 三百五 → 350
        section += digit
    return total + section
