"""Document -> contracted records: classify the document, decide each table's kind, then run the registered readers."""
from __future__ import annotations

from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.issue_codes import issue
from extractors.model import Document
from govreports.errors import Issue


def interpret(doc: Document) -> Interpretation:
    """Classify a document and turn its tables and prose into deduplicated, cross-checked records."""
    from extractors.interpret import reconcile
    from extractors.interpret.classify import meta as classify
    from extractors.interpret.registry import readers
    from extractors.interpret.tables.kinds import decide

    out = Interpretation(meta=classify.classify(doc))
    chosen = readers()
    if out.meta.doc_type == "other":  # a notice or gazette: keep its prose, invent no money or indicator rows
        chosen = [r for r in chosen if r.name == "narrative"]
        if any(True for _ in doc.tables()):
            out.issues.append(issue("not_a_report", "not a budget, final-accounts or performance report: its tables were not read"))
    out.kinds = decide(doc)
    for reader in chosen:
        reader.read(doc, out.meta, out)
    reconcile.finalize(out)
    return out


__all__ = ["DocMeta", "Interpretation", "interpret"]
