"""After a run: the curated folder -> its facts_* views and datapackage.json, rewritten from what is stored."""
from __future__ import annotations

from pathlib import Path

from govreports.analyst.datapackage import write_datapackage
from govreports.analyst.views import write_views


def publish(curated: Path) -> dict[str, int]:
    """Rebuild the facts_* views and datapackage.json of a curated folder; returns rows per view."""
    counts = write_views(curated)
    write_datapackage(curated)
    return counts
