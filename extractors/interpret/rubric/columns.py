"""Scoring-table header cells -> column roles (一级/二级/三级指标, 评分标准, 分值, 得分, 扣分原因)."""
from __future__ import annotations

import re
from typing import Optional

from extractors.model import Table
from normalizers.text import clean_text
from extractors.interpret.tables.header import ColumnRoles, header_texts
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words, word, wordlist

MAX_HEADER_ROWS = 3
WORDS = Words("rubric", "columns")  # this module's patterns in vocab/rubric.toml
CRITERIA_WORDS = wordlist("rubric", "columns_criteria_words")
SCORE = word("rubric", "columns_score")


def is_header_row(row: list[str]) -> bool:
    """True when every non-empty cell is a short header word without digits."""
    texts = [squeeze(t) for t in row if squeeze(t)]
    return bool(texts) and all(len(t) <= 14 and not re.search(r"\d", t) and WORDS.header_word.search(t) for t in texts)


def criteria_rank(text: str) -> Optional[int]:
    """Preference of a criteria header (lower is better), None when it is none."""
    return next((i for i, w in enumerate(CRITERIA_WORDS) if w in text), None)


def first_col(headers: list[str], pattern: re.Pattern[str], taken: set[int]) -> Optional[int]:
    """The first free column whose header matches pattern."""
    return next((i for i, h in enumerate(headers) if i not in taken and h and pattern.search(h)), None)


def assign(headers: list[str]) -> dict[str, Optional[int]]:
    """Role -> column, decided note, criteria, score, weight, then the three levels."""
    roles: dict[str, Optional[int]] = {"note": first_col(headers, WORDS.note, set())}
    taken = {v for v in roles.values() if v is not None}
    ranked = [(criteria_rank(h), i) for i, h in enumerate(headers) if i not in taken and criteria_rank(h) is not None]
    roles["criteria"] = min(ranked)[1] if ranked else None
    for role, pattern in (("score", SCORE), ("weight", WORDS.weight), ("level1", WORDS.level1), ("level2", WORDS.level2),
                          ("level3", WORDS.level3)):
        taken |= {v for v in roles.values() if v is not None}
        roles[role] = first_col(headers, pattern, taken)
    return roles


def rubric_columns(table: Table) -> Optional[ColumnRoles]:
    """The roles of a scoring table's columns, or None when the table is not one."""
    grid = table.text_grid()
    headers, n = header_texts(grid, is_header_row, MAX_HEADER_ROWS)
    if not n or any(WORDS.target_header.search(h) for h in headers):
        return None
    roles = assign(headers)
    if roles["level3"] is None or roles["score"] is None and roles["weight"] is None:
        return None
    captioned = any(WORDS.rubric_caption.search(squeeze(c)) for c in table.caption)
    if roles["criteria"] is None and not captioned:
        return None
    return ColumnRoles(roles, header_rows=n)
