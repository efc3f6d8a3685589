"""Raw files stored by SHA-256 under data/raw/<source>/, and the crawl manifest (Parquet) beside them."""
from __future__ import annotations

import hashlib
import os
import re
import uuid
from datetime import datetime
from email.message import Message
from email.utils import collapse_rfc2231_value
from pathlib import Path
from typing import Any, Optional
from urllib.parse import unquote, urlparse

import pyarrow as pa
import pyarrow.parquet as pq

from extractors.detect import detect_format

MANIFEST = pa.schema([
    ("url", pa.string()), ("final_url", pa.string()), ("referer", pa.string()), ("title", pa.string()),
    ("index_no", pa.string()), ("publisher", pa.string()), ("published_date", pa.string()),
    ("http_status", pa.int32()), ("etag", pa.string()), ("last_modified", pa.string()), ("sha256", pa.string()),
    ("bytes", pa.int64()), ("content_type", pa.string()), ("file_name", pa.string()), ("path", pa.string()),
    ("fetched_at", pa.timestamp("us", tz="UTC")),
])
_UNSAFE = re.compile(r"[\\/:*?\"<>|\x00-\x1f\x7f]+")
MAX_NAME_BYTES = 200


def safe_name(name: str) -> str:
    """A file name reduced to its last component, without path tricks (`../../`), control characters or leading dots."""
    base = name.replace("\\", "/").split("/")[-1]
    base = _UNSAFE.sub("_", base).strip(" .")
    return _shorten(base, MAX_NAME_BYTES) or "download"


def _shorten(name: str, limit: int) -> str:
    """name cut to at most limit UTF-8 bytes, keeping a short extension."""
    if len(name.encode("utf-8")) <= limit:
        return name
    stem, dot, ext = name.rpartition(".")
    if not dot or len(ext) > 10:
        stem, ext = name, ""
    suffix = f".{ext}" if ext else ""
    room = limit - len(suffix.encode("utf-8"))
    return stem.encode("utf-8")[:room].decode("utf-8", "ignore") + suffix


def _redecode(name: str) -> str:
    """A header value whose raw bytes arrived as latin-1 characters, decoded as UTF-8 or else GB18030."""
    try:
        raw = name.encode("latin-1")
    except UnicodeEncodeError:
        return name  # already real text
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return name


def content_disposition_name(header: Optional[str]) -> Optional[str]:
    """The file name of a Content-Disposition header: RFC 5987 filename* first, else filename (UTF-8 or GBK bytes)."""
    if not header:
        return None
    msg = Message()
    msg["content-disposition"] = header
    params = [(k.lower(), v) for k, v in msg.get_params(header="content-disposition", failobj=[])[1:]]
    encoded = [v for k, v in params if k == "filename" and isinstance(v, tuple)]
    if encoded:  # filename*=charset'lang'pct-encoded
        return collapse_rfc2231_value(encoded[0], errors="replace") or None
    plain = [v for k, v in params if k == "filename" and isinstance(v, str)]
    if not plain:
        return None
    return _redecode(plain[0].strip()) or None


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


def sweep_tmp(raw_dir: Path) -> int:
    """Delete temporary files a killed crawl left under raw_dir; returns how many."""
    stale = [p for p in raw_dir.glob("**/.*.tmp") if p.is_file()] if raw_dir.is_dir() else []
    for p in stale:
        p.unlink(missing_ok=True)
    return len(stale)


def stored_path(raw_dir: Path, row: dict[str, Any]) -> Optional[Path]:
    """The stored file of a manifest row when it is still on disk (paths are kept relative to raw_dir)."""
    rel = row.get("path")
    path = raw_dir / rel if rel else None
    return path if path is not None and path.is_file() else None


def read_manifest(raw_dir: Path) -> dict[str, dict[str, Any]]:
    """The manifest as url -> row (empty when there is none yet)."""
    path = raw_dir / "manifest.parquet"
    if not path.exists():
        return {}
    # one read of the bytes: pyarrow opens a path more than once, and a concurrent atomic replace between those
    # opens (another process's crawl) would pair the old footer with the new file
    return {row["url"]: row for row in pq.read_table(pa.BufferReader(path.read_bytes())).to_pylist()}


def write_manifest(raw_dir: Path, rows: dict[str, dict[str, Any]]) -> None:
    """Replace the manifest atomically with rows (sorted by url)."""
    raw_dir.mkdir(parents=True, exist_ok=True)
    table = pa.Table.from_pylist([rows[u] for u in sorted(rows)], schema=MANIFEST)
    tmp = raw_dir / f".manifest.{uuid.uuid4().hex}.tmp"
    pq.write_table(table, tmp)
    os.replace(tmp, raw_dir / "manifest.parquet")


def manifest_row(url: str, final_url: str, referer: Optional[str], status: int, headers: dict[str, str],
                 sha: str, size: int, fmt: str, rel_path: str, file_name: str, fetched_at: datetime,
                 page_meta: Optional[dict[str, str]] = None) -> dict[str, Any]:
    """One manifest row (keyed by the URL the link pointed at; final_url is where redirects ended)."""
    meta = page_meta or {}
    return {"url": url, "final_url": final_url, "referer": referer, "title": meta.get("title"),
            "index_no": meta.get("index_no"), "publisher": meta.get("publisher"),
            "published_date": meta.get("published_date"), "http_status": status, "etag": headers.get("etag"),
            "last_modified": headers.get("last-modified"), "sha256": sha, "bytes": size, "content_type": fmt,
            "file_name": file_name, "path": rel_path, "fetched_at": fetched_at}


def same_row(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """True when two manifest rows differ at most in fetched_at (nothing worth rewriting the manifest for)."""
    keys = (set(a) | set(b)) - {"fetched_at"}
    return all(a.get(k) == b.get(k) for k in keys)
