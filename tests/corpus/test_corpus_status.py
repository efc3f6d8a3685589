"""Every real corpus file goes through the pipeline: one documents row with a status, and reasons when not ok."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

pytestmark = pytest.mark.corpus

CRASH_CODES = {"extractor_crashed", "interpreter_crashed", "budget_table_failed", "contract_violation"}


def test_every_file_has_a_documents_row_and_reasons(corpus_files: list[Path],
                                                    extracted: Callable[[Path], Any]) -> None:
    assert len(corpus_files) >= 40
    for path in corpus_files:
        f = extracted(path)
        d = f.document
        assert d["status"] in ("ok", "partial", "failed"), path
        assert d["file_name"] == path.name and len(d["doc_id"]) == 16
        errors = [i for i in f.issues() if i["severity"] == "error"]
        if d["status"] != "ok":  # failed / partial must say why
            assert errors, (path, d["status"])
        if d["status"] == "failed":
            assert all(not rows for name, rows in f.records.items() if name != "extraction_issues"), path
        assert not {i["code"] for i in f.issues()} & CRASH_CODES, (path, [i["message"] for i in f.issues()])


def test_spreadsheets_fail_cleanly_until_they_have_an_extractor(corpus_files: list[Path],
                                                                extracted: Callable[[Path], Any]) -> None:
    sheets = [p for p in corpus_files if p.suffix.lower() in (".xls", ".xlsx")]
    assert len(sheets) == 3
    for path in sheets:
        f = extracted(path)
        assert f.document["file_format"] == path.suffix.lower().lstrip(".")
        if f.document["status"] == "failed":
            assert [i["code"] for i in f.issues()] == ["unsupported_format"], path


def test_every_pdf_is_a_dated_budget_or_final_accounts_report(corpus_files: list[Path],
                                                               extracted: Callable[[Path], Any]) -> None:
    for path in (p for p in corpus_files if p.suffix.lower() == ".pdf"):
        d = extracted(path).document
        assert d["status"] == "ok", (path, extracted(path).issues())
        assert d["doc_type"] in ("budget", "final_accounts"), path
        assert d["fiscal_year"] in range(2017, 2027), path
        assert d["page_count"] and d["page_count"] > 5, path


def test_every_report_with_money_tables_yields_budget_rows(corpus_files: list[Path],
                                                           extracted: Callable[[Path], Any]) -> None:
    for path in (p for p in corpus_files if p.suffix.lower() == ".pdf"):
        f = extracted(path)
        if f.doc is None or not any(True for _ in f.doc.tables()) or f.document["org_name"] is None:
            continue  # the narrative-only PDFs (tables published separately) and the blank template
        budgets = f.records["budgets"]
        items = {r["item"] for r in budgets}
        assert len(budgets) >= 15, path
        assert {"functional", "expenditure_basic"} <= items, (path, items)
        assert all(r["amount_yuan"] is not None and r["period_year"] for r in budgets)
