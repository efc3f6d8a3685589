"""Tell a file's format from its bytes (never its name): pdf, docx, xlsx, doc, xls, wps, html, txt or unknown."""
from __future__ import annotations

import io
import re
import struct
import unicodedata
import zipfile

from extractors.html_mht import is_mht

OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_MAGIC = b"PK\x03\x04"
SNIFF_BYTES = 8192
TEXT_SAMPLE = 65536

_HTML_MARKERS = (b"<!doctype html", b"<html", b"<head", b"<body", b"<table", b"<meta", b"<div", b"<p>", b"<title",
                 b"<script")  # a bot-check or redirect page can be one bare <script>
_HTML_STRONG = (b"<!doctype html", b"<html")
_WORD_STREAMS = {"worddocument"}
_EXCEL_STREAMS = {"workbook", "book"}
_WPS_STREAMS = {"wpscustomdata"}  # written by Kingsoft WPS Office
_WORKS_STREAMS = {"matost", "contents", "spelling"}  # Microsoft Works word processor (.wps)
_KNOWN_STREAMS = ("WordDocument", "Workbook", "Book", "WpsCustomData", "MatOST", "CONTENTS")
_LOCAL_NAME = re.compile(rb"PK\x03\x04.{26}((?:word|xl)/[\x21-\x7e]{1,64})", re.S)  # names in local file headers
ENDOFCHAIN = 0xFFFFFFFE
MAX_SECTORS = 1 << 20


def detect_format(data: bytes) -> str:
    """The file format of data, from magic numbers and content sniffing."""
    if _is_pdf(data):
        return "pdf"
    if data.startswith(ZIP_MAGIC):
        return zip_format(data)
    if data.startswith(OLE_MAGIC):
        return ole_format(ole_stream_names(data))
    if data.lstrip().startswith(b"{\\rtf"):
        return "unknown"  # RTF is not a contracted format; never call it txt
    if is_mht(data) or _is_html(data[:SNIFF_BYTES]):
        return "html"
    if _is_text(data[:TEXT_SAMPLE]):
        return "txt"
    return "unknown"


def _is_pdf(data: bytes) -> bool:
    """True when the PDF header sits in the first KB (some writers prepend junk)."""
    return b"%PDF-" in data[:1024]


def zip_format(data: bytes) -> str:
    """docx or xlsx from the part names of an OOXML zip (unknown for other zips)."""
    return ooxml_kind(_zip_names(data))


def _zip_names(data: bytes) -> list[str]:
    """Member names of a zip, or the names in its local headers when the directory is damaged."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            return zf.namelist()
    except (zipfile.BadZipFile, ValueError, OSError):
        return [m.decode("cp437") for m in _LOCAL_NAME.findall(data[: 1 << 20])]


def ooxml_kind(names: list[str]) -> str:
    """docx when the package has word/ parts, xlsx when it has xl/ parts, else unknown."""
    if any(n.startswith("word/") for n in names):
        return "docx"
    if any(n.startswith("xl/") for n in names):
        return "xlsx"
    return "unknown"


def ole_format(names: set[str]) -> str:
    """doc, xls or wps from the stream names of an OLE2 compound file (unknown otherwise)."""
    lower = {n.lower() for n in names}
    if lower & _WORD_STREAMS:
        return "wps" if lower & _WPS_STREAMS else "doc"
    if lower & _EXCEL_STREAMS:
        return "xls"
    if lower & _WORKS_STREAMS:
        return "wps"
    return "unknown"


def _is_html(head: bytes) -> bool:
    """True when the first KBs look like markup (works in UTF-8, GBK and UTF-16)."""
    text = _ascii_view(head).lower()
    stripped = text.lstrip()
    if any(m in text for m in _HTML_STRONG):
        return True
    return stripped.startswith(b"<") and any(m in text for m in _HTML_MARKERS)


def _ascii_view(head: bytes) -> bytes:
    """The sniffing window with a BOM removed and UTF-16 narrowed to single bytes."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")):
        return head.decode("utf-16", errors="ignore").encode("ascii", errors="ignore")
    return head[3:] if head.startswith(b"\xef\xbb\xbf") else head


def _is_text(sample: bytes) -> bool:
    """True when the sample decodes as UTF-8, UTF-16 (with BOM) or GB18030 with hardly any control characters."""
    if not sample.strip():
        return False
    text = _decode_text(sample)
    return text is not None and _control_ratio(text) < 0.01


def _decode_text(sample: bytes) -> str | None:
    """The sample decoded strictly (tolerating a multi-byte character cut at the end), or None."""
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _strict(sample, "utf-16")
    if b"\x00" in sample:
        return None
    return _strict(sample, "utf-8-sig") or _strict(sample, "gb18030")


def _strict(sample: bytes, encoding: str) -> str | None:
    """sample decoded with encoding, forgiving only a truncated last character."""
    try:
        return sample.decode(encoding)
    except UnicodeDecodeError as err:
        if err.start >= len(sample) - 4 and err.start > 0:
            return _strict(sample[: err.start], encoding)
        return None


def _control_ratio(text: str) -> float:
    """Share of control characters other than ordinary whitespace."""
    bad = sum(1 for ch in text if ch not in "\t\n\r\f\v" and unicodedata.category(ch) == "Cc")
    return bad / max(len(text), 1)


def ole_stream_names(data: bytes) -> set[str]:
    """Names of the entries in an OLE2 directory; falls back to a UTF-16 scan when the file is truncated."""
    try:
        return _directory_names(data)
    except (struct.error, ValueError, IndexError):
        return _scan_names(data)


def _directory_names(data: bytes) -> set[str]:
    """Entry names read by following the directory's sector chain through the FAT."""
    shift, = struct.unpack_from("<H", data, 0x1E)
    if shift not in (9, 12):
        raise ValueError("bad sector shift")
    size = 1 << shift
    fat = _fat(data, size)
    names: set[str] = set()
    for sector in _chain(fat, struct.unpack_from("<I", data, 0x30)[0]):
        block = data[(sector + 1) * size:(sector + 2) * size]
        if len(block) < size:
            raise ValueError("directory sector past end of file")
        names.update(_entry_names(block))
    return names


def _fat(data: bytes, size: int) -> list[int]:
    """The file allocation table: next-sector numbers, concatenated from every FAT sector."""
    difat = list(struct.unpack_from("<109I", data, 0x4C))
    next_difat, = struct.unpack_from("<I", data, 0x44)
    seen = 0
    while next_difat < ENDOFCHAIN and seen < MAX_SECTORS:
        entries = struct.unpack_from(f"<{size // 4}I", data, (next_difat + 1) * size)
        difat.extend(entries[:-1])
        next_difat, seen = entries[-1], seen + 1
    fat: list[int] = []
    for sector in difat:
        if sector < ENDOFCHAIN:
            fat.extend(struct.unpack_from(f"<{size // 4}I", data, (sector + 1) * size))
    return fat


def _chain(fat: list[int], start: int) -> list[int]:
    """Sector numbers of the chain beginning at start (stops at a cycle)."""
    out: list[int] = []
    seen: set[int] = set()
    sector = start
    while sector < ENDOFCHAIN and sector not in seen and sector < len(fat):
        out.append(sector)
        seen.add(sector)
        sector = fat[sector]
    return out


def _entry_names(block: bytes) -> list[str]:
    """Names of the used 128-byte directory entries in one sector."""
    names = []
    for off in range(0, len(block) - 127, 128):
        length, kind = struct.unpack_from("<HB", block, off + 0x40)
        if kind in (1, 2, 5) and 2 <= length <= 64:
            names.append(block[off:off + length - 2].decode("utf-16-le", errors="replace"))
    return names


def _scan_names(data: bytes) -> set[str]:
    """Known stream names found anywhere as UTF-16LE (last resort for damaged compound files)."""
    return {n for n in _KNOWN_STREAMS if n.encode("utf-16-le") in data}
