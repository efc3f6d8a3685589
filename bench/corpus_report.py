"""One line per real corpus file: doc_type, org, year, pages, rows per dataset, issues.

Usage: python bench/corpus_report.py [--corpus DIR] [--out DIR]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreports.pipeline import extract_path  # noqa: E402
from govreports.store import write_document  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real"
SHORT = {"budgets": "bud", "three_public": "3pub", "indicators": "ind", "evaluations": "eval",
         "sections": "sec", "prose_metrics": "pm", "org_profile": "prof"}


def main() -> int:
    """Extract every corpus file (writing to --out) and print one line each plus totals."""
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="corpus-"))
    files = sorted(p for p in args.corpus.rglob("*") if p.is_file() and p.suffix.lower() not in (".csv", ".md"))
    statuses: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    for path in files:
        t0 = time.perf_counter()
        ex = extract_path(path)
        write_document(out, ex.document, ex.records)
        d = ex.document
        statuses[d["status"]] += 1
        issues = ex.records["extraction_issues"]
        codes.update(i["code"] for i in issues)
        rows = " ".join(f"{SHORT.get(k, k)}={len(v)}" for k, v in ex.records.items() if k != "extraction_issues")
        print(f"{str(path.relative_to(args.corpus))[:60]:60s} {d['file_format']:5s} {d['status']:7s} "
              f"{d['doc_type']:30s} {str(d['org_name'])[:20]:20s} {d['fiscal_year']} p={d['page_count']} "
              f"{rows} issues={len(issues)} {time.perf_counter() - t0:.1f}s")
    print(f"files={len(files)} " + " ".join(f"{k}={v}" for k, v in statuses.items()))
    print("issue codes: " + ", ".join(f"{k}={v}" for k, v in codes.most_common()))
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
