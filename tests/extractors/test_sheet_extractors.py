"""XLSX/XLS extraction: sheet headings, title rows as captions, merged spans, number formats, hidden sheets, bad input."""
from __future__ import annotations

import io
from datetime import date, datetime
from pathlib import Path

import openpyxl
import pytest

from extractors import xls_any_extractor, xls_extractor, xlsx_extractor
from extractors.base import get_extractor
from extractors.model import Document, Paragraph, Table
from extractors.sheet_grid import Grid, Merge, Sheet, workbook_document
from extractors.sheet_text import number_text, value_text
from govreports.errors import BadInput

REAL = Path("/work/shared/corpus/real/shanghai-putuo")
needs_real = pytest.mark.skipif(not REAL.is_dir(), reason="shared corpus absent")


def save(wb: openpyxl.Workbook) -> bytes:
    """Bytes of an openpyxl workbook."""
    buf = io.BytesIO()
    wb.save(buf)
    return buf.getvalue()


def spans(table: Table) -> list[tuple[int, int, int, int, str]]:
    """(row, col, row_span, col_span, text) of every cell, sorted."""
    return sorted((c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells)


def only_table(doc: Document) -> Table:
    """The document's single table."""
    tables = list(doc.tables())
    assert len(tables) == 1
    return tables[0]


def budget_book() -> bytes:
    """A sheet with a merged title, a unit line, a blank row and column, merged headers and formatted numbers,
    then a hidden sheet."""
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "收支总表"
    ws["B2"] = "2026年部门收支预算总表"
    ws.merge_cells("B2:E2")
    ws["B3"] = "单位：元"
    ws["B5"], ws["C5"] = "项目", "预算数"
    ws.merge_cells("C5:E5")
    ws.merge_cells("B5:B6")
    ws["C6"], ws["D6"], ws["E6"] = "合计", "基本支出", "项目支出"
    ws["B7"], ws["C7"], ws["D7"], ws["E7"] = "一般公共服务支出", 1234.5, 1000, 234.500000001
    ws["C7"].number_format = "#,##0.00"
    ws["D7"].number_format = "0.00"
    ws["B8"], ws["C8"], ws["D8"], ws["E8"] = "日期", datetime(2026, 1, 31), True, 0.1 + 0.2
    ws["C8"].number_format = "yyyy-mm-dd"
    hidden = wb.create_sheet("底稿")
    hidden["A1"] = "不应出现"
    hidden.sheet_state = "hidden"
    return save(wb)


def test_xlsx_title_rows_become_caption_and_paragraphs() -> None:
    doc = xlsx_extractor.extract(budget_book(), "b.xlsx")
    heads = [(p.text, p.level, p.page) for p in doc.paragraphs()]
    assert heads == [("收支总表", 1, 1), ("2026年部门收支预算总表", 0, 1), ("单位：元", 0, 1)]
    assert only_table(doc).caption == ["收支总表", "2026年部门收支预算总表", "单位：元"]
    assert doc.file_format == "xlsx" and doc.page_count == 2


def test_xlsx_merges_become_spans_and_empty_rows_cols_are_trimmed() -> None:
    table = only_table(xlsx_extractor.extract(budget_book(), "b.xlsx"))
    assert (table.n_rows, table.n_cols, table.page) == (4, 4, 1)
    assert spans(table)[:5] == [(0, 0, 2, 1, "项目"), (0, 1, 1, 3, "预算数"),
                                (1, 1, 1, 1, "合计"), (1, 2, 1, 1, "基本支出"), (1, 3, 1, 1, "项目支出")]
    assert table.text_grid()[1][0] == "项目"


def test_xlsx_cell_text_follows_number_formats_without_float_noise() -> None:
    grid = only_table(xlsx_extractor.extract(budget_book(), "b.xlsx")).text_grid()
    assert grid[2] == ["一般公共服务支出", "1,234.50", "1000.00", "234.5"]
    assert grid[3] == ["日期", "2026-01-31", "TRUE", "0.3"]


def test_xlsx_hidden_sheet_is_skipped_with_an_issue() -> None:
    doc = xlsx_extractor.extract(budget_book(), "b.xlsx")
    assert "不应出现" not in doc.text() and all("底稿" != p.text for p in doc.paragraphs())
    assert [(i.code, i.page) for i in doc.issues] == [("hidden_sheet", 2)]


def test_text_only_sheet_is_paragraphs_and_multiline_cells_split() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "说明"
    ws["A1"] = "名词解释"
    ws["A3"] = "  （一）财政拨款收入：……\r\n  （二）事业收入：……\n\n"
    ws.merge_cells("A3:A9")
    doc = xlsx_extractor.extract(save(wb), "t.xlsx")
    assert [p.text for p in doc.paragraphs()] == ["说明", "名词解释", "（一）财政拨款收入：……", "（二）事业收入：……"]
    assert list(doc.tables()) == []


def test_lone_number_row_stays_in_the_table() -> None:
    wb = openpyxl.Workbook()
    ws = wb.active
    ws["A1"], ws["A2"], ws["A3"], ws["B3"] = "标题", 2026, "合计", 5
    table = only_table(xlsx_extractor.extract(save(wb), "n.xlsx"))
    assert table.text_grid() == [["2026", ""], ["合计", "5"]]


@pytest.mark.parametrize("value, fmt, text", [
    (12.500000001, "General", "12.5"), (12.0, "General", "12"), (1234567, "#,##0.00", "1,234,567.00"),
    (2.675, "0.00", "2.68"), (0.125, "0.00%", "12.50%"), (1.5, "0", "1.5"), (3.0, "#,##0", "3"),
    (-0.001, "0.00", "0.00"), (5, '"¥"#,##0.00_);[Red]("¥"#,##0.00)', "5.00"), (1.25, "0.0#", "1.25"),
    (1e20, "General", "100000000000000000000"),
])
def test_number_text(value: float, fmt: str, text: str) -> None:
    assert number_text(value, fmt) == text


def test_value_text_kinds() -> None:
    assert [value_text(None), value_text(False), value_text(date(2026, 3, 1)), value_text(datetime(2026, 3, 1, 8, 30))] \
        == ["", "FALSE", "2026-03-01", "2026-03-01T08:30:00"]


def test_shared_grid_numbers_tables_across_sheets() -> None:
    grid = Grid({(0, 0): "a", (0, 1): "b", (1, 0): "c"}, [Merge(1, 2, 0, 2)])
    sheets = [Sheet("一", 1, grid), Sheet("二", 2, Grid(), skipped="hidden_sheet"), Sheet("三", 3, grid)]
    doc = workbook_document("xls", sheets)
    assert [(t.index, t.page) for t in doc.tables()] == [(0, 1), (1, 3)]
    assert spans(next(doc.tables())) == [(0, 0, 1, 1, "a"), (0, 1, 1, 1, "b"), (1, 0, 1, 2, "c")]


@pytest.mark.parametrize("module, data, code", [
    (xlsx_extractor, b"PK\x03\x04 not really a workbook" * 10, "corrupt_xlsx"),
    (xlsx_extractor, None, "corrupt_xlsx"),  # a real workbook cut in half
    (xls_extractor, b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "corrupt_xls"),
    (xls_extractor, b"<html>not excel</html>", "corrupt_xls"),
])
def test_corrupt_bytes_are_bad_input(module: object, data: bytes | None, code: str) -> None:
    raw = data if data is not None else budget_book()[:2000]
    with pytest.raises(BadInput) as err:
        module.extract(raw, "bad")  # type: ignore[attr-defined]
    assert err.value.code == code


def test_registry_knows_both_formats() -> None:
    assert get_extractor("xlsx") is xlsx_extractor.extract
    assert get_extractor("xls") is xls_any_extractor.extract  # xlrd first, LibreOffice for what xlrd cannot read


@needs_real
def test_real_xls_template() -> None:
    doc = xls_extractor.extract((REAL / "budget_template.xls").read_bytes(), "budget_template.xls")
    assert doc.page_count == 16 and doc.issues == []
    assert len([p for p in doc.paragraphs() if p.level == 1]) == 16
    tables = list(doc.tables())
    assert len(tables) == 9 and [t.page for t in tables] == list(range(7, 16))
    income = tables[1]  # 单位收入总表: 项目 over 4 columns, 收入预算 over 5, 功能分类科目名称 down 2 rows
    assert income.caption == ["单位收入总表", "2026年预算单位收入预算总表"]
    assert (1, 0, 1, 4, "项目") in spans(income) and (1, 4, 1, 5, "收入预算") in spans(income)
    assert (2, 3, 2, 1, "功能分类科目名称") in spans(income)
    assert income.text_grid()[0][-1] == "单位：元" and income.text_grid()[4][:4] == ["205", "", "", "教育支出"]
    assert "上海市普陀区2026年区级单位预算" in [p.text for p in doc.paragraphs()]


@needs_real
@pytest.mark.parametrize("name, title", [("dept_budget.xlsx", "2026年度普陀区部门预算公开情况检查表"),
                                         ("unit_budget.xlsx", "2026年度普陀区单位预算公开情况检查表")])
def test_real_xlsx_check_sheets(name: str, title: str) -> None:
    doc = xlsx_extractor.extract((REAL / name).read_bytes(), name)
    assert doc.page_count == 1 and isinstance(doc.blocks[0], Paragraph) and doc.blocks[0].level == 1
    table = only_table(doc)
    assert table.caption[0] == title and (table.n_rows, table.n_cols) == (19, 4)
    assert (2, 0, 17, 1, "内容规范性") in spans(table)  # A7:A23 merged down the check items


@needs_real
@pytest.mark.parametrize("name", ["budget_template.xls", "dept_budget.xlsx", "unit_budget.xlsx"])
def test_pipeline_accepts_real_sheets(name: str) -> None:
    from govreports.pipeline import extract_path

    ex = extract_path(REAL / name)
    assert ex.document["status"] == "ok"
    if name == "budget_template.xls":  # an empty form: no amounts may be invented
        assert ex.counts()["budgets"] == 0 and ex.counts()["three_public"] == 0
