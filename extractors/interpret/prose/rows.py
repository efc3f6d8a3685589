"""Prose figures -> `budgets` / `three_public` rows (Provenance origin prose), never duplicating a table's slot."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal
from typing import Optional

from extractors.interpret.prose.money import Figure
from extractors.interpret.records import PROV, Provenance, prov, DocMeta, Interpretation, Row
from extractors.interpret.issue_codes import issue
from govreports.errors import Issue

KEYED = ("project", "functional", "other")
PROJECT_SCOPED = re.compile(r"^income_|^funds_total$")
PUNCT = re.compile(r"[\s\u3000、，,。.;；:：()（）\[\]【】\"“”'‘’·\-—_/|《》<>]+")
MAX_YEAR_DISTANCE = 1


@dataclass
class Where:
    """Provenance of a sentence: its text and page."""

    raw: str
    page: Optional[int]


def norm(text: Optional[str]) -> str:
    """A label compared without width, whitespace and punctuation differences."""
    return PUNCT.sub("", unicodedata.normalize("NFKC", text or ""))


def default_measure(meta: DocMeta) -> str:
    """A prose figure without a measure word is a budget in a 预算, else an actual."""
    return "budget_initial" if meta.doc_type == "budget" else "actual"


def figure_year(fig_year: Optional[int], meta: DocMeta) -> Optional[int]:
    """The figure's year, the fiscal year when none is stated; None for a year far from the report's."""
    if fig_year is None:
        return meta.fiscal_year
    if meta.fiscal_year is not None and abs(fig_year - meta.fiscal_year) > MAX_YEAR_DISTANCE:
        return None
    return fig_year


def same_slot(a: Row, b: Row) -> bool:
    """Two budgets rows for the same (scope, project, item, [label], measure, year)."""
    keys = ("scope", "item", "measure", "period_year")
    if any(a.get(k) != b.get(k) for k in keys) or norm(a.get("project_name")) != norm(b.get("project_name")):
        return False
    return a["item"] not in KEYED or norm(a.get("item_label")) == norm(b.get("item_label"))


def report_conflict(out: Interpretation, dataset: str, kept: Row, row: Row) -> None:
    """One conflicting_values issue per slot when prose states another amount than the row kept."""
    if kept["amount_yuan"] == row["amount_yuan"]:
        return
    # The contract counts 4.5万元 beside a table's 4.54 as a disagreement; saying it is within rounding lets a reader
    # tell a rounded restatement from a real one.
    slack = max(prov(kept).slack, prov(row).slack)
    within = abs(kept["amount_yuan"] - row["amount_yuan"]) <= slack
    rounded = " (within the rounding of the printed figure)" if within else ""
    slot = f"{dataset} {row['item']} {row['measure']} {row['period_year']}:"
    if any(i.code == "conflicting_values" and i.message.startswith(slot) for i in out.issues):
        return
    out.issues.append(issue("conflicting_values", f"{slot} kept {kept['amount_yuan']} ({prov(kept).origin}), prose says "
                            f"{row['amount_yuan']}{rounded}", page=row.get("page"), raw=row.get("raw")))


def add_budget(out: Interpretation, row: Row) -> None:
    """Append a prose budgets row unless its slot is taken (a differing amount becomes a conflicting_values issue).

    A 财政拨款 view of a line (Provenance.subset) only fills an empty slot and gives way to the whole line stated later:
    it is another quantity, so differing from the whole line is no conflict."""
    for i, kept in enumerate(out.budgets):
        if same_slot(kept, row):
            if prov(row).subset and not prov(kept).subset:
                return None
            if prov(kept).subset and not prov(row).subset:
                out.budgets[i] = row
                return None
            return report_conflict(out, "budgets", kept, row)
    out.budgets.append(row)


def add_three_public(out: Interpretation, row: Row) -> None:
    """Append a prose three_public row unless its (item, measure, year) is taken."""
    for kept in out.three_public:
        if all(kept.get(k) == row[k] for k in ("item", "measure", "period_year")):
            return report_conflict(out, "three_public", kept, row)
    out.three_public.append(row)


def budget_row(item: str, label: str, amount: Decimal, measure: str, year: int, where: Where,
               project: Optional[str], slack: Decimal = Decimal("0.00"), subset: bool = False) -> Row:
    """A prose budgets row."""
    scoped = project is not None and bool(PROJECT_SCOPED.match(item))
    project_name = label if item == "project" else (project if scoped else None)
    return {"scope": "project" if scoped else "department", "project_name": project_name, "item": item,
            "item_label": label, "functional_code": None, "measure": measure, "period_year": year,
            "amount_yuan": amount, "page": where.page, "table_index": None, "row_index": None, "raw": where.raw,
            PROV: Provenance("prose", subset=subset, slack=slack)}


def three_public_row(item: str, amount: Decimal, measure: str, year: int, where: Where,
                     slack: Decimal = Decimal("0.00")) -> Row:
    """A prose three_public row."""
    return {"item": item, "measure": "budget" if measure.startswith("budget") else "actual", "period_year": year,
            "amount_yuan": amount, "page": where.page, "table_index": None, "row_index": None, "raw": where.raw,
            PROV: Provenance("prose", slack=slack)}


def emit(fig: Figure, meta: DocMeta, project: Optional[str], where: Where, out: Interpretation) -> None:
    """Turn one prose figure into its row(s)."""
    term, year = fig.subject.term, figure_year(fig.year, meta)
    if term is None or year is None:
        return
    measure = fig.measure or default_measure(meta)
    if term.dataset == "three_public":
        items = [term] + (fig.subject.others if fig.amount == 0 else [])
        for t in items:
            add_three_public(out, three_public_row(t.item, fig.amount, measure, year, where, fig.slack))
    else:
        add_budget(out, budget_row(term.item, fig.subject.label, fig.amount, measure, year, where, project,
                                    fig.slack, fig.subset))
