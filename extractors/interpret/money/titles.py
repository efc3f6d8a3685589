"""Table titles -> jieba token sets and title families, so `收支预算总表` / `部门财务收支预算总表` / `收入支出决算总表` match.

A title is cut with the project's jieba tokenizer (domain words kept whole), compound words are expanded
(`收支` -> 收入 + 支出, `一般公共预算财政拨款` -> 一般公共预算 + 财政拨款), and numbering, years and filler words
are dropped. The family is decided by which key tokens the set holds; two titles are the same table when they
share a family and most tokens.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Optional

from extractors.interpret.narrative.nlp import nlp
from extractors.interpret.vocab.load import Words, wordlist
from extractors.interpret.vocab.headers import title_expansions, title_families, title_vocabulary_extra
from normalizers.text import clean_text

EXPAND = title_expansions()
FILLER = frozenset(wordlist("money", "titles_filler"))
WORDS = Words("money", "titles")  # this module's patterns in vocab/money.toml
_PAGE = re.compile(r"[.…·\s]*\d+$")
# (family, tokens that must all be present), checked in order.
FAMILIES = title_families()


VOCABULARY = frozenset(t for _, need in FAMILIES for t in need) | title_vocabulary_extra()


def title_key(text: str) -> str:
    """A title without numbering, `公开表一`, years, a trailing page number and spaces."""
    key = re.sub(r"\s+", "", clean_text(text))
    key = _PAGE.sub("", key) if not key.endswith("表") else key
    for _ in range(2):
        key = WORDS.numbering.sub("", key)
    return WORDS.year.sub("", key)


@lru_cache(maxsize=4096)
def title_tokens(text: str) -> frozenset[str]:
    """The title's content tokens (compounds expanded, filler dropped)."""
    out: set[str] = set()
    for word in nlp().tokenizer.cut(title_key(text), HMM=False):
        for token in EXPAND.get(word, (word,)):
            if token not in FILLER and not token.isdigit():
                out.add(token)
    return frozenset(out)


def title_family(text: str) -> Optional[str]:
    """The kind of table a title names (`total`, `three_public`, `basic`, …), or None when it names no table."""
    key = title_key(text)
    if not key.endswith("表") and "表(" not in key and "表（" not in key:
        return None
    tokens = title_tokens(text)
    return next((family for family, need in FAMILIES if need <= tokens), None)


def same_title(a: str, b: str) -> bool:
    """True when two titles name the same table: same family and at least half their title words shared (a unit or
    place name printed in one of them does not count)."""
    fa, fb = title_family(a), title_family(b)
    if fa is None or fa != fb:
        return False
    ta, tb = title_tokens(a) & VOCABULARY, title_tokens(b) & VOCABULARY
    return len(ta & tb) * 2 >= len(ta | tb)
