"""Slow and hostile servers on 127.0.0.1: total deadlines, robots.txt bounds and failures, request budgets."""
from __future__ import annotations

import dataclasses
import threading
import time
from pathlib import Path
from typing import Any, Iterator

import pytest

from govreports.crawl.crawler import crawl
from govreports.crawl.http import Fetcher
from govreports.crawl.sources import Source, load_template
from govreports.errors import BadInput, GovReportsError, Transient

from .helpers import RecordingSleep
from .portal_server import Page, RouteServer

ROBOTS_OK = Page(b"User-agent: *\nDisallow: /private/\n", "text/plain")
PDF = b"%PDF-1.4\n" + b"0" * 2000


@pytest.fixture
def serve() -> Iterator[Any]:
    servers: list[RouteServer] = []

    def start(routes: dict[str, Any]) -> RouteServer:
        server = RouteServer(routes)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.stop()


def source_for(*servers: RouteServer, **changes: Any) -> Source:
    """The generic template on the servers' host, fast, with the given limits."""
    base = servers[0].base_url
    src = load_template("generic", base_url=base)
    defaults: dict[str, Any] = {"allowed_hosts": ("127.0.0.1", "localhost"), "requests_per_second": 500.0,
                                "retries": 0, "timeout_s": 5.0, "deadline_s": 3.0, "robots_timeout_s": 2.0,
                                "concurrency": 2}
    return dataclasses.replace(src, **{**defaults, **changes})


def test_dripping_attachment_times_out_and_the_rest_is_kept(serve: Any, tmp_path: Path) -> None:
    """A PDF sent a byte every 2 s (each read well inside timeout_s) fails at the 3 s total deadline."""
    detail = ('<html><head><title>某局2026年部门预算</title></head><body><a href="/f/slow.pdf">2026年部门预算.pdf</a>'
              '<a href="/f/fast.pdf">2026年部门预算（附表）.pdf</a></body></html>')
    home = '<html><body><a href="/d/1.html">某局2026年部门预算</a></body></html>'
    server = serve({"/robots.txt": ROBOTS_OK, "/index.html": Page(home.encode()), "/d/1.html": Page(detail.encode()),
                    "/f/slow.pdf": Page(PDF, "application/pdf", drip_s=2.0), "/f/fast.pdf": Page(PDF, "application/pdf")})
    source = dataclasses.replace(source_for(server), start_urls=(server.base_url + "/index.html",))
    started = time.monotonic()
    result = crawl(source, tmp_path, Fetcher(source, sleep=RecordingSleep()))
    elapsed = time.monotonic() - started
    assert [f.url.removeprefix(server.base_url) for f in result.files] == ["/f/fast.pdf"]
    assert [(f.url.removeprefix(server.base_url), f.code) for f in result.failures] == [("/f/slow.pdf", "deadline_exceeded")]
    assert elapsed < 8.0, elapsed  # the deadline (3 s) plus one drip interval, not 2 s x 2009 bytes


def test_headers_that_never_come_time_out_at_the_deadline(serve: Any) -> None:
    server = serve({"/robots.txt": ROBOTS_OK, "/late": Page(b"x", delay_s=6.0)})
    fetcher = Fetcher(source_for(server, timeout_s=30.0, deadline_s=1.5), sleep=RecordingSleep())
    started = time.monotonic()
    with pytest.raises(GovReportsError) as info:
        fetcher.get(server.base_url + "/late")
    assert info.value.code in ("deadline_exceeded", "timeout") and time.monotonic() - started < 4.0
    fetcher.close()


def test_dripping_robots_txt_stalls_no_other_host(serve: Any) -> None:
    """While one host's robots.txt drips, another host is fetched at once; the dripping host ends disallowed."""
    slow = serve({"/robots.txt": Page(b"User-agent: *\nAllow: /\n" * 20, "text/plain", drip_s=2.0),
                  "/a.html": Page(b"<html>a</html>")})
    fast = serve({"/robots.txt": ROBOTS_OK, "/b.html": Page(b"<html>b</html>")})
    fetcher = Fetcher(source_for(slow, fast, robots_timeout_s=3.0), sleep=RecordingSleep())
    outcome: dict[str, Any] = {}

    def slow_get() -> None:
        try:
            fetcher.get(slow.base_url + "/a.html")
        except BadInput as exc:
            outcome["slow"] = exc.code

    worker = threading.Thread(target=slow_get)
    worker.start()
    time.sleep(0.5)  # the slow host's robots.txt is now being read, a byte every 2 s
    started = time.monotonic()
    assert fetcher.get(fast.base_url.replace("127.0.0.1", "localhost") + "/b.html").body == b"<html>b</html>"
    assert time.monotonic() - started < 1.0
    worker.join(timeout=10)
    assert outcome == {"slow": "robots_disallowed"}
    assert [code for _, code, _ in fetcher.issues] == ["robots_unavailable"]
    assert slow.hits.get("/a.html", 0) == 0
    fetcher.close()


@pytest.mark.parametrize("status", [500, 503])
def test_robots_5xx_disallows_the_host_for_the_run(serve: Any, tmp_path: Path, status: int) -> None:
    server = serve({"/robots.txt": Page(b"oops", "text/plain", status), "/index.html": Page("<a href='/x'>2026年部门预算</a>".encode())})
    source = dataclasses.replace(source_for(server), start_urls=(server.base_url + "/index.html",))
    result = crawl(source, tmp_path, Fetcher(source, sleep=RecordingSleep()))
    codes = sorted(f.code for f in result.failures)
    assert codes == ["robots_disallowed", "robots_unavailable"]
    assert server.hits.get("/index.html", 0) == 0 and server.hits["/robots.txt"] == 1


def test_robots_404_allows_and_a_huge_robots_is_read_only_up_to_its_cap(serve: Any) -> None:
    rules = b"User-agent: *\nDisallow: /private/\n" + b"# padding\n" * 300_000  # ~3 MB
    server = serve({"/robots.txt": Page(rules, "text/plain"), "/ok.html": Page(b"ok"), "/private/x": Page(b"no")})
    fetcher = Fetcher(source_for(server, robots_max_bytes=64 * 1024), sleep=RecordingSleep())
    assert fetcher.get(server.base_url + "/ok.html").body == b"ok"
    with pytest.raises(BadInput) as info:
        fetcher.get(server.base_url + "/private/x")
    assert info.value.code == "robots_disallowed"
    fetcher.close()
    missing = serve({"/ok.html": Page(b"ok")})  # robots.txt 404
    other = Fetcher(source_for(missing), sleep=RecordingSleep())
    assert other.get(missing.base_url + "/ok.html").body == b"ok" and other.issues == []
    other.close()


def test_per_host_and_per_run_request_budgets(serve: Any) -> None:
    server = serve({"/robots.txt": ROBOTS_OK, "/p": Page(b"p")})
    fetcher = Fetcher(source_for(server, max_requests_per_host=3), sleep=RecordingSleep())
    for _ in range(2):  # robots.txt is the host's first request
        fetcher.get(server.base_url + "/p")
    with pytest.raises(BadInput) as info:
        fetcher.get(server.base_url + "/p")
    assert info.value.code == "budget_exhausted" and server.hits["/p"] == 2
    fetcher.close()
    run = Fetcher(source_for(server, max_requests=2, max_requests_per_host=100), sleep=RecordingSleep())
    run.get(server.base_url + "/p")
    with pytest.raises(BadInput):
        run.get(server.base_url + "/p")
    run.close()


def test_a_spent_run_time_budget_starts_no_request(serve: Any) -> None:
    server = serve({"/robots.txt": ROBOTS_OK, "/p": Page(b"p")})
    fetcher = Fetcher(source_for(server, max_run_s=0.0), sleep=RecordingSleep())
    fetcher.budget.take("warm-up")  # the run's clock starts at its first request
    time.sleep(0.01)
    with pytest.raises(BadInput) as info:
        fetcher.get(server.base_url + "/p")
    assert info.value.code in ("budget_exhausted", "robots_disallowed")
    assert server.hits.get("/p", 0) == 0
    fetcher.close()


def test_deadline_is_not_retried(serve: Any) -> None:
    server = serve({"/robots.txt": ROBOTS_OK, "/slow": Page(b"x" * 50, drip_s=0.5)})
    sleep = RecordingSleep()
    fetcher = Fetcher(source_for(server, deadline_s=1.0, retries=3), sleep=sleep)
    with pytest.raises(Transient) as info:
        fetcher.get(server.base_url + "/slow")
    assert info.value.code == "deadline_exceeded" and server.hits["/slow"] == 1 and sleep.calls == []
    fetcher.close()
