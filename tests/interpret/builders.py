"""Shared builders for interpretation tests: tables and documents from text grids, running readers, picking rows."""
from __future__ import annotations

from typing import Any, Optional

from extractors.interpret import reconcile
from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.registry import readers
from extractors.interpret.tables.kinds import decide
from extractors.model import Cell, Document, Paragraph, Table

Merges = dict[tuple[int, int], tuple[int, int]]  # origin (row, col) -> (row_span, col_span)


def table(rows: list[list[str]], caption: Optional[list[str]] = None, index: int = 0, page: int = 1,
          merges: Optional[Merges] = None) -> Table:
    """A Table from a text grid; merged origins get their spans and the cells they cover are left out."""
    merges = merges or {}
    covered = {(r + i, c + j) for (r, c), (rs, cs) in merges.items() for i in range(rs) for j in range(cs)} - set(merges)
    cells = [Cell(r, c, text, *merges.get((r, c), (1, 1)), page=page)
             for r, row in enumerate(rows) for c, text in enumerate(row) if (r, c) not in covered]
    return Table(index=index, n_rows=len(rows), n_cols=max(len(r) for r in rows), cells=cells, page=page,
                 caption=caption or [])


def doc(*blocks: Any, fmt: str = "docx") -> Document:
    """A document of the given tables and paragraphs (plain strings become paragraphs)."""
    return Document(file_format=fmt, blocks=[Paragraph(b) if isinstance(b, str) else b for b in blocks])


def read(document: Document, meta: DocMeta) -> Interpretation:
    """Every registered reader on a document with the given DocMeta (classify skipped), then reconcile."""
    out = Interpretation(meta=meta, kinds=decide(document))
    for reader in readers():
        reader.read(document, meta, out)
    reconcile.finalize(out)
    return out


def matching(rows: list[dict[str, Any]], **want: Any) -> list[dict[str, Any]]:
    """The rows matching every given field."""
    return [r for r in rows if all(r.get(k) == v for k, v in want.items())]


def one(rows: list[dict[str, Any]], **want: Any) -> dict[str, Any]:
    """The single row matching every given field."""
    found = matching(rows, **want)
    assert len(found) == 1, (want, found)
    return found[0]


def none(rows: list[dict[str, Any]], **want: Any) -> None:
    """No row matches every given field."""
    assert not matching(rows, **want), want


def codes(out: Interpretation) -> list[str]:
    """The issue codes, in order."""
    return [i.code for i in out.issues]
