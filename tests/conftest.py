"""Shared fixtures: paths to the bundled samples and the shared gold/scorer."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def samples_dir() -> Path:
    """data/samples of this checkout."""
    return SAMPLES


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared (contract, gold, scorer, corpus); tests needing it skip when it is absent."""
    if not (SHARED / "gold").is_dir():
        pytest.skip("../shared is not next to this checkout")
    return SHARED
