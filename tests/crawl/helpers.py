"""Helpers of the crawl tests: fast sources, recorded sleeps, file-tree snapshots."""
from __future__ import annotations

import dataclasses
import hashlib
import shutil
from pathlib import Path
from typing import Any, Optional

from govreports import demo_portal
from govreports.crawl.http import Fetcher
from govreports.crawl.sources import Source, load_source

SAMPLE_COUNT = 11  # 5 docx, 5 pdf, 1 html
ATTACHMENT = "/module/download/downfile.jsp?classid=0&filename={n}"


class RecordingSleep:
    """A stand-in for time.sleep that records what it was asked to wait and returns at once."""

    def __init__(self) -> None:
        self.calls: list[float] = []

    def __call__(self, seconds: float) -> None:
        self.calls.append(seconds)


def fast_source(server: demo_portal.PortalServer, **changes: Any) -> Source:
    """The demo source pointed at server, with tiny timeouts and few retries (tests stay fast)."""
    source = load_source("demo", base_url=server.base_url)
    return dataclasses.replace(source, **{"timeout_s": 0.5, "retries": 2, "requests_per_second": 200.0, **changes})


def fetcher_for(source: Source, sleep: Optional[RecordingSleep] = None) -> Fetcher:
    """A Fetcher whose back-off and Retry-After waits are recorded instead of slept."""
    return Fetcher(source, sleep=sleep or RecordingSleep())


def copy_samples(dest: Path, skip: tuple[str, ...] = ()) -> Path:
    """A private copy of data/samples (to serve and then modify), without the files named in skip."""
    shutil.copytree(demo_portal.SAMPLES, dest, ignore=lambda _, names: [n for n in names if n in skip])
    return dest


def tree_state(folder: Path) -> dict[str, tuple[str, int]]:
    """relative path -> (sha256, mtime_ns) of every file under folder."""
    return {p.relative_to(folder).as_posix(): (hashlib.sha256(p.read_bytes()).hexdigest(), p.stat().st_mtime_ns)
            for p in sorted(folder.rglob("*")) if p.is_file()}


def sample_hashes(samples: Path = demo_portal.SAMPLES) -> set[str]:
    """sha256 of every sample file served by the portal."""
    return {hashlib.sha256(it.path.read_bytes()).hexdigest() for it in demo_portal.sample_items(samples)}


class KillingFetcher(Fetcher):
    """A Fetcher that dies (KeyboardInterrupt by default) when asked for attachment number after+1."""

    def __init__(self, source: Source, after: int, exc: type[BaseException] = KeyboardInterrupt) -> None:
        super().__init__(source, sleep=RecordingSleep())
        self.after, self.exc, self.attachments = after, exc, 0

    def get(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None) -> Any:
        """Fetch as usual until the attachment budget is spent, then raise the kill."""
        if "downfile.jsp" in url:
            with self.limiter._lock:
                self.attachments += 1
                dead = self.attachments > self.after
            if dead:
                raise self.exc()
        return super().get(url, etag, last_modified)
