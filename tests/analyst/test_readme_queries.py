"""The README's three DuckDB queries run on the demo data and give the hand-checked answers (三公 figures as in
../shared/gold, which hand-checked them; indicators checked one by one against the reports)."""
from __future__ import annotations

import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

README = Path(__file__).resolve().parents[2] / "README.md"
CENTER, JUNSHAN, MILUO = "湖南省岳阳市汨罗市人民政府政务服务中心", "湖南省岳阳市君山区行政审批服务局", "湖南省岳阳市汨罗市行政审批服务局"


def readme_query(name: str) -> str:
    """The ```sql block after `<!-- query: name -->` in README.md."""
    m = re.search(rf"<!-- query: {name} -->\s*```sql\n(.*?)```", README.read_text(encoding="utf-8"), re.S)
    assert m, f"README has no query {name}"
    return m.group(1)


def run(name: str, curated: Path) -> list[tuple[Any, ...]]:
    duckdb = pytest.importorskip("duckdb")
    sql = readme_query(name).replace("data/curated/", f"{curated.as_posix()}/")
    return [tuple(r) for r in duckdb.connect().sql(sql).fetchall()]


def test_three_public_total_by_unit_year_and_measure(demo_curated: Path) -> None:
    assert run("three_public_total", demo_curated) == [
        (JUNSHAN, 2020, "actual", Decimal("166500.00")),
        (CENTER, 2018, "actual", Decimal("45400.00")),
        (CENTER, 2018, "budget", Decimal("47000.00")),
        (MILUO, 2023, "actual", Decimal("3500.00")),
        (MILUO, 2023, "budget", Decimal("28000.00")),
    ]


def test_reception_budget_vs_actual(demo_curated: Path) -> None:
    assert run("reception_budget_vs_actual", demo_curated) == [
        (JUNSHAN, 2020, None, Decimal("80000.00")),
        (CENTER, 2018, Decimal("47000.00"), Decimal("45400.00")),
        (MILUO, 2023, Decimal("28000.00"), Decimal("3500.00")),
    ]


def test_share_of_indicators_met(demo_curated: Path) -> None:
    rows = run("share_of_indicators_met", demo_curated)
    assert [r[:5] for r in rows] == [(JUNSHAN, 2020, 16, 6, 6), (CENTER, 2018, 24, 18, 18), (MILUO, 2023, 72, 67, 67)]
    assert [float(r[5]) for r in rows] == [1.0, 1.0, 1.0]
