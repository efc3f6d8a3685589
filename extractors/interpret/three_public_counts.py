"""Interpreter stub: counts stated beside 三公 figures (接待批次, 人次, 公务用车保有量, 购置数量)."""
from __future__ import annotations

from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Document


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append three_public_counts rows to out (stub: none yet)."""
    return None
