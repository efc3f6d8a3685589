"""The curated writer: hive partitions, exact replacement of a document's rows, atomic writes."""
from __future__ import annotations

from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pandas as pd
import pyarrow.parquet as pq
import pytest

from govreports import store
from govreports.store import read_dataset, write_document
from schemas import SchemaViolation


def _doc(doc_id: str, year: int | None, key: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "file_name": f"{doc_id}.pdf", "file_format": "pdf", "source_url": None, "title": None,
            "doc_type": "final_accounts", "org_name": "某局", "region": None, "fiscal_year": year, "publisher": None,
            "index_no": None, "published_date": None, "page_count": 1, "status": "ok",
            "extracted_at": datetime(2026, 1, 1, tzinfo=timezone.utc), "pipeline_version": "t",
            "source_key": key, "org_suffix": None, "sha256": doc_id * 4}


def _budget(doc_id: str, year: int, amount: str) -> dict[str, Any]:
    return {"doc_id": doc_id, "org_name": "某局", "fiscal_year": year, "page": 1, "table_index": 0, "row_index": 1,
            "raw": "x", "scope": "department", "project_name": None, "item": "income_total", "item_label": "收入合计",
            "functional_code": None, "measure": "actual", "period_year": year, "amount_yuan": Decimal(amount)}


def test_rows_are_hive_partitioned_and_read_back_exactly(tmp_path: Path) -> None:
    write_document(tmp_path, _doc("a" * 16, 2023, "k1"), {"budgets": [_budget("a" * 16, 2023, "40500.00")]})
    assert (tmp_path / "budgets" / "fiscal_year=2023" / f"{'a' * 16}.parquet").exists()
    df = pd.read_parquet(tmp_path / "budgets")
    assert df["amount_yuan"].tolist() == [Decimal("40500.00")]
    assert int(df["fiscal_year"].astype(int).iloc[0]) == 2023
    assert read_dataset(tmp_path, "budgets").schema.field("fiscal_year").type == "int16"


def test_rewriting_a_document_replaces_only_its_rows(tmp_path: Path) -> None:
    a, b = "a" * 16, "b" * 16
    write_document(tmp_path, _doc(a, 2023, "ka"), {"budgets": [_budget(a, 2023, "1.00")]})
    write_document(tmp_path, _doc(b, 2022, "kb"), {"budgets": [_budget(b, 2022, "2.00")]})
    write_document(tmp_path, _doc(a, 2023, "ka"), {"budgets": [_budget(a, 2023, "3.00"), _budget(a, 2023, "4.00")]})
    got = sorted(read_dataset(tmp_path, "budgets").column("amount_yuan").to_pylist())
    assert got == [Decimal("2.00"), Decimal("3.00"), Decimal("4.00")]
    assert read_dataset(tmp_path, "documents").num_rows == 2


def test_a_new_version_of_the_same_source_replaces_the_old_one(tmp_path: Path) -> None:
    old, new = "c" * 16, "d" * 16
    write_document(tmp_path, _doc(old, 2023, "same-url"), {"budgets": [_budget(old, 2023, "1.00")]})
    write_document(tmp_path, _doc(new, 2024, "same-url"), {"budgets": [_budget(new, 2024, "2.00")]})
    docs = read_dataset(tmp_path, "documents")
    assert docs.column("doc_id").to_pylist() == [new]
    assert read_dataset(tmp_path, "budgets").column("amount_yuan").to_pylist() == [Decimal("2.00")]


def test_an_unknown_fiscal_year_goes_to_partition_0_and_reads_back_as_null(tmp_path: Path) -> None:
    write_document(tmp_path, _doc("e" * 16, None, "ke"), {})
    assert (tmp_path / "documents" / "fiscal_year=0" / f"{'e' * 16}.parquet").exists()
    assert read_dataset(tmp_path, "documents").column("fiscal_year").to_pylist() == [None]


def test_empty_datasets_still_load_with_their_schema(tmp_path: Path) -> None:
    write_document(tmp_path, _doc("f" * 16, 2023, "kf"), {})
    table = read_dataset(tmp_path, "indicators")
    assert table.num_rows == 0 and "target_op" in table.column_names
    anchor = pq.read_schema(tmp_path / "indicators" / "fiscal_year=0" / "empty.parquet")
    assert anchor.field("level3").type == "string"
    assert anchor.metadata[b"schema_version"] and anchor.field("level3").metadata[b"description"]
    assert not (tmp_path / "indicators" / "_common_metadata").exists()  # Polars refuses mixed file extensions


def test_a_crash_mid_write_leaves_the_previous_data_readable(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    a = "a" * 16
    write_document(tmp_path, _doc(a, 2023, "ka"), {"budgets": [_budget(a, 2023, "1.00")]})
    real = pq.write_table

    def dying(table: Any, where: str, **kw: Any) -> None:
        real(table.slice(0, 0), where, **kw)  # a half-written temp file, then the process "dies"
        raise OSError("disk full")

    monkeypatch.setattr(store.pq, "write_table", dying)
    with pytest.raises(OSError):
        write_document(tmp_path, _doc(a, 2023, "ka"), {"budgets": [_budget(a, 2023, "9.00")]})
    monkeypatch.undo()
    assert read_dataset(tmp_path, "budgets").column("amount_yuan").to_pylist() == [Decimal("1.00")]
    assert read_dataset(tmp_path, "documents").num_rows == 1


def test_a_row_that_breaks_the_contract_is_refused(tmp_path: Path) -> None:
    bad = _budget("a" * 16, 2023, "1.00") | {"measure": "estimated"}
    with pytest.raises(SchemaViolation):
        write_document(tmp_path, _doc("a" * 16, 2023, "ka"), {"budgets": [bad]})


def test_float_money_is_refused(tmp_path: Path) -> None:
    bad = _budget("a" * 16, 2023, "1.00") | {"amount_yuan": 1.0}
    with pytest.raises(SchemaViolation):
        write_document(tmp_path, _doc("a" * 16, 2023, "ka"), {"budgets": [bad]})


def test_duckdb_reads_the_datasets_without_extra_arguments(tmp_path: Path) -> None:
    duckdb = pytest.importorskip("duckdb")
    write_document(tmp_path, _doc("a" * 16, 2023, "ka"), {"budgets": [_budget("a" * 16, 2023, "40500.00")]})
    write_document(tmp_path, _doc("b" * 16, None, "kb"), {})
    got = duckdb.sql(f"select amount_yuan, fiscal_year from read_parquet('{tmp_path}/budgets/**/*.parquet', "
                     "hive_partitioning=true)").fetchall()
    assert got == [(Decimal("40500.00"), 2023)]
    n = duckdb.sql(f"select count(*) from read_parquet('{tmp_path}/documents/**/*.parquet', hive_partitioning=true)")
    assert n.fetchall() == [(2,)]


def test_datasets_with_unknown_years_load_in_pandas_and_pyarrow(tmp_path: Path) -> None:
    write_document(tmp_path, _doc("e" * 16, None, "ke"), {})
    assert pd.read_parquet(tmp_path / "documents")["fiscal_year"].astype(int).tolist() == [0]
    write_document(tmp_path, _doc("f" * 16, 2023, "kf"), {})
    assert sorted(pd.read_parquet(tmp_path / "documents")["fiscal_year"].astype(int)) == [0, 2023]
    assert len(pd.read_parquet(tmp_path / "budgets")) == 0
