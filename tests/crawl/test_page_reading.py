"""Page reading: relevance words, attachment discovery, stubs, JS list parsers, archives, inspect-page."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from govreports.crawl.archives import archive_kind, safe_member_path, unpack
from govreports.crawl.guard import blocked
from govreports.crawl.listparsers import hanweb_jpage, hanweb_unit, kind_links, trs_paging
from govreports.crawl.pages import inspect
from govreports.crawl.relevance import in_years, is_relevant, years_in
from govreports.crawl.sources import detect_family, load_template
from govreports.errors import BadInput

from .archive_builders import rar4_stored, zip_bytes

PORTALS = Path(__file__).resolve().parent / "portals"
ROOT = Path(__file__).resolve().parents[2]
KINDS = ("预算", "决算", "绩效")


@pytest.mark.parametrize("text,relevant", [
    ("温州市公安局2026年部门预算", True),
    ("无锡市科学技术局（本级）2026年度部门预算公开和绩效公开", True),
    ("2025年度部门决算公开", True),
    ("2025年度部门整体支出绩效自评报告", True),
    ("项目支出绩效自评表", True),
    ("预算绩效管理办法", False),  # a rule, not a report
    ("2026年常州市民政局下属事业单位公开招聘工作人员公告", False),
    ("政府信息公开申请表", False),
    ("首页", False),
    ("绩效考核", False),
])
def test_names_a_report(text: str, relevant: bool) -> None:
    assert is_relevant(text, KINDS) is relevant


@pytest.mark.parametrize("text,years,ok", [
    ("2026年部门预算", (2025, 2026), True), ("2018年部门预算", (2025, 2026), False),
    ("部门预算", (2025, 2026), True), ("20260212142607.zip 2026年", (2020, 2021), False),
])
def test_year_range(text: str, years: tuple[int, int], ok: bool) -> None:
    assert in_years(text, years) is ok


def test_years_ignore_digits_inside_numbers() -> None:
    assert years_in("/uploadfiles/202602/12/2026021214260741848127.zip") == []
    assert years_in("2025年度 与 2026年") == [2025, 2026]


SOURCE = load_template("generic", base_url="http://x.test")


def _view(body: str, url: str = "http://x.test/a/1.html") -> dict:
    return inspect(body.encode("utf-8"), url, SOURCE).as_json()


@pytest.mark.parametrize("body,expected", [
    ('<title>某局2026年部门预算</title><a href="/f/a.pdf">附件</a>', ["http://x.test/f/a.pdf"]),
    ('<title>某局2026年部门预算</title><a href="f/b.WPS?x=1">附件</a>', ["http://x.test/a/f/b.WPS?x=1"]),
    ('<title>某局2026年部门预算</title><a href="/download.do?id=9">某局2026年部门预算.pdf</a>', ["http://x.test/download.do?id=9"]),
    ('<title>某局2026年部门预算</title><a href="/getit?id=9">某局预算.ofd</a>', ["http://x.test/getit?id=9"]),
    ('<title>某局2026年部门预算</title><script>var sPdfUrl = "/cms_files/x/attach/1.pdf";'
     ' if (sPdfUrl.indexOf(".pdf") != -1) {}</script>', ["http://x.test/cms_files/x/attach/1.pdf"]),
    ('<title>某局2026年部门预算</title><iframe src="/pdfjs/viewer.html?file=/u/2.pdf"></iframe>', ["http://x.test/u/2.pdf"]),
    ('<title>某局2026年部门预算</title><iframe src="/u/3.pdf"></iframe>', ["http://x.test/u/3.pdf"]),
    ('<title>某局2026年部门预算</title><a href="/x/4.rar">x</a><a href="/x/5.7z">y</a>', ["http://x.test/x/4.rar", "http://x.test/x/5.7z"]),
    ('<title>首页</title><a href="/f/apply.doc">政府信息公开申请表</a>', []),  # not a budget page, anchor names no report
    ('<title>首页</title><a href="/f/ys.pdf">2026年部门预算</a>', ["http://x.test/f/ys.pdf"]),  # the anchor names one
    ('<title>某局2026年部门预算</title><a href="/f/zp.xls">招聘岗位表</a>', []),  # on a budget page, a 招聘 table
    ('<title>某局2026年部门预算</title><a href="/img/a.png">图</a><a href="javascript:void(0)">x.pdf</a>', []),
])
def test_attachments_wherever_pages_put_them(body: str, expected: list[str]) -> None:
    assert _view(body)["attachments"] == expected


@pytest.mark.parametrize("fixture,code,target", [
    ("bot_stub.html", "bot_check", None),
    ("hanweb_redirect.html", "js_redirect", "/col/col1229886216/index.html"),
])
def test_stubs_are_fetch_issues(fixture: str, code: str, target: str | None) -> None:
    view = inspect((PORTALS / fixture).read_bytes(), "http://x.test/p.html", SOURCE)
    assert view.block is not None and view.block.code == code and view.block.target == target
    assert not view.relevant and not view.attachments


def test_a_long_page_with_a_redirect_script_is_content() -> None:
    text = "正文" * 400
    assert blocked(f'<script>location.href="/x.html"</script><p>{text}</p>', text) is None


def test_hanweb_jpage_records_and_pages() -> None:
    column = ('<div id="1"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/'
              'dataproxy.jsp?page=2&amp;columnid=9"></a>]]></nextgroup><recordset><record><![CDATA[<li><a href="/art/2026/'
              '1/1/art_9_1.html">a</a></li>]]></record></recordset></datastore></script></div>')
    got = hanweb_jpage(column, "http://x.test/col/col9/index.html", SOURCE)
    assert [d.url for d in got.details] == ["http://x.test/art/2026/1/1/art_9_1.html"]
    assert got.next_page == "http://x.test/module/web/jpage/dataproxy.jsp?page=2&columnid=9"
    answer = '<datastore><totalpage>3</totalpage><recordset><record><![CDATA[<a href="/art/2">b</a>]]></record></recordset></datastore>'
    page2 = hanweb_jpage(answer, "http://x.test/module/web/jpage/dataproxy.jsp?page=2&columnid=9", SOURCE)
    assert page2.next_page == "http://x.test/module/web/jpage/dataproxy.jsp?page=3&columnid=9"
    last = hanweb_jpage(answer, "http://x.test/module/web/jpage/dataproxy.jsp?page=3&columnid=9", SOURCE)
    assert last.next_page is None
    by_records = answer.replace("<totalpage>3</totalpage>", "<totalrecord>100</totalrecord>")
    proxy = "http://x.test/module/web/jpage/dataproxy.jsp?startrecord=1&endrecord=45&perpage=15&columnid=9"
    assert hanweb_jpage(by_records, proxy, SOURCE).next_page == proxy.replace("startrecord=1&endrecord=45",
                                                                                 "startrecord=46&endrecord=90")
    tail = proxy.replace("startrecord=1&endrecord=45", "startrecord=91&endrecord=135")
    assert hanweb_jpage(by_records, tail, SOURCE).next_page is None


def test_hanweb_unit_endpoint_from_the_column_page() -> None:
    column = (PORTALS / "hanweb_unit_column.html").read_text(encoding="utf-8")
    first = hanweb_unit(column, "http://x.test/col/col55894/index.html", SOURCE).next_page
    assert first and "tagId=%E7%BB%84%E9%85%8D%E5%88%86%E7%B1%BBlist" in first and "pageNo%22%3A1" in first
    answer = json.dumps({"data": {"html": '<li><a href="/art/2026/1/5/art_1_1.html">x</a></li>'}})
    got = hanweb_unit(answer, first, SOURCE)
    assert [d.url for d in got.details] == ["http://x.test/art/2026/1/5/art_1_1.html"]
    assert got.next_page and "pageNo%22%3A2" in got.next_page
    assert hanweb_unit(json.dumps({"data": {"html": ""}}), first, SOURCE).next_page is None


@pytest.mark.parametrize("call,url,expected", [
    ('createPageHTML(3, 0, "index", "html");', "http://x.test/c/index.html", "http://x.test/c/index_1.html"),
    ('createPageHTML(3, 1, "index", "shtml");', "http://x.test/c/index_1.shtml", "http://x.test/c/index_2.shtml"),
    ('createPageHTML(3, 2, "index", "html");', "http://x.test/c/index_2.html", None),
    ("createPageHTML('page_div',2, 1,'nav_list','shtml',22)", "http://x.test/c/nav_list.shtml", "http://x.test/c/nav_list_2.shtml"),
    ("createPageHTML(res.datas.pageInfo.totalPages, urlObj.page)", "http://x.test/c/index.html", None),
    ('var currentPage = 1;\nvar countPage = 4\ncreatePageHTML(countPage, currentPage, "index", "htm");',
     "http://x.test/c/index_1.htm", "http://x.test/c/index_2.htm"),
])
def test_trs_paging(call: str, url: str, expected: str | None) -> None:
    assert trs_paging(f"<script>{call}</script>", url, SOURCE).next_page == expected


def test_generic_follows_links_naming_a_kind_and_a_year() -> None:
    page = '<a href="/a">2026年部门预算公开</a><a href="/b">部门预算</a><a href="/c">2026年工作要点</a>'
    assert [d.url for d in kind_links(page, "http://x.test/", SOURCE).details] == ["http://x.test/a"]


def test_family_detected_from_markup() -> None:
    assert detect_family((PORTALS / "hanweb_detail.html").read_text(encoding="utf-8")) == "hanweb_jcms"
    assert detect_family((PORTALS / "trs_detail.html").read_text(encoding="utf-8")) == "trs_wcm"
    assert detect_family((PORTALS / "truecms_detail.html").read_text(encoding="utf-8")) == "truecms"
    assert detect_family("<html><body>plain</body></html>") == "generic"


def test_archives_kinds_and_limits() -> None:
    docx_like = zip_bytes({"[Content_Types].xml": b"<Types/>", "word/document.xml": b"<w/>"})
    assert archive_kind(docx_like) is None
    assert archive_kind(zip_bytes({"a.pdf": b"%PDF"})) == "zip"
    assert archive_kind(rar4_stored({"a.pdf": b"%PDF"})) == "rar"
    many = unpack(zip_bytes({f"{i}.pdf": b"%PDF" for i in range(10)}), max_members=3, max_bytes=10**6)
    assert len(many.members) == 3 and many.notes[-1][0] == "archive_too_many_members"
    big = unpack(zip_bytes({"a.pdf": b"0" * 5000, "b.pdf": b"1" * 5000}), max_members=10, max_bytes=6000)
    assert [m.name for m in big.members] == ["a.pdf"] and big.notes[-1][0] == "archive_too_large"
    with pytest.raises(BadInput):
        unpack(b"Rar!\x1a\x07\x00garbage", 10, 10**6)


@pytest.mark.parametrize("name,safe", [("a/b.pdf", "a/b.pdf"), ("../x.pdf", None), ("/etc/x.pdf", None),
                                       ("C:\\x.pdf", None), ("a/../../x.pdf", None), ("a\\b.pdf", "a/b.pdf")])
def test_member_paths(name: str, safe: str | None) -> None:
    assert safe_member_path(name) == safe


def test_inspect_page_cli_json() -> None:
    """The command prints what the crawler takes: a script-held PDF on a Hanweb detail page, as an absolute URL."""
    out = subprocess.run([sys.executable, "-m", "govreports.cli", "inspect-page", str(PORTALS / "hanweb_detail.html"),
                          "--url", "https://www.example.gov.cn/art/2026/3/2/art_1229_1.html", "--json"],
                         capture_output=True, text=True, check=True, cwd=ROOT)
    answer = json.loads(out.stdout)
    assert answer["kind"] == "detail" and answer["relevant"] is True and answer["next_page"] is None
    assert answer["attachments"] == ["https://www.example.gov.cn/cms_files/filemanager/1544130/attach/20262/"
                                     "56571FC6B3E537667EF4719DFC2DAC18.pdf"]
    assert answer["metadata"]["title"] == "温州市公安局2026年部门预算"
    bad = subprocess.run([sys.executable, "-m", "govreports.cli", "inspect-page", str(PORTALS / "hanweb_detail.html"),
                          "--source", "../../etc/x"], capture_output=True, text=True, cwd=ROOT)
    assert bad.returncode == 2 and "must be a name" in bad.stderr


@pytest.mark.parametrize("name", ["../../../x", "a.b", "", "x/y", "demo\x00", "a" * 65])
def test_source_names_are_never_paths(name: str) -> None:
    from govreports.crawl.sources import load_source
    with pytest.raises(ValueError, match="must be letters"):
        load_source(name)


def test_a_template_name_is_never_a_path(tmp_path: Path) -> None:
    from govreports.crawl.sources import load_source
    (tmp_path / "templates").mkdir()
    (tmp_path / "evil.toml").write_text('template = "../../etc/x"\nbase_url = "http://x.test"\n', encoding="utf-8")
    with pytest.raises(ValueError, match="template name"):
        load_source("evil", tmp_path)


@pytest.mark.skipif(not __import__("shutil").which("unar"), reason="unar not installed (scripts/setup.sh installs it)")
def test_unar_fallback_unpacks_only_safe_document_members() -> None:
    from govreports.crawl.archives import unpack_unar
    data = rar4_stored({"2018年部门预算.pdf": b"%PDF-1.4 a", "sub/表.xls": b"x", "../evil.pdf": b"%PDF", "r.txt": b"t"})
    got = unpack_unar(data, max_members=10, max_bytes=10**6)
    assert [(m.name, m.data) for m in got.members] == [("2018年部门预算.pdf", b"%PDF-1.4 a"), ("sub/表.xls", b"x")]
    assert {code for code, _ in got.notes} == {"archive_unsafe_path", "archive_member_skipped"}
    capped = unpack_unar(rar4_stored({"a.pdf": b"1" * 5000, "b.pdf": b"2" * 5000}), max_members=10, max_bytes=6000)
    assert [m.name for m in capped.members] == ["a.pdf"]
    with pytest.raises(BadInput):
        unpack_unar(b"Rar!\x1a\x07\x00not really", 10, 10**6)
