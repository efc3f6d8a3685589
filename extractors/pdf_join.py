"""Tables continued across page breaks -> one table: repeated headers dropped, split label merges filled down."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Optional

from extractors.model import Block, Cell, Paragraph, Table
from extractors.pdf_tables import Flow

X_TOLERANCE = 4.0  # column boundaries of a continuation may differ this much (points)
CAPTION_LINES = 3
PAGE_SLACK = 24.0  # points: a table ending this much above the text area bottom (plus a row) was not cut
_OPEN_END = re.compile(r"[“‘（《(\[，,、]\s*$")
_TERMINAL = re.compile(r"[。；;！？!?：:）)]\s*$")
_NUMERIC = re.compile(r"^[-+]?[\d,，.．%％\s]*$")


def column_edges(t: Table) -> list[float]:
    """The x of each column boundary, from the cells' boxes (those spanning one column)."""
    edges: dict[int, float] = {}
    for c in t.cells:
        if c.bbox is not None:
            edges.setdefault(c.col, c.bbox[0])
            edges.setdefault(c.col + c.col_span, c.bbox[2])
    return [edges[k] for k in sorted(edges)]


def last_page(t: Table) -> Optional[int]:
    """The page of the table's last row."""
    return t.row_page(max((c.row for c in t.cells), default=0))


def shared_columns(prev: Table, nxt: Table, lp: int) -> Optional[list[float]]:
    """The common column grid when nxt continues prev (last seen on page lp) on the next page, else None.

    Both must have the same outer edges, and either one grid holds the other's column boundaries or the row
    at the break has the same boundaries on both sides (the finer grids are then merged).
    """
    if nxt.page != lp + 1:
        return None
    a, b = column_edges(prev), column_edges(nxt)
    if len(a) < 2 or len(b) < 2 or abs(a[0] - b[0]) > X_TOLERANCE or abs(a[-1] - b[-1]) > X_TOLERANCE:
        return None
    small, big = sorted((a, b), key=len)
    if all(near(big, x) for x in small):
        return big
    last = row_edges(prev, prev.n_rows - 1)
    first = row_edges(nxt, 0)
    if len(last) != len(first) or not all(abs(x - y) <= X_TOLERANCE for x, y in zip(last, first)):
        return None
    return sorted(big + [x for x in small if not near(big, x)])


def near(edges: list[float], x: float) -> bool:
    """True when some edge lies within X_TOLERANCE of x."""
    return abs(edges[nearest(edges, x)] - x) <= X_TOLERANCE


def row_edges(t: Table, row: int) -> list[float]:
    """The column boundaries of the cells covering one row, from their boxes."""
    cells = {id(c): c for c in (t.anchors()[row] if 0 <= row < t.n_rows else []) if c is not None}
    return sorted({x for c in cells.values() if c.bbox for x in (c.bbox[0], c.bbox[2])})


def nearest(edges: list[float], x: float) -> int:
    """Index of the edge nearest to x."""
    i = bisect_left(edges, x)
    return min((j for j in (i - 1, i) if 0 <= j < len(edges)), key=lambda j: abs(edges[j] - x))


def regrid(t: Table, edges: list[float]) -> Table:
    """The table with its cells' columns renumbered on a (finer or equal) column grid."""
    if len(edges) - 1 == t.n_cols or any(c.bbox is None for c in t.cells):
        return t
    cells = []
    for c in t.cells:
        assert c.bbox is not None
        col = nearest(edges, c.bbox[0])
        cells.append(replace(c, col=col, col_span=max(nearest(edges, c.bbox[2]) - col, 1)))
    return replace(t, n_cols=len(edges) - 1, cells=cells)


def squash(text: str) -> str:
    """Text with all whitespace removed (for comparing header rows)."""
    return "".join(text.split())


def repeated_header_rows(first: Table, cont: Table) -> int:
    """How many leading rows of cont repeat the leading (header) rows of first."""
    a, b = first.text_grid(), cont.text_grid()
    n = 0
    while n < min(len(a), len(b)) and [squash(t) for t in a[n]] == [squash(t) for t in b[n]] and any(b[n]):
        n += 1
    return n


def drop_rows(t: Table, n: int) -> Table:
    """The table without its first n rows (cells starting above are clipped, rows renumbered)."""
    cells = []
    for c in t.cells:
        end = c.row + c.row_span
        if end > n:
            row = max(c.row, n)
            cells.append(replace(c, row=row - n, row_span=end - row))
    return replace(t, n_rows=t.n_rows - n, cells=cells)


def is_text_column(t: Table, col: int) -> bool:
    """True when most non-empty cells starting in the column are words, not numbers."""
    texts = [c.text for c in t.cells if c.col == col and c.text.strip()]
    return sum(1 for s in texts if not _NUMERIC.match(s)) * 2 > len(texts)


def label_edge(t: Table) -> int:
    """The last column of the run of text columns that starts at the left edge (-1 when none)."""
    col = 0
    while col < t.n_cols and is_text_column(t, col):
        col += 1
    return col - 1


def merge_cells(t: Table, a: Cell, b: Cell) -> Table:
    """The table with cell b (directly below a, same columns) folded into a: spans added, texts joined by '\\n'."""
    text = "\n".join(x for x in (a.text, b.text) if x.strip())
    cells = [replace(c, row_span=a.row_span + b.row_span, text=text) if c is a else c for c in t.cells if c is not b]
    return replace(t, cells=cells)


def label_pair(grid: list[list[Optional[Cell]]], at: int, col: int) -> Optional[tuple[Cell, Cell]]:
    """The cells of column col that end just above row `at` and start at it, when they cover the same columns."""
    if not 0 < at < len(grid):
        return None
    a, b = grid[at - 1][col], grid[at][col]
    if a is None or b is None or a is b or a.col != col or b.col != col or a.col_span != b.col_span or b.row != at:
        return None
    return a, b


def spans_across(grid: list[list[Optional[Cell]]], at: int, col: int) -> bool:
    """True when one cell covers both row at-1 and row at in column col."""
    if not 0 < at < len(grid) or not 0 <= col < len(grid[0]):
        return False
    return grid[at - 1][col] is not None and grid[at - 1][col] is grid[at][col]


def heal_labels(t: Table, at: int, flow: Flow) -> Table:
    """Rejoin the merged label cells (left text columns) that the page break before row `at` cut in two.

    Two parts are one cell when just one is empty (the label sits in the other part), when the cell to the right
    continues over the break and the upper text is unfinished, or when the cell to the left continues and the
    upper text runs on (see runs_on).
    """
    edge, merged = label_edge(t), {c.col for c in t.cells if c.row_span > 1}
    changed = True
    while changed:
        changed = False
        grid = t.anchors()
        for col in range(min(edge, t.n_cols - 1), -1, -1):
            pair = label_pair(grid, at, col) if col in merged else None
            if pair is None:
                continue
            a, b = pair
            right, left = spans_across(grid, at, col + a.col_span), spans_across(grid, at, col - 1)
            if (bool(a.text.strip()) != bool(b.text.strip()) or right and not _TERMINAL.search(a.text)
                    or left and runs_on(a, flow, cut=False)):
                t, changed = merge_cells(t, a, b), True
                break
    return t


def mend_label_fragments(t: Table) -> Table:
    """Fold an empty label cell into the label cell above/below it when a cell to its right spans their boundary
    (a parent label cannot end inside a child cell: that line is a page-layout artefact)."""
    edge = label_edge(t)
    at = 1
    grid = t.anchors()  # rebuilt only after a merge changes it
    while at < t.n_rows:
        for col in range(min(edge, t.n_cols - 1), -1, -1):
            pair = label_pair(grid, at, col)
            if pair and (not pair[0].text.strip() or not pair[1].text.strip()) \
                    and spans_across(grid, at, col + pair[0].col_span):
                t = merge_cells(t, *pair)
                grid = t.anchors()
                break
        else:
            at += 1
    return t


def runs_on(cell: Cell, flow: Flow, cut: bool = True) -> bool:
    """True when a cell's text plainly goes on: it ends in an opening bracket or comma, or without closing
    punctuation it fills the cell to its right edge (or, when cut is allowed, runs down to its very bottom)."""
    if _OPEN_END.search(cell.text):
        return True
    mark = flow.get((cell.page or 0, cell.bbox)) if cell.bbox is not None else None
    return (mark == "full" or cut and mark == "cut") and not _TERMINAL.search(cell.text)


def merge_split_row(prev: Table, cont: Table, flow: Flow) -> tuple[Table, Table]:
    """Join cont's first row onto prev's last row when the page break cut that row: some text above the break runs
    on into the text below it, and no text below sits under a finished text."""
    bottom = dict(enumerate(prev.anchors()[-1])) if prev.n_rows else {}
    pairs = [(bottom.get(c.col), c) for c in cont.cells if c.row == 0]
    if not pairs or any(a is None or a.col != c.col or a.col_span != c.col_span for a, c in pairs):
        return prev, cont
    stacked = [(a, c) for a, c in pairs if a is not None and a.text.strip() and c.text.strip()]
    going = [a for a, c in stacked if runs_on(a, flow) and not (_NUMERIC.match(a.text) and _NUMERIC.match(c.text))]
    if not going or len(going) < len(stacked):
        return prev, cont
    grow = {id(a): c for a, c in pairs if a is not None}
    cells = []
    for x in prev.cells:
        c = grow.get(id(x))
        cells.append(x if c is None else replace(x, row_span=x.row_span + c.row_span - 1,
                                                 text="\n".join(s for s in (x.text, c.text) if s.strip())))
    rest = [replace(c, row=c.row - 1) for c in cont.cells if c.row > 0]
    return replace(prev, cells=cells), replace(cont, n_rows=cont.n_rows - 1, cells=rest)


def cut_by_page_break(prev: Table, cont: Table, lp: int, bottom: float) -> bool:
    """True when prev ends so near page lp's content bottom that cont's first row could not have fitted below it."""
    ends = [c.bbox[3] for c in prev.cells if c.page == lp and c.bbox is not None]
    first = [c.bbox[3] - c.bbox[1] for c in cont.cells if c.row == 0 and c.bbox is not None]
    if not ends or not first:
        return True
    return bottom - max(ends) < min(first) + PAGE_SLACK


def append_rows(prev: Table, cont: Table) -> Table:
    """prev with cont's rows appended below (cells keep their own page)."""
    cells = prev.cells + [replace(c, row=c.row + prev.n_rows) for c in cont.cells]
    return replace(prev, n_rows=prev.n_rows + cont.n_rows, cells=cells)


def join_continued_tables(blocks: list[Block], flow: Flow, bottoms: dict[int, float]) -> list[Block]:
    """Join each table that opens a page onto the previous page's closing table when it continues it.

    bottoms maps a page to the lowest content on pages of its size (the bottom of the text area).
    """
    out: list[Block] = []
    ends: dict[int, int] = {}  # id of a table in out -> the last page it reaches (merged rows keep no page)
    for b in blocks:
        prev = out[-1] if out else None
        if not isinstance(b, Table):
            out.append(b)
            continue
        lp = ends.get(id(prev), 0) if isinstance(prev, Table) else 0
        grid = shared_columns(prev, b, lp) if isinstance(prev, Table) else None
        if grid is None or not isinstance(prev, Table):
            out.append(b)
            ends[id(b)] = last_page(b) or 0
            continue
        prev, cont = regrid(prev, grid), regrid(b, grid)
        cont = drop_rows(cont, repeated_header_rows(prev, cont))
        if cont.n_rows and not cut_by_page_break(prev, cont, lp, bottoms.get(lp, 0.0)):
            out.append(b)
            ends[id(b)] = last_page(b) or 0
            continue
        if cont.n_rows:
            prev, cont = merge_split_row(prev, cont, flow)
            prev = heal_labels(append_rows(prev, cont), prev.n_rows, flow)
        out[-1] = prev
        ends[id(prev)] = last_page(b) or lp + 1
    return out


def mend_tables(blocks: list[Block]) -> list[Block]:
    """mend_label_fragments on every table."""
    return [mend_label_fragments(b) if isinstance(b, Table) else b for b in blocks]


def number_tables(blocks: list[Block]) -> list[Block]:
    """Renumber tables 0.. in reading order and give each the paragraphs just above it as caption."""
    out: list[Block] = []
    recent: list[Paragraph] = []
    n = 0
    for b in blocks:
        if isinstance(b, Paragraph):
            recent = (recent + [b])[-CAPTION_LINES:]
            out.append(b)
        else:
            caption = [p.text for p in recent if p.page == b.page]
            out.append(replace(b, index=n, caption=caption))
            n += 1
            recent = []
    return out
