"""Title lines -> doc_type: 决算, 预算, 部门整体 or 项目 self-evaluation, or other."""
from __future__ import annotations

import re
from typing import Iterable, Optional
from extractors.interpret.vocab.load import Words, keyed_patterns

# Checked in this order on one line; the first pattern that matches names the line's type.
TYPE_PATTERNS = keyed_patterns("classify", "doc_type")
WORDS = Words("classify", "doc_type")  # this module's patterns in vocab/classify.toml
BODY_MIN_HITS = 3
DATED = re.compile(r"(?:^|\s)\d{4}-\d{1,2}-\d{1,2}$")  # a list entry's publication date, inline or on its own line


def is_link_list(lines: list[str]) -> bool:
    """True for a portal page listing reports: at least two lines announce a report and every one of them is a dated
    list entry (`…2026年度单位预算 2026-03-02`, or a date on the next line), so none is this page's own title."""
    announcing = [i for i, line in enumerate(lines) if line_type(line) not in (None, "other")]
    dated = [i for i in announcing
             if DATED.search(lines[i].strip()) or (i + 1 < len(lines) and DATED.match(lines[i + 1].strip()))]
    return len(announcing) >= 2 and len(dated) == len(announcing)


def line_type(line: str) -> Optional[str]:
    """The doc_type a single title line announces, 'other' for a notice-like title, else None."""
    text = re.sub(r"\s+", "", line)
    if WORDS.review_title.search(text) and len(text) <= 60:
        return "other"
    if WORDS.other_anywhere.search(text) and "表" not in text and len(text) <= 60:
        return "other"
    for doc_type, pattern in TYPE_PATTERNS:
        if pattern.search(text):
            return "other" if WORDS.other_title.search(text) and "表" not in text else doc_type
    return "other" if WORDS.other_title.search(text) and len(text) <= 40 else None


def first_type(lines: Iterable[str]) -> Optional[str]:
    """The type announced by the first line (or a title broken over two lines) that announces one."""
    items = list(lines)
    for i, line in enumerate(items):
        found = line_type(line) or (line_type(line + items[i + 1]) if i + 1 < len(items) else None)
        if found:
            return found
    return None


def body_type(text: str) -> Optional[str]:
    """The type whose phrases dominate a body of text (at least BODY_MIN_HITS mentions), else None."""
    text = re.sub(r"\s+", "", text)
    counts = {t: len(p.findall(text)) for t, p in TYPE_PATTERNS}
    best = max(counts, key=lambda t: counts[t])
    return best if counts[best] >= BODY_MIN_HITS else None


def doc_type_of(head: list[str], headings: list[str], body: str) -> str:
    """Title lines first, then headings and captions, then the body's dominant phrases; 'other' when none."""
    if any(WORDS.review_title.search(re.sub(r"\s+", "", line)) for line in head[:5]):
        return "other"  # a reviewer's check sheet of a report, whatever the sheet or file is called
    return first_type(head) or first_type(headings) or body_type(body) or "other"
