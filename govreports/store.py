"""Write one document's rows into the hive-partitioned curated datasets, atomically, replacing its old rows."""
from __future__ import annotations

import fcntl
import hashlib
import json
import os
import shutil
import uuid
from collections import defaultdict
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional

import pyarrow as pa
import pyarrow.compute as pc
import pyarrow.parquet as pq

from schemas import SCHEMAS, to_arrow

# Rows whose year is unknown live in partition fiscal_year=0: pandas cannot read a hive null partition
# (`__HIVE_DEFAULT_PARTITION__` -> "Cannot yet unify dictionaries with nulls") and DuckDB refuses files
# outside the partition folders, so 0 is the only spelling every reader accepts. read_dataset() maps it
# back to null.
UNKNOWN_YEAR = 0
SOURCES = "_sources"  # source_key hash -> the doc_id stored for it (O(1) lookup of the version to replace)
JOURNAL = "_journal"  # one entry per committed write not yet finished (what `recover` rolls forward)
STAGING = "_staging"  # files of writes in progress, renamed into place once committed


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
    import pyarrow.dataset as pads  # imports pandas: kept off the write path, which every file's process runs

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


def _key_name(source_key: str) -> str:
    return hashlib.sha256(source_key.encode("utf-8")).hexdigest()[:32]


def _read_text(path: Path) -> Optional[str]:
    try:
        return path.read_text("utf-8")
    except (FileNotFoundError, NotADirectoryError):
        return None


def _write_small(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex}.tmp"
    tmp.write_text(text, "utf-8")
    os.replace(tmp, path)


def build_source_index(out: Path) -> None:
    """Create `_sources/` (source_key hash -> doc_ids) from the documents dataset, once, for data written before
    the index existed; afterwards every write keeps it current."""
    folder = out / SOURCES
    if (folder / ".built").exists():
        return
    docs = read_dataset(out, "documents").select(["doc_id", "source_key"]).to_pylist()
    by_key: dict[str, set[str]] = defaultdict(set)
    for d in docs:
        if d["source_key"]:
            by_key[d["source_key"]].add(d["doc_id"])
    for key, ids in by_key.items():
        _write_small(folder / _key_name(key), "\n".join(sorted(ids)))
    _write_small(folder / ".built", "1")


def doc_ids_for_source(out: Path, source_key: str) -> set[str]:
    """doc_ids stored for the same source (an earlier version of the same file or URL): one small file read."""
    text = _read_text(out / SOURCES / _key_name(source_key)) if source_key else None
    return set(text.split()) if text else set()


def doc_files(out: Path, dataset: str, doc_id: str) -> list[Path]:
    """A document's files in one dataset: one probe per fiscal_year partition, not a listing of every file."""
    folder = out / dataset
    try:
        parts = [e.path for e in os.scandir(folder) if e.is_dir() and e.name.startswith("fiscal_year=")]
    except FileNotFoundError:
        return []
    return [p for p in (Path(d) / f"{doc_id}.parquet" for d in parts) if p.exists()]


def keep_extracted_at(out: Path, document: dict[str, Any]) -> dict[str, Any]:
    """Re-extracting the same bytes with the same pipeline version keeps the first extracted_at,
    so that extracting a file twice leaves identical datasets."""
    for path in doc_files(out, "documents", document["doc_id"]):
        for row in pq.read_table(str(path), columns=["extracted_at", "pipeline_version"]).to_pylist():
            if row["pipeline_version"] == document["pipeline_version"]:
                return {**document, "extracted_at": row["extracted_at"]}
    return document


def _write_atomic(table: pa.Table, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    tmp = target.parent / f".{target.name}.{uuid.uuid4().hex}.tmp"
    try:
        pq.write_table(table, str(tmp))
        os.replace(tmp, target)  # atomic on POSIX: readers see the old file or the new one
    finally:
        tmp.unlink(missing_ok=True)


def _files_of(out: Path, dataset: str, doc_ids: set[str]) -> list[Path]:
    return [p for d in sorted(doc_ids) for p in doc_files(out, dataset, d)]


def _phase(name: str) -> None:
    """A point between two steps of a write (tests inject a crash here)."""


def _journal(out: Path, doc_id: str) -> Path:
    return out / JOURNAL / f"{doc_id}.json"


def _remove(out: Path, doc_ids: set[str], keep: set[Path]) -> None:
    """Delete these documents' files, the documents file of each last (so no row outlives its document row)."""
    for name in [n for n in SCHEMAS if n != "documents"] + ["documents"]:
        for path in _files_of(out, name, doc_ids):
            if path not in keep:
                path.unlink(missing_ok=True)


def _stored_key(out: Path, doc_id: str) -> Optional[str]:
    for path in doc_files(out, "documents", doc_id):
        for row in pq.read_table(str(path), columns=["source_key"]).to_pylist():
            return row["source_key"]  # type: ignore[no-any-return]
    return None


def _finish(out: Path, entry: dict[str, Any]) -> None:
    """Roll a committed write forward (idempotent): staged files into place, documents file last; then old
    versions' files out, records before documents; then the source index, the journal entry, the staging folder."""
    for staged, target in [(out / a, out / b) for a, b in entry["moves"]]:
        if staged.exists():
            target.parent.mkdir(parents=True, exist_ok=True)
            os.replace(staged, target)
            _phase(f"moved {target.parent.parent.name}")
    keep = {out / t for _, t in entry["moves"]}
    _remove(out, set(entry["replaces"]) - {entry["doc_id"]}, keep)
    _phase("old_removed")
    _remove(out, {entry["doc_id"]}, keep)  # its own files in partitions it no longer has (its year changed)
    if entry["source_key"]:
        _write_small(out / SOURCES / _key_name(entry["source_key"]), entry["doc_id"])
    _phase("indexed")
    _journal(out, entry["doc_id"]).unlink(missing_ok=True)
    shutil.rmtree(out / entry["staging"], ignore_errors=True)


def recover(out: Path) -> int:
    """Repair what a crash (kill, power cut, full disk) left mid-write: every journal entry (a committed write) is
    rolled forward, every staging folder without one (an uncommitted write) is deleted. Runs at the start of
    every write, under the lock, so whatever it finds belongs to a dead writer; returns entries rolled forward."""
    entries = sorted((out / JOURNAL).glob("*.json")) if (out / JOURNAL).is_dir() else []
    for path in entries:
        try:
            entry = json.loads(path.read_text("utf-8"))
        except ValueError:  # written atomically, so only a foreign file can be unreadable
            path.unlink(missing_ok=True)
            continue
        _finish(out, entry)
    if (out / STAGING).is_dir():
        for stale in (out / STAGING).iterdir():
            shutil.rmtree(stale, ignore_errors=True)
    for tmp in (out / JOURNAL).glob(".*.tmp") if (out / JOURNAL).is_dir() else []:
        tmp.unlink(missing_ok=True)
    return len(entries)


def _tables(document: dict[str, Any], records: dict[str, list[dict[str, Any]]],
            out: Path) -> list[tuple[Path, pa.Table]]:
    """(target file, table) of every file of the document, validated before anything is written; documents last."""
    doc_id = document["doc_id"]
    tables = []
    for name in [n for n in SCHEMAS if n != "documents"] + ["documents"]:
        rows = [document] if name == "documents" else records.get(name, [])
        by_year: dict[Optional[int], list[dict[str, Any]]] = defaultdict(list)
        for row in rows:
            by_year[row.get("fiscal_year")].append(row)
        for year, year_rows in by_year.items():
            table = to_arrow(name, year_rows).drop_columns(["fiscal_year"]).cast(file_schema(name))
            tables.append((partition_dir(out, name, year) / f"{doc_id}.parquet", table))
    return tables


def _stage(out: Path, tables: list[tuple[Path, pa.Table]], staging: Path) -> list[list[str]]:
    """Write every table into the staging folder; [staged, target] pairs relative to out. Nothing visible changes."""
    moves = []
    for i, (target, table) in enumerate(tables):
        staged = staging / f"{i:03d}.parquet"
        pq.write_table(table, str(staged))
        moves.append([str(staged.relative_to(out)), str(target.relative_to(out))])
        _phase("staging")
    return moves


def write_document(out: Path, document: dict[str, Any], records: dict[str, list[dict[str, Any]]]) -> dict[str, int]:
    """Replace everything stored for this document (and older versions of its source) with the given rows.

    Crash-safe in every window: every file is first written into a staging folder (a failure there, such as a
    full disk, leaves the stored data untouched); a journal entry then commits the write, and the staged files
    are renamed into place (documents last), old versions' files removed (records before documents) and the
    entry deleted. `recover` finishes a committed write or drops an uncommitted one. Cost does not grow with the
    dataset: a source index and one probe per partition replace reading the documents dataset.
    Returns rows written per dataset.
    """
    doc_id = document["doc_id"]
    key = document.get("source_key") or ""
    counts = {name: (1 if name == "documents" else len(records.get(name, []))) for name in SCHEMAS}
    with locked(out):
        ensure_layout(out)
        recover(out)
        build_source_index(out)
        tables = _tables(keep_extracted_at(out, document), records, out)
        staging = out / STAGING / f"{doc_id}.{uuid.uuid4().hex}"
        staging.mkdir(parents=True)
        try:
            moves = _stage(out, tables, staging)
            replaces = {d for d in doc_ids_for_source(out, key) if _stored_key(out, d) == key} | {doc_id}
            entry = {"doc_id": doc_id, "source_key": key, "replaces": sorted(replaces), "moves": moves,
                     "staging": str(staging.relative_to(out))}
            _write_small(_journal(out, doc_id), json.dumps(entry))  # the commit point
        except BaseException:
            shutil.rmtree(staging, ignore_errors=True)
            raise
        _phase("journaled")
        _finish(out, entry)
    return counts


def remove_documents(out: Path, doc_ids: set[str]) -> int:
    """Delete every row of these documents from every dataset; returns how many files were removed."""
    if not doc_ids:
        return 0
    with locked(out):
        recover(out)
        found = sum(len(_files_of(out, name, doc_ids)) for name in SCHEMAS)
        _remove(out, doc_ids, set())
    return found
