"""Every target_raw / actual_raw of the shared gold records, read by parse_target / parse_actual, gives the gold values."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from normalizers import clean_text, parse_actual, parse_date, parse_target, strip_score_suffix, to_yuan

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
GOLD = sorted((SHARED / "gold").glob("*.json")) if (SHARED / "gold").is_dir() else []
needs_gold = pytest.mark.skipif(not GOLD, reason="../shared/gold is not next to this checkout")


def _records(dataset: str) -> list[tuple[str, dict[str, Any]]]:
    out: list[tuple[str, dict[str, Any]]] = []
    for path in GOLD:
        for row in json.loads(path.read_text(encoding="utf-8")).get(dataset, []):
            out.append((path.stem[:3], row))
    return out


INDICATORS = _records("indicators")
TARGET_CASES = [
    pytest.param(row["target_raw"], (row["target_op"], row["target_value"], row["target_unit"]),
                 id=f"{stem}-{i}-{row['level3'][:12]}")
    for i, (stem, row) in enumerate(INDICATORS)
]
ACTUAL_CASES = [
    pytest.param(row["actual_raw"], row["target_unit"], (row["actual_value"], row["actual_unit"]),
                 id=f"{stem}-{i}-{row['level3'][:12]}")
    for i, (stem, row) in enumerate(INDICATORS)
]


@needs_gold
def test_gold_has_indicator_rows() -> None:
    assert len(INDICATORS) > 150


@needs_gold
@pytest.mark.parametrize(("raw", "expected"), TARGET_CASES)
def test_gold_target(raw: str | None, expected: tuple[str | None, float | None, str | None]) -> None:
    q = parse_target(raw or "")
    assert (q.op, q.value, q.unit) == expected


@needs_gold
@pytest.mark.parametrize(("raw", "target_unit", "expected"), ACTUAL_CASES)
def test_gold_actual(raw: str | None, target_unit: str | None, expected: tuple[float | None, str | None]) -> None:
    q = parse_actual(raw or "", target_unit)
    assert (q.value, q.unit) == expected
    if raw and raw.strip() and expected[0] is None:
        assert q.op == "text"


LABELS = sorted({row[key] for _, row in INDICATORS for key in ("level1", "level2", "level3") if row[key]})


@needs_gold
@pytest.mark.parametrize("label", LABELS)
def test_gold_labels_are_clean(label: str) -> None:
    assert clean_text(label) == label
    assert strip_score_suffix(label)[1] is None


MONEY = [(stem, row["amount_yuan"]) for ds in ("budgets", "three_public") for stem, row in _records(ds)]


@needs_gold
@pytest.mark.parametrize(("stem", "amount"), sorted(set(MONEY)))
def test_gold_amounts_round_trip(stem: str, amount: str) -> None:
    got = to_yuan(amount, "元")
    assert got == Decimal(amount) and str(got) == amount


@needs_gold
def test_gold_published_date_is_read_from_the_seed() -> None:
    checked = 0
    for path in GOLD:
        doc = json.loads(path.read_text(encoding="utf-8"))["documents"]
        seed = SHARED / "seeds" / f"{path.stem}.txt"
        if not doc.get("published_date") or not seed.is_file():
            continue
        line = next(ln for ln in seed.read_text(encoding="utf-8").splitlines() if "公开日期" in ln)
        after = line[line.index("公开日期"):]
        assert str(parse_date(after)) == doc["published_date"]
        checked += 1
    assert checked >= 1
