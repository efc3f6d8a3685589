"""Cross-checks on real reports: the deliberately altered Putuo 决算 raises issues its clean original does not."""
from __future__ import annotations

from typing import Any, Callable

import pytest

pytestmark = pytest.mark.corpus

CLEAN = "shanghai-putuo/上海市普陀区财政局2024年度部门决算.pdf"
ALTERED = "shanghai-putuo/24年普陀区财政局（测试问题版本）.pdf"
CROSS_CHECKS = {"listed_table_missing", "heading_year_mismatch", "placeholder_text", "functional_sum_mismatch",
                "income_expenditure_mismatch", "row_sum_mismatch", "three_public_sum_mismatch", "vehicle_sum_mismatch",
                "basic_sum_mismatch", "expenditure_sum_mismatch", "project_funds_sum_mismatch"}


def checks_of(f: Any) -> set[tuple[str, str]]:
    """(code, message) of a file's cross-check issues."""
    return {(i["code"], i["message"]) for i in f.issues() if i["code"] in CROSS_CHECKS}


def test_altered_putuo_report_has_cross_check_issues_the_clean_one_lacks(
        corpus_file: Callable[[str], Any]) -> None:
    clean, altered = corpus_file(CLEAN), corpus_file(ALTERED)
    assert clean.document["org_name"] == altered.document["org_name"] == "上海市普陀区财政局"
    assert not checks_of(clean)
    new = checks_of(altered) - checks_of(clean)
    codes = {code for code, _ in new}
    assert {"listed_table_missing", "heading_year_mismatch", "placeholder_text"} <= codes, new
    missing = next(m for c, m in new if c == "listed_table_missing")
    assert "支出决算表" in missing and "收入决算表" not in missing
    heading = next(i for i in altered.issues("heading_year_mismatch"))
    assert "2023" in heading["raw"] and heading["page"] == 18
    placeholder = next(i for i in altered.issues("placeholder_text"))
    assert "XX局" in placeholder["raw"]


def test_both_putuo_reports_give_the_same_table_figures(corpus_file: Callable[[str], Any]) -> None:
    clean, altered = corpus_file(CLEAN), corpus_file(ALTERED)

    def lines(f: Any) -> dict[tuple[Any, ...], Any]:
        return {(r["item"], r["item_label"], r["functional_code"]): r["amount_yuan"]
                for r in f.records["budgets"] if r["table_index"] is not None}
    assert lines(altered).items() <= lines(clean).items()  # the altered copy drops a table, changes no figure
    assert lines(clean)[("functional", "行政运行", "2010601")] == 15118900


def test_a_document_error_is_caught_by_the_table_arithmetic(corpus_file: Callable[[str], Any]) -> None:
    f = corpus_file("shanghai-putuo/unit_budget.pdf")  # 行政运行 prints 64,840,547.00 under 项目支出 by mistake
    rows = {(i["code"], i["table_index"], i["row_index"]) for i in f.issues()}
    assert ("row_sum_mismatch", 2, 5) in rows and ("functional_sum_mismatch", 2, 4) in rows


def test_the_template_yields_no_rows_and_flags_its_placeholders(corpus_file: Callable[[str], Any]) -> None:
    f = corpus_file("shanghai-putuo/附件2：部门决算模板.pdf")
    assert f.document["org_name"] is None and f.document["doc_type"] == "final_accounts"
    assert not f.records["budgets"] and not f.records["three_public"]
    assert f.issues("placeholder_text")


def test_project_target_tables_become_indicators(corpus_file: Callable[[str], Any]) -> None:
    f = corpus_file("shanghai-putuo/1770007475548-818404804.pdf")  # 财政项目支出绩效目标填报表, one per project
    ind = f.records["indicators"]
    assert len(ind) == 65 and {r["scope"] for r in ind} == {"project"}
    assert len({r["project_name"] for r in ind}) == 5
    area = next(r for r in ind if r["level3"] == "规划建筑面积")
    assert (area["project_name"], area["level1"], area["level2"]) == ("新建万里街道社区公共服务中心", "产出指标", "数量指标")
    assert (area["target_op"], area["target_value"], area["target_unit"]) == (">=", 13459.0, "平方米")
    visits = next(r for r in ind if r["level3"] == "中心全年活动人次")
    assert (visits["target_op"], visits["target_value"], visits["target_unit"]) == ("=", 50000.0, "人次")
    funds = {(r["project_name"], r["item"]): r["amount_yuan"] for r in f.records["budgets"] if r["scope"] == "project"}
    assert funds[("就业援助基地补贴", "funds_total")] == 6351000
    mismatch = f.issues("project_funds_sum_mismatch")  # 公共服务设施运行经费: 10,903,043 total vs 11,419,043 拨款
    assert len(mismatch) == 1 and "公共服务设施运行经费" in mismatch[0]["message"]
