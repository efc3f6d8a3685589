"""绩效目标表 (项目支出 / 部门整体 targets, no results) -> `indicators` rows with parsed targets, one block per project.

A table (joined across pages) holds one or more blocks: form rows (`项目名称 | …`, `年度资金申请总额 | …`) then an
indicator header (一级/二级/三级指标 … 指标值) and its rows. Dense layouts print a 项目名称 column instead of form rows.
Level cells are filled down (merged or left blank) until the next header; a target column split into 符号 / 值 /
计量单位 is joined before parsing.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Iterator, Optional

from extractors.interpret.records import DocMeta, Interpretation, Row
from extractors.interpret.targets.funds import block_funds
from extractors.interpret.registry import owns
from extractors.interpret.tables.kinds import table_title, target_headers
from extractors.interpret.tables.header import ColumnRoles
from extractors.interpret.issue_codes import issue
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words
from extractors.model import Cell, Document, Table
from govreports.errors import Issue
from normalizers.quantity import parse_target, split_trailing_target
from normalizers.text import clean_text, strip_score_suffix

WORDS = Words("targets", "reader")  # this module's patterns in vocab/targets.toml


@dataclass
class Walk:
    """What the row walk carries from row to row: header, project, filled-down levels, block start."""

    columns: Optional[ColumnRoles] = None
    project: Optional[str] = None
    level1: Optional[str] = None
    level2: Optional[str] = None
    block_start: int = 0


Headers = dict[int, ColumnRoles]  # row -> the columns its indicator header names


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append the indicators (and project money lines) of every table of kind targets (a 绩效目标表)."""
    for table in doc.tables():
        if not owns("targets", table, doc, out):
            continue
        grid = table.text_grid()
        title = squeeze(" ".join(table.caption[-2:]) + table_title(grid))
        headers = target_headers(table)
        scope = "department" if WORDS.department.search(title) else "project"
        rows = list(table_rows(table, grid, headers, scope))
        out.indicators.extend(rows)
        if scope == "project" and any(r["project_name"] is None for r in rows):
            out.issues.append(issue("project_name_missing", f"table {table.index}: a 绩效目标表 block without a 项目名称; its indicators"
                                    " were kept with project_name null", page=table.page, table_index=table.index))
        budgets, issues = block_funds(table, meta, project_blocks(table, grid, headers), set(headers))
        out.budgets.extend(budgets)
        out.issues.extend(issues)


def form_project(row: list[str]) -> Optional[str]:
    """The value printed right of a `项目名称` form cell in a (non-header) row, or None."""
    for c, text in enumerate(row):
        if WORDS.project_label.match(squeeze(text)):
            value = next((t for t in row[c + 1:] if squeeze(t) and squeeze(t) != squeeze(text)), "")
            return clean_label(value) or None
        inline = WORDS.caption_project.match(squeeze(text))  # `项目名称：老旧小区改造` in one merged cell
        if inline:
            return inline.group("name")
    return None


def caption_project(table: Table) -> Optional[str]:
    """A `项目名称：…` printed in the caption lines."""
    for line in reversed(table.caption[-3:]):
        m = WORDS.caption_project.search(squeeze(line))
        if m:
            return m.group("name")
    return None


def project_blocks(table: Table, grid: list[list[str]], headers: Headers) -> list[tuple[int, int, Optional[str]]]:
    """(first row, end row, project name) of each form block: a block starts at a `项目名称` row."""
    starts = [(r, name) for r, row in enumerate(grid) if r not in headers and (name := form_project(row))]
    if not starts:
        return [(0, len(grid), caption_project(table))]
    bounds = [r for r, _ in starts[1:]] + [len(grid)]
    return [(r, end, name) for (r, name), end in zip(starts, bounds)]


def table_rows(table: Table, grid: list[list[str]], headers: Headers, scope: str) -> Iterator[Row]:
    """Walk the rows: form rows set the project, header rows the columns, other rows give indicators."""
    anchors = table.anchors()
    walk = Walk(project=caption_project(table))
    for r, row in enumerate(grid):
        if r in headers:
            walk = replace(walk, columns=headers[r], level1=None, level2=None)
            continue
        named = form_project(row)
        if named:
            walk = Walk(project=named, block_start=r)
            continue
        if walk.columns is not None:
            found = indicator_row(table, grid, r, walk, scope)
            if found is not None:
                found["raw"] = raw_of(anchors[r])
                cols = walk.columns
                own_target = bool(target_text(row, cols))
                yield from [found] if own_target else split_indicators(found, row[cols["level3"]])




def split_indicators(found: Row, cell: str) -> list[Row]:
    """One row per indicator when a 三级 cell lists several with their targets (`指标1：办件量≥5000件；指标2：…`)."""
    pieces = [p for p in WORDS.multi.split(cell.strip()) if p.strip()]
    if len(pieces) < 2:
        return [found]
    out = []
    for piece in pieces:
        name, target = split_trailing_target(WORDS.numbered.sub("", clean_label(piece)).rstrip("；;。,，"))
        quantity = parse_target(target) if target else None
        out.append({**found, "level3": name, "target_raw": target, "target_op": quantity.op if quantity else None,
                    "target_value": quantity.value if quantity else None,
                    "target_unit": quantity.unit if quantity else None})
    return out


def indicator_row(table: Table, grid: list[list[str]], r: int, walk: Walk, scope: str) -> Optional[Row]:
    """The indicators row of body row r (levels filled down into walk), or None for a blank or form row."""
    cols = walk.columns
    assert cols is not None
    row = grid[r]
    project = clean_label(row[cols["project"]]) if "project" in cols and squeeze(row[cols["project"]]) else None
    if "project" in cols:
        if project and project != walk.project:  # a new project's block: its levels start afresh
            walk.level1 = walk.level2 = None
        walk.project = project or walk.project
    level1 = level_text(row, cols.get("level1"))
    if level1 and level1 != walk.level1:  # a new 一级 group: its 二级 is printed again
        walk.level1, walk.level2 = level1, None
    walk.level2 = level_text(row, cols.get("level2")) or walk.level2
    name = WORDS.numbered.sub("", clean_label(row[cols["level3"]]))
    target = target_text(row, cols)
    if not name or (name in (walk.level1, walk.level2) and (not target or target == name)):
        return None  # a form row or a level cell merged across; `服务对象满意度指标 | ≥90%` under its namesake stays
    if not target:
        name, trailing = split_trailing_target(name)
        target = trailing or ""
    quantity = parse_target(target) if target else None
    return {
        "scope": scope, "project_name": walk.project if scope == "project" else None,
        "level1": walk.level1, "level2": walk.level2, "level3": name,
        "target_raw": target or None, "target_op": quantity.op if quantity else None,
        "target_value": quantity.value if quantity else None, "target_unit": quantity.unit if quantity else None,
        "actual_raw": None, "actual_value": None, "actual_unit": None,
        "weight": weight_of(row, cols), "score": None, "note": None,
        "page": table.row_page(r), "table_index": table.index, "row_index": r, "raw": "",
    }


def clean_label(text: str) -> str:
    """A cell's text as a label: cleaned, without wrapping newlines."""
    return clean_text(text.replace("\n", "")).strip()


def level_text(row: list[str], col: Optional[int]) -> Optional[str]:
    """A 一级/二级 cell without its `(30分)` suffix, or None when blank."""
    if col is None or not squeeze(row[col]):
        return None
    name, _ = strip_score_suffix(clean_label(row[col]))
    return name or None


# Words a 指标性质/指标方向 cell prints instead of a sign: 正向 (more is better), 反向 (less is better), 定性/定量.
OP_WORDS = {"正向": "≥", "反向": "≤", "定性": "", "定量": "", "正向指标": "≥", "反向指标": "≤"}


def target_text(row: list[str], cols: ColumnRoles) -> str:
    """The target as printed: the value cell, with a separate 符号 and 计量单位 cell joined around it."""
    spanned = list(range(cols["target"], cols.end("target") + 1))  # `≥ | 100 | %` under one 指标值
    spanned = [c for i, c in enumerate(spanned) if i == 0 or row[c] != row[spanned[i - 1]]]  # a merged value once
    parts = [OP_WORDS.get(squeeze(row[c]), row[c]) if c == cols.get("op") else row[c]
             for c in (cols.get("op"), *spanned, cols.get("unit")) if c is not None]
    return "".join(clean_label(p) for p in parts if squeeze(p) and not re.fullmatch(r"[/／-]", squeeze(p)))


def weight_of(row: list[str], cols: ColumnRoles) -> Optional[float]:
    """The 分值/权重 cell as a number, when the table prints one."""
    if "weight" not in cols:
        return None
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(?:分|%)?", squeeze(row[cols["weight"]]))
    return float(m.group(1)) if m else None


def raw_of(anchor_row: list[Optional[Cell]]) -> str:
    """A row's distinct cell texts joined with ` | `."""
    cells: list[Cell] = []
    for cell in anchor_row:
        if cell is not None and all(cell is not c for c in cells):
            cells.append(cell)
    return " | ".join(c.text for c in cells)
