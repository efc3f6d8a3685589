"""Tables continued across page breaks -> one table: repeated headers dropped, split label merges filled down."""
from __future__ import annotations

import re
from dataclasses import replace
from typing import Optional

from extractors.model import Block, Cell, Paragraph, Table

X_TOLERANCE = 4.0  # column boundaries of a continuation may differ this much (points)
CAPTION_LINES = 3
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


def fill_down(prev: Table, cont: Table) -> tuple[Table, Table]:
    """Fold cont's first-row cells in the left label columns into the merged label cell split by the page break.

    An empty cell continues the label above it; a non-empty one continues it too (its text appended) when a
    label to its left continues over exactly the same rows and the text above stops mid-sentence.
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
        elif (above.row, above.row_span, c.row_span) in split and not _TERMINAL.search(above.text):
            grow[id(above)] = (c.row_span, "\n" + c.text)
        else:
            kept.append(c)
    cells = [replace(c, row_span=c.row_span + grow[id(c)][0], text=c.text + grow[id(c)][1]) if id(c) in grow else c
             for c in prev.cells]
    return replace(prev, cells=cells), replace(cont, cells=kept)


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
                out[-1] = append_rows(*fill_down(prev, cont))
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
