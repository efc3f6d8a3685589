"""What a figure in a clause counts: the noun phrase before it (verb + noun chain) or the noun it classifies."""
from __future__ import annotations

import re

from extractors.interpret.narrative.nlp import Token, pos_tags
from extractors.interpret.vocab.load import Words, wordlist

# Adverbs of totalling: what follows them is the counted action (`热线共受理来电6.3万件` → 受理来电).
AGGREGATE = frozenset(wordlist("narrative", "subject_aggregate"))
_EDGE_ADVERBS = frozenset(wordlist("narrative", "subject_edge_adverbs"))
_EDGE_VERBS = frozenset(wordlist("narrative", "subject_edge_verbs"))
_EDGE_WORDS = frozenset(wordlist("narrative", "subject_edge_words"))
_DROP_FLAGS = ("m", "t", "p", "c", "u", "x", "y", "e", "w", "f")
_KEPT_PRONOUNS = wordlist("narrative", "subject_kept_pronouns")  # part of the name: 其他收入, 各类事项
_PLACE_TAIL = frozenset(wordlist("narrative", "subject_place_tail"))
_NOUNISH = ("n", "vn", "b", "an", "j", "eng", "zg", "s")
_SCOPE_WORDS = frozenset(wordlist("narrative", "subject_scope_words"))  # `…事项中本级权属245个事项`: the subject starts after 中
WORDS = Words("narrative", "subject")  # this module's patterns in vocab/narrative.toml
_OPEN, _CLOSE = "(“《[", ")”》]"


def droppable(t: Token, edge_verbs: frozenset[str]) -> bool:
    """True for a token that never starts or ends a subject (numbers, time, prepositions, 共/均/为 …)."""
    if t.word in _EDGE_WORDS or t.word.isspace():
        return True
    if t.flag.startswith("m"):
        return len(t.word) == 1 or t.word.startswith("第") or any(ch.isdigit() for ch in t.word)
    if t.flag.startswith(_DROP_FLAGS) and t.word not in _OPEN + _CLOSE:
        return True
    if t.flag.startswith("r") and not t.word.startswith(_KEPT_PRONOUNS):
        return True
    if t.flag.startswith("d") and t.word in _EDGE_ADVERBS:
        return True
    return t.flag.startswith("v") and t.word in edge_verbs


def drop_place(tokens: list[Token]) -> list[Token]:
    """Drop a leading place name (`邵东市注册用户` → 注册用户)."""
    if len(tokens) > 1 and tokens[0].flag in ("ns", "nr") and tokens[1].word in _PLACE_TAIL:
        return tokens[2:]
    if len(tokens) > 1 and tokens[0].flag == "ns":
        return tokens[1:]
    return tokens


def trim(tokens: list[Token]) -> list[Token]:
    """Tokens without the filler at both ends (numbers, dates, 其中, 我市, 共, 为, 达到, 的 …) and without 了."""
    tokens = [t for t in tokens if t.flag != "ul" and t.word != "了"]
    start, end = 0, len(tokens)
    while start < end and droppable(tokens[start], _EDGE_VERBS):
        start += 1
    tokens = drop_place(tokens[start:end])
    end = len(tokens)
    while end > 0 and droppable(tokens[end - 1], _EDGE_VERBS):
        end -= 1
    return balanced(tokens[:end])


def balanced(tokens: list[Token]) -> list[Token]:
    """Drop an unmatched bracket or quote at either end."""
    text = "".join(t.word for t in tokens)
    while tokens and tokens[0].word in _CLOSE or tokens and tokens[0].word in _OPEN and _CLOSE[_OPEN.index(tokens[0].word)] not in text:
        tokens = tokens[1:]
    while tokens and tokens[-1].word in _OPEN:
        tokens = tokens[:-1]
    return tokens


def after_scope(tokens: list[Token]) -> list[Token]:
    """The tokens after the last 中 (a scope like `…事项中`), when anything follows it."""
    idx = [i for i, t in enumerate(tokens) if t.word in _SCOPE_WORDS and 0 < i < len(tokens) - 1
           and tokens[i - 1].word != "(" and tokens[i + 1].word != ")"]
    return tokens[idx[-1] + 1:] if idx else tokens


def after_aggregate(tokens: list[Token]) -> list[Token]:
    """The part after the last totalling adverb when it holds the counted action, else the part before it."""
    idx = [i for i, t in enumerate(tokens) if t.word in AGGREGATE]
    if not idx:
        return trim(after_scope(tokens))
    after = trim(after_scope(tokens[idx[-1] + 1:]))
    return after if after else trim(after_scope(tokens[:idx[-1]]))


def nounish(t: Token) -> bool:
    """True for a token that can be part of a counted noun phrase (not 共 / 中 / a number)."""
    if t.word in AGGREGATE or t.word in _SCOPE_WORDS or any(ch.isdigit() for ch in t.word):
        return False
    return t.flag.startswith(_NOUNISH) or t.word.startswith("各") and t.flag.startswith("r")


def noun_phrase(tokens: list[Token]) -> list[Token]:
    """The leading noun phrase of tokens (brackets kept whole, a verb allowed between nouns: 综合受理人员)."""
    out: list[Token] = []
    depth = 0
    for i, t in enumerate(tokens):
        nxt = tokens[i + 1] if i + 1 < len(tokens) else None
        if t.word == "(":
            depth += 1
        elif t.word == ")" and depth:
            depth -= 1
        elif not (depth or nounish(t) or t.flag.startswith("v") and nxt is not None and nounish(nxt)):
            break
        out.append(t)
    while out and out[-1].word == "(":
        out.pop()
    return out


def noun_after(text: str) -> str:
    """The noun a figure classifies (`648个行政审批服务事项进行…` → 行政审批服务事项); '' when none or when the
    noun starts a predicate of its own (`149项关注度高…`)."""
    tokens = list(pos_tags(text))
    phrase = noun_phrase(tokens)
    if not any(t.flag.startswith(("n", "j", "eng", "vn")) for t in phrase):
        return ""
    rest = tokens[len(phrase):]
    if rest and rest[0].flag.startswith(("a", "d")) and rest[0].word not in _EDGE_ADVERBS:
        return ""
    return "".join(t.word for t in phrase)


def lead_stripped(segment: str) -> str:
    """A clause segment without its list number, leading date and self-reference (`2018年我单位…` → `…`)."""
    text = WORDS.list_number.sub("", segment.strip())
    return WORDS.lead_self.sub("", WORDS.lead_date.sub("", text))


def subject_before(segment: str) -> str:
    """The subject stated before a figure in its clause segment (a leading list number dropped)."""
    text = "".join(t.word for t in after_aggregate(list(pos_tags(lead_stripped(segment)))))
    return WORDS.trailing_verb.sub("", text) if len(text) > 2 else text


def names_something(subject: str) -> bool:
    """True when a subject holds a noun or names a measure (…率, …数, …经费), not just a verb (`实现`)."""
    if WORDS.measure_end.search(subject):
        return True
    return any(t.flag.startswith(("n", "j", "eng", "vn")) for t in pos_tags(subject))


def subject_of(segment: str, noun: str) -> str:
    """The subject of a figure from the clause text before it and the noun it classifies (`34个部门`), if any."""
    stripped = segment.rstrip()
    if stripped.endswith(("、", "和", "及", "与", "以及")):
        return noun  # `A、26个乡镇`: what precedes is another item of the list
    before = subject_before(segment)
    if not noun or not before:
        return noun or before
    joint = next((w for w in ("的", "等") if stripped.endswith(w)), "")
    return before + joint + noun
