"""Scoring tables -> rubric indicators and their 总分: seeds 001/003 in docx and pdf, plus hand-built tables."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest

from extractors.base import registry
from extractors.interpret.rubric import reader as rubric
from extractors.interpret.classify.meta import classify
from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.rubric.columns import rubric_columns
from extractors.model import Cell, Document, Paragraph, Table
from tests.interpret.builders import one

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
S001, S003 = "001_08874745f9f1f8cd", "003_990a092f0fb6bf8b"
HEADER = ["一级指标", "二级指标", "三级指标", "评分标准", "分值", "自评得分", "扣分原因"]


@lru_cache(maxsize=None)
def sample(stem: str, fmt: str) -> Interpretation:
    """rubric alone on a bundled seed (classified first); skipped when the sample is absent."""
    path = SAMPLES / fmt / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not bundled")
    doc = registry()[fmt](path.read_bytes(), path.name)
    out = Interpretation(meta=classify(doc))
    rubric.interpret(doc, out.meta, out)
    return out


def run(*tables: Table, meta: Optional[DocMeta] = None, blocks: tuple[Paragraph, ...] = ()) -> Interpretation:
    """rubric alone on hand-built tables."""
    out = Interpretation()
    rubric.interpret(Document("docx", blocks=[*blocks, *tables]), meta or DocMeta(), out)
    return out



def grid_table(rows: list[list[str]], merges: tuple[tuple[int, int, int], ...] = (), index: int = 0,
               caption: tuple[str, ...] = ("部门整体支出绩效评价评分表",)) -> Table:
    """A table from texts; merges are (row, col, row_span) vertical merges whose covered cells are left out."""
    covered = {(r + k, c) for r, c, span in merges for k in range(1, span)}
    spans = {(r, c): span for r, c, span in merges}
    cells = [Cell(r, c, text, row_span=spans.get((r, c), 1)) for r, row in enumerate(rows)
             for c, text in enumerate(row) if (r, c) not in covered]
    return Table(index, len(rows), len(rows[0]), cells, caption=list(caption))


# --- seed 001: 部门整体支出绩效评价评分表 (two tables in docx, one joined table in pdf) -------------------------

@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_001_rubric_rows(fmt: str) -> None:
    out = sample(S001, fmt)
    rows = out.indicators
    assert len(rows) == 25 and {r["scope"] for r in rows} == {"rubric"}
    assert {r["project_name"] for r in rows} == {None}
    first = one(rows, level3="财政供养人员控制率")
    assert (first["level1"], first["level2"], first["weight"], first["score"], first["target_op"]) == (
        "投入", "预算配置", 5.0, 5.0, "text")
    assert first["target_raw"].startswith("以100%为标准")
    assert one(rows, level3="“三公经费”变动率")["weight"] == 5.0  # pdf wraps the label over two rows
    assert one(rows, level3="政府采购执行率")["note"] == "政府采购暂未全面覆盖"
    assert one(rows, level3="政府采购执行率")["score"] == 2.0
    # a 分值 cell merged over three indicators belongs to the first one only
    assert one(rows, level3="经济效益")["weight"] == 15.0
    assert (one(rows, level3="社会效益")["weight"], one(rows, level3="社会效益")["score"]) == (None, 5.0)
    assert one(rows, level3="生态效益")["weight"] is None
    # 过程 / 资产管理 continue on the second table (docx) or after the page break (pdf)
    assert (one(rows, level3="资产管理安全性")["level1"], one(rows, level3="资产管理安全性")["level2"]) == ("过程", "资产管理")
    assert len([r for r in rows if r["level3"] == "管理制度健全性"]) == 2


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_001_total_becomes_the_department_evaluation(fmt: str) -> None:
    (ev,) = sample(S001, fmt).evaluations
    assert (ev["scope"], ev["project_name"], ev["total_score"], ev["grade"]) == ("department", None, 97.0, "优秀")


# --- seed 003: 市级财政专项（项目）资金绩效评价表 --------------------------------------------------------------

@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_003_project_rubric(fmt: str) -> None:
    rows = sample(S003, fmt).indicators
    assert len(rows) == 20
    assert {(r["scope"], r["project_name"]) for r in rows} == {("rubric", "政务服务和电子政务专项")}
    first = one(rows, level3="项目立项规范性")
    assert (first["level1"], first["level2"], first["weight"], first["score"]) == ("投入", "项目立项", 4.0, 4.0)
    criteria = first["target_raw"].replace(" ", "")  # as printed: pdf wraps add spaces, docx line breaks too
    assert criteria.startswith("评价要点：") and "③事前是否已经过必要的可行性研究" in criteria
    assert one(rows, level3="到位及时率")["score"] == 4.0  # printed on the unit's second row
    assert (one(rows, level3="实际完成率")["weight"], one(rows, level3="实际完成率")["score"]) == (7.0, None)
    assert one(rows, level3="财务监控有效性")["score"] == 6.0
    assert one(rows, level3="可持续影响")["level1"] == "效果"
    assert sample(S003, fmt).evaluations == []  # no 总分 row; the 92 comes from prose


# --- hand-built tables -------------------------------------------------------------------------------------

def test_header_must_be_a_scoring_header() -> None:
    selfeval = grid_table([["一级指标", "二级指标", "三级指标", "年度指标值", "实际完成值", "分值", "得分"],
                           ["产出指标", "数量指标", "办件量", "≥100件", "120件", "10", "10"]])
    money = grid_table([["项目", "年初预算数", "决算数"], ["基本支出", "1", "2"]])
    assert rubric_columns(selfeval) is None and rubric_columns(money) is None
    assert run(selfeval, money).indicators == []


def test_merged_weight_first_row_only_and_fill_down() -> None:
    table = grid_table([HEADER,
                        ["效果(20分)", "履职效益(20分)", "经济效益", "共性要素", "15", "5", ""],
                        ["", "", "社会效益", "", "", "4", "宣传不足"],
                        ["", "", "满意度", "95%以上计5分", "5", "5", ""],
                        ["总 分", "", "", "", "100", "14", ""]],
                       merges=((1, 0, 3), (1, 1, 3), (1, 3, 2), (1, 4, 2)))
    out = run(table)
    econ, social, sat = out.indicators
    assert (econ["weight"], social["weight"], sat["weight"]) == (15.0, None, 5.0)
    assert (social["level1"], social["level2"], social["target_raw"], social["note"]) == ("效果", "履职效益", "共性要素", "宣传不足")
    assert (out.evaluations[0]["total_score"], out.evaluations[0]["scope"]) == (14.0, "department")


def test_blank_level_cells_are_filled_down_like_merged_ones() -> None:
    table = grid_table([HEADER,
                        ["投入(15分)", "预算配置(15分)", "控制率", "标准A", "5", "5", ""],
                        ["", "", "变动率", "标准B", "5", "4", ""]])
    second = run(table).indicators[1]
    assert (second["level1"], second["level2"], second["weight"], second["score"]) == ("投入", "预算配置", 5.0, 4.0)


def test_unit_spanning_rows_collects_criteria_and_a_late_score() -> None:
    header = ["一级", "二级", "三级指标", "指标解释", "指标说明", "得分"]
    table = grid_table([header, ["指标", "指标", "", "", "", ""],
                        ["投入(20分)", "资金落实(8分)", "到位及时率(4分)", "比率", "公式", ""],
                        ["", "", "", "", "及时到位资金:…", "4"],
                        ["", "", "", "", "应到位资金:…", ""],
                        ["", "", "资金到位率(4分)", "比率", "公式2", "3"]],
                       merges=((0, 2, 2), (2, 0, 4), (2, 1, 4), (2, 2, 3), (2, 3, 3)),
                       caption=("市级财政专项（项目）资金绩效评价表",))
    out = run(table, meta=DocMeta(doc_type="project_performance_self_eval", region="永州市"),
              blocks=(Paragraph("永州市政务服务和电子政务专项（项目）"),))
    first, second = out.indicators
    assert (first["level3"], first["weight"], first["score"], first["target_raw"]) == (
        "到位及时率", 4.0, 4.0, "公式 及时到位资金:… 应到位资金:…")
    assert (second["level3"], second["score"], second["project_name"]) == ("资金到位率", 3.0, "政务服务和电子政务专项")


def test_wrapped_label_row_joins_the_previous_indicator() -> None:
    table = grid_table([HEADER,
                        ["投入(15分)", "预算配置(15分)", "“三公经费”", "≦0,计5分；", "5", "5", ""],
                        ["", "", "变动率", ">0,扣0.5分", "", "", ""]])
    (row,) = run(table).indicators
    assert (row["level3"], row["weight"], row["target_raw"]) == ("“三公经费”变动率", 5.0, "≦0,计5分； >0,扣0.5分")


def test_project_rubric_without_a_known_project_is_reported() -> None:
    table = grid_table([HEADER, ["产出(30分)", "项目产出", "完成率", "标准", "7", "6", ""]],
                       caption=("项目支出绩效评价表",))
    out = run(table)
    assert out.indicators[0]["project_name"] is None
    assert [i.code for i in out.issues] == ["project_name_unknown"]
