"""Write one document's rows into the hive-partitioned curated datasets, atomically, replacing its old rows."""
from __future__ import annotations

import fcntl
import os
import uuid
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.dataset as pads
import pyarrow.parquet as pq

from schemas import SCHEMAS, to_arrow

# Rows whose year is unknown live in partition fiscal_year=0: pandas cannot read a hive null partition
# (`__HIVE_DEFAULT_PARTITION__` -> "Cannot yet unify dictionaries with nulls") and DuckDB refuses files
# outside the partition folders, so 0 is the only spelling every reader accepts. read_dataset() maps it
# back to null.
UNKNOWN_YEAR = 0


def partition_dir(out: Path, dataset: str, fiscal_year: Optional[int]) -> Path:
    """Folder of one fiscal_year partition of a dataset (unknown year -> fiscal_year=0)."""
    key = UNKNOWN_YEAR if fiscal_year is None else int(fiscal_year)
    return out / dataset / f"fiscal_year={key}"


def file_schema(dataset: str) -> pa.Schema:
    """The schema stored inside each Parquet file: the contract less the partition key."""
    schema = SCHEMAS[dataset]
    return schema.remove(schema.get_field_index("fiscal_year"))


@contextmanager
def locked(out: Path) -> Iterator[None]:
    """Hold an exclusive lock on the curated folder so concurrent writers cannot interleave."""
    out.mkdir(parents=True, exist_ok=True)
    with open(out / ".lock", "w") as fh:
        fcntl.flock(fh, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(fh, fcntl.LOCK_UN)


def ensure_layout(out: Path) -> None:
    """Create every dataset folder with a zero-row anchor file, so that a dataset with no rows yet still loads
    (with its fiscal_year key) in pandas, pyarrow, DuckDB and Polars. No `_common_metadata` file: Polars refuses
    a folder holding files of different extensions, and each Parquet file carries the described schema itself."""
    for name in SCHEMAS:
        folder = out / name
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "_common_metadata").unlink(missing_ok=True)  # written by earlier versions
        anchor = partition_dir(out, name, 0) / "empty.parquet"
        if not anchor.exists() or pq.read_schema(anchor) != file_schema(name):
            _write_atomic(file_schema(name).empty_table(), anchor)


def read_dataset(out: Path, name: str) -> pa.Table:
    """Read a curated dataset back with its contract schema (empty table when nothing is written)."""
    folder = out / name
    if not folder.exists():
        return SCHEMAS[name].empty_table()
    part = pads.partitioning(pa.schema([pa.field("fiscal_year", pa.int16())]), flavor="hive")
    # the contract schema, not the first file's: files written before a column was added read it as null
    dataset = pads.dataset(str(folder), schema=SCHEMAS[name], format="parquet", partitioning=part)
    table = dataset.to_table()
    if not table.num_rows:
        return SCHEMAS[name].empty_table()
    years = table.column("fiscal_year")
    table = table.set_column(table.schema.get_field_index("fiscal_year"), "fiscal_year",
                             pc.if_else(pc.equal(years, UNKNOWN_YEAR), pa.scalar(None, years.type), years))
    return table.select([f.name for f in SCHEMAS[name]]).cast(SCHEMAS[name])


def doc_ids_for_source(docs: pa.Table, source_key: str) -> set[str]:
    """doc_ids already stored for the same source (an earlier version of the same file or URL)."""
    keys = docs.column("source_key").to_pylist()
    ids = docs.column("doc_id").to_pylist()
    return {i for i, k in zip(ids, keys) if k == source_key}


def keep_extracted_at(docs: pa.Table, document: dict[str, Any]) -> dict[str, Any]:
    """Re-extracting the same bytes with the same pipeline version keeps the first extracted_at,
    so that extracting a file twice leaves identical datasets."""
    for row in docs.to_pylist():
        if row["doc_id"] == document["doc_id"] and row["pipeline_version"] == document["pipeline_version"]:
            return {**document, "extracted_at": row["extracted_at"]}
    return document


def _write_atomic(table: pa.Table, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex}.tmp"
    pq.write_table(table, str(tmp))
    os.replace(tmp, target)  # atomic on POSIX: readers see the old file or the new one


def _files_of(out: Path, dataset: str, doc_ids: set[str]) -> list[Path]:
    folder = out / dataset
    if not folder.exists():
        return []
    return [p for p in folder.glob("fiscal_year=*/*.parquet") if p.stem in doc_ids]


def write_document(out: Path, document: dict[str, Any], records: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Replace everything stored for this document (and older versions of its source) with the given rows.

    Record files are written first and the `documents` row last, each by atomic rename; stale files
    are removed only after the new ones are in place, so a crash never leaves the data unreadable.
    Returns rows written per dataset.
    """
    doc_id = document["doc_id"]
    counts: dict[str, int] = {}
    with locked(out):
        ensure_layout(out)
        docs = read_dataset(out, "documents")
        replaced = doc_ids_for_source(docs, document.get("source_key") or "") | {doc_id}
        document = keep_extracted_at(docs, document)
        written: set[Path] = set()
        for name in [n for n in SCHEMAS if n != "documents"] + ["documents"]:
            rows = [document] if name == "documents" else records.get(name, [])
            by_year: dict[Optional[int], list[dict[str, Any]]] = defaultdict(list)
            for row in rows:
                by_year[row.get("fiscal_year")].append(row)
            for year, year_rows in by_year.items():
                table = to_arrow(name, year_rows).drop_columns(["fiscal_year"])
                target = partition_dir(out, name, year) / f"{doc_id}.parquet"
                _write_atomic(table.cast(file_schema(name)), target)
                written.add(target)
            counts[name] = len(rows)
        for name in SCHEMAS:
            for stale in _files_of(out, name, replaced):
                if stale not in written:
                    stale.unlink(missing_ok=True)
    return counts


def remove_documents(out: Path, doc_ids: set[str]) -> int:
    """Delete every row of these documents from every dataset; returns how many files were removed."""
    removed = 0
    if not doc_ids:
        return 0
    with locked(out):
        for name in SCHEMAS:
            for path in _files_of(out, name, doc_ids):
                path.unlink(missing_ok=True)
                removed += 1
    return removed
