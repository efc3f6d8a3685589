"""One input file -> its rows written to the curated datasets, under its own bounds; and a batch of them."""
from __future__ import annotations

import errno
import os
import time
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Optional

from govreports.bounds import Limits, run_bounded
from govreports.errors import BadInput, GovReportsError, Issue


class DiskFull(GovReportsError):
    """The curated folder's disk is full: the batch stops (the document being written is left out whole)."""

    code = "disk_full"


@dataclass
class FileJob:
    """One file to extract: where its bytes are, what it is called, and what identifies it across versions."""

    path: Path
    name: str
    source_key: str
    source_url: Optional[str] = None
    portal: dict[str, str] = field(default_factory=dict)
    notes: list[Issue] = field(default_factory=list)
    sha256: Optional[str] = None  # known for crawled files; kept on their failed rows

    @classmethod
    def of_path(cls, path: Path) -> "FileJob":
        """A file named on the command line."""
        from govreports.inputs import source_key_of

        return cls(path, path.name, source_key_of(path))


def extract_job(job: FileJob, limits: Limits) -> Any:
    """A job's Extraction (runs inside the file's own process): read safely, then extract."""
    from govreports.inputs import read_input
    from govreports.pipeline import extract_bytes, failed

    try:
        data = read_input(job.path, limits.file_mb << 20)
    except BadInput as exc:
        return failed(job.source_key, job.name, "extract", exc.code, str(exc), source_url=job.source_url,
                      sha256=job.sha256)
    return extract_bytes(data, job.name, source_key=job.source_key, source_url=job.source_url,
                         portal=job.portal, notes=job.notes, limits=limits)


def report_of(extraction: Any, counts: dict[str, int], seconds: float) -> dict[str, Any]:
    """The small per-file summary kept for the batch (the rows themselves are already on disk)."""
    doc = extraction.document
    errors = sorted({r["code"] for r in extraction.records.get("extraction_issues", []) if r["severity"] == "error"})
    return {"file": doc["file_name"], "doc_id": doc["doc_id"], "status": doc["status"], "doc_type": doc["doc_type"],
            "org_name": doc["org_name"], "fiscal_year": doc["fiscal_year"], "rows": counts, "errors": errors,
            "seconds": round(seconds, 2)}


def write_extraction(out: Path, extraction: Any) -> dict[str, int]:
    """Write one document; a full disk becomes DiskFull (the writer leaves no half document)."""
    from govreports.store import write_document

    try:
        return write_document(out, extraction.document, extraction.records)
    except OSError as exc:
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise DiskFull(f"no space left on the device of {out} while writing {extraction.document['file_name']}")\
                from exc
        raise


def extract_and_write(job: FileJob, out: Path, limits: Limits) -> dict[str, Any]:
    """Inside the file's own process: extract, write its rows, return its report (the rows never leave it)."""
    start, cpu = time.monotonic(), time.process_time()
    extraction = extract_job(job, limits)
    report = report_of(extraction, write_extraction(out, extraction), time.monotonic() - start)
    return {**report, "cpu_seconds": round(time.process_time() - cpu, 2)}


def process_job(job: FileJob, out: Path, limits: Limits) -> dict[str, Any]:
    """One file extracted and written in its own bounded process; a broken bound becomes a failed row."""
    from govreports.bounds import Exceeded

    start = time.monotonic()
    try:
        return dict(run_bounded(extract_and_write, (job, out, limits), limits))
    except Exceeded as exc:
        from govreports.pipeline import failed

        extraction = failed(job.source_key, job.name, "extract", exc.code, f"{job.name}: {exc}",
                            source_url=job.source_url, sha256=job.sha256)
        return report_of(extraction, write_extraction(out, extraction), time.monotonic() - start)


def crashed_report(job: FileJob, exc: BaseException) -> dict[str, Any]:
    """The report of a file whose processing raised (a bug): nothing of it was written."""
    return {"file": job.name, "doc_id": None, "status": "failed", "doc_type": "other", "org_name": None,
            "fiscal_year": None, "rows": {}, "errors": [f"{type(exc).__name__}: {exc}"], "seconds": 0.0}


def default_workers() -> int:
    """The machine's cores (the CPU work of each file runs in its own process)."""
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else (os.cpu_count() or 1)


@dataclass
class BatchResult:
    """Per-file reports in completion order, and the error that stopped the batch early (disk full), if any."""

    reports: list[dict[str, Any]] = field(default_factory=list)
    fatal: Optional[str] = None


def run_local(jobs: Iterable[FileJob], out: Path, limits: Limits, workers: int,
              on_done: Optional[Callable[[dict[str, Any]], None]] = None) -> BatchResult:
    """Every job, `workers` files at a time, without a Prefect API (one-off local work)."""
    result = BatchResult()
    with ThreadPoolExecutor(max(1, workers)) as pool:
        futures = {pool.submit(process_job, j, out, limits): j for j in jobs}
        pending: set[Future[dict[str, Any]]] = set(futures)
        while pending:
            done, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in done:
                try:
                    report = fut.result()
                except DiskFull as exc:
                    result.fatal = result.fatal or str(exc)
                    for other in pending:
                        other.cancel()
                    continue
                except Exception as exc:  # a bug in one file's write must not stop the others
                    report = crashed_report(futures[fut], exc)
                result.reports.append(report)
                if on_done:
                    on_done(report)
    return result


def summarize(reports: list[dict[str, Any]]) -> dict[str, Any]:
    """Batch summary: files (with status and rows) and rows written per dataset."""
    rows: dict[str, int] = {}
    for r in reports:
        for name, n in r["rows"].items():
            rows[name] = rows.get(name, 0) + n
    return {"files": reports, "rows": rows}
