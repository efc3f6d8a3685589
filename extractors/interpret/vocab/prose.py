"""The prose vocabulary (prose.toml) -> compiled subject terms, measure words and the words around an amount."""
from __future__ import annotations

import re
from dataclasses import dataclass

from extractors.interpret.vocab.classes import prose_class_names
from extractors.interpret.vocab.load import check_codes, compile_pattern, document, word
from extractors.interpret.vocab.items import READER_ITEMS
from schemas.datasets import ENUMS


@dataclass(frozen=True)
class Term:
    """A subject word: the dataset and item it names, and its priority against other words of the same clause."""

    dataset: str  # 'budgets' or 'three_public'
    item: str
    pattern: re.Pattern[str]
    priority: int


def _terms() -> list[Term]:
    """prose.toml's [[term]] entries, compiled, items checked against the contract."""
    doc = document("prose")
    defs = {**doc.get("defs", {}), "CLASSES": "|".join(re.escape(n) for n in prose_class_names())}
    out = [Term(t["dataset"], t["item"], compile_pattern(t["pattern"], f"prose.toml term {t['item']}", defs),
                int(t["priority"])) for t in doc["term"]]
    for dataset in ("budgets", "three_public"):
        check_codes({t.item for t in out if t.dataset == dataset}, ENUMS[(dataset, "item")] - READER_ITEMS,
                    f"prose.toml {dataset} terms")
    return out


TERMS: list[Term] = _terms()
MEASURES: list[tuple[str, re.Pattern[str]]] = [
    (m["measure"], compile_pattern(m["pattern"], "prose.toml measure")) for m in document("prose")["measure"]]
GAP = word("prose", "gap")
DIFFERENCE = word("prose", "difference")
PER_HEAD = word("prose", "per_head")
THRESHOLD_AFTER = word("prose", "threshold_after")
CONNECTORS = word("prose", "connectors")
