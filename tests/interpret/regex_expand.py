"""A finite regex -> the strings it matches (capped), to list every synonym a label pattern knows."""
from __future__ import annotations

import itertools
import re
from typing import Any

try:  # Python 3.11+
    import re._parser as sre_parse  # type: ignore[import-not-found]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

CAP = 64


def _seq(items: Any) -> list[str]:
    """The strings a parsed sequence matches."""
    out = [""]
    for op, av in items:
        name = str(op)
        if name == "LITERAL":
            opts = [chr(av)]
        elif name == "IN":
            opts = [chr(v) for o, v in av if str(o) == "LITERAL"][:2] or [""]
        elif name == "BRANCH":
            opts = [s for branch in av[1] for s in _seq(branch)]
        elif name == "SUBPATTERN":
            opts = _seq(av[-1])
        elif name in ("MAX_REPEAT", "MIN_REPEAT"):
            lo, hi, sub = av
            inner = _seq(sub)
            opts = ([""] if lo == 0 else []) + inner
        else:  # anchors and look-arounds match no text
            opts = [""]
        out = list(dict.fromkeys(a + b for a, b in itertools.product(out, opts)))[:CAP]
    return out


def expand(pattern: str) -> list[str]:
    """Up to CAP strings the pattern matches, shortest first."""
    return sorted((s for s in _seq(sre_parse.parse(pattern)) if s), key=lambda s: (len(s), s))[:CAP]


def all_synonyms(patterns: list[str]) -> list[str]:
    """Every expanded string of every pattern, deduplicated, sorted."""
    return sorted({s for p in patterns for s in expand(p) if re.search(r"[\u4e00-\u9fff]", s)})
