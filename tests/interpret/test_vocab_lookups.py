"""Every known synonym -> what each context's lookup returns, pinned before the vocabulary became data.

tests/interpret/data/lookup_snapshot.json was written once from main 901d6b1 (commit 98ef6ce holds the script,
tests/interpret/make_lookup_snapshot.py). An answer may differ from it only by one of the rules in `allowed`.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import pytest

from extractors.interpret.vocab.items import labels
from tests.interpret.lookups import DRIFT_CASES, lookups

SNAPSHOT: dict[str, dict[str, Optional[str]]] = json.loads(
    (Path(__file__).parent / "data" / "lookup_snapshot.json").read_text(encoding="utf-8"))
MONEY_CONTEXTS = ("table", "form", "targets")


def prose_budget_item(answer: Optional[str]) -> Optional[str]:
    """The budgets item of a prose answer (`budgets:income_total` -> income_total), None for others."""
    return answer.split(":", 1)[1] if answer and answer.startswith("budgets:") else None


def allowed(ctx: str, old: dict[str, Optional[str]], new: dict[str, Optional[str]]) -> bool:
    """True when a changed answer is one of the deliberate unifications of the vocabulary."""
    if ctx in ("form", "targets"):  # one label list: a form line now answers as a table line does
        return new[ctx] == new["table"]
    if ctx == "table":  # labels only the 自评表 or 绩效目标表 list knew (财政拨款资金, 年度资金申请总额 …)
        return new[ctx] is not None and new[ctx] in (old["form"], old["targets"])
    if ctx == "prose":  # prose reads every class of classes.toml, and fund labels as tables do
        return (new[ctx] == "budgets:functional" and new["class_code"] is not None) or \
            prose_budget_item(new[ctx]) == new["table"]
    if ctx == "class_code":  # a class name prose already read (社会保障与就业支出)
        return old["prose"] == "budgets:functional"
    return False


@pytest.mark.parametrize("label", sorted(SNAPSHOT))
def test_lookup_answers_as_pinned_or_unified(label: str) -> None:
    old, new = SNAPSHOT[label], lookups(label)
    changed = [ctx for ctx in old if old[ctx] != new[ctx] and not allowed(ctx, old, new)]
    assert not changed, {ctx: (old[ctx], new[ctx]) for ctx in changed}


def excused(label: str) -> bool:
    """True when an items.toml entry limited to some contexts (with its comment saying why) matches the label."""
    key = label.replace("其中", "").lstrip(":：")
    return any(lab.contexts != frozenset(MONEY_CONTEXTS) and lab.pattern.fullmatch(key) for lab in labels())


@pytest.mark.parametrize("label", sorted(SNAPSHOT))
def test_a_label_names_one_item_in_every_context(label: str) -> None:
    new = lookups(label)
    answers = {ctx: new[ctx] for ctx in MONEY_CONTEXTS if new[ctx]}
    prose = prose_budget_item(new["prose"])
    if prose and prose != "functional":
        answers["prose"] = prose
    assert len(set(answers.values())) <= 1 or excused(label), answers


@pytest.mark.parametrize("label, item", [("一般公共预算收入", "income_general_budget"),
                                         ("日常公用经费", "expenditure_public"),
                                         ("财政拨款资金", "income_general_budget")])
def test_the_drift_cases_map_alike_in_tables_forms_and_prose(label: str, item: str) -> None:
    new = lookups(label)
    assert (new["table"], new["form"], prose_budget_item(new["prose"])) == (item, item, item)


def test_every_class_name_is_known_to_tables_and_prose() -> None:
    assert "预备费" in DRIFT_CASES
    new = lookups("预备费")
    assert (new["class_code"], new["prose"]) == ("227", "budgets:functional")


def test_an_unknown_item_code_in_the_data_is_refused_at_load() -> None:
    from extractors.interpret.vocab.load import VocabError, check_codes
    with pytest.raises(VocabError, match="income_genral_budget"):
        check_codes({"income_genral_budget"}, frozenset({"income_general_budget"}), "items.toml")
