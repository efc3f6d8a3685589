"""A segment's column groups -> lines the table prints only as the sum of a group (基本支出 over 人员支出 | 公用支出)."""
from __future__ import annotations

from decimal import Decimal
from typing import Optional

from extractors.interpret.money.grid import Segment
from extractors.interpret.money.items import budget_item
from extractors.interpret.records import Row

# A group line and the part lines printed under it.
GROUPS = {"expenditure_basic": ("expenditure_personnel", "expenditure_public")}


def group_label(seg: Segment, item: str) -> Optional[str]:
    """The header text of a group naming item that spans part columns, when no column of its own names it."""
    parts = GROUPS[item]
    label = None
    for c, role in seg.roles.items():
        if role != "value":
            continue
        entries = [e for e in seg.stacks.get(c, []) if e.strip()]
        if entries and budget_item(entries[-1]) == item:
            return None  # a 基本支出 column of its own: the table prints the line
        if entries and budget_item(entries[-1]) in parts:
            label = next((e for e in entries[:-1] if budget_item(e) == item), label)
    return label


def group_sums(found: list[tuple[str, Row]], seg: Segment) -> list[tuple[str, Row]]:
    """found plus, for each group line printed only as its parts' columns, one row per table row giving every part."""
    out = list(found)
    for item, parts in GROUPS.items():
        label = group_label(seg, item)
        if label is None:
            continue
        by_row: dict[tuple[object, ...], dict[str, Row]] = {}
        for dataset, row in found:
            if dataset == "budgets" and row["item"] in parts + (item,) and row["amount_yuan"] is not None:
                by_row.setdefault((row["row_index"], row["measure"], row["period_year"]), {})[row["item"]] = row
        for got in by_row.values():
            if item in got or not all(p in got for p in parts):
                continue
            first = got[parts[0]]
            total = sum((got[p]["amount_yuan"] for p in parts), Decimal(0))
            out.append(("budgets", {**first, "item": item, "item_label": label.replace(" ", ""), "amount_yuan": total}))
    return out
