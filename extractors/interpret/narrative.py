"""Interpreter stub for sections / prose_metrics / org_profile (issue 5)."""
from __future__ import annotations

from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Document


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append sections, prose metrics and the org profile to out (stub: none yet)."""
    return None
