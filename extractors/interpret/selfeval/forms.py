"""Document -> self-evaluation forms: tables grouped across page breaks, with their title, scope, project and year."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractors.interpret.records import DocMeta
from extractors.interpret.selfeval.grid import Row, rows_of
from extractors.interpret.selfeval.layout import is_rubric_header
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words
from extractors.model import Document, Paragraph, Table
from normalizers import clean_text

TITLE_LINES = 12  # paragraphs above a form searched for its title and 项目名称
HEAD_ROWS = 3  # top rows of a form searched for a 项目名称 row
WORDS = Words("selfeval", "forms")  # this module's patterns in vocab/selfeval.toml


@dataclass
class Form:
    """Consecutive tables read as one form (a form cut by page breaks), with the paragraphs printed above it."""

    tables: list[Table]
    title_lines: list[str]
    rows: list[Row] = field(default_factory=list)

    @property
    def title(self) -> str:
        """The title paragraphs joined (cleaned)."""
        return " ".join(clean_text(t) for t in self.title_lines)


def is_furniture(text: str) -> bool:
    """True for page numbers and other lines a PDF prints between the parts of one table."""
    return not text.strip() or bool(WORDS.furniture.match(clean_text(text)))


def forms_of(doc: Document) -> list[Form]:
    """Group the tables into forms: a table with only page furniture above it continues the previous one."""
    forms: list[Form] = []
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            if not is_furniture(block.text):
                lines.append(block.text)
            continue
        if forms and not lines and not starts_form(block):
            forms[-1].tables.append(block)
        else:
            forms.append(Form([block], lines[-TITLE_LINES:]))
        lines = []
    for form in forms:
        form.rows = [row for table in form.tables for row in rows_of(table)]
    return forms


def starts_form(table: Table) -> bool:
    """True when a table opens a new form by itself (a 项目名称 row or a `一、…基本概况` section in its top rows)."""
    for row in rows_of(table)[:HEAD_ROWS]:
        texts = [squeeze(s.text) for s in row.slots if s.text]
        if texts and (WORDS.project_name_label.match(texts[0]) or re.match(r"^一、.*(?:基本概况|基本情况)$", texts[0])):
            return True
    return False


def is_selfeval(form: Form) -> bool:
    """False for forms another interpreter owns (评分表, 基础数据表, 决算/预算 tables) by title or header."""
    title = "".join(squeeze(t) for t in form.title_lines[-3:] if len(squeeze(t)) <= 40)
    if WORDS.not_mine.search(title) and "自评表" not in title:
        return False
    return not any(is_rubric_header(row) for row in form.rows)


def project_name(form: Form) -> Optional[str]:
    """The 项目名称 printed in the form's top rows or in the paragraphs above it."""
    for row in form.rows[:HEAD_ROWS]:
        texts = [s.text for s in row.slots if s.text]
        if len(texts) >= 2 and WORDS.project_name_label.match(squeeze(texts[0])):
            return squeeze(texts[1])
    for line in reversed(form.title_lines):
        m = WORDS.project_name_line.match(squeeze(line))
        if m:
            return m.group("name")
    return None


def scope_of(form: Form, project: Optional[str]) -> str:
    """`project` for a 项目支出 form (or one naming its project), else `department`."""
    short = " ".join(squeeze(t) for t in form.title_lines if len(squeeze(t)) <= 40)
    if project or (WORDS.project_form.search(short) and not WORDS.dept_form.search(short)):
        return "project"
    return "department"


def form_year(form: Form, meta: DocMeta, doc: Document) -> Optional[int]:
    """The fiscal year: classify's, else the `20xx年度` of the form's title, else the document's first one."""
    if meta.fiscal_year:
        return meta.fiscal_year
    for text in [form.title, *(p.text for p in doc.paragraphs())]:
        m = WORDS.year.search(clean_text(text))
        if m:
            return int(m.group(1))
    return None
