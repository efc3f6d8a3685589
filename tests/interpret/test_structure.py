"""Shape of extractors/interpret/: vocabulary stays data (few Chinese literals in code), modules stay small."""
from __future__ import annotations

import importlib.util
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
INTERPRET = ROOT / "extractors" / "interpret"
MAX_CJK_LITERALS = 150
MAX_MODULE_LINES = 300


def _counter() -> object:
    """scripts/count_cjk_literals.py loaded as a module."""
    spec = importlib.util.spec_from_file_location("count_cjk_literals", ROOT / "scripts" / "count_cjk_literals.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_chinese_words_live_in_vocab_data_not_in_code() -> None:
    count_file = getattr(_counter(), "count_file")
    total = sum(count_file(p) for p in INTERPRET.rglob("*.py"))
    assert total <= MAX_CJK_LITERALS, f"{total} string literals with Chinese text: move words to vocab/*.toml"


def test_no_module_is_over_300_lines() -> None:
    long = {str(p.relative_to(INTERPRET)): n for p in INTERPRET.rglob("*.py")
            if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_MODULE_LINES}
    assert not long


def test_vocabulary_files_ship_as_package_data() -> None:
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert '"interpret/vocab/*.toml"' in pyproject and list((INTERPRET / "vocab").glob("*.toml"))
