"""A sentence -> the money levels it states (`基本支出307.55万元` yes, `比2017年增加270.89万元` no)."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Optional

from extractors.interpret.vocab.prose import (CONNECTORS, DIFFERENCE, GAP, MEASURES, PER_HEAD, TERMS, THRESHOLD_AFTER,
                                                Term)
from extractors.interpret.money.items import FUND_VIEW, OTHER_FUND
from extractors.interpret.vocab.load import Words, word
from normalizers.money import rounding_slack, to_yuan

WORDS = Words("prose", "money")  # this module's patterns in vocab/prose.toml
CLAUSE_CUT = re.compile(r"[,，:：;；、]")
YEAR = word("prose", "money_year")


@dataclass
class Subject:
    """What a figure is about: a lexicon term (or none, for an inherited 功能分类 line) and its printed label."""

    term: Optional[Term]
    label: str
    start: int = 0  # where the subject begins in its clause (measure words are looked for from there)
    others: list[Term] = field(default_factory=list)  # further items sharing a zero (`公务用车运维费和因公出国费为0`)


@dataclass
class Figure:
    """One money level stated in prose."""

    subject: Subject
    amount: Decimal
    measure: Optional[str]  # None: the document's default
    year: Optional[int]  # None: the fiscal year
    slack: Decimal = Decimal("0.00")  # how far rounding to the printed digits may have moved the amount
    subset: bool = False  # a 财政拨款 view of an expenditure line (`财政拨款基本支出`), not the whole line


def candidates(clause: str) -> list[tuple[Term, re.Match[str]]]:
    """Lexicon matches that only connector words separate from the amount, minus those inside a longer match."""
    found = [(t, m) for t in TERMS for m in t.pattern.finditer(clause)
             if GAP.match(clause[m.end():]) and not PER_HEAD.search(clause[:m.start()])]
    return [(t, m) for t, m in found
            if not any(o is not m and o.start() <= m.start() and m.end() <= o.end() and (o.end() - o.start()) >
                       (m.end() - m.start()) for _, o in found)]


def sharing(clause: str, chosen: re.Match[str]) -> list[Term]:
    """three_public items joined to the chosen one by 和/及/与 (`公务用车运维费和因公出国费`)."""
    out: list[Term] = []
    start = chosen.start()
    while True:
        prev = [(t, m) for t in TERMS if t.dataset == "three_public" for m in t.pattern.finditer(clause[:start])
                if CONNECTORS.match(clause[m.end():start])]
        if not prev:
            return out
        t, m = max(prev, key=lambda tm: tm[1].end() - tm[1].start())
        out.append(t)
        start = m.start()


def subject_of(clause: str) -> Optional[Subject]:
    """The clause's subject: the highest-priority, longest lexicon term that ends right before the amount."""
    found = candidates(clause)
    if not found:
        return None
    t, m = max(found, key=lambda tm: (tm[0].priority, tm[1].end() - tm[1].start()))
    keyed = t.item in ("functional",) or t.dataset == "three_public"
    label = m.group() if keyed else WORDS.label_tail.sub("", clause[m.start():])
    label = re.sub(r"[\"“”'‘’]", "", label) if t.dataset == "three_public" else label
    return Subject(t, label, m.start(), sharing(clause, m))


def names_fund(clause: str, subject: Subject, fund: re.Pattern[str], reach: int) -> bool:
    """True for an expenditure subject whose label or the reach characters before it name a fund of `fund`."""
    if subject.term is None or not subject.term.item.startswith("expenditure"):
        return False
    return bool(fund.search(clause[max(0, subject.start - reach):subject.start] + subject.label))


def other_fund(clause: str, subject: Subject) -> bool:
    """True for spending of the 政府性基金 / 国有资本经营 budget stated as an expenditure line: not the department's."""
    return names_fund(clause, subject, OTHER_FUND, 12)


def is_subset(clause: str, subject: Subject) -> bool:
    """True for an expenditure line stated for one fund only (`一般公共预算财政拨款支出`, `财政拨款基本支出`)."""
    return names_fund(clause, subject, FUND_VIEW, 10)


def measure_of(gap: str) -> Optional[str]:
    """The measure named by the words between subject and amount (the last one wins), None when none is."""
    best: tuple[int, Optional[str]] = (-1, None)
    for measure, pattern in MEASURES:
        for m in pattern.finditer(gap):
            if m.end() > best[0]:
                best = (m.end(), measure)
    return best[1]


def year_before(sentence: str, pos: int) -> Optional[int]:
    """The last report year mentioned before pos (not a comparison year such as `比2017年`)."""
    years = YEAR.findall(sentence[:pos])
    return int(years[-1]) if years else None


def amount_of(m: re.Match[str]) -> Optional[Decimal]:
    """The match's amount in yuan."""
    if m.group("zero"):
        return Decimal("0.00")
    return to_yuan(m.group("num") + m.group("unit"))


def figures(sentence: str, inherited: Optional[Subject] = None) -> list[Figure]:
    """Every level the sentence states; a clause without its own subject (`,支出决算为…`) reuses the last one."""
    out: list[Figure] = []
    last, prev_end = inherited, 0
    sentence = WORDS.spoken_zero.sub("0", sentence)  # same length: positions and raw text stay aligned
    for m in WORDS.amount.finditer(sentence):
        segment = sentence[prev_end:m.start()]
        prev_end = m.end()
        clause = CLAUSE_CUT.split(segment)[-1]
        amount = amount_of(m)
        if DIFFERENCE.search(clause) or THRESHOLD_AFTER.match(sentence[m.end():]) or amount is None:
            continue
        subject = subject_of(clause)
        if subject is None and last is not None and GAP.match(clause):
            subject = Subject(last.term, last.label)
        if subject is None or other_fund(clause, subject):
            continue
        slack = Decimal("0.00") if m.group("zero") else rounding_slack(m.group("num"), m.group("unit"))
        out.append(Figure(subject, amount, measure_of(clause[subject.start:]), year_before(sentence, m.start()),
                          slack, is_subset(clause, subject)))
        last = subject
    return out
