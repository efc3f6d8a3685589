"""Write tests/interpret/data/lookup_snapshot.json: every known synonym -> what each lookup returned (run once, by hand)."""
from __future__ import annotations

import json
from pathlib import Path

from tests.interpret.lookups import DRIFT_CASES, lookups
from tests.interpret.regex_expand import all_synonyms

OUT = Path(__file__).parent / "data" / "lookup_snapshot.json"


def known_patterns() -> list[str]:
    """Every label pattern of the vocabulary as it stood before it became data (main 901d6b1)."""
    from extractors.interpret import budget_classes, budget_items, prose_lexicon, selfeval_text, targets_funds
    pats = [p.pattern for _, p in budget_items.BUDGET_ITEMS] + [budget_items.THREE_PUBLIC_TOTAL.pattern]
    pats += [p.pattern for p, _ in selfeval_text.BUDGET_ITEMS] + [p.pattern for _, p in targets_funds.FUND_LABELS]
    pats += [t.pattern.pattern for t in prose_lexicon.TERMS if t.item != "functional"]
    return pats + list(budget_classes.CLASS_CODES) + list(prose_lexicon.FUNCTIONAL_CLASSES) + list(DRIFT_CASES)


if __name__ == "__main__":
    labels = all_synonyms(known_patterns())
    OUT.write_text(json.dumps({lab: lookups(lab) for lab in labels}, ensure_ascii=False, indent=0, sort_keys=True))
    print(len(labels), "labels ->", OUT)
