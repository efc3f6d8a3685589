"""Header rows of a 绩效目标表 (targets, no results) -> which column holds each level, the target and its parts."""
from __future__ import annotations

import re
from typing import Optional

from normalizers.text import clean_text
from extractors.interpret.tables.header import ColumnRoles, merged_end, role_of as shared_role_of
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import word
from extractors.interpret.vocab.headers import header_roles

# Header texts by role (matched on the squeezed cell text); first match wins.
ROLES = header_roles("targets")
# A column like these makes the table a self-evaluation or a scoring table: selfeval.py / rubric.py read those.
RESULT_HEADER = word("targets", "layout_result_header")


def role_of(text: str) -> Optional[str]:
    """The role a header cell names, or None."""
    return shared_role_of(squeeze(text), ROLES)


def row_roles(row: list[str]) -> dict[str, int]:
    """Role -> leftmost column for one text-grid row."""
    roles: dict[str, int] = {}
    for c, text in enumerate(row):
        role = role_of(text)
        if role and role not in roles:
            roles[role] = c
        elif role == "target" and "年度" in text and "中长期" not in text:
            roles[role] = c  # `中长期指标值 | 年度指标值`: the year's target is the one the year is judged by
    return roles


def header_columns(row: list[str], titled: bool = False) -> Optional[ColumnRoles]:
    """The target-table columns of a header row, or None when the row is not one (or names a result column).

    A header needs a 三级 and a target column, plus a 一级/二级 column unless the table is titled 绩效目标表."""
    roles = row_roles(row)
    goal = roles.pop("goal", None)
    if "target" not in roles and goal is not None:
        roles["target"] = goal
    if "level3" not in roles or "target" not in roles or not (titled or {"level1", "level2"} & roles.keys()):
        return None
    if any(RESULT_HEADER.search(squeeze(t)) for t in row):
        return None
    end = merged_end(row, roles["target"])  # a 指标值 header merged over `≥ | 100 | %` cells
    return ColumnRoles(roles, ends={"target": end})


def has_result_header(rows: list[list[str]]) -> bool:
    """True when some indicator header row of the table names a result/score column."""
    for row in rows:
        roles = row_roles(row)
        if "level3" in roles and ({"level1", "level2"} & roles.keys()) and any(
                RESULT_HEADER.search(squeeze(t)) for t in row):
            return True
    return False
