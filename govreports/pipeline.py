"""One file's bytes -> its `documents` row and contracted records (extract -> interpret -> validate)."""
from __future__ import annotations

import hashlib
import traceback
from dataclasses import dataclass, field
from datetime import date, datetime, timezone
from pathlib import Path
from typing import Any, Optional

from extractors.base import BACKENDS, get_extractor
from extractors.detect import detect_format
from extractors.interpret import Interpretation, interpret
from extractors.model import Document
from govreports import PIPELINE_VERSION
from govreports.errors import BadInput, Issue
from schemas import RECORD_DATASETS, split_valid


@dataclass
class Extraction:
    """The result for one file: its documents row and rows per dataset (extraction_issues included)."""

    document: dict[str, Any]
    records: dict[str, list[dict[str, Any]]] = field(default_factory=dict)

    def counts(self) -> dict[str, int]:
        """Rows per dataset."""
        return {name: len(rows) for name, rows in self.records.items()}


def doc_id_of(data: bytes) -> tuple[str, str]:
    """(doc_id, sha256 hex) of a file's bytes."""
    digest = hashlib.sha256(data).hexdigest()
    return digest[:16], digest


def _iso_date(text: Optional[str]) -> Optional[date]:
    try:
        return date.fromisoformat(text) if text else None
    except ValueError:
        return None


def read_document(data: bytes, name: str, fmt: str) -> tuple[Optional[Document], list[Issue]]:
    """Run the registered extractor; failures become issues, never exceptions."""
    if fmt not in BACKENDS:
        return None, [Issue("detect", "error", "unsupported_format",
                            f"{name}: format {fmt!r} has no extractor yet; the raw file is kept")]
    try:
        return get_extractor(fmt)(data, name), []
    except BadInput as exc:
        return None, [Issue("extract", "error", exc.code, f"{name}: {exc}")]
    except Exception as exc:  # a bug in an extractor must not stop the batch
        tb = traceback.format_exc(limit=3)
        return None, [Issue("extract", "error", "extractor_crashed", f"{name}: {type(exc).__name__}: {exc}", raw=tb)]


def safe_interpret(doc: Document, name: str) -> Interpretation:
    """Interpret a document; an interpreter crash keeps the document row and records why."""
    try:
        return interpret(doc)
    except Exception as exc:
        result = Interpretation()
        result.issues.append(Issue("interpret", "error", "interpreter_crashed", f"{name}: {type(exc).__name__}: {exc}",
                                   raw=traceback.format_exc(limit=3)))
        return result


FIGURE_DATASETS = ("budgets", "three_public", "indicators", "evaluations")


def empty_report_issues(doc_type: str, records: dict[str, list[dict[str, Any]]]) -> list[Issue]:
    """A warning when a document typed as a report yields no figure at all (never a silently empty report)."""
    if doc_type == "other" or any(records.get(name) for name in FIGURE_DATASETS):
        return []
    return [Issue("validate", "warning", "no_figures",
                  f"typed {doc_type} but no table or figure of it could be read: the content may sit in an "
                  "attachment, a frame loaded by script, or images")]


def status_of(doc: Optional[Document], issues: list[Issue]) -> str:
    """ok / partial (something lost, rest kept) / failed (nothing could be read)."""
    if doc is None:
        return "failed"
    return "partial" if any(i.severity == "error" for i in issues) else "ok"


def extract_bytes(data: bytes, file_name: str, source_key: Optional[str] = None,
                  source_url: Optional[str] = None, portal: Optional[dict[str, str]] = None,
                  notes: Optional[list[Issue]] = None) -> Extraction:
    """Turn one file's bytes into its documents row and records; never raises on bad input."""
    doc_id, sha = doc_id_of(data)
    fmt = detect_format(data)
    doc, issues = read_document(data, file_name, fmt)
    result = safe_interpret(doc, file_name) if doc is not None else Interpretation()
    issues = list(notes or []) + (doc.issues if doc else []) + issues + result.issues
    meta = {**(doc.metadata if doc else {}), **(portal or {})}
    info = result.meta
    base = {"doc_id": doc_id, "org_name": info.org_name, "fiscal_year": info.fiscal_year}
    records: dict[str, list[dict[str, Any]]] = {}
    for name in RECORD_DATASETS:
        rows = [{**base, **row} for row in getattr(result, name)]
        good, bad = split_valid(name, rows)
        for row, reason in bad:
            issues.append(Issue("validate", "error", "contract_violation", f"{name} row dropped: {reason}",
                                page=row.get("page"), table_index=row.get("table_index"),
                                row_index=row.get("row_index"), raw=row.get("raw")))
        records[name] = good
    if doc is not None:
        issues += empty_report_issues(info.doc_type, records)
    records["extraction_issues"] = [{**i.row(doc_id), "fiscal_year": info.fiscal_year} for i in issues]
    document = {
        "doc_id": doc_id, "file_name": file_name, "file_format": fmt, "source_url": source_url,
        "title": info.title or meta.get("title"), "doc_type": info.doc_type, "org_name": info.org_name,
        "region": info.region, "fiscal_year": info.fiscal_year, "publisher": meta.get("publisher"),
        "index_no": meta.get("index_no"), "published_date": _iso_date(meta.get("published_date")),
        "page_count": doc.page_count if doc else None, "status": status_of(doc, issues),
        "extracted_at": datetime.now(timezone.utc), "pipeline_version": PIPELINE_VERSION,
        "source_key": source_key or file_name, "org_suffix": info.org_suffix, "sha256": sha,
    }
    return Extraction(document, records)


def extract_path(path: Path) -> Extraction:
    """Extract a file on disk; its resolved path identifies it across versions."""
    return extract_bytes(path.read_bytes(), path.name, source_key=str(path.resolve()))


def failed_fetch(url: str, code: str, message: str, referer: Optional[str] = None) -> Extraction:
    """A documents row with status failed (and its issue) for a URL that could not be fetched."""
    doc_id = hashlib.sha256(url.encode("utf-8")).hexdigest()[:16]
    issue = Issue("fetch", "error", code, message, raw=f"{url} (from {referer})" if referer else url)
    document = {
        "doc_id": doc_id, "file_name": url.rstrip("/").rsplit("/", 1)[-1] or url, "file_format": "unknown",
        "source_url": url, "title": None, "doc_type": "other", "org_name": None, "region": None,
        "fiscal_year": None, "publisher": None, "index_no": None, "published_date": None, "page_count": None,
        "status": "failed", "extracted_at": datetime.now(timezone.utc), "pipeline_version": PIPELINE_VERSION,
        "source_key": url, "org_suffix": None, "sha256": None,
    }
    return Extraction(document, {"extraction_issues": [{**issue.row(doc_id), "fiscal_year": None}]})
