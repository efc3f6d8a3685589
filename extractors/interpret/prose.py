"""Figures stated in prose (情况说明, 评价报告) -> budgets / three_public / evaluations rows with `_origin='prose'`."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from extractors.interpret.prose_eval import interpret_evaluations
from extractors.interpret.prose_lexicon import TERMS
from extractors.interpret.prose_money import Subject, figures, year_before
from extractors.interpret.prose_project import project_name_of
from extractors.interpret.prose_rows import Where, add_budget, budget_row, default_measure, emit, year_of
from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Document, Paragraph, Table
from normalizers.money import to_yuan
from normalizers.text import clean_text

CELL_MIN_CHARS = 60
SENTENCE_END = re.compile(r"[。;；!?！？\n]")
FUNCTIONAL = next(t for t in TERMS if t.item == "functional")
# `一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项)`: the most specific name is the last one.
FUNCTIONAL_MARK = re.compile(r"\((?:类|款|项)\)")
ENUMERATOR = re.compile(r"^(?:\(?[一二三四五六七八九十\d]{1,3}[)、.]|第[一二三四五六七八九十]+[、.])")
# The name a `(款)` line ends with when its `(项)` is not printed (`…(款)机关事业单位基本养老保险缴费支出 年初预算…`).
TRAILING_NAME = re.compile(r"^(?P<name>[^\d,;。:\s()]{2,30}?)(?=\s|年初预算|预算|决算|\d|$)")
# `…专项经费为539.22万元。其中:A 221万元;B 2.5万元;…` names the department's projects.
PROJECT_LIST = re.compile(r"(?:项目支出|专项经费|专项资金|项目资金|项目经费)(?:合计|总额|共计)?(?:为|是|共)?\d+(?:\.\d+)?万元"
                          r"[。,;]?其中[:,]?(?P<items>[^。]+)")
PROJECT_ITEM = re.compile(r"^(?:用于)?(?P<name>[^,;:]{2,40}?)(?:为)?(?P<amount>\d+(?:\.\d+)?(?:万元|元))(?:,.*)?$")


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


def functional_heading(text: str) -> Optional[tuple[str, str]]:
    """(most specific 功能分类 name, the rest of the line) for a `…(类)…(款)…(项)` heading, else None."""
    marks = list(FUNCTIONAL_MARK.finditer(text))
    if not marks:
        return None
    path, rest = ENUMERATOR.sub("", text[: marks[-1].end()]).strip(), text[marks[-1].end():].strip()
    if re.search(r"[,;。]", path):
        return None
    names = [n.strip() for n in FUNCTIONAL_MARK.split(path) if n.strip()]
    tail = TRAILING_NAME.match(rest) if marks[-1].group() != "(项)" else None
    if tail:  # `一般公共服务(类)支出7,827.46万元` names the class itself
        name = tail.group("name")
        names.append(names[-1] + name if name == "支出" and names and not names[-1].endswith("支出") else name)
        rest = rest[tail.end():].strip()
    return (names[-1], rest) if names else None


def project_lists(unit: Unit, meta: DocMeta, out: Interpretation) -> None:
    """One `project` budgets row per item of a `其中：A x万元；B y万元` list after a project-spending total."""
    for m in PROJECT_LIST.finditer(unit.text):
        year = year_of(year_before(unit.text, m.start()), meta)
        for part in re.split(r";", m.group("items")):
            item = PROJECT_ITEM.match(part.strip())
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
    for unit in prose_units(doc):
        heading = functional_heading(unit.text)
        if heading:
            label, rest = heading
            pending = Subject(FUNCTIONAL, label)
            if rest:
                sentence_figures(Unit(rest, unit.page), pending, meta, project, out)
                pending = None
            continue
        sentence_figures(unit, pending, meta, project, out)
        project_lists(unit, meta, out)
        pending = None
    interpret_evaluations(doc, meta, out, project)
