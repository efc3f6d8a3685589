"""绩效目标表 -> indicators (+ project money rows): hand-built tables for the layouts and the hard rules."""
from __future__ import annotations

from decimal import Decimal
from typing import Any, Optional

from extractors.interpret.targets import reader as targets_table
from extractors.interpret.tables.kinds import SELFEVAL, TableKinds
from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Cell, Document, Table


def table(rows: list[list[str]], caption: Optional[list[str]] = None, index: int = 0,
          merges: Optional[dict[tuple[int, int], tuple[int, int]]] = None) -> Table:
    """A Table from a text grid; merges maps an origin (r, c) to its (row_span, col_span)."""
    merges = merges or {}
    covered = {(r + i, c + j) for (r, c), (rs, cs) in merges.items() for i in range(rs) for j in range(cs)} - set(merges)
    cells = [Cell(r, c, text, *merges.get((r, c), (1, 1)), page=1 + r // 20)
             for r, row in enumerate(rows) for c, text in enumerate(row) if (r, c) not in covered]
    return Table(index=index, n_rows=len(rows), n_cols=max(len(r) for r in rows), cells=cells, page=1,
                 caption=caption or [])


def run(*tables: Table, doc_type: str = "budget", year: int = 2023) -> Interpretation:
    """targets_table alone on a document of the given tables."""
    out = Interpretation()
    targets_table.interpret(Document("pdf", list(tables)), DocMeta(doc_type=doc_type, fiscal_year=year), out)
    return out


def pick(rows: list[dict[str, Any]], level3: str) -> dict[str, Any]:
    """The one row with that level3."""
    found = [r for r in rows if r["level3"] == level3]
    assert len(found) == 1, (level3, found)
    return found[0]


FORM = [
    ["财政项目支出绩效目标填报表"] * 8,
    ["（2023年度）"] * 8,
    ["项目名称", "项目名称", "社区环境整治", "社区环境整治", "项目性质", "经常性项目", "项目类别", "特定目标类"],
    ["项目资金（元）", "项目资金（元）", "项目资金总额", "项目资金总额", "500,000.00", "年度资金申请总额", "年度资金申请总额",
     "450,000.00"],
    ["项目资金（元）", "项目资金（元）", "其中：财政资金", "其中：财政资金", "450,000.00", "其中：当年财政拨款",
     "其中：当年财政拨款", "400,000.00"],
    ["项目资金（元）", "项目资金（元）", "其他资金", "其他资金", "0.00", "上年结转资金", "上年结转资金", "0.00"],
    ["", "一级指标", "二级指标", "三级指标", "三级指标", "三级指标", "年度指标值", "年度指标值"],
    ["绩效指标", "产出指标", "数量指标", "整治行动", "整治行动", "整治行动", "≥12.00(次)", "≥12.00(次)"],
    ["绩效指标", "产出指标", "质量指标", "项目质量可控性", "项目质量可控性", "项目质量可控性", "可控性100%", "可控性100%"],
    ["绩效指标", "满意度指标(10分)", "服务对象满意度指标", "居民满意度", "居民满意度", "居民满意度", "不低于90%",
     "不低于90%"],
]


def test_form_per_project_gives_indicators_and_money() -> None:
    out = run(table(FORM, merges={(7, 1): (2, 1)}))
    ind = out.indicators
    assert [r["level3"] for r in ind] == ["整治行动", "项目质量可控性", "居民满意度"]
    assert {r["project_name"] for r in ind} == {"社区环境整治"} and {r["scope"] for r in ind} == {"project"}
    first = pick(ind, "整治行动")
    assert (first["level1"], first["level2"], first["target_raw"]) == ("产出指标", "数量指标", "≥12.00(次)")
    assert (first["target_op"], first["target_value"], first["target_unit"]) == (">=", 12.0, "次")
    assert pick(ind, "项目质量可控性")["level1"] == "产出指标"  # merged 一级 cell filled down
    satisfied = pick(ind, "居民满意度")
    assert satisfied["level1"] == "满意度指标"  # the (10分) suffix is no part of the name
    assert (satisfied["target_op"], satisfied["target_value"], satisfied["target_unit"]) == (">=", 90.0, "%")
    assert all(r["actual_value"] is None and r["score"] is None for r in ind)
    money = {r["item"]: r["amount_yuan"] for r in out.budgets}
    assert money == {"funds_total": Decimal("450000.00"), "income_general_budget": Decimal("400000.00"),
                     "income_carryover": Decimal("0.00"), "income_other": Decimal("0.00")}
    assert {(r["scope"], r["project_name"], r["measure"], r["period_year"]) for r in out.budgets} == {
        ("project", "社区环境整治", "budget_initial", 2023)}
    # 400,000 + 0 + 0 is not the 450,000 年度 total: the form contradicts itself
    assert [i.code for i in out.issues] == ["project_funds_sum_mismatch"]


def test_dense_table_with_project_column_and_split_target_columns() -> None:
    rows = [["项目名称", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位"],
            ["政务大厅运行", "产出指标", "数量指标", "窗口数量", "≥", "35", "个"],
            ["", "", "时效指标", "按时办结率", "=", "100", "%"],
            ["", "效益指标", "社会效益指标", "群众满意度", "定性", "明显提高", ""],
            ["网站维护", "产出指标", "质量指标", "网站正常运行率", "≥", "99", "%"],
            ["网站维护", "产出指标", "数量指标", "开展培训4次", "", "", ""]]
    ind = run(table(rows, caption=["2024年项目支出绩效目标表"])).indicators
    assert [(r["project_name"], r["level1"], r["level2"], r["level3"]) for r in ind] == [
        ("政务大厅运行", "产出指标", "数量指标", "窗口数量"),
        ("政务大厅运行", "产出指标", "时效指标", "按时办结率"),  # blank (unmerged) cells inherit too
        ("政务大厅运行", "效益指标", "社会效益指标", "群众满意度"),
        ("网站维护", "产出指标", "质量指标", "网站正常运行率"),
        ("网站维护", "产出指标", "数量指标", "开展培训")]
    window = pick(ind, "窗口数量")
    assert (window["target_raw"], window["target_op"], window["target_value"], window["target_unit"]) == (
        "≥35个", ">=", 35.0, "个")
    assert pick(ind, "群众满意度")["target_op"] == "text"
    training = pick(ind, "开展培训")  # a target printed at the end of the name is split off
    assert (training["target_op"], training["target_value"], training["target_unit"]) == ("=", 4.0, "次")


def test_repeated_header_after_a_page_break_keeps_the_project() -> None:
    rows = [["项目名称", "项目名称", "培训经费", "培训经费"],
            ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "培训人次", "≥200人次"],
            ["一级指标", "二级指标", "三级指标", "指标值"],  # the header printed again on the next page
            ["", "", "培训合格率", "≥95%"]]
    ind = run(table(rows)).indicators
    assert [(r["project_name"], r["level3"]) for r in ind] == [("培训经费", "培训人次"), ("培训经费", "培训合格率")]
    assert pick(ind, "培训合格率")["level1"] is None  # a new header block starts with no 一级 to inherit


def test_department_targets_have_no_project() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "审批事项办理量", "≥60000件"]]
    ind = run(table(rows, caption=["2024年部门整体支出绩效目标表"])).indicators
    assert [(r["scope"], r["project_name"], r["target_value"], r["target_unit"]) for r in ind] == [
        ("department", None, 60000.0, "件")]


def test_tables_with_results_or_scores_are_left_to_selfeval_and_rubric() -> None:
    with_results = [["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                    ["产出指标", "数量指标", "办件量", "≥1000件", "1200件", "10", "10"]]
    scoring = [["一级指标", "二级指标", "三级指标", "指标值", "评分标准"], ["产出指标", "数量指标", "办件量", "≥1000件", "完成得分"]]
    out = run(table(with_results), table(scoring, index=1))
    assert not out.indicators and not out.budgets


def test_a_table_of_another_kind_is_skipped() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "审批事项办理量", "≥60000件"]]
    doc, meta = Document("pdf", [table(rows)]), DocMeta(doc_type="budget", fiscal_year=2024)
    assert len(run(table(rows)).indicators) == 1  # decided: targets
    out = Interpretation(kinds=TableKinds({0: SELFEVAL}))  # decided otherwise: the targets reader leaves it
    targets_table.interpret(doc, meta, out)
    assert not out.indicators


def test_a_block_without_a_project_name_is_kept_and_flagged() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "宣传活动", "≥5次"]]
    out = run(table(rows, caption=["项目支出绩效目标表"]))
    assert [r["project_name"] for r in out.indicators] == [None]
    assert [i.code for i in out.issues] == ["project_name_missing"]


def test_goal_column_beside_the_value_column_and_weights() -> None:
    rows = [["单位名称", "项目名称", "预算金额", "年度目标", "一级指标", "二级指标", "三级指标", "指标性质", "指标值", "度量单位",
             "权重"],
            ["某局", "执法装备购置", "120", "提升执法保障水平", "产出指标", "数量指标", "购置执法记录仪", "≥", "50", "台", "20"],
            ["某局", "执法装备购置", "120", "提升执法保障水平", "满意度指标", "服务对象满意度指标", "群众满意度", "≥", "90", "%", "10"]]
    ind = run(table(rows, caption=["2024年项目支出绩效目标表", "单位：万元"])).indicators
    assert [(r["project_name"], r["level3"], r["target_raw"], r["target_value"], r["target_unit"], r["weight"])
            for r in ind] == [("执法装备购置", "购置执法记录仪", "≥50台", 50.0, "台", 20.0),
                              ("执法装备购置", "群众满意度", "≥90%", 90.0, "%", 10.0)]


def test_a_titled_target_table_needs_no_level_columns() -> None:
    rows = [["项目名称", "指标名称", "指标值"], ["档案数字化", "数字化档案份数", "≥30万份"], ["", "验收合格率", "100%"]]
    assert not run(table(rows)).indicators  # untitled: too little to tell it is a target table
    ind = run(table(rows, caption=["项目绩效目标表"])).indicators
    assert [(r["project_name"], r["level1"], r["level3"], r["target_value"], r["target_unit"]) for r in ind] == [
        ("档案数字化", None, "数字化档案份数", 300000.0, "份"), ("档案数字化", None, "验收合格率", 100.0, "%")]


# --- other provinces' target tables (each failed before its fix) ------------------------------------------------------


def test_direction_and_property_columns_and_prefixed_headers() -> None:
    rows = [["项目名称", "河道治理", "", "", ""], ["一级指标", "二级指标", "三级指标", "指标方向", "指标值", "计量单位"][:5]
            + ["计量单位"], ["产出指标", "数量指标", "监测点位", "正向", "50", "个"],
            ["产出指标", "质量指标", "数据错误率", "反向", "2", "%"]]
    rows[0] = rows[0] + [""]
    out = run(table(rows, caption=["2024年项目支出绩效目标表"]))
    assert (pick(out.indicators, "监测点位")["target_op"], pick(out.indicators, "监测点位")["target_value"]) == (">=", 50)
    assert pick(out.indicators, "数据错误率")["target_op"] == "<="
    shaanxi = [["项目名称", "文物修缮", "", "", "", ""],
               ["一级指标", "二级指标", "三级指标", "绩效指标性质", "绩效指标值", "绩效度量单位"],
               ["产出指标", "数量指标", "修缮文物点", "≥", "3", "处"]]
    row = pick(run(table(shaanxi, caption=["2024年项目支出绩效目标表"])).indicators, "修缮文物点")
    assert (row["target_op"], row["target_value"], row["target_unit"]) == (">=", 3, "处")


def test_the_year_target_wins_over_the_long_term_one_and_namesake_levels_stay() -> None:
    rows = [["项目名称", "智慧教室", "", "", ""], ["一级指标", "二级指标", "三级指标", "中长期指标值", "年度指标值"],
            ["产出指标", "数量指标", "建设智慧教室", "≥300间", "≥100间"],
            ["满意度指标", "服务对象满意度指标", "服务对象满意度指标", "", "≥90%"]]
    out = run(table(rows, caption=["2024年项目支出绩效目标表"]))
    assert pick(out.indicators, "建设智慧教室")["target_raw"] == "≥100间"
    assert pick(out.indicators, "服务对象满意度指标")["target_value"] == 90


def test_fund_lines_of_central_and_guangdong_forms() -> None:
    rows = [["项目名称", "信息化运维", "信息化运维", "信息化运维"],
            ["项目资金(万元)", "年度资金总额：", "120.00", "120.00"], ["项目资金(万元)", "其中：财政拨款", "100.00", "100.00"],
            ["项目资金(万元)", "其他资金", "20.00", "20.00"],
            ["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数", "≥5个"]]
    out = run(table(rows, caption=["2024年项目支出绩效目标表"]))
    items = {r["item"]: r["amount_yuan"] for r in out.budgets}
    assert items.get("funds_total") == Decimal("1200000.00") and items.get("income_general_budget") == Decimal("1000000.00")
    assert not [i for i in out.issues if i.code == "project_funds_sum_mismatch"]


def test_caption_project_stops_at_the_unit_and_a_new_project_resets_its_levels() -> None:
    rows = [["一级指标", "二级指标", "三级指标", "指标值"], ["产出指标", "数量指标", "运维系统数", "≥5个"]]
    out = run(table(rows, caption=["项目支出绩效目标表", "项目名称：城市管理（数字城管）运维 单位：万元"]))
    assert out.indicators[0]["project_name"] == "城市管理(数字城管)运维"
    dense = [["项目名称", "一级指标", "二级指标", "三级指标", "指标值"], ["项目A", "产出指标", "数量指标", "采购设备", "≥5台"],
             ["项目B", "", "", "服务满意度", "≥90%"]]
    row = pick(run(table(dense, caption=["2024年项目支出绩效目标表"])).indicators, "服务满意度")
    assert (row["project_name"], row["level1"], row["level2"]) == ("项目B", None, None)


def test_project_name_printed_inside_one_merged_cell() -> None:
    rows = [["项目名称：老旧小区改造", "", "", "", ""], ["绩效指标", "绩效指标", "绩效指标", "绩效指标", ""],
            ["一级指标", "二级指标", "三级指标", "指标值", "备注"], ["产出指标", "数量指标", "改造小区数量", "≥15个", ""]]
    out = run(table(rows, caption=["2024年项目支出绩效目标表"], merges={(0, 0): (1, 5), (1, 0): (1, 4)}))
    assert pick(out.indicators, "改造小区数量")["project_name"] == "老旧小区改造"


def test_several_indicators_in_one_cell_are_one_row_each() -> None:
    rows = [["项目名称", "政务服务", "", ""], ["一级指标", "二级指标", "三级指标", "指标值"],
            ["产出指标", "数量指标", "指标1：办件量≥5000件；指标2：窗口数量≥20个", ""],
            ["产出指标", "质量指标", "指标1：按时办结率100%\n指标2：差错率≤1%", ""]]
    out = run(table(rows, caption=["2024年项目支出绩效目标表"]))
    assert [(r["level3"], r["target_op"], r["target_value"]) for r in out.indicators] == [
        ("办件量", ">=", 5000), ("窗口数量", ">=", 20), ("按时办结率", "=", 100), ("差错率", "<=", 1)]
