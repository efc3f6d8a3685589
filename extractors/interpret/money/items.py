"""Printed labels and column headers -> contract codes: budget items, 三公 items, measures and years."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from extractors.interpret.money.cells import bare_label
from extractors.interpret.text import printed_year
from extractors.interpret.vocab.items import item_of, three_public_words
from extractors.interpret.vocab.load import Words, word

THREE_PUBLIC_TOTAL = word("money", "items_three_public_total")
# Money named for one fund only: a view of part of the department's money (`一般公共预算支出表`, `财政拨款基本支出`).
FUND_VIEW = word("money", "items_fund_view")
# Funds other than the general budget: their spending is never the department's whole line.
OTHER_FUND = word("money", "items_other_fund")
WORDS = Words("money", "items")  # this module's patterns in vocab/money.toml


def label_key(text: str) -> str:
    """The bare label with all spaces removed, the form every pattern here is matched against."""
    return bare_label(text).replace(" ", "")


@lru_cache(maxsize=4096)
def budget_item(label: str) -> Optional[str]:
    """The contract `item` code a printed budgets label stands for, or None when it is not a known line."""
    return item_of(label_key(label), "table")


def _tp(key: str, group: str) -> bool:
    """True when the key holds one of the 三公 words of a group of items.toml [three_public]."""
    return any(w in key for w in three_public_words()[group])


@lru_cache(maxsize=4096)
def three_public_item(label: str) -> Optional[str]:
    """The `three_public` item code a printed label stands for (`公务接待费` → official_reception), or None."""
    key = label_key(label)
    for quote in three_public_words()["quotes"]:
        key = key.replace(quote, "")
    if THREE_PUBLIC_TOTAL.match(key):
        return "total"
    if len(key) > 20 or _tp(key, "part_of") or WORDS.reception_part.search(key):
        return None
    vehicle, purchase, operation = _tp(key, "vehicle"), _tp(key, "purchase"), _tp(key, "operation")
    if vehicle and purchase and operation:
        return "vehicle_total"
    if vehicle and purchase:
        return "vehicle_purchase"
    if vehicle and operation:
        return "vehicle_operation"
    if _tp(key, "overseas") and len(key) <= 10:
        return "overseas_travel"
    if _tp(key, "reception") and len(key) <= 8:
        return "official_reception"
    return None


def vehicle_part(entry: str) -> Optional[str]:
    """Purchase or operation for a sub-column printed under 公务用车购置及运行费 (`购置费`, `运行费`)."""
    key = label_key(entry)
    purchase = _tp(key, "purchase")
    if purchase and not _tp(key, "running"):
        return "vehicle_purchase"
    if _tp(key, "operation") and not purchase:
        return "vehicle_operation"
    return None


def is_measure_only(entry: str) -> bool:
    """True for a header that only names a measure and year (`2023年预算数`, `决算数`, `全年执行数`)."""
    return bool(WORDS.measure_only.fullmatch(label_key(entry)))


def is_plain_total(label: str) -> bool:
    """True for a bare 合计 / 小计 / 总计."""
    return bool(WORDS.plain_total.match(label_key(label)))


def measure_of(header: str) -> Optional[str]:
    """budget_initial / budget_full_year / actual from a column header (`2023年预算数`, `调整预算数`, `决算数`)."""
    text = label_key(header)
    if WORDS.measure_full_year.search(text):
        return "budget_full_year"
    if WORDS.measure_actual.search(text):
        return "actual"
    if WORDS.measure_initial.search(text):
        return "budget_initial"
    return None


def header_year(header: str, fiscal_year: Optional[int]) -> Optional[int]:
    """The year a column header refers to: a printed `2022年`, `上年` = fiscal_year - 1, else None."""
    printed = printed_year(header)
    if printed:
        return printed
    if WORDS.previous.search(header) and fiscal_year:
        return fiscal_year - 1
    return None


def three_public_measure(measure: str) -> str:
    """The three_public measure (budget / actual) of a budgets measure."""
    return "actual" if measure == "actual" else "budget"
