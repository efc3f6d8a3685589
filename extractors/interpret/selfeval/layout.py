"""Header rows -> column roles ("bands") and data rows -> the slots under each role, by x position or column."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractors.interpret.selfeval.grid import Row, Slot
from extractors.interpret.tables.header import role_of as shared_role_of
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import word
from extractors.interpret.vocab.headers import header_roles

# Header texts of an indicator table, by role; checked in order, first match wins.
HEADER_ROLES = header_roles("selfeval")
RUBRIC_MARK = word("selfeval", "layout_rubric_mark")


@dataclass(frozen=True)
class Band:
    """A role and the header cell naming it: the columns (and, in PDFs, the x range) the cell covers."""

    role: str
    head: Slot


Layout = tuple[Band, ...]


def role_of(text: str) -> Optional[str]:
    """The role a header cell's text names, or None."""
    return shared_role_of(re.sub(r"\((?:分|%|分值)\)$", "", squeeze(text)), HEADER_ROLES)  # `分值（分）`


def layout_of(row: Row) -> Layout:
    """The bands of a header row (slots without a role are left out)."""
    bands = []
    for slot in row.slots:
        role = role_of(slot.text)
        if role:
            bands.append(Band(role, slot))
    return tuple(bands)


def is_indicator_header(row: Row) -> bool:
    """True for the header row of a 绩效指标 table (levels, a name or target column, and a result column)."""
    if any(RUBRIC_MARK.search(squeeze(s.text)) for s in row.slots):
        return False
    roles = {b.role for b in layout_of(row)}
    has_level = bool(roles & {"level1", "level2", "levels"})
    has_name = bool(roles & {"level3", "target"})
    return has_level and has_name and bool(roles & {"actual", "score"})


def is_rubric_header(row: Row) -> bool:
    """True for the header row of a scoring table (评分表), which another interpreter reads."""
    return any(RUBRIC_MARK.search(squeeze(s.text)) for s in row.slots) and role_of_any(row, "level3", "levels", "level1")


def role_of_any(row: Row, *roles: str) -> bool:
    """True when one of the row's cells is a header for one of roles."""
    return any(role_of(s.text) in roles for s in row.slots)


def _inside(band: Band, slot: Slot) -> bool:
    """True when the slot's centre lies under the band (by x when both know it, else by column)."""
    head = band.head
    if head.x0 is not None and head.x1 is not None and slot.x0 is not None and slot.x1 is not None:
        centre = (slot.x0 + slot.x1) / 2
        return head.x0 <= centre < head.x1
    centre_col = (slot.c0 + slot.c1 + 1) / 2
    return head.c0 <= centre_col < head.c1 + 1


def assign(layout: Layout, row: Row) -> dict[str, list[Slot]]:
    """The row's slots grouped by the role of the band each lies under, in column order."""
    out: dict[str, list[Slot]] = {}
    for slot in row.slots:
        for band in layout:
            if _inside(band, slot):
                out.setdefault(band.role, []).append(slot)
                break
    return out


def fields_of(layout: Layout, row: Row) -> dict[str, Optional[Slot]]:
    """One slot per field (level1, level2, level3, target, actual, unit, weight, score, note) for a data row."""
    groups = assign(layout, row)
    levels = groups.get("levels", [])
    fields: dict[str, Optional[Slot]] = {
        "level1": _first(groups.get("level1")) or (levels[0] if levels else None),
        "level2": _first(groups.get("level2")) or (levels[1] if len(levels) > 1 else None),
    }
    for role in ("level3", "target", "actual", "unit", "weight", "score", "note"):
        fields[role] = _first(groups.get(role))
    if "level3" not in {b.role for b in layout}:  # name and target printed together (指标1：…100%)
        fields["level3"], fields["target"] = fields["target"], None
    return fields


def _first(slots: Optional[list[Slot]]) -> Optional[Slot]:
    return slots[0] if slots else None
