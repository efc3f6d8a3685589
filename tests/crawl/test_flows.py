"""`govreports run` and the run flow (crawl -> extract -> write) against the real loopback demo portal."""
from __future__ import annotations

import dataclasses
import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path
from typing import Any, Iterator

import pytest

from extractors.interpret import Interpretation
from flows.run import run_flow
from govreports import demo_portal, pipeline
from govreports.crawl.rawstore import read_manifest
from govreports.store import read_dataset

from .helpers import (ATTACHMENT, SAMPLE_COUNT, KillingFetcher, RecordingSleep, copy_samples, fast_source, fetcher_for,
                      sample_hashes, tree_state)

ROOT = Path(__file__).resolve().parents[2]


@dataclasses.dataclass
class FirstRun:
    """A portal serving a private copy of the samples, a data folder after one full `govreports run`, its output."""

    server: demo_portal.PortalServer
    samples: Path
    data: Path
    env: dict[str, str]
    output: str


def documents(data: Path) -> list[dict[str, Any]]:
    """The curated documents rows."""
    return read_dataset(data / "curated", "documents").to_pylist()


def issues(data: Path) -> list[dict[str, Any]]:
    """The curated extraction_issues rows."""
    return read_dataset(data / "curated", "extraction_issues").to_pylist()


def run(server: demo_portal.PortalServer, data: Path, **source_changes: Any) -> dict[str, Any]:
    """One run_flow over server's portal with a fast source and a recorded sleep."""
    source = fast_source(server, **source_changes)
    return run_flow(source, data, fetcher=fetcher_for(source))


def cli(*args: str, env: dict[str, str]) -> str:
    """Run the installed `govreports` console script (or the module) and return its output."""
    script = Path(sys.executable).with_name("govreports")
    cmd = [str(script)] if script.exists() else [sys.executable, "-m", "govreports.cli"]
    done = subprocess.run([*cmd, *args], env=env, cwd=ROOT, capture_output=True, text=True, timeout=600)
    assert done.returncode == 0, done.stdout + done.stderr
    return done.stdout


@pytest.fixture
def skip_interpretation(monkeypatch: pytest.MonkeyPatch) -> None:
    """Read documents but skip the (slow, separately tested) interpreters: for tests about crawl outcomes only."""
    monkeypatch.setattr(pipeline, "safe_interpret", lambda doc, name: Interpretation())


@pytest.fixture(scope="module")
def first_run(prefect_harness: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[FirstRun]:
    """`govreports run --source demo --data D` (the real CLI, in a subprocess) over a portal on the demo port.

    The portal runs here, on the port the CLI is told to use (GOVREPORTS_DEMO_PORT), so the CLI reuses it
    and the later tests can watch what is served and change the samples; the subprocess shares the
    session's Prefect API instead of starting a temporary server of its own. Extracting every sample is
    the slow part, so the following tests build on this one data folder.
    """
    root = tmp_path_factory.mktemp("first_run")
    samples = copy_samples(root / "samples")
    server = demo_portal.start(0, samples)
    env = {**os.environ, "PYTHONPATH": str(ROOT), "PREFECT_API_URL": prefect_harness,
           "GOVREPORTS_DEMO_PORT": str(server.server_address[1]), "COLUMNS": "200"}
    try:
        output = cli("run", "--source", "demo", "--data", str(root / "D"), env=env)
        yield FirstRun(server, samples, root / "D", env, output)
    finally:
        server.shutdown()
        server.server_close()


def test_first_run_holds_one_document_per_sample(first_run: FirstRun) -> None:
    assert f"crawled {SAMPLE_COUNT} files, downloaded {SAMPLE_COUNT}, {SAMPLE_COUNT} new or changed, 0 fetch failures" \
        in first_run.output
    assert [s for p, s in first_run.server.served if "downfile.jsp" in p] == [200] * (SAMPLE_COUNT - 1)
    docs = documents(first_run.data)
    assert len(docs) == SAMPLE_COUNT
    assert sorted(d["sha256"] for d in docs) == sorted(sample_hashes(first_run.samples))
    assert all(d["status"] != "failed" and d["index_no"] and d["publisher"] == "汨罗市" for d in docs)
    assert {d["source_url"] for d in docs} == set(read_manifest(first_run.data / "raw" / "demo"))


def test_cli_second_run_changes_nothing(first_run: FirstRun) -> None:
    raw, docs_dir = first_run.data / "raw", first_run.data / "curated" / "documents"
    before, docs_before, mark = tree_state(raw), tree_state(docs_dir), len(first_run.server.served)
    output = cli("run", "--source", "demo", "--data", str(first_run.data), env=first_run.env)
    assert f"crawled {SAMPLE_COUNT} files, downloaded 0, 0 new or changed, 0 fetch failures" in output
    assert [s for p, s in first_run.server.served[mark:] if "downfile.jsp" in p] == [304] * (SAMPLE_COUNT - 1)
    assert tree_state(raw) == before  # same bytes and mtimes: the manifest is not even rewritten
    assert tree_state(docs_dir) == docs_before


def test_flow_second_run_downloads_and_extracts_nothing(first_run: FirstRun) -> None:
    raw, docs_dir = first_run.data / "raw", first_run.data / "curated" / "documents"
    before, docs_before, mark = tree_state(raw), tree_state(docs_dir), len(first_run.server.served)
    summary = run(first_run.server, first_run.data)
    assert summary["downloaded"] == 0 and summary["new"] == 0 and summary["files"] == []
    assert summary["crawled"] == SAMPLE_COUNT and summary["failures"] == []
    served = [s for p, s in first_run.server.served[mark:] if "downfile.jsp" in p]
    assert served == [304] * (SAMPLE_COUNT - 1)
    assert tree_state(raw) == before and tree_state(docs_dir) == docs_before


def _touch_docx(path: Path) -> None:
    """Change a docx's bytes without breaking it (one more, unreferenced zip member)."""
    with zipfile.ZipFile(path, "a") as zf:
        zf.writestr("customXml/govreports-test.txt", "changed")


def test_changed_attachment_is_refetched_and_replaces_old_rows(first_run: FirstRun, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(first_run.data, data)  # manifest paths are relative: the copy is a working data folder
    item = demo_portal.sample_items(first_run.samples)[1]  # 001 docx: budgets, three_public, indicators rows
    url = first_run.server.base_url + ATTACHMENT.format(n=item.number)
    old = next(d for d in documents(data) if d["source_url"] == url)
    old_counts = {name: read_dataset(data / "curated", name).column("doc_id").to_pylist().count(old["doc_id"])
                  for name in ("extraction_issues", "budgets", "three_public", "indicators", "evaluations")}
    assert old_counts["budgets"] > 0
    original = item.path.read_bytes()
    try:
        _touch_docx(item.path)
        summary = run(first_run.server, data)
    finally:
        item.path.write_bytes(original)
    assert summary["downloaded"] == 1 and summary["new"] == 1 and summary["failures"] == []
    docs = documents(data)
    new = next(d for d in docs if d["source_url"] == url)
    assert len(docs) == SAMPLE_COUNT and new["doc_id"] != old["doc_id"] and new["status"] != "failed"
    assert old["doc_id"] not in {d["doc_id"] for d in docs}
    for name in ("extraction_issues", "budgets", "three_public", "indicators", "evaluations"):
        held = read_dataset(data / "curated", name).column("doc_id").to_pylist()
        assert old["doc_id"] not in held and held.count(new["doc_id"]) == old_counts[name], name
    assert read_manifest(data / "raw" / "demo")[url]["sha256"] == new["sha256"]


FAULTS = {  # item number -> (fault, expected status, expected issue code, severity)
    1: ("500_once", "ok", "http_500", "warning"),
    2: ("timeout_once", "ok", "timeout", "warning"),
    3: ("429_once", "ok", "http_429", "warning"),
    4: ("oversize_unsized", "failed", "too_large", "error"),
    7: ("truncated", "failed", "broken_transfer", "error"),
    8: ("redirect_foreign", "failed", "url_not_allowed", "error"),
    9: ("oversize", "failed", "too_large", "error"),
    10: ("timeout_always", "failed", "timeout", "error"),
    11: ("evil_name", "ok", "unsafe_file_name", "warning"),
}


@pytest.mark.usefixtures("skip_interpretation")
def test_faults_are_survived_with_an_issue_row_each(prefect_harness: str, portal: Any, tmp_path: Path) -> None:
    foreign = portal()  # a second host: 'localhost' is not on the demo source's allow-list
    faults = demo_portal.Faults({ATTACHMENT.format(n=n): kind for n, (kind, *_) in FAULTS.items()},
                                foreign_host=f"http://localhost:{foreign.server_address[1]}/", timeout_s=1.0,
                                retry_after_s=3, oversize_bytes=2 * 1024 * 1024)
    server = portal(faults=faults)
    source = fast_source(server, max_bytes=1024 * 1024)
    sleep = RecordingSleep()
    summary = run_flow(source, tmp_path, fetcher=fetcher_for(source, sleep))

    docs = {d["source_url"]: d for d in documents(tmp_path)}
    rows = issues(tmp_path)
    assert len(docs) == SAMPLE_COUNT  # every item has exactly one documents row, failed or not
    for n, (kind, status, code, severity) in FAULTS.items():
        doc = docs[server.base_url + ATTACHMENT.format(n=n)]
        assert (doc["status"] == "failed") == (status == "failed"), kind
        mine = [r for r in rows if r["doc_id"] == doc["doc_id"] and r["stage"] == "fetch"]
        assert [(r["code"], r["severity"]) for r in mine] == [(code, severity)], kind
    assert {f["code"] for f in summary["failures"]} == {"too_large", "broken_transfer", "url_not_allowed", "timeout"}
    clean = [d for u, d in docs.items() if not any(u.endswith(f"filename={n}") for n in FAULTS)]
    assert len(clean) == 2 and all(d["status"] != "failed" for d in clean)

    assert 3.0 in sleep.calls  # the 429's Retry-After: 3 was honoured (back-off alone waits 0.5, 1, 2 s)
    assert set(sleep.calls) <= {0.5, 1.0, 3.0}
    (rate_limited,) = [r for r in rows if r["code"] == "http_429"]
    assert "retried after 3.0s" in rate_limited["message"]
    assert foreign.served == []  # the foreign redirect was never followed
    evil = docs[server.base_url + ATTACHMENT.format(n=11)]
    assert evil["file_name"] == "evil.pdf" and evil["status"] != "failed"
    assert sorted(p.name for p in tmp_path.rglob("evil*")) == []  # stored by hash, nothing named by the server
    raw = tmp_path / "raw" / "demo"
    for base in (raw, raw.parent, tmp_path, tmp_path.parent):
        assert not (base / "../../../etc/evil.pdf").resolve().exists()
    stored = read_manifest(raw)[server.base_url + ATTACHMENT.format(n=11)]
    assert (raw / stored["path"]).is_file() and stored["path"].startswith(stored["sha256"][:2] + "/" + stored["sha256"])
    outside = [p for p in tmp_path.rglob("*") if p.is_file() and not p.is_relative_to(tmp_path / "raw")
               and not p.is_relative_to(tmp_path / "curated")]
    assert outside == []
    manifest = read_manifest(tmp_path / "raw" / "demo")
    assert len(manifest) == 6 and manifest[server.base_url + ATTACHMENT.format(n=11)]["file_name"] == "evil.pdf"


SLOW_PDFS = ("000_b6cc7c43e2eeb60f.pdf", "001_08874745f9f1f8cd.pdf", "002_99c7b2a72a410d2a.pdf",
             "003_990a092f0fb6bf8b.pdf")  # left out of the kill test: reading them adds seconds, not coverage


@pytest.mark.usefixtures("skip_interpretation")
def test_killed_run_reruns_without_duplicates(prefect_harness: str, portal: Any, tmp_path: Path) -> None:
    samples = copy_samples(tmp_path / "samples", skip=SLOW_PDFS)
    count = len(demo_portal.sample_items(samples))
    server = portal(samples)
    source = fast_source(server)
    data = tmp_path / "data"
    with pytest.raises(SystemExit):  # the flow crashes (Prefect marks it Crashed) and the exit propagates
        run_flow(source, data, fetcher=KillingFetcher(source, after=3, exc=SystemExit))
    stored = read_manifest(data / "raw" / "demo")
    assert 1 <= len(stored) < count
    summary = run(server, data)
    assert summary["failures"] == [] and summary["downloaded"] == count - len(stored)
    manifest = read_manifest(data / "raw" / "demo")
    docs = documents(data)
    assert count == 7 and len(manifest) == count and len(docs) == count
    assert sorted(d["sha256"] for d in docs) == sorted(sample_hashes(samples))
    assert len({d["source_url"] for d in docs}) == count


def test_a_failed_page_row_goes_away_once_the_page_answers_again(tmp_path: Path) -> None:
    from flows.run import stale_failures
    from govreports.pipeline import failed_fetch
    from govreports.store import remove_documents, write_document

    curated = tmp_path / "curated"
    down = failed_fetch("http://127.0.0.1:1/art/1.html", "http_500", "HTTP 500")
    write_document(curated, down.document, down.records)
    assert stale_failures(curated, {"http://127.0.0.1:1/other.html"}) == set()
    stale = stale_failures(curated, {"http://127.0.0.1:1/art/1.html"})
    assert stale == {down.document["doc_id"]}
    remove_documents(curated, stale)
    assert read_dataset(curated, "documents").num_rows == 0
    assert read_dataset(curated, "extraction_issues").num_rows == 0
    write_document(curated, down.document, down.records)
    assert read_dataset(curated, "documents").num_rows == 1
