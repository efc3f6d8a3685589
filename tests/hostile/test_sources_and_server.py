"""Sources are names of files in sources/, raw files stay in --data, a '.' in a name is fine, no orphan server."""
from __future__ import annotations

import dataclasses
import os
import signal
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from typing import Iterator

import pytest
from typer.testing import CliRunner

from govreports import demo_portal
from govreports.cli import app
from govreports.source_names import UnknownSource, source_file

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("name", ["../../../tmp/x", "/etc/passwd", "..", "demo/../demo", ".hidden", "nope"])
def test_a_source_is_only_the_name_of_a_file_in_sources(name: str) -> None:
    with pytest.raises(UnknownSource):
        source_file(name)
    result = CliRunner().invoke(app, ["run", "--source", name, "--data", "/tmp/never-written"])
    assert result.exit_code == 2 and "known: " in result.output
    assert not Path("/tmp/never-written").exists()


def test_a_symlink_in_sources_pointing_out_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "sources"
    folder.mkdir()
    (tmp_path / "evil.toml").write_text('start_urls = ["http://127.0.0.1/"]\n')
    (folder / "evil.toml").symlink_to(tmp_path / "evil.toml")
    with pytest.raises(UnknownSource):
        source_file("evil", folder)


@pytest.fixture(scope="module")
def api() -> Iterator[str]:
    """A real Prefect server for this module (the CLI's temporary one)."""
    from govreports.runtime import temporary_server

    with temporary_server() as url:
        yield url


def test_a_source_name_with_a_dot_runs_to_the_end_and_raw_stays_in_data(api: str, tmp_path: Path) -> None:
    from flows.run import run_flow
    from tests.crawl.helpers import copy_samples, fast_source, fetcher_for

    samples = copy_samples(tmp_path / "samples", skip=("000_b6cc7c43e2eeb60f.pdf", "001_08874745f9f1f8cd.pdf",
                                                        "002_99c7b2a72a410d2a.pdf", "003_990a092f0fb6bf8b.pdf"))
    server = demo_portal.start(0, samples)
    try:
        source = dataclasses.replace(fast_source(server), name="demo.v2")
        data = tmp_path / "data"
        summary = run_flow(source, data, fetcher=fetcher_for(source))
    finally:
        server.shutdown()
        server.server_close()
    assert summary["source"] == "demo.v2" and summary["files"]
    assert (data / "raw" / "demo.v2").is_dir()
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(data)
               and not p.is_relative_to(samples)]
    assert outside == []


SERVER = """
import sys
from govreports.runtime import temporary_server
with temporary_server() as url:
    print(url, flush=True)
    import time
    time.sleep(600)
"""


def _answers(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=2):
            return True
    except OSError:
        return False


def test_no_server_outlives_a_sigkilled_cli(tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path)
    proc = subprocess.Popen([sys.executable, "-c", SERVER], stdout=subprocess.PIPE, text=True, env=env, cwd=ROOT)
    assert proc.stdout is not None
    url = proc.stdout.readline().strip()
    assert _answers(url)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    deadline = time.monotonic() + 20
    while _answers(url) and time.monotonic() < deadline:
        time.sleep(0.5)
    assert not _answers(url), "the Prefect server outlived the killed CLI"
