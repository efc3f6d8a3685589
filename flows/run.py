"""Prefect flow: crawl -> extract new files -> write the datasets -> summary (and a markdown artifact)."""
from __future__ import annotations

from contextlib import contextmanager
from pathlib import Path
from typing import Any, Iterator, Optional
from urllib.parse import urlparse

from prefect import flow
from prefect.artifacts import create_markdown_artifact

from flows.crawl import crawl_task
from flows.extract import OnFile, artifact_key, publish_task, run_jobs, table_artifact, task_runner
from govreports import demo_portal
from govreports.batch import FileJob, summarize, write_extraction
from govreports.bounds import Limits
from govreports.crawl.crawler import CrawledFile, FetchFailure
from govreports.crawl.http import Fetcher
from govreports.crawl.sources import Source, load_source
from govreports.errors import Issue
from govreports.pipeline import failed_fetch
from govreports.source_names import UnknownSource, is_source_name, source_file
from govreports.store import read_dataset, remove_documents

PORTAL_KEYS = ("index_no", "publisher", "published_date", "title")


def crawled_job(file: CrawledFile) -> FileJob:
    """One crawled file as a job, with the detail page's metadata and the fetch doubts as issues."""
    notes = [Issue("fetch", "warning", code, message, raw=file.url) for code, message in file.notes]
    portal = {k: v for k, v in file.metadata.items() if k in PORTAL_KEYS and v}
    return FileJob(file.path, file.file_name, file.url, source_url=file.url, portal=portal, notes=notes,
                   sha256=file.sha256)


def stored_doc_ids(curated: Path) -> set[str]:
    """doc_ids already in the curated documents dataset."""
    return set(read_dataset(curated, "documents").column("doc_id").to_pylist())


def good_source_keys(curated: Path) -> set[str]:
    """source_keys (URLs) whose stored document was read, i.e. whose status is not failed."""
    docs = read_dataset(curated, "documents").select(["source_key", "status"]).to_pylist()
    return {d["source_key"] for d in docs if d["status"] != "failed" and d["source_key"]}


def failures_to_record(failures: list[FetchFailure], good: set[str]) -> list[FetchFailure]:
    """Failures to store as failed documents: a URL whose earlier download is stored keeps its rows."""
    return [f for f in failures if f.url not in good]


def stale_failures(curated: Path, fetched_ok: set[str]) -> set[str]:
    """doc_ids of `failed` fetch rows whose URL answered this time (a list or detail page that works again)."""
    docs = read_dataset(curated, "documents").select(["doc_id", "source_key", "status", "sha256"]).to_pylist()
    return {d["doc_id"] for d in docs  # a fetch failure is the only documents row without file bytes (sha256)
            if d["status"] == "failed" and d["sha256"] is None and d["source_key"] in fetched_ok}


def to_extract(files: list[CrawledFile], known: set[str]) -> list[CrawledFile]:
    """Files whose bytes changed or that the curated datasets do not hold yet."""
    return [f for f in files if f.changed or f.sha256[:16] not in known]


def markdown_summary(source: str, summary: dict[str, Any], crawled: int, failures: int) -> str:
    """The run summary as a markdown table (the Prefect artifact)."""
    lines = [f"# govreports run: {source}", "", f"crawled files: {crawled}, new/changed extracted: "
             f"{len(summary['files'])}, fetch failures: {failures}", "",
             "| file | status | doc_type | org | year | rows | issues |", "|---|---|---|---|---|---|---|"]
    for f in summary["files"]:
        rows = " ".join(f"{k}={v}" for k, v in f["rows"].items() if v and k != "extraction_issues")
        lines.append(f"| {f['file']} | {f['status']} | {f['doc_type']} | {f['org_name'] or ''} | "
                     f"{f['fiscal_year'] or ''} | {rows} | {f['rows'].get('extraction_issues', 0)} |")
    return "\n".join(lines)


@flow(name="run", task_runner=task_runner())
def run_flow(source: Source, data: Path, on_file: OnFile = None, fetcher: Optional[Fetcher] = None,
             limits: Optional[Limits] = None) -> dict[str, Any]:
    """Crawl a source, extract what is new (each file written as soon as it is read), and summarise."""
    if not is_source_name(source.name):  # raw files stay in DATA/raw/<name>/
        raise UnknownSource(f"{source.name!r} is not a source name")
    raw, curated = data / "raw", data / "curated"
    result = crawl_task(source, raw, fetcher)
    todo = to_extract(result.files, stored_doc_ids(curated))
    batch = run_jobs([crawled_job(f) for f in todo], curated, limits or Limits.from_env(), on_file)
    if batch.fatal is None:
        for failure in failures_to_record(result.failures, good_source_keys(curated)):
            write_extraction(curated, failed_fetch(failure.url, failure.code, failure.message, failure.referer))
        remove_documents(curated, stale_failures(curated, result.fetched_ok))
        publish_task(curated)
    summary = summarize(batch.reports)
    summary.update(source=source.name, crawled=len(result.files), new=len(todo), downloaded=result.downloaded,
                   failures=[{"url": f.url, "code": f.code} for f in result.failures], fatal=batch.fatal,
                   crawl=result.counts())
    create_markdown_artifact(markdown_summary(source.name, summary, len(result.files), len(result.failures)),
                             key=artifact_key("govreports-run", source.name), description="govreports run summary")
    table_artifact(batch, artifact_key("govreports-run", source.name, "files"), f"govreports run {source.name}: files")
    return summary


@contextmanager
def opened_source(name: str, demo_port: Optional[int] = None) -> Iterator[Source]:
    """The named source; for `demo`, with the bundled portal running (on demo_port, else the port in demo.toml)."""
    source_file(name)
    if name != "demo":
        yield load_source(name)
        return
    port = demo_port or urlparse(str(load_source("demo").extra.get("base_url", ""))).port or 0
    server, base_url = demo_portal.start_preferred(port)
    try:
        yield load_source("demo", base_url=base_url)
    finally:
        if server is not None:
            server.shutdown()
            server.server_close()


@flow(name="run-source")
def run_source(source_name: str, data: str = "data") -> dict[str, Any]:
    """Deployment entry point: run one named source (the demo source starts its own loopback portal)."""
    with opened_source(source_name) as source:
        return run_flow(source, Path(data))


def run_crawl(source: Source, data: Path, workers: Optional[int] = None, dask: Optional[str] = None,
              on_file: OnFile = None, limits: Optional[Limits] = None) -> dict[str, Any]:
    """The run flow on the chosen task runner (threads supervising one process per file, or Dask)."""
    return run_flow.with_options(task_runner=task_runner(workers, dask))(source, data, on_file, None, limits)
