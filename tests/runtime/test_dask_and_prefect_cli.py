"""The extract flow on a real Dask LocalCluster, the local (no-API) run, and Prefect's CLI against the API."""
from __future__ import annotations

import hashlib
import os
import subprocess
import sys
from pathlib import Path
from typing import Iterator

import pytest

from govreports.store import read_dataset

FILES = ("docx/002_99c7b2a72a410d2a.docx", "pdf/004_9afd7b26ca454508.pdf", "html/002_99c7b2a72a410d2a.html")
VOLATILE = {"extracted_at"}


@pytest.fixture(scope="module")
def api() -> Iterator[str]:
    """A real Prefect server (the CLI's temporary one, tied to this process) shared by this module."""
    from govreports.runtime import temporary_server

    with temporary_server() as url:
        yield url


def _datasets(out: Path) -> dict[str, list[tuple[str, ...]]]:
    names = ("documents", "budgets", "indicators", "sections", "prose_metrics", "extraction_issues")
    return {n: sorted(tuple(str(v) for k, v in sorted(r.items()) if k not in VOLATILE)
                      for r in read_dataset(out, n).to_pylist()) for n in names}


def test_dask_local_cluster_gives_the_same_datasets_as_a_local_run(api: str, tmp_path: Path, samples_dir: Path) -> None:
    from flows.extract import run_extract
    from flows.local import extract_local

    files = [samples_dir / f for f in FILES] + [tmp_path / "missing.pdf"]
    local = extract_local(files, tmp_path / "local", workers=2)
    on_dask = run_extract(files, tmp_path / "dask", workers=2, dask="local")
    assert sorted(f["status"] for f in on_dask["files"]) == sorted(f["status"] for f in local["files"])
    assert _datasets(tmp_path / "dask") == _datasets(tmp_path / "local")
    assert read_dataset(tmp_path / "dask", "sections").num_rows > 0


def _prefect(*args: str, api: str) -> str:
    exe = Path(sys.executable).with_name("prefect")
    env = {**os.environ, "PREFECT_API_URL": api}
    done = subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


def test_prefect_cli_lists_deployments_flow_runs_artifacts_and_task_runs_by_file(api: str, tmp_path: Path,
                                                                                  samples_dir: Path) -> None:
    from prefect import get_client

    from flows.extract import run_extract
    from flows.serve import deployments

    deployment = deployments(data=str(tmp_path))[0]
    deployment.apply()
    run_extract([samples_dir / FILES[1]], tmp_path / "curated", workers=1)
    assert "govreports-" in _prefect("deployment", "ls", api=api)
    assert "extract-files" in _prefect("flow-run", "ls", api=api) or "Flow Runs" in _prefect("flow-run", "ls", api=api)
    assert "govreports-extract" in _prefect("artifact", "ls", api=api).replace("…", "")[:10_000] or \
        "govreports" in _prefect("artifact", "ls", api=api)
    with get_client(sync_client=True) as client:
        names = {t.name for t in client.read_task_runs()}
    assert f"extract · {Path(FILES[1]).name}" in names


def test_one_file_without_an_api_does_not_import_prefect(tmp_path: Path, samples_dir: Path) -> None:
    code = ("import sys; from pathlib import Path; from govreports.cli import app; "
            "sys.argv=['govreports','extract',sys.argv[1],'--out',sys.argv[2]]\n"
            "try: app()\nexcept SystemExit: pass\n"
            "assert not [m for m in sys.modules if m.split('.')[0] == 'prefect'], 'prefect imported'")
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect-home")  # no profile with an API URL
    done = subprocess.run([sys.executable, "-c", code, str(samples_dir / FILES[1]), str(tmp_path / "out")], env=env,
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    assert "1 (ok 1)" in done.stdout
    digest = hashlib.sha256((samples_dir / FILES[1]).read_bytes()).hexdigest()[:16]
    assert read_dataset(tmp_path / "out", "documents").column("doc_id").to_pylist() == [digest]
