"""Spreadsheet cell values -> the text a reader sees: numbers per their number format without float noise, ISO dates."""
from __future__ import annotations

import math
import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from decimal import ROUND_HALF_UP, Decimal, localcontext
from typing import Optional, Union

GENERAL_PLACES = 8  # General-format floats are rounded here: 12.500000001 -> 12.5, 0.1 + 0.2 -> 0.3
_LITERALS = re.compile(r'"[^"]*"|\\.|\[[^\]]*\]|_.|\*.')  # quoted text, escapes, [Red]/[$-409], padding
_NUMBER = re.compile(r"[#0?,]*[#0?](?:\.([#0?]*))?|\.([#0?]+)")

Number = Union[int, float]


@dataclass(frozen=True)
class NumberSpec:
    """What a number format asks for: minimum and maximum decimals, a thousands separator, percent scaling."""

    min_places: int
    max_places: int
    thousands: bool
    percent: bool


def value_text(value: object, number_format: str = "General") -> str:
    """The display text of a cell value (None -> '', booleans as TRUE/FALSE, dates ISO, numbers formatted)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, (int, float)):
        return number_text(value, number_format)
    if isinstance(value, (datetime, date, time)):
        return date_text(value)
    if isinstance(value, timedelta):
        return str(value)
    return str(value)


def date_text(value: Union[datetime, date, time]) -> str:
    """ISO text of a date or time; a datetime at midnight is written as its date."""
    if isinstance(value, datetime) and value.time() == time(0):
        return value.date().isoformat()
    return value.isoformat()


def number_spec(number_format: str) -> Optional[NumberSpec]:
    """The numeric part of a format's positive section (None for General, text, scientific or digit-free formats)."""
    section = _LITERALS.sub("", (number_format or "").split(";")[0])
    if "E+" in section.upper() or "E-" in section.upper():
        return None
    m = _NUMBER.search(section)
    if m is None:
        return None
    places = m.group(1) if m.group(1) is not None else (m.group(2) or "")
    integer = m.group(0).split(".")[0]
    return NumberSpec(places.count("0"), len(places), "," in integer.strip(","), "%" in section)


def number_text(value: Number, number_format: str = "General") -> str:
    """A number as displayed under its format; General (or a format that would hide a fraction) gives exact text."""
    if isinstance(value, float) and not math.isfinite(value):
        return repr(value)
    spec = number_spec(number_format)
    exact = Decimal(value) if isinstance(value, int) else Decimal(repr(value))
    suffix = ""
    if spec is not None and spec.percent:
        exact, suffix = exact * 100, "%"
    if spec is None or (spec.max_places == 0 and exact != exact.to_integral_value()):
        return general_text(exact) + suffix
    return fixed_text(exact, spec) + suffix


def general_text(value: Decimal) -> str:
    """Plain decimal text without float noise, exponent or trailing zeros (12.0 -> '12')."""
    step = Decimal(1).scaleb(-GENERAL_PLACES)
    with localcontext() as ctx:
        ctx.prec = 400  # enough for any float written out in full
        text = format(value.quantize(step, rounding=ROUND_HALF_UP).normalize(), "f")
    return "0" if text == "-0" else text


def fixed_text(value: Decimal, spec: NumberSpec) -> str:
    """Text rounded half-up to the format's places, optional '#' places trimmed, thousands separated if asked."""
    with localcontext() as ctx:
        ctx.prec = 400  # enough for any float written out in full
        rounded = value.quantize(Decimal(1).scaleb(-spec.max_places), rounding=ROUND_HALF_UP)
        text = format(rounded, ",f" if spec.thousands else "f")
    if spec.max_places > spec.min_places:
        head, _, tail = text.partition(".")
        tail = tail.rstrip("0").ljust(spec.min_places, "0")
        text = f"{head}.{tail}" if tail else head
    return "0" + text[2:] if text.startswith("-0") and rounded == 0 else text
