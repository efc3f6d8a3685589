"""Session fixtures: legacy office files and scans made once from the bundled samples with real tools."""
from __future__ import annotations

import copy
from pathlib import Path
from typing import Callable

import openpyxl
import pytest

from extractors.base import get_extractor
from extractors.model import Document
from govreports import pipeline
from govreports.pipeline import Extraction
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
    """Seeds 000/003 rasterised to image-only PDFs (150 dpi grayscale JPEG pages), plus page 16 of 000 (prose with
    三公 figures, no table) alone, both as text (000_p16.pdf) and as a scan."""
    import pypdfium2

    out = tmp_path_factory.mktemp("scans")
    for stem in SEEDS:
        rasterise(samples_dir / "pdf" / f"{stem}.pdf", out)
    page = pypdfium2.PdfDocument.new()
    page.import_pages(pypdfium2.PdfDocument(samples_dir / "pdf" / f"{SEEDS[0]}.pdf"), [15])
    page.save(out / "000_p16.pdf")
    rasterise(out / "000_p16.pdf", out)
    return out


@pytest.fixture(scope="session")
def scanned_doc() -> Callable[[Path], Document]:
    """The PDF extractor's Document of a scan, OCR'd once per file per session (OCR is the slow part of the suite)."""
    cache: dict[Path, Document] = {}

    def get(path: Path) -> Document:
        if path not in cache:
            cache[path] = get_extractor("pdf")(path.read_bytes(), path.name)
        return copy.deepcopy(cache[path])
    return get


@pytest.fixture(scope="session")
def scanned(scanned_doc: Callable[[Path], Document]) -> Callable[[Path], Extraction]:
    """The pipeline's Extraction of a scan (detect, interpret, validate) on its once-OCR'd Document."""
    def get(path: Path) -> Extraction:
        real = pipeline.read_document
        pipeline.read_document = lambda data, name, fmt, limits=None: (scanned_doc(path), [])  # type: ignore[assignment]
        try:
            return pipeline.extract_path(path)
        finally:
            pipeline.read_document = real
    return get
