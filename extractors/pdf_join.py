"""Tables continued across page breaks -> one table: repeated headers dropped, split label merges filled down."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from extractors.model import Block, Cell, Paragraph, Table

X_TOLERANCE = 4.0  # column boundaries of a continuation may differ this much (points)
CAPTION_LINES = 3
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


def continues(prev: Table, nxt: Table) -> bool:
    """True when nxt, first on its page, continues prev (next page, same columns at the same x)."""
    lp = last_page(prev)
    if lp is None or nxt.page != lp + 1 or prev.n_cols != nxt.n_cols:
        return False
    a, b = column_edges(prev), column_edges(nxt)
    return len(a) == len(b) and all(abs(x - y) <= X_TOLERANCE for x, y in zip(a, b))


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


def is_label_column(t: Table, col: int) -> bool:
    """True when a column holds mostly text labels (not numbers) and some vertically merged cells."""
    texts = [c.text for c in t.cells if c.col == col and c.text.strip()]
    wordy = sum(1 for s in texts if not _NUMERIC.match(s))
    merged = any(c.col == col and c.row > 0 and c.row_span > 1 for c in t.cells)
    return merged and wordy * 2 > len(texts)


def fill_down(prev: Table, cont: Table) -> Table:
    """Merge cont's empty first-row cells in prev's left label columns into the label cell above (spans extended)."""
    bottom = {c.col: c for row in prev.anchors()[-1:] for c in row if c is not None}
    kept = []
    for c in cont.cells:
        above = bottom.get(c.col)
        if (c.row == 0 and not c.text.strip() and above is not None and above.col_span == c.col_span
                and above.text.strip() and c.col <= label_edge(prev)):
            above.row_span += c.row_span
        else:
            kept.append(c)
    return replace(cont, cells=kept)


def label_edge(t: Table) -> int:
    """The last column of the run of label columns that starts at the left edge (-1 when none)."""
    last = -1
    for col in range(t.n_cols):
        if not is_label_column(t, col) and not any(c.text.strip() and not _NUMERIC.match(c.text)
                                                   for c in t.cells if c.col == col and c.row > 0):
            break
        if is_label_column(t, col):
            last = col
    return last


def append_rows(prev: Table, cont: Table) -> Table:
    """prev with cont's rows appended below (cells keep their own page)."""
    cells = prev.cells + [replace(c, row=c.row + prev.n_rows) for c in cont.cells]
    return replace(prev, n_rows=prev.n_rows + cont.n_rows, cells=cells)


def join_continued_tables(blocks: list[Block]) -> list[Block]:
    """Join each table that opens a page onto the previous page's closing table when it continues it."""
    out: list[Block] = []
    for b in blocks:
        prev = out[-1] if out else None
        if isinstance(b, Table) and isinstance(prev, Table) and continues(prev, b):
            cont = drop_rows(b, repeated_header_rows(prev, b))
            if cont.n_rows:
                out[-1] = append_rows(prev, fill_down(prev, cont))
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
