"""Each CMS family crawled end to end (list -> detail -> attachment) from a 127.0.0.1 portal built from saved real pages.

The county's source file holds only `template`, `base_url` and its column ids (or start URLs): what the README
promises a new county needs.
"""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path
from typing import Iterator

import pytest

from govreports.crawl.crawler import CrawlResult, crawl
from govreports.crawl.http import Fetcher
from govreports.crawl.sources import SOURCES_DIR, Source, load_source

from .helpers import RecordingSleep
from .portal_server import RouteServer
from .portals.sites import SITES, TRS_RAR, Site


def county_source(tmp: Path, site: Site, base_url: str) -> Source:
    """Write the county's TOML (template + base_url + columns) beside a copy of the real templates and load it."""
    folder = tmp / "sources"
    shutil.copytree(SOURCES_DIR / "templates", folder / "templates")
    lines = [f'template = "{site.family}"', f'base_url = "{base_url}"', "requests_per_second = 200.0",
             *(f"{k} = {json.dumps(v, ensure_ascii=False)}" for k, v in site.county.items())]
    (folder / "county.toml").write_text("\n".join(lines) + "\n", encoding="utf-8")
    return load_source("county", folder)


def crawl_site(name: str, tmp: Path) -> tuple[CrawlResult, RouteServer]:
    """Serve one saved family site on 127.0.0.1, crawl it with the county's source, stop the server."""
    built = SITES[name]()
    server = RouteServer(built.routes)
    try:
        source = county_source(tmp, built, server.base_url)
        return crawl(source, tmp / "raw", Fetcher(source, sleep=RecordingSleep())), server
    finally:
        server.stop()


@pytest.fixture(params=sorted(SITES))
def site(request: pytest.FixtureRequest) -> Iterator[tuple[Site, RouteServer]]:
    built = SITES[request.param]()
    server = RouteServer(built.routes)
    yield built, server
    server.stop()


def test_family_list_detail_attachment(site: tuple[Site, RouteServer], tmp_path: Path) -> None:
    """Every expected document is stored with the served bytes; nothing else is; pages never to fetch are not."""
    built, server = site
    source = county_source(tmp_path, built, server.base_url)
    result = crawl(source, tmp_path / "raw", Fetcher(source, sleep=RecordingSleep()))
    got = {f.url.removeprefix(server.base_url): hashlib.sha256(f.path.read_bytes()).hexdigest() for f in result.files}
    want = {path: hashlib.sha256(data).hexdigest() for path, data in built.expected.items()}
    assert got == want, [(f.url, f.code) for f in result.failures]
    assert {f.code for f in result.failures} == built.failures, [(f.url, f.code) for f in result.failures]
    for path in built.never:
        assert server.hits.get(path.split("?")[0], 0) == 0, f"{path} was fetched"


def test_archive_members_name_their_archive(tmp_path: Path) -> None:
    """A .rar's members are documents whose referer and metadata name the archive; an escaping path is refused."""
    result, _ = crawl_site("trs_wcm", tmp_path)
    members = [f for f in result.files if "#" in f.url]
    assert len(members) == 2
    for f in members:
        archive = f.url.split("#")[0]
        assert f.referer == archive and f.metadata["archive"] == archive and f.file_name.endswith(".pdf")
    notes = [code for f in members for code, _ in f.notes]
    assert "archive_unsafe_path" in notes and "archive_member_skipped" in notes
    assert not any((tmp_path / "raw").rglob("evil.pdf"))


def test_irrelevant_and_blocked_pages_are_counted_not_stored(tmp_path: Path) -> None:
    """The 招聘 detail is skipped (counted), the bot-check stub is a fetch failure, the JS redirect is followed."""
    result, server = crawl_site("hanweb_jpage", tmp_path)
    assert result.skipped_pages == 1 and result.skipped_attachments == 1
    assert result.blocked == 2  # the bot stub and the redirect stub
    assert [f.code for f in result.failures] == ["bot_check"]  # the followed redirect is no failure
    assert server.hits.get("/module/web/jpage/dataproxy.jsp") == 1
    assert server.hits.get("/art/2026/3/2/art_1229_3.html") == 1


def test_content_iframe_page_holds_the_attachment(tmp_path: Path) -> None:
    """A budget detail whose body is an iframe of a bare content page: the content page's 附件 link is taken."""
    from .portal_server import Page
    detail = ('<html><head><meta charset="utf-8"><title>某县财政局2026年部门预算</title></head><body>'
              '<iframe src="/content/ys2026.html" width="100%"></iframe></body></html>')
    content = '<html><body><p>附件：<a href="/files/a.pdf">附件1</a><a href="/files/b.doc">招聘岗位表</a></p></body></html>'
    home = '<html><body><a href="/zwgk/1.html">某县财政局2026年部门预算</a></body></html>'
    server = RouteServer({"/index.html": Page(home.encode()), "/zwgk/1.html": Page(detail.encode()),
                          "/content/ys2026.html": Page(content.encode()),
                          "/files/a.pdf": Page(b"%PDF-1.4 a", "application/pdf"), "/files/b.doc": Page(b"never")})
    try:
        site = Site("generic", {}, {"start_urls": ["/index.html"]}, {})
        source = county_source(tmp_path, site, server.base_url)
        result = crawl(source, tmp_path / "raw", Fetcher(source, sleep=RecordingSleep()))
    finally:
        server.stop()
    assert [f.url.removeprefix(server.base_url) for f in result.files] == ["/files/a.pdf"]
    assert result.files[0].metadata["title"] == "某县财政局2026年部门预算"
    assert server.hits.get("/files/b.doc", 0) == 0


def test_inspect_page_fetches_a_url() -> None:
    """`inspect-page URL --source trs_wcm --json` fetches the page and names its .rar with an absolute URL."""
    import subprocess
    import sys
    built = SITES["trs_wcm"]()
    server = RouteServer(built.routes)
    try:
        url = server.base_url + "/zwgk/ysgk/index.html"
        out = subprocess.run([sys.executable, "-m", "govreports.cli", "inspect-page", url, "--source", "trs_wcm", "--json"],
                             capture_output=True, text=True, check=True, timeout=120)
        listing = json.loads(out.stdout)
        assert listing["kind"] == "list" and listing["relevant"] is False
        assert [d["url"] for d in listing["details"]] == [server.base_url + "/zwgk/ysgk/202008/t20200803_1.html"]
        assert listing["next_page"] == server.base_url + "/zwgk/ysgk/index_1.html"
        detail = json.loads(subprocess.run([sys.executable, "-m", "govreports.cli", "inspect-page",
                                            listing["details"][0]["url"], "--json"],
                                           capture_output=True, text=True, check=True, timeout=120).stdout)
        assert detail["family"] == "trs_wcm" and detail["kind"] == "detail" and detail["relevant"] is True
        assert detail["attachments"] == [server.base_url + TRS_RAR]
    finally:
        server.stop()
