"""The 197 saved real portal pages (../shared/corpus/renwu-2026): issue 16's acceptance numbers hold.

Skips when ../shared is absent; the numbers are printed by bench/crawl_pages.py.
"""
from __future__ import annotations

import importlib.util
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
CORPUS = ROOT.parent / "shared" / "corpus" / "renwu-2026"
pytestmark = pytest.mark.skipif(not (CORPUS / "MANIFEST.tsv").is_file(), reason="../shared/corpus/renwu-2026 absent")


def _bench() -> Any:
    spec = importlib.util.spec_from_file_location("crawl_pages_bench", ROOT / "bench" / "crawl_pages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="module")
def pages() -> list[dict[str, Any]]:
    bench = _bench()
    label_of = bench.labels()
    return [{**bench.inspect_file(CORPUS / rel, rel), "label": label_of[rel]} for rel in bench.html_rows(CORPUS)]


def test_budget_pages_attachments_found(pages: list[dict[str, Any]]) -> None:
    budget = [p for p in pages if p["label"] == "budget"]
    assert len(budget) == 27
    assert sum(bool(p["attachments"]) for p in budget) >= 26
    assert all(p["relevant"] for p in budget)


def test_no_attachments_kept_off_budget_pages(pages: list[dict[str, Any]]) -> None:
    assert sum(len(p["attachments"]) for p in pages if p["label"] != "budget") <= 2


def test_home_directory_bot_pages_not_relevant(pages: list[dict[str, Any]]) -> None:
    wrong = [p["path"] if "path" in p else p["url"] for p in pages
             if p["label"] in ("home", "directory", "bot_stub") and p["relevant"]]
    assert wrong == []


def test_stubs_recognised(pages: list[dict[str, Any]]) -> None:
    stubs = [p for p in pages if p["label"] in ("bot_stub", "redirect")]
    assert stubs and all(p["metadata"].get("blocked") for p in stubs)
