"""绩效指标 rows of a self-evaluation form -> `indicators` records (fill-down, page-split rows, multi-indicator cells)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from typing import Optional

from extractors.interpret.records import PROV, TABLE, Row as Record
from extractors.interpret.selfeval.grid import Row, Slot
from extractors.interpret.selfeval.layout import Layout, fields_of
from extractors.interpret.selfeval.text import clean_level, score_of, split_indicators
from extractors.interpret.vocab.load import word
from normalizers import Quantity, clean_text, parse_actual, parse_target, split_trailing_target

VALUE_FIELDS = ("target", "actual", "weight", "score")
_MULTI = word("selfeval", "indicators_multi")


@dataclass
class Item:
    """One data row's slots by field, with its resolved 一级/二级 labels and any text carried from a split row."""

    row: Row
    fields: dict[str, Optional[Slot]]
    level1: Optional[str] = None
    level2: Optional[str] = None
    head: list[str] = field(default_factory=list)  # level3 text printed above a page break


def items_of(pairs: list[tuple[Layout, Row]]) -> list[Item]:
    """Data rows (with the layout in force for each) -> items with their field slots."""
    return [Item(row, fields_of(layout, row)) for layout, row in pairs]


def _text(item: Item, name: str) -> str:
    slot = item.fields.get(name)
    return slot.text if slot else ""


def _raw(item: Item, name: str) -> str:
    slot = item.fields.get(name)
    return slot.cell.text if slot else ""


def _broken(items: list[Item], i: int) -> bool:
    """True when a page or table break lies between items i and i + 1."""
    if i + 1 >= len(items):
        return False
    a, b = items[i].row, items[i + 1].row
    return a.table is not b.table or (a.page is not None and b.page is not None and a.page != b.page)


def _from_next_page(items: list[Item], i: int, name: str) -> Optional[str]:
    """The label of a merged cell whose empty upper part ends a page while its text was printed on the next page."""
    slot = items[i].fields[name]
    j = i
    while j + 1 < len(items) and not _broken(items, j) and _same_cell(items[j + 1].fields[name], slot):
        j += 1
    if not _broken(items, j):
        return None
    below = items[j + 1].fields[name]
    return below.text if below is not None and below.text and below.origin else None


def _same_cell(a: Optional[Slot], b: Optional[Slot]) -> bool:
    return a is not None and b is not None and a.cell is b.cell


def resolve_levels(items: list[Item]) -> None:
    """Fill 一级/二级 labels down merged and blank cells, across page breaks, in place."""
    prev1: Optional[str] = None
    prev2: Optional[str] = None
    for i, item in enumerate(items):
        level1 = clean_level(_text(item, "level1") or _from_next_page(items, i, "level1")) or prev1
        own2 = clean_level(_text(item, "level2") or _from_next_page(items, i, "level2"))
        level2 = own2 or (prev2 if level1 == prev1 else None)
        item.level1, item.level2 = level1, level2
        prev1, prev2 = level1, level2


def _starts_here(item: Item) -> bool:
    """False for a row that only repeats cells merged down from the row above (nothing new is printed in it)."""
    return any(slot is not None and slot.origin for name, slot in item.fields.items() if name not in ("level1", "level2"))


def _valueless(item: Item) -> bool:
    return not any(_text(item, name) for name in VALUE_FIELDS)


def join_split_rows(items: list[Item]) -> list[Item]:
    """Join an indicator whose name was cut by a page break (upper part without values) to its lower part."""
    out: list[Item] = []
    carry: list[str] = []
    for i, item in enumerate(items):
        name = _text(item, "level3")
        if name and _valueless(item) and _broken(items, i) and _text(items[i + 1], "level3"):
            carry.append(_raw(item, "level3"))
            continue
        out.append(replace(item, head=carry) if carry else item)
        carry = []
    return out


def _parts(text: str, n: int) -> list[str]:
    """A target/actual cell split per indicator when it numbers them like the names, else the cell for each."""
    if n > 1 and len(_MULTI.findall(text)) == n:
        return split_indicators(text)
    return [text] * n


def _number(slot: Optional[Slot]) -> Optional[float]:
    """分值/得分 of a row: only where the (possibly merged) cell starts, so a group total goes to its first row."""
    return score_of(slot.text) if slot is not None and slot.origin else None


def records_of(item: Item, scope: str, project: Optional[str]) -> list[Record]:
    """One item -> its indicator records (one per indicator named in the 三级指标 cell)."""
    if not _text(item, "level3") or not _starts_here(item):
        return []
    names = split_indicators("".join(item.head) + _raw(item, "level3"))
    targets = _parts(_raw(item, "target"), len(names))
    actuals = _parts(_raw(item, "actual"), len(names))
    note = _text(item, "note") or None
    unit = clean_text(_text(item, "unit"))  # a separate 计量单位 column: both values are in it
    out = []
    for k, (name, target_raw, actual_raw) in enumerate(zip(names, targets, actuals)):
        level3, target_raw = _name_and_target(name, target_raw)
        target_raw, actual_raw = (with_unit(target_raw, unit), with_unit(actual_raw, unit)) if unit else (
            target_raw, actual_raw)
        out.append(_record(item, scope, project, level3, target_raw, actual_raw, note, first=k == 0))
    return out


def with_unit(raw: str, unit: str) -> str:
    """A value printed without its unit, joined to the unit column's (`≥100` + `人次`); other text unchanged."""
    text = clean_text(raw)
    return text + unit if text and unit not in text and re.search(r"\d$", text) else raw


def _name_and_target(name: str, target_raw: str) -> tuple[str, str]:
    """Split a target printed at the end of the name (`…办结率100%`) when the form has no target of its own."""
    if clean_text(target_raw):
        return clean_text(name), target_raw.strip()
    label, tail = split_trailing_target(clean_text(name))
    return label, tail or ""


def _record(item: Item, scope: str, project: Optional[str], level3: str, target_raw: str, actual_raw: str,
            note: Optional[str], first: bool) -> Record:
    """The indicators row for one indicator of an item."""
    target: Quantity = parse_target(target_raw) if target_raw.strip() else Quantity(None, None, None)
    actual: Quantity = parse_actual(actual_raw, target.unit) if actual_raw.strip() else Quantity(None, None, None)
    row = item.row
    return {
        "scope": scope, "project_name": project, "level1": item.level1, "level2": item.level2, "level3": level3,
        "target_raw": target_raw.strip() or None, "target_op": target.op, "target_value": target.value,
        "target_unit": target.unit, "actual_raw": actual_raw.strip() or None,
        "actual_value": actual.value, "actual_unit": actual.unit,
        "weight": _number(item.fields.get("weight")) if first else None,
        "score": _number(item.fields.get("score")) if first else None,
        "note": note, "page": row.page, "table_index": row.table.index, "row_index": row.r, "raw": row.raw,
        PROV: TABLE,
    }


def indicator_records(pairs: list[tuple[Layout, Row]], scope: str, project: Optional[str]) -> list[Record]:
    """The 绩效指标 block of one form (data rows with their layouts) -> indicator records in order."""
    items = items_of(pairs)
    resolve_levels(items)
    return [rec for item in join_split_rows(items) for rec in records_of(item, scope, project)]
