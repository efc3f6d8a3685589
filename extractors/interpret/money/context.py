"""Table caption + segment headers -> the facts that govern every cell: title, unit, default measure/year, kind."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from extractors.interpret.money.cells import clean_label, unit_of
from extractors.interpret.money.grid import Segment
from extractors.interpret.money.items import FUND_VIEW, OTHER_FUND, measure_of, header_year
from extractors.interpret.records import DocMeta
from extractors.interpret.vocab.load import Words, check_codes, keyed_patterns
from schemas.datasets import ENUMS

WORDS = Words("money", "context")  # this module's patterns in vocab/money.toml


@dataclass
class TableContext:
    """What the caption and header block say about a segment's cells."""

    title: str
    unit: Optional[str]
    measure: str
    year: Optional[int]
    three_public: bool
    functional: bool
    has_codes: bool
    economic: bool
    income_only: bool
    subset: bool
    foreign: bool
    entity: bool
    two_sided: bool
    headerless: bool
    procurement: bool
    side_total: Optional[str] = None  # income_total / expenditure_total for a one-sided table's 合计 × 合计 cell
    project_list: bool = False  # a 项目支出表: each line is a named project
    other_fund: bool = False  # a 政府性基金 / 国有资本经营 table: its 基本/项目 totals are not the department's
    fund: str = "all"  # contract budgets.fund: the funds the table's lines cover


def fund_of(title: str) -> str:
    """The fund a fund-view title names (`一般公共预算支出表` -> general_public), else all."""
    text = title.replace(" ", "")
    if not FUND_VIEW.search(text):
        return "all"
    return next((key for key, pattern in funds() if pattern.search(text)), "all")


@lru_cache(maxsize=None)
def funds() -> tuple[tuple[str, re.Pattern[str]], ...]:
    """money.toml's [[fund]] entries, their keys checked against the contract."""
    found = keyed_patterns("money", "fund")
    check_codes({key for key, _ in found}, ENUMS[("budgets", "fund")], "money.toml [[fund]]")
    return found


def title_lines(caption: list[str], seg: Segment) -> list[str]:
    """Title-like lines for a segment: its own title rows, else the caption lines that look like a title."""
    own = [clean_label(t) for t in seg.titles if t.strip()]
    near = [clean_label(c) for c in caption[-4:] if WORDS.title_hint.search(c) and not WORDS.not_title.search(c)
            and not WORDS.table_no.match(clean_label(c).replace(" ", ""))]
    return own + near[-2:] if own else near[-2:]


def segment_unit(caption: list[str], seg: Segment, fallback: Optional[str]) -> Optional[str]:
    """The money unit from title rows, header cells or caption lines (nearest first), else the fallback."""
    texts = list(reversed(seg.titles)) + [t for stack in seg.stacks.values() for t in stack] + list(reversed(caption))
    for text in texts:
        unit = unit_of(text)
        if unit:
            return unit
    return fallback


def default_measure(title: str, meta: DocMeta) -> str:
    """The measure of columns that print none: 决算 → actual, 预算 → budget_initial, else by document type."""
    measure = measure_of(WORDS.fund_words.sub("", title))
    if measure:
        return measure
    return "budget_initial" if meta.doc_type == "budget" else "actual"


def side_total(title: str, subset: bool) -> Optional[str]:
    """The total item a one-sided table's grand total stands for (`支出预算总表` → expenditure_total), else None."""
    text = title.replace(" ", "")
    if subset or not text or WORDS.not_side.search(text):
        return None
    if "收入" in text and "支出" not in text:
        return "income_total"
    if "支出" in text and "收入" not in text:
        return "expenditure_total"
    return None


def context_of(caption: list[str], seg: Segment, meta: DocMeta, unit_fallback: Optional[str]) -> TableContext:
    """Build the segment's context from its caption, title rows and header block."""
    titles = title_lines(caption, seg)
    title = " ".join(titles)
    header_text = " ".join(t for stack in seg.stacks.values() for t in stack)
    labels = [c for c, role in seg.roles.items() if role == "label"]
    label_heads = [seg.stacks[c][-1] if seg.stacks[c] else "" for c in labels]
    title_year = header_year(title, meta.fiscal_year) if title else None
    subset = bool(titles and FUND_VIEW.search(titles[-1].replace(" ", "")))
    return TableContext(
        title=title,
        unit=segment_unit(caption, seg, unit_fallback),
        measure=default_measure(title, meta),
        year=title_year or meta.fiscal_year,
        three_public="三公" in title.replace("“", "").replace("”", "") or "三公" in header_text,
        functional="功能分类" in title + header_text or "code" in seg.roles.values(),
        has_codes="code" in seg.roles.values(),
        economic="经济分类" in title + header_text,
        income_only="收入" in title and "支出" not in title,
        foreign=bool(WORDS.foreign.search(header_text.replace(" ", ""))),
        subset=subset,
        entity=any(WORDS.entity_header.match(h.replace(" ", "")) for h in label_heads),
        two_sided=len(labels) >= 2,
        headerless=not seg.header_rows,
        procurement="政府采购" in title,
        side_total=side_total(titles[-1] if titles else "", subset),
        project_list=bool(titles and WORDS.project_list.search(titles[-1].replace(" ", ""))),
        other_fund=bool(titles and OTHER_FUND.search(titles[-1].replace(" ", ""))),
        fund=fund_of(titles[-1]) if subset else "all",
    )
