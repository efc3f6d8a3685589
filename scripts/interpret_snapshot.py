"""Extract files (no Prefect, no writing) and dump every interpreted record per file as JSON lines, to diff two trees.

Usage: python scripts/interpret_snapshot.py OUT.jsonl FILE_OR_DIR... [--every N]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreports.pipeline import extract_path  # noqa: E402

SUFFIXES = {".pdf", ".docx", ".doc", ".html", ".htm", ".xlsx", ".xls", ".wps", ".txt"}
DROP = {"doc_id", "extracted_at", "pipeline_version"}


def files_of(paths: list[Path], every: int) -> list[Path]:
    """The document files under the given paths, sorted, every N-th kept."""
    found = sorted(f for p in paths for f in ([p] if p.is_file() else p.rglob("*"))
                   if f.is_file() and f.suffix.lower() in SUFFIXES)
    return found[::every]


def main() -> int:
    """Write one JSON line per file: its name and its records per dataset (sorted, ids dropped)."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("paths", type=Path, nargs="+")
    ap.add_argument("--every", type=int, default=1)
    args = ap.parse_args()
    with args.out.open("w", encoding="utf-8") as fh:
        for f in files_of(args.paths, args.every):
            ex = extract_path(f)
            recs = {k: sorted(json.dumps({c: v for c, v in r.items() if c not in DROP}, ensure_ascii=False,
                                         sort_keys=True, default=str) for r in rows) for k, rows in ex.records.items()}
            fh.write(json.dumps({"file": str(f), "records": recs}, ensure_ascii=False) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
