"""Legacy office bytes -> Document: LibreOffice converts them (extractors/convert.py), the modern extractor reads them."""
from __future__ import annotations

from extractors.base import get_extractor
from extractors.convert import convert
from extractors.model import Document
from govreports.errors import Issue


def extract_converted(data: bytes, name: str, fmt: str, source_ext: str, target: str, why: str = "") -> Document:
    """Convert data (a .source_ext file of format fmt) to target, extract it, and record the conversion as provenance."""
    converted = convert(data, name, source_ext, target)
    doc = get_extractor(target)(converted.data, name)
    return mark_converted(doc, fmt, target, converted.converter, why)


def mark_converted(doc: Document, fmt: str, target: str, converter: str, why: str = "") -> Document:
    """doc with its original format, metadata naming the conversion, and one `converted_format` warning."""
    doc.file_format = fmt
    doc.metadata.update({"converted_from": fmt, "converted_to": target, "converter": converter})
    reason = f" ({why})" if why else ""
    doc.issues.insert(0, Issue("extract", "warning", "converted_format",
                               f"read after converting {fmt} -> {target} with {converter}{reason}; "
                               f"layout details may differ from the original"))
    return doc
