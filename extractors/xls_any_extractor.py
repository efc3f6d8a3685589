"""XLS / WPS .et bytes -> Document: xlrd first; a workbook xlrd cannot read goes through LibreOffice to .xlsx."""
from __future__ import annotations

from extractors import xls_extractor
from extractors.convert import ConversionFailed
from extractors.converted import extract_converted
from extractors.model import Document
from govreports.errors import BadInput


def extract(data: bytes, name: str) -> Document:
    """The .xls extractor's Document, else the converted workbook's; corrupt_xls when LibreOffice cannot read it either."""
    try:
        return xls_extractor.extract(data, name)
    except BadInput as err:
        first = err
    try:
        return extract_converted(data, name, "xls", "xls", "xlsx", f"xlrd could not read it: {first}")
    except ConversionFailed as err:
        raise BadInput(f"{first}; LibreOffice could not read it either: {err}", code="corrupt_xls") from err
