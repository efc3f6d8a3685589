"""Every known synonym -> what each context's lookup returns, pinned before the vocabulary became data.

tests/interpret/data/lookup_snapshot.json was written once from main 901d6b1 by make_lookup_snapshot.py; any
lookup that now answers differently must be listed in CHANGED with the reason.
"""
from __future__ import annotations

import json
from pathlib import Path
from typing import Optional

import pytest

from tests.interpret.lookups import lookups

SNAPSHOT: dict[str, dict[str, Optional[str]]] = json.loads(
    (Path(__file__).parent / "data" / "lookup_snapshot.json").read_text(encoding="utf-8"))
# (label, context) -> new answer: deliberate changes since the snapshot, each with its reason.
CHANGED: dict[tuple[str, str], Optional[str]] = {}


@pytest.mark.parametrize("label", sorted(SNAPSHOT))
def test_lookup_answers_as_pinned(label: str) -> None:
    want = {ctx: CHANGED.get((label, ctx), value) for ctx, value in SNAPSHOT[label].items()}
    assert lookups(label) == want
