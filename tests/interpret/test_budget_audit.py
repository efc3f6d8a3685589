"""Report-level cross-checks of 预算/决算 documents, title families and 功能分类 class codes: hand-built documents."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

import pytest

from extractors.interpret.money import audit, reader as budget_tables
from extractors.interpret.vocab.classes import class_code
from extractors.interpret.money.titles import same_title, title_family
from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Cell, Document, Paragraph, Table
from tests.interpret.builders import codes, table


def run(blocks: list[Any], doc_type: str = "final_accounts", year: int = 2024) -> Interpretation:
    """The money reader, then the audit after it (as the registry runs them), on a document of the given blocks."""
    out = Interpretation()
    doc, meta = Document("pdf", blocks), DocMeta(doc_type=doc_type, fiscal_year=year)
    budget_tables.interpret(doc, meta, out)
    audit.audit(doc, meta, out)
    return out



FUNCTIONAL = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"],
              ["", "合计", "300.00", "200.00", "100.00"],
              ["201", "一般公共服务支出", "300.00", "200.00", "100.00"],
              ["20103", "政府办公厅(室)及相关机构事务", "300.00", "200.00", "100.00"],
              ["2010301", "行政运行", "200.00", "200.00", ""],
              ["2010302", "一般行政管理事务", "100.00", "", "100.00"]]


def test_consistent_functional_table_raises_nothing() -> None:
    out = run([table(FUNCTIONAL, caption=["一般公共预算财政拨款支出决算表", "单位：万元"])])
    assert not out.issues
    assert {r["functional_code"] for r in out.budgets if r["item"] == "functional"} == {
        "201", "20103", "2010301", "2010302"}


def test_functional_parent_that_is_not_the_sum_of_its_children() -> None:
    rows = [list(r) for r in FUNCTIONAL]
    rows[4][2] = "210.00"  # 行政运行's 合计 altered: 210 + 100 is not the 300 printed for 20103
    out = run([table(rows, caption=["一般公共预算财政拨款支出决算表", "单位：万元"])])
    found = [(i.code, i.row_index) for i in out.issues]
    assert ("functional_sum_mismatch", 3) in found  # 20103 in the 合计 column
    assert ("row_sum_mismatch", 4) in found  # 行政运行: 基本 200 + 项目 (blank) is not 合计 210
    assert all(i.severity == "warning" and i.table_index == 0 for i in out.issues)


def test_rounding_within_half_a_digit_per_part_is_tolerated() -> None:
    rows = [["科目编码", "科目名称", "金额"], ["201", "一般公共服务支出", "10.01"], ["20101", "人大事务", "3.34"],
            ["20102", "政协事务", "3.34"], ["20103", "政府办公厅(室)及相关机构事务", "3.34"]]  # 10.02 vs 10.01
    assert not run([table(rows, caption=["支出决算表", "单位：万元"])]).issues


def test_a_table_continued_on_the_next_page_is_checked_whole() -> None:
    head = table(FUNCTIONAL[:5], caption=["支出决算表", "单位：万元"])
    rest = table([FUNCTIONAL[5]], index=1, page=2)  # 2010302 printed on the next page without a header
    assert not run([head, rest]).issues
    lost = table([["2010399", "其他政府办公厅(室)及相关机构事务支出", "5.00", "", "5.00"]], index=1, page=2)
    out = run([head, lost])  # the 100.00 line went missing: 20103 no longer adds up
    assert "functional_sum_mismatch" in codes(out)


def test_income_and_expenditure_totals_must_balance() -> None:
    rows = [["收入", "", "支出", ""], ["项目", "决算数", "项目", "决算数"],
            ["一、一般公共预算财政拨款收入", "300.00", "一、一般公共服务支出", "300.00"],
            ["本年收入合计", "300.00", "本年支出合计", "300.00"],
            ["年初结转和结余", "10.00", "年末结转和结余", "10.00"],
            ["总计", "310.00", "总计", "311.00"]]
    out = run([table(rows, caption=["收入支出决算总表", "单位：万元"])])
    assert codes(out) == ["income_expenditure_mismatch"]
    assert out.issues[0].row_index == 5


def report(toc: list[str], captions: list[str], heading: str = "第三部分上海市普陀区财政局2024年度部门决算情况说明"
           ) -> list[Any]:
    """A cover, a 目录, one small table per caption, and a part heading."""
    blocks: list[Any] = [Paragraph("上海市普陀区财政局", 1, 1), Paragraph("2024年度部门决算", 1, 1),
                         Paragraph("目录", 1, 2)] + [Paragraph(t, 1, 2) for t in toc]
    blocks.append(Paragraph("第一部分上海市普陀区财政局概况", 1, 3))
    for i, caption in enumerate(captions):
        blocks.append(table([["项目", "决算数"], ["基本支出", "1.00"]], caption=[caption, "单位：万元"], index=i, page=4 + i))
    blocks.append(Paragraph(heading, 1, 9))
    return blocks


TOC = ["第一部分上海市普陀区财政局概况", "第二部分上海市普陀区财政局2024年度部门决算表", "一、收入支出决算总表",
       "二、收入决算表", "三、支出决算表"]


def test_a_table_the_contents_list_but_the_report_lacks() -> None:
    out = run(report(TOC, ["收入支出决算总表", "收入决算表"]))
    missing = [i for i in out.issues if i.code == "listed_table_missing"]
    assert len(missing) == 1 and "支出决算表" in missing[0].message and "收入决算表" not in (missing[0].raw or "")
    assert "listed_table_missing" not in codes(run(report(TOC, ["收入支出决算总表", "收入决算表", "支出决算表"])))
    assert "listed_table_missing" not in codes(run(report(TOC, [])))  # none printed: published separately


def test_headings_naming_another_year_or_a_placeholder() -> None:
    out = run(report(TOC, ["收入支出决算总表", "收入决算表", "支出决算表"],
                     heading="第三部分上海市普陀区XX局2023年度部门决算情况说明"))
    assert sorted(codes(out)) == ["heading_year_mismatch", "placeholder_text"]
    clean = run(report(TOC, ["收入支出决算总表", "收入决算表", "支出决算表"]))
    assert not clean.issues


def test_budget_documents_are_not_checked_for_other_types() -> None:
    out = run(report(TOC, ["收入支出决算总表"], heading="2023年度部门决算"), doc_type="dept_performance_self_eval")
    assert not [c for c in codes(out) if c in ("heading_year_mismatch", "listed_table_missing")]


@pytest.mark.parametrize("name,code", [("一般公共服务支出", "201"), ("一般公共服务支出（类）", "201"),
                                       ("医疗卫生与计划生育支出", "210"), ("国土海洋气象等支出", "220"),
                                       ("基本支出", None), ("行政运行", None)])
def test_class_codes_from_names(name: str, code: Optional[str]) -> None:
    assert class_code(name) == code


@pytest.mark.parametrize("a,b,same", [
    ("一、收支预算总表", "2025年部门财务收支预算总表", True),
    ("三、支出决算表", "支出决算表", True),
    ("三、支出决算表", "收入支出决算总表", False),
    ("三、支出决算表", "一般公共预算财政拨款支出决算表", False),
    ("十二、政府采购支出预算表", "十二、2017年江苏省高级人民法院部门政府采购预算表", True),
    ("九、一般公共预算“三公”经费、会议费、培训费支出预算表", "“三公”经费、会议费、培训费支出预算表", True),
    ("四、财政拨款收支预算总表", "收支预算总表", False),
])
def test_title_matching(a: str, b: str, same: bool) -> None:
    assert same_title(a, b) is same


def test_title_families() -> None:
    assert title_family("2025年部门“三公”经费和机关运行经费预算表") == "three_public"
    assert title_family("收入支出决算总表") == "total"
    assert title_family("财政拨款收入支出决算总表") == "fiscal_total"
    assert title_family("第二部分上海市普陀区财政局2024年度部门决算表") is None
    assert title_family("一、收入支出决算总体情况说明") is None  # no table
    assert title_family("财政项目支出绩效目标填报表") == "targets"


def test_class_lines_of_a_summary_table_get_their_code() -> None:
    rows = [["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
            ["一、财政拨款", "100.00", "一、一般公共服务支出", "80.00"],
            ["", "", "二、住房保障支出", "20.00"],
            ["收入合计", "100.00", "支出合计", "100.00"]]
    b = run([table(rows, caption=["收支预算总表", "单位：万元"])], doc_type="budget").budgets
    got = {(r["item_label"], r["functional_code"]): r["amount_yuan"] for r in b if r["item"] == "functional"}
    assert got == {("一般公共服务支出", "201"): Decimal("800000.00"), ("住房保障支出", "221"): Decimal("200000.00")}


def test_rounding_slack_of_a_million_yuan_table_is_half_its_last_digit() -> None:
    # bug: budget_sums.half_digit knew no 百万元 and allowed 0.05 元 per part, so rounded parts were flagged
    rows = [["科目编码", "科目名称", "金额"], ["201", "一般公共服务支出", "10.1"], ["20101", "人大事务", "3.4"],
            ["20102", "政协事务", "3.4"], ["20103", "政府办公厅(室)及相关机构事务", "3.4"]]  # 10.2 vs 10.1
    assert not run([table(rows, caption=["支出决算表", "单位：百万元"])]).issues
    rows[1][2] = "10.6"  # 0.4 百万元 off: beyond half a digit per part
    assert "functional_sum_mismatch" in codes(run([table(rows, caption=["支出决算表", "单位：百万元"])]))
