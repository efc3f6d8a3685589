"""Document -> one kind per table, decided once from its title, cells and header rows, before any reader runs.

Readers never decide ownership themselves: registry.READERS lists which kinds each reader reads.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Iterator, Optional

from extractors.interpret.money.continuation import repeats_header
from extractors.interpret.rubric.columns import rubric_columns
from extractors.interpret.selfeval.forms import Form, forms_of, is_selfeval
from extractors.interpret.selfeval.score_list import score_list_columns
from extractors.interpret.tables.continuation import continues_directly
from extractors.interpret.tables.header import ColumnRoles
from extractors.interpret.targets.layout import has_result_header, header_columns
from extractors.interpret.vocab.load import word
from extractors.interpret.text import squeeze
from extractors.model import Document, Table

# The kinds, in the order they are tried.
PROJECT_FORM = "project_form"  # a 项目支出绩效自评表 (selfeval reads it, money rows included)
RUBRIC = "rubric"  # a 评分表 / 评价指标表, or a table continuing one on the next page
SELFEVAL = "selfeval"  # a 部门整体 自评表 form: indicators for selfeval, its 基础数据 block for money
TARGETS = "targets"  # a 绩效目标表: indicator header with targets and no result column
SCORE_LIST = "score_list"  # a list of project self-evaluation results: 项目名称 | 自评得分 | 等级
MONEY = "money"  # every other table: 收支总表 family, 功能分类, 基本支出, 三公 … (money skips what it cannot read)
KINDS = (RUBRIC, TARGETS, PROJECT_FORM, SELFEVAL, SCORE_LIST, MONEY)


@dataclass
class TableKinds:
    """The kind of every table of one document, by table index."""

    by_index: dict[int, str] = field(default_factory=dict)

    def of(self, table: Table) -> str:
        """The table's kind (money for a table decided without the document, e.g. in a unit test)."""
        return self.by_index.get(table.index, MONEY)

    def tables(self, doc: Document, *kinds: str) -> Iterator[Table]:
        """The document's tables of the given kinds, in order."""
        return (t for t in doc.tables() if self.of(t) in kinds)


def is_project_form(table: Table) -> bool:
    """True for a project self-evaluation form (a 项目负责人 / 项目基本概况 cell, or such a caption title)."""
    project_form = word("kinds", "project_form")
    title = table.caption[-1] if table.caption else ""
    cells = (c.text.replace(" ", "") for c in table.cells)
    return bool(project_form.search(title.replace(" ", ""))) or any(
        project_form.match(t) for t in cells if len(t) <= 12)


def table_title(grid: list[list[str]]) -> str:
    """The table's own title rows (one text across the whole width), joined."""
    titles = [row[0] for row in grid[:3] if row and len({squeeze(t) for t in row}) == 1 and squeeze(row[0])]
    return " ".join(titles)


def target_headers(table: Table) -> dict[int, ColumnRoles]:
    """Row -> target columns of the table's 绩效目标表 header rows (titled tables need no 一级/二级 column)."""
    grid = table.text_grid()
    title = squeeze(" ".join(table.caption[-2:]) + table_title(grid))
    titled = bool(word("kinds", "targets_title").search(title))
    return {r: cols for r, row in enumerate(grid) if (cols := header_columns(row, titled)) is not None}


def is_targets_table(table: Table) -> bool:
    """True for a 绩效目标表: an indicator header naming targets, and no result or score column anywhere."""
    return bool(target_headers(table)) and not has_result_header(table.text_grid())


def continues_rubric(table: Table, prev: Optional[Table], prev_kind: Optional[str]) -> bool:
    """True when a table directly follows a scoring table with as many columns (its header not repeated)."""
    return prev_kind == RUBRIC and continues_directly(prev, table)


def kind_of(table: Table, form: Form, prev: Optional[Table], prev_kind: Optional[str]) -> str:
    """The one kind of a table, given the form it belongs to and the table before it."""
    if prev_kind is not None and repeats_header(prev, table):
        return prev_kind  # the previous table continued on the next page, its header repeated, no caption
    if rubric_columns(table) is not None or continues_rubric(table, prev, prev_kind):
        return RUBRIC
    if is_targets_table(table):
        return TARGETS
    if score_list_columns(table) is not None:  # before the form tests: its title may say 项目支出绩效自评
        return SCORE_LIST
    if is_project_form(table):
        return PROJECT_FORM
    if is_selfeval(form):
        return SELFEVAL
    return MONEY


def decide(doc: Document) -> TableKinds:
    """Every table's kind, tables grouped into forms across page breaks first."""
    kinds = TableKinds()
    prev: Optional[Table] = None
    for form in forms_of(doc):
        for table in form.tables:
            kinds.by_index[table.index] = kind_of(table, form, prev, kinds.by_index.get(prev.index) if prev else None)
            prev = table
    return kinds
