"""Render a seed report spec (paragraphs + spanned tables) to .docx and .html files."""
from __future__ import annotations

import html
from dataclasses import dataclass, field
from pathlib import Path
from typing import Union

from docx import Document as DocxDocument
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt


@dataclass(frozen=True)
class C:
    """One table cell: text plus HTML-style row/column spans (covered positions are omitted in later rows)."""

    text: str = ""
    rs: int = 1
    cs: int = 1
    bold: bool = False


CellSpec = Union[str, C]


@dataclass
class Table:
    """A table as rows of cells (HTML semantics: a cell covered by an earlier rowspan is not listed)."""

    rows: list[list[CellSpec]]
    widths_cm: list[float] | None = None
    font_pt: float = 9.0
    nested: dict[tuple[int, int], "Table"] = field(default_factory=dict)  # (row, col) of origin -> nested table


@dataclass
class P:
    """A paragraph; level 1-3 makes it a heading, align is left/center/right."""

    text: str
    level: int = 0
    align: str = "left"
    bold: bool = False
    size_pt: float | None = None


@dataclass
class PageBreak:
    """A hard page break."""


@dataclass
class Landscape:
    """Start a new landscape section (for wide tables)."""


@dataclass
class Portrait:
    """Start a new portrait section."""


Block = Union[P, Table, PageBreak, Landscape, Portrait]


def layout(rows: list[list[CellSpec]]) -> list[tuple[int, int, C]]:
    """Place HTML-style rows on a grid: list of (row, col, cell) origins."""
    occupied: set[tuple[int, int]] = set()
    placed: list[tuple[int, int, C]] = []
    for r, row in enumerate(rows):
        c = 0
        for spec in row:
            cell = spec if isinstance(spec, C) else C(str(spec))
            while (r, c) in occupied:
                c += 1
            placed.append((r, c, cell))
            for dr in range(cell.rs):
                for dc in range(cell.cs):
                    occupied.add((r + dr, c + dc))
            c += cell.cs
    return placed


def grid_size(placed: list[tuple[int, int, C]]) -> tuple[int, int]:
    """Number of rows and columns a placed table covers."""
    n_rows = max(r + cell.rs for r, _, cell in placed)
    n_cols = max(c + cell.cs for _, c, cell in placed)
    return n_rows, n_cols


def _set_cell_text(cell, text: str, font_pt: float, bold: bool) -> None:
    lines = text.split("\n")
    para = cell.paragraphs[0]
    for i, line in enumerate(lines):
        if i:
            para = cell.add_paragraph()
        run = para.add_run(line)
        run.font.size = Pt(font_pt)
        run.bold = bold


def _borders(table) -> None:
    tbl_pr = table._tbl.tblPr
    borders = OxmlElement("w:tblBorders")
    for edge in ("top", "left", "bottom", "right", "insideH", "insideV"):
        el = OxmlElement(f"w:{edge}")
        el.set(qn("w:val"), "single")
        el.set(qn("w:sz"), "4")
        el.set(qn("w:space"), "0")
        el.set(qn("w:color"), "000000")
        borders.append(el)
    tbl_pr.append(borders)


def add_docx_table(container, spec: Table):
    """Add a Word table with real merges (gridSpan/vMerge) for spec to a document or cell."""
    placed = layout(spec.rows)
    n_rows, n_cols = grid_size(placed)
    table = container.add_table(rows=n_rows, cols=n_cols)
    _borders(table)
    if spec.widths_cm:
        # LibreOffice lays tables out from the grid columns (w:tblGrid), not from cell widths
        table.autofit = False
        for grid_col, w in zip(table._tbl.tblGrid.findall(qn("w:gridCol")), spec.widths_cm):
            grid_col.set(qn("w:w"), str(int(Cm(w).twips)))
        for ci, w in enumerate(spec.widths_cm[:n_cols]):
            for row in table.rows:
                row.cells[ci].width = Cm(w)
    for r, c, cell in placed:
        target = table.cell(r, c)
        if cell.rs > 1 or cell.cs > 1:
            target = target.merge(table.cell(r + cell.rs - 1, c + cell.cs - 1))
        _set_cell_text(target, cell.text, spec.font_pt, cell.bold)
        nested = spec.nested.get((r, c))
        if nested is not None:
            add_docx_table(target, nested)
    return table


def _page_number_footer(section) -> None:
    """Put a centred running footer "- N -" (a PAGE field) on a section, as the printed reports have."""
    footer = section.footer
    footer.is_linked_to_previous = False
    para = footer.paragraphs[0]
    para.alignment = 1
    para.add_run("- ")
    fld = OxmlElement("w:fldSimple")
    fld.set(qn("w:instr"), "PAGE")
    run = OxmlElement("w:r")
    text = OxmlElement("w:t")
    text.text = "1"
    run.append(text)
    fld.append(run)
    para._p.append(fld)
    para.add_run(" -")


def write_docx(blocks: list[Block], path: Path) -> None:
    """Write blocks as a .docx with CJK fonts, A4 pages and real Word tables."""
    doc = DocxDocument()
    style = doc.styles["Normal"]
    style.font.name = "SimSun"
    style.font.size = Pt(10.5)
    style.element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
    section = doc.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)
    for s in (section,):
        s.left_margin = s.right_margin = Cm(2.0)
        s.top_margin = s.bottom_margin = Cm(2.0)
    _page_number_footer(section)
    for block in blocks:
        if isinstance(block, P):
            if block.level:
                para = doc.add_heading(level=block.level)
                run = para.add_run(block.text)
            else:
                para = doc.add_paragraph()
                run = para.add_run(block.text)
            run.bold = block.bold or None
            if block.size_pt:
                run.font.size = Pt(block.size_pt)
            run.font.name = "SimSun"
            run._element.rPr.rFonts.set(qn("w:eastAsia"), "SimSun")
            para.alignment = {"left": 0, "center": 1, "right": 2}[block.align]
        elif isinstance(block, Table):
            add_docx_table(doc, block)
        elif isinstance(block, PageBreak):
            doc.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
        elif isinstance(block, (Landscape, Portrait)):
            new = doc.add_section()
            landscape = isinstance(block, Landscape)
            new.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
            long_, short = Cm(29.7), Cm(21.0)
            new.page_width, new.page_height = (long_, short) if landscape else (short, long_)
            _page_number_footer(new)
    path.parent.mkdir(parents=True, exist_ok=True)
    doc.save(str(path))


def table_to_html(spec: Table) -> str:
    """Render a table spec as an HTML <table> with rowspan/colspan."""
    out = ['<table border="1" cellspacing="0" cellpadding="2">']
    for row in spec.rows:
        out.append("<tr>")
        for s in row:
            cell = s if isinstance(s, C) else C(str(s))
            attrs = (f' rowspan="{cell.rs}"' if cell.rs > 1 else "") + (f' colspan="{cell.cs}"' if cell.cs > 1 else "")
            out.append(f"<td{attrs}>{html.escape(cell.text).replace(chr(10), '<br/>')}</td>")
        out.append("</tr>")
    out.append("</table>")
    return "\n".join(out)


def blocks_to_html_body(blocks: list[Block]) -> str:
    """Render blocks as HTML body content (headings, paragraphs, tables)."""
    parts: list[str] = []
    for block in blocks:
        if isinstance(block, P):
            tag = f"h{block.level + 1}" if block.level else "p"
            parts.append(f"<{tag}>{html.escape(block.text)}</{tag}>")
        elif isinstance(block, Table):
            parts.append(table_to_html(block))
    return "\n".join(parts)
