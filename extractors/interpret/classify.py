"""Document -> DocMeta (doc_type, org_name, region, fiscal_year, title). Stub until classify work lands."""
from __future__ import annotations

from extractors.interpret.records import DocMeta
from extractors.model import Document


def classify(doc: Document) -> DocMeta:
    """Classify a document (stub: everything unknown)."""
    return DocMeta(title=doc.metadata.get("title"))
