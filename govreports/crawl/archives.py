"""Archive bytes (zip, rar, 7z) -> member documents, unpacked under count, size and path limits.

libarchive reads zip, 7z, RAR 5 and non-solid RAR 4 in memory; a RAR it cannot read (solid RAR 4) is listed
and unpacked by The Unarchiver's `lsar`/`unar` (Debian `unar`, installed by scripts/setup.sh) in a temporary
folder, only the members whose listed paths are safe, under a file-size rlimit and a time limit.
"""
from __future__ import annotations

import json
import os
import posixpath
import resource
import shutil
import subprocess
import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Optional, Union

import libarchive

from extractors.detect import ZIP_MAGIC, zip_format
from govreports.crawl.vocab import vocab
from govreports.errors import BadInput

RAR_MAGIC = b"Rar!\x1a\x07"
SEVEN_ZIP_MAGIC = b"7z\xbc\xaf\x27\x1c"
MAX_NAME_DEPTH = 8
UNAR_TIMEOUT_S = 120


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
            if archive_kind(data) == "rar" and shutil.which("unar") and shutil.which("lsar"):
                return unpack_unar(data, max_members, max_bytes)
            raise BadInput(f"unreadable archive: {exc}", code="archive_unreadable") from exc
        out.notes.append(("archive_truncated", f"archive read stopped early: {exc}"))
    return out


def _listed(entry: dict[str, Any]) -> bool:
    """A listed entry that is a plain file (no directory, link or device)."""
    return not any(entry.get(k) for k in ("XADIsDirectory", "XADIsLink", "XADIsHardLink", "XADIsCharacterDevice",
                                           "XADIsBlockDevice", "XADIsFIFO"))


def unpack_unar(data: bytes, max_members: int, max_bytes: int) -> Unpacked:
    """Members of an archive through lsar (listing) and unar (extraction of the chosen, safe members only)."""
    out = Unpacked()
    docs = vocab().doc_ext
    with tempfile.TemporaryDirectory(prefix="govreports-unar-") as tmp:
        archive, target = Path(tmp) / "archive.rar", Path(tmp) / "out"
        archive.write_bytes(data)
        listing = _run(["lsar", "-j", "-nr", str(archive)])
        chosen: list[tuple[int, str]] = []
        declared = 0
        entries = json.loads(listing).get("lsarContents") or []
        if not entries or "lsarError" in listing:
            raise BadInput("unreadable archive: lsar lists no member", code="archive_unreadable")
        for entry in entries:
            name = str(entry.get("XADFileName", ""))
            path = safe_member_path(name)
            if not _listed(entry):
                continue
            if path is None:
                out.notes.append(("archive_unsafe_path", f"member {name!r} skipped: its path leaves the archive"))
            elif not docs.search(path):
                out.notes.append(("archive_member_skipped", f"member {path!r} is not a document"))
            elif len(chosen) >= max_members:
                out.notes.append(("archive_too_many_members", f"more than {max_members} files; the rest skipped"))
                break
            elif declared + int(entry.get("XADFileSize", 0)) > max_bytes:
                out.notes.append(("archive_too_large", f"members over {max_bytes} bytes in all; {path!r} skipped"))
                break
            else:
                declared += int(entry.get("XADFileSize", 0))
                chosen.append((int(entry["XADIndex"]), path))
        if not chosen:
            return out
        total = 0
        for n, (index, path) in enumerate(chosen):  # one member per folder: unar's own renaming cannot confuse them
            folder = target / str(n)
            _run(["unar", "-q", "-f", "-D", "-nr", "-o", str(folder), "-i", str(archive), str(index)],
                 file_limit=max_bytes)
            files = [p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()] if folder.is_dir() else []
            if len(files) != 1:
                out.notes.append(("archive_member_missing", f"member {path!r} was not unpacked"))
                continue
            total += files[0].stat().st_size
            if total > max_bytes:
                raise BadInput(f"archive expands past {max_bytes} bytes at {path!r}", code="archive_too_large")
            out.members.append(Member(path, files[0].read_bytes()))
    return out


def _run(cmd: list[str], file_limit: Optional[int] = None) -> str:
    """Run an unarchiver (bounded in time and, when given, in the size of any file it writes); its stdout."""
    def limit() -> None:
        if file_limit is not None:
            resource.setrlimit(resource.RLIMIT_FSIZE, (file_limit, file_limit))
    try:
        done = subprocess.run(cmd, capture_output=True, timeout=UNAR_TIMEOUT_S, preexec_fn=limit,
                              env={**os.environ, "LC_ALL": "C.UTF-8"})
    except subprocess.TimeoutExpired as exc:
        raise BadInput(f"{cmd[0]} took longer than {UNAR_TIMEOUT_S}s", code="archive_unreadable") from exc
    if done.returncode != 0:
        raise BadInput(f"{cmd[0]} could not read the archive: {done.stderr.decode('utf-8', 'replace')[:300]}",
                       code="archive_unreadable")
    return done.stdout.decode("utf-8", "replace")
