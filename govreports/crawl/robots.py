"""robots.txt per host, fetched once per run under its own size and time bounds, and one lock per host.

RFC 9309: a 4xx robots.txt allows everything; a 5xx, a timeout or an unreachable server means "assume
complete disallow" (for this run), which is recorded as an issue instead of being read as allow-all.
"""
from __future__ import annotations

import threading
import urllib.robotparser
from dataclasses import dataclass, field
from typing import Callable, Optional
from urllib.parse import urlparse

from govreports.errors import GovReportsError

# (robots URL) -> (status, body); raises on transport errors, timeouts and budget exhaustion
RobotsGet = Callable[[str], tuple[int, bytes]]


@dataclass
class HostRobots:
    """One host's rules (None until fetched) and the lock its first fetch holds."""

    lock: threading.Lock = field(default_factory=threading.Lock)
    parser: Optional[urllib.robotparser.RobotFileParser] = None


class RobotsCache:
    """robots.txt decisions per host; a slow robots.txt only ever holds its own host's lock."""

    def __init__(self, get: RobotsGet, user_agent: str) -> None:
        self.get = get
        self.user_agent = user_agent
        self.hosts: dict[str, HostRobots] = {}
        self.guard = threading.Lock()  # held only to look a host up, never during a fetch
        self.issues: list[tuple[str, str, str]] = []  # (robots URL, code, message)

    def allows(self, url: str) -> bool:
        """True when the URL's host's robots.txt lets our user agent fetch it."""
        parts = urlparse(url)
        root = f"{parts.scheme}://{parts.netloc}"
        with self.guard:
            host = self.hosts.setdefault(root, HostRobots())
        with host.lock:  # concurrent workers of this host wait for one fetch (bounded by its deadline)
            if host.parser is None:
                host.parser = self._load(root + "/robots.txt")
        return host.parser.can_fetch(self.user_agent, url)

    def _load(self, robots_url: str) -> urllib.robotparser.RobotFileParser:
        parser = urllib.robotparser.RobotFileParser()
        try:
            status, body = self.get(robots_url)
        except (GovReportsError, OSError, ValueError) as exc:
            return self._disallow(parser, robots_url, "robots_unavailable", f"robots.txt could not be read ({exc})")
        if status >= 500:
            return self._disallow(parser, robots_url, "robots_unavailable", f"robots.txt answered HTTP {status}")
        parser.parse(body.decode("utf-8", "replace").splitlines() if status == 200 else [])
        return parser

    def _disallow(self, parser: urllib.robotparser.RobotFileParser, robots_url: str, code: str,
                  message: str) -> urllib.robotparser.RobotFileParser:
        parser.disallow_all = True  # type: ignore[attr-defined]  # the stdlib's own flag, read by can_fetch
        with self.guard:
            self.issues.append((robots_url, code, f"{message}: the host is treated as disallowed for this run"))
        return parser
