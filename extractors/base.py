"""The extractor interface and the explicit format registry."""
from __future__ import annotations

from typing import Callable

from extractors.model import Document

# An extractor reads a file's bytes (and its name, for messages) and returns the shared model.
ExtractFn = Callable[[bytes, str], Document]


def registry() -> dict[str, ExtractFn]:
    """Map of file_format -> extractor; imported lazily so one broken backend cannot break the others."""
    from extractors import docx_extractor, html_extractor, pdf_extractor

    return {
        "pdf": pdf_extractor.extract,
        "docx": docx_extractor.extract,
        "html": html_extractor.extract,
    }
