""".doc / .wps / .et / .xls through LibreOffice: gold scores, provenance, converter missing, hang and crash."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from extractors import convert
from extractors.base import get_extractor
from extractors.detect import detect_format
from govreports.pipeline import extract_bytes, extract_path
from govreports.store import write_document
from tests.extractors.test_detect import ole_file



def codes(ex: object) -> list[str]:
    """Issue codes of an Extraction."""
    return [r["code"] for r in ex.records["extraction_issues"]]  # type: ignore[attr-defined]


def soffice_processes(profile_root: Path) -> list[str]:
    """Command lines of live processes using a profile under profile_root (orphans left by a kill would show)."""
    found = []
    for proc in Path("/proc").iterdir():
        try:
            cmd = (proc / "cmdline").read_bytes().replace(b"\x00", b" ").decode("utf-8", "replace")
        except OSError:
            continue
        if str(profile_root) in cmd:
            found.append(cmd)
    return found


def test_doc_seeds_score_against_the_gold(legacy_dir: Path, tmp_path: Path, shared_dir: Path) -> None:
    gold = tmp_path / "gold"
    gold.mkdir()
    out = tmp_path / "out"
    for stem in ("000_b6cc7c43e2eeb60f", "003_990a092f0fb6bf8b"):
        path = legacy_dir / f"{stem}.doc"
        assert detect_format(path.read_bytes()) == "doc"
        ex = extract_path(path)
        assert ex.document["file_format"] == "doc" and ex.document["status"] == "ok", codes(ex)
        assert "converted_format" in codes(ex)
        write_document(out, ex.document, ex.records)
        (gold / f"{stem}.json").write_bytes((shared_dir / "gold" / f"{stem}.json").read_bytes())
    proc = subprocess.run([sys.executable, str(shared_dir / "eval" / "score.py"), "--curated", str(out),
                           "--gold", str(gold), "--json"], capture_output=True, text=True, check=True)
    summary = json.loads(proc.stdout)["summary"]
    assert summary["overall"]["f1"] >= 0.95, summary


def test_converted_document_says_so_in_its_metadata(legacy_dir: Path) -> None:
    doc = get_extractor("doc")((legacy_dir / "003_990a092f0fb6bf8b.doc").read_bytes(), "003.doc")
    assert doc.file_format == "doc"
    assert doc.metadata["converted_from"] == "doc" and doc.metadata["converted_to"] == "docx"
    assert doc.metadata["converter"].startswith("LibreOffice ")
    assert "永州市" in doc.text()


def test_wps_file_is_detected_and_extracted(legacy_dir: Path) -> None:
    data = (legacy_dir / "000.wps").read_bytes()
    assert detect_format(data) == "wps"
    ex = extract_bytes(data, "000.wps")
    assert ex.document["file_format"] == "wps" and ex.document["status"] == "ok"
    assert ex.document["org_name"] == "汨罗市行政审批服务局"
    assert len(ex.records["three_public"]) >= 5


def test_et_workbook_is_extracted(legacy_dir: Path) -> None:
    data = (legacy_dir / "sheet.et").read_bytes()
    assert detect_format(data) == "xls"
    doc = get_extractor("xls")(data, "sheet.et")
    grid = next(doc.tables()).text_grid()
    assert ["公务接待费", "3.5", "1.25"] in grid
    assert any("三公经费支出决算表" in " ".join(row) for row in grid) or "三公经费" in doc.text()


def test_xls_neither_xlrd_nor_libreoffice_reads_stays_corrupt_xls(legacy_dir: Path) -> None:
    data = bytearray((legacy_dir / "sheet.xls").read_bytes())
    at = data.find(b"\x09\x08\x10\x00\x00\x06")  # the workbook's BOF record: make its BIFF version unknown
    data[at + 4:at + 6] = b"\x00\x07"
    ex = extract_bytes(bytes(data), "odd.xls")
    assert ex.document["status"] == "failed"
    assert codes(ex) == ["corrupt_xls"]
    assert "LibreOffice could not read it either" in ex.records["extraction_issues"][0]["message"]


def test_missing_converter_fails_the_file_with_an_install_hint(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(convert.SOFFICE_ENV, "/nonexistent/soffice")
    ex = extract_bytes(word_like_bytes(), "report.doc")
    assert ex.document["status"] == "failed" and ex.document["file_format"] == "doc"
    assert codes(ex) == ["converter_missing"]
    assert "apt-get install libreoffice-writer-nogui" in ex.records["extraction_issues"][0]["message"]


def word_like_bytes() -> bytes:
    """An OLE file that names a WordDocument stream but holds no document (detected as doc, unreadable)."""
    return ole_file("WordDocument", "1Table")


def test_damaged_doc_fails_alone_and_the_batch_goes_on(legacy_dir: Path) -> None:
    bad = extract_bytes(word_like_bytes(), "damaged.doc")
    good = extract_path(legacy_dir / "003_990a092f0fb6bf8b.doc")
    assert bad.document["status"] == "failed"
    assert codes(bad) == ["conversion_failed"]
    assert good.document["status"] == "ok" and good.records["indicators"]


def test_hung_conversion_is_killed_with_its_whole_process_group(legacy_dir: Path,
                                                                monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(convert.TIMEOUT_ENV, "0.5")  # far below LibreOffice's start-up time: a stand-in for a hang
    ex = extract_path(legacy_dir / "000_b6cc7c43e2eeb60f.doc")
    assert ex.document["status"] == "failed"
    assert codes(ex) == ["conversion_timeout"]
    assert soffice_processes(convert.pool().root) == []
    monkeypatch.delenv(convert.TIMEOUT_ENV)
    after = extract_path(legacy_dir / "003_990a092f0fb6bf8b.doc")  # the pool still converts afterwards
    assert after.document["status"] == "ok"


def test_profiles_are_reused_across_a_batch(legacy_dir: Path) -> None:
    pool = convert.pool()
    before = set(os.listdir(pool.root))
    for _ in range(2):
        get_extractor("doc")((legacy_dir / "003_990a092f0fb6bf8b.doc").read_bytes(), "003.doc")
    assert len(set(os.listdir(pool.root)) - before) <= 1  # one warm profile serves a sequential batch
