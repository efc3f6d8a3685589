"""List pages built by a JavaScript endpoint -> detail links and the next page, one small parser per CMS, by name.

Every parser takes (page text, page URL, source) and returns a Listing; a template names the ones it needs
(`list_parsers = ["hanweb_jpage"]`). Plain HTML lists need no parser: the template's selectors do.
"""
from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, Callable, Optional
from urllib.parse import parse_qsl, urlencode, urljoin, urlparse, urlunparse

import lxml.html

from govreports.crawl.links import Link, anchor_text
from govreports.crawl.relevance import is_relevant
from govreports.crawl.sources import Source


@dataclass
class Listing:
    """Detail links and the next list page a parser found."""

    details: list[Link] = field(default_factory=list)
    next_page: Optional[str] = None


def fragment_links(html: str, base: str) -> list[Link]:
    """Anchors of an HTML fragment, absolute."""
    if not html.strip():
        return []
    root = lxml.html.fragment_fromstring(html, create_parent="div")
    return [Link(urljoin(base, a.get("href", "")), anchor_text(a)) for a in root.iter("a")
            if a.get("href") and not a.get("href", "").startswith(("javascript:", "#"))]


def _with_query(url: str, **changes: str) -> str:
    parts = urlparse(url)
    query = dict(parse_qsl(parts.query, keep_blank_values=True))
    query.update(changes)
    return urlunparse(parts._replace(query=urlencode(query)))


# ---- 大汉 Hanweb JCMS: <datastore> records in the column page and /module/web/jpage/dataproxy.jsp pages
_RECORD = re.compile(r"<record>\s*<!\[CDATA\[(.*?)\]\]>\s*</record>", re.S)
_NEXTGROUP = re.compile(r"<nextgroup>\s*<!\[CDATA\[.*?href=['\"]([^'\"]+)['\"]", re.S)
_TOTALPAGE = re.compile(r"<totalpage>\s*(\d+)\s*</totalpage>")
_TOTALRECORD = re.compile(r"<totalrecord>\s*(\d+)\s*</totalrecord>")


def hanweb_jpage(text: str, url: str, source: Source) -> Listing:
    """Records of a jpage <datastore> (embedded or a dataproxy.jsp answer); the next group or page=N+1."""
    records = _RECORD.findall(text)
    details = [link for rec in records for link in fragment_links(rec, url)]
    nxt = _NEXTGROUP.search(text)
    if nxt:
        return Listing(details, urljoin(url, nxt.group(1).replace("&amp;", "&")))
    query = dict(parse_qsl(urlparse(url).query))
    page, total = query.get("page", ""), _TOTALPAGE.search(text)
    if "dataproxy" not in url or not records:
        return Listing(details)
    if page.isdigit() and (total is None or int(page) < int(total.group(1))):
        return Listing(details, _with_query(url, page=str(int(page) + 1)))
    start, end = query.get("startrecord", ""), query.get("endrecord", "")
    records_total = _TOTALRECORD.search(text)
    if start.isdigit() and end.isdigit() and (records_total is None or int(end) < int(records_total.group(1))):
        step = int(end) - int(start) + 1
        return Listing(details, _with_query(url, startrecord=str(int(end) + 1), endrecord=str(int(end) + step)))
    return Listing(details)


# ---- Hanweb jpaas: <script url="/api-gateway/jpaas-publish-server/front/page/build/unit" queryData="{…}">
_UNIT = re.compile(r"""<script[^>]*\surl=["']([^"']*jpaas-publish-server/front/page/build/unit)["'][^>]*"""
                   r"""\squeryData=["'](\{[^"']*?\}|\{[^>]*?\})["']""", re.S | re.IGNORECASE)


def _query_data(raw: str) -> dict[str, str]:
    return dict(re.findall(r"'(\w+)'\s*:\s*'([^']*)'", raw))


def _page_json(page: int, size: int) -> str:
    return json.dumps({"pageNo": page, "pageSize": size}, separators=(",", ":"))


def hanweb_unit(text: str, url: str, source: Source) -> Listing:
    """A column page -> its list unit's endpoint (page 1); an endpoint answer -> its links and page N+1."""
    size = int(source.extra.get("unit_page_size", 20))
    if "jpaas-publish-server" in url and text.lstrip().startswith("{"):
        data: Any = json.loads(text)
        html = data.get("data", {}).get("html", "") if isinstance(data.get("data"), dict) else str(data.get("data", ""))
        details = fragment_links(html, url)
        param = json.loads(dict(parse_qsl(urlparse(url).query)).get("paramJson", "{}") or "{}")
        page = int(param.get("pageNo", 1))
        if not details:
            return Listing()
        return Listing(details, _with_query(url, paramJson=_page_json(page + 1, size)))
    tags = re.compile(str(source.extra.get("unit_tags", "list|列表|分页")))
    for endpoint, raw in _UNIT.findall(text):
        query = _query_data(raw)
        if tags.search(query.get("tagId", "")):
            query["paramJson"] = _page_json(1, size)
            return Listing([], urljoin(url, endpoint) + "?" + urlencode(query))
    return Listing()


# ---- TRS WCM: createPageHTML(total, current, "index", "html") (current 0-based: index.html, index_1.html …)
_CREATE_PAGE = re.compile(r"createPageHTML\(([^()]*)\)")


_VAR_NUMBER = re.compile(r"\bvar\s+(\w+)\s*=\s*(\d+)")


def trs_paging(text: str, url: str, source: Source) -> Listing:
    """The next page named by a createPageHTML call (numbers, or `var countPage = 5` variables; the 6-argument
    variant counts pages from 1)."""
    numbers = dict(_VAR_NUMBER.findall(text))
    for m in _CREATE_PAGE.finditer(text):
        args = [numbers.get(a, a) for a in (a.strip().strip("'\"") for a in m.group(1).split(","))]
        if len(args) >= 4 and args[0].isdigit() and args[1].isdigit():
            total, current, name, ext = int(args[0]), int(args[1]), args[2], args[3]
            nxt = current + 1
            if nxt < total:
                return Listing([], urljoin(url, f"{name}_{nxt}.{ext}"))
        elif len(args) >= 5 and args[1].isdigit() and args[2].isdigit():
            total, current, name, ext = int(args[1]), int(args[2]), args[3], args[4]
            if current < total:
                return Listing([], urljoin(url, f"{name}_{current + 1}.{ext}"))
    return Listing()


# ---- generic: links whose text names a report kind and a year
def kind_links(text: str, url: str, source: Source) -> Listing:
    """Anchors whose text names one of the source's report kinds and a year (the generic template's details)."""
    if not text.strip():
        return Listing()
    root = lxml.html.document_fromstring(text)
    root.make_links_absolute(url, resolve_base_href=True)
    links = [Link(a.get("href", ""), anchor_text(a)) for a in root.iter("a") if a.get("href")]
    return Listing([link for link in links if is_relevant(link.text, source.kinds, source.years, need_year=True)])


ListParser = Callable[[str, str, Source], Listing]
LIST_PARSERS: dict[str, ListParser] = {
    "hanweb_jpage": hanweb_jpage,
    "hanweb_unit": hanweb_unit,
    "trs_paging": trs_paging,
    "kind_links": kind_links,
}
