"""Time per document write with 10 vs 1,000 documents already stored (the writer must not grow with the data).

Usage: python bench/writes.py [--small 10] [--large 1000] [--sample 30]
Each document is a realistic small one (a documents row, 20 budget rows, 5 issues) under its own source_key;
`--sample` writes are timed at each size, half of them new versions of an existing source (the replace path).
The last line is `write_ratio=X` (median seconds per write at --large / at --small); the target is <= 2.0.
"""
from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import datetime, timezone
from decimal import Decimal
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreports.store import write_document  # noqa: E402


def document(n: int, version: int = 0) -> tuple[dict[str, Any], dict[str, list[dict[str, Any]]]]:
    """Document n (version v: other bytes of the same source) with 20 budget rows and 5 issues."""
    doc_id = f"{n:08x}{version:08x}"
    year = 2020 + n % 5
    doc = {"doc_id": doc_id, "file_name": f"{n}.pdf", "file_format": "pdf", "source_url": None, "title": None,
           "doc_type": "final_accounts", "org_name": "某局", "region": None, "fiscal_year": year, "publisher": None,
           "index_no": None, "published_date": None, "page_count": 3, "status": "ok",
           "extracted_at": datetime(2026, 1, 1, tzinfo=timezone.utc), "pipeline_version": "bench",
           "source_key": f"/reports/{n}.pdf", "org_suffix": None, "sha256": doc_id * 4}
    budgets = [{"doc_id": doc_id, "org_name": "某局", "fiscal_year": year, "page": 1, "table_index": 0,
                "row_index": i, "raw": "x", "scope": "department", "project_name": None, "item": "income_total",
                "item_label": "收入合计", "functional_code": None, "measure": "actual", "period_year": year,
                "amount_yuan": Decimal(f"{i}.00")} for i in range(20)]
    issues = [{"doc_id": doc_id, "stage": "interpret", "severity": "warning", "code": "bench", "message": "m",
               "page": 1, "table_index": None, "row_index": None, "raw": None, "fiscal_year": year} for _ in range(5)]
    return doc, {"budgets": budgets, "extraction_issues": issues}


def timed_writes(out: Path, first: int, sample: int) -> list[float]:
    """Seconds of `sample` writes: new documents first..first+sample/2, then new versions of existing ones."""
    times = []
    for k in range(sample):
        n, version = (first + k, 0) if k % 2 == 0 else (k % 10, first + k)
        doc, records = document(n, version)
        start = time.perf_counter()
        write_document(out, doc, records)
        times.append(time.perf_counter() - start)
    return times


def fill(out: Path, start: int, stop: int) -> None:
    """Store documents start..stop-1."""
    for n in range(start, stop):
        write_document(out, *document(n))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=10)
    parser.add_argument("--large", type=int, default=1000)
    parser.add_argument("--sample", type=int, default=30)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp)
        fill(out, 0, args.small)
        small = timed_writes(out, 10**6, args.sample)
        fill(out, args.small, args.large)
        large = timed_writes(out, 2 * 10**6, args.sample)
    s, big = statistics.median(small), statistics.median(large)
    print(f"docs={args.small} write_s={s:.4f}")
    print(f"docs={args.large} write_s={big:.4f}")
    print(f"write_ratio={big / s:.2f}")


if __name__ == "__main__":
    main()
