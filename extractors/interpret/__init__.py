"""Document -> contracted records: classify the document, then run each table/prose interpreter in turn."""
from __future__ import annotations

from typing import Callable

from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Document
from govreports.errors import Issue

# An interpreter reads the document (and what classify found) and appends records and issues to `out`.
InterpretFn = Callable[[Document, DocMeta, Interpretation], None]


def interpreters() -> list[InterpretFn]:
    """The explicit, ordered list of interpreters (tables before prose: tables win on conflicts)."""
    from extractors.interpret.money import reader as budget_tables
    from extractors.interpret.narrative import reader as narrative
    from extractors.interpret.prose import reader as prose
    from extractors.interpret.rubric import reader as rubric
    from extractors.interpret.selfeval import reader as selfeval
    from extractors.interpret.prose import counts as three_public_counts

    return [selfeval.interpret, budget_tables.interpret, rubric.interpret, prose.interpret,
            three_public_counts.interpret, narrative.interpret]


def interpret(doc: Document) -> Interpretation:
    """Classify a document and turn its tables and prose into deduplicated, cross-checked records."""
    from extractors.interpret import reconcile as checks
    from extractors.interpret.classify import meta as classify

    out = Interpretation(meta=classify.classify(doc))
    fns = interpreters()
    if out.meta.doc_type == "other":  # a notice or gazette: keep its prose, invent no money or indicator rows
        fns = [fn for fn in fns if fn.__module__.endswith(".narrative.reader")]
        if any(True for _ in doc.tables()):
            out.issues.append(Issue("interpret", "warning", "not_a_report",
                                    "not a budget, final-accounts or performance report: its tables were not read"))
    for fn in fns:
        fn(doc, out.meta, out)
    checks.finalize(out)
    return out


__all__ = ["DocMeta", "Interpretation", "interpret", "interpreters"]
