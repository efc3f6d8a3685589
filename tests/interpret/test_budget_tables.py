"""Money tables -> budgets / three_public: the seed samples (docx, pdf, html) and hand-built tables for the hard rules."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest

from extractors.base import registry
from extractors.interpret.money import reader as budget_tables
from extractors.interpret.money.cells import bare_label, split_leading_code, without_remark
from extractors.interpret.money.items import budget_item, measure_of, three_public_item, header_year
from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Cell, Document, Paragraph, Table
from tests.interpret.builders import doc, none, one, table

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
Rows = list[dict[str, Any]]


def run(doc: Document, doc_type: str = "final_accounts", year: Optional[int] = 2023) -> Interpretation:
    """budget_tables alone on a document."""
    out = Interpretation()
    budget_tables.interpret(doc, DocMeta(doc_type=doc_type, fiscal_year=year), out)
    return out


@lru_cache(maxsize=None)
def sample(stem: str, fmt: str, doc_type: str, year: int) -> Interpretation:
    """budget_tables on one bundled seed sample (skipped when the sample is absent)."""
    path = SAMPLES / fmt / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not bundled")
    return run(registry()[fmt](path.read_bytes(), path.name), doc_type, year)




# --- seed 000: 部门整体支出绩效评价基础数据表 (经费控制情况, 万元) -------------------------------------------

S000 = ("000_b6cc7c43e2eeb60f", "dept_performance_self_eval", 2023)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_000_three_public_columns_give_measure_and_year(fmt: str) -> None:
    out = sample(S000[0], fmt, *S000[1:])
    tp = out.three_public
    assert one(tp, item="total", measure="actual", period_year=2022)["amount_yuan"] == Decimal("40500.00")
    assert one(tp, item="total", measure="budget", period_year=2023)["amount_yuan"] == Decimal("28000.00")
    assert one(tp, item="official_reception", measure="actual", period_year=2023)["amount_yuan"] == Decimal("3500.00")
    assert one(tp, item="vehicle_total", measure="budget", period_year=2023)["amount_yuan"] == Decimal("0.00")
    none(tp, item="vehicle_purchase")  # 其中：公车购置 has empty cells: no row
    none(tp, item="overseas_travel")  # 2、出国经费 is empty in the table
    assert len(tp) == 9


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_000_project_section_and_other_lines(fmt: str) -> None:
    b = sample(S000[0], fmt, *S000[1:]).budgets
    assert one(b, item="expenditure_project", measure="budget_initial")["amount_yuan"] == Decimal("3340000.00")
    special = one(b, item="other", item_label="本级专项资金", measure="actual", period_year=2022)
    assert special["amount_yuan"] == Decimal("10103000.00")
    hall = one(b, item="project", project_name="政务中心大厅运行经费", measure="actual", period_year=2023)
    assert hall["amount_yuan"] == Decimal("10041200.00") and hall["item_label"] == "政务中心大厅运行经费"
    one(b, item="project", project_name="12345热线平台运维、政府门户网站维护、培训管理专项经费", period_year=2022)
    moved = [r for r in b if r["project_name"] == "政务服务中心搬迁工程专项"]
    assert [(r["measure"], r["amount_yuan"]) for r in moved] == [("actual", Decimal("6483000.00"))]
    assert one(b, item="other", item_label="办公经费", measure="actual", period_year=2023)["amount_yuan"] == \
        Decimal("28800.00")
    assert one(b, item="government_procurement", period_year=2022)["amount_yuan"] == Decimal("3200000.00")
    none(b, item_label="业务工作经费")  # numbered category with empty cells
    none(b, item="funds_total")  # the 自评表 資金 block belongs to selfeval.py
    assert len(b) == 32
    assert all(r["scope"] == "department" and r["raw"] and r["table_index"] == 0 for r in b)


# --- seeds 001 / 002: the older form's 收支情况 unit tables ----------------------------------------------------

@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_001_summary_row_of_unit_tables(fmt: str) -> None:
    out = sample("001_08874745f9f1f8cd", fmt, "dept_performance_self_eval", 2020)
    b = out.budgets
    want = {"income_total": "15953300.00", "income_general_budget": "7977300.00", "income_gov_fund": "7976000.00",
            "expenditure_total": "11257600.00", "expenditure_basic": "1353600.00",
            "expenditure_personnel": "1125300.00", "expenditure_public": "228300.00",
            "expenditure_project": "9904000.00", "balance_current": "4695700.00", "fixed_assets": "4820200.00"}
    got = {r["item"]: str(r["amount_yuan"]) for r in b if r["item"] != "other"}
    assert got == want
    assert one(b, item="other")["item_label"] == "在用固定资产"
    assert all(r["measure"] == "actual" and r["period_year"] == 2020 for r in b)
    tp = {r["item"]: r["amount_yuan"] for r in out.three_public}
    assert tp == {"total": Decimal("166500.00"), "official_reception": Decimal("80000.00"),
                  "vehicle_operation": Decimal("86500.00")}


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_002_unit_tables_and_split_three_public_table(fmt: str) -> None:
    out = sample("002_99c7b2a72a410d2a", fmt, "final_accounts", 2018)
    tp = {(r["item"], r["measure"]): r["amount_yuan"] for r in out.three_public}
    assert tp == {("total", "actual"): Decimal("45400.00"), ("official_reception", "actual"): Decimal("45400.00")}
    b = out.budgets
    assert one(b, item="income_gov_fund")["amount_yuan"] == Decimal("1598000.00")
    assert one(b, item="fixed_assets")["amount_yuan"] == Decimal("10733500.00")
    none(b, item="balance_current")  # the 结余 column is empty
    # the 项目支出绩效自评表's 支出明细 lines belong to selfeval.py (project scope), not here
    none(b, item_label="政务大厅人员补助")
    assert len(b) == 10 and not out.issues


def test_002_pdf_three_public_row_printed_on_the_page_after_its_header() -> None:
    out = sample("002_99c7b2a72a410d2a", "pdf", "final_accounts", 2018)
    total = one(out.three_public, item="total")
    assert total["page"] == 8 and total["raw"].startswith("局机关及二级机构")


# --- hand-built tables: the hard rules --------------------------------------------------------------------------

def test_functional_codes_over_three_columns_inherit_blank_parts() -> None:
    t = table([["支出功能分类科目编码", "", "", "科目名称", "本年支出合计", "基本支出", "项目支出"],
               ["类", "款", "项", "科目名称", "本年支出合计", "基本支出", "项目支出"],
               ["", "", "", "合计", "100.00", "60.00", "40.00"],
               ["201", "", "", "一般公共服务支出", "100.00", "60.00", "40.00"],
               ["", "03", "", "政府办公厅（室）及相关机构事务", "100.00", "60.00", "40.00"],
               ["", "", "01", "行政运行", "60.00", "60.00", ""],
               ["", "", "50", "事业运行", "40.00", "", "40.00"]],
              caption=["支出决算表", "单位：万元"], merges={(0, 0): (1, 3)})
    b = run(doc(t)).budgets
    codes = {r["functional_code"]: (r["item_label"], r["amount_yuan"]) for r in b if r["item"] == "functional"}
    assert codes == {"201": ("一般公共服务支出", Decimal("1000000.00")),
                     "20103": ("政府办公厅(室)及相关机构事务", Decimal("1000000.00")),
                     "2010301": ("行政运行", Decimal("600000.00")),
                     "2010350": ("事业运行", Decimal("400000.00"))}
    totals = {r["item"]: r["amount_yuan"] for r in b if r["item"] != "functional"}
    assert totals == {"expenditure_total": Decimal("1000000.00"), "expenditure_basic": Decimal("600000.00"),
                      "expenditure_project": Decimal("400000.00")}
    assert all(r["measure"] == "actual" and r["period_year"] == 2023 for r in b)


def test_code_printed_before_the_name_in_one_cell() -> None:
    t = table([["项目", "2024年预算数"], ["2010301 行政运行", "12.5"], ["[201]一般公共服务支出", "20"]],
              caption=["一般公共预算支出功能分类预算表", "单位：万元"])
    b = run(doc(t), "budget", 2024).budgets
    assert {(r["functional_code"], r["item_label"]) for r in b} == {("2010301", "行政运行"), ("201", "一般公共服务支出")}
    assert one(b, functional_code="2010301")["measure"] == "budget_initial"


def test_three_public_columns_with_subtotal_and_bare_purchase_column() -> None:
    t = table([["“三公”经费预算数", "", "", "", "", ""],
               ["合计", "因公出国(境)费", "公务接待费", "公务用车购置及运行费", "", ""],
               ["", "", "", "小计", "购置费", "运行费"],
               ["10.81", "0", "0.83", "9.98", "", "9.98"]],
              caption=["2026年部门“三公”经费预算表", "单位：万元"],
              merges={(0, 0): (1, 6), (1, 0): (2, 1), (1, 1): (2, 1), (1, 2): (2, 1), (1, 3): (1, 3)})
    tp = {r["item"]: r["amount_yuan"] for r in run(doc(t), "budget", 2026).three_public}
    assert tp == {"total": Decimal("108100.00"), "overseas_travel": Decimal("0.00"),
                  "official_reception": Decimal("8300.00"), "vehicle_total": Decimal("99800.00"),
                  "vehicle_operation": Decimal("99800.00")}  # the empty 购置费 cell gives no row


def test_three_public_total_is_the_named_subtotal_not_the_grand_total_with_meeting_fees() -> None:
    t = table([["合计", "“三公”经费", "", "", "", "", "", "会议费", "培训费"],
               ["", "小计", "因公出国（境）费", "公务用车购置及运行维护费", "", "", "公务接待费", "", ""],
               ["", "", "", "小计", "公务用车购置费", "公务用车运行维护费", "", "", ""],
               ["1276.7", "418.26", "80", "237", "", "237", "101.26", "158.44", "700"]],
              caption=["“三公”经费、会议费、培训费支出预算表", "单位：万元"],
              merges={(0, 0): (3, 1), (0, 1): (1, 6), (1, 1): (2, 1), (1, 2): (2, 1), (1, 3): (1, 3),
                      (1, 6): (2, 1), (0, 7): (3, 1), (0, 8): (3, 1)})
    tp = {(r["item"], r["measure"]): r["amount_yuan"] for r in run(doc(t), "budget", 2019).three_public}
    assert tp == {("total", "budget"): Decimal("4182600.00"), ("overseas_travel", "budget"): Decimal("800000.00"),
                  ("vehicle_total", "budget"): Decimal("2370000.00"),
                  ("vehicle_operation", "budget"): Decimal("2370000.00"),
                  ("official_reception", "budget"): Decimal("1012600.00")}


def test_three_public_rows_with_budget_and_actual_columns() -> None:
    t = table([["项目", "2023年预算数", "2023年决算数"], ["合计", "5", "4.5"], ["公务接待费", "5", "4.5"],
               ["因公出国（境）费", "0", "0"], ["公务用车购置及运行维护费", "", ""]],
              caption=["一般公共预算财政拨款“三公”经费支出决算表", "单位：万元"])
    tp = {(r["item"], r["measure"], r["period_year"]): r["amount_yuan"] for r in run(doc(t)).three_public}
    assert tp == {("total", "budget", 2023): Decimal("50000.00"), ("total", "actual", 2023): Decimal("45000.00"),
                  ("official_reception", "budget", 2023): Decimal("50000.00"),
                  ("official_reception", "actual", 2023): Decimal("45000.00"),
                  ("overseas_travel", "budget", 2023): Decimal("0.00"),
                  ("overseas_travel", "actual", 2023): Decimal("0.00")}


def test_two_sided_summary_table_reads_function_class_lines() -> None:
    t = table([["收入", "", "支出", ""], ["项目", "预算数", "项目", "预算数"],
               ["一、一般公共预算拨款收入", "500.87", "一、一般公共服务支出", "478.93"],
               ["二、政府性基金拨款收入", "10", "二、基本支出", "300"],
               ["三、事业收入", "2", "", ""],
               ["本年收入合计", "512.87", "本年支出合计", "512.87"],
               ["上年结转", "1", "年末结转和结余", "1"]],
              caption=["2019年部门收支预算总表", "单位：万元"], merges={(0, 0): (1, 2), (0, 2): (1, 2)})
    b = run(doc(t), "budget", 2019).budgets
    got = {(r["item"], r["item_label"]): r["amount_yuan"] for r in b}
    assert got == {("income_general_budget", "一般公共预算拨款收入"): Decimal("5008700.00"),
                   ("income_gov_fund", "政府性基金拨款收入"): Decimal("100000.00"),
                   ("expenditure_basic", "基本支出"): Decimal("3000000.00"),
                   ("other", "事业收入"): Decimal("20000.00"),
                   ("income_total", "本年收入合计"): Decimal("5128700.00"),
                   ("expenditure_total", "本年支出合计"): Decimal("5128700.00"),
                   ("income_carryover", "上年结转"): Decimal("10000.00"),
                   ("other", "年末结转和结余"): Decimal("10000.00"),
                   ("functional", "一般公共服务支出"): Decimal("4789300.00")}  # a 类 line, its code from the name
    assert all(r["measure"] == "budget_initial" and r["period_year"] == 2019 for r in b)
    assert [r["functional_code"] for r in b if r["item"] == "functional"] == ["201"]


def test_columns_by_year_and_measure_including_previous_year() -> None:
    t = table([["项目", "上年执行数", "本年预算数", "调整预算数", "增减%"], ["基本支出", "90", "100", "105", "5%"]],
              caption=["单位：万元"])
    b = run(doc(t), "budget", 2024).budgets
    got = {(r["measure"], r["period_year"]): r["amount_yuan"] for r in b}
    assert got == {("actual", 2023): Decimal("900000.00"), ("budget_initial", 2024): Decimal("1000000.00"),
                   ("budget_full_year", 2024): Decimal("1050000.00")}


def test_economic_lines_are_skipped_but_their_totals_kept() -> None:
    t = table([["经济分类科目编码", "科目名称", "决算数"], ["301", "工资福利支出", "95.36"],
               ["30101", "基本工资", "14.12"], ["", "人员经费合计", "100.5"], ["", "公用经费合计", "10.2"]],
              caption=["一般公共预算财政拨款基本支出决算表", "单位：万元"])
    b = run(doc(t)).budgets
    assert {(r["item"], r["item_label"]) for r in b} == {("expenditure_personnel", "人员经费合计"),
                                                        ("expenditure_public", "公用经费合计")}


def test_unit_table_without_summary_row_is_an_issue_not_a_guess() -> None:
    t = table([["机构名称", "收入合计", "其中：财政拨款"], ["1、局机关", "10", "8"], ["2、二级机构1", "5", "5"]],
              caption=["年度收入情况（万元）"])
    out = run(doc(t))
    assert not out.budgets
    assert [i.code for i in out.issues] == ["no_summary_row"]


def test_no_unit_means_no_rows_and_an_issue() -> None:
    t = table([["项目", "预算数"], ["基本支出", "100"]], caption=["支出预算表"])
    out = run(doc(t), "budget", 2024)
    assert not out.budgets
    assert [i.code for i in out.issues] == ["unit_unparsed"]


def test_inline_unit_wins_and_yuan_tables_stay_exact() -> None:
    t = table([["项目", "预算数"], ["基本支出", "1,234,567.89"], ["项目支出", "3.5万元"]],
              caption=["支出预算表", "单位：元"])
    got = {r["item"]: r["amount_yuan"] for r in run(doc(t), "budget", 2024).budgets}
    assert got == {"expenditure_basic": Decimal("1234567.89"), "expenditure_project": Decimal("35000.00")}


def test_scoring_and_indicator_blocks_are_left_to_their_interpreters() -> None:
    t = table([["一级指标", "二级指标", "三级指标", "评分标准", "分值", "得分"],
               ["投入", "预算配置", "“三公经费”变动率", "≦0,计5分", "5", "5"],
               ["过程", "预算管理", "政府采购执行率", "等于100%得3分", "3", "2"],
               ["过程", "预算管理", "", "", "", ""]], caption=["部门整体支出绩效评价评分表", "单位：万元"])
    out = run(doc(t))
    assert not out.budgets and not out.three_public and not out.issues


def test_header_on_one_page_rows_on_the_next_table() -> None:
    head = table([["年度收入情况（万元）", "", ""], ["机构名称", "收入合计", "公共财政拨款"]], index=0,
                 merges={(0, 0): (1, 3)})
    rows = table([["局机关及二级机构汇总", "846.77", "686.97"], ["1、局机关", "846.77", "686.97"]], index=1)
    b = run(doc(head, Paragraph("2", page=2), rows), "final_accounts", 2018).budgets
    got = {(r["item"], r["table_index"], r["row_index"]): r["amount_yuan"] for r in b}
    assert got == {("income_total", 1, 0): Decimal("8467700.00"), ("income_general_budget", 1, 0): Decimal("6869700.00")}


def test_headerless_table_alone_invents_nothing() -> None:
    t = table([["局机关及二级机构汇总", "846.77"], ["政务大厅物业费", "10"]], caption=["单位：万元"])
    assert not run(doc(t)).budgets


def test_government_procurement_table_total_only() -> None:
    t = table([["采购品目大类", "采购物品名称", "采购组织形式", "总计"], ["合 计", "", "", "2,744.84"],
               ["一、货物", "", "", "303.40"], ["", "台式计算机", "分散自行组织", "9.00"]],
              caption=["政府采购支出预算表", "单位：万元"])
    b = run(doc(t), "budget", 2019).budgets
    assert [(r["item"], r["amount_yuan"]) for r in b] == [("government_procurement", Decimal("27448400.00"))]


# --- label helpers -------------------------------------------------------------------------------------------

@pytest.mark.parametrize("label,item", [
    ("收入合计", "income_total"), ("本年收入合计", "income_total"), ("上年结转", "income_carryover"),
    ("公共财\n政拨款", "income_general_budget"), ("1. 一般公共预算", "income_general_budget"),
    ("公共财政拨款（补助）资金", "income_general_budget"), ("政府基金拨款", "income_gov_fund"),
    ("纳入专户管理的非税收入拨款", "income_special_account"), ("其他\n收入", "income_other"),
    ("支出合计", "expenditure_total"), ("其中：基本支出", "expenditure_basic"), ("人员经费合计", "expenditure_personnel"),
    ("公用经费", "expenditure_public"), ("项目支出：", "expenditure_project"), ("当年结余", "balance_current"),
    ("固定资产 合计", "fixed_assets"), ("政府采购金额", "government_procurement"),
    ("在用固定资产", None), ("当年收入小计", None), ("收入总计", "income_total"), ("一般公共服务支出", None),
    ("上年结余、结转", "income_carryover"), ("上年实户资金余额", "income_carryover"), ("日常公用支出", "expenditure_public")])
def test_budget_item(label: str, item: Optional[str]) -> None:
    assert budget_item(label) == item


@pytest.mark.parametrize("label,item", [
    ("“三公”经费", "total"), ("财政拨款“三公”经费", "total"), ("三公经费 合计", "total"),
    ("1、公务用车购置和维护经费", "vehicle_total"), ("公务用车购置及运行费", "vehicle_total"),
    ("其中：公车购置", "vehicle_purchase"), ("公车运行维护", "vehicle_operation"), ("公务用车运维费", "vehicle_operation"),
    ("2、出国经费", "overseas_travel"), ("因公出国（境）费", "overseas_travel"), ("3、公务接待", "official_reception"),
    ("会议费", None), ("30217 公务接待费用及其他相关支出说明", None)])
def test_three_public_item(label: str, item: Optional[str]) -> None:
    assert three_public_item(label) == item


@pytest.mark.parametrize("header,measure,year", [
    ("2022年决算数", "actual", 2022), ("2023年预算数", "budget_initial", 2023), ("全年\n执行数", "actual", None),
    ("调整预算数", "budget_full_year", None), ("上年预算数", "budget_initial", 2022), ("收入合计", None, None),
    ("上年结转", None, None), ("上年度结转", None, None), ("上年结余", None, None), ("上一年度预算数", "budget_initial", 2022)])
def test_measure_and_year_of_headers(header: str, measure: Optional[str], year: Optional[int]) -> None:
    assert measure_of(header) == measure and header_year(header, 2023) == year


def test_label_cleaning() -> None:
    assert bare_label("3、本级专项资金（一个专项一 行）") == "本级专项资金(一个专项一行)"
    assert without_remark(bare_label("3、本级专项资金（一个专项一 行）")) == "本级专项资金"
    assert bare_label("     公车运行维护") == "公车运行维护"
    assert bare_label("（二）项目支出：") == "项目支出"
    assert split_leading_code("2010301 行政运行") == ("2010301", "行政运行")
    assert split_leading_code("12345热线平台运维") == (None, "12345热线平台运维")


# --- a one-sided table's grand total (issue: 上海 单位预算's 支出预算总表 gave no expenditure_total) -----------------

SIDE_HEADER = [["科目编码", "科目名称", "支出预算", "支出预算", "支出预算"],
               ["科目编码", "科目名称", "合计", "基本支出", "项目支出"]]
SIDE_BODY = [["208", "社会保障和就业支出", "11,281,624", "8,661,624", "2,620,000"],
             ["210", "卫生健康支出", "839,540", "839,540", ""],
             ["", "合计", "12,121,164", "9,501,164", "2,620,000"]]


@pytest.mark.parametrize(("title", "item"), [
    ("2024年预算单位支出预算总表", "expenditure_total"),
    ("2024年部门支出决算表", "expenditure_total"),
    ("2024年预算单位收入预算总表", "income_total"),
    ("2024年一般公共预算支出功能分类预算表", None),  # a 财政拨款 view: its 合计 is not the department's total
    ("2024年项目支出预算表", None),
    ("2024年基本支出预算表", None),
])
def test_one_sided_table_grand_total(title: str, item: Optional[str]) -> None:
    out = run(Document("pdf", blocks=[table(SIDE_HEADER + SIDE_BODY, caption=[title, "单位：元"])]), "budget", 2024)
    totals = [r for r in out.budgets if r["item"] in ("income_total", "expenditure_total")]
    assert [(r["item"], r["amount_yuan"]) for r in totals] == ([(item, Decimal("12121164.00"))] if item else [])


def test_a_named_total_wins_over_a_one_sided_grand_total() -> None:
    both = [["项目", "预算数"], ["支出合计", "12,121,164"]]
    doc = Document("pdf", blocks=[table(SIDE_HEADER + SIDE_BODY, caption=["2024年支出预算总表", "单位：元"]),
                                  table(both, caption=["2024年收支预算总表", "单位：元"], index=1)])
    out = run(doc, "budget", 2024)
    assert [(r["item_label"], r["table_index"]) for r in out.budgets if r["item"] == "expenditure_total"] == [
        ("支出合计", 1)]


# --- the national 决算 template's 栏次 row numbers the columns; it is not a money line ---------------------------------


def test_column_number_row_is_no_money_line() -> None:
    rows = [["项目", "行次", "年初预算数", "全年预算数", "决算数"],
            ["栏次", "", "1", "2", "3"],
            ["一、一般公共预算财政拨款", "1", "100.00", "120.00", "118.00"],
            ["本年收入合计", "3", "100.00", "120.00", "118.00"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["财政拨款收入支出决算总表", "单位：万元"])]))
    assert {(r["item"], r["measure"], str(r["amount_yuan"])) for r in out.budgets} == {
        (item, m, a) for item in ("income_general_budget", "income_total")
        for m, a in (("budget_initial", "1000000.00"), ("budget_full_year", "1200000.00"), ("actual", "1180000.00"))}
    coded = [["功能分类科目编码", "科目名称", "本年支出合计", "基本支出", "项目支出"],
             ["栏次", "栏次", "1", "2", "3=1+2"],
             ["", "合计", "500.00", "300.00", "200.00"],
             ["201", "一般公共服务支出", "500.00", "300.00", "200.00"]]
    out = run(Document("pdf", blocks=[table(coded, caption=["支出决算表", "单位：万元"])]))
    assert not out.issues and not [r for r in out.budgets if r["item"] == "other"]
    assert one(out.budgets, item="expenditure_total")["amount_yuan"] == Decimal("5000000.00")


def test_bare_column_numbers_under_a_three_public_header_are_no_amounts() -> None:
    blocks = ["合计", "因公出国（境）费", "公务用车购置及运行费", "公务用车购置及运行费", "公务用车购置及运行费", "公务接待费"]
    leaves = ["合计", "因公出国（境）费", "小计", "公务用车购置费", "公务用车运行费", "公务接待费"]
    rows = [["预算数"] * 6 + ["决算数"] * 6, blocks * 2, leaves * 2, [str(i) for i in range(1, 13)],
            ["4.70", "0.00", "0.00", "0.00", "0.00", "4.70", "4.54", "0.00", "0.00", "0.00", "0.00", "4.54"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["财政拨款“三公”经费支出决算表", "单位：万元"])]))
    got = {(r["item"], r["measure"]): str(r["amount_yuan"]) for r in out.three_public}
    assert len(out.three_public) == 12 and got[("total", "budget")] == "47000.00"
    assert got[("official_reception", "actual")] == "45400.00" and got[("vehicle_purchase", "actual")] == "0.00"


def test_income_table_with_carry_over_gives_no_income_total_and_carry_over_keeps_the_year() -> None:
    rows = [["科目编码", "科目名称", "合计", "上年结转", "一般公共预算拨款收入", "事业收入"],
            ["", "合计", "1,200.00", "200.00", "950.00", "50.00"],
            ["201", "一般公共服务支出", "1,200.00", "200.00", "950.00", "50.00"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["部门收入总表", "单位：万元"])]), "budget", 2024)
    none(out.budgets, item="income_total")  # 合计 = 上年结转 + 本年收入: 收入总计, not 收入合计
    assert one(out.budgets, item="income_carryover")["period_year"] == 2024
    rows[1][3] = rows[2][3] = "0.00"
    out = run(Document("pdf", blocks=[table(rows, caption=["部门收入总表", "单位：万元"])]), "budget", 2024)
    assert one(out.budgets, item="income_total")["amount_yuan"] == Decimal("12000000.00")


# --- layouts of other provinces' MoF templates (each failed before its fix) ------------------------------------------


def test_a_unit_in_a_column_header_keeps_the_column() -> None:
    out = run(Document("pdf", blocks=[table([["项目", "预算数(万元)"], ["基本支出", "80.00"], ["项目支出", "20.00"]],
                                            caption=["支出预算表"])]), "budget", 2024)
    assert {(r["item"], str(r["amount_yuan"])) for r in out.budgets} == {
        ("expenditure_basic", "800000.00"), ("expenditure_project", "200000.00")}


def test_a_table_number_line_under_the_title_is_not_the_title() -> None:
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "1,100.00", "900.00", "200.00"],
            ["2010301", "行政运行", "1,100.00", "900.00", "200.00"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["部门支出总表", "表3", "单位：万元"])]), "budget", 2024)
    assert one(out.budgets, item="expenditure_total")["amount_yuan"] == Decimal("11000000.00")


def test_same_name_under_different_codes_are_all_kept() -> None:
    rows = [["科目编码", "科目名称", "合计"], ["", "合计", "150.01"], ["2010101", "行政运行", "50.00"],
            ["2010301", "行政运行", "50.01"], ["2013801", "行政运行", "50.00"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["部门支出总表", "单位：万元"])]), "budget", 2024)
    assert sorted(r["functional_code"] for r in out.budgets if r["item"] == "functional") == [
        "2010101", "2010301", "2013801"]


def test_level_marks_leave_the_most_specific_name() -> None:
    rows = [["科目编码", "科目名称", "决算数"],
            ["2010301", "一般公共服务支出（类）政府办公厅（室）及相关机构事务（款）行政运行（项）", "100.00"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["一般公共预算财政拨款支出决算表", "单位：万元"])]))
    assert one(out.budgets, functional_code="2010301")["item_label"] == "行政运行"


def test_parts_of_reception_and_financial_carry_over_labels() -> None:
    rows = [["项目", "预算数", "决算数"], ["3.公务接待费", "3.00", "2.20"], ["其中：国内接待费", "3.00", "2.20"],
            ["其中：外事接待费", "0.00", "0.00"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["财政拨款“三公”经费支出决算表", "单位：万元"])]))
    assert sorted(str(r["amount_yuan"]) for r in out.three_public) == ["22000.00", "30000.00"]
    assert budget_item("年初财政拨款结转和结余") == "income_carryover"


def test_fiscal_summary_fund_columns_and_carry_over_parts() -> None:
    rows = [["收入", "", "支出", "", "", ""], ["项目", "预算数", "项目", "合计", "一般公共预算", "政府性基金预算"],
            ["一、本年收入", "1,000.00", "一、一般公共服务支出", "1,050.00", "1,050.00", ""],
            ["（一）一般公共预算拨款", "1,000.00", "", "", "", ""],
            ["二、上年结转", "50.00", "", "", "", ""], ["（一）一般公共预算拨款", "50.00", "", "", "", ""],
            ["总计", "1,050.00", "总计", "1,050.00", "1,050.00", ""]]
    doc = Document("pdf", blocks=[table(rows, caption=["财政拨款收支总表", "单位：万元"],
                                        merges={(0, 0): (1, 2), (0, 2): (1, 4)})])
    out = run(doc, "budget", 2024)
    assert [str(r["amount_yuan"]) for r in out.budgets if r["item"] == "income_general_budget"] == ["10000000.00"]
    assert one(out.budgets, item="income_carryover")["amount_yuan"] == Decimal("500000.00")


def test_a_plain_total_that_also_sums_meetings_and_training_is_no_three_public_total() -> None:
    rows = [["合计", "因公出国（境）费", "公务用车购置及运行费", "", "", "公务接待费", "会议费", "培训费"],
            ["", "", "小计", "购置费", "运行费", "", "", ""],
            ["25.50", "0.00", "10.00", "0.00", "10.00", "2.50", "5.00", "8.00"]]
    merges = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (1, 3), (0, 5): (2, 1), (0, 6): (2, 1), (0, 7): (2, 1)}
    out = run(Document("pdf", blocks=[table(rows, caption=["“三公”经费、会议费、培训费预算表", "单位：万元"],
                                            merges=merges)]), "budget", 2024)
    assert sorted(r["item"] for r in out.three_public) == [
        "official_reception", "overseas_travel", "vehicle_operation", "vehicle_purchase", "vehicle_total"]


def test_full_codes_printed_in_each_level_column() -> None:
    rows = [["功能科目编码", "", "", "功能科目名称", "合计"], ["类", "款", "项", "功能科目名称", "合计"],
            ["201", "", "", "一般公共服务支出", "1,000.00"], ["", "20103", "", "政府办公厅（室）及相关机构事务", "1,000.00"],
            ["", "", "2010301", "行政运行", "1,000.00"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["一般公共预算支出表", "单位：万元"],
                                            merges={(0, 0): (1, 3)})]), "budget", 2024)
    assert [r["functional_code"] for r in out.budgets] == ["201", "20103", "2010301"]


def test_an_income_table_with_group_and_line_label_columns_keeps_its_lines() -> None:
    rows = [["项目名称", "项目名称", "金额"], ["收入总计", "收入总计", "27,664.22"],
            ["一般公共预算资金", "小计", "27,664.22"], ["一般公共预算资金", "公共财政拨款(补助)资金", "27,664.22"]]
    merges = {(0, 0): (1, 2), (1, 0): (1, 2), (2, 0): (2, 1)}
    out = run(Document("pdf", blocks=[table(rows, caption=["收入预算总表", "单位：万元"], merges=merges)]), "budget", 2019)
    assert one(out.budgets, item="income_general_budget")["amount_yuan"] == Decimal("276642200.00")


def test_subset_table_parts_are_not_summed_against_department_totals() -> None:
    from extractors.interpret import reconcile as checks
    full = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "1,050.00", "850.00", "200.00"]]
    basic = [["科目编码", "科目名称", "合计", "人员经费", "公用经费"], ["", "合计", "820.00", "700.00", "120.00"]]
    doc = Document("pdf", blocks=[table(full, caption=["部门支出总表", "单位：万元"]),
                                  table(basic, caption=["一般公共预算基本支出表", "单位：万元"], index=1)])
    out = run(doc, "budget", 2024)
    checks.finalize(out)
    assert not [i for i in out.issues if i.code == "basic_sum_mismatch"]


def test_rows_that_name_the_measure_or_year() -> None:
    rows = [["项目", "合计", "因公出国（境）费", "公务用车购置及运行维护费", "公务接待费"],
            ["预算数", "13.00", "0.00", "10.00", "3.00"], ["决算数", "11.20", "0.00", "9.00", "2.20"],
            ["增减额", "-1.80", "0.00", "-1.00", "-0.80"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["财政拨款“三公”经费支出决算表", "单位：万元"])]))
    got = {(r["item"], r["measure"]): str(r["amount_yuan"]) for r in out.three_public}
    assert len(got) == 8 and got[("total", "budget")] == "130000.00" and got[("official_reception", "actual")] == "22000.00"
    years = [["项目", "收入合计", "一般公共预算拨款"], ["2023年预算", "900.00", "850.00"], ["2024年预算", "1,000.00", "950.00"]]
    out = run(Document("pdf", blocks=[table(years, caption=["部门收入预算表", "单位：万元"])]), "budget", 2024)
    assert {(r["item"], r["period_year"], str(r["amount_yuan"])) for r in out.budgets} == {
        ("income_total", 2023, "9000000.00"), ("income_general_budget", 2023, "8500000.00"),
        ("income_total", 2024, "10000000.00"), ("income_general_budget", 2024, "9500000.00")}


def test_a_subtotal_under_basic_spending_is_part_of_each_line() -> None:
    rows = [["科目编码", "科目名称", "合计", "基本支出", "", "", "项目支出"],
            ["科目编码", "科目名称", "合计", "小计", "人员经费", "公用经费", "项目支出"],
            ["", "合计", "1,100.00", "900.00", "780.00", "120.00", "200.00"],
            ["2010301", "行政运行", "1,000.00", "900.00", "780.00", "120.00", "100.00"]]
    merges = {(0, 0): (2, 1), (0, 1): (2, 1), (0, 2): (2, 1), (0, 3): (1, 3), (0, 6): (2, 1)}
    out = run(Document("pdf", blocks=[table(rows, caption=["部门支出总表", "单位：万元"], merges=merges)]), "budget", 2024)
    assert [str(r["amount_yuan"]) for r in out.budgets if r["item"] == "functional"] == ["10000000.00"]
    assert one(out.budgets, item="expenditure_basic")["amount_yuan"] == Decimal("9000000.00")


def test_side_by_side_personnel_and_public_totals() -> None:
    rows = [["人员经费", "", "", "公用经费", "", ""], ["科目编码", "科目名称", "决算数"] * 2,
            ["301", "工资福利支出", "700.00", "302", "商品和服务支出", "120.00"],
            ["303", "对个人和家庭的补助", "80.00", "310", "资本性支出", ""],
            ["", "人员经费合计", "780.00", "", "公用经费合计", "120.00"]]
    out = run(Document("pdf", blocks=[table(rows, caption=["一般公共预算财政拨款基本支出决算表", "单位：万元"],
                                            merges={(0, 0): (1, 3), (0, 3): (1, 3)})]))
    assert one(out.budgets, item_label="人员经费合计")["amount_yuan"] == Decimal("7800000.00")
    assert one(out.budgets, item_label="公用经费合计")["item"] == "expenditure_public"


def test_a_project_list_gives_project_lines_and_no_income() -> None:
    rows = [["单位名称（项目）", "项目名称", "合计", "一般公共预算拨款", "政府性基金预算拨款", "其他资金"],
            ["合计", "", "200.00", "180.00", "", "20.00"], ["某某局本级", "信息化运维经费", "120.00", "100.00", "", "20.00"],
            ["某某局本级", "执法装备购置", "80.00", "80.00", "", ""]]
    out = run(Document("pdf", blocks=[table(rows, caption=["项目支出表", "单位：万元"])]), "budget", 2024)
    assert {(r["item"], r["project_name"], str(r["amount_yuan"])) for r in out.budgets} == {
        ("expenditure_project", None, "2000000.00"), ("project", "信息化运维经费", "1200000.00"),
        ("project", "执法装备购置", "800000.00")}


def test_one_funds_spending_table_gives_no_department_lines() -> None:
    rows = [["科目编码", "科目名称", "合计", "基本支出", "项目支出"], ["", "合计", "0.00", "0.00", "0.00"],
            ["注：本单位2024年无政府性基金预算支出。", "", "", "", ""]]
    out = run(Document("pdf", blocks=[table(rows, caption=["政府性基金预算支出表", "单位：万元"])]), "budget", 2024)
    assert not [r for r in out.budgets if r["item"].startswith("expenditure_")]


def test_a_by_unit_income_table_gives_the_income_total() -> None:
    rows = [["单位编码", "单位名称", "合计", "一般公共预算拨款收入", "政府性基金预算拨款收入", "其他收入"],
            ["", "合计", "1,200.00", "1,100.00", "", "100.00"], ["101001", "北京市某某局本级", "1,000.00", "900.00", "", "100.00"],
            ["101002", "北京市某某中心", "200.00", "200.00", "", ""]]
    out = run(Document("pdf", blocks=[table(rows, caption=["部门收入总表", "单位：万元"])]), "budget", 2024)
    assert one(out.budgets, item="income_total")["amount_yuan"] == Decimal("12000000.00")
