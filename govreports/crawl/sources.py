"""Source files (sources/*.toml) -> Source configs; a `template` key pulls shared CMS settings."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional
from urllib.parse import urljoin, urlparse

SOURCES_DIR = Path(__file__).resolve().parents[2] / "sources"


@dataclass(frozen=True)
class Source:
    """One portal: where its lists start, how to walk them, what to download, and how politely."""

    name: str
    start_urls: tuple[str, ...]
    allowed_hosts: tuple[str, ...]
    detail_link: str = "a"  # CSS selector of detail-page links on a list page
    detail_pattern: str = ""  # regex a detail URL must match ('' = any)
    next_page: str = ""  # CSS selector of the 'next page' link
    max_pages: int = 50
    attachment_link: str = "a"  # CSS selector of attachment links on a detail page
    attachment_pattern: str = ""  # regex an attachment URL must match ('' = any document link the page holds)
    detail_is_document: bool = True  # keep a detail page with no attachment as an html document
    requests_per_second: float = 2.0
    concurrency: int = 2
    max_bytes: int = 50 * 1024 * 1024
    timeout_s: float = 20.0
    retries: int = 3
    cron: str = "0 3 * * *"
    timezone: str = "Asia/Shanghai"  # of the cron schedule: the portals' own working hours
    user_agent: str = "govreports-crawler/0.1 (+https://example.invalid/govreports)"
    family: str = ""  # the CMS template this source uses (sources/templates/<family>.toml)
    signatures: tuple[str, ...] = ()  # regexes whose match in a page's markup says it is this family's
    list_parsers: tuple[str, ...] = ()  # named parsers of JS-built lists (govreports.crawl.listparsers)
    content: str = ""  # CSS selector of a detail page's content (attachments outside it need a relevant anchor)
    kinds: tuple[str, ...] = ("预算", "决算", "绩效")  # report kinds kept (vocab.toml [kinds])
    years: Optional[tuple[int, int]] = None  # keep only reports naming a year in this range (None = any)
    max_depth: int = 1  # link hops from a start page to a detail page (list pages' own paging is free)
    max_archive_members: int = 200
    max_archive_bytes: int = 500 * 1024 * 1024  # total unpacked bytes of one archive
    deadline_s: float = 120.0  # total time of one request: connect, headers and body
    max_requests: int = 5000  # per run
    max_requests_per_host: int = 3000  # per run and host
    max_run_s: float = 4 * 3600.0  # no request starts after this much wall time in one run
    robots_max_bytes: int = 512 * 1024
    robots_timeout_s: float = 10.0
    extra: dict[str, Any] = field(default_factory=dict)

    def allows(self, url: str) -> bool:
        """True when url is http(s) on one of the allowed hosts."""
        parts = urlparse(url)
        return parts.scheme in ("http", "https") and (parts.hostname or "") in self.allowed_hosts


_FIELD = re.compile(r"\{(\w+)\}")


def _fill(value: Any, params: dict[str, Any]) -> Any:
    """value with {name} fields of known params filled in (regex braces such as \\d{4} are left alone)."""
    if isinstance(value, str):
        return _FIELD.sub(lambda m: str(params[m.group(1)]) if m.group(1) in params else m.group(0), value)
    if isinstance(value, list):
        return [_fill(v, params) for v in value]
    return value


def resolve(raw: dict[str, Any], name: str, templates_dir: Path) -> Source:
    """Merge a source file over its template (string values are formatted with the source's params)."""
    merged: dict[str, Any] = {}
    if "template" in raw:
        check_name(str(raw["template"]), "template")
        merged.update(tomllib.loads((templates_dir / f"{raw['template']}.toml").read_text(encoding="utf-8")))
    merged.update({k: v for k, v in raw.items() if k != "template"})
    params = {"base_url": str(merged.get("base_url", "")).rstrip("/"), **merged.get("params", {})}
    if "columns" in merged and "start_urls" not in raw:
        pattern = merged.get("column_url", "{base_url}/col/{column}/index.html")
        merged["start_urls"] = [_fill(pattern, {**params, "column": c}) for c in merged["columns"]]
    start_urls = tuple(urljoin(params["base_url"] + "/", u) for u in _fill(merged.get("start_urls", []), params))
    hosts = merged.get("allowed_hosts") or sorted({urlparse(u).hostname or "" for u in start_urls})
    known = set(Source.__dataclass_fields__) - {"name", "start_urls", "allowed_hosts", "extra"}
    kwargs = {k: _fill(v, params) for k, v in merged.items() if k in known}
    kwargs.update({k: tuple(v) for k, v in kwargs.items() if isinstance(v, list)})
    if "template" in raw:
        kwargs.setdefault("family", raw["template"])
    extra = {k: v for k, v in merged.items() if k not in known and k not in ("start_urls", "allowed_hosts")}
    return Source(name=name, start_urls=start_urls, allowed_hosts=tuple(hosts), extra=extra, **kwargs)


SOURCE_NAME = re.compile(r"^[A-Za-z0-9_-]{1,64}$")


def check_name(name: str, what: str = "source") -> str:
    """name itself when it is a plain file stem (letters, digits, _ and -), else ValueError: never a path."""
    if not SOURCE_NAME.match(name):
        raise ValueError(f"{what} name {name!r} must be letters, digits, '_' or '-' (a file in sources/, not a path)")
    return name


def load_source(name: str, sources_dir: Optional[Path] = None, **overrides: Any) -> Source:
    """Load sources/<name>.toml, with keys overridden (e.g. base_url of a server started at run time)."""
    folder = sources_dir or SOURCES_DIR
    check_name(name)
    if "template" in overrides:
        check_name(str(overrides["template"]), "template")
    raw = tomllib.loads((folder / f"{name}.toml").read_text(encoding="utf-8"))
    return resolve({**raw, **overrides}, name, folder / "templates")


def load_sources(sources_dir: Optional[Path] = None) -> list[Source]:
    """Every source file in the folder (templates excluded), sorted by name."""
    folder = sources_dir or SOURCES_DIR
    return [load_source(p.stem, folder) for p in sorted(folder.glob("*.toml"))]


def template_names(sources_dir: Optional[Path] = None) -> list[str]:
    """Names of the CMS templates in sources/templates/, sorted."""
    return sorted(p.stem for p in ((sources_dir or SOURCES_DIR) / "templates").glob("*.toml"))


def load_template(family: str, base_url: str = "http://localhost", sources_dir: Optional[Path] = None) -> Source:
    """A source made of one template alone (for inspecting a page of a portal that has no source file yet)."""
    return resolve({"template": family, "base_url": base_url, "start_urls": []}, family,
                   (sources_dir or SOURCES_DIR) / "templates")


def detect_family(html: str, sources_dir: Optional[Path] = None) -> str:
    """The template whose signatures match the page's markup best (most matching signatures), else 'generic'."""
    best, score = "generic", 0
    for name in template_names(sources_dir):
        source = load_template(name, sources_dir=sources_dir)
        hits = sum(1 for sig in source.signatures if re.search(sig, html))
        if hits > score:
            best, score = name, hits
    return best
