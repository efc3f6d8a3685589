"""Bytes of a plain-text report (UTF-8, GBK/GB2312, UTF-16) -> Document of body paragraphs, one per non-empty line."""
from __future__ import annotations

from extractors.html_decode import decode_html
from extractors.model import Document, Paragraph
from govreports.errors import BadInput, Issue


def text_to_paragraphs(text: str) -> list[Paragraph]:
    """Non-empty lines, stripped of surrounding whitespace, as body paragraphs (headings are read from numbering)."""
    lines = (line.strip().strip("\u3000") for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    return [Paragraph(line) for line in lines if line]


def extract(data: bytes, name: str) -> Document:
    """Read a plain-text file into the shared document model (no tables, page=None)."""
    text, encoding, doubt = decode_html(data)
    paragraphs = text_to_paragraphs(text.replace("\x00", ""))
    if not paragraphs:
        raise BadInput(f"{name}: the text file holds no text", code="empty_text")
    issues = [Issue("extract", "warning", "text_decode", doubt)] if doubt else []
    return Document("txt", list(paragraphs), page_count=None, metadata={"encoding": encoding}, issues=issues)
