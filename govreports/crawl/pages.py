"""Portal pages -> links: detail links and the next page on a list page, attachments and metadata on a detail page."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional
from urllib.parse import unquote, urldefrag, urljoin

import lxml.html
from lxml.html import HtmlElement

from extractors.html_decode import decode_html
from extractors.html_meta import portal_metadata
from govreports.crawl.sources import Source


@dataclass
class Link:
    """A link found on a page: absolute URL and its anchor text."""

    url: str
    text: str


@dataclass
class DetailPage:
    """What a detail page says: its title, portal metadata and attachment links."""

    url: str
    title: str
    metadata: dict[str, str] = field(default_factory=dict)
    attachments: list[Link] = field(default_factory=list)


def parse(body: bytes, url: str) -> HtmlElement:
    """Decode (GBK/GB2312/UTF-8 aware) and parse a page, with links made absolute."""
    text, _, _ = decode_html(body)
    root = lxml.html.document_fromstring(text or "<html></html>")
    root.make_links_absolute(url, resolve_base_href=True)
    return root


def _links(root: HtmlElement, selector: str) -> list[Link]:
    seen: dict[str, Link] = {}
    for el in root.cssselect(selector):
        href = el.get("href")
        if href and not href.startswith(("javascript:", "mailto:")):
            absolute = urldefrag(href)[0]
            seen.setdefault(absolute, Link(absolute, " ".join(el.text_content().split())))
    return list(seen.values())


def list_page(body: bytes, url: str, source: Source) -> tuple[list[Link], Optional[str]]:
    """(detail links, next list page URL or None) of one list page."""
    root = parse(body, url)
    pattern = re.compile(source.detail_pattern) if source.detail_pattern else None
    details = [link for link in _links(root, source.detail_link) if pattern is None or pattern.search(link.url)]
    nxt = _links(root, source.next_page) if source.next_page else []
    return details, (nxt[0].url if nxt and nxt[0].url != url else None)


def detail_page(body: bytes, url: str, source: Source) -> DetailPage:
    """Title, 索引号/发布机构/公开日期 metadata and attachment links of one detail page."""
    root = parse(body, url)
    meta = portal_metadata(root).values()
    pattern = re.compile(source.attachment_pattern, re.IGNORECASE)
    attachments = [link for link in _links(root, source.attachment_link) if pattern.search(unquote(link.url))]
    return DetailPage(url=url, title=meta.get("title", ""), metadata=meta, attachments=attachments)
