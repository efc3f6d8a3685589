"""One document's rows -> the same rows with the analyst columns (hierarchy, attainment); its org_key."""
from __future__ import annotations

import traceback
from typing import Any, Optional

from govreports.analyst.attainment import with_attainment
from govreports.analyst.hierarchy import with_hierarchy
from govreports.analyst.orgkey import org_key
from govreports.errors import Issue

Row = dict[str, Any]


def enrich_rows(dataset: str, rows: list[Row], issues: Optional[list[Issue]] = None) -> list[Row]:
    """three_public / budgets rows get parent_item and level, indicators rows direction and met; others unchanged.
    A crash here keeps the rows without the analyst columns and, given a list, records why in it."""
    try:
        if dataset in ("three_public", "budgets"):
            return with_hierarchy(dataset, rows)
        if dataset == "indicators":
            return with_attainment(rows)
    except Exception as exc:  # a bug in a derived column must not lose the printed rows
        if issues is not None:
            issues.append(Issue("interpret", "warning", "enrich_crashed", f"{dataset}: {type(exc).__name__}: {exc}",
                                raw=traceback.format_exc(limit=3)))
    return rows


def org_key_of(org_name: Optional[str]) -> Optional[str]:
    """The documents row's org_key (None when no unit was found); never raises on a name the gazetteer chokes on."""
    try:
        return org_key(org_name)
    except Exception:  # the gazetteer is a third-party table lookup: an odd name must not lose the document
        return org_name
