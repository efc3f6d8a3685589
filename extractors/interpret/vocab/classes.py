"""功能分类 class (类) names -> national 3-digit codes, and the names prose may cite (classes.toml)."""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from extractors.interpret.vocab.load import VocabError, document

_CLASS_MARK = re.compile(r"[(（]类[)）]$")


@lru_cache(maxsize=None)
def class_codes() -> dict[str, str]:
    """Every class name (old names too) -> its code, checked to be 3 digits."""
    codes: dict[str, str] = document("classes")["codes"]
    bad = sorted(name for name, code in codes.items() if not re.fullmatch(r"2\d\d", code))
    if bad:
        raise VocabError(f"classes.toml: not a 3-digit 功能分类 code: {bad}")
    return codes


def prose_class_names() -> list[str]:
    """The class names prose reads as 功能分类 subjects, longest first (so alternation prefers them)."""
    excluded = set(document("classes").get("prose", {}).get("exclude", []))
    return sorted((n for n in class_codes() if n not in excluded), key=lambda n: (-len(n), n))


def class_key(name: str) -> str:
    """A class name as looked up: spaces and a trailing `(类)` removed."""
    return _CLASS_MARK.sub("", re.sub(r"\s+", "", name))


def class_code(name: str) -> Optional[str]:
    """The 3-digit 功能分类 code of a class name (`一般公共服务支出` -> `201`), or None for any other label."""
    return class_codes().get(class_key(name))
