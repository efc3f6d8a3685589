"""Archive bytes (zip, rar, 7z) -> member documents, unpacked in memory under count, size and path limits."""
from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from typing import Optional, Union

import libarchive

from extractors.detect import ZIP_MAGIC, zip_format
from govreports.crawl.vocab import vocab
from govreports.errors import BadInput

RAR_MAGIC = b"Rar!\x1a\x07"
SEVEN_ZIP_MAGIC = b"7z\xbc\xaf\x27\x1c"
MAX_NAME_DEPTH = 8


@dataclass
class Member:
    """One unpacked archive member: its path inside the archive and its bytes."""

    name: str
    data: bytes


@dataclass
class Unpacked:
    """The members kept and the doubts met (code, message): skipped members, limits reached."""

    members: list[Member] = field(default_factory=list)
    notes: list[tuple[str, str]] = field(default_factory=list)


def archive_kind(data: bytes) -> Optional[str]:
    """'zip', 'rar' or '7z' for archive bytes (an OOXML zip such as a .docx is a document, not an archive)."""
    if data.startswith(RAR_MAGIC):
        return "rar"
    if data.startswith(SEVEN_ZIP_MAGIC):
        return "7z"
    if data.startswith(ZIP_MAGIC) and zip_format(data) not in ("docx", "xlsx"):
        return "zip"
    return None


def _name(raw: Union[str, bytes, None]) -> str:
    """A member path as text: UTF-8, else GB18030 (zips made on Chinese Windows carry GBK names)."""
    if raw is None:
        return ""
    if isinstance(raw, str):
        return raw
    for enc in ("utf-8", "gb18030"):
        try:
            return raw.decode(enc)
        except UnicodeDecodeError:
            continue
    return raw.decode("utf-8", "replace")


def safe_member_path(name: str) -> Optional[str]:
    """The member path normalised, or None when it is absolute, climbs out (`..`) or nests absurdly deep."""
    path = name.replace("\\", "/")
    if path.startswith("/") or (len(path) > 1 and path[1] == ":"):
        return None
    norm = posixpath.normpath(path)
    if norm.startswith("..") or norm in (".", "") or norm.count("/") >= MAX_NAME_DEPTH:
        return None
    return norm


def unpack(data: bytes, max_members: int, max_bytes: int) -> Unpacked:
    """Document members of an archive (by extension), reading at most max_bytes in all and max_members files."""
    out, total, seen = Unpacked(), 0, 0
    docs = vocab().doc_ext
    try:
        with libarchive.memory_reader(data) as archive:
            for entry in archive:
                if not entry.isfile:
                    continue
                seen += 1
                if seen > max_members:
                    out.notes.append(("archive_too_many_members", f"more than {max_members} files; the rest skipped"))
                    break
                name = _name(entry.pathname)
                path = safe_member_path(name)
                if path is None:
                    out.notes.append(("archive_unsafe_path", f"member {name!r} skipped: its path leaves the archive"))
                    continue
                if not docs.search(path):
                    out.notes.append(("archive_member_skipped", f"member {path!r} is not a document"))
                    continue
                if entry.size is not None and total + entry.size > max_bytes:
                    out.notes.append(("archive_too_large", f"members over {max_bytes} bytes in all; {path!r} skipped"))
                    break
                chunks = []
                for block in entry.get_blocks():
                    total += len(block)
                    if total > max_bytes:
                        raise BadInput(f"archive expands past {max_bytes} bytes at {path!r}", code="archive_too_large")
                    chunks.append(block)
                out.members.append(Member(path, b"".join(chunks)))
    except libarchive.ArchiveError as exc:
        if not out.members:
            raise BadInput(f"unreadable archive: {exc}", code="archive_unreadable") from exc
        out.notes.append(("archive_truncated", f"archive read stopped early: {exc}"))
    return out
