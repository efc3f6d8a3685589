"""The demo data (every file the demo portal serves, from data/samples) extracted once per session into a curated
folder with its facts_* views and datapackage.json."""
from __future__ import annotations

from pathlib import Path

import pytest

from govreports.analyst.publish import publish
from govreports.pipeline import extract_path
from govreports.store import write_document

SAMPLE_SUFFIXES = (".docx", ".pdf", ".html")


def build_demo(samples: Path, out: Path) -> Path:
    """Extract the samples into out and publish the views; returns out."""
    for path in sorted(p for p in samples.rglob("*") if p.suffix in SAMPLE_SUFFIXES):
        ex = extract_path(path)
        write_document(out, ex.document, ex.records)
    publish(out)
    return out


@pytest.fixture(scope="session")
def demo_curated(samples_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """data/curated of the demo data."""
    return build_demo(samples_dir, tmp_path_factory.mktemp("demo") / "curated")
