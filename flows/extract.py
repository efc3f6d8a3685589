"""Prefect flow: files -> extract (one task per file, in parallel) -> write the curated datasets."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Optional

from prefect import flow, task
from prefect.futures import wait

from govreports.analyst.publish import publish
from govreports.errors import Transient
from govreports.pipeline import Extraction, extract_path
from govreports.store import write_document


def _retry_io(task: Any, task_run: Any, state: Any) -> bool:
    """Retry only transient I/O failures, never bad input or bugs."""
    try:
        state.result()
    except (Transient, OSError):
        return True
    except Exception:
        return False
    return False


@task(name="extract-file")
def extract_file(path: Path) -> Extraction:
    """One file -> its documents row and records (bad input becomes issue rows, not exceptions)."""
    return extract_path(path)


@task(name="write-document", retries=2, retry_delay_seconds=1, retry_condition_fn=_retry_io)
def write_extraction(out: Path, extraction: Extraction) -> dict[str, int]:
    """Replace the document's rows in the curated datasets; returns rows written per dataset."""
    return write_document(out, extraction.document, extraction.records)


@task(name="publish-views", retries=2, retry_delay_seconds=1, retry_condition_fn=_retry_io)
def publish_task(out: Path) -> dict[str, int]:
    """Rebuild the facts_* views and datapackage.json from the stored datasets."""
    return publish(out)


def summarize(extractions: list[Extraction]) -> dict[str, Any]:
    """Batch summary: files, status per file, rows per dataset, issues."""
    rows: dict[str, int] = {}
    for ex in extractions:
        for name, n in ex.counts().items():
            rows[name] = rows.get(name, 0) + n
    return {
        "files": [{"file": ex.document["file_name"], "doc_id": ex.document["doc_id"],
                   "status": ex.document["status"], "doc_type": ex.document["doc_type"],
                   "org_name": ex.document["org_name"], "fiscal_year": ex.document["fiscal_year"],
                   "rows": ex.counts()} for ex in extractions],
        "rows": rows,
    }


@flow(name="extract-files")
def extract_files(paths: list[Path], out: Path, max_workers: Optional[int] = None) -> dict[str, Any]:
    """Extract every file in parallel, write each one's rows, and return the batch summary."""
    futures = [extract_file.submit(Path(p)) for p in paths]
    wait(futures)
    extractions = [f.result() for f in futures]
    for ex in extractions:
        write_extraction(out, ex)
    publish_task(out)
    return summarize(extractions)
