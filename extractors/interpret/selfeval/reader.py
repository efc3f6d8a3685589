"""Self-evaluation forms (部门整体/项目支出绩效自评表) -> budgets, indicators and evaluations records."""
from __future__ import annotations

import re
from typing import Optional

from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.records import Row as Record
from extractors.interpret.selfeval.blocks import Block, Segments, segment
from extractors.interpret.registry import owns
from extractors.interpret.selfeval.forms import Form, forms_of, project_name, scope_of, form_year
from extractors.interpret.selfeval.grid import Row
from extractors.interpret.selfeval.indicators import indicator_records
from extractors.interpret.selfeval.layout import Layout, assign
from extractors.interpret.selfeval.money import FormContext, detail_records, funds_records, pairs_records
from extractors.interpret.selfeval.reports import complete
from extractors.interpret.selfeval.text import grade_text, score_of
from extractors.interpret.issue_codes import issue
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import word
from extractors.model import Document
from govreports.errors import Issue


FormKey = tuple[str, Optional[str]]


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append the records of every self-evaluation form in doc to out; a form that fails becomes an issue."""
    read: list[FormKey] = []
    for form in forms_of(doc):
        if not owns("selfeval", form.tables[0], doc, out):
            continue
        try:
            key = read_form(form, meta, doc, out)
        except Exception as exc:  # one malformed form must not cost the rest of the document
            table = form.tables[0]
            out.issues.append(issue("selfeval_form_failed", f"self-evaluation form could not be read: {type(exc).__name__}: {exc}",
                                    page=table.page, table_index=table.index))
            continue
        if key is not None:
            read.append(key)
    complete(doc, read, out.evaluations, out.issues)


def read_form(form: Form, meta: DocMeta, doc: Document, out: Interpretation) -> Optional[FormKey]:
    """One form -> its records, appended to out; returns the form's (scope, project), None when it held none."""
    segments = segment(form.rows)
    if not segments.blocks and not (segments.totals or segments.grades):
        return None  # (a form that prints only its 自评得分 / 等级 line still gives its evaluation)
    project = project_name(form)
    scope = scope_of(form, project)
    ctx = FormContext(scope, project if scope == "project" else None, form_year(form, meta, doc), form.title)
    budgets: list[Record] = []
    for block in segments.blocks:
        new_budgets, indicators = block_records(ctx, block)
        budgets += new_budgets
        out.indicators += indicators
    if budgets and ctx.year is None:
        ctx.issues.append(issue("fiscal_year_unknown", "self-evaluation money lines dropped: the report's fiscal year is unknown",
                                table_index=form.tables[0].index))
        budgets = []
    out.budgets += budgets
    out.evaluations += evaluation_records(ctx, segments)
    out.issues += ctx.issues
    return ctx.scope, ctx.project


def block_records(ctx: FormContext, block: Block) -> tuple[list[Record], list[Record]]:
    """(budgets, indicators) of one block."""
    if block.kind == "indicators":
        return [], indicator_records(list(zip(block.layouts, block.rows)), ctx.scope, ctx.project)
    if block.kind == "funds":
        return funds_records(ctx, block.header, block.rows)
    if block.kind == "pairs":
        return pairs_records(ctx, block.header, block.rows), []
    return detail_records(ctx, block.header, block.rows), []


def score_layout(segments: Segments) -> Optional[Layout]:
    """The layout of the form's 绩效指标 block, used to read 总分 under its 得分 column."""
    blocks = [b for b in segments.blocks if b.kind == "indicators" and b.layouts]
    return blocks[-1].layouts[-1] if blocks else None


def total_of(row: Row, layout: Optional[Layout]) -> Optional[float]:
    """The score printed on a 总分 row: the cell under 得分 when the form has one, else the last number."""
    if layout is not None and any(b.role == "score" for b in layout):
        under = assign(layout, row).get("score", [])
        if under and score_of(under[0].text) is not None:
            return score_of(under[0].text)
    numbers = [v for s in row.slots[1:] if (v := score_of(s.text)) is not None]
    return numbers[-1] if numbers else None


def grade_of(row: Row) -> Optional[str]:
    """The grade printed after a 评价等次 label."""
    texts = [s.text for s in row.slots[1:] if s.text]
    return grade_text(texts[0]) if texts else None


GRADE_LABEL = word("selfeval", "reader_grade_label")
INLINE_GRADE = word("selfeval", "reader_inline_grade")


def inline_grade(row: Row) -> Optional[str]:
    """A grade printed inside a 总分 row (`自评得分 | 88.5 | … | 自评等级：良` or `… | 自评等级 | 优`)."""
    m = next((m for s in row.slots if (m := INLINE_GRADE.search(squeeze(s.text)))), None)
    if m:
        return grade_text(m.group("g"))
    texts = [squeeze(s.text) for s in row.slots if squeeze(s.text)]  # `… | 自评等级 | 优`
    at = next((i for i, t in enumerate(texts) if GRADE_LABEL.match(t)), None)
    return grade_text(texts[at + 1]) if at is not None and at + 1 < len(texts) else None


def evaluation_records(ctx: FormContext, segments: Segments) -> list[Record]:
    """The form's evaluation (总分 / 自评综合得分 and 评价等次), when it prints either."""
    layout = score_layout(segments)
    total = next((v for r in segments.totals if (v := total_of(r, layout)) is not None), None)
    grade = next((g for r in segments.grades if (g := grade_of(r))), None)
    grade = grade or next((g for r in segments.totals if (g := inline_grade(r))), None)
    if total is None and grade is None:
        return []
    row = (segments.totals or segments.grades)[0]
    return [{"scope": ctx.scope, "project_name": ctx.project, "total_score": total, "grade": grade,
             "page": row.page, "table_index": row.table.index, "row_index": row.r, "raw": row.raw}]
