"""Printed labels and column headers -> contract codes: budget items, 三公 items, measures and years."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from extractors.interpret.money.cells import bare_label
from extractors.interpret.text import printed_year
from extractors.interpret.vocab.items import item_of

THREE_PUBLIC_TOTAL = re.compile(r"^(?:(?:一般公共预算)?财政拨款)?[“”\"']*三公[“”\"']*经费(?:支出)?(?:合计|小计|总额)?$")
# Money named for one fund only: a view of part of the department's money (`一般公共预算支出表`, `财政拨款基本支出`).
FUND_VIEW = re.compile(r"财政拨款|一般公共预算|政府性基金|国有资本经营")
# Funds other than the general budget: their spending is never the department's whole line.
OTHER_FUND = re.compile(r"政府性基金|国有资本经营")
_RECEPTION_PART = re.compile(r"国内|外事|外宾|国\(境\)外|境外")  # parts of 公务接待费, not the item
_PLAIN_TOTAL = re.compile(r"^(?:合计|小计|总计)$")
_MEASURE_FULL_YEAR = re.compile(r"调整(?:后)?预算|全年预算|预算调整数|调整数")
_MEASURE_ACTUAL = re.compile(r"决算|执行数|实际(?:支出|执行|完成)?|支出数|完成数")
_MEASURE_INITIAL = re.compile(r"预算")
_MEASURE_ONLY = re.compile(r"(?:20\d{2}年度?|上年|本年|当年|年初|全年|调整后?)*"
                           r"(?:预算|决算|执行|实际支出|实际|调整预算|预算调整)(?:数|额|金额)?")
# `上年结转` names a line (carry-over into this year), not a column of last year's figures.
_PREVIOUS = re.compile(r"(?:上年|上一年)(?!度?(?:末?结转|结余))")


def label_key(text: str) -> str:
    """The bare label with all spaces removed, the form every pattern here is matched against."""
    return bare_label(text).replace(" ", "")


@lru_cache(maxsize=4096)
def budget_item(label: str) -> Optional[str]:
    """The contract `item` code a printed budgets label stands for, or None when it is not a known line."""
    return item_of(label_key(label), "table")


@lru_cache(maxsize=4096)
def three_public_item(label: str) -> Optional[str]:
    """The `three_public` item code a printed label stands for (`公务接待费` → official_reception), or None."""
    key = label_key(label).replace("“", "").replace("”", "")
    if THREE_PUBLIC_TOTAL.match(key):
        return "total"
    if len(key) > 20 or "其中" in key or _RECEPTION_PART.search(key):
        return None
    vehicle = "车" in key
    if vehicle and "购置" in key and ("运行" in key or "维护" in key or "运维" in key):
        return "vehicle_total"
    if vehicle and "购置" in key:
        return "vehicle_purchase"
    if vehicle and ("运行" in key or "运维" in key or "维护" in key):
        return "vehicle_operation"
    if "出国" in key and len(key) <= 10:
        return "overseas_travel"
    if "接待" in key and len(key) <= 8:
        return "official_reception"
    return None


def vehicle_part(entry: str) -> Optional[str]:
    """Purchase or operation for a sub-column printed under 公务用车购置及运行费 (`购置费`, `运行费`)."""
    key = label_key(entry)
    if "购置" in key and not ("运行" in key or "运维" in key):
        return "vehicle_purchase"
    if ("运行" in key or "运维" in key or "维护" in key) and "购置" not in key:
        return "vehicle_operation"
    return None


def is_measure_only(entry: str) -> bool:
    """True for a header that only names a measure and year (`2023年预算数`, `决算数`, `全年执行数`)."""
    return bool(_MEASURE_ONLY.fullmatch(label_key(entry)))


def is_plain_total(label: str) -> bool:
    """True for a bare 合计 / 小计 / 总计."""
    return bool(_PLAIN_TOTAL.match(label_key(label)))


def measure_of(header: str) -> Optional[str]:
    """budget_initial / budget_full_year / actual from a column header (`2023年预算数`, `调整预算数`, `决算数`)."""
    text = label_key(header)
    if _MEASURE_FULL_YEAR.search(text):
        return "budget_full_year"
    if _MEASURE_ACTUAL.search(text):
        return "actual"
    if _MEASURE_INITIAL.search(text):
        return "budget_initial"
    return None


def header_year(header: str, fiscal_year: Optional[int]) -> Optional[int]:
    """The year a column header refers to: a printed `2022年`, `上年` = fiscal_year - 1, else None."""
    printed = printed_year(header)
    if printed:
        return printed
    if _PREVIOUS.search(header) and fiscal_year:
        return fiscal_year - 1
    return None


def three_public_measure(measure: str) -> str:
    """The three_public measure (budget / actual) of a budgets measure."""
    return "actual" if measure == "actual" else "budget"
