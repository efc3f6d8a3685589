"""parent_item / level on three_public and budgets rows, and the totals the views derive."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

import pytest

from govreports.analyst.hierarchy import derived_totals, functional_parent, with_hierarchy


def tp(item: str, amount: str = "1.00", measure: str = "actual", doc: str = "d1", year: int = 2023) -> dict[str, Any]:
    return {"doc_id": doc, "item": item, "measure": measure, "period_year": year, "amount_yuan": Decimal(amount)}


def bud(item: str, code: Optional[str] = None, scope: str = "department", project: Optional[str] = None,
        amount: str = "1.00") -> dict[str, Any]:
    return {"doc_id": "d1", "scope": scope, "project_name": project, "item": item, "item_label": item,
            "functional_code": code, "measure": "actual", "period_year": 2023, "amount_yuan": Decimal(amount)}


@pytest.mark.parametrize("printed, item, parent, level", [
    (["total", "official_reception", "vehicle_total", "vehicle_purchase"], "vehicle_purchase", "vehicle_total", 2),
    (["total", "official_reception", "vehicle_purchase"], "vehicle_purchase", "total", 2),  # no vehicle_total printed
    (["official_reception", "vehicle_purchase"], "vehicle_purchase", None, 2),  # nothing broader printed
    (["total", "official_reception"], "official_reception", "total", 1),
    (["total", "overseas_travel"], "total", None, 0),
    (["vehicle_total", "vehicle_operation"], "vehicle_operation", "vehicle_total", 2),
])
def test_three_public_parent_is_the_nearest_printed_broader_item(printed: list[str], item: str,
                                                                 parent: Optional[str], level: int) -> None:
    rows = {r["item"]: r for r in with_hierarchy("three_public", [tp(i) for i in printed])}
    assert (rows[item]["parent_item"], rows[item]["level"]) == (parent, level)


def test_parents_never_cross_measure_year_or_document() -> None:
    rows = with_hierarchy("three_public", [tp("total", measure="budget"), tp("official_reception"),
                                           tp("total", year=2022), tp("total", doc="d2")])
    assert rows[1]["parent_item"] is None


def test_where_parent_is_null_never_double_counts() -> None:
    printed = [tp("total", "10.00"), tp("official_reception", "4.00"), tp("vehicle_total", "6.00"),
               tp("vehicle_purchase", "2.00"), tp("vehicle_operation", "4.00"), tp("overseas_travel", "0.00")]
    tops = [r for r in with_hierarchy("three_public", printed) if r["parent_item"] is None]
    assert sum(r["amount_yuan"] for r in tops) == Decimal("10.00")


@pytest.mark.parametrize("row, printed_codes, parent, up, level", [
    (bud("expenditure_personnel"), [], "expenditure_basic", None, 2),
    (bud("expenditure_basic"), [], "expenditure_total", None, 1),
    (bud("functional", "2010350"), ["201", "20103"], "functional", "20103", 3),
    (bud("functional", "2010350"), ["201"], "functional", "201", 3),
    (bud("functional", "201"), ["201"], "expenditure_total", None, 1),
    (bud("project", project="政务中心大厅运行经费"), [], "expenditure_project", None, 2),
    (bud("other"), [], None, None, None),
])
def test_budget_parents(row: dict[str, Any], printed_codes: list[str], parent: Optional[str], up: Optional[str],
                        level: Optional[int]) -> None:
    others = [bud(i) for i in ("expenditure_total", "expenditure_basic", "expenditure_project") if i != row["item"]]
    others += [bud("functional", c) for c in printed_codes if c != row.get("functional_code")]
    placed = with_hierarchy("budgets", [row] + others)[0]
    assert (placed["parent_item"], placed["parent_functional_code"], placed["level"]) == (parent, up, level)


def test_a_projects_funding_lines_hang_under_its_funds_total_not_the_departments() -> None:
    rows = with_hierarchy("budgets", [bud("income_total"), bud("funds_total", scope="project", project="A"),
                                      bud("income_general_budget", scope="project", project="A"),
                                      bud("income_general_budget", scope="project", project="B")])
    assert [r["parent_item"] for r in rows[2:]] == ["funds_total", None]


@pytest.mark.parametrize("code, printed, want", [
    ("2010350", {"20103", "201"}, "20103"), ("2010350", {"201"}, "201"), ("20103", {"201"}, "201"),
    ("201", {"201"}, None), (None, {"201"}, None), ("2010350", set(), None),
])
def test_functional_parent(code: Optional[str], printed: set[str], want: Optional[str]) -> None:
    assert functional_parent(code, printed) == want


def test_a_total_is_derived_only_when_every_part_is_printed() -> None:
    parts = [tp("official_reception", "4.00"), tp("vehicle_purchase", "2.00"), tp("vehicle_operation", "1.50"),
             tp("overseas_travel", "0.00")]
    derived = {r["item"]: r for r in derived_totals("three_public", parts)}
    assert derived["vehicle_total"]["amount_yuan"] == Decimal("3.50")
    assert derived["total"]["amount_yuan"] == Decimal("7.50") and derived["total"]["derived"] is True
    assert derived["total"]["page"] is None and derived["total"]["raw"].startswith("derived:")
    assert derived_totals("three_public", parts[:-1]) == [derived_totals("three_public", parts[:-1])[0]]  # no total
    assert derived_totals("three_public", parts + [tp("total", "7.50"), tp("vehicle_total", "3.50")]) == []


def test_budget_totals_are_derived_with_a_label() -> None:
    rows = derived_totals("budgets", [bud("expenditure_personnel", amount="3.00"), bud("expenditure_public", amount="1.00"),
                                      bud("expenditure_project", amount="5.00")])
    assert [(r["item"], r["item_label"], r["amount_yuan"]) for r in rows] == [
        ("expenditure_basic", "基本支出", Decimal("4.00")), ("expenditure_total", "支出合计", Decimal("9.00"))]
