"""Issue codes: every code the interpretation layer raises is registered, and README's table lists exactly those."""
from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from extractors.interpret.issue_codes import CODES, issue

ROOT = Path(__file__).resolve().parents[2]
INTERPRET = ROOT / "extractors" / "interpret"


def raised_codes() -> set[str]:
    """Every literal code passed to issue(...) or as a `code` string argument anywhere under interpret/."""
    found: set[str] = set()
    for path in INTERPRET.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant) \
                    and getattr(node.func, "id", None) == "issue":
                found.add(str(node.args[0].value))
            if isinstance(node, ast.Constant) and isinstance(node.value, str) and \
                    re.fullmatch(r"[a-z]+(?:_[a-z]+)*_(?:mismatch|failed|unknown|crashed)", node.value):
                found.add(node.value)
    return found


def readme_codes() -> dict[str, tuple[str, str]]:
    """code -> (stage, severity) from README's `Interpretation issue codes` table."""
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    section = text.split("### Interpretation issue codes", 1)[1].split("\n\n", 3)[2]
    rows = re.findall(r"^\| `([a-z_]+)` \| (\w+) \| (\w+) \|", section, flags=re.M)
    return {code: (stage, severity) for code, stage, severity in rows}


def test_every_raised_code_is_registered() -> None:
    assert raised_codes() - set(CODES) == set()


def test_readme_lists_exactly_the_registered_codes() -> None:
    assert readme_codes() == {code: (c.stage, c.severity) for code, c in CODES.items()}


def test_an_unregistered_code_is_a_bug() -> None:
    with pytest.raises(KeyError):
        issue("no_such_code", "x")
    assert issue("unit_unparsed", "x", page=3).stage == "interpret"
