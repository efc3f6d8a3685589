"""The curated datasets -> canonical views facts_three_public / facts_budgets / facts_indicators: one row per fact
(org_key, fiscal_year, item, measure, period_year[, fund]) from its best source, the other sources' doc_ids kept."""
from __future__ import annotations

import re
import shutil
import unicodedata
import uuid
from collections import defaultdict
from datetime import date
from pathlib import Path
from typing import Any, Optional

import pyarrow as pa
import pyarrow.parquet as pq

from govreports.analyst.attainment import with_attainment
from govreports.analyst.enrich import org_key_of
from govreports.analyst.hierarchy import derived_totals, with_hierarchy
from govreports.analyst.vocab import vocab
from govreports.store import UNKNOWN_YEAR, locked, read_dataset
from schemas.facts import FACT_KEYS, FACT_SCHEMAS

Row = dict[str, Any]
TEXT_KEYS = frozenset({"project_name", "item_label", "level3"})
PUNCT = re.compile(r"[\s\W_]+")
VALUE_COLUMNS = {"three_public": ("amount_yuan",), "budgets": ("amount_yuan",),
                 "indicators": ("target_value", "actual_value", "score")}


def document_rank(doc: Row) -> int:
    """0 for a 部门 document, 2 for a 单位 one, 1 when neither is told (title, file name, （汇总）/（本级））."""
    words = vocab()["source_rank"]
    text = " ".join(str(doc.get(k) or "") for k in ("org_suffix", "file_name", "title"))
    if any(w in text for w in words["unit_words"]):
        return 2
    if any(w in text for w in words["department_words"]):
        return 0
    return 1


def source_of(row: Row) -> str:
    """table, prose or derived."""
    if row.get("derived"):
        return "derived"
    return "prose" if row.get("table_index") is None else "table"


def rank(row: Row, doc: Row) -> tuple[Any, ...]:
    """Sort key of a fact's candidates, best first: printed over derived, table over prose, 部门 over 单位, the newer
    published version, a row with a page over one without, the later extraction, then doc_id."""
    published = doc.get("published_date") or date.min
    extracted = doc.get("extracted_at")
    return (bool(row.get("derived")), source_of(row) == "prose", document_rank(doc), -published.toordinal(),
            row.get("page") is None, -(extracted.timestamp() if extracted else 0.0), row.get("doc_id") or "")


def _documents(curated: Path) -> dict[str, Row]:
    docs = {}
    for d in read_dataset(curated, "documents").to_pylist():
        d["org_key"] = d.get("org_key") or org_key_of(d.get("org_name"))
        docs[d["doc_id"]] = d
    return docs


def candidates(source: str, rows: list[Row], docs: dict[str, Row]) -> list[Row]:
    """The source rows plus the totals each document only implies (derived), each with its org_key."""
    if source == "indicators":
        rows = with_attainment(rows)  # again: rows stored before these columns existed read them as null
    rows = rows + ([{**r} for r in derived_totals(source, rows)] if source in ("three_public", "budgets") else [])
    for row in rows:
        doc = docs.get(row["doc_id"], {})
        row["org_key"] = doc.get("org_key")
        row["derived"] = bool(row.get("derived"))
    return rows


def key_value(row: Row, column: str) -> Any:
    """A key column as it identifies a fact: names without punctuation or spaces (培训、管理 = 培训管理); a 功能分类
    line's label left out when its code is printed (the code names it)."""
    value = row.get(column)
    if column == "item_label" and row.get("functional_code"):
        return None
    if column in TEXT_KEYS and isinstance(value, str):
        return PUNCT.sub("", unicodedata.normalize("NFKC", value))
    return value


def identity(row: Row, keys: tuple[str, ...]) -> tuple[Any, ...]:
    """The fact a row states: its unit (org_key, else its own document), fiscal_year and the view's key columns."""
    who = row.get("org_key") or f"doc:{row['doc_id']}"
    return (who, row.get("fiscal_year")) + tuple(key_value(row, k) for k in keys)


def choose(group: list[Row], docs: dict[str, Row], values: tuple[str, ...]) -> Row:
    """The best row of one fact, with the other documents' ids, the count of sources and whether they agree."""
    ordered = sorted(group, key=lambda r: rank(r, docs.get(r["doc_id"], {})))
    best = ordered[0]
    printed = [r for r in ordered if not r.get("derived")] or ordered
    others = sorted({r["doc_id"] for r in ordered} - {best["doc_id"]})
    agree = len({tuple(r.get(v) for v in values) for r in printed}) == 1
    return {**best, "source": source_of(best), "other_doc_ids": others,
            "n_sources": len({r["doc_id"] for r in ordered}), "sources_agree": agree}


def facts(view: str, rows: list[Row], docs: dict[str, Row]) -> list[Row]:
    """One row per fact of a view from the source dataset's rows (hierarchy recomputed among the chosen rows)."""
    source, keys = FACT_KEYS[view]
    groups: dict[tuple[Any, ...], list[Row]] = defaultdict(list)
    for row in candidates(source, rows, docs):
        groups[identity(row, keys)].append(row)
    chosen = [choose(g, docs, VALUE_COLUMNS[source]) for g in groups.values()]
    if source in ("three_public", "budgets"):
        for row in chosen:
            row["_unit"] = identity(row, ())
        chosen = [{k: v for k, v in r.items() if k != "_unit"} for r in with_hierarchy(source, chosen, owner="_unit")]
    return sorted(chosen, key=lambda r: tuple(str(r.get(k)) for k in ("org_key", "fiscal_year") + keys))


def to_table(view: str, rows: list[Row]) -> pa.Table:
    """The view's rows as a table of its schema."""
    schema = FACT_SCHEMAS[view]
    return pa.Table.from_pylist([{f.name: r.get(f.name) for f in schema} for r in rows], schema=schema)


def _write_view(curated: Path, view: str, table: pa.Table) -> None:
    """Write a view hive-partitioned by fiscal_year into a fresh folder, then swap it in for the old one."""
    tmp = curated / f".{view}.{uuid.uuid4().hex}"
    years = table.column("fiscal_year").to_pylist()
    file_schema = table.schema.remove(table.schema.get_field_index("fiscal_year"))
    by_year: dict[int, list[int]] = defaultdict(list)
    for i, y in enumerate(years):
        by_year[UNKNOWN_YEAR if y is None else int(y)].append(i)
    by_year.setdefault(UNKNOWN_YEAR, [])
    for year, idx in by_year.items():
        folder = tmp / f"fiscal_year={year}"
        folder.mkdir(parents=True)
        part = table.take(pa.array(idx, pa.int64())).drop_columns(["fiscal_year"]).cast(file_schema)
        pq.write_table(part, str(folder / ("part-0.parquet" if idx else "empty.parquet")))
    target, old = curated / view, curated / f".{view}.old.{uuid.uuid4().hex}"
    if target.exists():
        target.rename(old)
    tmp.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def build_views(curated: Path) -> dict[str, pa.Table]:
    """Every facts_* view of the curated datasets."""
    docs = _documents(curated)
    out = {}
    for view, (source, _) in FACT_KEYS.items():
        out[view] = to_table(view, facts(view, read_dataset(curated, source).to_pylist(), docs))
    return out


def write_views(curated: Path, only: Optional[list[str]] = None) -> dict[str, int]:
    """Rebuild and write the facts_* views under the curated folder; returns rows per view."""
    with locked(curated):
        tables = build_views(curated)
        for view, table in tables.items():
            if only is None or view in only:
                _write_view(curated, view, table)
    return {view: t.num_rows for view, t in tables.items()}
