"""Polite HTTP fetching: host allow-list (redirects included), robots.txt, rate limits, retries, size cap,
a total deadline per request (connect + headers + body) and per-run / per-host request budgets."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from contextlib import contextmanager
from typing import Callable, Iterator, Optional
from urllib.parse import urljoin, urlparse

import httpx

from govreports.crawl.budget import Budget
from govreports.crawl.robots import RobotsCache
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
        self.budget = Budget(source.max_requests, source.max_requests_per_host, source.max_run_s)
        self.robots = RobotsCache(self._get_robots, source.user_agent)
        self.notes: dict[str, list[tuple[str, str]]] = {}  # url -> (code, message) of retried failures

    @property
    def issues(self) -> list[tuple[str, str, str]]:
        """Host-level doubts of this run (robots.txt unavailable …) as (url, code, message)."""
        return list(self.robots.issues)

    def close(self) -> None:
        """Close the HTTP connection pool."""
        self.client.close()

    def _get_robots(self, url: str) -> tuple[int, bytes]:
        """(status, first robots_max_bytes of the body) of robots.txt, within robots_timeout_s in all."""
        if not self.source.allows(url):
            raise Forbidden(f"{url} is outside the allowed hosts")
        self.budget.take(urlparse(url).hostname or "")
        deadline = time.monotonic() + self.source.robots_timeout_s
        with self._deadline_stream(url, {}, deadline) as resp:
            body = self._read(resp, url, deadline, self.source.robots_max_bytes, truncate=True)
            return resp.status_code, body

    def robots_allow(self, url: str) -> bool:
        """robots.txt of the URL's host allows our user agent (a missing one allows all; 5xx/unreachable: none)."""
        return self.robots.allows(url)

    def _check(self, url: str) -> None:
        if not self.source.allows(url):
            raise Forbidden(f"{url} is outside the allowed hosts {list(self.source.allowed_hosts)}")
        if not self.robots_allow(url):
            raise Forbidden(f"{url} is disallowed by robots.txt", code="robots_disallowed")

    @contextmanager
    def _deadline_stream(self, url: str, headers: dict[str, str], deadline: float) -> Iterator[httpx.Response]:
        """A streamed GET that is closed by a watchdog at the deadline (however slowly its bytes arrive)."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise Transient(f"no time left to fetch {url}", code="deadline_exceeded")
        timeout = httpx.Timeout(min(self.source.timeout_s, remaining))
        expired = threading.Event()
        try:
            with self.client.stream("GET", url, headers=headers, timeout=timeout) as resp:
                def expire() -> None:
                    expired.set()
                    resp.close()
                watchdog = threading.Timer(max(0.0, deadline - time.monotonic()), expire)
                watchdog.daemon = True
                watchdog.start()
                try:
                    yield resp
                finally:
                    watchdog.cancel()
        except (httpx.HTTPError, RuntimeError) as exc:
            if expired.is_set() or time.monotonic() >= deadline:
                raise Transient(f"{url} took longer than the {self.source.deadline_s:.0f}s deadline",
                                code="deadline_exceeded") from exc
            raise

    def _once(self, url: str, headers: dict[str, str]) -> Fetched:
        """One request chain (following allowed redirects), streaming the body under the size cap and deadline."""
        for _ in range(MAX_REDIRECTS + 1):
            self._check(url)
            host = urlparse(url).hostname or ""
            self.limiter.wait(host)
            self.budget.take(host)
            with self.slots:
                deadline = time.monotonic() + self.source.deadline_s  # waiting for a slot is not the request's time
                with self._deadline_stream(url, headers, deadline) as resp:
                    if resp.has_redirect_location:
                        url = urljoin(url, resp.headers.get("location", ""))
                        continue
                    return self._answer(url, headers, resp, deadline)
        raise BadInput(f"more than {MAX_REDIRECTS} redirects from {url}", code="too_many_redirects")

    def _answer(self, url: str, headers: dict[str, str], resp: httpx.Response, deadline: float) -> Fetched:
        """A final (non-redirect) response as Fetched, or the error its status means."""
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
        return Fetched(url, 200, dict(resp.headers), self._read(resp, url, deadline, self.source.max_bytes))

    def _read(self, resp: httpx.Response, url: str, deadline: float, cap: int, truncate: bool = False) -> bytes:
        """The response body up to cap bytes (refused over it, or cut when truncate), before the deadline."""
        chunks, size = [], 0
        for chunk in resp.iter_bytes():
            if time.monotonic() > deadline:
                raise Transient(f"{url} took longer than its deadline", code="deadline_exceeded")
            size += len(chunk)
            if size > cap:
                if truncate:
                    chunks.append(chunk[:len(chunk) - (size - cap)])
                    break
                raise BadInput(f"{url} exceeds the {cap} byte cap", code="too_large")
            chunks.append(chunk)
        return b"".join(chunks)

    def get(self, url: str, etag: Optional[str] = None, last_modified: Optional[str] = None) -> Fetched:
        """GET with conditional headers; retries timeouts, broken bodies, 5xx and 429 with backoff.

        A request that outlives its total deadline is not retried: a server that slow will not be faster now.
        """
        headers = {k: v for k, v in (("If-None-Match", etag), ("If-Modified-Since", last_modified)) if v}
        delay = 0.5
        for attempt in range(self.source.retries + 1):
            try:
                return self._once(url, headers)
            except _TransientAfter as exc:
                error: Transient = exc
                wait = exc.wait
            except Transient as exc:
                if exc.code == "deadline_exceeded":
                    raise
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
