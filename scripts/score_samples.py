"""Dev loop: extract sample files without Prefect, write them to a folder, and run the gold scorer."""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
from pathlib import Path

from govreports.pipeline import extract_path
from govreports.store import write_document

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"


def main() -> int:
    """Extract --fmt samples (default docx) matching --only, then print the scorer's report."""
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--fmt", default="docx", choices=["docx", "pdf", "html"])
    ap.add_argument("--only", default="", help="substring of the file stems to keep, e.g. 000")
    ap.add_argument("--show", default="20")
    ap.add_argument("--out", type=Path, default=None)
    args = ap.parse_args()
    out = args.out or Path(tempfile.mkdtemp(prefix="govreports-score-"))
    files = sorted((ROOT / "data" / "samples" / args.fmt).glob(f"*{args.only}*.{args.fmt}" if args.only else f"*.{args.fmt}"))
    for path in files:
        ex = extract_path(path)
        write_document(out, ex.document, ex.records)
        issues = [(r["code"], r["message"][:120]) for r in ex.records["extraction_issues"]]
        print(path.name, ex.document["status"], ex.document["doc_type"], ex.document["org_name"],
              ex.document["fiscal_year"], ex.counts(), issues[:8])
    gold = SHARED / "gold"
    if args.only:
        tmp_gold = Path(tempfile.mkdtemp(prefix="gold-"))
        for g in gold.glob(f"*{args.only}*.json"):
            (tmp_gold / g.name).write_bytes(g.read_bytes())
        gold = tmp_gold
    return subprocess.call([sys.executable, str(SHARED / "eval" / "score.py"), "--curated", str(out),
                            "--gold", str(gold), "--show", args.show])


if __name__ == "__main__":
    sys.exit(main())
