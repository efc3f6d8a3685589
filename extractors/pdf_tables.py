"""One PDF page -> ruled tables as spanned Cell grids (one find_tables call, white background panels left out)."""
from __future__ import annotations

import re
from bisect import bisect_right
from typing import Any, Optional, Sequence

from pdfplumber.table import TableFinder
from pdfplumber.utils import obj_to_edges

from extractors.model import BBox, Cell, Table
from extractors.pdf_text import Char, Line, chars_to_lines, lines_text

CellKey = tuple[int, BBox]  # (page, bbox) names a cell across the pdf_* modules
Flow = dict[CellKey, str]  # cells whose text may go on below: "full" (fills the width) or "cut" (reaches the bottom)

SNAP = 1.0  # grid coordinates closer than this are one grid line
MIN_EDGE = 1.0  # pdfplumber's edge_min_length_prefilter
_NUMBER = re.compile(r"^[-+]?[\d,.%]+$")
PANEL = 2.0  # a rect thinner than this is a rule, a thicker white one a background panel


def is_white(color: Any) -> bool:
    """True for a white gray/RGB/CMYK colour (an invisible ruling on white paper)."""
    if isinstance(color, (int, float)):
        return float(color) >= 0.95
    if isinstance(color, (list, tuple)) and color and all(isinstance(v, (int, float)) for v in color):
        if len(color) == 4:
            return all(float(v) <= 0.05 for v in color)
        return all(float(v) >= 0.95 for v in color)
    return False


def is_ruling(obj: dict[str, Any]) -> bool:
    """False only for a white panel (a page or cell background box); lines and thin rects of any colour are rules."""
    if obj["object_type"] == "line" or min(obj["width"], obj["height"]) <= PANEL:
        return True  # borders of rows split by a page break are sometimes drawn white
    if obj.get("stroke") and not is_white(obj.get("stroking_color")):
        return True
    return bool(obj.get("fill")) and not is_white(obj.get("non_stroking_color"))


def drawn_to_rulings(drawn: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """Vertical and horizontal rulings (edges) of the drawn lines/rects/curves, white panels left out."""
    v: list[dict[str, Any]] = []
    h: list[dict[str, Any]] = []
    for e in (e for o in drawn if is_ruling(o) for e in obj_to_edges(o)):
        if e["orientation"] == "v" and e["height"] >= MIN_EDGE:
            v.append(e)
        elif e["orientation"] == "h" and e["width"] >= MIN_EDGE:
            h.append(e)
    return v, h


def covered_width(h: list[dict[str, Any]], y: float, x0: float, x1: float) -> float:
    """How much of [x0, x1] the horizontal rulings at height y cover."""
    spans = sorted((max(e["x0"], x0), min(e["x1"], x1)) for e in h if abs(e["top"] - y) <= SNAP)
    total, reach = 0.0, x0
    for a, b in spans:
        if b > reach:
            total += b - max(a, reach)
            reach = b
    return total


def vertical_runs(v: list[dict[str, Any]]) -> list[tuple[float, float, float]]:
    """(x, top, bottom) of each column rule, segments drawn row by row joined into one run."""
    runs: list[tuple[float, float, float]] = []
    for e in sorted(v, key=lambda e: (round(e["x0"] / SNAP), e["top"])):
        if runs and abs(runs[-1][0] - e["x0"]) <= SNAP and e["top"] <= runs[-1][2] + SNAP:
            x, top, bottom = runs[-1]
            runs[-1] = (x, top, max(bottom, e["bottom"]))
        else:
            runs.append((e["x0"], e["top"], e["bottom"]))
    return runs


def open_ends_to_rulings(v: list[dict[str, Any]], h: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rulings for the missing border of a row cut by a page break: where three or more column rules all stop at
    one height that no horizontal rule covers and no column rule crosses (an outer edge, not a header's
    inner one), draw one across them."""
    runs = vertical_runs(v)
    ends: dict[float, list[float]] = {}
    for x, top, bottom in runs:
        for y in (top, bottom):
            key = next((k for k in ends if abs(k - y) <= SNAP), y)
            ends.setdefault(key, []).append(x)
    out = []
    for y, xs in ends.items():
        x0, x1 = min(xs), max(xs)
        crossed = any(top < y - SNAP and bottom > y + SNAP and x0 - SNAP <= x <= x1 + SNAP for x, top, bottom in runs)
        if not crossed and len({round(x) for x in xs}) >= 3 and covered_width(h, y, x0, x1) < 0.5 * (x1 - x0):
            out.append({"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0,
                        "orientation": "h", "object_type": "line"})
    return out


class PageFrame:
    """The one thing pdfplumber's TableFinder reads off a page when every ruling is given explicitly: its bbox."""

    def __init__(self, width: float, height: float) -> None:
        self.bbox = (0.0, 0.0, width, height)


def page_to_raw_tables(width: float, height: float, drawn: list[dict[str, Any]]) -> list[list[BBox]]:
    """Cell bboxes of each ruled table on a page (pdfplumber's table algorithm on the rulings; 1-cell frames are not)."""
    v, h = drawn_to_rulings(drawn) if drawn else ([], [])
    h = h + open_ends_to_rulings(v, h)
    if len(v) < 2 or len(h) < 2:
        return []
    settings = {"vertical_strategy": "explicit", "horizontal_strategy": "explicit",
                "explicit_vertical_lines": v, "explicit_horizontal_lines": h}
    found = TableFinder(PageFrame(width, height), settings).tables  # type: ignore[arg-type]
    return [[(c[0], c[1], c[2], c[3]) for c in t.cells] for t in found if len(t.cells) > 1]


def snap(values: Sequence[float]) -> list[float]:
    """Sorted distinct coordinates, values within SNAP of the previous kept one folded into it."""
    out: list[float] = []
    for v in sorted(values):
        if not out or v - out[-1] > SNAP:
            out.append(v)
    return out


def grid_index(grid: list[float], v: float) -> int:
    """Index of the grid line nearest to v."""
    i = bisect_right(grid, v + SNAP) - 1
    return max(i, 0)


def bbox_of(cells: list[BBox]) -> BBox:
    """Union box of cell boxes."""
    return (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))


def inside(ch: Char, box: BBox) -> bool:
    """True when the char's centre lies in box."""
    x = (ch["x0"] + ch["x1"]) / 2
    y = (ch["top"] + ch["bottom"]) / 2
    return box[0] <= x < box[2] and box[1] <= y < box[3]


def raw_table_to_table(cells: list[BBox], chars: list[Char], page: int,
                       index: int = 0) -> tuple[Table, list[Char], Flow]:
    """Cell boxes + page chars -> spanned Table, the chars in its box no cell owns, and its cells' Flow marks."""
    xs = snap([c[0] for c in cells] + [c[2] for c in cells])
    ys = snap([c[1] for c in cells] + [c[3] for c in cells])
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    owner: list[list[Optional[int]]] = [[None] * n_cols for _ in range(n_rows)]
    spans: list[tuple[int, int, int, int]] = []
    for k, (x0, top, x1, bottom) in enumerate(cells):
        c0, c1, r0, r1 = grid_index(xs, x0), grid_index(xs, x1), grid_index(ys, top), grid_index(ys, bottom)
        spans.append((r0, c0, max(r1 - r0, 1), max(c1 - c0, 1)))
        for r in range(r0, max(r1, r0 + 1)):
            for c in range(c0, max(c1, c0 + 1)):
                owner[r][c] = k
    box = bbox_of(cells)
    owned, orphans = assign_chars(chars, box, xs, ys, owner, len(cells))
    texts = [chars_to_lines(owned[k], page) for k in range(len(cells))]
    pad = min((lines[0].x0 - cells[k][0] for k, lines in enumerate(texts)
               if lines and not _NUMBER.match(lines[0].text)), default=0.0)
    out = [Cell(r, c, lines_text(texts[k]), rs, cs, page, cells[k]) for k, (r, c, rs, cs) in enumerate(spans)]
    out.sort(key=lambda cell: (cell.row, cell.col))
    flow: Flow = {}
    for k, lines in enumerate(texts):
        if lines and fills_cell(lines[-1], cells[k], pad):
            flow[(page, cells[k])] = "full"
        elif lines and cut_off(lines, cells[k]):
            flow[(page, cells[k])] = "cut"
    return Table(index, n_rows, n_cols, out, page=page, bbox=box), orphans, flow


def assign_chars(chars: list[Char], box: BBox, xs: list[float], ys: list[float], owner: list[list[Optional[int]]],
                 n: int) -> tuple[list[list[Char]], list[Char]]:
    """The chars inside box bucketed by the cell owning their centre's grid position, plus those no cell owns."""
    owned: list[list[Char]] = [[] for _ in range(n)]
    orphans: list[Char] = []
    n_rows, n_cols = len(ys) - 1, len(xs) - 1
    for ch in chars:
        if not inside(ch, box):
            continue
        r = bisect_right(ys, (ch["top"] + ch["bottom"]) / 2) - 1
        c = bisect_right(xs, (ch["x0"] + ch["x1"]) / 2) - 1
        k = owner[r][c] if 0 <= r < n_rows and 0 <= c < n_cols else None
        (orphans if k is None else owned[k]).append(ch)
    return owned, orphans


def cut_off(lines: list[Line], box: BBox) -> bool:
    """True when wrapped text fills the cell from its top to its very bottom edge, no padding below (a page cut)."""
    return len(lines) > 1 and lines[0].top - box[1] < lines[0].size and box[3] - lines[-1].bottom < 0.5 * lines[-1].size


def fills_cell(line: Line, box: BBox, pad: float) -> bool:
    """True when a line runs from the table's left padding to within a glyph of the right one (text may go on)."""
    return line.x0 - box[0] <= pad + 2.5 and box[2] - line.x1 <= pad + line.size + 2.5
