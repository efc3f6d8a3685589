"""PDF extraction: spans from ruled cells, cross-page joins (headers dropped, labels filled down, cut rows rejoined),
running headers/footers, paragraphs and headings, captions, bad input."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest

from extractors import pdf_extractor
from extractors.model import Cell, Document, Paragraph, Table
from extractors.pdf_extractor import extract, glyph_issues
from extractors.pdf_join import join_continued_tables
from extractors.pdf_layout import PageBox, drop_running_lines
from extractors.pdf_text import Line, join_cjk
from govreports.errors import BadInput

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples" / "pdf"
REAL = Path("/work/shared/corpus/real")
JIANGSU = REAL / "jiangsu-provincial-budgets"
PUTUO = REAL / "shanghai-putuo"
CJK_GAP = re.compile(r"[\u4e00-\u9fff]\s+[\u4e00-\u9fff]")


@lru_cache(maxsize=None)
def doc_of(path: Path) -> Document:
    """The extracted Document of a file (once per session), or skip when the file is absent."""
    if not path.is_file():
        pytest.skip(f"{path} is not available")
    return extract(path.read_bytes(), path.name)


def squash(text: str) -> str:
    """Text without any whitespace."""
    return "".join(text.split())


def cell_with(t: Table, text: str) -> Cell:
    """The first cell of t whose whitespace-free text starts with text."""
    return next(c for c in t.cells if squash(c.text).startswith(text))


def table_with(doc: Document, text: str) -> Table:
    """The first table holding a cell that starts with text."""
    return next(t for t in doc.tables() if any(squash(c.text).startswith(text) for c in t.cells))


# --- merged cells ---------------------------------------------------------------------------------------------


def test_merged_cells_get_spans_from_the_ruling_grid_on_a_rotated_page() -> None:
    doc = doc_of(JIANGSU / "江苏省人大办公厅" / "江苏省人大常委会办公厅2019年部门预算公开表.pdf")
    t = table_with(doc, "一般公共预算资金")  # 收入预算总表, on a /Rotate 90 page
    assert t.page == 2 and t.n_cols == 3
    assert (cell_with(t, "一般公共预算资金").row_span, cell_with(t, "一般公共预算资金").col_span) == (3, 1)
    assert cell_with(t, "收入总计").col_span == 2
    assert cell_with(t, "其他资金").row_span == 4
    # the white background panel behind the sheet is no ruling: the title stays outside the table
    assert t.caption[0] == "收入预算总表"
    assert not any("收入预算总表" in c.text for c in t.cells)


def test_every_position_of_a_table_grid_is_covered_at_most_once() -> None:
    doc = doc_of(PUTUO / "上海市普陀区财政局2024年度部门决算.pdf")
    for t in doc.tables():
        seen: set[tuple[int, int]] = set()
        for c in t.cells:
            cover = {(r, k) for r in range(c.row, c.row + c.row_span) for k in range(c.col, c.col + c.col_span)}
            assert not cover & seen and all(r < t.n_rows and k < t.n_cols for r, k in cover)
            seen |= cover


# --- tables across page breaks ---------------------------------------------------------------------------------


def test_rubric_over_four_pages_is_one_table_equal_to_its_source() -> None:
    seed = pytest.importorskip("samples.seed_003")
    from samples.builder import layout

    doc = doc_of(SAMPLES / "003_990a092f0fb6bf8b.pdf")
    (t,) = list(doc.tables())
    expected = {(r, c): (squash(x.text), x.rs, x.cs) for r, c, x in layout(seed.RUBRIC.rows)}
    got = {(x.row, x.col): (squash(x.text), x.row_span, x.col_span) for x in t.cells}
    assert len({x.page for x in t.cells}) == 4
    assert got == expected


def test_label_merged_over_a_page_break_is_filled_down_and_cells_keep_their_page() -> None:
    doc = doc_of(SAMPLES / "003_990a092f0fb6bf8b.pdf")
    (t,) = list(doc.tables())
    grid, anchors = t.text_grid(), t.anchors()
    breaks = [r for r in range(1, t.n_rows) if t.row_page(r) != t.row_page(r - 1)]
    assert len(breaks) == 3
    for r in breaks:  # the 一级/二级 labels above and below each break are one cell
        assert anchors[r - 1][0] is anchors[r][0] and anchors[r - 1][1] is anchors[r][1]
        assert grid[r][0].strip() and grid[r][1].strip()
    assert cell_with(t, "投入").row_span == 20 and cell_with(t, "投入").page == 5
    assert {c.page for c in t.cells if squash(c.text).startswith("及时到位资金：")} == {t.row_page(breaks[0])}
    # a merged cell whose text itself ran over the break is one cell with the whole text
    assert squash(cell_with(t, "及时到位资金与应到位资金的比率").text).endswith("及时性程度。")


def test_repeated_header_rows_of_a_continuation_are_dropped() -> None:
    doc = doc_of(PUTUO / "上海市财政局25年预算.pdf")
    t = next(t for t in doc.tables() if t.caption and t.caption[0] == "2025年预算单位收入预算总表")
    assert sorted({c.page or 0 for c in t.cells}) == [8, 9]
    grid = t.text_grid()
    assert [row[3] for row in grid].count("功能分类科目名称") == 2  # the two header rows of page 8 only
    death = next(r for r, row in enumerate(grid) if row[3] == "死亡抚恤")
    assert grid[death + 1][3] == "卫生健康支出" and t.row_page(death + 1) == 9


def test_join_drops_header_rows_and_fills_down_on_synthetic_tables() -> None:
    def cell(r: int, c: int, text: str, page: int, top: float, rs: int = 1) -> Cell:
        return Cell(r, c, text, rs, 1, page, (100.0 * c, top, 100.0 * c + 100, top + 20.0 * rs))

    head = [cell(0, 0, "一级指标", 1, 700), cell(0, 1, "三级指标", 1, 700), cell(0, 2, "分值", 1, 700)]
    prev = Table(0, 3, 3, head + [cell(1, 0, "产出指标", 1, 720, rs=2), cell(1, 1, "数量", 1, 720),
                                  cell(1, 2, "10", 1, 720), cell(2, 1, "质量", 1, 740), cell(2, 2, "5", 1, 740)],
                 page=1, bbox=(0, 700, 300, 760))
    nxt = Table(0, 3, 3, [cell(0, 0, "一级指标", 2, 50), cell(0, 1, "三级指标", 2, 50), cell(0, 2, "分值", 2, 50),
                          cell(1, 0, "", 2, 70, rs=2), cell(1, 1, "时效", 2, 70), cell(1, 2, "5", 2, 70),
                          cell(2, 1, "成本", 2, 90), cell(2, 2, "2", 2, 90)], page=2, bbox=(0, 50, 300, 110))
    (t,) = join_continued_tables([prev, nxt], {}, {1: 760.0, 2: 760.0})
    assert isinstance(t, Table) and t.n_rows == 5
    assert [row[1] for row in t.text_grid()] == ["三级指标", "数量", "质量", "时效", "成本"]
    assert [row[0] for row in t.text_grid()][1:] == ["产出指标"] * 4
    assert t.row_page(3) == 2
    # the same pair is not joined when the first table ends far above its page's table area bottom
    assert len(join_continued_tables([prev, nxt], {}, {1: 1000.0, 2: 1000.0})) == 2


def test_row_cut_by_a_page_break_is_one_row_and_a_complete_row_is_not_glued_on() -> None:
    doc = doc_of(JIANGSU / "江苏省人大办公厅" / "江苏省人大办公厅2017年度预算公开.pdf")
    summary = table_with(doc, "收入")
    assert cell_with(summary, "八、社会保障和就").text == "八、社会保障和就\n业支出"
    assert any(c.text == "当 年 收 入\n小计" for c in summary.cells)
    income = table_with(doc, "收入总计")
    assert squash(cell_with(income, "专户管理教育收费").text) == "专户管理教育收费"
    assert any(squash(c.text) == "其他非税收入" for c in income.cells)


def test_a_new_table_of_the_same_form_on_the_next_page_is_not_joined() -> None:
    doc = doc_of(PUTUO / "1770007475548-818404804.pdf")
    forms = [t for t in doc.tables() if t.cells and squash(t.text_grid()[0][0]) == "财政项目支出绩效目标填报表"]
    assert len(forms) >= 4
    assert all(len({c.page for c in t.cells}) == 1 for t in forms)


# --- prose ------------------------------------------------------------------------------------------------------


def test_paragraphs_match_the_source_text_without_wrap_whitespace() -> None:
    seed = pytest.importorskip("samples.seed_004")
    from samples.builder import P

    doc = doc_of(SAMPLES / "004_9afd7b26ca454508.pdf")
    expected = [squash(b.text) for b in seed.BLOCKS if isinstance(b, P) and b.text.strip()]
    paragraphs = list(doc.paragraphs())
    assert [squash(p.text) for p in paragraphs] == expected
    assert not any(CJK_GAP.search(p.text) for p in paragraphs)
    levels = {squash(p.text): p.level for p in paragraphs}
    assert levels["一、部门（单位）基本概况"] == 1
    assert levels["（一）全面优化营商环境，纵深推进“放管服”改革"] == 2
    assert levels["（一）指导、协调、推进全县行政审批制度改革工作。"] == 0  # a list item, not a heading


def test_numbered_level_three_headings_and_reading_order() -> None:
    doc = doc_of(SAMPLES / "003_990a092f0fb6bf8b.pdf")
    paragraphs = list(doc.paragraphs())
    assert [p.level for p in paragraphs if p.text.startswith(("1、项目资金", "2、项目资金"))] == [3, 3]
    assert [p.page for p in paragraphs] == sorted(p.page or 0 for p in paragraphs)
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds[-1] == "Table" and kinds.count("Table") == 1
    # a number that wrapped to the next line as a whole does not split its paragraph
    assert any("其中政务中心运转（含聘请人员工资）及设备维护经费449万元；市12345热线" in p.text for p in paragraphs)


def test_page_numbers_and_running_lines_are_dropped() -> None:
    doc = doc_of(JIANGSU / "江苏省人大办公厅" / "江苏省人大常委会2019年度部门预算公开.pdf")  # footers `─ 3 ─`
    assert doc.page_count == 19
    assert not any(re.fullmatch(r"[─—\-\s]*\d+[─—\-\s]*", p.text) for p in doc.paragraphs())
    sample = doc_of(SAMPLES / "004_9afd7b26ca454508.pdf")  # footers `- 3 -`
    assert "- 3 -" not in sample.text() and "-3-" not in squash(sample.text())


def test_drop_running_lines_keeps_body_lines() -> None:
    box = PageBox(0, 600.0, 800.0)
    pages = [[Line("江苏省财政厅文件", 200, 20, 400, 32, 12, n), Line(f"正文第{n}页", 72, 300, 500, 312, 12, n),
              Line("3", 72, 400, 80, 412, 12, n), Line(f"- {n} -", 290, 770, 310, 782, 12, n)] for n in range(1, 5)]
    kept = drop_running_lines(pages, [box] * 4)
    assert [[x.text for x in page] for page in kept] == [[f"正文第{n}页", "3"] for n in range(1, 5)]


def test_join_cjk_removes_wrap_spaces_only_next_to_chinese() -> None:
    assert join_cjk("政务服务事项网 上办事率 2023 年 Word file") == "政务服务事项网上办事率2023年Word file"


def test_captions_are_the_paragraphs_just_above_a_table() -> None:
    doc = doc_of(PUTUO / "上海市普陀区财政局2024年度部门决算.pdf")
    t = next(t for t in doc.tables() if t.caption and t.caption[0] == "收入决算表")
    assert t.caption == ["收入决算表", "单位：万元"] and squash(t.text_grid()[0][4]) == "本年收入合计"
    assert sorted({c.page or 0 for c in t.cells}) == [8, 9]
    assert [t.index for t in doc.tables()] == list(range(len(list(doc.tables()))))


def test_title_comes_from_the_big_cover_lines() -> None:
    assert doc_of(PUTUO / "上海市普陀区财政局2024年度部门决算.pdf").metadata["title"] == "上海市普陀区财政局2024年度部门决算"
    assert doc_of(SAMPLES / "003_990a092f0fb6bf8b.pdf").metadata["title"] == "永州市行政审批服务局2019年专项支出绩效自评"


# --- issues and bad input ----------------------------------------------------------------------------------------


def test_cid_glyphs_become_a_warning_with_the_page() -> None:
    chars = [{"text": "(cid:123)", "upright": True}, {"text": "预", "upright": True}]
    (issue,) = glyph_issues(chars, 7)
    assert (issue.stage, issue.severity, issue.code, issue.page) == ("extract", "warning", "pdf_cid_glyphs", 7)
    assert glyph_issues([{"text": "预", "upright": True}], 7) == []


def test_a_failing_page_is_an_issue_and_the_others_are_kept(monkeypatch: pytest.MonkeyPatch) -> None:
    path = SAMPLES / "004_9afd7b26ca454508.pdf"
    if not path.is_file():
        pytest.skip("sample 004 is not available")
    real = pdf_extractor.read_page

    def flaky(page: Any, number: int) -> Any:
        if number == 2:
            raise ValueError("broken content stream")
        return real(page, number)

    monkeypatch.setattr(pdf_extractor, "read_page", flaky)
    doc = extract(path.read_bytes(), path.name)
    assert [(i.code, i.severity, i.page) for i in doc.issues] == [("pdf_page_failed", "error", 2)]
    assert doc.page_count == 4 and {p.page for p in doc.paragraphs()} == {1, 3, 4}


def tiny_pdf(encrypt: bool) -> bytes:
    """A one-blank-page PDF; with encrypt, a standard security handler whose password we do not know."""
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] >>"]
    if encrypt:
        objs.append(b"<< /Filter /Standard /V 1 /R 2 /O <" + b"ab" * 32 + b"> /U <" + b"cd" * 32 + b"> /P -4 >>")
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objs, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1) + b"".join(b"%010d 00000 n \n" % o for o in offsets)
    trailer = b"<< /Size %d /Root 1 0 R /ID [<00112233445566778899aabbccddeeff> <00112233445566778899aabbccddeeff>]"
    out += b"trailer\n" + trailer % (len(objs) + 1) + (b" /Encrypt 4 0 R" if encrypt else b"") + b" >>\n"
    out += b"startxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def test_a_blank_page_pdf_is_an_empty_document() -> None:
    doc = extract(tiny_pdf(encrypt=False), "blank.pdf")
    assert doc.file_format == "pdf" and doc.page_count == 1 and doc.blocks == [] and doc.issues == []


@pytest.mark.parametrize("data,code", [
    (tiny_pdf(encrypt=True), "encrypted_pdf"),
    (b"", "corrupt_pdf"),
    (b"<html>not a pdf</html>", "corrupt_pdf"),
    (b"%PDF-1.4\n", "corrupt_pdf"),
])
def test_unusable_input_is_bad_input(data: bytes, code: str) -> None:
    with pytest.raises(BadInput) as err:
        extract(data, "x.pdf")
    assert err.value.code == code


def test_a_truncated_pdf_is_corrupt() -> None:
    path = SAMPLES / "003_990a092f0fb6bf8b.pdf"
    if not path.is_file():
        pytest.skip("sample 003 is not available")
    data = path.read_bytes()
    with pytest.raises(BadInput) as err:
        extract(data[: len(data) // 2], "truncated.pdf")
    assert err.value.code == "corrupt_pdf"


def paragraph_at(doc: Document, text: str, page: int) -> Optional[Paragraph]:
    """The paragraph on page starting with text."""
    return next((p for p in doc.paragraphs() if p.page == page and p.text.startswith(text)), None)


def test_paragraph_keeps_page_and_box() -> None:
    doc = doc_of(PUTUO / "上海市普陀区财政局2024年度部门决算.pdf")
    p = paragraph_at(doc, "第三部分", 21)  # a heading wrapped over two lines
    assert p is not None and p.text == "第三部分上海市普陀区财政局2024年度部门决算情况说明" and p.level == 1
    assert p.bbox is not None and p.bbox[1] < p.bbox[3]


# --- issue: the first row of a continued table lost when the page break left it without a top border --------------


def test_a_continued_row_without_its_top_border_stays_in_the_table() -> None:
    doc = doc_of(JIANGSU / "江苏省高级人民法院" / "省法院2018年度部门预算公开.pdf")
    assert not [p for p in doc.paragraphs() if squash(p.text).startswith(("2040504案件审判", "30108机关事业"))]
    t = next(t for t in doc.tables() if "一般公共预算支出预算表" in "".join(t.caption))  # pages 12-13
    row = [c for c in t.cells if c.row == cell_with(t, "2040504").row]
    assert [squash(c.text) for c in sorted(row, key=lambda c: c.col)] == ["2040504", "案件审判", "1,833.30"]
    assert cell_with(t, "2040504").page == 13 and t.page == 12


def vrule(x: float, top: float, bottom: float) -> dict[str, Any]:
    return {"x0": x, "x1": x, "top": top, "bottom": bottom, "width": 0.0, "height": bottom - top, "orientation": "v"}


def hrule(x0: float, x1: float, y: float) -> dict[str, Any]:
    return {"x0": x0, "x1": x1, "top": y, "bottom": y, "width": x1 - x0, "height": 0.0, "orientation": "h"}


def test_open_ends_get_a_ruling_and_header_inner_ends_do_not() -> None:
    from extractors.pdf_tables import open_ends_to_rulings
    # three columns drawn row by row from y=70; the border at 70 is missing, the one at 88 drawn
    v = [vrule(x, top, bottom) for x in (60, 190, 420, 540) for top, bottom in ((70, 88), (88, 106))]
    h = [hrule(60, 540, 88), hrule(60, 540, 106)]
    assert [(e["x0"], e["x1"], e["top"]) for e in open_ends_to_rulings(v, h)] == [(60, 540, 70)]
    # a header: sub-column rules start under a spanning cell while the outer rules run through
    header = [vrule(60, 10, 60), vrule(540, 10, 60), vrule(200, 30, 60), vrule(300, 30, 60), vrule(400, 30, 60)]
    assert open_ends_to_rulings(header, [hrule(60, 540, 10), hrule(200, 400, 30), hrule(60, 540, 60)]) == []
