"""Figures stated in prose (情况说明, 评价报告) -> budgets / three_public / evaluations rows with Provenance origin prose."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from extractors.interpret.prose.grades import interpret_evaluations
from extractors.interpret.prose.functional import functional_heading
from extractors.interpret.vocab.prose import TERMS
from extractors.interpret.prose.money import Subject, figures, year_before
from extractors.interpret.prose.project import project_name_of
from extractors.interpret.prose.rows import Where, add_budget, budget_row, default_measure, emit, figure_year
from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.vocab.load import Words
from extractors.model import Document, Paragraph, Table
from normalizers.money import to_yuan
from normalizers.text import clean_text

CELL_MIN_CHARS = 60
SENTENCE_END = re.compile(r"[。;；!?！？\n]")
FUNCTIONAL = next(t for t in TERMS if t.item == "functional")
WORDS = Words("prose", "reader")  # this module's patterns in vocab/prose.toml


@dataclass
class Unit:
    """A stretch of prose (a paragraph or a report-like table cell), cleaned, with its page."""

    text: str
    page: Optional[int]


def prose_units(doc: Document) -> Iterator[Unit]:
    """Paragraphs and long sentence-like table cells, in reading order."""
    for block in doc.blocks:
        if isinstance(block, Paragraph):
            yield Unit(clean_text(block.text), block.page)
        elif isinstance(block, Table):
            for cell in block.cells:
                text = clean_text(cell.text)
                if len(text) >= CELL_MIN_CHARS and re.search(r"[。;]", text):
                    yield Unit(text, cell.page)


def project_lists(unit: Unit, meta: DocMeta, out: Interpretation) -> None:
    """One `project` budgets row per item of a `其中：A x万元；B y万元` list after a project-spending total."""
    for m in WORDS.project_list.finditer(unit.text):
        year = figure_year(year_before(unit.text, m.start()), meta)
        for part in re.split(r";", m.group("items")):
            item = WORDS.project_item.match(part.strip())
            amount = to_yuan(item.group("amount")) if item else None
            if item is None or amount is None or year is None:
                continue
            name = item.group("name").strip()
            add_budget(out, budget_row("project", name, amount, default_measure(meta), year,
                                       Where(m.group(0), unit.page), None))


def sentence_figures(unit: Unit, inherited: Optional[Subject], meta: DocMeta, project: Optional[str],
                     out: Interpretation) -> None:
    """Emit every figure of every sentence of a unit; the first sentence may reuse a 功能分类 subject."""
    for sentence in SENTENCE_END.split(unit.text):
        if sentence.strip():
            for fig in figures(sentence, inherited):
                emit(fig, meta, project, Where(sentence, unit.page), out)
        inherited = None


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append the levels stated in prose (tables, which ran before, win on conflicts) and a prose evaluation."""
    project = project_name_of(doc, meta)
    pending: Optional[Subject] = None
    economic = False  # inside a 经济分类 breakdown (工资福利支出(类)… 基本工资(款)…), which is no 功能分类
    for unit in prose_units(doc):
        heading = functional_heading(unit.text)
        if heading:
            economic = heading.economic if heading.class_name else economic
            pending = None if economic else Subject(FUNCTIONAL, heading.label)
            if heading.rest and pending:
                sentence_figures(Unit(heading.rest, unit.page), pending, meta, project, out)
                pending = None
            continue
        sentence_figures(unit, pending, meta, project, out)
        project_lists(unit, meta, out)
        pending = None
    interpret_evaluations(doc, meta, out, project)
