"""The real corpus (../shared/corpus/real): each file extracted once per session, its Document kept beside the
pipeline's documents row and records. Every test here skips when ../shared is absent."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from extractors.detect import detect_format
from extractors.model import Document
from govreports import pipeline

CORPUS = Path(__file__).resolve().parents[2].parent / "shared" / "corpus" / "real"


def pytest_configure(config: pytest.Config) -> None:
    """Register the `corpus` marker (whole-corpus tests; they run by default, deselect with -m 'not corpus')."""
    config.addinivalue_line("markers", "corpus: runs the pipeline over the real corpus in ../shared/corpus/real")


@dataclass
class CorpusFile:
    """One corpus file through the pipeline: the extractor's Document (None when it failed) and the results."""

    path: Path
    doc: Optional[Document]
    document: dict[str, Any]
    records: dict[str, list[dict[str, Any]]]

    def issues(self, code: Optional[str] = None) -> list[dict[str, Any]]:
        """The file's extraction_issues rows (of one code)."""
        return [i for i in self.records["extraction_issues"] if code is None or i["code"] == code]


def run_file(path: Path) -> CorpusFile:
    """Extract one file with the full pipeline, keeping the Document the extractor returned."""
    data = path.read_bytes()
    doc, issues = pipeline.read_document(data, path.name, detect_format(data))
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(pipeline, "read_document", lambda *_: (doc, list(issues)))
        ex = pipeline.extract_bytes(data, path.name, source_key=str(path))
    return CorpusFile(path, doc, ex.document, ex.records)


@pytest.fixture(scope="session")
def corpus_dir() -> Path:
    """../shared/corpus/real, or skip."""
    if not CORPUS.is_dir():
        pytest.skip("../shared/corpus/real is not next to this checkout")
    return CORPUS


@pytest.fixture(scope="session")
def corpus_files(corpus_dir: Path) -> list[Path]:
    """Every document of the corpus (the reference CSVs left out)."""
    return sorted(p for p in corpus_dir.rglob("*") if p.is_file() and p.suffix.lower() not in (".csv", ".md"))


@pytest.fixture(scope="session")
def extracted(corpus_dir: Path) -> Callable[[Path], CorpusFile]:
    """path -> CorpusFile, each file extracted at most once per session."""
    cache: dict[Path, CorpusFile] = {}

    def get(path: Path) -> CorpusFile:
        if path not in cache:
            cache[path] = run_file(path)
        return cache[path]
    return get


@pytest.fixture(scope="session")
def corpus_file(corpus_dir: Path, extracted: Callable[[Path], CorpusFile]) -> Callable[[str], CorpusFile]:
    """A corpus file by its path relative to the corpus (`shanghai-putuo/dept_budget.pdf`)."""
    def get(relative: str) -> CorpusFile:
        path = corpus_dir / relative
        if not path.exists():
            pytest.skip(f"{relative} is not in the corpus")
        return extracted(path)
    return get
