"""Hand-built layouts as data: every tests/interpret/layouts/*.json is one document (title, grid rows) and the
records it must give. A new layout or wording is one fixture file; see README "Adding a new layout or wording"."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from extractors.interpret.records import DocMeta
from extractors.model import Paragraph
from tests.interpret.builders import doc, read, table

LAYOUTS = sorted((Path(__file__).parent / "layouts").glob("*.json"))


def blocks_of(fixture: dict[str, Any]) -> list[Any]:
    """The fixture's paragraphs and tables, in order (tables numbered as they come)."""
    out: list[Any] = []
    for block in fixture["blocks"]:
        if "paragraph" in block:
            out.append(Paragraph(block["paragraph"]))
            continue
        merges = {(m[0], m[1]): (m[2], m[3]) for m in block.get("merges", [])}
        index = sum(1 for b in out if not isinstance(b, Paragraph))
        out.append(table(block["rows"], caption=block.get("caption"), index=index, page=block.get("page", 1),
                         merges=merges))
    return out


def projected(rows: list[dict[str, Any]], fields: list[str]) -> list[str]:
    """Each row reduced to the fields a fixture names (amounts as plain decimals), sorted, as JSON."""
    def value(v: Any) -> Any:
        return str(v) if isinstance(v, Decimal) else v
    return sorted(json.dumps({f: value(r.get(f)) for f in fields}, ensure_ascii=False, sort_keys=True) for r in rows)


@pytest.mark.parametrize("path", LAYOUTS, ids=[p.stem for p in LAYOUTS])
def test_layout_gives_its_records(path: Path) -> None:
    fixture = json.loads(path.read_text(encoding="utf-8"))
    meta = DocMeta(doc_type=fixture["doc_type"], fiscal_year=fixture.get("fiscal_year"))
    out = read(doc(*blocks_of(fixture)), meta)
    for dataset, want in fixture["expect"].items():
        if dataset == "issues":
            assert sorted(i.code for i in out.issues) == sorted(want)
            continue
        fields = sorted({k for row in want for k in row}) or ["item"]
        got = projected(getattr(out, dataset), fields)
        assert got == sorted(json.dumps(r, ensure_ascii=False, sort_keys=True) for r in want), dataset
