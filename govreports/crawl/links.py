"""A parsed page -> the document links it holds: hrefs, download handlers, URLs inside scripts, content iframes."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterable, Optional
from urllib.parse import parse_qsl, unquote, urldefrag, urljoin, urlparse

from lxml.html import HtmlElement

from govreports.crawl.vocab import vocab


@dataclass
class Link:
    """A link found on a page: absolute URL, its anchor text, and how it was found (href/handler/script/iframe)."""

    url: str
    text: str
    how: str = "href"


def _script_url() -> re.Pattern[str]:
    ext = "|".join(vocab().extensions)
    return re.compile(r"""["']((?:https?:)?[^"'\s<>()]*/[^"'\s<>()]*\.(?:""" + ext + r"""))(?:#[^"']*)?["']""",
                      re.IGNORECASE)


def is_document_url(url: str) -> bool:
    """The URL's path, or one of its query values, ends in a document or archive extension."""
    parts = urlparse(url)
    doc = vocab().doc_ext
    return bool(doc.search(unquote(parts.path)) or any(doc.search(v) for _, v in parse_qsl(parts.query)))


def names_file(text: str) -> bool:
    """The anchor text (or title) is a file name with a document extension."""
    return bool(vocab().doc_ext.search(text.strip()))


def is_handler(url: str) -> bool:
    """The URL is a known download handler (serves a file without an extension in its path)."""
    return bool(vocab().handler.search(url))


def anchor_text(el: HtmlElement) -> str:
    """The visible text of an anchor, else its title attribute."""
    text = " ".join(el.text_content().split())
    return text or (el.get("title") or "").strip()


def _clean(href: Optional[str]) -> Optional[str]:
    if not href or href.strip().lower().startswith(("javascript:", "mailto:", "tel:", "#")):
        return None
    return urldefrag(href.strip())[0]


def href_attachments(anchors: Iterable[HtmlElement]) -> list[Link]:
    """Anchors pointing at documents: a document extension, a download handler, or an anchor naming a file."""
    found = []
    for el in anchors:
        url = _clean(el.get("href"))
        if url is None:
            continue
        text = anchor_text(el)
        if is_document_url(url):
            found.append(Link(url, text, "href"))
        elif is_handler(url) or names_file(text) or names_file(el.get("title") or ""):
            found.append(Link(url, text, "handler"))
    return found


def script_attachments(root: HtmlElement, base: str) -> list[Link]:
    """Document URLs written inside inline scripts (e.g. `var sPdfUrl = "/cms_files/…/x.pdf"`)."""
    pattern = _script_url()
    found = []
    for script in root.iter("script"):
        for m in pattern.finditer(script.text or ""):
            found.append(Link(urljoin(base, m.group(1)), "", "script"))
    return found


def frame_attachments(root: HtmlElement, base: str) -> list[Link]:
    """iframe/embed/object sources that are documents, or viewers whose query names one (viewer.html?file=x.pdf)."""
    found = []
    for el in root.iter("iframe", "embed", "object"):
        src = _clean(el.get("src") or el.get("data"))
        if not src:
            continue
        if vocab().doc_ext.search(unquote(urlparse(src).path)):
            found.append(Link(src, "", "iframe"))
            continue
        for _, value in parse_qsl(urlparse(src).query):
            if vocab().doc_ext.search(unquote(urlparse(value).path)):
                found.append(Link(urljoin(src, value), "", "iframe"))
    return found


def content_frames(root: HtmlElement, base: str) -> list[str]:
    """Same-host iframe pages that are not documents (a detail page whose content is framed in)."""
    host = urlparse(base).netloc
    found = []
    for el in root.iter("iframe"):
        src = _clean(el.get("src"))
        if src and urlparse(src).netloc == host and urlparse(src).scheme in ("http", "https") \
                and not is_document_url(src) and src != base:
            found.append(src)
    return found


def attachments(anchors: Iterable[HtmlElement], root: HtmlElement, base: str) -> list[Link]:
    """Every document link of a page (first occurrence of a URL wins; an anchor's text beats an empty one)."""
    seen: dict[str, Link] = {}
    for link in [*href_attachments(anchors), *script_attachments(root, base), *frame_attachments(root, base)]:
        known = seen.get(link.url)
        if known is None:
            seen[link.url] = link
        elif not known.text and link.text:
            known.text = link.text
    return list(seen.values())
