"""The real `govreports` command line, run twice over one data folder, and the `serve` deployments."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
from pathlib import Path

from flows.serve import deployments
from govreports.crawl.sources import load_sources
from govreports.store import read_dataset

from .helpers import SAMPLE_COUNT, sample_hashes, tree_state

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    """A loopback port nobody listens on right now."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def cli(*args: str, env: dict[str, str]) -> str:
    """Run the installed `govreports` console script (or the module) and return its output."""
    script = Path(sys.executable).with_name("govreports")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "govreports.cli"]
    done = subprocess.run([*cmd, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_cli_run_twice_is_idempotent(prefect_harness: str, tmp_path: Path) -> None:
    data = tmp_path / "D"
    # the session's Prefect API (no second temporary server) and a port of our own for the demo portal
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_API_URL": prefect_harness,
           "GOVREPORTS_DEMO_PORT": str(free_port()), "COLUMNS": "200"}
    out = cli("run", "--source", "demo", "--data", str(data), env=env)
    assert f"crawled {SAMPLE_COUNT} files, downloaded {SAMPLE_COUNT}" in out
    docs = read_dataset(data / "curated", "documents").to_pylist()
    assert len(docs) == SAMPLE_COUNT and sorted(d["sha256"] for d in docs) == sorted(sample_hashes())

    raw, docs_dir = tree_state(data / "raw"), tree_state(data / "curated" / "documents")
    out = cli("run", "--source", "demo", "--data", str(data), env=env)
    assert f"crawled {SAMPLE_COUNT} files, downloaded 0, 0 new or changed, 0 fetch failures" in out
    assert tree_state(data / "raw") == raw  # same bytes, same mtimes: nothing rewritten
    assert tree_state(data / "curated" / "documents") == docs_dir


def test_serve_registers_one_deployment_per_source() -> None:
    sources = load_sources()
    deps = deployments(sources)
    assert [d.name for d in deps] == [f"govreports-{s.name}" for s in sources]
    for dep, src in zip(deps, sources):
        (sched,) = dep.schedules
        assert sched.schedule.cron == src.cron and sched.schedule.timezone == src.timezone
        assert dep.parameters == {"source_name": src.name, "data": "data"}
        assert dep.flow_name == "run-source" and dep.entrypoint.endswith("flows/run.py:run_source")
    assert {s.name: s.cron for s in sources}["demo"] == "*/30 * * * *"
