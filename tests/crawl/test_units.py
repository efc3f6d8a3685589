"""Unit tests of the crawl's small parts: headers, file names, source templates, robots.txt, portal pages."""
from __future__ import annotations

import socket
from email.utils import formatdate
from pathlib import Path
from typing import Callable

import pytest

from govreports import demo_portal
from govreports.crawl.http import Forbidden, retry_after_seconds
from govreports.crawl.pages import detail_page, list_page
from govreports.crawl.rawstore import content_disposition_name, safe_name
from govreports.crawl.sources import SOURCES_DIR, load_source, load_sources

from .helpers import fast_source, fetcher_for

Portal = Callable[..., demo_portal.PortalServer]


@pytest.mark.parametrize("value, expected", [
    ("1", 1.0), (" 7 ", 7.0), ("0", 0.0), ("3600", 30.0),  # capped
    (None, None), ("", None), ("soon", None), ("-5", None),
])
def test_retry_after_seconds(value: str | None, expected: float | None) -> None:
    assert retry_after_seconds(value) == expected


def test_retry_after_http_date() -> None:
    now = 1_700_000_000.0
    assert retry_after_seconds(formatdate(now + 12, usegmt=True), now=now) == pytest.approx(12.0)
    assert retry_after_seconds(formatdate(now - 60, usegmt=True), now=now) == 0.0
    assert retry_after_seconds(formatdate(now + 3600, usegmt=True), now=now) == 30.0


def _as_header(raw: bytes) -> str:
    """Header bytes the way httpx hands over a non-ASCII, non-UTF-8 header (latin-1 characters)."""
    return raw.decode("latin-1")


@pytest.mark.parametrize("header, expected", [
    ("attachment; filename*=UTF-8''%E9%A2%84%E7%AE%97%E5%85%AC%E5%BC%80.pdf", "预算公开.pdf"),  # RFC 5987
    ("attachment; filename=\"fallback.pdf\"; filename*=utf-8''%E5%86%B3%E7%AE%97.docx", "决算.docx"),  # * wins
    ("attachment; filename*=GBK''%D4%A4%CB%E3.pdf", "预算.pdf"),  # RFC 5987 with a GBK charset
    (_as_header('attachment; filename="2019年部门预算.pdf"'.encode("gbk")), "2019年部门预算.pdf"),  # raw GBK
    (_as_header('attachment; filename="部门决算.xls"'.encode("utf-8")), "部门决算.xls"),  # raw UTF-8
    ('attachment; filename="report 2019.pdf"', "report 2019.pdf"),  # plain
    ("attachment; filename=report.docx", "report.docx"),  # plain, unquoted
    ("attachment", None), ("inline", None), ("", None), (None, None),
])
def test_content_disposition_name(header: str | None, expected: str | None) -> None:
    assert content_disposition_name(header) == expected


@pytest.mark.parametrize("name, expected", [
    ("../../etc/evil.pdf", "evil.pdf"),
    ("..\\..\\windows\\win.ini", "win.ini"),
    ("/etc/passwd", "passwd"),
    ("预算:2019*?.pdf", "预算_2019_.pdf"),
    ("a\x00b\r\n.pdf", "a_b_.pdf"),
    ("..", "download"), ("", "download"), ("...hidden.pdf", "hidden.pdf"),
    ("2019年部门预算.pdf", "2019年部门预算.pdf"),
])
def test_safe_name(name: str, expected: str) -> None:
    assert safe_name(name) == expected


def test_safe_name_caps_length_and_keeps_extension() -> None:
    name = safe_name("预" * 300 + ".pdf")
    assert name.endswith(".pdf") and len(name.encode("utf-8")) <= 200


def test_county_source_needs_only_base_url_and_columns(tmp_path: Path) -> None:
    (tmp_path / "templates").mkdir()
    template = (SOURCES_DIR / "templates" / "hunan_jiyue.toml").read_text(encoding="utf-8")
    (tmp_path / "templates" / "hunan_jiyue.toml").write_text(template + 'extra_rule = "\\\\d{4}"\n', encoding="utf-8")
    (tmp_path / "xiangyin.toml").write_text(
        'template = "hunan_jiyue"\nbase_url = "http://www.xiangyin.gov.cn/"\ncolumns = ["col1", "col22"]\n',
        encoding="utf-8")
    src = load_source("xiangyin", tmp_path)
    assert src.start_urls == ("http://www.xiangyin.gov.cn/col/col1/index.html",
                              "http://www.xiangyin.gov.cn/col/col22/index.html")
    assert src.allowed_hosts == ("www.xiangyin.gov.cn",)
    assert src.detail_pattern == "/art/" and "下一页" in src.next_page and src.cron == "30 2 * * *"
    assert src.extra["extra_rule"] == "\\d{4}"  # regex braces are not format fields
    assert src.allows("http://www.xiangyin.gov.cn/art/2024/1/1/art_1_1.html")
    assert not src.allows("http://evil.example.invalid/x.pdf") and not src.allows("ftp://www.xiangyin.gov.cn/x")
    assert [s.name for s in load_sources(tmp_path)] == ["xiangyin"]  # templates are not sources


def test_bundled_sources_resolve() -> None:
    by_name = {s.name: s for s in load_sources()}
    assert {"demo", "miluo"} <= set(by_name)
    assert by_name["miluo"].start_urls == ("http://www.miluo.gov.cn/col/col6218/index.html",
                                           "http://www.miluo.gov.cn/col/col6219/index.html")
    assert by_name["demo"].start_urls == ("http://127.0.0.1:8765/col/col1001/index.html",)


def test_robots_disallow_is_honoured(portal: Portal) -> None:
    server = portal()
    fetcher = fetcher_for(fast_source(server))
    try:
        with pytest.raises(Forbidden) as info:
            fetcher.get(server.base_url + "/private/secret.pdf")
        assert info.value.code == "robots_disallowed"
        with pytest.raises(Forbidden) as foreign:
            fetcher.get("http://evil.example.invalid/x.pdf")
        assert foreign.value.code == "url_not_allowed"
        assert fetcher.get(server.base_url + "/col/col1001/index.html").status == 200
    finally:
        fetcher.close()
    paths = [p for p, _ in server.served]
    assert "/robots.txt" in paths and not any(p.startswith("/private/") for p in paths)


def test_gbk_detail_page_metadata(portal: Portal) -> None:
    server = portal()
    source = fast_source(server)
    item = next(it for it in demo_portal.sample_items() if it.number % 2 and not it.is_page)  # odd: GBK page
    fetcher = fetcher_for(source)
    try:
        got = fetcher.get(server.base_url + item.detail_path)
    finally:
        fetcher.close()
    with pytest.raises(UnicodeDecodeError):
        got.body.decode("utf-8")  # really GBK on the wire
    page = detail_page(got.body, got.url, source)
    assert page.metadata["index_no"] == f"12332211/2024-0000{item.number:03d}"
    assert page.metadata["publisher"] == "汨罗市"
    assert page.metadata["published_date"] == f"2024-04-{item.number:02d}"
    assert "预决算公开" in page.title
    assert [a.url for a in page.attachments] == [server.base_url + item.attachment_path]
    assert page.attachments[0].text == item.path.name


def test_list_pages_paginate(portal: Portal) -> None:
    server = portal()
    source = fast_source(server)
    items = demo_portal.sample_items()
    links, nxt = list_page(demo_portal.list_page(items, 1), server.base_url + "/col/col1001/index.html", source)
    assert [link.url for link in links] == [server.base_url + it.detail_path for it in items[:demo_portal.PER_PAGE]]
    assert nxt == server.base_url + "/col/col1001/index_2.html"
    _, last = list_page(demo_portal.list_page(items, 3), server.base_url + "/col/col1001/index_3.html", source)
    assert last is None


def test_attachment_names_from_the_wire(portal: Portal, tmp_path: Path) -> None:
    """Chinese names in both header styles the portal sends (raw GBK for odd items, RFC 5987 for even) decode."""
    names = ["2019年部门预算公开.docx", "汨罗市2018年决算（草案）.pdf"]
    for sub, name in zip(("docx", "pdf"), names):
        (tmp_path / sub).mkdir()
        (tmp_path / sub / name).write_bytes(next((demo_portal.SAMPLES / sub).glob("*")).read_bytes())
    server = portal(tmp_path)
    fetcher = fetcher_for(fast_source(server))
    try:
        items = demo_portal.sample_items(tmp_path)
        assert [it.path.name for it in items] == names
        for item in items:
            got = fetcher.get(server.base_url + item.attachment_path)
            raw = got.headers.get("content-disposition", "")
            assert ("filename*=" in raw) == (item.number % 2 == 0)
            assert content_disposition_name(raw) == item.path.name
    finally:
        fetcher.close()


def test_start_preferred_reuses_a_running_portal_or_moves(portal: Portal) -> None:
    running = portal()
    port = running.server_address[1]
    assert demo_portal.running_at(port)
    server, url = demo_portal.start_preferred(port)  # a demo portal already serves the port: reuse it
    assert server is None and url == running.base_url
    with socket.socket() as other:  # something else holds a port: start on a free one
        other.bind(("127.0.0.1", 0))
        taken = other.getsockname()[1]
        assert not demo_portal.running_at(taken)
        server, url = demo_portal.start_preferred(taken)
    assert server is not None and url == server.base_url and server.server_address[1] != taken
    server.shutdown()
    server.server_close()
