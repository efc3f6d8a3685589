"""Fault injection in every window of a version replacement, a full disk, and real SIGKILLs mid-write."""
from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from govreports import store
from govreports.batch import DiskFull, write_extraction
from govreports.pipeline import Extraction
from govreports.store import SCHEMAS, read_dataset, recover, write_document

ROOT = Path(__file__).resolve().parents[2]


class Killed(BaseException):
    """Stands for the process dying at that point (nothing after it runs, no cleanup)."""


def doc(doc_id: str, key: str, year: int, amounts: list[str]) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """A document with one budget row per amount and one issue."""
    document = {"doc_id": doc_id, "file_name": "r.pdf", "file_format": "pdf", "source_url": None, "title": None,
                "doc_type": "final_accounts", "org_name": "某局", "region": None, "fiscal_year": year,
                "publisher": None, "index_no": None, "published_date": None, "page_count": 1, "status": "ok",
                "extracted_at": datetime(2026, 1, 1, tzinfo=timezone.utc), "pipeline_version": "t",
                "source_key": key, "org_suffix": None, "sha256": doc_id * 4}
    budgets = [{"doc_id": doc_id, "org_name": "某局", "fiscal_year": year, "page": 1, "table_index": 0,
                "row_index": i, "raw": "x", "scope": "department", "project_name": None, "item": "income_total",
                "item_label": "收入合计", "functional_code": None, "measure": "actual", "period_year": year,
                "amount_yuan": Decimal(a)} for i, a in enumerate(amounts)]
    issues = [{"doc_id": doc_id, "stage": "interpret", "severity": "warning", "code": "t", "message": "m",
               "page": None, "table_index": None, "row_index": None, "raw": None, "fiscal_year": year}]
    return document, {"budgets": budgets, "extraction_issues": issues}


OLD, NEW = "a" * 16, "b" * 16


def state(out: Path) -> dict[str, Any]:
    """What a reader sees: documents, budget amounts per doc, issue doc_ids, and orphan doc_ids."""
    docs = {d["doc_id"] for d in read_dataset(out, "documents").to_pylist()}
    rows = {name: [r["doc_id"] for r in read_dataset(out, name).to_pylist()] for name in SCHEMAS if name != "documents"}
    orphans = {d for ids in rows.values() for d in ids} - docs
    amounts = sorted(str(r["amount_yuan"]) for r in read_dataset(out, "budgets").to_pylist())
    return {"docs": docs, "amounts": amounts, "orphans": orphans}


OLD_STATE = {"docs": {OLD}, "amounts": ["1.00", "2.00"], "orphans": set()}
NEW_STATE = {"docs": {NEW}, "amounts": ["3.00"], "orphans": set()}
WINDOWS = ["staging", "journaled", "moved budgets", "moved extraction_issues", "moved documents", "old_removed",
           "indexed"]


@pytest.mark.parametrize("window", WINDOWS)
def test_a_kill_in_any_window_of_a_replacement_leaves_one_whole_version(tmp_path: Path, window: str,
                                                                          monkeypatch: pytest.MonkeyPatch) -> None:
    write_document(tmp_path, *doc(OLD, "same-file", 2023, ["1.00", "2.00"]))

    def crash(name: str) -> None:
        if name == window:
            raise Killed(name)

    monkeypatch.setattr(store, "_phase", crash)
    with pytest.raises(Killed):
        write_document(tmp_path, *doc(NEW, "same-file", 2024, ["3.00"]))  # a new version, in another year
    monkeypatch.undo()
    seen = state(tmp_path)  # before repair: readable, and a documents row of one version or the other
    assert seen["docs"] & {OLD, NEW}
    assert recover(tmp_path) == (0 if window == "staging" else 1)
    expected = OLD_STATE if window == "staging" else NEW_STATE
    assert state(tmp_path) == expected
    assert not list((tmp_path / store.STAGING).iterdir()) and not list((tmp_path / store.JOURNAL).glob("*"))
    write_document(tmp_path, *doc(NEW, "same-file", 2024, ["3.00"]))  # the rerun
    assert state(tmp_path) == NEW_STATE


def test_a_full_disk_leaves_the_stored_version_whole_and_says_so(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    write_document(tmp_path, *doc(OLD, "same-file", 2023, ["1.00", "2.00"]))
    calls = []
    real = store.pq.write_table

    def full(table: Any, where: str, **kw: Any) -> None:
        calls.append(where)
        if len(calls) > 1:
            raise OSError(errno.ENOSPC, "No space left on device")
        real(table, where, **kw)

    monkeypatch.setattr(store.pq, "write_table", full)
    document, records = doc(NEW, "same-file", 2024, ["3.00"])
    with pytest.raises(DiskFull, match="no space left"):
        write_extraction(tmp_path, Extraction(document, records))
    monkeypatch.undo()
    assert state(tmp_path) == OLD_STATE
    assert not list((tmp_path / store.STAGING).iterdir())


WRITER = """
import sys
from pathlib import Path
sys.path.insert(0, sys.argv[2])
from tests.hostile.test_writer_windows import doc
from govreports.store import write_document
out = Path(sys.argv[1])
for n in range(10**6):
    write_document(out, *doc(f"{n:016x}", "same-file", 2020 + n % 3, [f"{n}.00", f"{n + 1}.00"]))
    print(n, flush=True)
"""


def test_sigkills_mid_write_never_leave_orphans_or_two_versions(tmp_path: Path) -> None:
    out = tmp_path / "curated"
    for kill in range(5):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(out), str(ROOT)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None
        for _ in range(2 + kill):  # let it write a few versions, then kill it at some point of the next one
            proc.stdout.readline()
        time.sleep(0.013 * kill)
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
        assert state(out)["docs"]  # readable before the repair
        write_document(out, *doc("f" * 16, "other-file", 2021, ["9.00"]))  # any write repairs first
        after = state(out)
        assert after["orphans"] == set()
        assert len(after["docs"] - {"f" * 16}) == 1  # exactly one version of "same-file"


def _disk_full() -> None:
    raise DiskFull("no space left on the device of /x while writing r.pdf")


def test_a_full_disk_in_a_file_s_process_stops_the_batch_with_what_was_written(tmp_path: Path,
                                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    from govreports import batch
    from govreports.bounds import Limits, run_bounded

    with pytest.raises(DiskFull, match="no space left"):  # crosses the process boundary as itself
        run_bounded(_disk_full, (), Limits())

    def fake(job: batch.FileJob, out: Path, limits: Limits) -> dict[str, Any]:
        if job.name == "b.pdf":
            raise DiskFull("no space left on the device of /x while writing b.pdf")
        return {"file": job.name, "status": "ok", "rows": {"documents": 1}, "errors": []}

    monkeypatch.setattr(batch, "process_job", fake)
    jobs = [batch.FileJob(Path(n), n, n) for n in ("a.pdf", "b.pdf")]
    result = batch.run_local(jobs, tmp_path, Limits(), 1)
    assert result.fatal and "b.pdf" in result.fatal
    assert [r["file"] for r in result.reports] == ["a.pdf"]
