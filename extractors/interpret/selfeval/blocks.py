"""A form's rows -> its blocks (资金 grid, 资金 pairs, 支出明细, 绩效指标) and its 总分/评价等次 rows."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

from extractors.interpret.selfeval.grid import Row, span_share
from extractors.interpret.selfeval.layout import Layout, is_indicator_header, layout_of
from extractors.interpret.selfeval.money import detail_layout, is_funds_header, is_pairs_header
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words

WORDS = Words("selfeval", "blocks")  # this module's patterns in vocab/selfeval.toml
HEADER_KINDS = ("indicators", "funds", "pairs", "detail")


@dataclass
class Block:
    """A header row and the data rows under it; an indicator block keeps the layout in force for each row."""

    kind: str
    header: Row
    rows: list[Row] = field(default_factory=list)
    layouts: list[Layout] = field(default_factory=list)


@dataclass
class Segments:
    """What a form holds: its blocks in order and its evaluation rows."""

    blocks: list[Block] = field(default_factory=list)
    totals: list[Row] = field(default_factory=list)
    grades: list[Row] = field(default_factory=list)


def row_kind(row: Row) -> str:
    """Classify a form row: a block header, an evaluation row, a section/narrative break, blank or data."""
    texts = row.texts()
    if not texts:
        return "blank"
    first = squeeze(texts[0])
    if WORDS.eval_total.match(first):
        return "total"
    if WORDS.eval_grade.match(first):
        return "grade"
    if is_indicator_header(row):
        return "indicators"
    if is_funds_header(row):
        return "funds"
    if is_pairs_header(row):
        return "pairs"
    if detail_layout(row) is not None:
        return "detail"
    if WORDS.narrative.search(first) or WORDS.section.match(first) or is_banner(row):
        return "section"
    return "data"


def is_banner(row: Row) -> bool:
    """True for a row holding one text across most of the table's width (a section title)."""
    filled = [s for s in row.slots if s.text]
    return len(filled) == 1 and span_share(row, filled[0]) >= 0.6


def segment(rows: list[Row]) -> Segments:
    """Split a form's rows into blocks: a header opens one, a section, total or grade row closes it."""
    out = Segments()
    current: Optional[Block] = None
    for row in rows:
        kind = row_kind(row)
        if kind == "indicators" and current is not None and current.kind == "indicators":
            current.header = row  # header repeated on a new page: same block, the new header's layout from here on
            continue
        if kind in HEADER_KINDS:
            current = Block(kind, row)
            out.blocks.append(current)
        elif kind in ("total", "grade"):
            (out.totals if kind == "total" else out.grades).append(row)
            current = None
        elif kind == "section":
            current = None
        elif current is not None:
            current.rows.append(row)
            current.layouts.append(layout_of(current.header) if current.kind == "indicators" else ())
    return out
