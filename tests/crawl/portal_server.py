"""A real HTTP server on 127.0.0.1 serving a route table: static pages, endpoints computed from the query, drips."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Callable, Optional, Union
from urllib.parse import parse_qs, urlparse


@dataclass
class Page:
    """One answer: status, body, content type, extra headers; drip_s > 0 sends the body a byte every drip_s."""

    body: bytes
    ctype: str = "text/html; charset=utf-8"
    status: int = 200
    headers: dict[str, bytes] = field(default_factory=dict)
    drip_s: float = 0.0
    delay_s: float = 0.0  # silence before the status line


Endpoint = Callable[[dict[str, list[str]]], Page]
Route = Union[Page, Endpoint]
NOT_FOUND = Page(b"not found", "text/plain", 404)


class RouteServer(ThreadingHTTPServer):
    """Serves `routes` (path or 'prefix*' -> Page, or -> function of the query); counts requests per path."""

    daemon_threads = True
    allow_reuse_address = True

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.hits: dict[str, int] = {}
        self.lock = threading.Lock()
        super().__init__(("127.0.0.1", 0), _Handler)
        self.thread = threading.Thread(target=self.serve_forever, daemon=True)
        self.thread.start()

    @property
    def base_url(self) -> str:
        """http://127.0.0.1:PORT"""
        return f"http://127.0.0.1:{self.server_address[1]}"

    def answer(self, raw_path: str) -> Page:
        """The Page for a request path (with query)."""
        url = urlparse(raw_path)
        with self.lock:
            self.hits[url.path] = self.hits.get(url.path, 0) + 1
        route: Optional[Route] = self.routes.get(url.path)
        if route is None:  # a key ending in '*' serves every path it prefixes
            route = next((r for k, r in self.routes.items() if k.endswith("*") and url.path.startswith(k[:-1])), None)
        if route is None:
            return NOT_FOUND
        return route if isinstance(route, Page) else route(parse_qs(url.query))

    def stop(self) -> None:
        """Shut the server down."""
        self.shutdown()
        self.server_close()


class _Handler(BaseHTTPRequestHandler):
    server: RouteServer

    def log_message(self, *args: object) -> None:
        pass

    def do_GET(self) -> None:  # noqa: N802 (http.server's name)
        page = self.server.answer(self.path)
        time.sleep(page.delay_s)
        self.send_response(page.status)
        self.send_header("Content-Type", page.ctype)
        self.send_header("Content-Length", str(len(page.body)))
        for k, v in page.headers.items():
            self.send_header(k, v.decode("latin-1"))
        self.end_headers()
        try:
            if page.drip_s <= 0:
                self.wfile.write(page.body)
                return
            for i in range(len(page.body)):
                self.wfile.write(page.body[i:i + 1])
                self.wfile.flush()
                time.sleep(page.drip_s)
        except (BrokenPipeError, ConnectionResetError):
            pass
