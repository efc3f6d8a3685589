"""Polite HTTP fetching: host allow-list (redirects included), robots.txt, rate limits, retries, size cap."""
from __future__ import annotations

import threading
import time
import urllib.robotparser
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from typing import Callable, Optional
from urllib.parse import urljoin, urlparse

import httpx

from govreports.crawl.sources import Source
from govreports.errors import BadInput, Transient

RETRY_STATUSES = {429, 500, 502, 503, 504}
MAX_REDIRECTS = 5
MAX_RETRY_AFTER_S = 30.0


@dataclass
class Fetched:
    """One successful HTTP exchange (status 200 or 304)."""

    url: str
    status: int
    headers: dict[str, str]
    body: bytes = b""


class Forbidden(BadInput):
    """The URL is outside the source's allowed hosts or disallowed by robots.txt."""

    code = "url_not_allowed"


def retry_after_seconds(value: Optional[str], now: Optional[float] = None) -> Optional[float]:
    """Seconds to wait from a Retry-After header (delta-seconds or HTTP date), capped."""
    if not value:
        return None
    value = value.strip()
    if value.isdigit():
        return min(float(value), MAX_RETRY_AFTER_S)
    try:
        when = parsedate_to_datetime(value).timestamp()
    except (TypeError, ValueError):
        return None
    return min(max(0.0, when - (now or time.time())), MAX_RETRY_AFTER_S)


@dataclass
class RateLimiter:
    """At most `per_second` request starts per host, shared by threads."""

    per_second: float
    _next: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def wait(self, host: str) -> None:
        """Block until this host may be hit again."""
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next.get(host, now))
            self._next[host] = start + 1.0 / self.per_second
        if start > now:
            time.sleep(start - now)


class Fetcher:
    """Fetches URLs for one source, politely, raising Transient / BadInput / Forbidden as data."""

    def __init__(self, source: Source, sleep: Callable[[float], None] = time.sleep) -> None:
        self.source = source
        self.sleep = sleep
        self.limiter = RateLimiter(source.requests_per_second)
        self.slots = threading.BoundedSemaphore(max(1, source.concurrency))
        self.client = httpx.Client(timeout=source.timeout_s, follow_redirects=False,
                                   headers={"User-Agent": source.user_agent})
        self._robots: dict[str, urllib.robotparser.RobotFileParser] = {}
        self._robots_lock = threading.Lock()
        self.notes: dict[str, list[tuple[str, str]]] = {}  # url -> (code, message) of retried failures

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self.client.close()

    def robots_allow(self, url: str) -> bool:
        """robots.txt of the URL's host allows our user agent (a missing robots.txt allows all)."""
        parts = urlparse(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self._robots_lock:  # one robots.txt request per host, even with concurrent workers
            parser = self._robots.get(root)
            if parser is None:
                parser = urllib.robotparser.RobotFileParser()
                try:
                    resp = self.client.get(root + "/robots.txt")
                    parser.parse(resp.text.splitlines() if resp.status_code == 200 else [])
                except httpx.HTTPError:
                    parser.parse([])
                self._robots[root] = parser
        return parser.can_fetch(self.source.user_agent, url)

    def _check(self, url: str) -> None:
        if not self.source.allows(url):
            raise Forbidden(f"{url} is outside the allowed hosts {list(self.source.allowed_hosts)}")
        if not self.robots_allow(url):
            raise Forbidden(f"{url} is disallowed by robots.txt", code="robots_disallowed")

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        """One request chain (following allowed redirects), streaming the body under the size cap."""
        for _ in range(MAX_REDIRECTS + 1):
            self._check(url)
            self.limiter.wait(urlparse(url).hostname or "")
            with self.slots, self.client.stream("GET", url, headers=headers) as resp:
                if resp.has_redirect_location:
                    url = urljoin(url, resp.headers.get("location", ""))
                    continue
                if resp.status_code in RETRY_STATUSES:
                    code, wait = f"http_{resp.status_code}", retry_after_seconds(resp.headers.get("retry-after"))
                    message = f"HTTP {resp.status_code} from {url}"
                    raise Transient(message, code=code) if wait is None else _TransientAfter(message, code, wait)
                if resp.status_code == 304 and headers:
                    return Fetched(url, 304, dict(resp.headers))
                if resp.status_code != 200:
                    raise BadInput(f"HTTP {resp.status_code} from {url}", code=f"http_{resp.status_code}")
                declared = declared_length(resp.headers.get("content-length"))
                if declared is not None and declared > self.source.max_bytes:
                    raise BadInput(f"{url} is {declared} bytes, over the {self.source.max_bytes} cap", code="too_large")
                return Fetched(url, 200, dict(resp.headers), self._read_capped(resp, url))
        raise BadInput(f"more than {MAX_REDIRECTS} redirects from {url}", code="too_many_redirects")

    def _read_capped(self, resp: httpx.Response, url: str) -> bytes:
        """The response body, refusing (without reading on) anything over the size cap."""
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            size += len(chunk)
            if size > self.source.max_bytes:
                raise BadInput(f"{url} exceeds the {self.source.max_bytes} byte cap", code="too_large")
            chunks.append(chunk)
        return b"".join(chunks)

    def get(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None) -> Fetched:
        """GET with conditional headers; retries timeouts, broken bodies, 5xx and 429 with backoff."""
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        delay = 0.5
        for attempt in range(self.source.retries + 1):
            try:
                return self._once(url, headers)
            except _TransientAfter as exc:
                error: Transient = exc
                wait = exc.wait
            except Transient as exc:
                error, wait = exc, delay
            except httpx.TimeoutException as exc:
                error, wait = Transient(f"timeout fetching {url}: {exc}", code="timeout"), delay
            except httpx.TransportError as exc:  # connection refused/reset, body cut short, protocol errors
                error, wait = Transient(f"broken transfer from {url}: {exc}", code="broken_transfer"), delay
            if attempt < self.source.retries:
                self.notes.setdefault(url, []).append((error.code, f"{error} (retried after {wait:.1f}s)"))
                self.sleep(wait)
                delay *= 2
        raise error


class _TransientAfter(Transient):
    """A 429/503 whose Retry-After says how long to wait."""

    def __init__(self, message: str, code: str, wait: float) -> None:
        super().__init__(message, code=code)
        self.wait = wait


def declared_length(value: Optional[str]) -> Optional[int]:
    """The Content-Length header as an int (None when absent or malformed)."""
    try:
        return int(value) if value else None
    except ValueError:
        return None
