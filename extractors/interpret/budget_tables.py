"""Interpreter stub: filled in by its own issue work."""
from __future__ import annotations

from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Document


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append this family's records to out (stub: none yet)."""
    return None
