"""The crawl vocabulary (vocab.toml) -> compiled patterns, loaded once and shared by every crawl module."""
from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

VOCAB = Path(__file__).with_name("vocab.toml")


@dataclass(frozen=True)
class Vocab:
    """Report-kind words, not-a-report words, document extensions, download handlers, bot-check markers."""

    kinds: dict[str, tuple[str, ...]]
    not_reports: tuple[str, ...]
    extensions: tuple[str, ...]
    archives: tuple[str, ...]
    handler: re.Pattern[str]
    bot_check: re.Pattern[str]

    @property
    def doc_ext(self) -> re.Pattern[str]:
        """A URL path (or file name) ending in a document or archive extension."""
        return _ext_pattern(self.extensions)


@lru_cache(maxsize=None)
def _ext_pattern(extensions: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\.(" + "|".join(extensions) + r")$", re.IGNORECASE)


@lru_cache(maxsize=1)
def vocab() -> Vocab:
    """The vocabulary, read once."""
    raw = tomllib.loads(VOCAB.read_text(encoding="utf-8"))
    docs = raw["documents"]
    return Vocab(kinds={k: tuple(v) for k, v in raw["kinds"].items()},
                 not_reports=tuple(raw["not_reports"]["words"]),
                 extensions=tuple(docs["extensions"]), archives=tuple(docs["archives"]),
                 handler=re.compile("|".join(docs["handlers"]), re.IGNORECASE),
                 bot_check=re.compile("|".join(raw["bot_check"]["markers"])))
