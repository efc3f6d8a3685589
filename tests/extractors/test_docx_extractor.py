"""DOCX extraction: document order, exact merged-cell spans from the XML, nested tables, heading levels, captions."""
from __future__ import annotations

import importlib
import io
import zipfile
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml import parse_xml
from docx.oxml.ns import qn

from extractors.docx_extractor import extract
from extractors.model import Document, Table
from govreports.errors import BadInput

ROOT = Path(__file__).resolve().parents[2]
W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def save(d: Any) -> bytes:
    """Bytes of a python-docx document."""
    buf = io.BytesIO()
    d.save(buf)
    return buf.getvalue()


def spans(table: Table) -> list[tuple[int, int, int, int, str]]:
    """(row, col, row_span, col_span, text) of every cell, sorted."""
    return sorted((c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells)


def merged_doc() -> bytes:
    """Heading, caption lines, a 4x4 table with horizontal, vertical and block merges and a nested table."""
    d = docx.Document()
    d.add_heading("第一部分 单位概况", level=1)
    d.add_paragraph("")
    d.add_paragraph("附件2")
    d.add_paragraph("2023年度部门整体支出绩效自评表")
    d.add_paragraph("单位：万元")
    d.add_paragraph("   ")
    t = d.add_table(rows=4, cols=4)
    t.cell(0, 0).merge(t.cell(0, 1)).text = "一级指标"
    t.cell(0, 2).text = "分值"
    t.cell(0, 3).text = "得分"
    t.cell(1, 0).merge(t.cell(3, 0)).text = "产出指标"
    t.cell(1, 1).text = "数量指标"
    t.cell(1, 2).text = "10"
    block = t.cell(2, 1).merge(t.cell(3, 2))
    block.text = "质量指标"
    block.add_paragraph("时效指标")
    host = t.cell(1, 3)
    host.paragraphs[0].text = "明细如下"
    inner = host.add_table(rows=2, cols=2)
    inner.cell(0, 0).merge(inner.cell(1, 0)).text = "嵌套一级"
    inner.cell(0, 1).text = "甲"
    inner.cell(1, 1).text = "乙"
    t.cell(2, 3).text = "9"
    d.add_paragraph("说明：表后文字")
    d.add_table(rows=1, cols=2).cell(0, 0).text = "紧随表"
    return save(d)


@pytest.fixture(scope="module")
def doc() -> Document:
    return extract(merged_doc(), "merged.docx")


def test_blocks_in_document_order(doc: Document) -> None:
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds == ["Paragraph"] * 4 + ["Table", "Table", "Paragraph", "Table"]
    assert [t.index for t in doc.tables()] == [0, 1, 2]
    assert doc.file_format == "docx" and doc.page_count is None


def test_exact_spans_of_merged_cells(doc: Document) -> None:
    table = next(doc.tables())
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert spans(table) == [
        (0, 0, 1, 2, "一级指标"), (0, 2, 1, 1, "分值"), (0, 3, 1, 1, "得分"),
        (1, 0, 3, 1, "产出指标"), (1, 1, 1, 1, "数量指标"), (1, 2, 1, 1, "10"), (1, 3, 1, 1, "明细如下"),
        (2, 1, 2, 2, "质量指标\n时效指标"), (2, 3, 1, 1, "9"), (3, 3, 1, 1, ""),
    ]
    grid = table.text_grid()
    assert [row[0] for row in grid] == ["一级指标", "产出指标", "产出指标", "产出指标"]
    assert grid[3][1] == grid[3][2] == "质量指标\n时效指标"
    assert all(c.page is None for c in table.cells)


def test_nested_table_follows_parent_without_duplicated_text(doc: Document) -> None:
    parent, nested = list(doc.tables())[:2]
    assert "嵌套一级" not in "".join(c.text for c in parent.cells)
    assert nested.index == 1 and (nested.n_rows, nested.n_cols) == (2, 2)
    assert spans(nested) == [(0, 0, 2, 1, "嵌套一级"), (0, 1, 1, 1, "甲"), (1, 1, 1, 1, "乙")]
    assert nested.caption == ["明细如下"]


def test_captions_are_the_nearest_non_empty_paragraphs(doc: Document) -> None:
    first, _, last = list(doc.tables())
    assert first.caption == ["附件2", "2023年度部门整体支出绩效自评表", "单位：万元"]
    assert last.caption == ["说明：表后文字"]


def test_empty_paragraphs_dropped_and_levels(doc: Document) -> None:
    assert [(p.text, p.level) for p in doc.paragraphs()] == [
        ("第一部分 单位概况", 1), ("附件2", 0), ("2023年度部门整体支出绩效自评表", 0), ("单位：万元", 0), ("说明：表后文字", 0),
    ]


def test_heading_levels_from_styles_and_outline() -> None:
    d = docx.Document()
    d.add_heading("一级标题", level=1)
    d.add_heading("二级标题", level=2)
    custom = d.styles.add_style("标题 3", 1)
    d.add_paragraph("三级（中文样式名）", style=custom)
    based = d.styles.add_style("MyHeading", 1)
    based.base_style = d.styles["Heading 2"]
    d.add_paragraph("继承二级", style=based)
    p = d.add_paragraph("大纲级别")
    ppr = p._p.get_or_add_pPr()
    ppr.append(parse_xml(f'<w:outlineLvl {W_NS} w:val="0"/>'))
    d.add_paragraph("正文")
    got = [(p.text, p.level) for p in extract(save(d), "h.docx").paragraphs()]
    assert got == [("一级标题", 1), ("二级标题", 2), ("三级（中文样式名）", 3), ("继承二级", 2), ("大纲级别", 1), ("正文", 0)]


def test_raw_xml_grid_before_after_and_bare_vmerge() -> None:
    """gridBefore shifts a row; <w:vMerge/> without a value continues the cell above; hMerge is honoured."""
    d = docx.Document()
    d.add_paragraph("表一")
    tbl = parse_xml(
        f"<w:tbl {W_NS}><w:tblGrid>" + "<w:gridCol/>" * 4 + "</w:tblGrid>"
        "<w:tr><w:tc><w:tcPr><w:vMerge w:val='restart'/></w:tcPr><w:p><w:r><w:t>合并</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:gridSpan w:val='3'/></w:tcPr><w:p><w:r><w:t>表头</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:tcPr><w:hMerge w:val='restart'/></w:tcPr><w:p><w:r><w:t>横</w:t></w:r></w:p></w:tc>"
        "<w:tc><w:tcPr><w:hMerge/></w:tcPr><w:p/></w:tc>"
        "<w:tc><w:p><w:r><w:t>x</w:t><w:tab/><w:t>y</w:t><w:br/><w:t>z</w:t></w:r></w:p></w:tc></w:tr>"
        "<w:tr><w:trPr><w:gridBefore w:val='2'/><w:gridAfter w:val='1'/></w:trPr>"
        "<w:tc><w:p><w:r><w:t>偏移</w:t></w:r></w:p></w:tc></w:tr></w:tbl>"
    )
    d.element.body.insert(1, tbl)
    table = next(extract(save(d), "raw.docx").tables())
    assert (table.n_rows, table.n_cols) == (3, 4)
    assert spans(table) == [(0, 0, 2, 1, "合并"), (0, 1, 1, 3, "表头"), (1, 1, 1, 2, "横"), (1, 3, 1, 1, "x\ty\nz"), (2, 2, 1, 1, "偏移")]
    assert table.caption == ["表一"]


def test_deleted_text_field_codes_and_text_boxes_are_not_text() -> None:
    d = docx.Document()
    p = d.add_paragraph("保留")
    p._p.append(parse_xml(f"<w:del {W_NS} w:id='1' w:author='a'><w:r><w:delText>删除</w:delText></w:r></w:del>"))
    p._p.append(parse_xml(f"<w:r {W_NS}><w:instrText> PAGE </w:instrText></w:r>"))
    p._p.append(parse_xml(f"<w:ins {W_NS} w:id='2' w:author='a'><w:r><w:t>插入</w:t></w:r></w:ins>"))
    assert [x.text for x in extract(save(d), "t.docx").paragraphs()] == ["保留插入"]


def test_one_cell_table_is_read_as_paragraphs() -> None:
    d = docx.Document()
    box = d.add_table(rows=1, cols=1).cell(0, 0)
    box.paragraphs[0].text = "五、评价报告综述"
    box.add_paragraph("全年基本支出307.55万元。")
    got = extract(save(d), "frame.docx")
    assert list(got.tables()) == []
    assert [p.text for p in got.paragraphs()] == ["五、评价报告综述", "全年基本支出307.55万元。"]


def test_content_controls_are_transparent() -> None:
    d = docx.Document()
    sdt = parse_xml(
        f"<w:sdt {W_NS}><w:sdtPr><w:alias w:val='x'/></w:sdtPr><w:sdtContent>"
        "<w:p><w:r><w:t>目录</w:t></w:r></w:p></w:sdtContent></w:sdt>"
    )
    d.element.body.insert(0, sdt)
    assert [p.text for p in extract(save(d), "sdt.docx").paragraphs()] == ["目录"]


@pytest.mark.parametrize("data", [b"", b"not a zip at all", b"%PDF-1.7\n...", b"PK\x03\x04broken"])
def test_corrupt_input_raises_bad_input(data: bytes) -> None:
    with pytest.raises(BadInput) as err:
        extract(data, "bad.docx")
    assert err.value.code == "corrupt_docx"


def test_zip_without_document_part_is_corrupt() -> None:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("[Content_Types].xml", "<Types/>")
    with pytest.raises(BadInput) as err:
        extract(buf.getvalue(), "empty.docx")
    assert err.value.code == "corrupt_docx"


def test_package_python_docx_rejects_is_read_from_parts() -> None:
    """A broken relationship (target 'NULL', common in WPS files) must not lose the document."""
    src = zipfile.ZipFile(io.BytesIO(merged_doc()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as out:
        for item in src.infolist():
            data = src.read(item.filename)
            if item.filename == "word/_rels/document.xml.rels":
                data = data.replace(b"</Relationships>", b'<Relationship Id="rId99" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/image" Target="NULL"/></Relationships>')
            out.writestr(item, data)
    got = extract(buf.getvalue(), "wps.docx")
    assert [t.n_rows for t in got.tables()] == [4, 2, 1]


# ---- the bundled sample documents (faithful re-creations of the seed reports) ----

def sample_cases() -> list[str]:
    """Seed modules whose .docx sample exists."""
    names = []
    for i in range(5):
        try:
            mod = importlib.import_module(f"samples.seed_00{i}")
        except ImportError:
            continue
        if (ROOT / "data/samples/docx" / f"{mod.STEM}.docx").exists():
            names.append(f"seed_00{i}")
    return names


def expected_tables(mod: Any) -> list[tuple[int, int, list[tuple[int, int, int, int, str]]]]:
    """The spec's multi-cell tables (nested ones after their parent) as (n_rows, n_cols, sorted spans)."""
    from samples.builder import Table as Spec, grid_size, layout

    out: list[tuple[int, int, list[tuple[int, int, int, int, str]]]] = []

    def add(spec: Spec) -> None:
        placed = layout(spec.rows)
        if len(placed) > 1:
            n_rows, n_cols = grid_size(placed)
            out.append((n_rows, n_cols, sorted((r, c, x.rs, x.cs, x.text.strip()) for r, c, x in placed)))
        for key in sorted(spec.nested):
            add(spec.nested[key])

    for block in mod.BLOCKS:
        if isinstance(block, Spec):
            add(block)
    return out


@pytest.mark.parametrize("seed", sample_cases() or [pytest.param("none", marks=pytest.mark.skip("no samples yet"))])
def test_samples_match_their_specs_exactly(seed: str) -> None:
    mod = importlib.import_module(f"samples.{seed}")
    got = extract((ROOT / "data/samples/docx" / f"{mod.STEM}.docx").read_bytes(), mod.STEM)
    tables = [(t.n_rows, t.n_cols, spans(t)) for t in got.tables()]
    assert tables == expected_tables(mod)
    assert got.issues == []


def test_sample_000_self_eval_table_spans() -> None:
    path = ROOT / "data/samples/docx/000_b6cc7c43e2eeb60f.docx"
    if not path.exists():
        pytest.skip("sample missing")
    doc = extract(path.read_bytes(), path.name)
    tables = list(doc.tables())
    assert len(tables) == 6
    self_eval = tables[1]
    assert self_eval.caption[-1] == "2023年度部门整体支出绩效自评表"
    merged_first_col = [c for c in self_eval.cells if c.col == 0 and c.row_span > 1]
    assert merged_first_col, "the 一级指标 column must keep its vertical merges"
    headings = [p for p in doc.paragraphs() if p.level == 1]
    assert headings and headings[0].text == "一、部门基本情况"


def test_embedded_html_alt_chunk_is_read_in_place() -> None:
    """Web systems export .docx whose body is an altChunk holding HTML; its blocks belong where the chunk sits."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT
    from docx.opc.packuri import PackURI
    from docx.opc.part import Part

    d = docx.Document()
    d.add_paragraph("前言")
    html = '<html><head><meta charset="gbk"></head><body><h2>一、概况</h2><table border="1"><tr><td rowspan="2">项目</td><td>a</td></tr><tr><td>b</td></tr></table></body></html>'
    part = Part(PackURI("/word/afchunk1.htm"), "text/html", html.encode("gbk"), d.part.package)
    rid = d.part.relate_to(part, RT.A_F_CHUNK)
    d.element.body.insert(1, parse_xml(f'<w:altChunk {W_NS} xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" r:id="{rid}"/>'))
    d.add_table(rows=1, cols=2).cell(0, 0).text = "后表"
    got = extract(save(d), "chunk.docx")
    assert [type(b).__name__ for b in got.blocks] == ["Paragraph", "Paragraph", "Table", "Table"]
    assert [(p.text, p.level) for p in got.paragraphs()] == [("前言", 0), ("一、概况", 1)]
    first, second = list(got.tables())
    assert (first.index, second.index) == (0, 1)
    assert spans(first) == [(0, 0, 2, 1, "项目"), (0, 1, 1, 1, "a"), (1, 1, 1, 1, "b")]
