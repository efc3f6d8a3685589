"""A table titled as a budget table whose printed amounts cannot be read at all -> an error issue (document partial)."""
from __future__ import annotations

import re
from typing import Optional

from extractors.interpret.issue_codes import issue
from normalizers.numbers import parse_decimal
from extractors.interpret.money.titles import title_family
from extractors.model import Table
from govreports.errors import Issue

# Title families whose tables always print department lines (a 项目/采购 list or a 绩效目标表 may hold none).
READ_FAMILIES = frozenset({"total", "income", "expenditure", "fiscal_total", "general_expenditure",
                           "fiscal_expenditure", "basic", "gov_fund", "state_capital", "three_public"})
_FIGURE = re.compile(r"\d,\d{3}|\d\.\d{2}")  # an amount as printed (a 功能分类 code or column number is none)


def unread_issue(table: Table, found: int) -> Optional[Issue]:
    """An error when a budget-titled table prints amounts, none of them reads as a number (`1202,58,600`) and so
    none became a row; None when it gave rows, names no budget table, or its amounts read (a table whose lines are
    skipped by design, an 经济分类 page, is no loss)."""
    if found:
        return None
    family = next((f for line in reversed(table.caption) if (f := title_family(line))), None)
    figures = [c for c in table.cells if _FIGURE.search(c.text)]
    if family not in READ_FAMILIES or not figures or any(parse_decimal(c.text) is not None for c in figures):
        return None
    return issue("money_table_unread", f"table {table.index} ({family}): {len(figures)} printed amounts but no row"
                 " could be read from them", page=table.page, table_index=table.index, raw=figures[0].text)
