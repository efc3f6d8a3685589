"""The extract flow end to end under Prefect: samples in, Parquet out, bad files kept as failed rows."""
from __future__ import annotations

import hashlib
from pathlib import Path

import pandas as pd
import pytest
from prefect.testing.utilities import prefect_test_harness

from flows.extract import extract_files
from govreports.store import read_dataset


@pytest.fixture(scope="module", autouse=True)
def prefect_harness():  # type: ignore[no-untyped-def]
    """A temporary Prefect API for this module's flow runs."""
    with prefect_test_harness():
        yield


def _tree_digest(folder: Path) -> dict[str, str]:
    return {str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(folder.rglob("*.parquet"))}


def test_flow_writes_every_dataset_and_keeps_bad_files_as_failed_rows(tmp_path: Path, samples_dir: Path) -> None:
    corrupt = tmp_path / "broken.pdf"
    corrupt.write_bytes(b"%PDF-1.4\n" + b"\x00garbage" * 50)
    unsupported = tmp_path / "notes.rtf"  # RTF is not a contracted format
    unsupported.write_text("{\\rtf1\\ansi 一段说明文字。}", encoding="utf-8")
    out = tmp_path / "curated"
    files = [samples_dir / "docx" / "000_b6cc7c43e2eeb60f.docx", corrupt, unsupported]
    summary = extract_files(files, out)
    status = {f["file"]: f["status"] for f in summary["files"]}
    assert status["broken.pdf"] == "failed" and status["notes.rtf"] == "failed"
    assert status["000_b6cc7c43e2eeb60f.docx"] in ("ok", "partial")
    docs = read_dataset(out, "documents").to_pandas()
    assert len(docs) == 3
    issues = read_dataset(out, "extraction_issues").to_pylist()
    failed_ids = set(docs.loc[docs["status"] == "failed", "doc_id"])
    assert failed_ids <= {i["doc_id"] for i in issues if i["severity"] == "error"}
    for name in ("budgets", "three_public", "indicators", "evaluations"):
        assert (out / name).is_dir()
    assert read_dataset(out, "indicators").num_rows > 0


def test_extracting_the_same_file_twice_leaves_identical_datasets(tmp_path: Path, samples_dir: Path) -> None:
    out = tmp_path / "curated"
    files = [samples_dir / "docx" / "002_99c7b2a72a410d2a.docx", samples_dir / "html" / "002_99c7b2a72a410d2a.html"]
    extract_files(files, out)
    first = _tree_digest(out)
    extract_files(files[:1], out)
    assert _tree_digest(out) == first
    assert len(pd.read_parquet(out / "documents")) == 2
