"""Document classification: corpus files checked by reading their first page, and synthetic non-reports -> other."""
from __future__ import annotations

from typing import Any, Callable, Optional

import pytest

from extractors.interpret import interpret
from extractors.model import Cell, Document, Paragraph, Table

J = "jiangsu-provincial-budgets/"
S = "shanghai-putuo/"
# (file, doc_type, org_name, fiscal_year, region), each read off the file's cover / first page.
EXPECTED: list[tuple[str, str, Optional[str], int, Optional[str]]] = [
    (J + "江苏省人大办公厅/江苏省人大办公厅2017年度预算公开.pdf", "budget", "江苏省人大常委会办公厅", 2017, None),
    (J + "江苏省人民检察院/2017年省检察院部门预算.pdf", "budget", "江苏省人民检察院", 2017, None),
    (J + "江苏省委办公厅/江苏省委办公厅2018年度部门预算公开表.pdf", "budget", "中共江苏省委办公厅", 2018, None),
    (J + "江苏省政协办公厅/江苏省政协办公厅2018年度部门预算.pdf", "budget", "江苏省政协办公厅", 2018, None),
    (J + "江苏省高级人民法院/省法院2017年度部门预算公开.pdf", "budget", "江苏省高级人民法院", 2017, None),
    (S + "1769321433314-826553525.pdf", "budget", "上海市普陀区社会福利院", 2024, "普陀区"),
    (S + "1770007475548-818404804.pdf", "budget", "上海市普陀区人民政府万里街道办事处", 2023, "普陀区"),
    (S + "dept_budget.pdf", "budget", "上海市普陀区司法局", 2026, "普陀区"),
    (S + "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf", "final_accounts", "上海市普陀区规划和自然资源局", 2024,
     "普陀区"),
    (S + "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf", "final_accounts", "中共上海市普陀区委社会工作部", 2024,
     "普陀区"),
    (S + "上海市财政局25年预算.pdf", "budget", "上海市财政局", 2025, "上海市"),
    (S + "24年普陀区财政局（测试问题版本）.pdf", "final_accounts", "上海市普陀区财政局", 2024, "普陀区"),
    (S + "附件2：部门决算模板.pdf", "final_accounts", None, 2024, "上海市"),  # `上海市XX局`: no unit to name
]


@pytest.mark.corpus
@pytest.mark.parametrize("relative,doc_type,org,year,region", EXPECTED, ids=[e[0].rsplit("/", 1)[-1][:24]
                                                                            for e in EXPECTED])
def test_corpus_file_classification(corpus_file: Callable[[str], Any], relative: str, doc_type: str,
                                    org: Optional[str], year: int, region: Optional[str]) -> None:
    d = corpus_file(relative).document
    assert (d["doc_type"], d["org_name"], d["fiscal_year"], d["region"]) == (doc_type, org, year, region)


def document(lines: list[str], tables: Optional[list[Table]] = None) -> Document:
    """A one-page document: the first line as its title heading, then body paragraphs and any tables."""
    blocks: list[Any] = [Paragraph(t, 1 if i == 0 else 0, 1) for i, t in enumerate(lines)]
    return Document("pdf", blocks + list(tables or []), page_count=1)


def money_table() -> Table:
    """A small 三公 table, as a notice might attach."""
    rows = [["项目", "2024年预算数"], ["“三公”经费合计", "12"], ["公务接待费", "2"], ["因公出国（境）费", "10"]]
    cells = [Cell(r, c, t, page=1) for r, row in enumerate(rows) for c, t in enumerate(row)]
    return Table(0, len(rows), 2, cells, page=1, caption=["附表：2024年“三公”经费预算表", "单位：万元"])


NOTICE = ["关于做好2024年部门预算公开工作的通知", "各区财政局、各预算部门：",
          "根据《预算法》，现就2024年部门预算、部门决算公开工作通知如下：部门预算应在批复后20日内公开，"
          "部门预算公开表应包括收支预算总表、三公经费预算表。", "上海市财政局", "2024年1月5日"]
SUMMARY = ["普陀区财政局2023年工作总结和2024年工作思路",
           "2023年，完成部门预算和部门决算编制，部门预算公开率100%，部门决算按时公开。",
           "2024年，继续做好部门预算、部门决算公开。"]
BUDGET_REPORT = ["关于普陀区2023年预算执行情况和2024年预算草案的报告",
                 "受区政府委托，现将2023年预算执行情况和2024年预算草案提请审议。区级部门预算、部门决算依法公开。"]
GAZETTE = ["上海市普陀区人民政府公报", "2024年第3期（总第120期）", "区政府关于印发普陀区部门预算管理办法的通知",
           "区级部门预算安排“三公”经费1200万元，比上年下降3%。部门决算草案将报区人大常委会审议。"]


@pytest.mark.parametrize("lines", [NOTICE, SUMMARY, BUDGET_REPORT], ids=["notice", "summary", "budget_report"])
def test_non_reports_are_other_with_no_rows(lines: list[str]) -> None:
    out = interpret(document(lines))
    assert out.meta.doc_type == "other"
    assert not out.budgets and not out.three_public and not out.indicators and not out.evaluations


def test_a_notice_with_an_attached_money_table_gives_no_money_rows() -> None:
    out = interpret(document(NOTICE, [money_table()]))
    assert out.meta.doc_type == "other"
    assert not out.budgets and not out.three_public
    assert [i.code for i in out.issues if i.code == "not_a_report"] == ["not_a_report"]


def test_a_gazette_is_other() -> None:
    assert interpret(document(GAZETTE)).meta.doc_type == "other"


def test_a_gazette_gives_no_rows() -> None:
    out = interpret(document(GAZETTE))
    assert not out.budgets and not out.three_public


def test_a_reviewers_check_sheet_is_other_with_no_money_rows() -> None:
    lines = ["2026年单位预算", "2026年度普陀区单位预算公开情况检查表", "单位名称: 上海市普陀区司法局",
             "基本支出14,348,853.34元，公务用车运行维护费9.98万元。"]
    out = interpret(document(lines))
    assert out.meta.doc_type == "other"
    assert not out.budgets and not out.three_public
