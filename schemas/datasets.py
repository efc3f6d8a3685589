"""The contracted datasets as pyarrow schemas (../shared/contract/DATASETS.md), one per dataset."""
from __future__ import annotations

import pyarrow as pa

from schemas.dictionary import described

SCHEMA_VERSION = "1.1"  # 1.1: hierarchy (parent_item, level), org_key, direction/met; column descriptions
MONEY = pa.decimal128(18, 2)

# Columns every record dataset carries (fiscal_year is the hive partition key).
_COMMON = [
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("org_name", pa.string()),
    pa.field("fiscal_year", pa.int16()),
    pa.field("page", pa.int32()),
    pa.field("table_index", pa.int32()),
    pa.field("row_index", pa.int32()),
    pa.field("raw", pa.string()),
]

DOCUMENTS = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("file_name", pa.string(), nullable=False),
    pa.field("file_format", pa.string(), nullable=False),
    pa.field("source_url", pa.string()),
    pa.field("title", pa.string()),
    pa.field("doc_type", pa.string(), nullable=False),
    pa.field("org_name", pa.string()),
    pa.field("region", pa.string()),
    pa.field("fiscal_year", pa.int16()),
    pa.field("publisher", pa.string()),
    pa.field("index_no", pa.string()),
    pa.field("published_date", pa.date32()),
    pa.field("page_count", pa.int32()),
    pa.field("status", pa.string(), nullable=False),
    pa.field("extracted_at", pa.timestamp("us", tz="UTC"), nullable=False),
    pa.field("pipeline_version", pa.string(), nullable=False),
    # extra columns (allowed by the contract)
    pa.field("source_key", pa.string()),  # what identifies "the same file" across versions: path or URL
    pa.field("org_suffix", pa.string()),  # （汇总）/（本级） stripped from org_name
    pa.field("sha256", pa.string()),
    pa.field("org_key", pa.string()),  # one identity for the printed variants of a unit's name (govreports.analyst)
])

BUDGETS = pa.schema(_COMMON + [
    pa.field("scope", pa.string(), nullable=False),
    pa.field("project_name", pa.string()),
    pa.field("item", pa.string(), nullable=False),
    pa.field("item_label", pa.string(), nullable=False),
    pa.field("functional_code", pa.string()),
    pa.field("measure", pa.string(), nullable=False),
    pa.field("period_year", pa.int16(), nullable=False),
    pa.field("amount_yuan", MONEY, nullable=False),
    pa.field("fund", pa.string(), nullable=False),  # all / fiscal / general_public / gov_fund / state_capital
    # hierarchy (govreports.analyst): `where parent_item is null` gives non-overlapping totals
    pa.field("parent_item", pa.string()),
    pa.field("parent_functional_code", pa.string()),
    pa.field("level", pa.int8()),
])

THREE_PUBLIC = pa.schema(_COMMON + [
    pa.field("item", pa.string(), nullable=False),
    pa.field("measure", pa.string(), nullable=False),
    pa.field("period_year", pa.int16(), nullable=False),
    pa.field("amount_yuan", MONEY, nullable=False),
    pa.field("parent_item", pa.string()),
    pa.field("level", pa.int8()),
])

INDICATORS = pa.schema(_COMMON + [
    pa.field("scope", pa.string(), nullable=False),
    pa.field("project_name", pa.string()),
    pa.field("level1", pa.string()),
    pa.field("level2", pa.string()),
    pa.field("level3", pa.string(), nullable=False),
    pa.field("target_raw", pa.string()),
    pa.field("target_op", pa.string()),
    pa.field("target_value", pa.float64()),
    pa.field("target_unit", pa.string()),
    pa.field("actual_raw", pa.string()),
    pa.field("actual_value", pa.float64()),
    pa.field("actual_unit", pa.string()),
    pa.field("weight", pa.float64()),
    pa.field("score", pa.float64()),
    pa.field("note", pa.string()),
    # attainment (govreports.analyst)
    pa.field("direction", pa.string()),
    pa.field("met", pa.bool_()),
])

EVALUATIONS = pa.schema(_COMMON + [
    pa.field("scope", pa.string(), nullable=False),
    pa.field("project_name", pa.string()),
    pa.field("total_score", pa.float64()),
    pa.field("grade", pa.string()),
])

EXTRACTION_ISSUES = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("fiscal_year", pa.int16()),
    pa.field("stage", pa.string(), nullable=False),
    pa.field("severity", pa.string(), nullable=False),
    pa.field("code", pa.string(), nullable=False),
    pa.field("message", pa.string(), nullable=False),
    pa.field("page", pa.int32()),
    pa.field("table_index", pa.int32()),
    pa.field("row_index", pa.int32()),
    pa.field("raw", pa.string()),
])

SECTIONS = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("org_name", pa.string()),
    pa.field("fiscal_year", pa.int16()),
    pa.field("order", pa.int32(), nullable=False),
    pa.field("page", pa.int32()),
    pa.field("heading", pa.string()),
    pa.field("level", pa.int32()),
    pa.field("section_path", pa.string()),
    pa.field("text", pa.string(), nullable=False),
    pa.field("keywords", pa.list_(pa.string())),
])

PROSE_METRICS = pa.schema(_COMMON + [
    pa.field("subject", pa.string(), nullable=False),
    pa.field("op", pa.string()),
    pa.field("value", pa.float64(), nullable=False),
    pa.field("unit", pa.string()),
    pa.field("value_raw", pa.string()),
    pa.field("section_path", pa.string()),
])

ORG_PROFILE = pa.schema([
    pa.field("doc_id", pa.string(), nullable=False),
    pa.field("org_name", pa.string()),
    pa.field("fiscal_year", pa.int16()),
    pa.field("authorized_staff", pa.int32()),  # 编制数
    pa.field("actual_staff", pa.int32()),  # 实有人数 / 在职人数
    pa.field("retired_staff", pa.int32()),  # 退休人数
    pa.field("internal_units", pa.int32()),  # 内设机构 count
    pa.field("vehicles", pa.int32()),  # 公务用车 保有量
    pa.field("raw", pa.string()),  # the texts the figures came from, joined with ' | '
])

THREE_PUBLIC_COUNTS = pa.schema(_COMMON + [
    pa.field("item", pa.string(), nullable=False),  # the three_public item the count belongs to
    pa.field("metric", pa.string(), nullable=False),  # batches, person_times, vehicles_held, vehicles_purchased, groups, persons
    pa.field("measure", pa.string(), nullable=False),  # budget or actual
    pa.field("period_year", pa.int16(), nullable=False),
    pa.field("value", pa.float64(), nullable=False),
    pa.field("unit", pa.string()),  # as printed: 批次, 人次, 辆, 个, 人 …
])

SCHEMAS: dict[str, pa.Schema] = {name: described(name, schema, SCHEMA_VERSION) for name, schema in {
    "documents": DOCUMENTS,
    "budgets": BUDGETS,
    "three_public": THREE_PUBLIC,
    "indicators": INDICATORS,
    "evaluations": EVALUATIONS,
    "extraction_issues": EXTRACTION_ISSUES,
    "sections": SECTIONS,
    "prose_metrics": PROSE_METRICS,
    "org_profile": ORG_PROFILE,
    "three_public_counts": THREE_PUBLIC_COUNTS,
}.items()}

# Contract defaults: a column a writer may leave out (a budgets line read from no fund view covers all funds).
DEFAULTS: dict[tuple[str, str], str] = {("budgets", "fund"): "all"}

RECORD_DATASETS = ("budgets", "three_public", "indicators", "evaluations", "sections", "prose_metrics", "org_profile",
                   "three_public_counts")

ENUMS: dict[tuple[str, str], frozenset[str]] = {
    ("documents", "file_format"): frozenset({"pdf", "docx", "doc", "wps", "html", "xlsx", "xls", "txt", "unknown"}),
    ("documents", "doc_type"): frozenset({"final_accounts", "budget", "dept_performance_self_eval",
                                          "project_performance_self_eval", "other"}),
    ("documents", "status"): frozenset({"ok", "partial", "failed"}),
    ("budgets", "scope"): frozenset({"department", "project"}),
    ("budgets", "measure"): frozenset({"budget_initial", "budget_full_year", "actual"}),
    ("budgets", "fund"): frozenset({"all", "fiscal", "general_public", "gov_fund", "state_capital"}),
    ("budgets", "item"): frozenset({
        "funds_total", "income_total", "income_carryover", "income_general_budget", "income_gov_fund",
        "income_special_account", "income_other", "expenditure_total", "expenditure_basic",
        "expenditure_personnel", "expenditure_public", "expenditure_project", "balance_current",
        "balance_accumulated", "fixed_assets", "government_procurement", "project", "functional", "other"}),
    ("three_public", "item"): frozenset({"total", "official_reception", "vehicle_total", "vehicle_purchase",
                                         "vehicle_operation", "overseas_travel"}),
    ("three_public", "measure"): frozenset({"budget", "actual"}),
    ("indicators", "scope"): frozenset({"department", "project", "rubric"}),
    ("indicators", "target_op"): frozenset({">=", "<=", ">", "<", "=", "text"}),
    ("indicators", "direction"): frozenset({"higher_better", "lower_better", "equal", "text"}),
    ("evaluations", "scope"): frozenset({"department", "project"}),
    ("prose_metrics", "op"): frozenset({">=", "<=", ">", "<", "=", "text"}),
    ("three_public_counts", "item"): frozenset({"total", "official_reception", "vehicle_total", "vehicle_purchase",
                                                "vehicle_operation", "overseas_travel"}),
    ("three_public_counts", "metric"): frozenset({"batches", "person_times", "vehicles_held", "vehicles_purchased",
                                                  "groups", "persons"}),
    ("three_public_counts", "measure"): frozenset({"budget", "actual"}),
    ("extraction_issues", "stage"): frozenset({"fetch", "detect", "extract", "interpret", "normalize",
                                               "validate", "write"}),
    ("extraction_issues", "severity"): frozenset({"error", "warning"}),
}
