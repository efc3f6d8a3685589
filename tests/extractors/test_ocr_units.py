"""OCR building blocks tested directly: ruled-table cells from an image, glyphs -> chars, confidence warnings."""
from __future__ import annotations

import numpy as np
import pytest

from extractors.model import Cell, Document, Paragraph, Table
from extractors.ocr.engine import Glyph, OcrLine, to_line
from extractors.ocr.pdf_scans import mark_ocr, merge_lines, no_text_issue
from extractors.ocr.rulings import centres, erase_rulings, mask_to_tables, ruling_mask, snap_cells
from extractors.ocr.scan_page import ScannedPage, lines_to_chars, low_confidence_issues, mean_confidence
from extractors.pdf_tables import raw_table_to_table
from extractors.pdf_text import Line

DPI = 150.0


def grid_image(rows: list[int], cols: list[int], merged: tuple[int, int] | None = None) -> np.ndarray:
    """A white page with a ruled grid (2 px lines) at the given pixel rows/cols; merged=(r, c) joins cells c and c+1."""
    import cv2

    img = np.full((800, 1000), 255, np.uint8)
    for y in rows:
        cv2.line(img, (cols[0], y), (cols[-1], y), 0, 2)
    for x in cols:
        cv2.line(img, (x, rows[0]), (x, rows[-1]), 0, 2)
    if merged:
        r, c = merged
        img[rows[r] + 3:rows[r + 1] - 2, cols[c + 1] - 2:cols[c + 1] + 3] = 255
    cv2.putText(img, "12345", (cols[0] + 10, rows[0] + 30), cv2.FONT_HERSHEY_SIMPLEX, 0.8, 0, 2)
    return img


def test_a_big_glyphs_counters_are_not_a_table() -> None:
    import cv2

    img = np.full((400, 600), 255, np.uint8)
    cv2.rectangle(img, (100, 100), (140, 140), 0, 4)  # a 目-like glyph at title size: 2 small enclosed regions
    cv2.line(img, (100, 120), (140, 120), 0, 4)
    assert mask_to_tables(ruling_mask(img, DPI), DPI) == []


def test_ruled_grid_gives_its_cells_on_shared_lines() -> None:
    rows, cols = [100, 150, 200, 250], [100, 300, 500, 700]
    tables = mask_to_tables(ruling_mask(grid_image(rows, cols), DPI), DPI)
    assert len(tables) == 1 and len(tables[0]) == 9
    xs = sorted({round(c[0]) for c in tables[0]} | {round(c[2]) for c in tables[0]})
    assert len(xs) == 4 and all(abs(a - b) <= 3 for a, b in zip(xs, cols))


def test_merged_cell_becomes_a_span() -> None:
    rows, cols = [100, 150, 200, 250], [100, 300, 500, 700]
    cells = mask_to_tables(ruling_mask(grid_image(rows, cols, merged=(1, 0)), DPI), DPI)[0]
    assert len(cells) == 8
    table, _, _ = raw_table_to_table([tuple(v * 72 / DPI for v in c) for c in cells], [], 1)  # type: ignore[misc]
    assert (table.n_rows, table.n_cols) == (3, 3)
    assert sorted((c.row, c.col, c.row_span, c.col_span) for c in table.cells)[3] == (1, 0, 1, 2)


def test_text_alone_is_no_table_and_rulings_are_erased() -> None:
    import cv2

    img = np.full((400, 600), 255, np.uint8)
    cv2.putText(img, "LLLL IIII 1111", (50, 100), cv2.FONT_HERSHEY_SIMPLEX, 1.0, 0, 2)
    assert mask_to_tables(ruling_mask(img, DPI), DPI) == []
    grid = grid_image([100, 150, 200], [100, 300, 500])
    cv2.line(grid, (100, 400), (500, 400), 0, 3)  # a long rule (or bold stroke) outside any table
    mask = ruling_mask(grid, DPI)
    clean = erase_rulings(grid, mask, mask_to_tables(mask, DPI))
    assert clean[150, 200] == 255 and clean[125, 300] == 255  # table lines gone
    assert (clean[100:150, 100:300] < 128).any()  # the text in the table stays
    assert clean[400, 300] < 128  # strokes outside tables are never erased


def test_a_frame_around_a_table_is_not_a_cell() -> None:
    import cv2

    img = grid_image([200, 250, 300], [200, 400, 600])
    cv2.rectangle(img, (50, 50), (900, 700), 0, 2)
    tables = mask_to_tables(ruling_mask(img, DPI), DPI)
    assert [len(t) for t in tables] == [4]


@pytest.mark.parametrize("values, tol, want", [
    ([10, 12, 50, 53], 5, {10: 11, 12: 11, 50: 51.5, 53: 51.5}),
    ([10, 20], 5, {10: 10, 20: 20}),
])
def test_edges_cluster_to_their_mean(values: list[float], tol: float, want: dict[float, float]) -> None:
    assert centres(values, tol) == want


def test_cell_interiors_meet_on_the_ruling_between_them() -> None:
    left, right = (10.0, 10.0, 48.0, 30.0), (52.0, 10.0, 90.0, 30.0)
    a, b = snap_cells([left, right], 7.5)
    assert a[2] == b[0] == 50.0


def line(text: str, x0: float, scores: list[float], width: float = 20.0, gap: float = 2.0) -> OcrLine:
    """An OcrLine of square glyphs laid left to right from x0."""
    glyphs = tuple(Glyph(ch, (x0 + k * (width + gap), 100.0, x0 + k * (width + gap) + width, 120.0), s)
                   for k, (ch, s) in enumerate(zip(text, scores)))
    return OcrLine(text, (x0, 100.0, glyphs[-1].box[2], 120.0), min(scores), glyphs)


def test_glyph_slivers_are_not_spaces_but_wide_gaps_are() -> None:
    chars = lines_to_chars([line("公务接待", 0, [0.99] * 4), line("费", 400, [0.99])], 0.48)
    assert [c["text"] for c in chars] == list("公务接待费")
    assert all(a["x1"] == b["x0"] for a, b in zip(chars[:3], chars[1:4]))
    assert chars[4]["x0"] - chars[3]["x1"] > 100
    assert chars[0]["size"] == pytest.approx(20 * 0.48)


def test_low_confidence_numbers_warn_and_sure_ones_do_not() -> None:
    lines = [line("合计1,234.56", 0, [0.99, 0.99, 0.98, 0.99, 0.55, 0.99, 0.99, 0.99, 0.99, 0.99]),
             line("支出88", 0, [0.99, 0.99, 0.95, 0.97]), line("项目名称", 0, [0.3, 0.99, 0.99, 0.99])]
    issues = low_confidence_issues(lines, 4)
    assert [(i.code, i.severity, i.page) for i in issues] == [("ocr_low_confidence", "warning", 4)]
    assert "'1,234.56'" in issues[0].message and "0.55" in issues[0].message
    assert mean_confidence(lines) == pytest.approx(sum(g.score for x in lines for g in x.glyphs) / 18)


def test_rapidocr_rows_without_glyph_boxes_are_spread_evenly() -> None:
    got = to_line([[[0, 0], [40, 0], [40, 10], [0, 10]], "一二三四", 0.9])
    assert got is not None and [g.box[0] for g in got.glyphs] == [0, 10, 20, 30]
    assert to_line([[[0, 0], [4, 0], [4, 1], [0, 1]], "  ", 0.9]) is None


def test_marked_blocks_carry_the_flag_and_their_pages_confidence() -> None:
    doc = Document("pdf", [Paragraph("一、基本情况", 1, page=1), Paragraph("正文", 0, page=2),
                           Table(0, 1, 1, [Cell(0, 0, "100", page=2)], page=2)])
    mark_ocr(doc, {2: ScannedPage(2, confidence=0.91234)})
    para1, para2, table = doc.blocks
    assert not para1.ocr and para1.ocr_confidence is None  # type: ignore[union-attr]
    assert para2.ocr and para2.ocr_confidence == 0.9123  # type: ignore[union-attr]
    assert table.cells[0].ocr and table.cells[0].ocr_confidence == 0.9123  # type: ignore[union-attr]
    assert doc.metadata["ocr_pages"] == "2"


def test_no_text_layer_is_an_error_only_when_the_document_has_no_text() -> None:
    assert no_text_issue([1, 2], "OCR is unavailable", whole=True).severity == "error"
    assert no_text_issue([3], "OCR found no text", whole=False).severity == "warning"


def test_a_scans_text_layer_wins_where_ocr_read_the_same_spot() -> None:
    text = [Line("江苏省人民检察院", 100, 200, 300, 220, 20, 1)]
    ocr = [Line("江苏省人民检查院", 101, 201, 299, 221, 20, 1), Line("内部资料", 100, 50, 200, 70, 20, 1)]
    assert [x.text for x in merge_lines(text, ocr)] == ["内部资料", "江苏省人民检察院"]
