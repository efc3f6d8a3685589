"""Session fixtures: legacy office files and scans made once from the bundled samples with real tools."""
from __future__ import annotations

from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from govreports.pipeline import Extraction, extract_path
from tests.extractors.legacy_fixtures import rasterise, rename_ole_entry, soffice_convert, soffice_or_skip

SEEDS = ("000_b6cc7c43e2eeb60f", "003_990a092f0fb6bf8b")


@pytest.fixture(scope="session")
def legacy_dir(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    """Seeds 000/003 as Word 97 .doc, 000 as a WPS .wps, and a small workbook as .xls and WPS .et (LibreOffice)."""
    soffice = soffice_or_skip()
    out = tmp_path_factory.mktemp("legacy")
    profile = out / "profile"
    docs = soffice_convert(soffice, [samples_dir / "docx" / f"{s}.docx" for s in SEEDS], "doc", out, profile)
    (out / "000.wps").write_bytes(rename_ole_entry(docs[0].read_bytes(), "\x05SummaryInformation", "WpsCustomData"))
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "三公经费"
    ws.append(["2023年三公经费支出决算表"])
    ws.append(["项目", "预算数", "决算数"])
    ws.append(["公务接待费", 3.5, 1.25])
    ws.append(["公务用车运行维护费", 12, 10.8])
    ws.merge_cells("A1:C1")
    wb.save(out / "sheet.xlsx")
    xls = soffice_convert(soffice, [out / "sheet.xlsx"], "xls", out, profile)[0]
    (out / "sheet.et").write_bytes(rename_ole_entry(xls.read_bytes(), "\x05SummaryInformation", "ETExtData"))
    return out


@pytest.fixture(scope="session")
def scans_dir(tmp_path_factory: pytest.TempPathFactory, samples_dir: Path) -> Path:
    """Seeds 000/003 rasterised to image-only PDFs (150 dpi grayscale JPEG pages), plus page 16 of 000 alone."""
    out = tmp_path_factory.mktemp("scans")
    for stem in SEEDS:
        rasterise(samples_dir / "pdf" / f"{stem}.pdf", out)
    rasterise(samples_dir / "pdf" / f"{SEEDS[0]}.pdf", out, pages=(16, 16), stem="000_p16")
    return out


@pytest.fixture(scope="session")
def scanned() -> Callable[[Path], Extraction]:
    """Pipeline extraction of a scan, done once per file per session (OCR is the slow part of the suite)."""
    cache: dict[Path, Extraction] = {}

    def get(path: Path) -> Extraction:
        if path not in cache:
            cache[path] = extract_path(path)
        return cache[path]
    return get
