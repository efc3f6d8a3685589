"""Scoring tables (评分表 / 评价指标表) -> `indicators` rows with scope 'rubric' and the table's 总分 -> `evaluations`."""
from __future__ import annotations

import re
from typing import Optional

from extractors.interpret.prose.grades import find_grade
from extractors.interpret.prose.project import project_name_of
from extractors.interpret.records import DocMeta, Interpretation, Row
from extractors.interpret.registry import owns
from extractors.interpret.rubric.columns import rubric_columns
from extractors.interpret.tables.continuation import continues_directly
from extractors.interpret.tables.header import ColumnRoles
from extractors.interpret.rubric.units import Unit, table_units, total_row_score
from extractors.interpret.issue_codes import issue
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words
from extractors.model import Document, Table
from govreports.errors import Issue
from normalizers.text import clean_text, strip_score_suffix

WORDS = Words("rubric", "reader")  # this module's patterns in vocab/rubric.toml


def is_project_rubric(table: Table, meta: DocMeta) -> bool:
    """A project's 评价指标表 (caption names a 项目/专项, or the whole report is a project report)."""
    caption = squeeze(" ".join(table.caption[-2:]))
    if WORDS.dept_caption.search(caption):
        return False
    return bool(WORDS.project_caption.search(caption)) or meta.doc_type == "project_performance_self_eval"


def label(text: str) -> tuple[Optional[str], Optional[float]]:
    """A level cell -> (cleaned label without its `(30分)` suffix or None, the suffix's score)."""
    name, points = strip_score_suffix(squeeze(text))
    return (name or None), points


def unit_row(unit: Unit, project: Optional[str]) -> Row:
    """One scoring unit -> an indicators row."""
    level3, points = label(unit.level3)
    criteria = " ".join(" ".join(s.strip() for s in t.splitlines() if s.strip()) for t in unit.criteria).strip()
    return {
        "scope": "rubric", "project_name": project,
        "level1": label(unit.level1)[0], "level2": label(unit.level2)[0], "level3": level3,
        "target_raw": criteria or None, "target_op": "text", "target_value": None, "target_unit": None,
        "actual_raw": None, "actual_value": None, "actual_unit": None,
        "weight": unit.weight if unit.weight is not None else (points if not unit.has_weight_col else None),
        "score": unit.score, "note": clean_text(" ".join(unit.notes)) or None,
        "page": unit.page, "table_index": unit.table_index, "row_index": unit.row_index, "raw": unit.raw,
    }


def add_evaluation(out: Interpretation, scope: str, project: Optional[str], total: float, grade: Optional[str],
                   table: Table) -> None:
    """Record the table's 总分 unless the self-evaluation form already gave one (then only check they agree)."""
    for ev in out.evaluations:
        if ev.get("scope") == scope and ev.get("project_name") == project:
            if ev.get("total_score") is not None and abs(float(ev["total_score"]) - total) > 0.01:
                out.issues.append(issue("conflicting_values", f"评分表总分 {total:g} differs from the evaluation's {ev['total_score']}",
                                        page=table.page, table_index=table.index))
            elif ev.get("total_score") is None:
                ev["total_score"] = total
            return
    out.evaluations.append({"scope": scope, "project_name": project, "total_score": total, "grade": grade,
                            "page": table.page, "table_index": table.index, "raw": None})


def continued_columns(table: Table, previous: Optional[tuple[Table, ColumnRoles, tuple[str, str]]]) -> Optional[ColumnRoles]:
    """The previous table's columns when this table directly continues it without repeating the header."""
    if previous and continues_directly(previous[0], table):
        return previous[1].with_header_rows(0)
    return None


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append one indicators row per scoring unit of every 评分表, and its 总分 as an evaluation."""
    previous: Optional[tuple[Table, ColumnRoles, tuple[str, str]]] = None
    for table in doc.tables():
        cols = rubric_columns(table) or continued_columns(table, previous) if owns("rubric", table, doc, out) else None
        if cols is None:
            previous = None
            continue
        is_project = is_project_rubric(table, meta)
        project = project_name_of(doc, meta) if is_project else None
        if is_project and project is None:
            out.issues.append(issue("project_name_unknown", "a project's scoring table, but the project's name was not found",
                                    page=table.page, table_index=table.index))
        units, carry = table_units(table, cols, previous[2] if previous else ("", ""))
        out.indicators.extend(unit_row(u, project) for u in units)
        total = total_row_score(table, cols)
        if total is not None:
            add_evaluation(out, "project" if is_project else "department", project, total, find_grade(doc), table)
        previous = (table, cols, carry)
