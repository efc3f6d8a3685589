"""The bundled samples scored against the hand-checked gold with the shared scorer: the issue's thresholds."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from govreports.pipeline import extract_path
from govreports.store import write_document

DATASETS = ("three_public", "budgets", "indicators", "evaluations")


def score(files: list[Path], out: Path, gold: Path, scorer: Path) -> dict[str, Any]:
    """Extract files into out and return the scorer's JSON summary."""
    for path in files:
        ex = extract_path(path)
        write_document(out, ex.document, ex.records)
    proc = subprocess.run([sys.executable, str(scorer), "--curated", str(out), "--gold", str(gold), "--json"],
                          capture_output=True, text=True, check=True)
    return json.loads(proc.stdout)["summary"]  # type: ignore[no-any-return]


def test_docx_samples_meet_the_gold_thresholds(tmp_path: Path, samples_dir: Path, shared_dir: Path) -> None:
    s = score(sorted((samples_dir / "docx").glob("*.docx")), tmp_path, shared_dir / "gold", shared_dir / "eval" / "score.py")
    assert s["overall"]["f1"] >= 0.95, s
    for name in DATASETS:
        assert s[name]["recall"] >= 0.90, (name, s[name])


def test_pdf_samples_meet_the_gold_threshold(tmp_path: Path, samples_dir: Path, shared_dir: Path) -> None:
    s = score(sorted((samples_dir / "pdf").glob("*.pdf")), tmp_path, shared_dir / "gold", shared_dir / "eval" / "score.py")
    assert s["overall"]["f1"] >= 0.90, s


def test_html_sample_meets_the_gold_threshold_on_seed_002(tmp_path: Path, samples_dir: Path, shared_dir: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    shutil.copy(shared_dir / "gold" / "002_99c7b2a72a410d2a.json", gold)
    s = score([samples_dir / "html" / "002_99c7b2a72a410d2a.html"], tmp_path / "out", gold,
              shared_dir / "eval" / "score.py")
    assert s["overall"]["f1"] >= 0.95, s
    assert s["documents_fields"]["accuracy"] == 1.0, s
