"""What interpreters produce: document-level facts and record rows for each contracted dataset."""
from __future__ import annotations

from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TYPE_CHECKING, Any, Optional

from govreports.errors import Issue

if TYPE_CHECKING:
    from extractors.interpret.tables.kinds import TableKinds

Row = dict[str, Any]
TOLERANCE = Decimal("100.00")  # 0.01 万元 in 元: the contract's cross-check tolerance, the only one
PROV = "_prov"  # the one private key of a row: its typed Provenance, dropped by reconcile.finalize()


@dataclass(frozen=True)
class Provenance:
    """How a row was read, for dedup and checks (never written): source, fund view, weak total, rounding, priority."""

    origin: str = "table"  # 'table' or 'prose'; tables win over prose on conflicts
    subset: bool = False  # a 财政拨款 view of a line: summed only with lines of the same view
    weak: bool = False  # a 支出总表's 合计: yields to any other row for its slot
    slack: Decimal = Decimal("0.00")  # how far rounding to the printed digits may have moved a prose amount
    priority: int = 0  # among 三公 counts of one slot, the higher wins


TABLE = Provenance("table")
PROSE = Provenance("prose")


def prov(row: Row) -> Provenance:
    """A row's provenance (a table row's when it carries none)."""
    found: Provenance = row.get(PROV, TABLE)
    return found


def mark(row: Row, **changes: Any) -> None:
    """Update fields of a row's provenance in place."""
    row[PROV] = replace(prov(row), **changes)


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

    A row may carry its Provenance under the private key PROV; reconcile.finalize() removes it before
    validation.
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
