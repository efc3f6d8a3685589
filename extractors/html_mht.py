"""MHTML ("single file web page", often Word output saved as .doc) -> the bytes of its HTML part."""
from __future__ import annotations

import email
import email.policy
import re
from typing import Optional

_MHT_HEAD = re.compile(rb"^\s*(?:[\w-]+:[^\r\n]*\r?\n)*?mime-version\s*:", re.IGNORECASE)


def is_mht(data: bytes) -> bool:
    """True when data opens with MIME headers and declares a multipart body."""
    head = data[:2048]
    return bool(_MHT_HEAD.match(head)) and b"multipart/" in head.lower()


def mht_html(data: bytes) -> Optional[tuple[bytes, Optional[str]]]:
    """(decoded bytes, declared charset) of the first text/html part, or None when there is none."""
    message = email.message_from_bytes(data, policy=email.policy.compat32)
    for part in message.walk():
        if part.get_content_type() == "text/html":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                return payload, part.get_content_charset()
    return None
