"""What publishing costs after a run: building the facts_* views + datapackage.json, and the HTML report, against the
baseline of reading the datasets they come from (pandas on the same folders).

Usage: python bench/publish_cost.py --data DIR [--repeat N]     (DIR: a curated folder, e.g. data/curated)
The last lines are `views_ratio=X` and `report_ratio=Y` (seconds / baseline seconds; lower is cheaper).
"""
from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import pandas as pd  # noqa: E402

from govreports.analyst.publish import publish  # noqa: E402
from govreports.analyst.report import write_report  # noqa: E402

SOURCES = ("documents", "three_public", "budgets", "indicators", "extraction_issues")


def best_of(repeat: int, run: Callable[[], object]) -> float:
    """Fastest wall time of repeat runs."""
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        run()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> int:
    """Time the baseline read, publish and report on a copy of --data; print seconds and ratios."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--data", type=Path, required=True)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp(prefix="publish-")) / "curated"
    shutil.copytree(args.data, work)
    rows = sum(len(pd.read_parquet(work / s)) for s in SOURCES)
    base = best_of(args.repeat, lambda: [pd.read_parquet(work / s) for s in SOURCES])
    views = best_of(args.repeat, lambda: publish(work))
    report = best_of(args.repeat, lambda: write_report(work, work.parent / "report.html"))
    print(f"source rows={rows} baseline_read={base:.3f}s publish={views:.3f}s report={report:.3f}s")
    print(f"views_ratio={views / base:.1f}")
    print(f"report_ratio={report / base:.1f}")
    shutil.rmtree(work.parent, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
