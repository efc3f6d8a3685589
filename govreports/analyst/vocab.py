"""The analyst layer's word lists and hierarchies (vocab.toml), loaded once."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any

VOCAB = Path(__file__).with_name("vocab.toml")


@lru_cache(maxsize=1)
def vocab() -> dict[str, Any]:
    """The parsed vocab.toml."""
    with open(VOCAB, "rb") as fh:
        return tomllib.load(fh)
