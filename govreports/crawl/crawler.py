"""Source -> documents on disk: walk list pages, read detail pages, download attachments that are new or changed."""
from __future__ import annotations

import threading
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urljoin

from extractors.detect import detect_format
from govreports.crawl.archives import archive_kind, unpack
from govreports.crawl.http import Fetched, Fetcher
from govreports.crawl.pages import Link, PageView, inspect
from govreports.crawl.rawstore import (content_disposition_name, manifest_row, read_manifest, safe_name,
                                       same_row, store_bytes, stored_path, sweep_tmp, url_file_name,
                                       write_manifest)
from govreports.crawl.sources import Source
from govreports.errors import BadInput, GovReportsError

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
    skipped_pages: int = 0  # pages read that name no report of the source's kinds (not stored)
    skipped_attachments: int = 0  # documents linked from pages but not about the source's reports (not fetched)
    blocked: int = 0  # bot-check and script-redirect stubs met

    def counts(self) -> dict[str, int]:
        """The run summary's crawl counts."""
        return {"list_pages": self.list_pages, "downloaded": self.downloaded, "skipped_pages": self.skipped_pages,
                "skipped_attachments": self.skipped_attachments, "blocked": self.blocked,
                "failures": len(self.failures)}

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

    def attachment(self, att: Link, detail_url: str, meta: dict[str, str]) -> list[CrawledFile]:
        """Fetch one attachment (conditionally) and record it, or its members when it is an archive.

        A failure is recorded, not raised; an answer that is an HTML page (a handler's error page) is no document.
        """
        try:
            fetched = self._conditional(att.url)
            self._ok(att.url)
            name = content_disposition_name(fetched.headers.get("content-disposition")) or att.text or None
            if archive_kind(fetched.body):
                return self._archive(att, fetched, detail_url, meta, name)
            if detect_format(fetched.body) == "html" and att.how != "href":
                raise BadInput(f"{att.url} answered with a web page, not a document", code="attachment_not_document")
            return [self._keep(att.url, fetched, detail_url, meta, name if name and "." in name else None)]
        except Exception as exc:
            self._fail(att.url, detail_url, exc)
            return []

    def _archive(self, att: Link, got: Fetched, detail_url: str, meta: dict[str, str],
                 name: Optional[str]) -> list[CrawledFile]:
        """Keep the archive's bytes, then each document member as a document whose source is the archive."""
        self._keep(att.url, got, detail_url, meta, name if name and "." in name else None)
        unpacked = unpack(got.body, self.source.max_archive_members, self.source.max_archive_bytes)
        files = []
        for member in unpacked.members:
            url = f"{att.url}#{member.name}"
            member_meta = {**meta, "archive": att.url}
            file = self._keep(url, Fetched(url, 200, {}, member.data), att.url, member_meta, member.name)
            files.append(file)
        if files:
            files[0].notes.extend(unpacked.notes)
        else:
            detail = "; ".join(m for _, m in unpacked.notes) or "no files"
            self._fail(att.url, detail_url, BadInput(f"archive holds no document ({detail})", code="archive_empty"))
        return files

    def _page(self, url: str, referer: Optional[str], context: str = "") -> Optional[tuple[Fetched, PageView]]:
        """Fetch and inspect one page; a fetch failure or a bot-check/redirect stub is recorded, None returned."""
        try:
            got = self._conditional(url)
            self._ok(url)
            view = inspect(got.body, got.url, self.source, context)
        except Exception as exc:
            self._fail(url, referer, exc)
            return None
        if view.block is not None:
            with self.lock:
                self.result.blocked += 1
            target = self._redirect_target(got.url, view)
            if target is None:  # a redirect the crawl follows is no failure; a bot check or a dead end is
                self._fail(url, referer, BadInput(view.block.message, code=view.block.code))
        return got, view

    def _redirect_target(self, url: str, view: PageView) -> Optional[str]:
        """Where a script-redirect stub points, when that is a page of the source."""
        if view.block is None or not view.block.target:
            return None
        target = urljoin(url, view.block.target)
        return target if self.source.allows(target) else None

    def detail(self, link: Link, referer: str) -> tuple[list[CrawledFile], list[Link]]:
        """One detail page -> (its kept attachments, or the page itself when it is the document; links to follow)."""
        fetched = self._page(link.url, referer, link.text if link.how == "frame" else "")
        if fetched is None:
            return [], []
        got, page = fetched
        if page.block is not None:  # a script redirect to a page of the source is followed once, in place
            target = self._redirect_target(got.url, page)
            if target and self._claim(target):
                return self.detail(Link(target, link.text), referer)
            return [], []
        meta = {**page.metadata, "title": page.metadata.get("title") or link.text}
        with self.lock:
            self.result.skipped_attachments += len(page.skipped)
        framed = [self.detail(Link(u, page.title, "frame"), link.url) for u in page.frames if self._claim(u)]
        if framed and any(files for files, _ in framed):  # the content sits in an iframe page: take its documents
            return [f for files, _ in framed for f in files], page.details
        if not page.attachments:
            if page.relevant and self.source.detail_is_document:
                return [self._keep(link.url, got, referer, meta, None)], page.details
            with self.lock:
                self.result.skipped_pages += 1
            return [], page.details
        files = [f for att in page.attachments if self._claim(att.url) for f in self.attachment(att, link.url, meta)]
        return files, page.details

    def details(self) -> list[tuple[Link, str]]:
        """Walk every start URL's list pages; returns (detail link, list page URL) pairs, first seen wins.

        A list stops at max_pages, at a page already seen, or at a page that adds no new detail link.
        """
        seen: dict[str, tuple[Link, str]] = {}
        for start in self.source.start_urls:
            url: Optional[str] = start
            visited: set[str] = set()
            while url and url not in visited and len(visited) < self.source.max_pages:
                visited.add(url)
                fetched = self._page(url, None)
                if fetched is None:
                    break
                got, page = fetched
                if page.block is not None:
                    url = self._redirect_target(got.url, page)
                    continue
                self.result.list_pages += 1
                if page.kind == "detail" and (page.relevant or page.attachments):
                    seen.setdefault(got.url, (Link(got.url, page.title), got.url))
                before = len(seen)
                for link in page.details:
                    seen.setdefault(link.url, (link, got.url))
                if len(seen) == before and len(visited) > 1:
                    break
                url = page.next_page
        return list(seen.values())

    def run(self) -> CrawlResult:
        """Crawl the source; detail pages are processed concurrently, in waves of link depth up to max_depth.

        An interrupt (KeyboardInterrupt, SystemExit, a cancelled flow) cancels the detail pages not
        started yet and propagates; what was stored so far is in the manifest for the next crawl.
        """
        pool = ThreadPoolExecutor(max_workers=max(1, self.source.concurrency))
        interrupted = True
        try:
            wave = self.details()
            done = {link.url for link, _ in wave} | set(self.source.start_urls)
            depth = 1
            while wave:
                follow: list[tuple[Link, str]] = []
                for (link, _), (files, more) in zip(wave, pool.map(lambda pair: self.detail(*pair), wave)):
                    self.result.files.extend(files)
                    for nxt in more:
                        if nxt.url not in done and self.source.allows(nxt.url):
                            done.add(nxt.url)
                            follow.append((nxt, link.url))
                depth += 1
                wave = follow if depth <= self.source.max_depth else []
            interrupted = False
        finally:
            pool.shutdown(wait=True, cancel_futures=interrupted)
            self.fetcher.close()
        for url, code, message in self.fetcher.issues:  # host-level doubts (robots.txt unavailable …)
            self._fail(url, None, BadInput(message, code=code))
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
