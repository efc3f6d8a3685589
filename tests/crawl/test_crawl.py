"""The crawler against the real loopback demo portal: full crawl, incremental re-crawl, killed and resumed."""
from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Callable

import pytest

from govreports import demo_portal
from govreports.crawl.crawler import crawl
from govreports.crawl.rawstore import read_manifest

from .helpers import ATTACHMENT, SAMPLE_COUNT, KillingFetcher, fast_source, fetcher_for, sample_hashes, tree_state

Portal = Callable[..., demo_portal.PortalServer]
ROOT = Path(__file__).resolve().parents[2]


def attachment_statuses(server: demo_portal.PortalServer, since: int = 0) -> list[int]:
    """Statuses of the attachment (and document page) responses served after index since."""
    return [status for path, status in server.served[since:]
            if path.startswith("/module/download/") or path.endswith("art_1001_6.html")]


def test_full_then_incremental_crawl(portal: Portal, tmp_path: Path) -> None:
    server = portal()
    source = fast_source(server)
    first = crawl(source, tmp_path, fetcher_for(source))
    assert first.failures == [] and first.list_pages == 3
    assert len(first.files) == SAMPLE_COUNT and first.downloaded == SAMPLE_COUNT
    assert sorted(f.sha256 for f in first.files) == sorted(sample_hashes())  # every sample, exactly once
    names = {f.file_name for f in first.files}
    assert {it.path.name for it in demo_portal.sample_items() if not it.is_page} <= names
    assert attachment_statuses(server) == [200] * SAMPLE_COUNT
    manifest = read_manifest(tmp_path / "demo")
    assert len(manifest) == SAMPLE_COUNT and all(r["index_no"] and r["published_date"] for r in manifest.values())
    assert len(list((tmp_path / "demo").glob("*/*.*"))) == SAMPLE_COUNT

    before, mark = tree_state(tmp_path), len(server.served)
    second = crawl(source, tmp_path, fetcher_for(source))
    assert second.failures == [] and second.downloaded == 0 and second.changed == []
    assert len(second.files) == SAMPLE_COUNT
    assert attachment_statuses(server, mark) == [304] * SAMPLE_COUNT  # conditional GETs, no bodies
    assert tree_state(tmp_path) == before  # not even the manifest is rewritten


def test_crawl_interrupted_in_process_resumes(portal: Portal, tmp_path: Path) -> None:
    server = portal()
    source = fast_source(server)
    with pytest.raises(KeyboardInterrupt):
        crawl(source, tmp_path, KillingFetcher(source, after=4))
    stored = read_manifest(tmp_path / "demo")
    assert 1 <= len(stored) < SAMPLE_COUNT
    resumed = crawl(source, tmp_path, fetcher_for(source))
    manifest = read_manifest(tmp_path / "demo")
    assert resumed.failures == [] and len(manifest) == SAMPLE_COUNT
    assert resumed.downloaded == SAMPLE_COUNT - len(stored)  # what the killed crawl stored is not fetched again
    assert sorted(r["sha256"] for r in manifest.values()) == sorted(sample_hashes())


KILLABLE = """
import dataclasses, sys
from pathlib import Path
from govreports.crawl.crawler import crawl
from govreports.crawl.sources import load_source
source = dataclasses.replace(load_source("demo", base_url=sys.argv[1]), requests_per_second=6.0, concurrency=1)
crawl(source, Path(sys.argv[2]))
"""


def test_crawl_killed_by_sigkill_resumes(portal: Portal, tmp_path: Path) -> None:
    server = portal()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.Popen([sys.executable, "-c", KILLABLE, server.base_url, str(tmp_path)], env=env, cwd=ROOT)
    try:
        deadline = time.monotonic() + 120
        while len(read_manifest(tmp_path / "demo")) < 3 and proc.poll() is None and time.monotonic() < deadline:
            time.sleep(0.05)
    finally:
        proc.send_signal(signal.SIGKILL)
        proc.wait()
    killed_with = len(read_manifest(tmp_path / "demo"))
    assert 3 <= killed_with < SAMPLE_COUNT, "the crawl was not killed halfway"

    source = fast_source(server)
    resumed = crawl(source, tmp_path, fetcher_for(source))
    raw = tmp_path / "demo"
    manifest = read_manifest(raw)
    assert resumed.failures == [] and len(resumed.files) == SAMPLE_COUNT
    assert resumed.downloaded == SAMPLE_COUNT - killed_with
    assert sorted(r["sha256"] for r in manifest.values()) == sorted(sample_hashes())  # one row per URL
    assert not list(raw.rglob("*.tmp"))  # no half-written leftovers
    assert sorted(p.relative_to(raw).as_posix() for p in raw.glob("*/*.*")) == sorted(r["path"] for r in manifest.values())
