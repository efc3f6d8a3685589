"""A table and the one before it -> whether it continues that table across a page break without repeating its header."""
from __future__ import annotations

from typing import Optional

from extractors.model import Table


def continues_directly(prev: Optional[Table], table: Table) -> bool:
    """True when table comes right after prev with as many columns (read under prev's header)."""
    return prev is not None and prev.index == table.index - 1 and prev.n_cols == table.n_cols
