"""data/curated/datapackage.json describes every dataset and view and passes `frictionless validate`; every issue
code the code can emit is documented."""
from __future__ import annotations

import json
import re
import subprocess
import sys
from pathlib import Path

import pytest

from schemas import SCHEMAS
from schemas.dictionary import issue_codes
from schemas.facts import FACT_SCHEMAS

ROOT = Path(__file__).resolve().parents[2]
# Where the code names an issue code: Issue(stage, severity, "code"), code="...", _issue(..., "code"), the sum checks'
# "..._mismatch" codes, the crawl's (code, message) notes, the sheet states and the exception classes' codes.
CODE_PATTERNS = [re.compile(p) for p in (
    r'Issue\(\s*"[a-z]+",\s*"(?:error|warning)",\s*"([a-z][a-z0-9_]+)"', r'code="([a-z][a-z0-9_]+)"',
    r'_issue\([^"\n)]*"([a-z][a-z0-9_]+)"', r'"([a-z]+(?:_[a-z0-9]+)*_mismatch)"', r'notes\.append\(\("([a-z_]+)"',
    r':\s*"(hidden_sheet)"', r'(?m)^\s+code = "([a-z][a-z0-9_]+)"')]


def emitted_codes() -> set[str]:
    """Issue codes written literally in the project's code."""
    found: set[str] = set()
    for folder in ("govreports", "extractors", "flows", "normalizers"):
        for path in (ROOT / folder).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            for pattern in CODE_PATTERNS:
                found.update(pattern.findall(text))
    return found


def test_every_issue_code_in_the_code_is_documented() -> None:
    codes = emitted_codes()
    assert len(codes) >= 40
    assert codes - set(issue_codes()) == set()


def test_every_issue_the_demo_data_holds_is_documented(demo_curated: Path) -> None:
    import pandas as pd

    seen = set(pd.read_parquet(demo_curated / "extraction_issues")["code"])
    assert seen and seen <= set(issue_codes())


def test_the_package_lists_every_dataset_with_described_columns_and_enums(demo_curated: Path) -> None:
    pkg = json.loads((demo_curated / "datapackage.json").read_text(encoding="utf-8"))
    resources = {r["name"]: r for r in pkg["resources"]}
    assert set(resources) == set(SCHEMAS) | set(FACT_SCHEMAS)
    for name, res in resources.items():
        fields = res["schema"]["fields"]
        assert res["description"] and all(f.get("description") for f in fields), name
        assert fields[-1]["name"] == "fiscal_year"  # readers put the hive key last
    tp = {f["name"]: f for f in resources["three_public"]["schema"]["fields"]}
    assert "vehicle_purchase" in tp["item"]["constraints"]["enum"]
    assert tp["amount_yuan"]["columnType"] == "value"
    assert set(pkg["issue_codes"]) == set(issue_codes())


def test_frictionless_validate_passes(demo_curated: Path) -> None:
    pytest.importorskip("frictionless")
    run = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                         cwd=demo_curated, capture_output=True, text=True, timeout=600)
    report = json.loads(run.stdout)
    errors = [(t["name"], e["note"]) for t in report.get("tasks", []) for e in t.get("errors", [])][:5]
    assert report["valid"], errors
    assert run.returncode == 0


def test_frictionless_sees_a_broken_file(demo_curated: Path, tmp_path: Path) -> None:
    pytest.importorskip("frictionless")
    import shutil

    import pyarrow as pa
    import pyarrow.parquet as pq

    copy = tmp_path / "curated"
    shutil.copytree(demo_curated, copy)
    bad = next((copy / "three_public").glob("fiscal_year=2018/*.parquet"))
    t = pq.read_table(bad, partitioning=None)
    t = t.set_column(t.schema.get_field_index("item"), "item", pa.array(["not_an_item"] * t.num_rows))
    pq.write_table(t, bad)
    run = subprocess.run([sys.executable, "-m", "frictionless", "validate", "--json", "datapackage.json"],
                         cwd=copy, capture_output=True, text=True, timeout=600)
    assert json.loads(run.stdout)["valid"] is False
