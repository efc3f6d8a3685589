"""Scoring-table header cells -> column roles (一级/二级/三级指标, 评分标准, 分值, 得分, 扣分原因)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from extractors.model import Table
from normalizers.text import clean_text
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words, word, wordlist

MAX_HEADER_ROWS = 3
WORDS = Words("rubric", "columns")  # this module's patterns in vocab/rubric.toml
CRITERIA_WORDS = wordlist("rubric", "columns_criteria_words")
SCORE = word("rubric", "columns_score")


@dataclass
class Columns:
    """Column index of each role in a scoring table, and how many header rows it has."""

    level3: int
    score: Optional[int] = None
    level1: Optional[int] = None
    level2: Optional[int] = None
    criteria: Optional[int] = None
    weight: Optional[int] = None
    note: Optional[int] = None
    header_rows: int = 1



def is_header_row(row: list[str]) -> bool:
    """True when every non-empty cell is a short header word without digits."""
    texts = [squeeze(t) for t in row if squeeze(t)]
    return bool(texts) and all(len(t) <= 14 and not re.search(r"\d", t) and WORDS.header_word.search(t) for t in texts)


def header_texts(grid: list[list[str]]) -> tuple[list[str], int]:
    """Per column, the header rows' texts joined top-down (merged repeats once), and the header row count."""
    n = 0
    while n < min(MAX_HEADER_ROWS, len(grid)) and is_header_row(grid[n]):
        n += 1
    cols = len(grid[0]) if grid else 0
    out = []
    for c in range(cols):
        parts: list[str] = []
        for r in range(n):
            t = squeeze(grid[r][c])
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        out.append("".join(parts))
    return out, n


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


def rubric_columns(table: Table) -> Optional[Columns]:
    """The roles of a scoring table's columns, or None when the table is not one."""
    grid = table.text_grid()
    headers, n = header_texts(grid)
    if not n or any(WORDS.target_header.search(h) for h in headers):
        return None
    roles = assign(headers)
    level3 = roles.pop("level3")
    if level3 is None or roles["score"] is None and roles["weight"] is None:
        return None
    captioned = any(WORDS.rubric_caption.search(squeeze(c)) for c in table.caption)
    if roles["criteria"] is None and not captioned:
        return None
    return Columns(level3=level3, header_rows=n, **roles)
