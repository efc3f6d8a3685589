"""A list of project self-evaluation results (`项目名称 | 自评得分 | 等级`, one project a row) -> evaluations rows."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractors.interpret.records import DocMeta, Interpretation, Row
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import word
from extractors.model import Document, Table
from normalizers.text import clean_text

_SCORE = re.compile(r"(\d{1,3}(?:\.\d+)?)分?")
_HEAD_ROWS = 3  # the header sits in the table's first rows


@dataclass(frozen=True)
class ScoreColumns:
    """The header row and the name, score and (optional) grade columns of a score list."""

    header: int
    name: int
    score: int
    grade: Optional[int]


def score_list_columns(table: Table) -> Optional[ScoreColumns]:
    """The columns of a score list's header row, None when no early row names a project column and a score column."""
    for r, row in enumerate(table.text_grid()[:_HEAD_ROWS]):
        keys = [squeeze(t) for t in row]
        name = next((c for c, k in enumerate(keys) if word("kinds", "score_list_name").match(k)), None)
        score = next((c for c, k in enumerate(keys) if word("kinds", "score_list_score").match(k)), None)
        grade = next((c for c, k in enumerate(keys) if word("kinds", "score_list_grade").match(k)), None)
        if name is not None and score is not None and name < score:
            cols = ScoreColumns(r, name, score, grade)
            return cols if len(list_records(table, cols)) >= 2 else None  # a form's 项目名称 row is no list
    return None


def list_records(table: Table, cols: ScoreColumns) -> list[Row]:
    """One project evaluation per body row that names a project and prints a score."""
    out: list[Row] = []
    for r, row in enumerate(table.text_grid()[cols.header + 1:], start=cols.header + 1):
        name = clean_text(row[cols.name].replace("\n", "")).strip()
        m = _SCORE.fullmatch(squeeze(row[cols.score]))
        if not name or not m or float(m.group(1)) > 100:
            continue
        grade = squeeze(row[cols.grade]) if cols.grade is not None else ""
        out.append({"scope": "project", "project_name": name, "total_score": float(m.group(1)),
                    "grade": grade or None, "page": table.row_page(r), "table_index": table.index, "row_index": r,
                    "raw": " | ".join(dict.fromkeys(t for t in row if t))})
    return out


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append an evaluation for every project a score list names that no form already evaluated."""
    from extractors.interpret.registry import owns  # the registry imports the table kinds, which use this module
    known = {(e.get("scope"), e.get("project_name")) for e in out.evaluations}
    for table in doc.tables():
        if not owns("score_list", table, doc, out):
            continue
        cols = score_list_columns(table)
        for row in list_records(table, cols) if cols else []:
            if ("project", row["project_name"]) not in known:
                known.add(("project", row["project_name"]))
                out.evaluations.append(row)
