"""Crawl fixtures: one Prefect test server per session, loopback demo portals, fast sources, recorded sleeps."""
from __future__ import annotations

from pathlib import Path
from typing import Callable, Iterator, Optional

import pytest

from govreports import demo_portal


@pytest.fixture(scope="session")
def prefect_harness() -> Iterator[str]:
    """A temporary Prefect API for the whole crawl session; yields its URL (subprocesses can share it)."""
    import prefect.settings
    from prefect.testing.utilities import prefect_test_harness

    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry writes racing the test database
        with prefect_test_harness(server_startup_timeout=180):
            yield str(prefect.settings.PREFECT_API_URL.value())


@pytest.fixture
def portal() -> Iterator[Callable[..., demo_portal.PortalServer]]:
    """Factory of demo portals on free loopback ports, all shut down after the test."""
    servers: list[demo_portal.PortalServer] = []

    def start(samples: Path = demo_portal.SAMPLES, faults: Optional[demo_portal.Faults] = None) -> demo_portal.PortalServer:
        server = demo_portal.start(0, samples, faults)
        servers.append(server)
        return server

    yield start
    for server in servers:
        server.shutdown()
        server.server_close()
