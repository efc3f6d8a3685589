"""Word 97 .doc and WPS .wps bytes -> Document: converted to .docx by LibreOffice, then read by the .docx extractor."""
from __future__ import annotations

from extractors.converted import extract_converted
from extractors.detect import ole_format, ole_stream_names
from extractors.model import Document


def extract(data: bytes, name: str) -> Document:
    """A .doc or .wps file through LibreOffice and the .docx extractor (ConverterMissing when LibreOffice is absent)."""
    names = {n.lower() for n in ole_stream_names(data)}
    fmt = ole_format(names)
    # Kingsoft .wps is a Word 97 file; only Microsoft Works .wps needs LibreOffice's Works import
    source_ext = "doc" if "worddocument" in names else "wps"
    return extract_converted(data, name, fmt if fmt in ("doc", "wps") else "doc", source_ext, "docx")
