"""Prefect flow: crawl -> extract new files -> write the datasets -> summary (and a markdown artifact)."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from prefect import flow, task
from prefect.artifacts import create_markdown_artifact

from flows.crawl import crawl_task
from flows.extract import summarize, write_extraction
from govreports.crawl.crawler import CrawledFile
from govreports.crawl.sources import Source
from govreports.errors import Issue
from govreports.pipeline import Extraction, extract_bytes, failed_fetch
from govreports.store import read_dataset

PORTAL_KEYS = ("index_no", "publisher", "published_date", "title")


@task(name="extract-crawled")
def extract_crawled(file: CrawledFile) -> Extraction:
    """One crawled file -> its rows, with the detail page's metadata and the fetch doubts as issues."""
    notes = [Issue("fetch", "warning", code, message, raw=file.url) for code, message in file.notes]
    portal = {k: v for k, v in file.metadata.items() if k in PORTAL_KEYS and v}
    return extract_bytes(file.path.read_bytes(), file.file_name, source_key=file.url, source_url=file.url,
                         portal=portal, notes=notes)


def stored_doc_ids(curated: Path) -> set[str]:
    """doc_ids already in the curated documents dataset."""
    return set(read_dataset(curated, "documents").column("doc_id").to_pylist())


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


@flow(name="run")
def run_flow(source: Source, data: Path, on_file: Optional[Callable[[dict[str, Any]], None]] = None) -> dict[str, Any]:
    """Crawl a source, extract what is new, write it, and summarise (crawl -> extract -> write)."""
    raw, curated = data / "raw", data / "curated"
    result = crawl_task(source, raw)
    todo = to_extract(result.files, stored_doc_ids(curated))
    futures = [extract_crawled.submit(f) for f in todo]
    extractions = []
    for fut in futures:
        ex = fut.result()
        write_extraction(curated, ex)
        extractions.append(ex)
        if on_file:
            on_file(ex.document)
    for failure in result.failures:
        write_extraction(curated, failed_fetch(failure.url, failure.code, failure.message, failure.referer))
    summary = summarize(extractions)
    summary.update(source=source.name, crawled=len(result.files), new=len(todo),
                   failures=[{"url": f.url, "code": f.code} for f in result.failures])
    create_markdown_artifact(markdown_summary(source.name, summary, len(result.files), len(result.failures)),
                             key=f"govreports-run-{source.name}".replace("_", "-").lower(),
                             description="govreports run summary")
    return summary


@flow(name="run-source")
def run_source(source_name: str, data: str = "data") -> dict[str, Any]:
    """Deployment entry point: run one named source (the demo source starts its own loopback portal)."""
    from govreports.crawl.sources import load_source
    from govreports import demo_portal

    if source_name != "demo":
        return run_flow(load_source(source_name), Path(data))
    server = demo_portal.start()
    try:
        return run_flow(load_source("demo", base_url=server.base_url), Path(data))
    finally:
        server.shutdown()
