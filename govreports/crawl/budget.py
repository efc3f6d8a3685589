"""Per-run and per-host request budgets of one crawl: counts and wall time, checked before every request."""
from __future__ import annotations

import threading
import time
from dataclasses import dataclass, field
from typing import Callable

from govreports.errors import BadInput


class BudgetExhausted(BadInput):
    """The run's (or a host's) request or time budget is spent; the URL is not fetched."""

    code = "budget_exhausted"


@dataclass
class Budget:
    """At most max_requests in the run, max_per_host per host, and nothing started after max_seconds."""

    max_requests: int
    max_per_host: int
    max_seconds: float
    clock: Callable[[], float] = time.monotonic
    started: float = field(default=-1.0)
    total: int = 0
    per_host: dict[str, int] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def take(self, host: str) -> None:
        """Count one request to host, or raise BudgetExhausted when a budget is spent."""
        with self._lock:
            now = self.clock()
            if self.started < 0:
                self.started = now
            if now - self.started > self.max_seconds:
                raise BudgetExhausted(f"the run's time budget of {self.max_seconds:.0f}s is spent")
            if self.total >= self.max_requests:
                raise BudgetExhausted(f"the run's budget of {self.max_requests} requests is spent")
            if self.per_host.get(host, 0) >= self.max_per_host:
                raise BudgetExhausted(f"the budget of {self.max_per_host} requests to {host} is spent")
            self.total += 1
            self.per_host[host] = self.per_host.get(host, 0) + 1
