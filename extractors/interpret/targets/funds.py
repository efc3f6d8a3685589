"""The money form rows of a 绩效目标表 block (`年度资金申请总额 | 4,100,000.00`) -> project `budgets` rows + a sum check."""
from __future__ import annotations

import re
from decimal import Decimal
from typing import Optional

from extractors.interpret.money.cells import amount_of, bare_label, cell_kind, unit_of
from extractors.interpret.money.context import default_measure
from extractors.interpret.records import TOLERANCE, PROV, TABLE, DocMeta, Row
from extractors.interpret.vocab.items import item_of
from extractors.interpret.issue_codes import issue
from extractors.interpret.text import YEAR, squeeze
from extractors.model import Table
from govreports.errors import Issue



def label_item(text: str) -> Optional[str]:
    """The money item a form label names, or None."""
    return item_of(squeeze(text), "targets")


def form_pairs(grid: list[list[str]], first: int, end: int, headers: set[int]) -> list[tuple[int, str, str, str]]:
    """(row, item, label, amount text) for each money label followed by an amount, before the indicator header."""
    pairs = []
    for r in range(first, end):
        row = grid[r]
        if r in headers:
            break
        for c, text in enumerate(row):
            item = label_item(text)
            if item is None:
                continue
            value = next((t for t in row[c + 1:] if squeeze(t) and squeeze(t) != squeeze(text)), "")
            if cell_kind(value) == "num":
                pairs.append((r, item, bare_label(text), value))
    return pairs


def block_year(grid: list[list[str]], first: int, meta: DocMeta) -> Optional[int]:
    """The year a form block's title prints (`（2023年度）`), else the document's fiscal year."""
    for row in grid[max(0, first - 3): first + 1]:
        m = YEAR.search(squeeze(row[0]) if row else "")
        if m:
            return int(m.group(1))
    return meta.fiscal_year


def block_unit(grid: list[list[str]], first: int, end: int, caption: list[str]) -> Optional[str]:
    """The money unit printed in the block's cells (`项目资金（元）`), else in the caption."""
    texts = [t for row in grid[first:end] for t in row] + list(reversed(caption))
    return next((u for u in (unit_of(t) or _paren_unit(t) for t in texts) if u), None)


def _paren_unit(text: str) -> Optional[str]:
    """`项目资金(元)` / `资金（万元）` -> the unit in the parentheses."""
    m = re.search(r"资金[(（](万元|元|千元)[)）]", squeeze(text))
    return m.group(1) if m else None


def block_funds(table: Table, meta: DocMeta, blocks: list[tuple[int, int, Optional[str]]], headers: set[int]
                ) -> tuple[list[Row], list[Issue]]:
    """The project money rows of every block with a project name, and a warning when the sources do not add up."""
    grid = table.text_grid()
    rows: list[Row] = []
    issues: list[Issue] = []
    for first, end, project in blocks:
        pairs = form_pairs(grid, first, end, headers)
        unit = block_unit(grid, first, end, table.caption)
        if not project or not pairs or unit is None:
            continue
        year = block_year(grid, first, meta)
        found: dict[str, Row] = {}
        for r, item, label, value in pairs:
            found[item] = fund_row(table, r, item, label, amount_of(value, unit), project, year, meta)
        if "funds_total" not in found and "project_total" in found:
            found["funds_total"] = {**found["project_total"], "item": "funds_total"}
        found.pop("project_total", None)
        rows.extend(r for r in found.values() if r["amount_yuan"] is not None and r["period_year"] is not None)
        issues.extend(sum_issue(found, table, project))
    return rows, issues


def fund_row(table: Table, r: int, item: str, label: str, amount: Optional[Decimal], project: str,
             year: Optional[int], meta: DocMeta) -> Row:
    """One project budgets row."""
    return {"scope": "project", "project_name": project, "item": item, "item_label": label,
            "functional_code": None, "measure": default_measure("", meta), "period_year": year,
            "amount_yuan": amount, "page": table.row_page(r), "table_index": table.index, "row_index": r,
            "raw": " | ".join(dict.fromkeys(t for t in table.text_grid()[r] if t.strip())), PROV: TABLE}


def sum_issue(found: dict[str, Row], table: Table, project: str) -> list[Issue]:
    """`project_funds_sum_mismatch` when 当年财政拨款 + 上年结转 + 其他资金 differs from the 年度 total."""
    total = found.get("funds_total", {}).get("amount_yuan")
    parts = [found[k]["amount_yuan"] for k in ("income_general_budget", "income_carryover", "income_other")
             if k in found and found[k]["amount_yuan"] is not None]
    if total is None or not parts or abs(total - sum(parts, Decimal(0))) <= TOLERANCE:
        return []
    return [issue("project_funds_sum_mismatch", f"{project}: 年度资金总额 {total} 元 but its sources add up to {sum(parts, Decimal(0))} 元",
                  page=table.page, table_index=table.index, raw=found["funds_total"]["raw"])]
