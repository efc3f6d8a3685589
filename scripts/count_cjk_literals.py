"""Count string literals containing Chinese characters in .py files under a folder (docstrings not counted).

Usage: python scripts/count_cjk_literals.py [DIR] [--per-file] [--max N]; exits 1 when the count exceeds --max.
"""
from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

CJK = re.compile(r"[\u4e00-\u9fff]")
DEFAULT_DIR = Path(__file__).resolve().parent.parent / "extractors" / "interpret"


def docstring_nodes(tree: ast.AST) -> set[int]:
    """ids of the Constant nodes that are module, class or function docstrings."""
    out: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.ClassDef, ast.FunctionDef, ast.AsyncFunctionDef)) and node.body:
            first = node.body[0]
            if isinstance(first, ast.Expr) and isinstance(first.value, ast.Constant) and isinstance(first.value.value, str):
                out.add(id(first.value))
    return out


def count_file(path: Path) -> int:
    """String literals with Chinese text in one file (an f-string counts once)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    docs = docstring_nodes(tree)
    inside_fstring = {id(v) for node in ast.walk(tree) if isinstance(node, ast.JoinedStr) for v in node.values}
    n = 0
    for node in ast.walk(tree):
        if isinstance(node, ast.JoinedStr):
            n += any(isinstance(v, ast.Constant) and CJK.search(str(v.value)) for v in node.values)
        elif isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docs \
                and id(node) not in inside_fstring and CJK.search(node.value):
            n += 1
    return n


def main() -> int:
    """Print the total (and per file with --per-file)."""
    ap = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    ap.add_argument("dir", type=Path, nargs="?", default=DEFAULT_DIR)
    ap.add_argument("--per-file", action="store_true")
    ap.add_argument("--max", type=int, default=None)
    args = ap.parse_args()
    counts = {p: count_file(p) for p in sorted(args.dir.rglob("*.py"))}
    if args.per_file:
        for p, n in sorted(counts.items(), key=lambda kv: -kv[1]):
            if n:
                print(f"{n:4d} {p.relative_to(args.dir)}")
    total = sum(counts.values())
    print(f"{total} string literals with Chinese text in {sum(1 for n in counts.values() if n)} files")
    return 1 if args.max is not None and total > args.max else 0


if __name__ == "__main__":
    sys.exit(main())
