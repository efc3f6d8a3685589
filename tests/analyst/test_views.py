"""facts_* views: one row per fact from the best source, the losing documents kept, totals derived where implied."""
from __future__ import annotations

from datetime import date, datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

import pyarrow.parquet as pq
import pytest

from govreports.analyst.enrich import enrich_rows, org_key_of
from govreports.analyst.publish import publish
from govreports.store import write_document


def doc(doc_id: str, org: str, file_name: str, published: Optional[date] = None) -> dict[str, Any]:
    return {"doc_id": doc_id, "file_name": file_name, "file_format": "pdf", "source_url": None, "title": None,
            "doc_type": "budget", "org_name": org, "region": None, "fiscal_year": 2025, "publisher": None,
            "index_no": None, "published_date": published, "page_count": 9, "status": "ok",
            "extracted_at": datetime(2026, 1, 1, tzinfo=timezone.utc), "pipeline_version": "t",
            "source_key": file_name, "org_suffix": None, "sha256": doc_id * 4, "org_key": org_key_of(org)}


def tp(doc_id: str, org: str, item: str, amount: str, table: Optional[int] = 0,
       measure: str = "budget") -> dict[str, Any]:
    return {"doc_id": doc_id, "org_name": org, "fiscal_year": 2025, "page": 3 if table is not None else 5,
            "table_index": table, "row_index": 1 if table is not None else None, "raw": item, "item": item,
            "measure": measure, "period_year": 2025, "amount_yuan": Decimal(amount)}


def store(out: Path, document: dict[str, Any], rows: list[dict[str, Any]]) -> None:
    write_document(out, document, {"three_public": enrich_rows("three_public", rows)})


@pytest.fixture()
def curated(tmp_path: Path) -> Path:
    a, b, c = "a" * 16, "b" * 16, "c" * 16
    # the 单位 budget of the office: prints the parts only
    store(tmp_path, doc(a, "中共江苏省委办公厅", "江苏省委办公厅单位25年预算.pdf"), [
        tp(a, "中共江苏省委办公厅", "official_reception", "10.00"), tp(a, "中共江苏省委办公厅", "vehicle_total", "5.00"),
        tp(a, "中共江苏省委办公厅", "overseas_travel", "1.00")])
    # the 部门 budget of the same office under its long name: a table and the prose disagree on reception
    store(tmp_path, doc(b, "中国共产党江苏省委员会办公厅", "江苏省委办公厅部门25年预算.pdf"), [
        tp(b, "中国共产党江苏省委员会办公厅", "official_reception", "12.00", table=None),
        tp(b, "中国共产党江苏省委员会办公厅", "vehicle_total", "5.00")])
    # another unit
    store(tmp_path, doc(c, "江苏省政协办公厅", "政协25年预算.pdf"), [tp(c, "江苏省政协办公厅", "total", "7.00")])
    publish(tmp_path)
    return tmp_path


def facts(curated: Path) -> dict[tuple[str, str], dict[str, Any]]:
    rows = pq.read_table(curated / "facts_three_public").to_pylist()
    return {(r["org_key"], r["item"]): r for r in rows}


def test_one_row_per_fact_across_printed_name_variants(curated: Path) -> None:
    f = facts(curated)
    assert sorted(k for k in f) == sorted([
        ("江苏省委办公厅", "official_reception"), ("江苏省委办公厅", "vehicle_total"),
        ("江苏省委办公厅", "overseas_travel"), ("江苏省委办公厅", "total"), ("江苏省政协办公厅", "total")])


def test_a_table_beats_prose_and_the_loser_is_kept(curated: Path) -> None:
    row = facts(curated)[("江苏省委办公厅", "official_reception")]
    assert (row["doc_id"], row["amount_yuan"], row["source"]) == ("a" * 16, Decimal("10.00"), "table")
    assert row["other_doc_ids"] == ["b" * 16] and row["n_sources"] == 2 and row["sources_agree"] is False


def test_the_department_document_beats_the_unit_document(curated: Path) -> None:
    row = facts(curated)[("江苏省委办公厅", "vehicle_total")]
    assert row["doc_id"] == "b" * 16 and row["other_doc_ids"] == ["a" * 16] and row["sources_agree"] is True


def test_a_total_only_implied_is_derived_and_tops_the_hierarchy(curated: Path) -> None:
    f = facts(curated)
    total = f[("江苏省委办公厅", "total")]
    assert total["derived"] is True and total["source"] == "derived" and total["amount_yuan"] == Decimal("16.00")
    assert total["parent_item"] is None and f[("江苏省委办公厅", "official_reception")]["parent_item"] == "total"
    tops = [r for r in f.values() if r["parent_item"] is None]
    assert sorted(r["amount_yuan"] for r in tops) == [Decimal("7.00"), Decimal("16.00")]


def test_a_newer_published_version_wins(tmp_path: Path) -> None:
    old, new = "d" * 16, "e" * 16
    store(tmp_path, doc(old, "某局", "old.pdf", date(2025, 1, 1)), [tp(old, "某局", "total", "1.00")])
    store(tmp_path, doc(new, "某局", "new.pdf", date(2025, 6, 1)), [tp(new, "某局", "total", "2.00")])
    publish(tmp_path)
    assert facts(tmp_path)[("某局", "total")]["doc_id"] == new


def test_views_are_rewritten_not_appended(curated: Path) -> None:
    before = pq.read_table(curated / "facts_three_public").num_rows
    publish(curated)
    assert pq.read_table(curated / "facts_three_public").num_rows == before
    assert not [p for p in curated.iterdir() if p.name.startswith(".facts")]


def test_a_crash_while_enriching_keeps_the_rows_and_says_why(monkeypatch: pytest.MonkeyPatch) -> None:
    from govreports.analyst import enrich

    def broken(*_: Any) -> list[dict[str, Any]]:
        raise KeyError("item")

    monkeypatch.setattr(enrich, "with_hierarchy", broken)
    issues: list[Any] = []
    rows = [tp("a" * 16, "某局", "total", "1.00")]
    assert enrich_rows("three_public", rows, issues) == rows
    assert [i.code for i in issues] == ["enrich_crashed"]


def test_data_written_before_the_analyst_columns_still_reads_and_publishes(tmp_path: Path) -> None:
    a = "a" * 16
    store(tmp_path, doc(a, "中共某县委办公室", "a.pdf"), [tp(a, "中共某县委办公室", "total", "3.00")])
    for name, column in (("documents", "org_key"), ("three_public", "parent_item")):
        for path in (tmp_path / name).glob("fiscal_year=2025/*.parquet"):  # as an older version wrote them
            t = pq.read_table(path, partitioning=None)
            pq.write_table(t.drop_columns([column]), path)
    for path in tmp_path.glob("*/fiscal_year=0/empty.parquet"):
        path.unlink()
    from govreports.store import read_dataset

    assert read_dataset(tmp_path, "documents").column("org_key").to_pylist() == [None]
    publish(tmp_path)
    row = pq.read_table(tmp_path / "facts_three_public").to_pylist()[0]
    assert (row["org_key"], row["parent_item"], row["amount_yuan"]) == ("某县委办公室", None, Decimal("3.00"))


@pytest.mark.parametrize("a, b, same", [
    ({"project_name": "培训、管理专项经费"}, {"project_name": "培训管理专项经费"}, True),
    ({"item_label": "行政运行", "functional_code": "2010301"}, {"item_label": "行政运行(项)", "functional_code": "2010301"},
     True),
    ({"item_label": "政务中心大厅运行经费"}, {"item_label": "电子政务经费"}, False),
    ({"level3": "群众满意率"}, {"level3": "群众 满意率"}, True),
])
def test_fact_identity(a: dict[str, Any], b: dict[str, Any], same: bool) -> None:
    from govreports.analyst.views import identity

    keys = ("project_name", "item_label", "functional_code", "level3")
    base = {"doc_id": "x", "org_key": "某局", "fiscal_year": 2025}
    assert (identity({**base, **a}, keys) == identity({**base, **b}, keys)) is same
