"""The bundled demo portal: a real HTTP server on 127.0.0.1 serving data/samples the way county portals do."""
from __future__ import annotations

import hashlib
import sys
import threading
import time
from dataclasses import dataclass, field
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, Optional
from urllib.parse import parse_qs, quote, urlparse

import httpx

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
COLUMN = "col1001"
PER_PAGE = 4
MARKER = "X-Demo-Portal"  # on every response, so a running portal can be recognised (and reused)
ROBOTS = b"User-agent: *\nDisallow: /private/\n"
LAST_MODIFIED = formatdate(1564358400, usegmt=True)  # 2019-07-29, a fixed date keeps conditional GETs stable


@dataclass
class Item:
    """One published item: a detail page with an attachment, or a page that is itself the document."""

    number: int
    path: Path

    @property
    def is_page(self) -> bool:
        """True for an HTML sample, which is served as its own detail page."""
        return self.path.suffix == ".html"

    @property
    def title(self) -> str:
        """A list/detail title in the portal's style."""
        return f"{self.path.stem} 预决算公开（{self.path.suffix.lstrip('.')}）"

    @property
    def detail_path(self) -> str:
        """The detail page URL path."""
        return f"/art/2024/4/{self.number % 28 + 1}/art_1001_{self.number}.html"

    @property
    def attachment_path(self) -> str:
        """The attachment download URL path (the CMS's download servlet)."""
        return f"/module/download/downfile.jsp?classid=0&filename={self.number}"


def sample_items(samples: Path = SAMPLES) -> list[Item]:
    """Every file of data/samples/{docx,pdf,html} as a numbered item."""
    files = sorted(p for sub in ("docx", "pdf", "html") for p in (samples / sub).glob("*") if p.is_file())
    return [Item(i + 1, p) for i, p in enumerate(files)]


@dataclass
class Faults:
    """Faults to inject, by URL path (with query): for tests of the crawler's failure handling.

    Kinds: 500_once, 500_always, 429_once (Retry-After: retry_after_s), timeout_once, timeout_always (answer after
    timeout_s), truncated (half the declared body), redirect_foreign (302 to foreign_host), oversize
    (oversize_bytes with Content-Length), oversize_unsized (the same streamed without one), evil_name
    (Content-Disposition file name ../../../etc/evil.pdf).
    """

    by_path: dict[str, str] = field(default_factory=dict)  # path -> kind
    hits: dict[str, int] = field(default_factory=dict)
    foreign_host: str = "http://evil.example.invalid/"
    timeout_s: float = 3.0
    retry_after_s: int = 1
    oversize_bytes: int = 2 * 1024 * 1024
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def hit(self, path: str) -> tuple[Optional[str], int]:
        """(fault kind for this path or None, how many times it was requested before)."""
        with self._lock:
            n = self.hits.get(path, 0)
            self.hits[path] = n + 1
        return self.by_path.get(path), n


def list_page(items: list[Item], page: int) -> bytes:
    """A paginated 财政预决算 column page (UTF-8)."""
    chunk = items[(page - 1) * PER_PAGE: page * PER_PAGE]
    lis = "\n".join(f'<li><a href="{it.detail_path}" target="_blank">{it.title}</a><span>2024-04-{it.number:02d}</span></li>'
                    for it in chunk)
    pages = (len(items) + PER_PAGE - 1) // PER_PAGE
    nxt = f'<a class="next" href="index_{page + 1}.html">下一页</a>' if page < pages else ""
    return (f'<!DOCTYPE html><html><head><meta charset="utf-8"><title>财政预决算_汨罗市人民政府（演示）</title></head>'
            f'<body><div class="nav"><a href="/">首页</a> &gt; 政务公开 &gt; 财政预决算</div>'
            f'<ul class="list">{lis}</ul><div class="page">第{page}页/共{pages}页 {nxt}</div></body></html>').encode("utf-8")


def detail_page(item: Item) -> tuple[bytes, str]:
    """(body, charset) of a detail page with the 索引号 metadata table and the attachment link; odd items are GBK."""
    charset = "gb2312" if item.number % 2 else "utf-8"
    name = item.path.name
    html = (f'<!DOCTYPE html><html><head><meta http-equiv="Content-Type" content="text/html; charset={charset}">'
            f'<title>{item.title}_汨罗市人民政府（演示）</title></head><body>'
            '<table class="xxgk_table"><tr><td>索引号</td><td>12332211/2024-0000' + f"{item.number:03d}" + '</td>'
            '<td>发布机构</td><td>汨罗市</td><td>公开范围</td><td>全部公开</td></tr>'
            f'<tr><td>生成日期</td><td>2024-04-{item.number:02d}</td><td>公开日期</td><td>2024-04-{item.number:02d}</td>'
            '<td>公开方式</td><td>政府网站</td></tr></table>'
            f'<h1 class="title">{item.title}</h1><div class="content"><p>现将有关情况公开如下。</p>'
            f'<p>附件：<a href="{item.attachment_path}">{name}</a></p></div></body></html>')
    return html.encode("gb18030" if charset == "gb2312" else "utf-8"), charset


def disposition(item: Item) -> bytes:
    """Content-Disposition: RFC 5987 for even items, raw GBK bytes (as many CMSs send) for odd ones."""
    name = item.path.name
    if item.number % 2 == 0:
        return f"attachment; filename*=UTF-8''{quote(name)}".encode("ascii")
    return b'attachment; filename="' + name.encode("gb18030") + b'"'


@dataclass
class Reply:
    """A response the portal is about to send."""

    status: int
    body: bytes
    ctype: str
    extra: dict[str, bytes | str] = field(default_factory=dict)
    etag: Optional[str] = None


NOT_FOUND = Reply(404, b"not found", "text/plain")


def route(path: str, items: list[Item]) -> Reply:
    """The normal (fault-free) reply for a request path: robots.txt, list pages, detail pages, attachments."""
    url = urlparse(path)
    by_number = {it.number: it for it in items}
    if url.path == "/robots.txt":
        return Reply(200, ROBOTS, "text/plain")
    if url.path == f"/col/{COLUMN}/index.html" or url.path.startswith(f"/col/{COLUMN}/index_"):
        page = _page_number(url.path.rsplit("/", 1)[-1])
        pages = max(1, (len(items) + PER_PAGE - 1) // PER_PAGE)
        return Reply(200, list_page(items, page), "text/html; charset=utf-8") if page and page <= pages else NOT_FOUND
    if url.path.startswith("/art/"):
        item = by_number.get(_int(url.path.rsplit("_", 1)[-1].split(".")[0]))
        if item is None:
            return NOT_FOUND
        if item.is_page:
            data = item.path.read_bytes()
            return Reply(200, data, "text/html; charset=gb2312", etag=_etag(data))
        body, charset = detail_page(item)
        return Reply(200, body, f"text/html; charset={charset}")
    if url.path == "/module/download/downfile.jsp":
        item = by_number.get(_int(parse_qs(url.query).get("filename", [""])[0]))
        if item is None or item.is_page:
            return NOT_FOUND
        data = item.path.read_bytes()
        return Reply(200, data, "application/octet-stream", {"Content-Disposition": disposition(item)}, _etag(data))
    return NOT_FOUND


def _int(text: str) -> int:
    """text as an int, or -1 when it is not one."""
    return int(text) if text.isdigit() else -1


def _page_number(stem: str) -> int:
    """1 for index.html, N for index_N.html, 0 for anything else."""
    if stem == "index.html":
        return 1
    number = stem[len("index_"):-len(".html")] if stem.startswith("index_") and stem.endswith(".html") else ""
    return int(number) if number.isdigit() else 0


class Handler(BaseHTTPRequestHandler):
    """Serves route() replies, honours If-None-Match, and applies injected faults."""

    server: "PortalServer"
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002 - quiet server
        return None

    def _send(self, reply: Reply) -> None:
        if reply.etag and self.headers.get("If-None-Match") == reply.etag:
            self._head(304, {"ETag": reply.etag, "Content-Length": "0"})
            return
        headers: dict[str, bytes | str] = {"Content-Type": reply.ctype, "Content-Length": str(len(reply.body))}
        if reply.etag:
            headers.update({"ETag": reply.etag, "Last-Modified": LAST_MODIFIED})
        self._head(reply.status, {**headers, **reply.extra})
        self.wfile.write(reply.body)

    def _head(self, status: int, headers: dict[str, bytes | str]) -> None:
        """Status line and headers (bytes values go out raw, as CMSs send GBK file names)."""
        self.send_response(status)
        self.send_header(MARKER, "govreports")
        for k, v in headers.items():
            if isinstance(v, bytes):
                self._headers_buffer.append(k.encode("ascii") + b": " + v + b"\r\n")  # type: ignore[attr-defined]
            else:
                self.send_header(k, v)
        self.server.record(self.path, status)  # before the headers go out: a client that saw them finds the record
        self.end_headers()

    def _fault(self, kind: str, n: int, reply: Reply) -> bool:
        """Apply an injected fault; True when the response was handled by it."""
        f = self.server.faults
        if kind == "500_once" and n == 0 or kind == "500_always":
            self._send(Reply(500, b"server error", "text/plain"))
        elif kind == "429_once" and n == 0:
            self._head(429, {"Retry-After": str(f.retry_after_s), "Content-Length": "0"})
        elif kind == "timeout_once" and n == 0 or kind == "timeout_always":
            time.sleep(f.timeout_s)
            self._send(reply)
        elif kind == "truncated":
            self._head(200, {"Content-Type": reply.ctype, "Content-Length": str(len(reply.body))})
            self.wfile.write(reply.body[: len(reply.body) // 2])
            self.close_connection = True
        elif kind == "redirect_foreign":
            self._head(302, {"Location": f.foreign_host + "stolen.pdf", "Content-Length": "0"})
        elif kind == "oversize":
            self._send(Reply(200, b"%PDF-1.4\n" + b"0" * f.oversize_bytes, "application/pdf"))
        elif kind == "oversize_unsized":  # no Content-Length: only counting the streamed bytes catches it
            self._head(200, {"Content-Type": "application/pdf", "Connection": "close"})
            self.close_connection = True
            for _ in range(max(1, f.oversize_bytes // 65536)):
                self.wfile.write(b"0" * 65536)
        elif kind == "evil_name":
            self._send(Reply(200, reply.body, "application/octet-stream",
                             {"Content-Disposition": 'attachment; filename="../../../etc/evil.pdf"'}))
        else:
            return False
        return True

    def do_GET(self) -> None:  # noqa: N802 - http.server naming
        reply = route(self.path, self.server.items)
        kind, n = self.server.faults.hit(self.path)
        if kind and self._fault(kind, n, reply):
            return
        self._send(reply)


def _etag(data: bytes) -> str:
    return '"' + hashlib.sha256(data).hexdigest()[:32] + '"'


class PortalServer(ThreadingHTTPServer):
    """The demo portal server; items are re-read from disk so a changed sample is served changed."""

    daemon_threads = True

    def __init__(self, port: int = 0, samples: Path = SAMPLES, faults: Optional[Faults] = None) -> None:
        super().__init__(("127.0.0.1", port), Handler)
        self.samples = samples
        self.faults = faults or Faults()
        self.served: list[tuple[str, int]] = []  # (request path, status) in the order responses started
        self._served_lock = threading.Lock()

    def record(self, path: str, status: int) -> None:
        """Remember that a response with this status was started for path."""
        with self._served_lock:
            self.served.append((path, status))

    def handle_error(self, request: Any, client_address: Any) -> None:
        """Stay quiet when a client hangs up early (timeouts, size caps: what the faults provoke); report the rest."""
        if not isinstance(sys.exc_info()[1], ConnectionError):
            super().handle_error(request, client_address)

    @property
    def items(self) -> list[Item]:
        """The current items (files of the samples folder)."""
        return sample_items(self.samples)

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.server_address[1]}"


def start(port: int = 0, samples: Path = SAMPLES, faults: Optional[Faults] = None) -> PortalServer:
    """Start the portal in a background thread and return it (call .shutdown() to stop)."""
    server = PortalServer(port, samples, faults)
    threading.Thread(target=server.serve_forever, args=(0.05,), name="demo-portal", daemon=True).start()
    return server


def running_at(port: int) -> bool:
    """True when a govreports demo portal already answers on 127.0.0.1:port."""
    try:
        resp = httpx.get(f"http://127.0.0.1:{port}/robots.txt", timeout=2.0)
    except httpx.HTTPError:
        return False
    return resp.headers.get(MARKER) == "govreports"


def start_preferred(port: int, samples: Path = SAMPLES) -> tuple[Optional[PortalServer], str]:
    """(portal we started or None, its base URL): the portal on port, reusing one already running there.

    Crawled URLs include the port, so runs over the same data folder stay incremental only while
    the portal keeps its port: the CLI and the deployment ask for the port in sources/demo.toml,
    and use a `govreports demo-portal` already serving it. Only when the port is taken by something
    else does the portal move to a free port.
    """
    if port:
        try:
            server = start(port, samples)
            return server, server.base_url
        except OSError:
            if running_at(port):
                return None, f"http://127.0.0.1:{port}"
    server = start(0, samples)
    return server, server.base_url
