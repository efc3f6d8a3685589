"""Arithmetic a money table must satisfy -> issues: 功能分类 parents = sum of children, 收支总表 总计 sides equal,
a 合计 column = sum of its sibling columns.

Amounts are compared in 元 with the contract's 0.01 万元 tolerance plus half a printed digit per added amount
(rounded parts may each be off by that much).
"""
from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import Iterator, Optional

from extractors.interpret.money.cells import amount_of, cell_kind, clean_label, split_leading_code
from extractors.interpret.money.grid import Grid, Segment, origin_cells, row_cells
from extractors.interpret.money.items import budget_item, is_plain_total
from extractors.interpret.money.resolve import column_info
from extractors.interpret.money.rows import code_owner, functional, row_code
from extractors.interpret.records import TOLERANCE
from extractors.interpret.issue_codes import issue
from extractors.interpret.vocab.load import Words
from extractors.model import Cell, Table
from govreports.errors import Issue
from normalizers.money import rounding_slack

WORDS = Words("money", "sums")  # this module's patterns in vocab/money.toml
Amounts = dict[int, tuple[Decimal, Decimal]]  # column -> (amount in 元, half a printed digit in 元)


def amount_columns(seg: Segment) -> list[int]:
    """The segment's value columns that hold amounts (not 增减 / 增长率 / 比例 / 人数 columns)."""
    return [c for c, role in sorted(seg.roles.items())
            if role == "value" and not column_info(seg.stacks.get(c, []), None, False).skip]


def row_amounts(grid: Grid, r: int, columns: set[int], unit: str) -> Amounts:
    """The amounts row r prints in the given columns (cells that start in the row)."""
    out: Amounts = {}
    for cell in origin_cells(grid, r):
        if cell.col in columns and cell_kind(cell.text) == "num":
            value = amount_of(cell.text, unit)
            if value is not None:
                out[cell.col] = (value, rounding_slack(cell.text, unit))
    return out


def mismatch(total: tuple[Decimal, Decimal], parts: list[tuple[Decimal, Decimal]]) -> Optional[Decimal]:
    """The sum of the parts when it differs from the total beyond tolerance, else None."""
    got = sum((p[0] for p in parts), Decimal(0))
    slack = TOLERANCE + total[1] + sum((p[1] for p in parts), Decimal(0))
    return got if abs(total[0] - got) > slack else None


def coded_rows(grid: Grid, seg: Segment, unit: str) -> Iterator[tuple[int, Optional[str], str, Amounts]]:
    """(row, 功能分类 code, label, amounts) of a segment's body rows, codes read like segment_records does."""
    labels = sorted(c for c, role in seg.roles.items() if role == "label")
    codes = sorted(c for c, role in seg.roles.items() if role == "code")
    values = set(amount_columns(seg))
    if len(labels) != 1:
        return
    owned = [c for c in codes if code_owner(c, labels) == labels[0]]
    memory: dict[int, str] = {}
    for r in seg.body_rows:
        cell = grid[r][labels[0]]
        label = cell.text if cell is not None and cell.row not in seg.header_rows else ""
        leading, name = split_leading_code(label)
        code = row_code(grid, r, owned, memory) or functional(leading)
        yield r, code, clean_label(name), row_amounts(grid, r, values, unit)


@dataclass(frozen=True)
class Line:
    """One body row of a money table and its amounts per column."""

    table: Table
    grid: Grid
    r: int
    amounts: Amounts
    offset: int = 0  # added to r to give the row in the source table (a page-break continuation is re-headed)


Lines = tuple[dict[str, Line], list[Line]]  # 功能分类 lines by code, 合计 lines


def functional_lines(table: Table, grid: Grid, seg: Segment, unit: str, offset: int = 0) -> Lines:
    """The coded lines (first of each code) and the uncoded 合计 lines of a segment."""
    lines: dict[str, Line] = {}
    totals: list[Line] = []
    for r, code, label, amounts in coded_rows(grid, seg, unit):
        if code and code not in lines:
            lines[code] = Line(table, grid, r, amounts, offset)
        elif not code and (is_plain_total(label) or budget_item(label) == "expenditure_total"):
            totals.append(Line(table, grid, r, amounts, offset))
    return lines, totals


def functional_issues(found: Lines) -> list[Issue]:
    """Each 类/款 line must equal the sum of its 款/项 lines, and a 合计 line the sum of the 类 lines, per column."""
    lines, totals = found
    if not lines:
        return []
    children: dict[Optional[str], list[str]] = defaultdict(list)
    for code in lines:
        parent = code[:-2] if len(code) > 3 else None
        if parent is None or parent in lines:
            children[parent].append(code)
    checks = [(lines[p], kids, p) for p, kids in children.items() if p is not None]
    checks += [(line, children[None], "合计") for line in totals[:1]]
    issues = []
    for line, kids, name in checks:
        for col, total in line.amounts.items():
            parts = [lines[k].amounts[col] for k in kids if col in lines[k].amounts]
            got = mismatch(total, parts) if parts else None
            if got is not None:
                issues.append(_issue(line.table, line.grid, line.r, "functional_sum_mismatch",
                                     f"{name}: printed {total[0]} 元 but its sub-lines add up to {got} 元",
                                     line.offset))
    return issues


def balance_issues(table: Table, grid: Grid, seg: Segment, unit: str) -> list[Issue]:
    """A 收支总表's last total row: the 收入 side's 总计/合计 must equal the 支出 side's."""
    labels = sorted(c for c, role in seg.roles.items() if role == "label")
    if len(labels) < 2:
        return []
    values = set(amount_columns(seg))
    for r in reversed(seg.body_rows):
        texts = [clean_label(cell.text) if (cell := grid[r][c]) is not None else "" for c in labels]
        if all(WORDS.grand_total.match(t.replace(" ", "")) for t in texts):
            amounts = row_amounts(grid, r, values, unit)
            bounds = labels[:2] + [len(grid[r])]
            left, right = (next((amounts[c] for c in sorted(amounts) if lo < c < hi), None)
                           for lo, hi in zip(bounds, bounds[1:]))
            if left is not None and right is not None and mismatch(left, [right]) is not None:
                return [_issue(table, grid, r, "income_expenditure_mismatch",
                               f"收入总计 {left[0]} 元 differs from 支出总计 {right[0]} 元")]
            return []
    return []


def row_sum_issues(table: Table, grid: Grid, seg: Segment, unit: str) -> list[Issue]:
    """A 合计 column must equal the sum of its sibling columns (same parent header) in every row."""
    labels = sorted(c for c, role in seg.roles.items() if role == "label")
    values = amount_columns(seg)
    issues: list[Issue] = []
    for lc in labels or [-1]:
        owned = [c for c in values if max((x for x in labels if x < c), default=-1) == lc]
        total, siblings = sum_columns(seg, owned)
        if total is None:
            continue
        for r in seg.body_rows:
            amounts = row_amounts(grid, r, {total, *siblings}, unit)
            parts = [amounts[c] for c in siblings if c in amounts]
            got = mismatch(amounts[total], parts) if total in amounts and parts else None
            if got is not None:
                issues.append(_issue(table, grid, r, "row_sum_mismatch",
                                     f"合计 {amounts[total][0]} 元 but the columns beside it add up to {got} 元"))
    return issues[:3]


def sum_columns(seg: Segment, owned: list[int]) -> tuple[Optional[int], list[int]]:
    """(the 合计 column, its sibling columns) among a label's value columns, or (None, []) when there is none."""
    stacks = {c: seg.stacks.get(c, []) for c in owned}
    totals = [c for c in owned if stacks[c] and _is_total_head(stacks[c][-1])]
    if len(totals) != 1:
        return None, []
    head = stacks[totals[0]]
    siblings = [c for c in owned if c != totals[0] and len(stacks[c]) == len(head) and stacks[c][:-1] == head[:-1]
                and not WORDS.not_sibling.search("".join(stacks[c]))]
    return (totals[0], siblings) if len(siblings) >= 2 else (None, [])


def _is_total_head(text: str) -> bool:
    """True for a 合计 / 小计 / 本年支出合计 column header."""
    return is_plain_total(text) or budget_item(text) in ("income_total", "expenditure_total")


def _issue(table: Table, grid: Grid, r: int, code: str, message: str, offset: int = 0) -> Issue:
    """A warning located at row r (+ offset, in the source table) of the table."""
    cells: list[Cell] = row_cells(grid, r)
    return issue(code, f"table {table.index}: {message}", page=table.row_page(r),
                 table_index=table.index, row_index=r + offset, raw=" | ".join(c.text for c in cells))
