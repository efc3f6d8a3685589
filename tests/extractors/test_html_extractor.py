"""HTML extraction: charset handling (GBK portals), portal metadata, rowspan/colspan grids, prose blocks."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.html_decode import decode_html
from extractors.html_extractor import extract
from extractors.model import Document, Table
from govreports.errors import BadInput

ROOT = Path(__file__).resolve().parents[2]
SAMPLE_HTML = ROOT / "data/samples/html/002_99c7b2a72a410d2a.html"
SAMPLE_DOCX = ROOT / "data/samples/docx/002_99c7b2a72a410d2a.docx"

PORTAL = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN" "x.dtd">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312" />
<title>2018年度汨罗市人民政府政务服务中心单位部门决算-汨罗市人民政府</title>
<script>var s = "发布时间：1999-01-01";</script><style>.a{color:red}</style></head>
<body>
<div class="top">汨罗市人民政府 门户网站</div>
<div class="nav"><ul><li><a href="/">首页</a></li><li>政务公开</li></ul></div>
<div class="position">当前位置：首页 &gt; 政务公开 &gt; 部门决算</div>
<table class="xxgk_info" border="1">
<tr><td>索 引 号：</td><td>12332211/2019-1593948</td><td>发布机构</td><td>汨罗市</td><td>公开范围</td><td>全部公开</td></tr>
<tr><td>生成日期</td><td>2019-07-29</td><td>公开日期</td><td>2019年7月29日</td><td>公开方式</td><td>政府网站</td></tr>
</table>
<div class="article">
<h2>第一部分 单位概况</h2>
<h3>一、部门职责</h3>
<p>（一）对全市政务公开工作进行综合协调和监督;<br/>（二）对市直单位的政务公开工作进行指导与监督;</p>
<div>朱镕基题词的单位<span>（内联）</span>
  <div>内层块</div>尾部文字</div>
<ul><li>列表一</li><li>列表二</li></ul>
<p style="display:none">隐藏文字</p>
<p>表1 收入支出决算总表</p>
<table border="1"><caption>单位：万元</caption>
<tr><th rowspan="2">项目</th><th colspan="2">本年</th><th rowspan="3">备注</th></tr>
<tr><th>预算数</th><th>决算数</th></tr>
<tr><td>基本支出</td><td>307.55</td><td>307.55<table border="1"><tr><td>人员</td><td>256.23</td></tr></table></td></tr>
<tr><td colspan="3">合计<br/>（万元）</td><td>无</td></tr>
</table>
</div>
<div class="tools">【<a href="#">打印本页</a>】【<a href="#">关闭窗口</a>】</div>
<footer>版权所有 汨罗市人民政府</footer>
</body></html>"""


def cells(table: Table) -> list[tuple[int, int, int, int, str]]:
    """(row, col, row_span, col_span, text) of every cell, sorted."""
    return sorted((c.row, c.col, c.row_span, c.col_span, c.text) for c in table.cells)


@pytest.fixture(scope="module")
def portal() -> Document:
    return extract(PORTAL.encode("gbk"), "portal.html")


def test_gbk_page_declared_gb2312_decodes_gbk_only_characters(portal: Document) -> None:
    assert "朱镕基题词的单位（内联）" in portal.text()  # 镕 is GBK, not GB2312
    assert portal.metadata["encoding"] == "gb18030"
    assert portal.issues == []


def test_portal_metadata_keys(portal: Document) -> None:
    meta = portal.metadata
    assert meta["index_no"] == "12332211/2019-1593948"
    assert meta["publisher"] == "汨罗市"
    assert meta["published_date"] == "2019-07-29"
    assert meta["generated_date"] == "2019-07-29"
    assert meta["title"] == "2018年度汨罗市人民政府政务服务中心单位部门决算"


def test_metadata_table_is_not_a_table_block(portal: Document) -> None:
    assert len(list(portal.tables())) == 2
    everything = portal.text() + "".join(c.text for t in portal.tables() for c in t.cells)
    assert "12332211" not in everything and "公开范围" not in everything


def test_rowspan_colspan_grid(portal: Document) -> None:
    table = next(portal.tables())
    assert (table.n_rows, table.n_cols) == (4, 4)
    assert cells(table) == [
        (0, 0, 2, 1, "项目"), (0, 1, 1, 2, "本年"), (0, 3, 3, 1, "备注"),
        (1, 1, 1, 1, "预算数"), (1, 2, 1, 1, "决算数"),
        (2, 0, 1, 1, "基本支出"), (2, 1, 1, 1, "307.55"), (2, 2, 1, 1, "307.55"),
        (3, 0, 1, 3, "合计\n（万元）"), (3, 3, 1, 1, "无"),
    ]
    assert table.text_grid()[2] == ["基本支出", "307.55", "307.55", "备注"]
    assert table.caption == ["列表二", "表1 收入支出决算总表", "单位：万元"]
    assert table.page is None and all(c.page is None for c in table.cells)


def test_nested_table_is_its_own_block(portal: Document) -> None:
    outer, inner = list(portal.tables())
    assert inner.index == 1 and cells(inner) == [(0, 0, 1, 1, "人员"), (0, 1, 1, 1, "256.23")]
    assert all("256.23" not in c.text for c in outer.cells)


def test_paragraphs_headings_and_chrome(portal: Document) -> None:
    got = [(p.text, p.level) for p in portal.paragraphs()]
    assert got == [
        ("第一部分 单位概况", 1),
        ("一、部门职责", 2),
        ("（一）对全市政务公开工作进行综合协调和监督;", 0),
        ("（二）对市直单位的政务公开工作进行指导与监督;", 0),
        ("朱镕基题词的单位（内联）", 0),
        ("内层块", 0),
        ("尾部文字", 0),
        ("列表一", 0),
        ("列表二", 0),
        ("表1 收入支出决算总表", 0),
    ]


def test_span_and_li_metadata_on_other_cms() -> None:
    page = """<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="2023年度部门整体支出绩效自评报告">
    <title>汨罗市人民政府</title></head><body>
    <ul class="xxgk"><li><span>索引号：</span><span>43068100/2024-00012</span></li>
    <li>发布机构：汨罗市行政审批服务局</li><li>发布日期：2024/5/6</li></ul>
    <div class="info">发布时间：2024-05-07 10:23 来源：汨罗市财政局 浏览次数：</div>
    <p>正文第一段，资金来源：财政拨款。</p></body></html>"""
    doc = extract(page.encode("utf-8"), "cms.html")
    assert doc.metadata["index_no"] == "43068100/2024-00012"
    assert doc.metadata["publisher"] == "汨罗市行政审批服务局"
    assert doc.metadata["published_date"] == "2024-05-06"  # 发布日期 outranks 发布时间
    assert doc.metadata["title"] == "2023年度部门整体支出绩效自评报告"
    assert [p.text for p in doc.paragraphs()] == ["正文第一段，资金来源：财政拨款。"]


def test_layout_table_is_read_as_prose() -> None:
    page = """<html><body><table><tr><td>
      <h1>部门决算</h1><p>第一段</p>
      <table border="1"><tr><td>收入</td><td>100</td></tr><tr><td>支出</td><td>90</td></tr></table>
    </td></tr></table></body></html>"""
    doc = extract(page.encode("utf-8"), "layout.html")
    assert [(p.text, p.level) for p in doc.paragraphs()] == [("部门决算", 1), ("第一段", 0)]
    [table] = list(doc.tables())
    assert table.index == 0 and (table.n_rows, table.n_cols) == (2, 2) and table.caption == ["部门决算", "第一段"]


def test_undeclared_gbk_falls_back_to_detection() -> None:
    body = "<p>一般公共预算财政拨款基本支出决算情况说明，人员经费和公用经费合计三百零七万元。</p>" * 30
    doc = extract(f"<html><body>{body}</body></html>".encode("gbk"), "nodecl.html")
    assert next(doc.paragraphs()).text.startswith("一般公共预算财政拨款基本支出")


def test_wrong_declaration_valid_utf8_wins() -> None:
    page = '<html><head><meta charset="gb2312"></head><body><p>汨罗市政务服务中心</p></body></html>'
    doc = extract(page.encode("utf-8"), "liar.html")
    assert next(doc.paragraphs()).text == "汨罗市政务服务中心"


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_wins(encoding: str) -> None:
    text, used, doubt = decode_html("<html><body>部门决算</body></html>".encode(encoding))
    assert "部门决算" in text and doubt is None and used.startswith("utf")


def test_undecodable_bytes_are_reported() -> None:
    doc = extract(b'<html><head><meta charset="gbk"></head><body><p>ok</p>\xff\xff\xff</body></html>', "bad.html")
    assert any(i.code == "html_decode" for i in doc.issues)


def test_empty_input_is_bad_input() -> None:
    with pytest.raises(BadInput) as err:
        extract(b"   ", "empty.html")
    assert err.value.code == "corrupt_html"


BOT_CHECK = b'<script>function a(a){var t="EO_Bot_Ssid=";document.cookie=t+4294049792;location.reload()}a()</script>'


@pytest.mark.parametrize("data", [
    BOT_CHECK,
    b"<html><head><title>2026\xe5\xb9\xb4\xe9\x83\xa8\xe9\x97\xa8\xe9\xa2\x84\xe7\xae\x97</title>"
    b"<script>location.href='/x'</script></head><body> </body></html>",
])
def test_page_with_no_visible_text_is_bad_input(data: bytes) -> None:
    with pytest.raises(BadInput) as err:
        extract(data, "2026年部门预算.html")
    assert err.value.code == "no_visible_text"


def test_bot_check_page_fails_with_an_issue_and_no_rows() -> None:
    from govreports.pipeline import extract_bytes

    result = extract_bytes(BOT_CHECK, "人力资源和社会保障局_2026年部门预算.html")
    assert result.document["file_format"] == "html"
    assert result.document["status"] == "failed" and result.document["doc_type"] == "other"
    assert [i["code"] for i in result.records["extraction_issues"]] == ["no_visible_text"]
    assert not result.records.get("budgets")


def test_page_of_only_a_table_is_not_empty() -> None:
    doc = extract("<table><tr><td>项目</td><td>金额</td></tr><tr><td>合计</td><td>1.00</td></tr></table>".encode(), "t.html")
    assert list(doc.tables()) or list(doc.paragraphs())


def test_real_portal_sample() -> None:
    if not SAMPLE_HTML.exists():
        pytest.skip("sample missing")
    doc = extract(SAMPLE_HTML.read_bytes(), SAMPLE_HTML.name)
    assert {k: doc.metadata[k] for k in ("index_no", "publisher", "published_date", "generated_date")} == {
        "index_no": "12332211/2019-1593948", "publisher": "汨罗市",
        "published_date": "2019-07-29", "generated_date": "2019-07-29",
    }
    assert doc.metadata["title"] == "2018年度汨罗市人民政府政务服务中心单位部门决算"
    assert len(list(doc.tables())) == 2
    texts = [p.text for p in doc.paragraphs()]
    assert not any(t.startswith(("当前位置", "【打印")) for t in texts)
    assert "全年基本支出307.55万元" in doc.text()


def test_real_portal_tables_equal_the_docx_tables() -> None:
    """The same report as HTML and as DOCX must give identical grids (spans and texts)."""
    if not (SAMPLE_HTML.exists() and SAMPLE_DOCX.exists()):
        pytest.skip("samples missing")
    from extractors.docx_extractor import extract as extract_docx

    html_tables = [(t.n_rows, t.n_cols, cells(t)) for t in extract(SAMPLE_HTML.read_bytes(), "p.html").tables()]
    docx_tables = [(t.n_rows, t.n_cols, cells(t)) for t in extract_docx(SAMPLE_DOCX.read_bytes(), "p.docx").tables()]
    assert html_tables == docx_tables
    assert [n[:2] for n in html_tables] == [(69, 13), (57, 8)]


def test_layout_table_holding_metadata_and_article() -> None:
    """Old CMS pages put the metadata table and the whole article in the cells of one outer layout table."""
    article = "".join(f"<p>第{i}段：全年基本支出307.55万元，其中人员经费256.23万元，公用经费51.32万元，均按预算执行。</p>" for i in range(30))
    page = f"""<html><head><meta charset="gbk"></head><body><table width="1000">
      <tr><td><table><tr><td>索引号：</td><td>43068100/2019-001</td><td>公开日期：</td><td>2019-08-01</td></tr></table></td></tr>
      <tr><td>{article}<table border="1"><tr><td>项目</td><td>金额</td></tr><tr><td>基本支出</td><td>307.55</td></tr></table></td></tr>
    </table></body></html>"""
    doc = extract(page.encode("gbk"), "old_cms.html")
    assert doc.metadata["index_no"] == "43068100/2019-001" and doc.metadata["published_date"] == "2019-08-01"
    [table] = list(doc.tables())
    assert (table.n_rows, table.n_cols) == (2, 2) and table.cells[3].text == "307.55"
    paragraphs = [p.text for p in doc.paragraphs()]
    assert len(paragraphs) == 30 and paragraphs[0].startswith("第0段")


def mht_page() -> bytes:
    """A Word-style single-file web page: MIME headers, a quoted-printable GB2312 HTML part, an image part."""
    html = '<html><body><h1>2023年度部门决算</h1><table border=1><tr><td colspan=2>合计</td></tr><tr><td>a</td><td>b</td></tr></table></body></html>'
    import quopri

    qp = quopri.encodestring(html.encode("gb2312")).decode("ascii")
    return (
        "MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary=\"----=_NextPart_01\"\r\n\r\n"
        "This is a multi-part message in MIME format.\r\n\r\n------=_NextPart_01\r\n"
        "Content-Location: file:///C:/report.htm\r\nContent-Transfer-Encoding: quoted-printable\r\n"
        "Content-Type: text/html; charset=\"gb2312\"\r\n\r\n" + qp + "\r\n\r\n------=_NextPart_01\r\n"
        "Content-Type: image/png\r\nContent-Transfer-Encoding: base64\r\n\r\niVBORw0KGgo=\r\n\r\n------=_NextPart_01--\r\n"
    ).encode("ascii")


def test_mht_single_file_web_page() -> None:
    from extractors.detect import detect_format

    data = mht_page()
    assert detect_format(data) == "html"
    doc = extract(data, "report.doc")
    assert [(p.text, p.level) for p in doc.paragraphs()] == [("2023年度部门决算", 1)]
    [table] = list(doc.tables())
    assert cells(table) == [(0, 0, 1, 2, "合计"), (1, 0, 1, 1, "a"), (1, 1, 1, 1, "b")]
    assert doc.metadata["encoding"] == "gb18030"
