"""The extractor interface and the explicit format registry."""
from __future__ import annotations

import importlib
from typing import Callable

from extractors.model import Document

# An extractor reads a file's bytes (and its name, for messages) and returns the shared model.
ExtractFn = Callable[[bytes, str], Document]

# file_format -> module exposing `extract(data, name) -> Document`; explicit, no discovery.
BACKENDS: dict[str, str] = {
    "pdf": "extractors.pdf_extractor",
    "docx": "extractors.docx_extractor",
    "html": "extractors.html_extractor",
    "xlsx": "extractors.xlsx_extractor",
    "xls": "extractors.xls_any_extractor",  # xlrd, else LibreOffice -> xlsx (also WPS .et workbooks)
    "doc": "extractors.doc_extractor",  # LibreOffice -> docx
    "wps": "extractors.doc_extractor",
    "txt": "extractors.txt_extractor",
}


def get_extractor(fmt: str) -> ExtractFn:
    """The extractor for a format (KeyError when none is registered); imported on first use."""
    return importlib.import_module(BACKENDS[fmt]).extract  # type: ignore[no-any-return]


def registry() -> dict[str, ExtractFn]:
    """Map of every registered file_format -> extractor."""
    return {fmt: get_extractor(fmt) for fmt in BACKENDS}
