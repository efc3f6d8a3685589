"""The org profile (编制数, 在职 / 退休人数, 内设机构, 公务用车): labelled table cells first, then prose statements."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Iterator, Optional

from extractors.model import Cell, Table
from govreports.errors import Issue
from normalizers.numbers import cn_numeral
from extractors.interpret.issue_codes import issue
from extractors.interpret.vocab.load import Words, keyed_patterns
from normalizers.text import clean_text

FIELDS = ("authorized_staff", "actual_staff", "retired_staff", "internal_units", "vehicles")
# A table label (cleaned, year prefix removed) naming each field.
TABLE_LABELS = dict(keyed_patterns("narrative", "org_profile_label"))
WORDS = Words("narrative", "org_profile")  # this module's patterns in vocab/narrative.toml
# A statement in prose of each field (first one outside brackets wins).
PROSE_PATTERNS = keyed_patterns("narrative", "org_profile_prose")


@dataclass(frozen=True)
class Found:
    """One field's value and the text it was read from."""

    field: str
    value: int
    raw: str
    source: str  # table | prose


def count_of(token: str) -> Optional[int]:
    """A count written in digits or Chinese numerals."""
    if token.isascii() and token.isdigit():
        return int(token)
    value = cn_numeral(token)
    return int(value) if value is not None else None


def label_field(text: str) -> Optional[str]:
    """The field a table label names, if any."""
    label = WORDS.year_prefix.sub("", clean_text(text))
    for name, pattern in TABLE_LABELS.items():
        if pattern.match(label) and (name != "actual_staff" or WORDS.actual_mark.search(label)):
            return name
    return None


def cell_count(cell: Optional[Cell]) -> Optional[int]:
    """The count a cell holds (`28`, `28人`), else None."""
    m = WORDS.count_cell.match(clean_text(cell.text)) if cell is not None else None
    return int(m.group("n")) if m else None


def neighbours(grid: list[list[Optional[Cell]]], r: int, c: int) -> Iterator[Cell]:
    """The first other cell to the right of (r, c), then the first other cell below it."""
    here = grid[r][c]
    right = next((x for x in grid[r][c + 1:] if x is not None and x is not here), None)
    below = next((row[c] for row in grid[r + 1:] if row[c] is not None and row[c] is not here), None)
    yield from (x for x in (right, below) if x is not None)


def table_facts(table: Table) -> Iterator[Found]:
    """Fields whose label cell has a count next to it (to the right, or below in a header row)."""
    grid = table.anchors()
    for cell in table.cells:
        name = label_field(cell.text)
        if name is None:
            continue
        for other in neighbours(grid, cell.row, cell.col):
            value = cell_count(other)
            if value is not None:
                yield Found(name, value, f"{clean_text(cell.text)}: {clean_text(other.text)}", "table")
                break


def outside_brackets(text: str, pos: int) -> bool:
    """True when pos is not inside (…) — bracketed figures describe subordinate units."""
    return text[:pos].count("(") <= text[:pos].count(")")


def prose_facts(text: str) -> Iterator[Found]:
    """Fields stated in a stretch of prose (`核定编制20名`, `现有在编在岗23人`, `我单位有5个内设机构`)."""
    for name, pattern in PROSE_PATTERNS:
        for m in pattern.finditer(text):
            value = count_of(m.group("n"))
            if value is not None and outside_brackets(text, m.start()):
                yield Found(name, value, m.group(0), "prose")
                break


def first_per_field(facts: Iterable[Found]) -> dict[str, Found]:
    """The first fact of each field."""
    out: dict[str, Found] = {}
    for f in facts:
        out.setdefault(f.field, f)
    return out


def conflicts(table: dict[str, Found], prose: dict[str, Found]) -> list[Issue]:
    """A warning for each field where the prose states another figure than the table."""
    return [issue("org_profile_conflict", f"{name}: table says {table[name].value} ({table[name].raw}), prose says {prose[name].value}",
                  raw=prose[name].raw)
            for name in FIELDS if name in table and name in prose and table[name].value != prose[name].value]


def profile(tables: Iterable[Table], prose: Iterable[str]) -> tuple[list[dict[str, object]], list[Issue]]:
    """The org_profile row (none when nothing is stated) and conflict warnings; tables win over prose."""
    from_tables = first_per_field(f for t in tables for f in table_facts(t))
    from_prose = first_per_field(f for text in prose for f in prose_facts(text))
    chosen = {**from_prose, **from_tables}
    if not chosen:
        return [], []
    row: dict[str, object] = {name: chosen[name].value if name in chosen else None for name in FIELDS}
    row["raw"] = " | ".join(chosen[name].raw for name in FIELDS if name in chosen)
    return [row], conflicts(from_tables, from_prose)
