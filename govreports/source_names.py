"""A --source value -> sources/<name>.toml, only for a plain name of a file that is really in sources/."""
from __future__ import annotations

import re
from pathlib import Path

from govreports.crawl.sources import SOURCES_DIR
from govreports.errors import BadInput

SOURCE_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.-]{0,99}")


class UnknownSource(BadInput):
    """Not the name of a file in sources/ (a path, `..`, a symlink out of sources/, or no such file)."""

    code = "unknown_source"


def is_source_name(name: str) -> bool:
    """True for a plain name (letters, digits, '_', '-', '.'; no path, no '..'): DATA/raw/<name>/ stays in DATA."""
    return bool(SOURCE_NAME.fullmatch(name)) and ".." not in name


def source_file(name: str, folder: Path = SOURCES_DIR) -> Path:
    """folder/<name>.toml; UnknownSource (naming the known sources) for anything else."""
    known = ", ".join(sorted(p.stem for p in folder.glob("*.toml")))
    if not is_source_name(name):
        raise UnknownSource(f"{name!r} is not a source name: a source is the name of a file in sources/ "
                            f"(known: {known})")
    path = folder / f"{name}.toml"
    if not path.is_file() or path.resolve().parent != folder.resolve():
        raise UnknownSource(f"no sources/{name}.toml (known: {known})")
    return path
