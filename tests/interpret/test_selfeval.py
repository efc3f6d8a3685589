"""Self-evaluation forms -> records: the seed samples (docx, pdf, html) and hand-built tables for the hard rules."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any, Optional

import pytest

from extractors.base import registry
from extractors.interpret.selfeval import reader as selfeval
from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import BBox, Cell, Document, Paragraph, Table
from tests.interpret.builders import one

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


def run(doc: Document, year: Optional[int] = None) -> Interpretation:
    """selfeval alone on a document."""
    out = Interpretation()
    selfeval.interpret(doc, DocMeta(fiscal_year=year), out)
    return out


def sample(stem: str, fmt: str) -> Interpretation:
    """selfeval on one bundled seed sample (skipped when the sample is absent)."""
    path = SAMPLES / fmt / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not bundled")
    return run(registry()[fmt](path.read_bytes(), path.name))



# --- seed 000: 部门整体支出绩效自评表 + four 项目支出绩效自评表 ---------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_000_department_funds_block(fmt: str) -> None:
    out = sample("000_b6cc7c43e2eeb60f", fmt)
    dept = [b for b in out.budgets if b["scope"] == "department"]
    assert one(dept, item="funds_total", measure="budget_initial")["amount_yuan"] == Decimal("6714500.00")
    assert one(dept, item="funds_total", measure="actual")["amount_yuan"] == Decimal("14508200.00")
    assert one(dept, item="income_general_budget")["item_label"] == "一般公共预算"
    assert one(dept, item="expenditure_basic", measure="actual")["amount_yuan"] == Decimal("3347000.00")
    assert all(b["period_year"] == 2023 for b in out.budgets)
    rate = one(out.indicators, scope="department", level3="预算执行率")
    assert (rate["actual_value"], rate["actual_unit"], rate["weight"], rate["score"]) == (100.0, "%", 10.0, 100.0)
    assert rate["level1"] is None and rate["target_op"] is None


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_000_department_indicators(fmt: str) -> None:
    out = sample("000_b6cc7c43e2eeb60f", fmt)
    dept = [i for i in out.indicators if i["scope"] == "department"]
    assert len(dept) == 18
    info = one(dept, level3="政府网站上传信息数量")
    assert (info["level1"], info["level2"], info["target_op"], info["target_value"], info["target_unit"]) == \
        ("产出指标", "数量指标", ">=", 40000.0, "条")
    assert (info["actual_value"], info["weight"], info["score"]) == (42412.0, 2.0, 2.0)
    split = one(dept, level3="全市所有乡镇“一门集中、一窗集成”改革率")  # cut by a page break in the PDF
    assert (split["level1"], split["level2"], split["target_value"], split["weight"]) == \
        ("效益指标", "社会效益指标", 100.0, 10.0)
    assert one(dept, level3="社会公众满意度")["level1"] == "满意度指标"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_000_project_forms(fmt: str) -> None:
    out = sample("000_b6cc7c43e2eeb60f", fmt)
    hall = [b for b in out.budgets if b["project_name"] == "政务中心大厅运行经费"]
    assert {b["scope"] for b in hall} == {"project"}
    assert one(hall, item="funds_total", measure="budget_full_year")["amount_yuan"] == Decimal("10041200.00")
    assert one(hall, item="income_carryover", measure="actual")["amount_yuan"] == Decimal("0.00")
    staff = [b for b in out.budgets if b["project_name"] == "政府雇员经费"]
    assert not [b for b in staff if b["item"] in ("income_carryover", "income_other")]  # blank cells: no rows
    wages = one(out.indicators, project_name="政府雇员经费", level3="每月20日之前政府雇员工资发放到位")
    assert (wages["level1"], wages["level2"]) == ("产出指标", "时效指标")
    egov = one(out.indicators, project_name="电子政务及相关经费", level3="提升全市各级政务部门内部行政效能")
    assert egov["level1"] == "效益指标"  # the PDF prints this merged label on the next page
    words = one(out.indicators, level3="网站年度发布稿件不少于300万中文字")
    assert (words["target_value"], words["target_unit"], words["actual_value"]) == (3000000.0, "字", 3250000.0)
    assert one(out.indicators, project_name="政务中心大厅运行经费", level3="政府网站上传信息数量")["actual_unit"] == "条"


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_000_evaluations_from_forms_and_their_reports(fmt: str) -> None:
    out = sample("000_b6cc7c43e2eeb60f", fmt)
    got = {(e["scope"], e["project_name"]): (e["total_score"], e["grade"]) for e in out.evaluations}
    assert got == {
        ("department", None): (99.55, None),
        ("project", "政务中心大厅运行经费"): (100.0, "优秀"),
        ("project", "电子政务及相关经费"): (100.0, "优秀"),
        ("project", "政府雇员经费"): (100.0, "优秀"),
        ("project", "12345热线平台运维、政府门户网站维护、培训、管理专项经费"): (100.0, "优秀"),
    }


# --- seed 001: the older Hunan 部门整体支出绩效自评表 ---------------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_001_multi_indicator_cells_and_trailing_targets(fmt: str) -> None:
    out = sample("001_08874745f9f1f8cd", fmt)
    assert len(out.indicators) == 16 and {i["scope"] for i in out.indicators} == {"department"}
    done = one(out.indicators, level3="服务事项按时办结率")
    assert (done["level1"], done["level2"], done["target_op"], done["target_value"], done["actual_value"]) == \
        ("产出目标", "质量指标", "=", 100.0, 100.0)
    audit = one(out.indicators, level3="政务公开全年督查")
    assert (audit["target_value"], audit["target_unit"], audit["actual_value"]) == (4.0, "次", None)
    update = one(out.indicators, level3="政务公开更新")
    assert (update["target_op"], update["actual_value"], update["actual_unit"]) == (None, 23709.0, "条")
    sun = one(out.indicators, level3="阳光施政,有效预防腐败")
    power = one(out.indicators, level3="监督行政权力,更好服务人民群众")
    assert sun["level1"] == power["level1"] == "效益目标" and sun["level2"] == "社会效益"
    assert sun["actual_raw"] == power["actual_raw"] and sun["weight"] is None
    assert one(out.evaluations, scope="department")["total_score"] == 97.0
    assert one(out.evaluations, scope="department")["grade"] == "优秀"
    assert not out.budgets  # the 收支情况 part of the form belongs to budget_tables


# --- seed 002: 决算 with the 部门整体 form and a 项目 form ----------------------------------------------------


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_002_project_form(fmt: str) -> None:
    out = sample("002_99c7b2a72a410d2a", fmt)
    name = "政务大厅运行、人员补助、平台建设经费"
    money = [b for b in out.budgets if b["project_name"] == name]
    assert one(money, item="funds_total", measure="budget_initial")["item_label"] == "计划安排资金"
    assert one(money, item="balance_current")["amount_yuan"] == Decimal("0.00")
    county = [b for b in money if b["item_label"] == "县(市)财政"]
    assert sorted(b["measure"] for b in county) == ["actual", "budget_full_year", "budget_initial"]
    assert one(money, item_label="政务大厅维修费")["amount_yuan"] == Decimal("252100.00")
    assert one(money, item="expenditure_total")["amount_yuan"] == Decimal("2210000.00")
    hotline = one(out.indicators, project_name=name, level3="12345热线工单办结率")
    assert (hotline["level1"], hotline["level2"]) == ("项目产出指标", "质量指标")
    fees = one(out.indicators, project_name=name, level3="政务大厅收取税费")
    assert (fees["target_op"], fees["actual_value"], fees["actual_unit"]) == (None, 42700000.0, "元")
    assert one(out.evaluations, scope="project")["total_score"] == 98.0


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_002_department_form(fmt: str) -> None:
    out = sample("002_99c7b2a72a410d2a", fmt)
    dept = [i for i in out.indicators if i["scope"] == "department"]
    assert len(dept) == 13  # blank 时效/成本/效益 rows give nothing
    sat = one(dept, level3="办事群众满意率")
    assert (sat["level1"], sat["level2"], sat["target_op"], sat["actual_value"]) == \
        ("效益目标", "社会公众或服务对象满意度", ">=", 95.0)
    assert (one(out.evaluations, scope="department")["total_score"], one(out.evaluations, scope="department")["grade"]) \
        == (98.0, "优秀")
    assert not [b for b in out.budgets if b["scope"] == "department"]


# --- hand-built tables for the hard rules ----------------------------------------------------------------------


def table(rows: list[list[Any]], index: int = 0, page: Optional[int] = None,
          xs: Optional[list[float]] = None) -> Table:
    """A table from rows of cell specs: text, or (text, row_span, col_span); None marks a covered position."""
    cells: list[Cell] = []
    n_cols = max(len(r) for r in rows)
    for r, line in enumerate(rows):
        for c, spec in enumerate(line):
            if spec is None:
                continue
            text, rs, cs = (spec, 1, 1) if isinstance(spec, str) else spec
            bbox: Optional[BBox] = (xs[c], 10.0 * r, xs[c + cs], 10.0 * (r + rs)) if xs else None
            cells.append(Cell(r, c, text, rs, cs, page=page, bbox=bbox))
    return Table(index, len(rows), n_cols, cells, page=page)


HEADER = ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"]


def doc_of(*blocks: Any) -> Document:
    return Document("docx", list(blocks))


def test_fill_down_and_score_suffix() -> None:
    t = table([HEADER,
               [("产出指标（30分）", 3, 1), ("数量指标", 2, 1), "办结率", "100%", "100%", "5", "5"],
               [None, None, "公开率", "≥95%", "96%", "5", "4"],
               [None, "质量指标", "差错率", "0", "0", "10", "10"]])
    out = run(doc_of(Paragraph("2023年度项目支出绩效自评表"), t))
    assert [(i["level1"], i["level2"]) for i in out.indicators] == \
        [("产出指标", "数量指标"), ("产出指标", "数量指标"), ("产出指标", "质量指标")]
    assert one(out.indicators, level3="公开率")["score"] == 4.0


def test_merged_weight_goes_to_first_row_only() -> None:
    t = table([HEADER,
               ["效益指标", ("社会效益指标", 2, 1), "甲", "100%", "100%", ("10", 2, 1), ("9", 2, 1)],
               ["效益指标", None, "乙", "100%", "90%", None, None]])
    out = run(doc_of(Paragraph("2023年度部门整体支出绩效自评表"), t))
    first, second = out.indicators
    assert (first["weight"], first["score"]) == (10.0, 9.0)
    assert (second["weight"], second["score"]) == (None, None)
    assert second["actual_value"] == 90.0


def test_multi_indicator_cell_with_targets_in_names() -> None:
    t = table([[("评价内容", 1, 2), None, "绩效目标", "完成情况"],
               ["产出目标（部门工作实绩）", "数量指标", "指标1：督查全年四次\n指标2：办结率100%", "完成"]])
    out = run(doc_of(t), year=2020)
    assert {(i["level1"], i["level2"]) for i in out.indicators} == {("产出目标", "数量指标")}
    assert [(i["level3"], i["target_value"], i["target_unit"]) for i in out.indicators] == \
        [("督查全年", 4.0, "次"), ("办结率", 100.0, "%")]
    assert {i["actual_raw"] for i in out.indicators} == {"完成"}


def test_page_split_row_is_joined_and_label_taken_from_next_page() -> None:
    xs = [0.0, 50.0, 100.0, 200.0, 250.0, 300.0, 330.0, 360.0]
    top = table([HEADER,
                 ["产出指标", "数量指标", "办结率", "100%", "100%", "5", "5"],
                 [("", 2, 1), "经济效益指标", "效能提升", "≥50%", "50%", "5", "5"],
                 [None, "", "全市所有乡镇“", "", "", "", ""]], index=0, page=4, xs=xs)
    bottom = table([[("效益指标", 2, 1), "社会效益指标", "一门集中”改革率", "100%", "100%", "10", "10"],
                    [None, "生态效益指标", "环境", "有所改善", "有所改善", "5", "5"]], index=1, page=5, xs=xs)
    out = run(doc_of(Paragraph("2023年度部门整体支出绩效自评表"), top, bottom))
    assert [i["level3"] for i in out.indicators] == ["办结率", "效能提升", "全市所有乡镇“一门集中”改革率", "环境"]
    assert one(out.indicators, level3="效能提升")["level1"] == "效益指标"
    joined = one(out.indicators, level3="全市所有乡镇“一门集中”改革率")
    assert (joined["level2"], joined["weight"], joined["target_value"]) == ("社会效益指标", 10.0, 100.0)


def test_rubric_tables_are_left_alone() -> None:
    t = table([["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分"],
               ["投入", "预算配置", "控制率", "≦100%计5分", "5", "5"],
               [("总分", 1, 4), None, None, None, "100", "97"]])
    assert run(doc_of(Paragraph("部门整体支出绩效评价评分表"), t), year=2020).indicators == []
    assert run(doc_of(t), year=2020).evaluations == []


def test_funds_block_without_unit_keeps_rate_but_not_money() -> None:
    t = table([["", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
               ["年度资金总额", "10", "12", "12", "10", "100%", "10"]])
    out = run(doc_of(Paragraph("2023年度项目支出绩效自评表"), t))
    assert out.budgets == []
    assert [i.code for i in out.issues] == ["unit_unparsed"]
    assert one(out.indicators, level3="预算执行率")["weight"] == 10.0


def test_funds_block_in_wan_yuan() -> None:
    t = table([[("项目资金(万元)", 3, 1), "", "年初预算数", "全年预算数", "全年执行数", "分值", "执行率", "得分"],
               [None, "年度资金总额", "0.35", "1.2", "1.2", "10", "100%", "10"],
               [None, "其中：当年财政拨款", "0.35", "", "1.2", "", "", ""]])
    out = run(doc_of(Paragraph("2023年度项目支出绩效自评表"), t))
    assert one(out.budgets, item="funds_total", measure="budget_initial")["amount_yuan"] == Decimal("3500.00")
    assert one(out.budgets, item="income_general_budget", measure="actual")["amount_yuan"] == Decimal("12000.00")
    assert not [b for b in out.budgets if b["item"] == "income_general_budget" and b["measure"] == "budget_full_year"]


def test_row_that_only_repeats_merged_cells_gives_nothing() -> None:
    t = table([HEADER,
               ["产出指标", "数量指标", ("办结率", 2, 1), ("100%", 2, 1), ("100%", 2, 1), ("5", 2, 1), ("5", 2, 1)],
               ["产出指标", "数量指标", None, None, None, None, None]])
    assert len(run(doc_of(Paragraph("2023年度部门整体支出绩效自评表"), t)).indicators) == 1


def test_total_under_score_column_and_ticked_grade() -> None:
    t = table([HEADER,
               ["产出指标", "数量指标", "办结率", "100%", "100%", "60", "55"],
               [("总分", 1, 5), None, None, None, None, "100", "95"],
               [("评价等次", 1, 5), None, None, None, None, ("优秀□ 良√ 合格□", 1, 2), None]])
    out = run(doc_of(Paragraph("2023年度部门整体支出绩效自评表"), t))
    assert [(e["scope"], e["total_score"], e["grade"]) for e in out.evaluations] == [("department", 95.0, "良")]


# --- header wordings of other provinces' forms (each failed before its fix) ------------------------------------------


@pytest.mark.parametrize("actual_head", ["全年实际值", "实际完成指标值", "全年完成值", "实际完成值（全年）", "实际达成值"])
@pytest.mark.parametrize("weight_head,score_head", [("分值", "得分"), ("分值（分）", "得分（分）")])
def test_actual_and_score_header_wordings_and_a_unit_column(actual_head: str, weight_head: str, score_head: str) -> None:
    from extractors.interpret import interpret
    from tests.interpret.test_budget_tables import table
    rows = [["项目名称", "培训经费", "", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "计量单位", "计划完成值", actual_head, weight_head, score_head],
            ["产出指标", "数量指标", "培训人次", "人次", "≥100", "120", "20", "18"],
            ["产出指标", "质量指标", "合格率", "%", "≥95", "96", "20", "20"]]
    doc = Document("docx", blocks=[Paragraph("XX县XX局2023年度项目支出绩效自评表", level=1), table(rows)])
    got = [(r["target_op"], r["target_value"], r["target_unit"], r["actual_value"], r["actual_unit"], r["weight"],
            r["score"]) for r in interpret(doc).indicators if r["level3"] in ("培训人次", "合格率")]
    assert got == [(">=", 100, "人次", 120, "人次", 20, 18), (">=", 95, "%", 96, "%", 20, 20)]


def test_a_grade_printed_inside_the_total_row() -> None:
    from extractors.interpret import interpret
    from tests.interpret.test_budget_tables import table
    rows = [["项目名称", "乡村道路维护", "", "", "", "", ""],
            ["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
            ["产出指标", "数量指标", "维护道路里程", "≥50公里", "52公里", "50", "48.5"],
            ["满意度指标", "服务对象满意度指标", "群众满意度", "≥90%", "95%", "40", "40"],
            ["自评得分", "88.5", "", "", "", "", "自评等级：良"]]
    doc = Document("docx", blocks=[Paragraph("XX县XX局2023年度项目支出绩效自评表", level=1), table(rows)])
    assert [(e["total_score"], e["grade"]) for e in interpret(doc).evaluations] == [(88.5, "良")]


def test_a_form_with_only_its_score_line_gives_its_evaluation() -> None:
    from extractors.interpret import interpret
    from tests.interpret.test_budget_tables import table
    rows = [["项目名称", "培训经费", "", "", "", ""], ["自评得分", "95.5", "", "自评等级", "优", ""]]
    doc = Document("docx", blocks=[Paragraph("XX县XX局2023年度项目支出绩效自评表", level=1), table(rows)])
    assert [(e["project_name"], e["total_score"], e["grade"]) for e in interpret(doc).evaluations] == [
        ("培训经费", 95.5, "优")]
