"""Prose -> budgets / three_public / evaluations: single sentences, hand-built documents and the seed samples."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest

from extractors.base import registry
from extractors.interpret import interpret
from extractors.interpret.prose import reader as prose
from extractors.interpret.prose.money import figures
from extractors.interpret.records import mark, prov, DocMeta, Interpretation
from extractors.model import Cell, Document, Paragraph, Table
from normalizers.text import clean_text
from tests.interpret.builders import one

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
S002, S003, S004 = "002_99c7b2a72a410d2a", "003_990a092f0fb6bf8b", "004_9afd7b26ca454508"
FINAL = DocMeta(doc_type="final_accounts", fiscal_year=2018)


@lru_cache(maxsize=None)
def pipeline(stem: str, fmt: str) -> Interpretation:
    """The whole interpretation (tables first, then prose, then finalize) of a bundled seed; skipped when absent."""
    path = SAMPLES / fmt / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not bundled")
    return interpret(registry()[fmt](path.read_bytes(), path.name))


def run(*texts: str, meta: DocMeta = FINAL, blocks: tuple[Any, ...] = ()) -> Interpretation:
    """prose alone on paragraphs (and optional extra blocks)."""
    out = Interpretation(meta=meta)
    prose.interpret(Document("docx", blocks=[*blocks, *(Paragraph(t) for t in texts)]), meta, out)
    return out


def said(sentence: str) -> list[tuple[Optional[str], str, Decimal, Optional[str], Optional[int]]]:
    """(item, label, amount, measure, year) of each figure a sentence states."""
    return [(f.subject.term.item if f.subject.term else None, f.subject.label, f.amount, f.measure, f.year)
            for f in figures(clean_text(sentence))]



def yuan(text: str) -> Decimal:
    """Decimal yuan at 0.01."""
    return Decimal(text).quantize(Decimal("0.01"))


# --- sentences ---------------------------------------------------------------------------------------------

def test_levels_are_kept_and_differences_are_not() -> None:
    got = said("我单位2018年度决算总收入846.77万元,比2017年决算总收入增加270.89万元,增加了47.04%")
    assert got == [("income_total", "总收入", yuan("8467700"), None, 2018)]


def test_breakdown_in_brackets() -> None:
    got = said("其中基本支出307.55万元(工资福利支出256.23万元、商品和服务支出51.32万元、对个人和家庭的补助为0)")
    assert [(g[0], g[2]) for g in got] == [("expenditure_basic", yuan("3075500")),
                                          ("expenditure_personnel", yuan("2562300")),
                                          ("expenditure_public", yuan("513200"))]


def test_measure_words_and_inherited_subject() -> None:
    got = said("2018年度财政拨款支出年初预算数为500.87万元,支出决算数为846.77万元,完成年初预算的169.06%")
    assert [(g[0], g[1], g[2], g[3]) for g in got] == [
        ("expenditure_total", "财政拨款支出年初预算数", yuan("5008700"), "budget_initial"),
        ("expenditure_total", "财政拨款支出年初预算数", yuan("8467700"), "actual")]


def test_three_public_subject_beats_the_money_words_after_it() -> None:
    got = said("“三公”经费财政拨款支出预算为4.7万元,支出决算为4.5万元,完成预算的95.74%")
    assert [(g[0], g[2], g[3]) for g in got] == [("total", yuan("47000"), "budget_initial"),
                                                ("total", yuan("45000"), "actual")]


def test_thresholds_sub_items_and_unknown_subjects_give_nothing() -> None:
    assert said("单位价值50万元以上专用设备1台") == []
    assert said("授予中小企业合同金额73.8万元") == []
    assert [g[0] for g in said("政府采购支出总额139.8万元,其中:政府采购货物支出139.8万元")] == ["government_procurement"]
    assert said("与上年决算数相比减少0.45万元,减少了9.09%") == []
    assert said("2018年一般公共预算财政拨款支出846.77万元")[0][0] == "expenditure_total"  # not an income


# --- hand-built documents ----------------------------------------------------------------------------------

def test_functional_heading_then_amounts_paragraph() -> None:
    out = run("1、一般公共服务支出(类)政府办公厅(室)及相关机构事务(款)行政运行(项)",
              "年初预算31.92万元,支出决算为43.93万元,完成年初预算的137.63%。",
              "6、社会保障和就业支出(类)行政事业单位离退休(款)机关事业单位基本养老保险缴费支出 年初预算为21.94万元,支出决算为21.94万元。")
    got = {(r["item_label"], r["measure"], r["amount_yuan"]) for r in out.budgets}
    assert got == {("行政运行", "budget_initial", yuan("319200")), ("行政运行", "actual", yuan("439300")),
                   ("机关事业单位基本养老保险缴费支出", "budget_initial", yuan("219400")),
                   ("机关事业单位基本养老保险缴费支出", "actual", yuan("219400"))}
    assert {r["item"] for r in out.budgets} == {"functional"} and {prov(r).origin for r in out.budgets} == {"prose"}


def test_zero_shared_by_two_three_public_items() -> None:
    out = run("公务接待费完全按照有关文件执行，公务用车运维费和因公出国费为0，“三公经费”总体较2017年减少了4050元。")
    assert {(r["item"], r["measure"], r["amount_yuan"]) for r in out.three_public} == {
        ("vehicle_operation", "actual", yuan("0")), ("overseas_travel", "actual", yuan("0"))}


def test_project_list_and_table_cell_prose() -> None:
    cell = Cell(0, 0, "(1)2018年度政务中心专项经费为539.22万元。其中:政务大厅运行、人员补助、平台建设经费221万元;"
                      "“智慧城市”专项56.92万元。全年基本支出307.55万元。")
    out = run(blocks=(Table(3, 1, 1, [cell]),))
    projects = {(r["project_name"], r["item_label"], r["amount_yuan"]) for r in out.budgets if r["item"] == "project"}
    assert projects == {("政务大厅运行、人员补助、平台建设经费", "政务大厅运行、人员补助、平台建设经费", yuan("2210000")),
                        ("“智慧城市”专项", "“智慧城市”专项", yuan("569200"))}
    assert one(out.budgets, item="expenditure_basic")["table_index"] is None  # prose rows carry no table position


def test_table_rows_win_and_disagreements_are_reported() -> None:
    meta = DocMeta(doc_type="final_accounts", fiscal_year=2018)
    out = Interpretation(meta=meta)
    out.budgets.append({"scope": "department", "project_name": None, "item": "income_general_budget",
                        "item_label": "公共财政拨款", "measure": "actual", "period_year": 2018,
                        "amount_yuan": yuan("6869700"), "table_index": 2})
    prose.interpret(Document("docx", blocks=[Paragraph("我单位2018年度收入846.77万元,全部为财政拨款收入为846.77万元。")]),
                    meta, out)
    assert one(out.budgets, item="income_general_budget")["amount_yuan"] == yuan("6869700")
    assert one(out.budgets, item="income_total")["amount_yuan"] == yuan("8467700")
    assert [i.code for i in out.issues] == ["conflicting_values"]


def test_a_rounded_restatement_is_reported_as_within_rounding() -> None:
    meta = DocMeta(doc_type="budget", fiscal_year=2026)
    out = Interpretation(meta=meta)
    out.budgets.append({"scope": "department", "project_name": None, "item": "income_general_budget",
                        "item_label": "财政拨款收入", "measure": "budget_initial", "period_year": 2026,
                        "amount_yuan": yuan("86959408.34"), "table_index": 1})
    text = "2026年,上海市普陀区司法局收入预算8695.94万元,其中:财政拨款收入8695.94万元,比2025年预算增加794.88万元。"
    prose.interpret(Document("docx", blocks=[Paragraph(text)]), meta, out)
    (issue,) = [i for i in out.issues if i.code == "conflicting_values"]
    assert issue.message.endswith("(within the rounding of the printed figure)")
    out = run("公务接待费支出决算为4.4万元。", meta=meta)
    mark(out.three_public[0], origin="table")
    prose.interpret(Document("docx", blocks=[Paragraph("公务接待费支出决算为4.6万元。")]), meta, out)
    assert [i.message.endswith("figure)") for i in out.issues if i.code == "conflicting_values"] == [False]


@pytest.mark.parametrize(("sentence", "expected"), [
    # 总计 includes carry-overs on both sides: it is neither 收入合计 nor 支出合计 nor 财政拨款收入
    ("上海市普陀区财政局2024年度收入支出总计2995.39万元。", []),
    ("上海市普陀区财政局2024年度财政拨款收入支出总计0.3万元。", []),
    ("一般公共预算财政拨款支出年初预算为0万元,全年预算为321.02万元,支出决算为307.82万元。",
     [("expenditure_total", "budget_initial", "0.00"), ("expenditure_total", "budget_full_year", "3210200.00"),
      ("expenditure_total", "actual", "3078200.00")]),
])
def test_totals_and_full_year_budgets(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    out = run(sentence, meta=DocMeta(doc_type="final_accounts", fiscal_year=2024))
    assert [(r["item"], r["measure"], str(r["amount_yuan"])) for r in out.budgets] == expected


def test_budget_documents_default_to_budget_measures() -> None:
    out = run("2019年“三公”经费预算数为12.5万元,基本支出1200万元。", meta=DocMeta(doc_type="budget", fiscal_year=2019))
    assert one(out.three_public, item="total")["measure"] == "budget"
    assert one(out.budgets, item="expenditure_basic")["measure"] == "budget_initial"


def test_prose_evaluation_only_when_no_table_gave_one() -> None:
    meta = DocMeta(doc_type="project_performance_self_eval", fiscal_year=2019, region="永州市")
    text = "根据评分表，综合评分为92分，重点绩效评价等级为“良”。"
    out = run("永州市政务服务和电子政务专项（项目）", text, meta=meta)
    assert [(e["scope"], e["project_name"], e["total_score"], e["grade"]) for e in out.evaluations] == [
        ("project", "政务服务和电子政务专项", 92.0, "良")]
    pre = Interpretation(meta=meta, evaluations=[{"scope": "project", "project_name": "x", "total_score": 90.0}])
    prose.interpret(Document("docx", blocks=[Paragraph(text)]), meta, pre)
    assert len(pre.evaluations) == 1
    assert run(text, meta=FINAL).evaluations == []  # a 决算 states no evaluation of its own


# --- seeds -------------------------------------------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_002_prose_rows(fmt: str) -> None:
    out = pipeline(S002, fmt)
    b = [r for r in out.budgets if r["table_index"] is None]
    assert one(b, item="functional", item_label="行政运行", measure="budget_initial")["amount_yuan"] == yuan("319200")
    assert one(b, item="functional", item_label="政务公开审批", measure="actual")["amount_yuan"] == yuan("6589000")
    assert one(b, item="functional", item_label="社会保障与就业支出")["amount_yuan"] == yuan("219400")
    assert one(b, item="expenditure_total", measure="budget_initial")["amount_yuan"] == yuan("5008700")
    assert one(b, item="government_procurement")["amount_yuan"] == yuan("1398000")
    assert len([r for r in b if r["item"] == "project"]) == 8
    tp = {(r["item"], r["measure"]): r["amount_yuan"] for r in out.three_public}
    assert tp[("total", "actual")] == yuan("45400")  # the table's 4.54, not the prose's 4.5
    assert tp[("total", "budget")] == yuan("47000") and tp[("vehicle_purchase", "actual")] == yuan("0")
    assert ("vehicle_purchase", "budget") not in tp
    assert any(i.code == "conflicting_values" and "total" in i.message for i in out.issues)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_003_prose_rows(fmt: str) -> None:
    out = pipeline(S003, fmt)
    assert one(out.budgets, item="expenditure_project")["scope"] == "department"
    assert one(out.budgets, item="expenditure_project")["amount_yuan"] == yuan("4910000")
    funds = one(out.budgets, item="income_general_budget")
    assert (funds["scope"], funds["project_name"], funds["item_label"], funds["amount_yuan"]) == (
        "project", "政务服务和电子政务专项", "市财政拨款资金", yuan("4910000"))
    assert [(e["scope"], e["project_name"], e["total_score"], e["grade"]) for e in out.evaluations] == [
        ("project", "政务服务和电子政务专项", 92.0, "良")]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_004_prose_invents_nothing(fmt: str) -> None:
    out = pipeline(S004, fmt)
    assert (out.budgets, out.three_public, out.indicators, out.evaluations) == ([], [], [], [])


def test_a_fund_view_of_a_line_gives_way_to_the_whole_line() -> None:
    meta = DocMeta(doc_type="budget", fiscal_year=2024)
    out = run("2024年,本单位支出预算1,212.12万元,其中:财政拨款支出预算950.12万元。", meta=meta)
    assert [(r["item"], str(r["amount_yuan"])) for r in out.budgets if r["item"] == "expenditure_total"] == [
        ("expenditure_total", "12121200.00")]
    assert not [i for i in out.issues if i.code == "conflicting_values"]
    out = run("财政拨款基本支出预算5,836.27万元。", "基本支出预算为5,916.27万元。", meta=meta)
    assert [str(r["amount_yuan"]) for r in out.budgets if r["item"] == "expenditure_basic"] == ["59162700.00"]
    alone = run("2018年度财政拨款支出年初预算数为500.87万元。", meta=FINAL)  # seed 002: the only statement of it
    assert [str(r["amount_yuan"]) for r in alone.budgets if r["item"] == "expenditure_total"] == ["5008700.00"]
