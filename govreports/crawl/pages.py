"""One portal page -> what the crawler takes from it: kind, relevance, attachments, details, next page, metadata."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, Optional
from urllib.parse import unquote, urldefrag, urlparse

import lxml.html
from lxml.html import HtmlElement

from extractors.html_decode import decode_html
from extractors.html_meta import portal_metadata
from govreports.crawl.guard import Block, blocked
from govreports.crawl.links import Link, anchor_text, attachments, content_frames, is_document_url
from govreports.crawl.listparsers import LIST_PARSERS, Listing
from govreports.crawl.relevance import in_years, is_relevant
from govreports.crawl.sources import Source
from govreports.crawl.vocab import vocab

__all__ = ["Link", "PageView", "DetailPage", "inspect", "detail_page", "list_page", "parse"]


_XML_DECL = re.compile(r"^\s*<\?xml[^>]*\?>")


@dataclass
class PageView:
    """What the crawler would take from one page (the `inspect-page` answer)."""

    url: str
    kind: str  # list, detail or other
    relevant: bool  # the page itself names a report of the source's kinds (and years)
    title: str
    attachments: list[Link] = field(default_factory=list)  # documents kept
    skipped: list[Link] = field(default_factory=list)  # documents found but not about the source's reports
    details: list[Link] = field(default_factory=list)
    next_page: Optional[str] = None
    metadata: dict[str, str] = field(default_factory=dict)
    block: Optional[Block] = None
    frames: list[str] = field(default_factory=list)  # same-host iframe pages that may hold the content

    def as_json(self) -> dict[str, Any]:
        """The page view as the JSON object `inspect-page --json` prints."""
        return {"url": self.url, "kind": self.kind, "relevant": self.relevant,
                "attachments": [a.url for a in self.attachments],
                "attachment_links": [{"url": a.url, "text": a.text, "how": a.how} for a in self.attachments],
                "skipped_attachments": [a.url for a in self.skipped],
                "details": [{"url": d.url, "text": d.text} for d in self.details],
                "next_page": self.next_page, "frames": self.frames, "metadata": self.metadata}


@dataclass
class DetailPage:
    """What a detail page says: its title, portal metadata and attachment links."""

    url: str
    title: str
    metadata: dict[str, str] = field(default_factory=dict)
    attachments: list[Link] = field(default_factory=list)


def parse(body: bytes, url: str) -> tuple[HtmlElement, str]:
    """Decode (GBK/GB2312/UTF-8 aware) and parse a page with links made absolute; returns (root, text)."""
    text, _, _ = decode_html(body)
    text = _XML_DECL.sub("", text or "", count=1)  # lxml refuses a str that still declares its encoding
    root = lxml.html.document_fromstring(text or "<html></html>")
    root.make_links_absolute(url, resolve_base_href=True)
    return root, text or ""


def visible_text(root: HtmlElement) -> str:
    """The page's text without scripts and styles, whitespace collapsed."""
    texts = root.xpath("//body//text()[not(ancestor::script) and not(ancestor::style) and not(ancestor::noscript)]")
    return " ".join(" ".join(str(t) for t in texts).split())


def page_title(root: HtmlElement, meta: dict[str, str]) -> str:
    """The article title: <meta name=ArticleTitle>, the portal metadata title, the first h1, else <title>."""
    for el in root.iter("meta"):
        if (el.get("name") or "").lower() == "articletitle" and (el.get("content") or "").strip():
            return el.get("content", "").strip()
    if meta.get("title"):
        return meta["title"]
    h1 = next((" ".join(h.text_content().split()) for h in root.iter("h1") if h.text_content().strip()), "")
    title = next((" ".join(t.text_content().split()) for t in root.iter("title")), "")
    return h1 if h1 and h1 in title else (title or h1)


def _is_article(root: HtmlElement, url: str, source: Source) -> bool:
    """The page is an article: it says so in <meta name=ArticleTitle>, or its URL is a detail URL of the family."""
    for el in root.iter("meta"):
        if (el.get("name") or "").lower() == "articletitle" and (el.get("content") or "").strip():
            return True
    return bool(source.detail_pattern and re.search(source.detail_pattern, url))


def _selected(root: HtmlElement, selector: str) -> list[HtmlElement]:
    try:
        return list(root.cssselect(selector)) if selector else []
    except Exception:  # a template's selector lxml cannot compile: treat as matching nothing
        return []


def _html_details(root: HtmlElement, url: str, source: Source) -> list[Link]:
    """Detail links by the template's selector and URL pattern (only when the template names a pattern)."""
    if not source.detail_pattern:
        return []
    pattern = re.compile(source.detail_pattern)
    found = []
    for el in _selected(root, source.detail_link or "a"):
        href = el.get("href")
        if href and pattern.search(href) and urldefrag(href)[0] != url:
            found.append(Link(urldefrag(href)[0], anchor_text(el)))
    return found


def _listing(root: HtmlElement, text: str, url: str, source: Source) -> Listing:
    """Details and next page from the template's selectors and its named JS-list parsers."""
    details: list[Link] = []
    nxt: Optional[str] = None
    if text.lstrip()[:1] not in ("{", "["):  # a JSON list endpoint: only its parser can read it
        details = _html_details(root, url, source)
        hrefs = [el.get("href", "") for el in _selected(root, source.next_page)]
        nxt = next((urldefrag(h)[0] for h in hrefs if h and not h.startswith("javascript:")), None)
    for name in source.list_parsers:
        got = LIST_PARSERS[name](text, url, source)
        details.extend(got.details)
        nxt = nxt or got.next_page
    unique: dict[str, Link] = {}
    for link in details:  # a document link is an attachment, never a page to read
        if (source.allows(link.url) or not source.allowed_hosts) and not is_document_url(link.url):
            unique.setdefault(link.url, link)
    return Listing(list(unique.values()), nxt if nxt != url else None)


def _file_label(link: Link) -> str:
    """What names an attachment: its anchor text and its URL's file name."""
    return f"{link.text} {unquote(urlparse(link.url).path.rsplit('/', 1)[-1])}"


def split_attachments(found: list[Link], source: Source, relevant: bool,
                      in_scope: Optional[set[str]]) -> tuple[list[Link], list[Link]]:
    """(kept, skipped): a link naming a report is kept anywhere; on a relevant page, so is one in its content
    that names no rule, form or notice (申请表, 招聘 …) and no year outside the source's range."""
    kept: list[Link] = []
    skipped: list[Link] = []
    for link in found:
        label = _file_label(link)
        named = is_relevant(label, source.kinds, source.years)
        inside = in_scope is None or link.url in in_scope or link.how in ("script", "iframe")
        other = any(w in label for w in vocab().not_reports) or not in_years(label, source.years)
        (kept if named or (relevant and inside and not other) else skipped).append(link)
    return kept, skipped


def inspect(body: bytes, url: str, source: Source, context: str = "") -> PageView:
    """Kind, relevance, kept and skipped attachments, details, next page and metadata of one page.

    context is the text of the link that led here (a list item's anchor, a framing page's title): a page
    whose own title is bare (an iframe's content page) is relevant when that text names a report.
    """
    root, text = parse(body, url)
    meta = portal_metadata(root).values()
    title = page_title(root, meta)
    meta = {**meta, "title": title}
    block = blocked(text, visible_text(root))
    if block is not None:
        meta["blocked"] = block.code
        if block.target:
            meta["redirect"] = block.target
        return PageView(url, "other", False, title, metadata=meta, block=block)
    listing = _listing(root, text, url, source)
    scope = _selected(root, source.content)
    in_scope = {urldefrag((a.get("href") or "").strip())[0] for el in scope for a in el.iter("a")} if scope else None
    found = attachments(list(root.iter("a")), root, url)
    if source.attachment_pattern:
        found = [a for a in found if re.search(source.attachment_pattern, unquote(a.url), re.IGNORECASE)]
    frames = content_frames(root, url)
    if _is_article(root, url, source) or (not listing.details and (found or frames or context)):
        kind = "detail"
    else:
        kind = "list" if listing.details else "other"
    head = next((" ".join(t.text_content().split()) for t in root.iter("title")), "")
    relevant = kind == "detail" and is_relevant(f"{title} {head} {context}", source.kinds, source.years)
    kept, skipped = split_attachments(found, source, relevant, in_scope)
    for link in kept:
        link.text = link.text or title
    return PageView(url, kind, relevant, title, kept, skipped, listing.details, listing.next_page, meta,
                    frames=frames if relevant and not kept else [])


def detail_page(body: bytes, url: str, source: Source) -> DetailPage:
    """Title, 索引号/发布机构/公开日期 metadata and kept attachment links of one detail page."""
    view = inspect(body, url, source)
    return DetailPage(url=url, title=view.title, metadata=view.metadata, attachments=view.attachments)


def list_page(body: bytes, url: str, source: Source) -> tuple[list[Link], Optional[str]]:
    """(detail links, next list page URL or None) of one list page."""
    view = inspect(body, url, source)
    return view.details, view.next_page
