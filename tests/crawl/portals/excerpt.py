"""Make a test fixture from a saved real portal page: markup kept, bulk dropped, hosts rewritten.

    .venv/bin/python tests/crawl/portals/excerpt.py SAVED.html OUT.html [--only CSS] [--host old.host ...]

Drops styles, stylesheet links, images, comments, forms and scripts that hold nothing the crawler reads
(kept: sPdfUrl, createPageHTML, datastore, jpaas queryData, location), then rewrites absolute links to the
named hosts as root-relative, so the page can be served from 127.0.0.1.
"""
from __future__ import annotations

import re
import sys

import lxml.html

from extractors.html_decode import decode_html

KEEP_SCRIPT = re.compile(r"sPdfUrl|createPageHTML|datastore|jpaas|location\.href|__tst_status")


def excerpt(body: bytes, hosts: list[str], only: str = "") -> str:
    """The page with its bulk removed (or only the body elements matching CSS `only`), the given hosts made relative."""
    text = decode_html(body)[0] or ""
    root = lxml.html.document_fromstring(text)
    if only:
        kept = root.cssselect(only)
        body_el = root.find("body")
        for child in list(body_el):
            body_el.remove(child)
        body_el.extend(kept)
    for el in list(root.iter(lxml.etree.Comment)):
        el.getparent().remove(el) if el.getparent() is not None else None
    for el in list(root.iter("style", "link", "img", "form", "select", "input", "svg", "noscript")):
        el.drop_tree()
    for el in list(root.iter("script")):
        if not KEEP_SCRIPT.search((el.text or "") + " ".join(el.attrib.values())):
            el.drop_tree()
    html = lxml.html.tostring(root, encoding="unicode")
    for host in hosts:
        html = re.sub(rf"https?://{re.escape(host)}", "", html)
    return re.sub(r"\n\s*\n+", "\n", html)


if __name__ == "__main__":
    args = sys.argv[1:]
    hosts = args[args.index("--host") + 1:] if "--host" in args else []
    only = args[args.index("--only") + 1] if "--only" in args else ""
    src, out = args[0], args[1]
    with open(src, "rb") as fh:
        page = excerpt(fh.read(), hosts, only)
    with open(out, "w", encoding="utf-8") as fh:
        fh.write(page)
