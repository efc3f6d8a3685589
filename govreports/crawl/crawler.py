"""Source -> documents on disk: walk list pages, read detail pages, download attachments that are new or changed."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

from govreports.crawl.http import Fetched, Fetcher
from govreports.crawl.pages import Link, detail_page, list_page
from govreports.crawl.rawstore import (content_disposition_name, manifest_row, read_manifest, safe_name,
                                       same_row, store_bytes, stored_path, sweep_tmp, url_file_name,
                                       write_manifest)
from govreports.crawl.sources import Source
from govreports.errors import GovReportsError

PORTAL_KEYS = ("index_no", "publisher", "published_date")


@dataclass
class CrawledFile:
    """A document the crawl holds on disk, with where it came from and whether its bytes are new."""

    url: str
    referer: Optional[str]
    path: Path
    sha256: str
    file_name: str
    metadata: dict[str, str]
    changed: bool
    notes: list[tuple[str, str]] = field(default_factory=list)  # (code, message) doubts met while fetching


@dataclass
class FetchFailure:
    """A URL the crawl could not get, with a stable code."""

    url: str
    referer: Optional[str]
    code: str
    message: str


@dataclass
class CrawlResult:
    """Everything one crawl of a source saw."""

    source: str
    files: list[CrawledFile] = field(default_factory=list)
    failures: list[FetchFailure] = field(default_factory=list)
    list_pages: int = 0
    fetched_ok: set[str] = field(default_factory=set)  # URLs answered this crawl (lists, details, attachments)
    downloaded: int = 0

    @property
    def changed(self) -> list[CrawledFile]:
        """Files whose bytes are new to this crawl's manifest."""
        return [f for f in self.files if f.changed]


class Crawl:
    """One crawl of one source into raw_root/<source>/, resumable through the manifest."""

    def __init__(self, source: Source, raw_root: Path, fetcher: Optional[Fetcher] = None) -> None:
        self.source = source
        self.raw_dir = raw_root / source.name
        self.fetcher = fetcher or Fetcher(source)
        sweep_tmp(self.raw_dir)  # leftovers of a crawl killed mid-write
        self.manifest = read_manifest(self.raw_dir)
        self.result = CrawlResult(source.name)
        self.lock = threading.Lock()
        self.claimed: set[str] = set()

    def _fail(self, url: str, referer: Optional[str], exc: Exception) -> None:
        code = exc.code if isinstance(exc, GovReportsError) else type(exc).__name__
        with self.lock:
            self.result.failures.append(FetchFailure(url, referer, code, str(exc)))

    def _claim(self, url: str) -> bool:
        """True the first time a URL is claimed in this crawl (an attachment linked twice is fetched once)."""
        with self.lock:
            first = url not in self.claimed
            self.claimed.add(url)
        return first

    def _conditional(self, url: str) -> Fetched:
        """GET url, conditional on what the manifest holds; a 304 returns the stored bytes."""
        known = self.manifest.get(url)
        stored = stored_path(self.raw_dir, known) if known else None
        if known is None or stored is None:
            return self.fetcher.get(url)
        got = self.fetcher.get(url, etag=known.get("etag"), last_modified=known.get("last_modified"))
        return Fetched(got.url, 304, got.headers, stored.read_bytes()) if got.status == 304 else got

    def _keep(self, url: str, got: Fetched, referer: Optional[str], meta: dict[str, str],
              name: Optional[str]) -> CrawledFile:
        """Record a fetched document under the URL its link pointed at (the manifest is saved at once,
        so a killed crawl resumes here); an unchanged document leaves the manifest untouched."""
        known = self.manifest.get(url) or {}
        notes = list(self.fetcher.notes.get(url, []))
        if got.status == 304:
            return CrawledFile(url, referer, self.raw_dir / known["path"], known["sha256"], known["file_name"],
                               {**{k: known[k] for k in PORTAL_KEYS if known.get(k)}, **meta},
                               changed=False, notes=notes)
        sha, path, fmt = store_bytes(self.raw_dir, got.body)
        wanted = name or known.get("file_name") or url_file_name(got.url)
        file_name = safe_name(wanted)
        if file_name != wanted:
            notes.append(("unsafe_file_name", f"file name {wanted!r} from the server was reduced to {file_name!r}"))
        row = manifest_row(url, got.url, referer, got.status, got.headers, sha, len(got.body), fmt,
                           path.relative_to(self.raw_dir.resolve()).as_posix(), file_name,
                           datetime.now(timezone.utc), meta)
        with self.lock:
            self.result.downloaded += 1
            if not (known and same_row(known, row)):
                self.manifest[url] = row
                write_manifest(self.raw_dir, self.manifest)
        return CrawledFile(url, referer, path, sha, file_name, meta, changed=sha != known.get("sha256"), notes=notes)

    def _ok(self, url: str) -> None:
        with self.lock:
            self.result.fetched_ok.add(url)

    def attachment(self, att: Link, detail_url: str, meta: dict[str, str]) -> Optional[CrawledFile]:
        """Fetch one attachment (conditionally) and record it; a failure is recorded, not raised."""
        try:
            fetched = self._conditional(att.url)
            self._ok(att.url)
            name = content_disposition_name(fetched.headers.get("content-disposition")) or att.text or None
            return self._keep(att.url, fetched, detail_url, meta, name if name and "." in name else None)
        except Exception as exc:
            self._fail(att.url, detail_url, exc)
            return None

    def detail(self, link: Link, referer: str) -> list[CrawledFile]:
        """One detail page -> its attachments (or the page itself when it is the document)."""
        try:
            got = self._conditional(link.url)
            self._ok(link.url)
            page = detail_page(got.body, got.url, self.source)
        except Exception as exc:
            self._fail(link.url, referer, exc)
            return []
        meta = {**page.metadata, "title": page.metadata.get("title") or link.text}
        if not page.attachments:
            return [self._keep(link.url, got, referer, meta, None)] if self.source.detail_is_document else []
        files = [self.attachment(att, link.url, meta) for att in page.attachments if self._claim(att.url)]
        return [f for f in files if f is not None]

    def details(self) -> list[tuple[Link, str]]:
        """Walk every start URL's list pages; returns (detail link, list page URL) pairs, first seen wins."""
        seen: dict[str, tuple[Link, str]] = {}
        for start in self.source.start_urls:
            url: Optional[str] = start
            visited: set[str] = set()
            while url and url not in visited and len(visited) < self.source.max_pages:
                visited.add(url)
                try:
                    got = self.fetcher.get(url)
                except Exception as exc:
                    self._fail(url, None, exc)
                    break
                self.result.list_pages += 1
                self._ok(url)
                links, url = list_page(got.body, got.url, self.source)
                for link in links:
                    seen.setdefault(link.url, (link, got.url))
        return list(seen.values())

    def run(self) -> CrawlResult:
        """Crawl the source; detail pages are processed concurrently up to the source's concurrency.

        An interrupt (KeyboardInterrupt, SystemExit, a cancelled flow) cancels the detail pages not
        started yet and propagates; what was stored so far is in the manifest for the next crawl.
        """
        pool = ThreadPoolExecutor(max_workers=max(1, self.source.concurrency))
        interrupted = True
        try:
            for files in pool.map(lambda pair: self.detail(*pair), self.details()):
                self.result.files.extend(files)
            interrupted = False
        finally:
            pool.shutdown(wait=True, cancel_futures=interrupted)
            self.fetcher.close()
        unique: dict[str, CrawledFile] = {}
        for f in self.result.files:
            unique.setdefault(f.url, f)
        self.result.files = list(unique.values())
        return self.result


def crawl(source: Source, raw_root: Path, fetcher: Optional[Fetcher] = None) -> CrawlResult:
    """Crawl one source into raw_root/<source.name>/ and return what it holds and what failed."""
    return Crawl(source, raw_root, fetcher).run()


def manifest_rows(raw_root: Path, source: str) -> list[dict[str, Any]]:
    """The manifest of a source as rows."""
    return list(read_manifest(raw_root / source).values())
