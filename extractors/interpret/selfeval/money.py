"""Money blocks of self-evaluation forms -> `budgets` rows (资金 grid, 收入/支出性质 lines, 计划安排资金 pairs, 支出明细)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from extractors.interpret.records import PROV, TABLE, Row as Record
from extractors.interpret.selfeval.grid import Row, Slot
from extractors.interpret.selfeval.layout import Band, Layout, assign
from extractors.interpret.tables.header import role_of
from extractors.interpret.selfeval.text import budget_item, compact_number, label_of, score_of
from extractors.interpret.issue_codes import issue
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words
from extractors.interpret.vocab.headers import header_roles
from govreports.errors import Issue
from normalizers import caption_unit, parse_actual, to_yuan

FUNDS_ROLES = header_roles("selfeval_funds")
PAIR_MEASURES: tuple[tuple[re.Pattern[str], str], ...] = tuple((re.compile(p), m) for p, m in (
    (r"^计划(?:安排)?资金", "budget_initial"), (r"^(?:实际)?到位资金", "budget_full_year"),
    (r"^实际支出", "actual"), (r"^结余", "balance"),
))
WORDS = Words("selfeval", "money")  # this module's patterns in vocab/selfeval.toml
_NATURE_LINE = re.compile(r"^(?P<label>[^:：]+?)[:：](?P<amount>[-+]?\d[\d,]*(?:\.\d+)?)$")


@dataclass
class FormContext:
    """What a form's records share: scope, project, fiscal year, money unit, and where issues go."""

    scope: str
    project: Optional[str]
    year: Optional[int]
    title: str = ""
    issues: list[Issue] = field(default_factory=list)


def budget_record(ctx: FormContext, item: str, label: str, measure: str, amount: Decimal, row: Row) -> Record:
    """One budgets row of a form line."""
    return {"scope": ctx.scope, "project_name": ctx.project if ctx.scope == "project" else None, "item": item,
            "item_label": label, "functional_code": None, "measure": measure, "period_year": ctx.year,
            "amount_yuan": amount, "page": row.page, "table_index": row.table.index, "row_index": row.r,
            "raw": row.raw, PROV: TABLE}


def _funds_role(text: str) -> Optional[str]:
    return role_of(squeeze(text), FUNDS_ROLES)


def is_funds_header(row: Row) -> bool:
    """True for the 年初预算数 / 全年预算数 / 全年执行数 header of a 资金 grid."""
    roles = {_funds_role(s.text) for s in row.slots}
    return "actual" in roles and bool(roles & {"budget_initial", "budget_full_year"})


def funds_layout(header: Row) -> Layout:
    """Bands of a 资金 grid: each measure column, plus the label column just left of the first measure."""
    bands = [Band(role, s) for s in header.slots if (role := _funds_role(s.text))]
    first = min((b.head.c0 for b in bands), default=0)
    left = [s for s in header.slots if s.c1 < first]
    if left:
        s = left[-1]
        bands.insert(0, Band("label", s))
    return tuple(bands)


def unit_of(rows: list[Row], title: str = "") -> Optional[str]:
    """The money unit printed in a block's cells (`项目资金(万元)`) or, failing that, in the form title."""
    for row in rows:
        for slot in row.slots:
            unit = caption_unit(slot.text)
            if unit:
                return unit
    return caption_unit(title) if title else None


def _unit_missing(ctx: FormContext, row: Row) -> None:
    ctx.issues.append(issue("unit_unparsed", "self-evaluation money block prints no unit (元/万元); its amounts were not kept",
                            page=row.page, table_index=row.table.index, row_index=row.r, raw=row.raw))


def funds_records(ctx: FormContext, header: Row, rows: list[Row]) -> tuple[list[Record], list[Record]]:
    """A 资金 grid (年度资金总额 … 分值/执行率/得分 and 性质 lines) -> (budgets rows, 预算执行率 indicator rows)."""
    layout = funds_layout(header)
    unit = unit_of([header, *rows], ctx.title)
    if unit is None:
        _unit_missing(ctx, header)
    budgets: list[Record] = []
    indicators: list[Record] = []
    for row in rows:
        groups = assign(layout, row)
        label_slot = next(iter(groups.get("label", [])), None)
        lines = nature_lines(row)
        if lines:
            budgets += [budget_record(ctx, budget_item(lab), lab, "actual", amt, row)
                        for lab, text in lines if unit and (amt := to_yuan(text, unit)) is not None]
            continue
        if label_slot is None or not label_slot.text:
            continue
        label = label_of(label_slot.text)
        item = budget_item(label)
        for measure in ("budget_initial", "budget_full_year", "actual"):
            amount = to_yuan(compact_number(_text(groups, measure)), unit) if unit else None
            if amount is not None:
                budgets.append(budget_record(ctx, item, label, measure, amount, row))
        if item == "funds_total" and _text(groups, "rate"):
            indicators.append(execution_rate(ctx, groups, row))
    return budgets, indicators


def _text(groups: dict[str, list[Slot]], role: str) -> str:
    slots = groups.get(role)
    return slots[0].text if slots else ""


def nature_lines(row: Row) -> list[tuple[str, str]]:
    """(label, amount text) of the `其中：一般公共预算：1450.82` style cells of a row."""
    out = []
    for slot in row.slots:
        m = _NATURE_LINE.match(label_of(slot.text) if slot.text else "")
        if m:
            out.append((label_of(m.group("label")), m.group("amount")))
    return out


def execution_rate(ctx: FormContext, groups: dict[str, list[Slot]], row: Row) -> Record:
    """The contract's 预算执行率 indicator of a 年度资金总额 line: actual = 执行率, weight = 分值, score = 得分."""
    rate_raw = compact_number(_text(groups, "rate"))
    rate = parse_actual(rate_raw, "%")
    return {"scope": ctx.scope, "project_name": ctx.project if ctx.scope == "project" else None,
            "level1": None, "level2": None, "level3": "预算执行率", "target_raw": None, "target_op": None,
            "target_value": None, "target_unit": None, "actual_raw": rate_raw, "actual_value": rate.value,
            "actual_unit": rate.unit, "weight": score_of(_text(groups, "weight")),
            "score": score_of(_text(groups, "score")), "note": None, "page": row.page,
            "table_index": row.table.index, "row_index": row.r, "raw": row.raw, PROV: TABLE}


def _pairs(row: Row) -> list[tuple[Slot, Slot]]:
    """A row of label/value cells read as consecutive pairs."""
    return list(zip(row.slots[0::2], row.slots[1::2]))


def is_pairs_header(row: Row) -> bool:
    """True for the `计划安排资金 | 221 | 实际到位资金 | 221 | 实际支出 | 221 | 结余 | 0` row of a 项目 form."""
    measures = {_pair_measure(label.text) for label, _ in _pairs(row)}
    return {"budget_initial", "actual"} <= measures


def _pair_measure(text: str) -> Optional[str]:
    key = squeeze(text)
    return next((m for pattern, m in PAIR_MEASURES if pattern.search(key)), None)


def pairs_records(ctx: FormContext, header: Row, rows: list[Row]) -> list[Record]:
    """计划安排资金/实际到位资金/实际支出/结余 and their 资金来源 lines -> budgets rows."""
    unit = unit_of([header], ctx.title)
    if unit is None:
        _unit_missing(ctx, header)
        return []
    measures = [_pair_measure(label.text) for label, _ in _pairs(header)]
    out = []
    for label, value in _pairs(header):
        measure = _pair_measure(label.text)
        amount = to_yuan(compact_number(value.text), unit)
        if measure is None or amount is None:
            continue
        item, measure = ("balance_current", "actual") if measure == "balance" else ("funds_total", measure)
        out.append(budget_record(ctx, item, label_of(label.text), measure, amount, header))
    for row in rows:
        for k, (label, value) in enumerate(_pairs(row)):
            measure = measures[k] if k < len(measures) else None
            amount = to_yuan(compact_number(value.text), unit)
            if measure in (None, "balance") or amount is None or not label.text:
                continue
            text = label_of(label.text)
            out.append(budget_record(ctx, budget_item(text), text, str(measure), amount, row))
    return out


def detail_layout(header: Row) -> Optional[Layout]:
    """Bands of a 项目支出明细 table (支出内容 | 实际支出数 …), or None when the row is no such header."""
    label = next((s for s in header.slots if WORDS.detail_label.search(squeeze(s.text))), None)
    amount = next((s for s in header.slots if WORDS.detail_amount.search(squeeze(s.text))), None)
    if label is None or amount is None:
        return None
    return Band("label", label), Band("amount", amount)


def detail_records(ctx: FormContext, header: Row, rows: list[Row]) -> list[Record]:
    """支出明细 lines (`政务大厅物业费 | 10万元`) and their 支出合计 -> budgets rows, measure actual."""
    layout = detail_layout(header)
    if layout is None:
        return []
    unit = unit_of([header], ctx.title)
    out = []
    for row in rows:
        groups = assign(layout, row)
        label, amount_text = _text(groups, "label"), compact_number(_text(groups, "amount"))
        amount = to_yuan(amount_text, unit) if amount_text else None
        if not label or amount is None:
            if label and amount_text:
                _unit_missing(ctx, row)
            continue
        text = label_of(label)
        out.append(budget_record(ctx, budget_item(text), text, "actual", amount, row))
    return out
