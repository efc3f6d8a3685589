"""A fetched page -> is it a bot-check stub or a script redirect (a fetch issue, never a document)?"""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from govreports.crawl.vocab import VOCAB, vocab

_JS_TARGET = re.compile(r"""(?:window\.|document\.|top\.|self\.)?location(?:\.href)?\s*=\s*["']([^"']+)["']"""
                        r"""|location\.replace\(\s*["']([^"']+)["']\s*\)""")
_META_REFRESH = re.compile(r"""<meta[^>]+http-equiv=["']?refresh["']?[^>]*url=([^"'>\s]+)""", re.IGNORECASE)


@dataclass(frozen=True)
class Block:
    """Why a page is not content: `bot_check` or `js_redirect`, and where a redirect points (when it says)."""

    code: str
    message: str
    target: Optional[str] = None


@lru_cache(maxsize=1)
def _redirect_rules() -> tuple[int, tuple[str, ...]]:
    raw = tomllib.loads(VOCAB.read_text(encoding="utf-8"))["redirect"]
    return int(raw["max_text"]), tuple(raw["stub_words"])


def blocked(html: str, visible_text: str) -> Optional[Block]:
    """A Block when the page is a bot-check stub or a redirect stub, else None."""
    max_text, stub_words = _redirect_rules()
    short = len(visible_text) <= max_text
    if short and vocab().bot_check.search(html):
        return Block("bot_check", "the server answered with a bot-check (JavaScript cookie) page instead of content")
    target = _target(html)
    if (short and target) or any(w in visible_text[:200] for w in stub_words):
        return Block("js_redirect", f"the page only redirects by script{f' to {target}' if target else ''}", target)
    return None


def _target(html: str) -> Optional[str]:
    """The URL a script or meta refresh sends the browser to (a literal URL only)."""
    m = _JS_TARGET.search(html) or _META_REFRESH.search(html)
    if not m:
        return None
    return next(g for g in m.groups() if g)
