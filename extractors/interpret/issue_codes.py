"""Every `extraction_issues.code` the interpretation layer writes: code -> stage, severity and meaning, and the
one constructor readers build issues with (an unknown code is a bug, raised at once)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Optional

from govreports.errors import Issue


@dataclass(frozen=True)
class Code:
    """What an issue code means and where it is raised."""

    stage: str  # interpret (a reading doubt) or validate (a printed figure contradicts another)
    severity: str  # error: rows were lost; warning: rows kept or skipped for a stated reason
    meaning: str


CODES: dict[str, Code] = {
    "not_a_report": Code("interpret", "warning", "not a budget, final-accounts or performance report: tables not read"),
    "budget_table_failed": Code("interpret", "error", "one money table could not be read; the others were"),
    "selfeval_form_failed": Code("interpret", "error", "one self-evaluation form could not be read"),
    "narrative_crashed": Code("interpret", "error", "one prose dataset step crashed; the other datasets were kept"),
    "money_table_unread": Code("interpret", "error", "a budget table printing amounts gave no row: its figures were lost"),
    "unit_unparsed": Code("interpret", "warning", "no money unit (万元/元) for some amounts: they were not kept"),
    "period_year_unknown": Code("interpret", "warning", "no year for a money table's amounts: they were not kept"),
    "fiscal_year_unknown": Code("interpret", "warning", "a form's money lines dropped: the fiscal year is unknown"),
    "no_summary_row": Code("interpret", "warning", "a by-unit money table without a department summary row"),
    "project_name_missing": Code("interpret", "warning", "a 绩效目标表 block without 项目名称: kept with null name"),
    "project_name_unknown": Code("interpret", "warning", "a project's scoring table whose project was not found"),
    "prose_metric_without_subject": Code("interpret", "warning", "figures in prose skipped: no subject read"),
    "approximate_count": Code("interpret", "warning", "a 三公 count printed as approximate (约, 余)"),
    "conflicting_counts": Code("interpret", "warning", "two different 三公 counts for one item; the first kept"),
    "conflicting_values": Code("interpret", "warning", "two sources give one record different values; one kept"),
    "alternative_total": Code("interpret", "warning", "a second printed income/expenditure total (本年收入合计 beside 收入总计): one kept"),
    "ambiguous_evaluation": Code("interpret", "warning", "prose names more than one grade or score"),
    "org_profile_conflict": Code("interpret", "warning", "prose gives one org-profile field two values"),
    "functional_sum_mismatch": Code("validate", "warning", "a 功能分类 line differs from the sum of its sub-lines"),
    "income_expenditure_mismatch": Code("validate", "warning", "a 收支总表's 收入总计 differs from its 支出总计"),
    "row_sum_mismatch": Code("validate", "warning", "a 合计 column differs from the sum of its sibling columns"),
    "three_public_sum_mismatch": Code("validate", "warning", "三公 total differs from the sum of its items"),
    "vehicle_sum_mismatch": Code("validate", "warning", "公务用车 total differs from purchase + operation"),
    "basic_sum_mismatch": Code("validate", "warning", "基本支出 differs from 人员经费 + 公用经费"),
    "expenditure_sum_mismatch": Code("validate", "warning", "支出合计 differs from 基本支出 + 项目支出 (+ reserves)"),
    "execution_rate_mismatch": Code("validate", "warning", "a printed 预算执行率 differs from 执行数 / 预算数"),
    "score_sum_mismatch": Code("validate", "warning", "a form's 总分 differs from the sum of its indicator scores"),
    "project_funds_sum_mismatch": Code("validate", "warning", "a 绩效目标表's 年度 total differs from its sources"),
    "listed_table_missing": Code("validate", "warning", "the contents list a table the report does not print"),
    "heading_year_mismatch": Code("validate", "warning", "a heading names another year than the report's"),
    "placeholder_text": Code("validate", "warning", "template placeholders (XX局, 某某) left in the report"),
}


def issue(code: str, message: str, page: Optional[int] = None, table_index: Optional[int] = None,
          row_index: Optional[int] = None, raw: Optional[str] = None) -> Issue:
    """An Issue of a registered code, its stage and severity taken from CODES (KeyError for an unknown code)."""
    spec = CODES[code]
    return Issue(spec.stage, spec.severity, code, message, page=page, table_index=table_index,
                 row_index=row_index, raw=raw)
