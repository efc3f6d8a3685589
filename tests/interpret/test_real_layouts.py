"""Real-page layouts as data: every tests/interpret/layouts/real/*.json is an excerpt of a crawled report (cover lines,
table grids as the extractor sees them, the corpus file and its sha256) -> the document fields and rows the whole
interpreter (classify included) must give, and the rows and issues it must never give. See README "Adding a new
layout or wording"."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractors.interpret import Interpretation, interpret
from extractors.model import Block, Cell, Document, Paragraph, Table

LAYOUTS = Path(__file__).resolve().parent / "layouts" / "real"
FIXTURES = sorted(LAYOUTS.glob("*.json"))


def document_of(fx: dict[str, Any]) -> Document:
    """The document model a fixture describes: its cover lines, then each table (grid rows on their pages)."""
    blocks: list[Block] = [Paragraph(p["text"], p.get("level", 0), p.get("page")) for p in fx.get("cover", [])]
    blocks += [Paragraph(p["text"], p.get("level", 0), p.get("page")) for p in fx.get("paragraphs", [])]
    for i, t in enumerate(fx.get("tables", [])):
        pages = t.get("row_pages") or [t.get("page")] * len(t["grid"])
        cells = [Cell(r, c, text, page=pages[r]) for r, row in enumerate(t["grid"]) for c, text in enumerate(row)]
        blocks.append(Table(index=t.get("index", i), n_rows=len(t["grid"]), n_cols=max(len(r) for r in t["grid"]),
                            cells=cells, page=t.get("page"), caption=list(t.get("caption", []))))
    return Document(file_format=fx.get("file_format") or "pdf", blocks=blocks)


def matches(row: dict[str, Any], want: dict[str, Any]) -> bool:
    """True when every wanted field equals the row's (amounts compared as Decimal)."""
    for key, value in want.items():
        got = row.get(key)
        if key == "amount_yuan":
            if got is None or Decimal(str(got)) != Decimal(str(value)):
                return False
        elif got != value:
            return False
    return True


@pytest.fixture(scope="module", params=FIXTURES, ids=[f.stem for f in FIXTURES])
def case(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Interpretation]:
    fx = json.loads(request.param.read_text(encoding="utf-8"))
    return fx, interpret(document_of(fx))


def test_layout(case: tuple[dict[str, Any], Interpretation]) -> None:
    fx, out = case
    want = fx["expect"]
    for key, value in want.get("documents", {}).items():
        assert getattr(out.meta, key) == value, (key, getattr(out.meta, key), value)
    for dataset in ("budgets", "three_public", "indicators", "evaluations"):
        rows = getattr(out, dataset)
        for spec in want.get(dataset, []):
            spec = dict(spec)
            exactly_one = spec.pop("one", False)
            found = [r for r in rows if matches(r, spec)]
            assert found, (dataset, spec, [r for r in rows if r.get("item") == spec.get("item")])
            if exactly_one:
                slot = {k: spec[k] for k in ("item", "fund", "measure") if k in spec}
                same = {Decimal(str(r["amount_yuan"])) for r in rows if matches(r, slot)}
                assert len(same) == 1, (dataset, spec, same)  # one value per slot (labels may differ)
        for spec in want.get("never_" + dataset, []):
            assert not [r for r in rows if matches(r, spec)], (dataset, spec)
    for code in want.get("issues", []):
        assert any(i.code == code for i in out.issues), (code, [i.code for i in out.issues])
    for code in want.get("never_issues", []):
        assert not any(i.code == code for i in out.issues), (code, [i.message for i in out.issues if i.code == code])
    if "count" in want:
        for dataset, n in want["count"].items():
            assert len(getattr(out, dataset)) == n, (dataset, getattr(out, dataset))
