"""Errors as data: bad input, transient failures and issue rows are different things."""
from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import Any, Optional


class GovReportsError(Exception):
    """Base of the project's own exceptions; `code` is a stable machine code."""

    code = "error"

    def __init__(self, message: str, code: Optional[str] = None) -> None:
        super().__init__(message)
        if code:
            self.code = code


class BadInput(GovReportsError):
    """The input itself is unusable (corrupt, encrypted, unsupported); retrying will not help."""

    code = "bad_input"


class Transient(GovReportsError):
    """A failure that may go away on retry (timeout, 5xx, 429); the only kind that is retried."""

    code = "transient"


@dataclass
class Issue:
    """One `extraction_issues` row before the doc_id is attached."""

    stage: str  # fetch, detect, extract, interpret, normalize, validate, write
    severity: str  # error, warning
    code: str
    message: str
    page: Optional[int] = None
    table_index: Optional[int] = None
    row_index: Optional[int] = None
    raw: Optional[str] = None

    def row(self, doc_id: str) -> dict[str, Any]:
        """The issue as a dataset row for doc_id."""
        return {"doc_id": doc_id, **asdict(self)}
