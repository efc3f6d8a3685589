"""Money rows -> the same rows with parent_item / level (and, for the facts views, derived totals)."""
from __future__ import annotations

from collections import defaultdict
from decimal import Decimal
from typing import Any, Iterable, Optional

from govreports.analyst.vocab import vocab

Row = dict[str, Any]
FUNCTIONAL_LEVELS = {3: 1, 5: 2, 7: 3}  # 类 201, 款 20103, 项 2010350


def group_of(dataset: str, row: Row, owner: str = "doc_id") -> tuple[Any, ...]:
    """The rows one hierarchy spans: one document's (owner's) measure and year (budgets: also scope, a project, a fund)."""
    key = (row.get(owner), row.get("measure"), row.get("period_year"))
    if dataset == "budgets":
        project = row.get("project_name") if row.get("scope") == "project" else None
        return key + (row.get("scope"), project, row.get("fund"))
    return key


def _grouped(dataset: str, rows: Iterable[Row], owner: str = "doc_id") -> dict[tuple[Any, ...], list[Row]]:
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in rows:
        groups[group_of(dataset, row, owner)].append(row)
    return groups


def functional_parent(code: Optional[str], codes: set[str]) -> Optional[str]:
    """The nearest printed 类/款 code a 功能分类 code falls under (2010350 -> 20103 or 201), else None."""
    if not code:
        return None
    for size in (5, 3):
        if len(code) > size and code[:size] in codes:
            return code[:size]
    return None


def _place(dataset: str, row: Row, items: set[str], codes: set[str]) -> Row:
    table = vocab()[dataset]
    item = row["item"]
    parent = next((p for p in table["parents"].get(item, []) if p in items), None)
    level = table["levels"].get(item)
    extra: Row = {}
    if dataset == "budgets":
        code = row.get("functional_code") if item == "functional" else None
        up = functional_parent(code, codes)
        extra["parent_functional_code"] = up
        if up:
            parent = "functional"
        if code:
            level = FUNCTIONAL_LEVELS.get(len(code))
    return {**row, "parent_item": parent, "level": level, **extra}


def with_hierarchy(dataset: str, rows: list[Row], owner: str = "doc_id") -> list[Row]:
    """Each three_public / budgets row with parent_item (the nearest broader item printed alongside) and level."""
    placed: dict[int, Row] = {}
    for group in _grouped(dataset, rows, owner).values():
        items = {r["item"] for r in group}
        codes = {r["functional_code"] for r in group if r.get("item") == "functional" and r.get("functional_code")}
        for row in group:
            placed[id(row)] = _place(dataset, row, items, codes)
    return [placed[id(r)] for r in rows]


def _derived_row(rule: dict[str, Any], parts: dict[str, Row]) -> Row:
    first = parts[rule["parts"][0]]
    amount = sum((parts[p]["amount_yuan"] for p in rule["parts"]), Decimal(0))
    row: Row = {k: first.get(k) for k in ("doc_id", "org_name", "fiscal_year", "measure", "period_year", "scope",
                                          "project_name", "fund") if k in first}
    if "item_label" in first:
        row["item_label"] = rule.get("label", rule["item"])
    return {**row, "item": rule["item"], "amount_yuan": amount, "page": None, "table_index": None, "row_index": None,
            "raw": "derived: " + " + ".join(rule["parts"]), "derived": True}


def derived_totals(dataset: str, rows: list[Row]) -> list[Row]:
    """Totals a document does not print but whose every part it prints, one row per missing total (derived=True)."""
    out: list[Row] = []
    for group in _grouped(dataset, rows).values():
        by_item = {r["item"]: r for r in group}
        for rule in vocab()[dataset].get("derive", []):
            if rule["item"] not in by_item and all(p in by_item for p in rule["parts"]):
                row = _derived_row(rule, by_item)
                by_item[rule["item"]] = row
                out.append(row)
    return out
