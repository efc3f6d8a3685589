"""Body-row readers of a money table segment: 功能分类 codes, the label of each value cell, its amount cells."""
from __future__ import annotations

import re
from typing import Optional

from extractors.interpret.money.cells import cell_kind, split_leading_code
from extractors.interpret.money.grid import Grid, Segment, row_cells
from extractors.interpret.money.items import is_plain_total
from extractors.interpret.money.resolve import ColumnInfo
from extractors.model import Cell

_CODE_TEXT = re.compile(r"^\d{3}(?:\s*\d{2}){0,2}$|^\d{2}$")


def row_code(grid: Grid, r: int, code_cols: list[int], memory: dict[int, str]) -> Optional[str]:
    """The 功能分类 code printed over 类|款|项 (or one) columns; a blank leading part inherits the previous row's."""
    parts = []
    for i, c in enumerate(code_cols):
        cell = grid[r][c]
        text = cell.text.replace(" ", "").replace("\n", "") if cell is not None else ""
        if i > 0 and len(code_cols) > 1 and re.fullmatch(r"\d", text):
            text = "0" + text  # a 款/项 part whose leading zero a spreadsheet dropped (`301 | 2 | 津贴补贴`)
        parts.append(text if _CODE_TEXT.match(text) else "")
    if not any(parts):
        return None
    for i, part in enumerate(parts):
        if not part and any(parts[i + 1:]):
            parts[i] = memory.get(code_cols[i], "")
    for c, part in zip(code_cols, parts):
        if part:
            memory[c] = part
    full = [p for p in parts if len(p) >= 5]  # `201 | 20103 | 2010301`: each part printed as the full code
    if full and all(full[-1].startswith(p) for p in parts if p):
        return functional(full[-1])
    return functional("".join(parts))


def code_owner(code_col: int, labels: list[int]) -> int:
    """The label column a code column belongs to: the nearest one to its right, else to its left."""
    right = [c for c in labels if c > code_col]
    if right:
        return min(right)
    return max(labels) if labels else -1


def functional(code: Optional[str]) -> Optional[str]:
    """The code when it has the 3/5/7 digits of a 功能分类 code, else None."""
    return code if code and re.fullmatch(r"\d{3}(?:\d{2}){0,2}", code) else None


def labels_have_codes(grid: Grid, seg: Segment) -> bool:
    """True when some label cell of the segment starts with a printed code (`2010301 行政运行`)."""
    labels = [c for c, role in seg.roles.items() if role == "label"]
    return any(split_leading_code(label_text(grid, seg, r, c))[0] for r in seg.body_rows for c in labels)


def label_text(grid: Grid, seg: Segment, r: int, lc: int) -> str:
    """The label cell's text for row r (a merged label that starts in the header block is no label)."""
    if lc < 0:
        return ""
    cell = grid[r][lc]
    if cell is None or cell.row in seg.header_rows:
        return ""
    return cell.text


def total_label(grid: Grid, seg: Segment, r: int, labels: list[int], lc: int) -> str:
    """A 合计 / 小计 printed in another label column of row r (`合 计 | | | 2,744.84`), else ''."""
    for c in labels:
        text = label_text(grid, seg, r, c)
        if c != lc and is_plain_total(text):
            return text
    return ""


def value_cells(grid: Grid, r: int, columns: dict[int, ColumnInfo], labels: list[int], lc: int) -> list[Cell]:
    """The amount cells of row r that start in this row and belong to label column lc (nearest label to the left)."""
    out = []
    for cell in row_cells(grid, r):
        if cell.row != r or cell.col not in columns or cell_kind(cell.text) != "num":
            continue
        owner = max((c for c in labels if c < cell.col), default=min(labels) if labels else -1)
        if owner == lc:
            out.append(cell)
    return out
