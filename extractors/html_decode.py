"""Bytes of a web page -> text: BOM, declared charset, then UTF-8 and charset-normalizer; GBK family read as GB18030."""
from __future__ import annotations

import codecs
import re
from typing import Optional

SNIFF_BYTES = 4096
_DECLARED = re.compile(rb"""<meta[^>]*?charset\s*=\s*["']?\s*([A-Za-z0-9_\-:.]+)""", re.IGNORECASE)
_XML_DECL = re.compile(rb"""<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9_\-.]+)""", re.IGNORECASE)
_BOMS = ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_GB_FAMILY = {"gb2312", "gbk", "gb18030", "cp936", "x-gbk", "gb_2312-80", "euc-cn", "hz-gb-2312", "csgb2312", "x-euc-cn"}


def decode_html(data: bytes, hint: Optional[str] = None) -> tuple[str, str, Optional[str]]:
    """(text, encoding used, doubt); hint is a charset from outside (MIME header); doubt notes replacement decoding."""
    bom = _bom_encoding(data)
    if bom:
        return data.decode(bom, errors="replace"), bom, None
    declared = declared_charset(data[:SNIFF_BYTES]) or (canonical(hint) if hint else None)
    for encoding in _candidates(declared, data):
        try:
            return data.decode(encoding), encoding, None
        except (UnicodeDecodeError, LookupError):
            continue
    fallback = declared or "gb18030"
    return data.decode(fallback, errors="replace"), fallback, f"bytes are not valid {fallback}; decoded with replacements"


def _bom_encoding(data: bytes) -> Optional[str]:
    """Encoding named by a byte-order mark, if any."""
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


def declared_charset(head: bytes) -> Optional[str]:
    """Canonical codec name from <meta charset>, http-equiv Content-Type or the XML declaration."""
    m = _DECLARED.search(head) or _XML_DECL.search(head)
    return canonical(m.group(1).decode("ascii", errors="ignore")) if m else None


def canonical(label: str) -> Optional[str]:
    """Python codec name for a web charset label; the GBK family becomes gb18030 (its superset)."""
    label = label.strip().lower()
    if label in _GB_FAMILY:
        return "gb18030"
    if label in ("big5", "big5-hkscs", "x-x-big5"):
        return "big5hkscs"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _candidates(declared: Optional[str], data: bytes) -> list[str]:
    """Encodings to try strictly, best first: UTF-8 (valid UTF-8 beats a wrong label), declared, a guess, GB18030."""
    out = [e for e in ("utf-8", declared) if e]
    out += [e for e in (_guess(data), "gb18030") if e] if declared is None else ["gb18030"]
    return list(dict.fromkeys(out))


def _guess(data: bytes) -> Optional[str]:
    """charset-normalizer's best encoding for data, mapped like a declared label."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:200_000]).best()
    return canonical(best.encoding) if best is not None else None
