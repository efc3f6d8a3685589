"""One document's rows -> the same rows with the analyst columns (hierarchy, attainment); its org_key."""
from __future__ import annotations

from typing import Any, Optional

from govreports.analyst.attainment import with_attainment
from govreports.analyst.hierarchy import with_hierarchy
from govreports.analyst.orgkey import org_key

Row = dict[str, Any]


def enrich_rows(dataset: str, rows: list[Row]) -> list[Row]:
    """three_public / budgets rows get parent_item and level, indicators rows direction and met; others unchanged."""
    if dataset in ("three_public", "budgets"):
        return with_hierarchy(dataset, rows)
    if dataset == "indicators":
        return with_attainment(rows)
    return rows


def org_key_of(org_name: Optional[str]) -> Optional[str]:
    """The documents row's org_key (None when no unit was found); never raises on a name the gazetteer chokes on."""
    try:
        return org_key(org_name)
    except Exception:  # the gazetteer is a third-party table lookup: an odd name must not lose the document
        return org_name
