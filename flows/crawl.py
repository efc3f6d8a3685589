"""Prefect flow: crawl one source into data/raw/<source>/ (new or changed documents only)."""
from __future__ import annotations

from pathlib import Path

from prefect import flow, task

from govreports.crawl.crawler import CrawlResult, crawl
from govreports.crawl.sources import Source


@task(name="crawl-source")
def crawl_task(source: Source, raw_root: Path) -> CrawlResult:
    """Walk the source's lists and download what is new; per-URL retries happen inside the fetcher."""
    return crawl(source, raw_root)


@flow(name="crawl")
def crawl_flow(source: Source, raw_root: Path) -> CrawlResult:
    """Crawl one source and return what it holds, what changed and what failed."""
    return crawl_task(source, raw_root)
