"""Test portals, one per CMS family, built from the saved real pages in this folder (markup kept, hosts rewritten).

Each site is a route table for tests/crawl/portal_server.RouteServer, the county's source file (template, base
URL and column ids only) and what a crawl must find: document URL -> the bytes served there.
"""
from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from govreports import demo_portal
from ..archive_builders import rar4_stored, zip_bytes
from ..portal_server import NOT_FOUND, Page, Route

HERE = Path(__file__).resolve().parent
PDFS = sorted((demo_portal.SAMPLES / "pdf").glob("*.pdf"))


def fixture(name: str) -> str:
    """A saved page excerpt (UTF-8)."""
    return (HERE / name).read_text(encoding="utf-8")


def pdf(n: int) -> bytes:
    """The bytes of sample PDF number n (real PDFs from data/samples)."""
    return PDFS[n % len(PDFS)].read_bytes()


def html(text: str) -> Page:
    return Page(text.encode("utf-8"))


def binary(data: bytes, disposition: bytes = b"") -> Page:
    return Page(data, "application/octet-stream", headers={"Content-Disposition": disposition} if disposition else {})


@dataclass
class Site:
    """A test portal: routes, the county source (TOML keys), expected documents, URL paths never to fetch."""

    family: str
    routes: dict[str, Route]
    county: dict[str, object]
    expected: dict[str, bytes]  # path (+ '#member' for archive members) -> bytes
    never: list[str] = field(default_factory=list)
    failures: set[str] = field(default_factory=set)  # failure codes the crawl must record


def list_page(title: str, links: list[tuple[str, str]], tail: str = "") -> str:
    """A column page in the portals' list style (ul > li > a + date)."""
    items = "".join(f'<li><a href="{href}" target="_blank" title="{text}">{text}</a><span>2026-03-02</span></li>'
                    for href, text in links)
    return (f'<html><head><meta charset="utf-8"><title>{title}</title><meta name="ColumnName" content="{title}">'
            f'</head><body><div class="list"><ul>{items}</ul></div>{tail}</body></html>')


# ---- 大汉 Hanweb JCMS (温州 detail: the PDF only in `var sPdfUrl`), jpage <datastore> list + dataproxy.jsp page 2
HANWEB_PDF = "/cms_files/filemanager/1544130/attach/20262/56571FC6B3E537667EF4719DFC2DAC18.pdf"


def _hanweb_detail(title: str, pdf_path: str) -> str:
    return fixture("hanweb_detail.html").replace("温州市公安局2026年部门预算", title).replace(HANWEB_PDF, pdf_path)


def _record(href: str, text: str) -> str:
    return f'<record><![CDATA[<li><a href="{href}" title="{text}" target="_blank">{text}</a><span>2026-03-02</span></li>]]></record>'


def hanweb_jpage() -> Site:
    """Column page with an embedded jpage datastore whose nextgroup is dataproxy.jsp?page=2 (a 2nd budget)."""
    proxy = "/module/web/jpage/dataproxy.jsp?page=2&amp;webid=1&amp;path=/&amp;columnid=1229&amp;unitid=4567&amp;permissiontype=0"
    records = "".join([_record("/art/2026/3/2/art_1229_1.html", "温州市公安局2026年部门预算"),
                       _record("/art/2026/3/2/art_1229_9.html", "2026年事业单位公开招聘公告"),
                       _record("/art/2026/3/2/art_1229_7.html", "温州市审计局2026年部门预算"),
                       _record("/art/2026/3/2/art_1229_8.html", "温州市统计局2026年部门预算")])
    column = (f'<html><head><meta charset="utf-8"><title>部门预算</title></head><body><div id="4567">'
              f'<script type="text/xml"><datastore><nextgroup><![CDATA[<a href="{proxy}"></a>]]></nextgroup>'
              f'<recordset>{records}</recordset></datastore></script></div>'
              '<script language="javascript" src="/module/web/jpage/jpage.js"></script></body></html>')

    def dataproxy(query: dict[str, list[str]]) -> Page:
        recs = _record("/art/2026/3/2/art_1229_2.html", "温州市教育局2026年部门预算") if query.get("page") == ["2"] else ""
        xml = f"<?xml version='1.0' encoding='UTF-8'?><datastore><totalpage>2</totalpage><recordset>{recs}</recordset></datastore>"
        return Page(xml.encode("utf-8"), "text/xml; charset=utf-8")

    pdf2 = "/cms_files/filemanager/1544130/attach/20262/AB12.pdf"
    redirect = fixture("hanweb_redirect.html").replace("/col/col1229886216/index.html", "/art/2026/3/2/art_1229_3.html")
    routes: dict[str, Route] = {
        "/col/col1229/index.html": html(column),
        "/module/web/jpage/dataproxy.jsp": dataproxy,
        "/art/2026/3/2/art_1229_1.html": html(fixture("hanweb_detail.html")),
        "/art/2026/3/2/art_1229_2.html": html(_hanweb_detail("温州市教育局2026年部门预算", pdf2)),
        "/art/2026/3/2/art_1229_3.html": html(_hanweb_detail("温州市统计局2026年部门预算", "/cms_files/s/attach/3.pdf")),
        "/art/2026/3/2/art_1229_9.html": html(_hanweb_detail("2026年事业单位公开招聘公告", "/cms_files/z/attach/zp.xls")),
        "/art/2026/3/2/art_1229_7.html": html(fixture("bot_stub.html")),
        "/art/2026/3/2/art_1229_8.html": html(redirect),
        HANWEB_PDF: binary(pdf(0)), pdf2: binary(pdf(1)), "/cms_files/s/attach/3.pdf": binary(pdf(2)),
        "/cms_files/z/attach/zp.xls": binary(b"never fetched"),
    }
    return Site("hanweb_jcms", routes, {"columns": ["col1229"]},
                {HANWEB_PDF: pdf(0), pdf2: pdf(1), "/cms_files/s/attach/3.pdf": pdf(2)},
                never=["/cms_files/z/attach/zp.xls"], failures={"bot_check"})


def hanweb_unit() -> Site:
    """A jpaas column page (济南) whose list unit is fetched from build/unit?…&paramJson={"pageNo":N}."""
    def unit(query: dict[str, list[str]]) -> Page:
        page = json.loads(query.get("paramJson", ['{"pageNo":1}'])[0]).get("pageNo")
        items = '<li><a href="/art/2026/1/5/art_55894_1.html">济南市财政局2026年部门预算</a></li>' if page == 1 else ""
        return Page(json.dumps({"success": True, "data": {"html": f"<ul>{items}</ul>"}}).encode(), "application/json")

    pdf_path = "/cms_files/jnczj/attach/2026/ys.pdf"
    routes: dict[str, Route] = {
        "/col/col55894/index.html": html(fixture("hanweb_unit_column.html")),
        "/api-gateway/jpaas-publish-server/front/page/build/unit": unit,
        "/art/2026/1/5/art_55894_1.html": html(_hanweb_detail("济南市财政局2026年部门预算", pdf_path)),
        pdf_path: binary(pdf(3)),
    }
    return Site("hanweb_jcms", routes, {"columns": ["col55894"]}, {pdf_path: pdf(3)})


# ---- TRS WCM (天津: the report is a .rar beside the detail), createPageHTML paging
TRS_RAR = "/zwgk_53713/yjsgktypt/ysgk/2018nbmysgkml/202008/W020200803658872276649.rar"


def trs_wcm() -> Site:
    """index.html (page 0 of 2) -> index_1.html by createPageHTML; details ./YYYYMM/t….html; a .rar of a PDF."""
    rar2 = TRS_RAR.replace("W020200803658872276649", "W020200803658872276650")
    page0 = list_page("部门预算", [("./202008/t20200803_1.html", "天津市交通运输委员会")],
                      '<script>createPageHTML(2, 0, "index", "html");</script>')
    page1 = list_page("部门预算", [("./202008/t20200803_2.html", "天津市教育委员会")],
                      '<script>createPageHTML(2, 1, "index", "html");</script>')
    detail2 = fixture("trs_detail.html").replace(TRS_RAR, rar2).replace("天津市交通运输委员会", "天津市教育委员会")
    member1, member2 = "天津市交通运输委员会2018年部门预算.pdf", "2018年部门预算/教育委员会部门预算.pdf"
    rar1 = rar4_stored({member1: pdf(4), "readme.txt": b"not a document"})
    rar_2 = rar4_stored({member2: pdf(0), "../../evil.pdf": b"%PDF-1.4 outside"})
    routes: dict[str, Route] = {
        "/zwgk/ysgk/index.html": html(page0), "/zwgk/ysgk/index_1.html": html(page1),
        "/zwgk/ysgk/202008/t20200803_1.html": html(fixture("trs_detail.html")),
        "/zwgk/ysgk/202008/t20200803_2.html": html(detail2),
        TRS_RAR: binary(rar1), rar2: binary(rar_2),
    }
    return Site("trs_wcm", routes, {"columns": ["zwgk/ysgk"]},
                {f"{TRS_RAR}#{member1}": pdf(4), f"{rar2}#{member2}": pdf(0)})


# ---- TrueCMS (南通): download.do?id=… handler whose anchor text names the file
def truecms() -> Site:
    """A list -> detail -> attachmentController/download.do?id=… (no extension; the anchor names the .pdf)."""
    handler = "/truecms/attachmentController/download.do"
    name = "南通市政府办公室2026年度部门预算公开.pdf"
    routes: dict[str, Route] = {
        "/ntsrmzf/bmys/index.html": html(list_page("部门预算", [("/art/2026/2/10/art_1_1.html", name[:-4])])),
        "/art/2026/2/10/art_1_1.html": html(fixture("truecms_detail.html")),
        handler: binary(pdf(1), b'attachment; filename="' + name.encode("gb18030") + b'"'),
    }
    return Site("truecms", routes, {"columns": ["ntsrmzf/bmys"]},
                {handler + "?id=650d48cd-5de7-4ee1-ade8-a5af5b87ee52": pdf(1)})


# ---- 无锡 集约化: /uploadfiles/….zip whose member has a GBK name
def wuxi_jiyue() -> Site:
    """A list -> /doc/YYYY/MM/DD/N.shtml -> /uploadfiles/….zip (member name in GBK, as Windows zips)."""
    zip_path = "/uploadfiles/202602/12/2026021214260741848127.zip"
    member = "科学技术局2026年部门预算.pdf"
    routes: dict[str, Route] = {
        "/zfxxgk/czxx/index.shtml": html(list_page("政府部门财政预决算", [("/doc/2026/02/12/4567.shtml", "科学技术局2026年度部门预算公开")])),
        "/doc/2026/02/12/4567.shtml": html(fixture("wuxi_detail.html")),
        zip_path: binary(zip_bytes({member: pdf(2)}, gbk_names=True)),
    }
    return Site("wuxi_jiyue", routes, {"columns": ["zfxxgk/czxx"]}, {f"{zip_path}#{member}": pdf(2)})


# ---- 常州 PHP: downxxgk.php?fid=… whose anchor says only 下载本信息公开文件; Content-Disposition names the file
def changzhou_php() -> Site:
    """A list -> /html/mzj/… detail -> downxxgk.php (named by Content-Disposition); 招聘 .xls links not fetched."""
    title = "常州市民政局2026年部门预算"
    detail = fixture("changzhou_detail.html").replace("2026年常州市民政局下属事业单位公开招聘工作人员公告", title)
    name = "常州市民政局2026年部门预算.pdf"
    routes: dict[str, Route] = {
        "/gi_class/mzj_ysgk": html(list_page("部门预算", [("/html/mzj/2026/ABCDEFGH_0327/1.html", title)])),
        "/html/mzj/2026/ABCDEFGH_0327/1.html": html(detail),
        "/downxxgk.php": binary(pdf(3), f"attachment; filename*=UTF-8''{quote(name)}".encode()),
        "/upfiles/admininfo/20260327/20260327153042_80593.xls": binary(b"never"),
    }
    return Site("changzhou_php", routes, {"columns": ["gi_class/mzj_ysgk"]}, {"/downxxgk.php?fid=15177459703371": pdf(3)},
                never=["/upfiles/admininfo/20260327/20260327153042_80593.xls"])


# ---- generic: a home page whose link text names 部门预算 and a year, two hops to the document
def generic() -> Site:
    """Home page -> 预决算公开 page (link text names the kind and year) -> a detail with a .pdf link."""
    home = list_page("某县人民政府", [("/news/1.html", "县长调研"), ("/zwgk/ys/index.html", "2026年部门预算公开")])
    hub = list_page("2026年部门预算公开", [("/zwgk/ys/1.html", "某县财政局2026年部门预算"), ("/zwgk/ys/z.html", "2026年招聘公告")])
    detail = ('<html><head><meta charset="utf-8"><title>某县财政局2026年部门预算</title></head><body><h1>某县财政局2026年部门预算</h1>'
              '<p>附件：<a href="/files/ys2026.pdf">某县财政局2026年部门预算.pdf</a></p></body></html>')
    routes: dict[str, Route] = {"/index.html": html(home), "/zwgk/ys/index.html": html(hub),
                                "/zwgk/ys/1.html": html(detail), "/files/ys2026.pdf": binary(pdf(4)),
                                "/news/1.html": html(list_page("县长调研", []))}
    return Site("generic", routes, {"start_urls": ["/index.html"]}, {"/files/ys2026.pdf": pdf(4)},
                never=["/news/1.html", "/zwgk/ys/z.html"])


# ---- 开普云 Ucap (东莞): the real column page; one budget item added to its list, the other items are news
def ucap() -> Site:
    """The saved 东莞 column page (45 content/post_N.html news links) plus one budget item -> a .pdf."""
    post = "/gzw/gzdt/tpxw/content/post_4519099.html"
    budget = "/gzw/czxx/ysjs/content/post_4600001.html"
    column = fixture("ucap_list.html").replace(f'href="{post}"', f'href="{budget}"', 1)
    detail = fixture("ucap_detail.html")
    title = "市住房城乡建设局多管齐下加强复工复产安全生产工作"
    budget_detail = detail.replace(title, "东莞市国资委2026年部门预算").replace(
        "</body>", '<p>附件：<a href="/attachment/0/540/540001/4600001.pdf">东莞市国资委2026年部门预算.pdf</a></p></body>')
    routes: dict[str, Route] = {
        "/gzw/index.html": html(column), budget: html(budget_detail), "/gzw/*": html(detail),
        "/attachment/0/540/540001/4600001.pdf": binary(pdf(0)),
    }
    return Site("ucap", routes, {"columns": ["gzw"]}, {"/attachment/0/540/540001/4600001.pdf": pdf(0)})


# ---- 苏州 集约化: the real nav_list page (6-argument createPageHTML) -> nav_list_2.shtml -> a budget detail
def suzhou_jiyue() -> Site:
    """The saved 苏州 市场监管 list (15 /YYYYMM/<hex>.shtml items, page 1 of 2); page 2 holds the budget item."""
    budget = "/szqts/fzscjgjs/202602/0123456789abcdef0123456789abcdef.shtml"
    page2 = fixture("suzhou_list.html").replace("createPageHTML('page_div',2, 1,", "createPageHTML('page_div',2, 2,")
    page2 = page2.replace("/szqts/fzscjgjs/202512/f747bf24c1d542eba1e74fa19ab739c8.shtml", budget, 1)
    detail = ('<html><head><meta charset="utf-8"><meta name="ArticleTitle" content="苏州市市场监督管理局2026年部门预算">'
              '<title>苏州市市场监督管理局2026年部门预算</title></head><body><div class="article-content">'
              '<a href="/szqts/fzscjgjs/202602/P020260210.pdf">苏州市市场监督管理局2026年部门预算.pdf</a></div></body></html>')
    news = detail.replace("2026年部门预算", "2025年度法治政府建设情况报告").replace("P020260210.pdf", "fz.pdf")
    routes: dict[str, Route] = {
        "/szqts/fzscjgjs/nav_list.shtml": html(fixture("suzhou_list.html")),
        "/szqts/fzscjgjs/nav_list_2.shtml": html(page2), budget: html(detail), "/szqts/fzscjgjs/2*": html(news),
        "/szqts/fzscjgjs/202602/P020260210.pdf": binary(pdf(1)),
    }
    return Site("suzhou_jiyue", routes, {"start_urls": ["/szqts/fzscjgjs/nav_list.shtml"]},
                {"/szqts/fzscjgjs/202602/P020260210.pdf": pdf(1)}, never=["/szqts/fzscjgjs/fz.pdf"])


SITES: dict[str, Callable[[], Site]] = {
    "ucap": ucap, "suzhou_jiyue": suzhou_jiyue,
    "hanweb_jpage": hanweb_jpage, "hanweb_unit": hanweb_unit, "trs_wcm": trs_wcm, "truecms": truecms,
    "wuxi_jiyue": wuxi_jiyue, "changzhou_php": changzhou_php, "generic": generic,
}
_ = NOT_FOUND
