"""Every 三公 table the corpus prints ends up in `three_public`, and its total either adds up or an issue says why.

The expectation is read from the table independently of the interpreter: a printed amount under a column whose
header names a 三公 item (not 会议费 / 培训费 / 机关运行经费, nor the grand 合计 of those) must be a row.
"""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable

import pytest

pytestmark = pytest.mark.corpus

THREE_PUBLIC_WORD = re.compile(r"三公|因公出国|公务接待|公务用车|购置|运行")
OTHER_WORD = re.compile(r"会议|培训|机关运行")
UNIT = {"万元": Decimal(10000), "元": Decimal(1), "千元": Decimal(1000)}


def is_three_public_table(table: Any) -> bool:
    """A table captioned as a 三公经费 table."""
    return any("三公" in re.sub(r"\s+", "", c) for c in table.caption[-3:])


def unit_of(table: Any) -> Decimal:
    """The money unit the caption prints (万元 when it prints none)."""
    for line in reversed(table.caption):
        m = re.search(r"单位[:：]\s*(万元|千元|元)", re.sub(r"\s+", "", line))
        if m:
            return UNIT[m.group(1)]
    return UNIT["万元"]


def printed_amounts(table: Any) -> list[Decimal]:
    """The amounts printed under 三公 columns, in 元."""
    grid = table.text_grid()
    first = next((r for r, row in enumerate(grid) if any(re.fullmatch(r"[\d,.]+", x.strip()) for x in row)), None)
    if first is None:
        return []
    out = []
    for c in range(table.n_cols):
        header = "".join(grid[r][c] for r in range(first)).replace("\n", "")
        if not THREE_PUBLIC_WORD.search(header) or OTHER_WORD.search(header):
            continue
        for r in range(first, len(grid)):
            text = grid[r][c].strip().replace(",", "")
            if re.fullmatch(r"\d+(?:\.\d+)?", text):
                out.append((Decimal(text) * unit_of(table)).quantize(Decimal("0.01")))
    return out


def test_every_three_public_table_is_read(corpus_files: list[Path], extracted: Callable[[Path], Any]) -> None:
    tables = 0
    for path in (p for p in corpus_files if p.suffix.lower() == ".pdf"):
        f = extracted(path)
        for table in (t for t in f.doc.tables() if is_three_public_table(t)):
            want = printed_amounts(table)
            got = [r["amount_yuan"] for r in f.records["three_public"] if r["table_index"] == table.index]
            assert sorted(got) == sorted(want), (path.name, table.index, want, got)
            tables += 1
    assert tables >= 30


def test_three_public_totals_add_up_or_an_issue_explains(corpus_files: list[Path],
                                                         extracted: Callable[[Path], Any]) -> None:
    checked = 0
    for path in (p for p in corpus_files if p.suffix.lower() == ".pdf"):
        f = extracted(path)
        groups: dict[tuple[str, int], dict[str, Decimal]] = defaultdict(dict)
        for r in f.records["three_public"]:
            groups[(r["measure"], r["period_year"])][r["item"]] = r["amount_yuan"]
        mismatches = 0
        for items in groups.values():
            vehicle = items.get("vehicle_total")
            if vehicle is None and ("vehicle_purchase" in items or "vehicle_operation" in items):
                vehicle = items.get("vehicle_purchase", Decimal(0)) + items.get("vehicle_operation", Decimal(0))
            parts = [items.get("official_reception"), vehicle, items.get("overseas_travel")]
            if "total" in items and any(p is not None for p in parts):
                checked += 1
                mismatches += abs(items["total"] - sum((p for p in parts if p is not None), Decimal(0))) > 100
        assert len(f.issues("three_public_sum_mismatch")) == mismatches, path.name
    assert checked >= 30
