"""Raw files stored by SHA-256 under data/raw/<source>/, and the crawl manifest (Parquet) beside them."""
from __future__ import annotations

import hashlib
import os
import re
import uuid
from datetime import datetime
from email.message import Message
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote, urlparse

import pyarrow as pa
import pyarrow.parquet as pq

from extractors.detect import detect_format

MANIFEST = pa.schema([
    ("url", pa.string()), ("referer", pa.string()), ("title", pa.string()), ("index_no", pa.string()),
    ("publisher", pa.string()), ("published_date", pa.string()), ("http_status", pa.int32()),
    ("etag", pa.string()), ("last_modified", pa.string()), ("sha256", pa.string()), ("bytes", pa.int64()),
    ("content_type", pa.string()), ("file_name", pa.string()), ("path", pa.string()),
    ("fetched_at", pa.timestamp("us", tz="UTC")),
])
_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f]+")


def safe_name(name: str) -> str:
    """A file name reduced to its last component with path tricks (`../../`) and control characters removed."""
    base = name.replace("\\", "/").split("/")[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    return base or "download"


def content_disposition_name(header: Optional[str]) -> Optional[str]:
    """The file name of a Content-Disposition header: RFC 5987 filename*, else filename (UTF-8 or GBK bytes)."""
    if not header:
        return None
    msg = Message()
    msg["content-disposition"] = header
    name = msg.get_filename()
    if name is None:
        return None
    try:  # servers often send raw GBK/UTF-8 bytes, which arrive here as latin-1 characters
        raw = name.encode("latin-1")
        for enc in ("utf-8", "gb18030"):
            try:
                return raw.decode(enc)
            except UnicodeDecodeError:
                continue
    except UnicodeEncodeError:
        pass
    return name


def url_file_name(url: str) -> str:
    """The last path segment of a URL, percent-decoded."""
    return unquote(urlparse(url).path.rsplit("/", 1)[-1]) or "index.html"


def store_bytes(raw_dir: Path, data: bytes) -> tuple[str, Path, str]:
    """Write data under raw_dir by its SHA-256 (atomically, once); returns (sha256, path, sniffed format)."""
    sha = hashlib.sha256(data).hexdigest()
    fmt = detect_format(data)
    target = (raw_dir / sha[:2] / f"{sha}.{fmt}").resolve()
    if raw_dir.resolve() not in target.parents:
        raise ValueError(f"refusing to write outside {raw_dir}")
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.parent / f".{sha}.{uuid.uuid4().hex}.tmp"
        tmp.write_bytes(data)
        os.replace(tmp, target)
    return sha, target, fmt


def read_manifest(raw_dir: Path) -> dict[str, dict[str, Any]]:
    """The manifest as url -> row (empty when there is none yet)."""
    path = raw_dir / "manifest.parquet"
    if not path.exists():
        return {}
    return {row["url"]: row for row in pq.read_table(path).to_pylist()}


def write_manifest(raw_dir: Path, rows: dict[str, dict[str, Any]]) -> None:
    """Replace the manifest atomically with rows (sorted by url)."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist([rows[u] for u in sorted(rows)], schema=MANIFEST)
    tmp = raw_dir / f".manifest.{uuid.uuid4().hex}.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, raw_dir / "manifest.parquet")


def manifest_row(url: str, referer: Optional[str], status: int, headers: dict[str, str], sha: Optional[str],
                 size: int, fmt: Optional[str], path: Optional[Path], fetched_at: datetime,
                 page_meta: Optional[dict[str, str]] = None, file_name: Optional[str] = None) -> dict[str, Any]:
    """One manifest row."""
    meta = page_meta or {}
    return {"url": url, "referer": referer, "title": meta.get("title"), "index_no": meta.get("index_no"),
            "publisher": meta.get("publisher"), "published_date": meta.get("published_date"),
            "http_status": status, "etag": headers.get("etag"), "last_modified": headers.get("last-modified"),
            "sha256": sha, "bytes": size, "content_type": fmt, "file_name": file_name,
            "path": str(path) if path else None, "fetched_at": fetched_at}
