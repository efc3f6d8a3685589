"""Every curated dataset and view loads with each common reader, without arguments, with the same rows and years."""
from __future__ import annotations

import sys
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Iterator

import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from schemas import SCHEMAS
from schemas.facts import FACT_SCHEMAS

DATASETS = sorted(SCHEMAS) + sorted(FACT_SCHEMAS)


def _pandas(folder: Path) -> tuple[int, set[int], Any]:
    import pandas as pd

    df = pd.read_parquet(folder)
    return len(df), {int(y) for y in df["fiscal_year"]}, _money(df, "amount_yuan")


def _pyarrow_parquet(folder: Path) -> tuple[int, set[int], Any]:
    t = pq.read_table(folder)
    return t.num_rows, {int(y) for y in t.column("fiscal_year").to_pylist()}, _money(t.to_pandas(), "amount_yuan")


def _pyarrow_dataset(folder: Path) -> tuple[int, set[int], Any]:
    import pyarrow.dataset as pads

    t = pads.dataset(folder, partitioning="hive").to_table()  # documented in README: hive names the partition key
    return t.num_rows, {int(y) for y in t.column("fiscal_year").to_pylist()}, _money(t.to_pandas(), "amount_yuan")


def _duckdb(folder: Path) -> tuple[int, set[int], Any]:
    duckdb = pytest.importorskip("duckdb")
    con = duckdb.connect()
    rows = con.sql(f"select * from read_parquet('{folder}/**/*.parquet')").df()
    return len(rows), {int(y) for y in rows["fiscal_year"]}, _money(rows, "amount_yuan")


def _polars_read(folder: Path) -> tuple[int, set[int], Any]:
    pl = pytest.importorskip("polars")
    df = pl.read_parquet(folder)
    return df.height, set(df["fiscal_year"].to_list()), _money(df.to_pandas(), "amount_yuan")


def _polars_scan(folder: Path) -> tuple[int, set[int], Any]:
    pl = pytest.importorskip("polars")
    df = pl.scan_parquet(folder).collect()
    return df.height, set(df["fiscal_year"].to_list()), _money(df.to_pandas(), "amount_yuan")


@pytest.fixture(scope="module", autouse=True)
def _stop_spark() -> Iterator[None]:
    """A Spark session started here is stopped with the module, so its JVM does not slow the rest of the suite."""
    yield
    if "pyspark.sql" in sys.modules:
        from pyspark.sql import SparkSession

        active = SparkSession.getActiveSession()
        if active is not None:
            active.stop()


def _spark(folder: Path) -> tuple[int, set[int], Any]:
    pytest.importorskip("pyspark", reason="pyspark is not in the dev set (≈500 MB and a JVM); install it to run this")
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.master("local[1]").config("spark.ui.enabled", "false").getOrCreate()
    df = spark.read.parquet(str(folder)).toPandas()
    return len(df), {int(y) for y in df["fiscal_year"]}, _money(df, "amount_yuan")


def _money(df: Any, column: str) -> Any:
    if column not in df.columns:
        return None
    return sum((Decimal(str(v)) for v in df[column] if v is not None and v == v), Decimal(0))


READERS: dict[str, Callable[[Path], tuple[int, set[int], Any]]] = {
    "pandas": _pandas, "pyarrow.parquet": _pyarrow_parquet, "pyarrow.dataset": _pyarrow_dataset, "duckdb": _duckdb,
    "polars.read_parquet": _polars_read, "polars.scan_parquet": _polars_scan, "spark": _spark,
}


def _truth(folder: Path) -> tuple[int, set[int], Any]:
    files = sorted(folder.glob("fiscal_year=*/*.parquet"))
    tables = [pq.read_table(f, partitioning=None) for f in files]
    rows = sum(t.num_rows for t in tables)
    years = {int(f.parent.name.split("=")[1]) for f, t in zip(files, tables) if t.num_rows}
    money = None
    if "amount_yuan" in tables[0].column_names:
        money = sum((v for t in tables for v in t.column("amount_yuan").to_pylist() if v is not None), Decimal(0))
    return rows, years, money


@pytest.mark.parametrize("reader", sorted(READERS))
@pytest.mark.parametrize("dataset", DATASETS)
def test_every_reader_loads_every_dataset_without_arguments(demo_curated: Path, dataset: str, reader: str) -> None:
    folder = demo_curated / dataset
    want_rows, want_years, want_money = _truth(folder)
    rows, years, money = READERS[reader](folder)
    assert rows == want_rows
    assert years == want_years
    assert money == want_money


def test_the_demo_data_has_rows_in_the_main_datasets(demo_curated: Path) -> None:
    for name in ("documents", "budgets", "three_public", "indicators", "facts_three_public", "facts_indicators"):
        assert _truth(demo_curated / name)[0] > 0, name


def test_no_folder_holds_a_file_polars_would_refuse(demo_curated: Path) -> None:
    for name in DATASETS:
        suffixes = {p.suffix for p in (demo_curated / name).rglob("*") if p.is_file()}
        assert suffixes == {".parquet"}, (name, suffixes)


def test_each_file_carries_the_schema_version_and_column_descriptions(demo_curated: Path) -> None:
    for name in DATASETS:
        for path in (demo_curated / name).glob("fiscal_year=*/*.parquet"):
            schema: pa.Schema = pq.read_schema(path)
            assert schema.metadata[b"schema_version"] and schema.metadata[b"dataset"] == name.encode()
            assert all(f.metadata and f.metadata.get(b"description") for f in schema), (name, path)
