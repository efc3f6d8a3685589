"""Grades and total scores stated in prose or forms (`综合评分为92分，重点绩效评价等级为“良”`) -> `evaluations`."""
from __future__ import annotations

import re
from typing import Iterator, Optional

from extractors.interpret.records import PROV, PROSE, DocMeta, Interpretation
from extractors.interpret.issue_codes import issue
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import word
from extractors.model import Document
from govreports.errors import Issue
from normalizers.text import clean_text

GRADES = r"优秀|良好|良|合格|中等|中|较差|差|不合格"
GRADE = re.compile(rf"(?:评价等次|评价等级|考评结果|评价结果|考核等次|等级|等次)(?:为|是|:|评定为|确定为|评为)?[\"“”']?"
                   rf"(?P<grade>{GRADES})(?![\u4e00-\u9fa5]{{2}})")
GRADE_LABEL = word("prose", "grades_grade_label")
GRADE_VALUE = re.compile(rf"^(?:{GRADES})$")
SCORE = word("prose", "grades_score")
PERFORMANCE_TYPES = ("dept_performance_self_eval", "project_performance_self_eval")



def texts(doc: Document) -> Iterator[tuple[str, Optional[int]]]:
    """Every paragraph and table cell text with its page."""
    for p in doc.paragraphs():
        yield p.text, p.page
    for t in doc.tables():
        for c in t.cells:
            yield c.text, c.page


def grade_from_forms(doc: Document) -> Optional[str]:
    """A grade printed in a form cell right of `评价等次`."""
    for table in doc.tables():
        for row in table.anchors():
            for left, right in zip(row, row[1:]):
                if left is not None and right is not None and left is not right:
                    if GRADE_LABEL.match(squeeze(left.text)) and GRADE_VALUE.match(squeeze(right.text)):
                        return squeeze(right.text)
    return None


def find_grade(doc: Document) -> Optional[str]:
    """The first grade the document states, in a form or in a sentence."""
    found = grade_from_forms(doc)
    if found:
        return found
    for text, _ in texts(doc):
        m = GRADE.search(squeeze(text))
        if m:
            return m.group("grade")
    return None


def stated_scores(doc: Document) -> list[tuple[float, Optional[str], str, Optional[int]]]:
    """(score, grade in the same sentence, sentence, page) for every total score stated in prose."""
    out = []
    for text, page in texts(doc):
        for sentence in re.split(r"[。;\n]", squeeze(text)):
            m = SCORE.search(sentence)
            if m:
                g = GRADE.search(sentence)
                out.append((float(m.group("score")), g.group("grade") if g else None, sentence, page))
    return out


def interpret_evaluations(doc: Document, meta: DocMeta, out: Interpretation, project: Optional[str]) -> None:
    """Add the report's evaluation from prose when no table gave any and the prose states one score."""
    if meta.doc_type not in PERFORMANCE_TYPES or out.evaluations:
        return
    found = stated_scores(doc)
    scores = {s for s, _, _, _ in found}
    if len(scores) != 1:
        if len(scores) > 1:
            out.issues.append(issue("ambiguous_evaluation", f"prose states several total scores {sorted(scores)}; none was kept"))
        return
    score, grade, sentence, page = found[0]
    scope = "project" if meta.doc_type == "project_performance_self_eval" else "department"
    out.evaluations.append({"scope": scope, "project_name": project if scope == "project" else None,
                            "total_score": score, "grade": grade or find_grade(doc), "page": page,
                            "table_index": None, "raw": sentence, PROV: PROSE})
