"""Header cells -> column roles: the one header reader every indicator-table reader (selfeval, targets, rubric) uses."""
from __future__ import annotations

import re
from typing import Callable, Iterator, Mapping, Optional

from extractors.interpret.text import squeeze

RolePatterns = tuple[tuple[str, re.Pattern[str]], ...]  # (role, header words), as vocab/headers.py compiles them


def role_of(key: str, roles: RolePatterns) -> Optional[str]:
    """The first role whose header words match a (squeezed) header cell text, or None."""
    return next((role for role, pattern in roles if pattern.search(key)), None)


def header_texts(grid: list[list[str]], is_header_row: Callable[[list[str]], bool],
                 max_rows: int) -> tuple[list[str], int]:
    """Per column, the leading header rows' texts joined top-down (a merged cell's repeats once), and their count."""
    n = 0
    while n < min(max_rows, len(grid)) and is_header_row(grid[n]):
        n += 1
    out = []
    for c in range(len(grid[0]) if grid else 0):
        parts: list[str] = []
        for r in range(n):
            t = squeeze(grid[r][c])
            if t and (not parts or parts[-1] != t):
                parts.append(t)
        out.append("".join(parts))
    return out, n


def merged_end(row: list[str], c: int) -> int:
    """The last column of the merged header cell starting at column c (its text repeated to the right)."""
    end = c
    while end + 1 < len(row) and row[end + 1] == row[c]:
        end += 1
    return end


class ColumnRoles(Mapping[str, int]):
    """Role name -> the (leftmost) column its header names; how many rows the header spans; where merged cells end."""

    def __init__(self, columns: Mapping[str, Optional[int]], header_rows: int = 1,
                 ends: Optional[Mapping[str, int]] = None) -> None:
        self._columns = {role: c for role, c in columns.items() if c is not None}
        self.header_rows = header_rows
        self._ends = dict(ends or {})

    def __getitem__(self, role: str) -> int:
        return self._columns[role]

    def __iter__(self) -> Iterator[str]:
        return iter(self._columns)

    def __len__(self) -> int:
        return len(self._columns)

    def __repr__(self) -> str:
        return f"ColumnRoles({self._columns!r}, header_rows={self.header_rows}, ends={self._ends!r})"

    def end(self, role: str) -> int:
        """The last column the role's header cell covers (its own column unless merged over several)."""
        return self._ends.get(role, self[role])

    def with_header_rows(self, n: int) -> ColumnRoles:
        """The same roles for a table whose header spans n rows (0: a continuation that does not repeat it)."""
        return ColumnRoles(self._columns, n, self._ends)
