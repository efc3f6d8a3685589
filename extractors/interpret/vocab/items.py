"""A money line's printed label and its context (table / form / targets) -> the contract `budgets.item` code."""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Optional

from extractors.interpret.vocab.load import check_codes, compile_pattern, document
from schemas.datasets import ENUMS

CONTEXTS = ("table", "form", "targets")
# Items a reader may name beyond the contract's: a 绩效目标表's whole-project total, folded into funds_total.
READER_ITEMS = frozenset({"project_total"})
_QIZHONG = re.compile(r"^(?:其中\s*[:：]?\s*)+")


@dataclass(frozen=True)
class Label:
    """One entry of items.toml: the item its patterns name and the contexts it holds in."""

    item: str
    pattern: re.Pattern[str]
    contexts: frozenset[str]


@lru_cache(maxsize=None)
def labels() -> tuple[Label, ...]:
    """Every label entry of items.toml, in file order, checked against the contract's item codes."""
    doc = document("items")
    out = []
    for i, entry in enumerate(doc["label"]):
        where = f"items.toml label #{i + 1} ({entry['item']})"
        contexts = frozenset(entry.get("only", CONTEXTS))
        check_codes(set(contexts), frozenset(CONTEXTS), where)
        alternation = "|".join(f"(?:{p})" for p in entry["patterns"])
        out.append(Label(entry["item"], compile_pattern(alternation, where), contexts))
    check_codes({lab.item for lab in out}, ENUMS[("budgets", "item")] | READER_ITEMS, "items.toml")
    return tuple(out)


@lru_cache(maxsize=None)
def context_items(context: str) -> Optional[frozenset[str]]:
    """The items a context may name at all (None: any)."""
    items = document("items").get("contexts", {}).get(context, {}).get("items")
    return frozenset(items) if items is not None else None


def item_of(label: str, context: str) -> Optional[str]:
    """The item a squeezed label names in a context, None when no entry matches."""
    key = _QIZHONG.sub("", label).rstrip(":：")
    allowed = context_items(context)
    for entry in labels():
        if context in entry.contexts and (allowed is None or entry.item in allowed) and entry.pattern.fullmatch(key):
            return entry.item
    return None


@lru_cache(maxsize=None)
def three_public_words() -> dict[str, tuple[str, ...]]:
    """items.toml [three_public]: word group -> its words."""
    return {k: tuple(v) for k, v in document("items")["three_public"].items()}
