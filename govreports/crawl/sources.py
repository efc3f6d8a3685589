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
    attachment_pattern: str = r"\.(pdf|docx?|wps|xlsx?|zip)(\?|$)"
    detail_is_document: bool = True  # keep a detail page with no attachment as an html document
    requests_per_second: float = 2.0
    concurrency: int = 2
    max_bytes: int = 50 * 1024 * 1024
    timeout_s: float = 20.0
    retries: int = 3
    cron: str = "0 3 * * *"
    timezone: str = "Asia/Shanghai"  # of the cron schedule: the portals' own working hours
    user_agent: str = "govreports-crawler/0.1 (+https://example.invalid/govreports)"
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
    extra = {k: v for k, v in merged.items() if k not in known and k not in ("start_urls", "allowed_hosts")}
    return Source(name=name, start_urls=start_urls, allowed_hosts=tuple(hosts), extra=extra, **kwargs)


def load_source(name: str, sources_dir: Optional[Path] = None, **overrides: Any) -> Source:
    """Load sources/<name>.toml, with keys overridden (e.g. base_url of a server started at run time)."""
    folder = sources_dir or SOURCES_DIR
    raw = tomllib.loads((folder / f"{name}.toml").read_text(encoding="utf-8"))
    return resolve({**raw, **overrides}, name, folder / "templates")


def load_sources(sources_dir: Optional[Path] = None) -> list[Source]:
    """Every source file in the folder (templates excluded), sorted by name."""
    folder = sources_dir or SOURCES_DIR
    return [load_source(p.stem, folder) for p in sorted(folder.glob("*.toml"))]
