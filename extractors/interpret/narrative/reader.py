"""Prose interpreter (issue 5): sections, figures stated in prose, and the org profile."""
from __future__ import annotations

import traceback
from typing import Callable

from extractors.interpret.narrative.nlp import keywords
from extractors.interpret.narrative.org_profile import profile
from extractors.interpret.prose.metrics import figure_rows, prose_of
from extractors.interpret.records import DocMeta, Interpretation, Row
from extractors.interpret.narrative.sections import Outline, Section, outline
from extractors.interpret.issue_codes import issue
from extractors.model import Document
from govreports.errors import Issue

TOP_KEYWORDS = 8


def section_row(order: int, s: Section) -> Row:
    """A sections row: heading, level, path, body text and its TF-IDF keywords."""
    text = "\n".join(s.texts)
    return {"order": order, "page": s.page, "heading": s.heading, "level": s.level, "section_path": s.path or None,
            "text": text, "keywords": keywords(f"{s.heading or ''}\n{text}", TOP_KEYWORDS)}


def add_sections(doc: Document, o: Outline, out: Interpretation) -> None:
    """One sections row per heading (and one for any text before the first heading)."""
    out.sections.extend(section_row(i, s) for i, s in enumerate(o.sections))


def add_metrics(doc: Document, o: Outline, out: Interpretation) -> None:
    """One prose_metrics row per figure stated in prose; one warning for the figures whose subject is unreadable."""
    rows = figure_rows(doc, o)
    out.prose_metrics.extend(r for r in rows if r["subject"] is not None)
    unread = [r for r in rows if r["subject"] is None]
    if unread:
        first = unread[0]
        out.issues.append(issue("prose_metric_without_subject", f"{len(unread)} figure(s) in prose were skipped: no subject could be read "
                                f"(first: {first['value_raw']})", page=first["page"],
                                table_index=first["table_index"], row_index=first["row_index"], raw=first["raw"]))


def add_profile(doc: Document, o: Outline, out: Interpretation) -> None:
    """The org_profile row (tables first, then prose) and any table/prose disagreement."""
    rows, issues = profile(doc.tables(), (p.text for p in prose_of(doc, o)))
    out.org_profile.extend(rows)
    out.issues.extend(issues)


def guarded(step: Callable[[Document, Outline, Interpretation], None], doc: Document, o: Outline,
            out: Interpretation) -> None:
    """Run one step; a crash costs only that dataset (an error issue), never the other interpreters' rows."""
    try:
        step(doc, o, out)
    except Exception as exc:  # noqa: BLE001 - one bad paragraph must not lose the document
        out.issues.append(issue("narrative_crashed", f"{step.__name__}: {type(exc).__name__}: {exc}",
                                raw=traceback.format_exc(limit=3)))


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append sections, prose metrics and the org profile to out."""
    try:
        o = outline(doc)
    except Exception as exc:  # noqa: BLE001
        out.issues.append(issue("narrative_crashed", f"outline: {type(exc).__name__}: {exc}",
                                raw=traceback.format_exc(limit=3)))
        return
    for step in (add_sections, add_metrics, add_profile):
        guarded(step, doc, o, out)
