"""A vocabulary file name -> its parsed TOML and compiled patterns, read once from the files beside this module."""
from __future__ import annotations

import re
import tomllib
from functools import lru_cache
from importlib import resources
from typing import Any

_PLACEHOLDER = re.compile(r"<([A-Z_]+)>")


class VocabError(ValueError):
    """A vocabulary file names an unknown code or a pattern that does not compile (a bug in the data)."""


@lru_cache(maxsize=None)
def document(name: str) -> dict[str, Any]:
    """The parsed `<name>.toml` of this package."""
    text = resources.files(__package__).joinpath(f"{name}.toml").read_text(encoding="utf-8")
    return tomllib.loads(text)


def expand(pattern: str, defs: dict[str, str]) -> str:
    """A pattern with its `<NAME>` placeholders replaced by the file's [defs]."""
    return _PLACEHOLDER.sub(lambda m: defs[m.group(1)] if m.group(1) in defs else m.group(0), pattern)


def compile_pattern(pattern: str, where: str, defs: dict[str, str] | None = None) -> re.Pattern[str]:
    """A compiled pattern, or VocabError naming the file entry it came from."""
    try:
        return re.compile(expand(pattern, defs or {}))
    except re.error as err:
        raise VocabError(f"{where}: {pattern!r} does not compile: {err}") from err


@lru_cache(maxsize=None)
def words(name: str) -> dict[str, re.Pattern[str]]:
    """The compiled [words] patterns of `<name>.toml` by key."""
    doc = document(name)
    defs = doc.get("defs", {})
    return {key: compile_pattern(p, f"{name}.toml [words] {key}", defs) for key, p in doc.get("words", {}).items()}


def word(name: str, key: str) -> re.Pattern[str]:
    """One compiled [words] pattern of `<name>.toml`."""
    found = words(name)
    if key not in found:
        raise VocabError(f"{name}.toml has no [words] {key}")
    return found[key]


def check_codes(codes: set[str], allowed: frozenset[str], where: str) -> None:
    """VocabError when a data file names a code the contract does not know."""
    unknown = sorted(codes - allowed)
    if unknown:
        raise VocabError(f"{where}: unknown codes {unknown} (not in schemas.ENUMS)")


@lru_cache(maxsize=None)
def wordlist(name: str, key: str) -> tuple[str, ...]:
    """One [lists] entry of `<name>.toml`: a list of words, as a tuple."""
    found = document(name).get("lists", {})
    if key not in found:
        raise VocabError(f"{name}.toml has no [lists] {key}")
    return tuple(found[key])


@lru_cache(maxsize=None)
def keyed_patterns(name: str, section: str) -> tuple[tuple[str, re.Pattern[str]], ...]:
    """The [[section]] entries of `<name>.toml` as (key, compiled pattern), in file order (first match wins)."""
    doc = document(name)
    defs = doc.get("defs", {})
    return tuple((e["key"], compile_pattern(e["pattern"], f"{name}.toml [[{section}]] {e['key']}", defs))
                 for e in doc[section])


class Words:
    """A module's [words] patterns as attributes: Words("money", "context").title_hint is money.toml's
    `context_title_hint`, compiled once."""

    def __init__(self, name: str, prefix: str) -> None:
        self._name, self._prefix = name, prefix

    def __getattr__(self, key: str) -> re.Pattern[str]:
        return word(self._name, f"{self._prefix}_{key}")
