"""Test inputs built in the test: a RAR 4 archive of stored (uncompressed) members, zips with GBK names and bombs.

No RAR writer is free software, so the stored-method RAR 4 layout (marker, main header, one file header per
member, end block; CRC-16 = low half of CRC-32) is written here; libarchive reads it like any real .rar.
"""
from __future__ import annotations

import io
import struct
import zipfile
import zlib

RAR_MARKER = b"Rar!\x1a\x07\x00"


def _block(head_type: int, flags: int, body: bytes) -> bytes:
    """One RAR 4 block: CRC-16, type, flags, size, then body (the CRC covers type..end of header)."""
    size = 7 + len(body)
    head = struct.pack("<BHH", head_type, flags, size) + body
    return struct.pack("<H", zlib.crc32(head) & 0xFFFF) + head


def rar4_stored(members: dict[str, bytes]) -> bytes:
    """A RAR 4 archive holding members uncompressed (a non-ASCII name is stored as UTF-8 with the UNICODE flag)."""
    out = [RAR_MARKER, _block(0x73, 0, b"\x00" * 6)]
    for name, data in members.items():
        raw = name.encode("utf-8")
        flags = 0x8000  # LONG_BLOCK: packed data follows the header
        if not name.isascii():
            flags |= 0x0200  # UNICODE flag with no NUL in the name: the name is UTF-8
        body = struct.pack("<IIBIIBBHI", len(data), len(data), 2, zlib.crc32(data), 0x5A210000, 20, 0x30,
                           len(raw), 0x20) + raw
        out.append(_block(0x74, flags, body) + data)
    out.append(_block(0x7B, 0x4000, b""))
    return b"".join(out)


class _GbkName(zipfile.ZipInfo):
    """A zip entry whose name is written as GBK bytes without the UTF-8 flag (as zips made on Chinese Windows)."""

    def _encodeFilenameFlags(self) -> tuple[bytes, int]:  # noqa: N802 (zipfile's name)
        return self.filename.encode("gb18030"), self.flag_bits & ~0x800


def zip_bytes(members: dict[str, bytes], gbk_names: bool = False) -> bytes:
    """A zip of members (deflated); with gbk_names the names are stored as raw GBK bytes."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", zipfile.ZIP_DEFLATED) as zf:
        for name, data in members.items():
            info = _GbkName(name) if gbk_names else zipfile.ZipInfo(name)
            info.compress_type = zipfile.ZIP_DEFLATED
            zf.writestr(info, data)
    return buf.getvalue()
