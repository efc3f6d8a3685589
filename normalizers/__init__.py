"""Small, pure value readers that turn printed report text into clean labels, exact money and parsed targets."""
from __future__ import annotations

from normalizers.dates import parse_date
from normalizers.money import caption_unit, to_yuan
from normalizers.numbers import cn_numeral, parse_decimal, parse_percent
from normalizers.quantity import Quantity, find_quantities, parse_actual, parse_target, split_trailing_target
from normalizers.text import clean_text, strip_score_suffix

__all__ = [
    "Quantity",
    "caption_unit",
    "clean_text",
    "cn_numeral",
    "find_quantities",
    "parse_actual",
    "parse_date",
    "parse_decimal",
    "parse_percent",
    "parse_target",
    "split_trailing_target",
    "strip_score_suffix",
    "to_yuan",
]
