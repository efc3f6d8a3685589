"""What interpreters produce: document-level facts and record rows for each contracted dataset."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Optional

from govreports.errors import Issue

if TYPE_CHECKING:
    from extractors.interpret.tables.kinds import TableKinds

Row = dict[str, Any]


@dataclass
class DocMeta:
    """Document-level facts found by classify()."""

    doc_type: str = "other"
    org_name: Optional[str] = None
    org_suffix: Optional[str] = None
    region: Optional[str] = None
    fiscal_year: Optional[int] = None
    title: Optional[str] = None


@dataclass
class Interpretation:
    """Rows per dataset (without doc_id/org_name/fiscal_year, which the pipeline adds) plus issues.

    A row may carry private keys starting with `_` (e.g. `_origin`: 'table' or 'prose'); they are
    removed by checks.finalize() before validation.
    """

    meta: DocMeta = field(default_factory=DocMeta)
    budgets: list[Row] = field(default_factory=list)
    three_public: list[Row] = field(default_factory=list)
    indicators: list[Row] = field(default_factory=list)
    evaluations: list[Row] = field(default_factory=list)
    sections: list[Row] = field(default_factory=list)
    prose_metrics: list[Row] = field(default_factory=list)
    org_profile: list[Row] = field(default_factory=list)  # at most one row per document
    three_public_counts: list[Row] = field(default_factory=list)  # 接待批次/人次, 车辆保有量 … beside 三公 figures
    issues: list[Issue] = field(default_factory=list)
    kinds: Optional["TableKinds"] = None  # every table's kind, decided once (tables/kinds.py)
