"""Every `extraction_issues.code` the interpretation layer writes: code -> stage and severity (its meaning is the
data dictionary's, schemas/dictionary.toml, shared with every other stage's codes), and the
one constructor readers build issues with (an unknown code is a bug, raised at once)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from govreports.errors import Issue
from schemas.dictionary import issue_codes


@dataclass(frozen=True)
class Code:
    """What an issue code means and where it is raised."""

    stage: str  # interpret (a reading doubt) or validate (a printed figure contradicts another)
    severity: str  # error: rows were lost; warning: rows kept or skipped for a stated reason
    meaning: str = ""  # filled from schemas/dictionary.toml below: one text per code for every stage


CODES: dict[str, Code] = {
    "not_a_report": Code("interpret", "warning"),
    "budget_table_failed": Code("interpret", "error"),
    "selfeval_form_failed": Code("interpret", "error"),
    "narrative_crashed": Code("interpret", "error"),
    "money_table_unread": Code("interpret", "error"),
    "unit_unparsed": Code("interpret", "warning"),
    "period_year_unknown": Code("interpret", "warning"),
    "fiscal_year_unknown": Code("interpret", "warning"),
    "no_summary_row": Code("interpret", "warning"),
    "project_name_missing": Code("interpret", "warning"),
    "project_name_unknown": Code("interpret", "warning"),
    "prose_metric_without_subject": Code("interpret", "warning"),
    "approximate_count": Code("interpret", "warning"),
    "conflicting_counts": Code("interpret", "warning"),
    "conflicting_values": Code("interpret", "warning"),
    "alternative_total": Code("interpret", "warning"),
    "ambiguous_evaluation": Code("interpret", "warning"),
    "org_profile_conflict": Code("interpret", "warning"),
    "functional_sum_mismatch": Code("validate", "warning"),
    "income_expenditure_mismatch": Code("validate", "warning"),
    "row_sum_mismatch": Code("validate", "warning"),
    "three_public_sum_mismatch": Code("validate", "warning"),
    "vehicle_sum_mismatch": Code("validate", "warning"),
    "basic_sum_mismatch": Code("validate", "warning"),
    "expenditure_sum_mismatch": Code("validate", "warning"),
    "execution_rate_mismatch": Code("validate", "warning"),
    "score_sum_mismatch": Code("validate", "warning"),
    "project_funds_sum_mismatch": Code("validate", "warning"),
    "listed_table_missing": Code("validate", "warning"),
    "heading_year_mismatch": Code("validate", "warning"),
    "placeholder_text": Code("validate", "warning"),
}
CODES = {code: Code(c.stage, c.severity, issue_codes()[code]) for code, c in CODES.items()}  # KeyError: undocumented


def issue(code: str, message: str, page: Optional[int] = None, table_index: Optional[int] = None,
          row_index: Optional[int] = None, raw: Optional[str] = None) -> Issue:
    """An Issue of a registered code, its stage and severity taken from CODES (KeyError for an unknown code)."""
    spec = CODES[code]
    return Issue(spec.stage, spec.severity, code, message, page=page, table_index=table_index,
                 row_index=row_index, raw=raw)
