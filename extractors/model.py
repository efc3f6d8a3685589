"""The one document model every extractor returns: ordered prose paragraphs and spanned cell tables."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterator, Optional, Union

from govreports.errors import Issue

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass
class Cell:
    """One (possibly merged) table cell: its origin, spans, text as found and provenance."""

    row: int
    col: int
    text: str
    row_span: int = 1
    col_span: int = 1
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    ocr: bool = False  # text read by OCR from a scanned page, not from a text layer
    ocr_confidence: Optional[float] = None  # that page's mean OCR confidence (0..1)

    def covers(self, r: int, c: int) -> bool:
        """True when grid position (r, c) lies inside this cell."""
        return self.row <= r < self.row + self.row_span and self.col <= c < self.col + self.col_span


@dataclass
class Table:
    """A table as merged cells on an n_rows x n_cols grid, with the caption lines printed above it."""

    index: int
    n_rows: int
    n_cols: int
    cells: list[Cell]
    page: Optional[int] = None
    caption: list[str] = field(default_factory=list)  # the paragraphs just above the table, nearest last
    bbox: Optional[BBox] = None

    def anchors(self) -> list[list[Optional[Cell]]]:
        """Grid of the cell covering each position (a merged cell appears at every position it spans)."""
        grid: list[list[Optional[Cell]]] = [[None] * self.n_cols for _ in range(self.n_rows)]
        for cell in self.cells:
            for r in range(cell.row, min(cell.row + cell.row_span, self.n_rows)):
                for c in range(cell.col, min(cell.col + cell.col_span, self.n_cols)):
                    grid[r][c] = cell
        return grid

    def text_grid(self) -> list[list[str]]:
        """Grid of texts with merged cells repeated at every position they span."""
        return [[cell.text if cell else "" for cell in row] for row in self.anchors()]

    def row_page(self, r: int) -> Optional[int]:
        """Page of the first cell that starts in row r (falls back to the table's page)."""
        for cell in self.cells:
            if cell.row == r and cell.page is not None:
                return cell.page
        return self.page


@dataclass
class Paragraph:
    """A prose paragraph; level is 1.. for headings, 0 for body text."""

    text: str
    level: int = 0
    page: Optional[int] = None
    bbox: Optional[BBox] = None
    ocr: bool = False  # text read by OCR from a scanned page, not from a text layer
    ocr_confidence: Optional[float] = None  # that page's mean OCR confidence (0..1)


Block = Union[Paragraph, Table]


@dataclass
class Document:
    """A whole source file: blocks in reading order plus format-level metadata."""

    file_format: str
    blocks: list[Block] = field(default_factory=list)
    page_count: Optional[int] = None
    metadata: dict[str, str] = field(default_factory=dict)  # title, index_no, publisher, published_date ...
    issues: list[Issue] = field(default_factory=list)  # extractor doubts and partial failures
    reader: Optional[str] = None  # which library read the content when a format has several (pdf: pdfium/pdfminer)

    def tables(self) -> Iterator[Table]:
        """The tables in reading order."""
        return (b for b in self.blocks if isinstance(b, Table))

    def paragraphs(self) -> Iterator[Paragraph]:
        """The prose paragraphs in reading order."""
        return (b for b in self.blocks if isinstance(b, Paragraph))

    def text(self) -> str:
        """All prose joined by newlines (tables excluded)."""
        return "\n".join(p.text for p in self.paragraphs())
