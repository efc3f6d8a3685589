"""One line per real corpus file: doc_type, org, year, pages, rows per dataset, issues (by code).

Usage: python bench/corpus_report.py [--corpus DIR] [--out DIR] [--only SUBSTRING]
"""
from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreports.pipeline import Extraction, extract_path  # noqa: E402
from govreports.store import write_document  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real"
SHORT = {"budgets": "bud", "three_public": "3pub", "indicators": "ind", "evaluations": "eval",
         "sections": "sec", "prose_metrics": "pm", "org_profile": "prof"}
SKIP_SUFFIXES = (".csv", ".md")


def corpus_files(corpus: Path, only: str = "") -> list[Path]:
    """The corpus's documents (reference CSVs and READMEs left out), sorted."""
    return sorted(p for p in corpus.rglob("*") if p.is_file() and p.suffix.lower() not in SKIP_SUFFIXES
                  and only in str(p))


def issue_codes(issues: list[dict[str, Any]]) -> str:
    """`code:n,code:n` for a file's issues, most frequent first."""
    return ",".join(f"{code}:{n}" for code, n in Counter(i["code"] for i in issues).most_common())


def file_line(name: str, ex: Extraction, seconds: float) -> str:
    """The one-line summary of one file."""
    d = ex.document
    issues = ex.records["extraction_issues"]
    rows = " ".join(f"{SHORT.get(k, k)}={len(v)}" for k, v in ex.records.items() if k != "extraction_issues")
    return (f"{name[:58]:58s} {d['file_format']:4s} {d['status']:7s} {d['doc_type']:14.14s} "
            f"{str(d['org_name'])[:18]:18s} {d['fiscal_year']} p={d['page_count']} {rows} "
            f"issues={len(issues)}[{issue_codes(issues)}] {seconds:.1f}s")


def main() -> int:
    """Extract every corpus file (writing to --out) and print one line each plus totals."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--out", type=Path, default=None)
    ap.add_argument("--only", default="", help="substring of the paths to keep")
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="corpus-"))
    files = corpus_files(args.corpus, args.only)
    statuses: Counter[str] = Counter()
    types: Counter[str] = Counter()
    codes: Counter[str] = Counter()
    rows: Counter[str] = Counter()
    for path in files:
        t0 = time.perf_counter()
        ex = extract_path(path)
        write_document(out, ex.document, ex.records)
        statuses[ex.document["status"]] += 1
        types[ex.document["doc_type"]] += 1
        codes.update(i["code"] for i in ex.records["extraction_issues"])
        rows.update({k: len(v) for k, v in ex.records.items() if k != "extraction_issues"})
        print(file_line(str(path.relative_to(args.corpus)), ex, time.perf_counter() - t0), flush=True)
    print(f"files={len(files)} " + " ".join(f"{k}={v}" for k, v in statuses.items()))
    print("doc_types: " + ", ".join(f"{k}={v}" for k, v in types.most_common()))
    print("rows: " + ", ".join(f"{SHORT.get(k, k)}={v}" for k, v in rows.items()))
    print("issue codes: " + ", ".join(f"{k}={v}" for k, v in codes.most_common()))
    print(f"written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
