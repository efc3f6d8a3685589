"""Money tables (基础数据表, 收支情况表, 决算/预算表, 三公经费表) -> budgets and three_public rows."""
from __future__ import annotations

import dataclasses
import re
from decimal import Decimal
from typing import Any, Iterable, Iterator, Optional

from extractors.interpret.money.cells import amount_of, split_leading_code, unit_of
from extractors.interpret.money.context import TableContext, context_of
from extractors.interpret.money.continuation import continuation, repeats_header, tail
from extractors.interpret.money.blocks import UNIT, carry_blocks, department_lines, mark_blocks, unit_rows
from extractors.interpret.money.entity import entity_issue, entity_rows
from extractors.interpret.money.groups import group_sums
from extractors.interpret.money.subjects import with_subject_codes
from extractors.interpret.money.unread import unread_issue
from extractors.interpret.money.items import is_measure_only, is_plain_total, measure_of, header_year
from extractors.interpret.money.grid import Grid, Segment, row_cells, segments_of
from extractors.interpret.money.resolve import (
    FUND_ITEMS, TOTAL_ITEMS, ColumnInfo, RowInfo, Target, column_info, entity_target, group_subtotal, line_target, next_section, row_info, total_row_target)
from extractors.interpret.money.rows import (
    code_owner, functional, label_text, labels_have_codes, row_code, total_label, value_cells)
from extractors.interpret.registry import owns
from extractors.interpret.records import TOLERANCE, PROV, TABLE, mark, prov, DocMeta, Interpretation, Row
from extractors.interpret.issue_codes import issue
from extractors.interpret.vocab.load import Words
from extractors.model import Cell, Document, Table
from govreports.errors import Issue

WORDS = Words("money", "reader")  # this module's patterns in vocab/money.toml


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append the budgets / three_public rows of every money table in the document to out."""
    seen: dict[tuple[Any, ...], Any] = {_budget_key(r): r["amount_yuan"] for r in out.budgets}
    prev: Optional[Table] = None
    unit: Optional[str] = None
    block: Optional[str] = None  # the unit block (per-unit 功能分类 lines) in force, and the table run it is in
    run = -1
    stated = document_unit(t for t in doc.tables() if owns("money", t, doc, out))
    for table in doc.tables():
        if not owns("money", table, doc, out):
            prev = None
            continue
        if prev is not None and repeats_header(prev, table):
            table = dataclasses.replace(table, caption=prev.caption)
        try:
            rows, issues, unit = document_table_records(prev, unit, table, meta, stated)
        except Exception as exc:  # one odd table must not lose the others
            out.issues.append(issue("budget_table_failed", f"money table {table.index}: {type(exc).__name__}: {exc}",
                                    page=table.page, table_index=table.index))
            rows, issues, unit = [], [], None
        continued = prev is not None and prev.caption == table.caption
        run = run if continued else table.index
        block, kept = carry_blocks([r for d, r, _ in rows if d == "budgets"], block if continued else None, run, continued)
        rows = [(d, r, s) for d, r, s in rows if d != "budgets" or any(r is k for k in kept)]
        prev = table
        out.issues.extend(issues)
        unread = unread_issue(table, len(rows))
        if unread:
            out.issues.append(unread)
        for dataset, row, subset in rows:
            if dataset == "three_public":
                out.three_public.append(row)
            elif UNIT in row or not (subset and _budget_key(row) in seen) and not _rounding_twin(seen, row):
                seen.setdefault(_budget_key(row), row["amount_yuan"])  # a 财政拨款 sub-table repeats the full lines
                if subset:
                    mark(row, subset=True)  # a 财政拨款 view: summed only with lines of the same view
                out.budgets.append(row)
    out.budgets = drop_shadowed(department_lines(out.budgets, _budget_key))


def drop_shadowed(rows: list[Row]) -> list[Row]:
    """Drop a weak row (a 支出总表's 合计, a 收支总表's class line) when another row, or an earlier weak total, fills
    its slot."""
    def slot(row: Row) -> tuple[Any, ...]:
        return (row.get("scope"), row.get("project_name"), row.get("item"), row.get("measure"), row.get("period_year"),
                row.get("fund", "all"))

    strong = {slot(r) for r in rows if not prov(r).weak}
    taken: set[tuple[Any, ...]] = set()
    kept = []
    for row in rows:
        if prov(row).weak:
            if slot(row) in strong or slot(row) in taken:
                continue  # a 功能分类 class line of a 收支总表 yields to any 功能分类 table's lines
            if row.get("item") != "functional":
                taken.add(slot(row))
        kept.append(row)
    return kept


Found = list[tuple[str, Row, bool]]


def document_unit(tables: Iterable[Table]) -> Optional[str]:
    """The one money unit every table caption that states a unit states, else None (units differ, or none)."""
    units = {u for t in tables for line in t.caption if (u := unit_of(line))}
    return units.pop() if len(units) == 1 else None


def document_table_records(prev: Optional[Table], unit: Optional[str], table: Table, meta: DocMeta,
                           stated: Optional[str] = None) -> tuple[Found, list[Issue], Optional[str]]:
    """A table's records, reading rows continued from the previous table's page under that table's header; a table
    stating no unit takes the document's one stated unit."""
    cont = continuation(prev, table)
    if cont is None:
        return table_records(table, meta, stated)
    joined, k, n = cont
    head, issues, head_unit = table_records(joined, meta, unit)
    for _, row, _ in head:
        row["row_index"] -= k
    rest, more, last_unit = table_records(tail(table, n), meta, head_unit)
    for _, row, _ in rest:
        row["row_index"] += n
    return head + rest, issues + more, last_unit


def _rounding_twin(seen: dict[tuple[Any, ...], Any], row: Row) -> bool:
    """True when an earlier table gave the same line within 0.01 万元 (`326.71` in the 收支总表, `326.72` in the
    功能分类 table): a rounding difference, not a conflict."""
    first = seen.get(_budget_key(row))
    return first is not None and first != row["amount_yuan"] and abs(first - row["amount_yuan"]) <= TOLERANCE


def _budget_key(row: Row) -> tuple[Any, ...]:
    """The budgets identity finalize() dedupes on."""
    return (row.get("scope"), row.get("project_name"), row.get("item"), row.get("item_label"),
            row.get("functional_code"), row.get("measure"), row.get("period_year"), row.get("fund", "all"))


def table_records(table: Table, meta: DocMeta, unit: Optional[str]) -> tuple[Found, list[Issue], Optional[str]]:
    """(dataset, row, from-a-subset-table) for every amount cell of a table, plus doubts as issues and the unit
    in force at its end."""
    grid, segments = segments_of(table)
    records: Found = []
    issues: list[Issue] = []
    foreign = False
    for seg in segments:
        ctx = context_of(table.caption, seg, meta, unit)
        ctx = dataclasses.replace(ctx, has_codes=ctx.has_codes or labels_have_codes(grid, seg))
        unit = ctx.unit
        foreign = ctx.foreign or (foreign and not seg.titles)  # a scoring block runs on until a new title
        if foreign:  # a self-evaluation / scoring block: selfeval.py and rubric.py read those
            continue
        found = group_sums(without_gross_income_total(list(segment_records(table, grid, seg, ctx, meta))), seg)
        unitless = [row for _, row in found if row["amount_yuan"] is None]
        if unitless:
            issues.append(issue("unit_unparsed", f"table {table.index}: no money unit (万元/元) found for {len(unitless)} amounts;"
                                " they were not kept", page=table.page, table_index=table.index,
                                row_index=unitless[0]["row_index"], raw=unitless[0]["raw"]))
        if found and ctx.year is None:
            issues.append(issue("period_year_unknown", f"table {table.index}: no year for its amounts; they were not kept",
                                page=table.page, table_index=table.index))
            continue
        if ctx.functional and not ctx.has_codes:  # `公安 | 行政运行`: codes from the national names, in order
            with_subject_codes(sorted((r for d, r in found if d == "budgets" and r["item"] == "functional"),
                                      key=lambda r: r["row_index"]))
        units = unit_rows(grid, seg)
        if units:  # 功能分类 lines printed per unit (本级, then each sub-unit): summed into the department's later
            mark_blocks([r for d, r in found if d == "budgets"], units)
        for dataset, row in found:
            if row["amount_yuan"] is not None and row["period_year"] is not None:
                records.append((dataset, row, ctx.subset))
        if ctx.entity:
            issues.extend(entity_issue(table, grid, seg, value_columns(seg, ctx, meta)))
    return records, issues, unit


def without_gross_income_total(found: list[tuple[str, Row]]) -> list[tuple[str, Row]]:
    """Drop a 收入总表's weak 合计 when the table also carries 上年结转: that 合计 is 收入总计, not 收入合计."""
    carried = {(r["measure"], r["period_year"]) for _, r in found
               if r["item"] == "income_carryover" and r["amount_yuan"]}
    return [(d, r) for d, r in found
            if not (prov(r).weak and r["item"] == "income_total" and (r["measure"], r["period_year"]) in carried)]




def is_change_row(label: str) -> bool:
    """True for a short row label naming a change (`增减额`, `比上年增长`): its figures are no level."""
    text = label.replace(" ", "")
    return bool(text) and len(text) <= 8 and bool(WORDS.change_row.search(text))


def measure_row_context(label: str, ctx: TableContext, meta: DocMeta) -> Optional[TableContext]:
    """For a row labelled only with a measure/year (`预算数`, `2023年决算数`), the context with that measure and year;
    None for any other row."""
    text = label.replace(" ", "")
    if not text or not is_measure_only(text):
        return None
    return dataclasses.replace(ctx, measure=measure_of(text) or ctx.measure,
                               year=header_year(text, meta.fiscal_year) or ctx.year)


def segment_records(table: Table, grid: Grid, seg: Segment, ctx: TableContext,
                    meta: DocMeta) -> Iterator[tuple[str, Row]]:
    """Records of one segment: walk its body rows, keeping the 三公/项目 section each label column is in."""
    labels = sorted(c for c, role in seg.roles.items() if role == "label")
    codes = sorted(c for c, role in seg.roles.items() if role == "code")
    columns = value_columns(seg, ctx, meta)
    chosen = entity_rows(grid, seg, columns) if ctx.entity else set()
    sections = {c: "plain" for c in labels}
    memory: dict[int, str] = {}
    owners = {lc: [c for c in codes if code_owner(c, labels) == lc] for lc in labels or [-1]}
    for r in seg.body_rows:
        for lc in labels or [-1]:
            code = row_code(grid, r, owners[lc], memory)
            label = label_text(grid, seg, r, lc) or total_label(grid, seg, r, labels, lc)
            leading, name = split_leading_code(label)
            info = row_info(name, code or functional(leading))
            unnamed = not code and not info.item and not info.tp_item
            if unnamed and is_change_row(name):
                continue
            row_ctx = measure_row_context(name, ctx, meta) if unnamed else None
            if row_ctx is not None:  # `预算数 | 13.00 | 0.00 | …`: the row names the measure, the columns the lines
                info = dataclasses.replace(info, total=True)
            section = "three_public" if info.tp_item == "total" else sections.get(lc, "plain")
            spending_side = bool(labels) and lc != labels[0] and any(
                "支出" in h and "收入" not in h for h in seg.stacks.get(lc, []))
            for cell in value_cells(grid, r, columns, labels, lc):
                target = cell_target(info, columns[cell.col], row_ctx or ctx, section, r in chosen)
                if target is None:
                    continue
                if ctx.other_fund and target.item.startswith("expenditure_"):
                    continue  # one fund's 基本/项目 spending: a view, never the department's line
                if spending_side and target.item in FUND_ITEMS:
                    continue  # a fund column under 支出 is no income
                yield _record(table, grid, r, cell, target, ctx)
            if lc in sections:
                sections[lc] = next_section(info, section)


def value_columns(seg: Segment, ctx: TableContext, meta: DocMeta) -> dict[int, ColumnInfo]:
    """What each value column's header says (a bare 合计 is not the 三公 total when a column names that)."""
    infos = {c: column_info(seg.stacks[c], meta.fiscal_year, ctx.three_public)
             for c, role in seg.roles.items() if role == "value"}
    grouped = {c for c in infos if group_subtotal(seg.stacks[c])}
    totals = [c for c, i in infos.items() if i.total and c not in grouped]
    # `支出总计 | … | 2026年政府采购项目/小计`: a group beside the total column (a heading over every column is none)
    grouped = {c for c in grouped if totals and not any(set(seg.stacks[c][:-1]) & set(seg.stacks[t]) for t in totals)}
    infos = {c: dataclasses.replace(i, skip=True) if c in grouped else i for c, i in infos.items()}
    named_total = any(i.tp_item == "total" and not is_plain_total(i.label) for i in infos.values())
    others = any(WORDS.not_three_public.search(i.label) for i in infos.values())  # 会议费 / 培训费 columns in the 合计
    if any(i.generic and not i.skip for i in infos.values()):  # `合计 | 基本支出/小计 | …`: the 小计 is a part of each line
        infos = {c: dataclasses.replace(i, total=False) if i.item and i.total else i for c, i in infos.items()}
    if named_total or others:  # `合计 | “三公”经费 小计 | 会议费 | 培训费`: the first 合计 also sums 会议费 and 培训费
        infos = {c: dataclasses.replace(i, tp_item=None) if i.tp_item == "total" and is_plain_total(i.label) else i
                 for c, i in infos.items()}
    return infos


def cell_target(row: RowInfo, col: ColumnInfo, ctx: TableContext, section: str, chosen: bool) -> Optional[Target]:
    """Dispatch one amount cell to the rule for its table shape (unit rows, cross tab, or line list)."""
    if col.skip:
        return None
    measure = col.measure or ctx.measure
    year = col.year or ctx.year
    if ctx.entity:
        return entity_target(col, ctx, measure, year) if chosen else None
    if row.total or (row.item in TOTAL_ITEMS and col.item and not col.total and col.item != row.item):
        return total_row_target(row, col, ctx, section, measure, year)  # `支出总计 | … | 人员经费 19711,277`
    if col.item and row.item == col.item and col.label and row.bare.replace(" ", "").startswith(col.label):
        # `人员经费合计` under the 人员经费 column group (not its `301 工资福利支出` class line)
        return Target("budgets", row.item, row.bare, measure, year)
    if (col.item or col.tp_item) and not col.total:
        return None  # a detail line under a sub-column (功能分类 line × 基本支出): not a contract line
    if col.generic or col.total:
        return line_target(row, col, ctx, section, measure, year)
    return None


def _record(table: Table, grid: Grid, r: int, cell: Cell, target: Target, ctx: TableContext) -> tuple[str, Row]:
    """The contract row for one amount cell."""
    raw = " | ".join(c.text for c in row_cells(grid, r))
    row: Row = {"item": target.item, "measure": target.measure, "period_year": target.year,
                "amount_yuan": amount_of(cell.text, ctx.unit), "page": cell.page or table.row_page(r),
                "table_index": table.index, "row_index": r, "raw": raw, PROV: TABLE}
    if target.weak:
        mark(row, weak=True)
    if target.dataset == "budgets":
        row.update({"scope": "department", "project_name": target.project, "item_label": target.label,
                    "functional_code": target.code, "fund": ctx.fund})
    return target.dataset, row
