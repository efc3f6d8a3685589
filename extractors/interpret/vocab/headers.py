"""Header words per column role (headers.toml) and table-title words (titles.toml), compiled once."""
from __future__ import annotations

import re
from functools import lru_cache

from extractors.interpret.vocab.load import compile_pattern, document

Roles = tuple[tuple[str, re.Pattern[str]], ...]


@lru_cache(maxsize=None)
def header_roles(reader: str) -> Roles:
    """(role, pattern) pairs of one header reader (selfeval, selfeval_funds, targets), in file order."""
    return tuple((e["role"], compile_pattern(e["pattern"], f"headers.toml [[{reader}]] {e['role']}"))
                 for e in document("headers")[reader])


@lru_cache(maxsize=None)
def title_expansions() -> dict[str, tuple[str, ...]]:
    """Compound title words -> the tokens they stand for (`收支` -> 收入 + 支出)."""
    return {k: tuple(v) for k, v in document("titles")["expand"].items()}


@lru_cache(maxsize=None)
def title_families() -> tuple[tuple[str, frozenset[str]], ...]:
    """(family, tokens that must all be present), in the order they are tried."""
    return tuple((f["name"], frozenset(f["tokens"].split())) for f in document("titles")["family"])


def title_vocabulary_extra() -> frozenset[str]:
    """Title words kept whole besides the family tokens."""
    return frozenset(str(document("titles")["vocabulary"]["extra"]).split())
