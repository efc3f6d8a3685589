"""Row and column meaning -> what one amount cell is: a budgets line or a 三公 line, with measure and year."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractors.interpret.money.cells import bare_label, clean_label, is_numbered, without_remark
from extractors.interpret.vocab.classes import class_code
from extractors.interpret.money.context import TableContext
from extractors.interpret.money.items import (
    budget_item, is_measure_only, is_plain_total, measure_of, label_key, three_public_item, three_public_measure,
    vehicle_part, header_year)
from extractors.interpret.vocab.load import Words

WORDS = Words("money", "resolve")  # this module's patterns in vocab/money.toml
FUND_ITEMS = frozenset({"income_general_budget", "income_gov_fund", "income_special_account", "income_other"})
TOTAL_ITEMS = ("income_total", "expenditure_total", "funds_total")


@dataclass(frozen=True)
class ColumnInfo:
    """What a value column's header says."""

    label: str
    item: Optional[str]
    tp_item: Optional[str]
    measure: Optional[str]
    year: Optional[int]
    total: bool
    generic: bool
    skip: bool


@dataclass(frozen=True)
class RowInfo:
    """What a body row's label says."""

    label: str
    bare: str
    code: Optional[str]
    item: Optional[str]
    tp_item: Optional[str]
    total: bool
    numbered: bool


@dataclass(frozen=True)
class Target:
    """The record one amount cell becomes."""

    dataset: str  # 'budgets' | 'three_public'
    item: str
    label: str
    measure: str
    year: Optional[int]
    code: Optional[str] = None
    project: Optional[str] = None
    weak: bool = False  # read from a table's shape only; yields to any other table's row for the same slot


def column_info(stack: list[str], fiscal_year: Optional[int], three_public: bool) -> ColumnInfo:
    """Read a column's header stack: the most specific item it names, its measure, year and whether it is a total."""
    stack = [WORDS.unit_note.sub("", s).strip() for s in stack]  # `预算数(万元)`: the unit is read elsewhere
    text = " ".join(stack)
    entries = [s for s in stack if s]
    named, total = naming_entry(entries)
    item = budget_item(named) if named else None
    tp_item = column_three_public(entries, named)
    if three_public and total and not tp_item:
        tp_item = "total"
    measure_text = " ".join(s for s in entries if not budget_item(s) and not three_public_item(s))
    measure = measure_of(WORDS.fund_words.sub("", measure_text)) if measure_text else None
    generic = not item and not tp_item and (not named or bool(WORDS.amount_head.match(label_key(named))))
    return ColumnInfo(label=clean_label(named), item=item, tp_item=tp_item, measure=measure,
                      year=header_year(text, fiscal_year), total=total or item in TOTAL_ITEMS, generic=generic,
                      skip=bool(WORDS.skip_column.search(text.replace(" ", ""))))


def naming_entry(entries: list[str]) -> tuple[str, bool]:
    """(the header entry that names the column's line, whether it is a 合计/小计), reading up from the bottom.

    Pure measure entries (`预算数`, `2023年决算数`) are skipped; a 小计 names its parent
    (`公务用车购置及运行费 / 小计`).
    """
    for i in range(len(entries) - 1, -1, -1):
        entry = entries[i]
        if is_plain_total(entry):
            parent = entries[i - 1] if i > 0 else ""
            return (parent if parent and (budget_item(parent) or three_public_item(parent)) else entry), True
        if not is_measure_only(entry) and not WORDS.side.match(label_key(entry)):
            return entry, False
    return "", False


def group_subtotal(stack: list[str]) -> bool:
    """True for a 小计/合计 under a named column group that is no line, measure or fund (`2026年政府采购项目 / 小计`):
    the group's own total, a part beside the table's total column, never a line's amount."""
    entries = [WORDS.unit_note.sub("", s).strip() for s in stack]
    entries = [e for e in entries if e]
    if len(entries) < 2 or not is_plain_total(entries[-1]) or is_plain_total(entries[-2]):
        return False
    parent = entries[-2]
    return not (budget_item(parent) or three_public_item(parent) or is_measure_only(parent)
                or WORDS.side.match(label_key(parent)) or WORDS.fund_words.search(parent))


def column_three_public(entries: list[str], named: str) -> Optional[str]:
    """The 三公 item a column names, reading `购置费` under `公务用车购置及运行费` as vehicle_purchase."""
    item = three_public_item(named) if named else None
    if item is None and named and any(three_public_item(e) == "vehicle_total" for e in entries if e != named):
        return vehicle_part(named)
    return item


def row_info(label: str, code: Optional[str]) -> RowInfo:
    """Read a body row's label (code already split off)."""
    return RowInfo(label=clean_label(label), bare=bare_label(label), code=code, item=budget_item(label),
                   tp_item=three_public_item(label), total=is_plain_total(label) or not label.strip(),
                   numbered=is_numbered(label))


def entity_target(col: ColumnInfo, ctx: TableContext, measure: str, year: Optional[int]) -> Optional[Target]:
    """A unit's (汇总) row: the column names the item."""
    if ctx.three_public or col.tp_item:
        if col.tp_item:
            return Target("three_public", col.tp_item, col.label, three_public_measure(measure), year)
        return None
    if col.item:
        return Target("budgets", col.item, col.label, measure, year)
    if ctx.side_total and col.generic and col.total:  # a by-unit 收入/支出总表's 合计 column on the summary row
        return Target("budgets", ctx.side_total, col.label, measure, year, weak=True)
    if col.label and not col.generic:
        return Target("budgets", "other", without_remark(col.label), measure, year)
    return None


def is_entity_total(label: str) -> bool:
    """True for a unit table's summary row (`局机关及二级机构汇总`, `合计`)."""
    return bool(WORDS.entity_total.search(label))


def total_row_target(row: RowInfo, col: ColumnInfo, ctx: TableContext, section: str, measure: str,
                     year: Optional[int]) -> Optional[Target]:
    """A 合计 (or unlabelled) row: the column names the line (`合计` × `基本支出`, a 三公 table's amount row)."""
    if ctx.three_public or section == "three_public" or col.tp_item:
        item = col.tp_item or ("total" if col.generic and (ctx.three_public or section == "three_public") else None)
        if item:
            return Target("three_public", item, col.label or row.label, three_public_measure(measure), year)
        return None
    if ctx.project_list and col.item in FUND_ITEMS:
        return None  # a 项目支出表's funding columns: the projects' sources, not the department's income
    if ctx.project_list and col.generic and col.total:
        return Target("budgets", "expenditure_project", row.label or col.label, measure, year, weak=True)
    if col.item:
        return Target("budgets", col.item, col.label, measure, year)
    if ctx.side_total and col.generic and col.total and not ctx.two_sided:
        return Target("budgets", ctx.side_total, row.label or col.label, measure, year, weak=True)
    if ctx.procurement and col.generic and row.label:
        return Target("budgets", "government_procurement", row.label, measure, year)
    return None


def line_target(row: RowInfo, col: ColumnInfo, ctx: TableContext, section: str,
                measure: str, year: Optional[int]) -> Optional[Target]:
    """A row naming its own line under an amount/measure/total column."""
    tp = ctx.three_public or section == "three_public"
    if tp and row.tp_item:
        return Target("three_public", row.tp_item, row.bare, three_public_measure(measure), year)
    if row.code:
        if row.code.startswith("2") and not ctx.income_only:
            return Target("budgets", "functional", row.bare, measure, year, code=row.code)
        return None
    if row.item and section == "carryover" and row.item in FUND_ITEMS:
        return None  # `二、上年结转` / `（一）一般公共预算拨款`: a part of the carry-over, not this year's income
    if row.item:
        return Target("budgets", row.item, row.bare, measure, year)
    if tp or ctx.economic or ctx.headerless:
        return None
    if ctx.procurement:  # a 政府采购 table's detail lines are purchases, not budget lines
        return None
    if ctx.functional and not ctx.two_sided:  # coded table: an uncoded line is a subtotal; uncoded: a class
        if ctx.has_codes or ctx.income_only or not row.bare:
            return None
        return Target("budgets", "functional", row.bare, measure, year, code=class_code(row.bare))
    return unknown_line_target(row, section, ctx, measure, year)


def unknown_line_target(row: RowInfo, section: str, ctx: TableContext, measure: str,
                        year: Optional[int]) -> Optional[Target]:
    """An unrecognised line: a named project under 项目支出, a 功能分类 class name (skipped) or `other`."""
    if not row.bare:
        return None
    if (section == "project" and not row.numbered and not ctx.two_sided) or ctx.project_list:
        name = row.bare
        return Target("budgets", "project", name, measure, year, project=name)
    code = class_code(row.bare)
    if code and ctx.two_sided and not ctx.income_only:  # a 收支总表's class line (`一、一般公共服务支出`): it yields
        return Target("budgets", "functional", row.bare, measure, year, code=code, weak=True)  # to a 支出表's line
    if WORDS.class_name.search(row.bare) and (ctx.two_sided or ctx.functional):
        return None
    return Target("budgets", "other", without_remark(row.bare), measure, year)


def next_section(row: RowInfo, section: str) -> str:
    """The section a row opens: 三公 after a 三公 total, project after 项目支出, plain after any other known line."""
    if row.tp_item == "total":
        return "three_public"
    if row.item == "expenditure_project":
        return "project"
    if row.item == "income_carryover":
        return "carryover"
    if section == "carryover" and row.item in FUND_ITEMS:
        return section
    if row.item:
        return "plain"
    return section
