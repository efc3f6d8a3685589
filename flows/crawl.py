"""Prefect flow: crawl one source into data/raw/<source>/ (new or changed documents only)."""
from __future__ import annotations

from pathlib import Path
from typing import Optional

from prefect import flow, task
from prefect.cache_policies import NO_CACHE

from govreports.crawl.crawler import CrawlResult, crawl
from govreports.crawl.http import Fetcher
from govreports.crawl.sources import Source


@task(name="crawl-source", cache_policy=NO_CACHE)
def crawl_task(source: Source, raw_root: Path, fetcher: Optional[Fetcher] = None) -> CrawlResult:
    """Walk the source's lists and download what is new; per-URL retries happen inside the fetcher."""
    return crawl(source, raw_root, fetcher)


@flow(name="crawl")
def crawl_flow(source: Source, raw_root: Path, fetcher: Optional[Fetcher] = None) -> CrawlResult:
    """Crawl one source and return what it holds, what changed and what failed."""
    return crawl_task(source, raw_root, fetcher)
