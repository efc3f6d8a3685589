"""Acceptance numbers of issue 16 on the saved real portal pages (renwu-2026): what inspect-page takes from each.

Reads the corpus MANIFEST.tsv (html rows), labels each page from bench/renwu_pages.tsv (budget, home, directory,
article, redirect, bot_stub; the 27 budget rows were checked by hand against each page — the 12 温州 sPdfUrl pages,
the 10 天津 部门预算公开目录 pages, 4 无锡 and 1 南通 — the other labels were drafted from the pages' titles and
sizes and only tell the report's rows apart: every non-budget page must come out relevant:false), picks the family template from the page's markup (govreports.crawl.sources
.detect_family: the same choice `inspect-page` makes without --source) and prints, per label, pages marked
relevant and attachments kept, then the acceptance lines. Re-run:

    .venv/bin/python bench/crawl_pages.py [--corpus ../shared/corpus/renwu-2026] [--json out.json] [-v]
"""
from __future__ import annotations

import argparse
import collections
import csv
import json
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from extractors.html_decode import decode_html  # noqa: E402
from govreports.crawl.pages import inspect  # noqa: E402
from govreports.crawl.sources import detect_family, load_template  # noqa: E402

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "renwu-2026"
BASE = "http://portal.invalid"  # the pages' own URLs were not saved; links resolve against this host


def html_rows(corpus: Path) -> list[str]:
    """Relative paths of the html files the corpus manifest lists."""
    with open(corpus / "MANIFEST.tsv", encoding="utf-8") as fh:
        return [r["local_name"] for r in csv.DictReader(fh, delimiter="\t") if r["format"] == "html"]


def labels() -> dict[str, str]:
    """path -> label (bench/renwu_pages.tsv)."""
    with open(ROOT / "bench" / "renwu_pages.tsv", encoding="utf-8") as fh:
        return {r["path"]: r["label"] for r in csv.DictReader(fh, delimiter="\t")}


def inspect_file(path: Path, rel: str) -> dict[str, Any]:
    """inspect-page's answer for one saved page, with the family template its markup matches."""
    body = path.read_bytes()
    family = detect_family(decode_html(body)[0] or "")
    view = inspect(body, f"{BASE}/{rel}", load_template(family, base_url=BASE))
    return {"family": family, **view.as_json()}


def main() -> None:
    """Print the per-label table and the acceptance lines."""
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    ap.add_argument("--json", type=Path)
    ap.add_argument("-v", action="store_true", help="one line per page")
    args = ap.parse_args()
    label_of = labels()
    results = []
    for rel in html_rows(args.corpus):
        got = inspect_file(args.corpus / rel, rel)
        got.update(path=rel, label=label_of.get(rel, "unlabelled"))
        results.append(got)
        if args.v:
            print(f"{got['label']:9s} {got['family']:14s} {got['kind']:6s} relevant={int(got['relevant'])} "
                  f"att={len(got['attachments'])} {rel}")
    by_label: dict[str, list[dict[str, Any]]] = collections.defaultdict(list)
    for r in results:
        by_label[r["label"]].append(r)
    print(f"pages: {len(results)}; families: {dict(collections.Counter(r['family'] for r in results))}")
    print(f"{'label':10s} {'pages':>5s} {'relevant':>8s} {'with_att':>8s} {'att_kept':>8s}")
    for label, rows in sorted(by_label.items()):
        print(f"{label:10s} {len(rows):5d} {sum(r['relevant'] for r in rows):8d} "
              f"{sum(bool(r['attachments']) for r in rows):8d} {sum(len(r['attachments']) for r in rows):8d}")
    budget = by_label.get("budget", [])
    others = [r for r in results if r["label"] != "budget"]
    must_be_false = [r for r in results if r["label"] in ("home", "directory", "bot_stub")]
    found = sum(bool(r["attachments"]) for r in budget)
    kept_elsewhere = sum(len(r["attachments"]) for r in others)
    wrong = [r["path"] for r in must_be_false if r["relevant"]]
    print(f"ACCEPT budget pages with their attachment found: {found}/{len(budget)} (need >= 26 of 27)")
    print(f"ACCEPT attachments kept on pages that are not budget reports: {kept_elsewhere} (need <= 2)")
    print(f"ACCEPT home/directory/bot pages relevant:false: {len(must_be_false) - len(wrong)}/{len(must_be_false)}"
          f" (need all){' wrong: ' + ', '.join(wrong) if wrong else ''}")
    print(f"      non-budget pages relevant:false: {sum(not r['relevant'] for r in others)}/{len(others)}")
    missing = [r["path"] for r in budget if not r["attachments"]]
    if missing:
        print("      budget pages without an attachment: " + ", ".join(missing))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
