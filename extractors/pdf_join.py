"""Tables continued across page breaks -> one table: repeated headers dropped, split label merges filled down."""
from __future__ import annotations

import re
from bisect import bisect_left
from dataclasses import replace
from typing import Optional

from extractors.model import Block, Cell, Paragraph, Table
from extractors.pdf_tables import CellKey

X_TOLERANCE = 4.0  # column boundaries of a continuation may differ this much (points)
CAPTION_LINES = 3
PAGE_SLACK = 24.0  # points: a table ending this much above the text area bottom (plus a row) was not cut
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


def shared_columns(prev: Table, nxt: Table) -> Optional[list[float]]:
    """The column grid of both tables when nxt continues prev on the next page (same outer edges, one grid containing
    the other's column boundaries), else None."""
    lp = last_page(prev)
    if lp is None or nxt.page != lp + 1:
        return None
    a, b = column_edges(prev), column_edges(nxt)
    if len(a) < 2 or len(b) < 2 or abs(a[0] - b[0]) > X_TOLERANCE or abs(a[-1] - b[-1]) > X_TOLERANCE:
        return None
    small, big = sorted((a, b), key=len)
    if not all(abs(big[nearest(big, x)] - x) <= X_TOLERANCE for x in small):
        return None
    return big


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


def fill_down(prev: Table, cont: Table, open_ends: set[CellKey]) -> tuple[Table, Table]:
    """Fold cont's first-row cells in the left label columns into the merged label cell split by the page break.

    An empty cell continues the label above it; a non-empty one continues it too (its text appended) when a
    label to its left continues over exactly the same rows and the text above runs to the cell's edge mid-sentence.
    """
    edge = label_edge(prev)
    merged = {c.col for c in prev.cells + cont.cells if c.row_span > 1}
    bottom = {c.col: c for c in (prev.anchors()[-1] if prev.n_rows else []) if c is not None}
    grow: dict[int, tuple[int, str]] = {}
    split: set[tuple[int, int, int]] = set()  # (row, row_span above, row_span below) of continued labels
    kept = []
    for c in sorted(cont.cells, key=lambda x: (x.row, x.col)):
        above = bottom.get(c.col)
        if (c.row != 0 or c.col > edge or c.col not in merged or above is None or above.col_span != c.col_span
                or not above.text.strip()):
            kept.append(c)
        elif not c.text.strip():
            grow[id(above)] = (c.row_span, "")
            split.add((above.row, above.row_span, c.row_span))
        elif (above.row, above.row_span, c.row_span) in split and runs_on(above, open_ends):
            grow[id(above)] = (c.row_span, "\n" + c.text)
        else:
            kept.append(c)
    cells = [replace(c, row_span=c.row_span + grow[id(c)][0], text=c.text + grow[id(c)][1]) if id(c) in grow else c
             for c in prev.cells]
    return replace(prev, cells=cells), replace(cont, cells=kept)


def runs_on(cell: Cell, open_ends: set[CellKey]) -> bool:
    """True when a cell's text fills it to the edge and stops mid-sentence (it may continue on the next page)."""
    return cell.bbox is not None and (cell.page or 0, cell.bbox) in open_ends and not _TERMINAL.search(cell.text)


def merge_split_row(prev: Table, cont: Table, open_ends: set[CellKey]) -> tuple[Table, Table]:
    """Join cont's first row onto prev's last row when the page break cut that row (every text in it runs on)."""
    first = [c for c in cont.cells if c.row == 0]
    texts = [c for c in first if c.text.strip()]
    if not prev.n_rows or not texts or any(c.row_span != 1 for c in first):
        return prev, cont
    bottom = dict(enumerate(prev.anchors()[-1]))
    for c in texts:
        above = bottom.get(c.col)
        if (above is None or above.col != c.col or above.col_span != c.col_span or not runs_on(above, open_ends)
                or _NUMERIC.match(above.text) and _NUMERIC.match(c.text)):
            return prev, cont
    extra = {id(bottom[c.col]): "\n" + c.text for c in texts}
    cells = [replace(c, text=c.text + extra[id(c)]) if id(c) in extra else c for c in prev.cells]
    return replace(prev, cells=cells), drop_rows(cont, 1)


def cut_by_page_break(prev: Table, cont: Table, bottom: float, slack: float) -> bool:
    """True when prev ends so near its page's content bottom that cont's first row could not have fitted below it."""
    lp = last_page(prev)
    ends = [c.bbox[3] for c in prev.cells if c.page == lp and c.bbox is not None]
    first = [c.bbox[3] - c.bbox[1] for c in cont.cells if c.row == 0 and c.bbox is not None]
    if not ends or not first:
        return True
    return bottom - max(ends) < min(first) + slack


def append_rows(prev: Table, cont: Table) -> Table:
    """prev with cont's rows appended below (cells keep their own page)."""
    cells = prev.cells + [replace(c, row=c.row + prev.n_rows) for c in cont.cells]
    return replace(prev, n_rows=prev.n_rows + cont.n_rows, cells=cells)


def join_continued_tables(blocks: list[Block], open_ends: set[CellKey], bottoms: dict[int, float]) -> list[Block]:
    """Join each table that opens a page onto the previous page's closing table when it continues it.

    bottoms maps a page to the lowest content on pages of its size (the bottom of the text area).
    """
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        grid = shared_columns(prev, b) if isinstance(b, Table) and isinstance(prev, Table) else None
        if grid is not None and isinstance(b, Table) and isinstance(prev, Table):
            prev, cont = regrid(prev, grid), regrid(b, grid)
            cont = drop_rows(cont, repeated_header_rows(prev, cont))
            page = last_page(prev) or 0
            if cont.n_rows and not cut_by_page_break(prev, cont, bottoms.get(page, 0.0), PAGE_SLACK):
                out.append(b)
                continue
            if cont.n_rows:
                prev, cont = fill_down(prev, cont, open_ends)
                prev, cont = merge_split_row(prev, cont, open_ends)
                prev = append_rows(prev, cont)
            out[-1] = prev
            continue
        out.append(b)
    return out


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
