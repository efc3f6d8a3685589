"""Every vocabulary lookup the interpreters make, as one function per context: label -> what it maps to."""
from __future__ import annotations

from typing import Optional

from extractors.interpret.money import items as budget_items
from extractors.interpret.prose import money as prose_money
from extractors.interpret.selfeval import text as selfeval_text
from extractors.interpret.targets import funds as targets_funds
from extractors.interpret.vocab.classes import class_code

DRIFT_CASES = ("一般公共预算收入", "日常公用经费", "财政拨款资金", "预备费")


def prose_item(label: str) -> Optional[str]:
    """`dataset:item` of the subject prose reads in `<label>为` (the clause before an amount), None when it reads none."""
    subject = prose_money.subject_of(label + "为")
    return f"{subject.term.dataset}:{subject.term.item}" if subject and subject.term else None


def lookups(label: str) -> dict[str, Optional[str]]:
    """What each context's lookup returns for one printed label."""
    form = selfeval_text.budget_item(selfeval_text.label_of(label))
    return {"table": budget_items.budget_item(label), "table_three_public": budget_items.three_public_item(label),
            "form": None if form == "other" else form, "targets": targets_funds.label_item(label),
            "prose": prose_item(label), "class_code": class_code(label)}
