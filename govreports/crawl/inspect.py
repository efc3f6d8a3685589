"""A page file or URL (+ source or template name) -> the inspect-page answer (what the crawler takes from it)."""
from __future__ import annotations

import dataclasses
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urlparse

from extractors.html_decode import decode_html
from govreports.crawl.http import Fetcher
from govreports.crawl.pages import inspect
from govreports.crawl.sources import SOURCE_NAME, SOURCES_DIR, Source, detect_family, load_source, load_template



def check_name_ok(name: str) -> bool:
    """True for a plain source/template name."""
    return bool(SOURCE_NAME.match(name))


def source_for(name: Optional[str], body: bytes, url: str) -> Source:
    """The named source (sources/NAME.toml) or template (sources/templates/NAME.toml), else the one the markup matches."""
    base = f"{urlparse(url).scheme}://{urlparse(url).netloc}"
    if name is None:
        return load_template(detect_family(decode_html(body)[0] or ""), base_url=base)
    if not check_name_ok(name):
        raise ValueError(f"--source must be a name from sources/ (letters, digits, _ and -), not {name!r}")
    if (SOURCES_DIR / f"{name}.toml").is_file():
        return load_source(name)
    if (SOURCES_DIR / "templates" / f"{name}.toml").is_file():
        return load_template(name, base_url=base)
    raise ValueError(f"no sources/{name}.toml and no sources/templates/{name}.toml")


def inspect_target(page: str, url: Optional[str], source_name: Optional[str]) -> dict[str, Any]:
    """Read the page (file, or fetch the URL politely with the source's fetcher) and inspect it."""
    is_url = page.startswith(("http://", "https://"))
    if is_url:
        url = url or page
        probe = load_template("generic", base_url=url)
        fetcher = Fetcher(dataclasses.replace(probe, allowed_hosts=(urlparse(url).hostname or "",), retries=1))
        try:
            body = fetcher.get(page).body
        finally:
            fetcher.close()
    else:
        body = Path(page).read_bytes()
        url = url or Path(page).resolve().as_uri().replace("file://", "http://localhost")
    source = source_for(source_name, body, url)
    view = inspect(body, url, source)
    return {"family": source.family or source.name, **view.as_json()}
