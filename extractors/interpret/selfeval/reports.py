"""A form's evaluation completed from its own written report (`自评得分100分。考评结果为优秀。`) when the form omits it."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractors.interpret.prose.grades import GRADE, SCORE
from extractors.interpret.records import PROV, PROSE, Row as Record
from extractors.interpret.issue_codes import issue
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import word
from extractors.model import Document
from govreports.errors import Issue

_REPORT_TITLE = word("selfeval", "reports_report_title")
_PUNCT = re.compile(r"[^\w]+")
MIN_COVERAGE = 0.7  # share of a project name's character pairs the report must contain
MIN_MARGIN = 0.15  # lead of the best project over the runner-up


@dataclass
class Report:
    """One written report (部门整体支出 / 项目支出 绩效自评报告): its scope and paragraphs."""

    scope: str
    title: str
    lines: list[str] = field(default_factory=list)
    page: Optional[int] = None

    @property
    def text(self) -> str:
        """The report's paragraphs joined, cleaned, whitespace removed."""
        return "".join(self.lines)


def reports_of(doc: Document) -> list[Report]:
    """Split the prose into reports at each `…自评报告` / `…评价报告` title line (a short paragraph)."""
    reports: list[Report] = []
    previous = ""
    for p in doc.paragraphs():
        line = squeeze(p.text)
        if len(line) <= 40 and _REPORT_TITLE.search(line):
            title = (previous if len(previous) <= 40 else "") + line
            scope = "project" if "项目" in title else "department" if re.search(r"整体|部门|单位", title) else ""
            reports.append(Report(scope, title, page=p.page))
        elif reports:
            reports[-1].lines.append(line)
        previous = line
    return [r for r in reports if r.scope]


def stated(report: Report) -> tuple[Optional[float], Optional[str], Optional[str]]:
    """(score, grade, sentence) a report states; the score only when it states exactly one."""
    scores: dict[float, str] = {}
    grade = None
    for sentence in re.split(r"[。;；]", report.text):
        for m in SCORE.finditer(sentence):
            scores.setdefault(float(m.group("score")), sentence)
        g = GRADE.search(sentence)
        if g and grade is None:
            grade = g.group("grade")
    if len(scores) == 1:
        score, sentence = next(iter(scores.items()))
        return score, grade, sentence
    return None, grade, None


def _pairs(text: str) -> set[str]:
    bare = _PUNCT.sub("", text)
    return {bare[i:i + 2] for i in range(len(bare) - 1)}


def coverage(name: str, text: str) -> float:
    """Share of a project name's character pairs found in a text (a fuzzy `this report is about that project`)."""
    pairs = _pairs(name)
    bare = _PUNCT.sub("", text)
    return sum(1 for p in pairs if p in bare) / len(pairs) if pairs else 0.0


def project_of(report: Report, projects: list[str]) -> Optional[str]:
    """The one project a report is about, when it clearly names one of the forms' projects."""
    ranked = sorted(((coverage(name, report.text), name) for name in projects), reverse=True)
    if not ranked or ranked[0][0] < MIN_COVERAGE:
        return None
    if len(ranked) > 1 and ranked[0][0] - ranked[1][0] < MIN_MARGIN:
        return None
    return ranked[0][1]


def complete(doc: Document, forms: list[tuple[str, Optional[str]]], evaluations: list[Record],
             issues: list[Issue]) -> None:
    """Fill missing 总分/评价等次 of the read forms' evaluations from their reports, in place."""
    projects = [name for scope, name in forms if scope == "project" and name]
    for report in reports_of(doc):
        key = (report.scope, project_of(report, projects) if report.scope == "project" else None)
        if key not in forms or (report.scope == "project" and key[1] is None):
            continue
        score, grade, sentence = stated(report)
        if score is None and grade is None:
            continue
        _fill(_evaluation(evaluations, key, report), score, grade, sentence, issues)


def _evaluation(evaluations: list[Record], key: tuple[str, Optional[str]], report: Report) -> Record:
    """The form's evaluation row for key, created (from the report) when the form printed none."""
    for ev in evaluations:
        if (ev["scope"], ev.get("project_name")) == key:
            return ev
    ev = {"scope": key[0], "project_name": key[1], "total_score": None, "grade": None, "page": report.page,
          "table_index": None, "row_index": None, "raw": report.title, PROV: PROSE}
    evaluations.append(ev)
    return ev


def _fill(ev: Record, score: Optional[float], grade: Optional[str], sentence: Optional[str],
          issues: list[Issue]) -> None:
    """Set the evaluation's missing fields; a report disagreeing with the form is an issue, the form wins."""
    if score is not None and ev.get("total_score") is not None and abs(ev["total_score"] - score) > 1e-9:
        issues.append(issue("conflicting_values", f"evaluation {ev.get('project_name') or 'department'}: form 总分 {ev['total_score']:g},"
                            f" report states {score:g}; the form's is kept", raw=sentence))
    if ev.get("total_score") is None and score is not None:
        ev["total_score"] = score
        ev["raw"] = sentence
    if ev.get("grade") is None and grade is not None:
        ev["grade"] = grade
