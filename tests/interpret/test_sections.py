"""Sections: numbered headings of the seed reports (expected lists written from the seed texts), and hand-built rules."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from extractors.base import registry
from extractors.interpret.narrative import reader as narrative
from extractors.interpret.narrative.numbering import numbering_of
from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.narrative.sections import outline
from extractors.model import Cell, Document, Paragraph, Table
from normalizers.text import clean_text

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
S000 = "000_b6cc7c43e2eeb60f"
S004 = "004_9afd7b26ca454508"


@lru_cache(maxsize=None)
def sample_doc(stem: str, fmt: str) -> Document:
    """A bundled seed sample read by its extractor (skipped when absent)."""
    path = SAMPLES / fmt / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not bundled")
    return registry()[fmt](path.read_bytes(), path.name)


@lru_cache(maxsize=None)
def sample_sections(stem: str, fmt: str) -> tuple[dict[str, Any], ...]:
    """The sections rows the narrative interpreter writes for a seed sample."""
    out = Interpretation()
    narrative.interpret(sample_doc(stem, fmt), DocMeta(), out)
    return tuple(out.sections)


def numbered(rows: tuple[dict[str, Any], ...]) -> list[tuple[int, str]]:
    """(level, section_path) of every section whose heading carries a number, in order."""
    return [(r["level"], r["section_path"]) for r in rows if r["heading"] and numbering_of(r["heading"])]


def paths(parent: str, children: list[str]) -> list[tuple[int, str]]:
    """Level-2 entries under a level-1 heading."""
    return [(2, f"{parent} > {c}") for c in children]


# Seed 004 (/work/shared/seeds/004_…txt), read by hand: 一 … 五 with their （一）… sub-headings. The （一）…（八）
# 主要职能 items under 一、 are sentences of a list (they end with 。), not headings.
P2 = "二、部门(单位)整体支出绩效状况"
P4 = "四、提高财政资金绩效的措施与建议"
EXPECTED_004 = (
    [(1, "一、部门(单位)基本概况"), (1, P2)]
    + paths(P2, ["(一)全面优化营商环境,纵深推进“放管服”改革", "(二)开展“一呼即应”改革,快速响应群众诉求",
                 "(三)加强网络安全管理,强化政务新媒体工作", "(四)着力打造清廉大厅,狠抓政务文明建设"])
    + [(1, "三、存在的问题及原因"), (1, P4)]
    + paths(P4, ["(一)精准编报部门年度预算", "(二)严格执行政府采购规定", "(三)加强会计基础工作", "(四)加强固定资产管理"])
    + [(1, "五、附件(佐证依据)")]
)


def project_report(funds: str, analysis: str, analysis_children: list[str], overview: str = "(1)项目支出概况",
                   funds_use: str = "(二)项目资金使用及管理情况") -> list[tuple[int, str]]:
    """One of seed 000's four 项目支出绩效评价报告 (they differ only in how their numbers are misprinted)."""
    p1 = "一、项目支出基本情况"
    return (
        [(1, p1)] + paths(p1, [overview, funds_use, "(三)项目支出绩效目标完成程度"])
        + [(1, "二、绩效评价工作情况"), (1, "三、项目支出主要绩效及评价结论"), (1, analysis)]
        + paths(analysis, analysis_children)
        + [(1, "五、主要经验及做法、存在的问题及原因分析"), (1, "六、有关建议"), (1, "七、其他需要说明的问题")]
    )


# Seed 000 (/work/shared/seeds/000_…txt lines 2009-2169), read by hand. Misprinted numbers keep the level of the
# sequence they continue: `（3） 财政资金使用评价情况` after （二） is the third sibling, `4、 绩效评价指标分析` after
# `三 、` is 四 (the recreated docx's heading styles say the same). The 附件 list under 十、 is a list, not headings.
P6 = "六、部门整体支出绩效情况"
E6 = ["(一)经济性评价", "(二)效率性评价", "(三)有效性评价"]
EXPECTED_000 = (
    [(1, "一、部门基本情况"), (1, "二、一般公共预算财政拨款支出情况")]
    + paths("二、一般公共预算财政拨款支出情况", ["(一)基本支出情况", "(二)项目支出情况"])
    + [(1, "三、政府性基金预算财政拨款支出情况"), (1, "四、国有资本经营预算财政拨款支出情况"),
       (1, "五、社会保险基金预算支出情况"), (1, P6)]
    + paths(P6, ["(一)专项组织实施情况", "(二)主要绩效情况分析"])
    + [(3, f"{P6} > (二)主要绩效情况分析 > {c}") for c in ("1、经济性评价", "2、效率性评价", "3、有效性评价")]
    + [(2, f"{P6} > (3)财政资金使用评价情况")]
    + [(1, "七、存在的问题及原因分析"), (1, "八、下一步改进措施"), (1, "九、部门整体支出绩效自评结果拟应用和公开情况"),
       (1, "十、其他需要说明的情况")]
    + project_report("政务服务大厅运行", "四、绩效评价指标分析", E6)
    + project_report("电子政务", "4、绩效评价指标分析", ["(1)经济性评价", "(2)效率性评价", "(3)有效性评价"])
    + project_report("政府雇员", "四、绩效评价指标分析", E6, funds_use="(2)项目资金使用及管理情况")
    + project_report("12345", "3、绩效评价指标分析", E6, overview="(一)项目支出概况")
)


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_004_numbered_headings_levels_and_paths(fmt: str) -> None:
    assert numbered(sample_sections(S004, fmt)) == EXPECTED_004


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_000_numbered_headings_levels_and_paths(fmt: str) -> None:
    assert numbered(sample_sections(S000, fmt)) == EXPECTED_000


@pytest.mark.parametrize("stem", [S000, S004])
def test_levels_agree_with_the_docx_heading_styles(stem: str) -> None:
    doc = sample_doc(stem, "docx")
    styled = {clean_text(p.text): p.level for p in doc.paragraphs() if p.level > 0}
    rows = [r for r in sample_sections(stem, "docx") if r["heading"] in styled]
    assert len(rows) >= 13
    assert all(r["level"] == styled[r["heading"]] for r in rows)


def test_004_titles_sub_headings_and_list_items() -> None:
    rows = sample_sections(S004, "docx")
    assert rows[0]["heading"] == "市级部门(单位)整体支出绩效自评报告" and rows[0]["level"] == 0
    plain = [(r["level"], r["section_path"]) for r in rows if r["heading"] and not numbering_of(r["heading"])][1:]
    assert plain == [(2, "三、存在的问题及原因 > 制度流于形式"), (2, "三、存在的问题及原因 > 绩效管理制度存在缺陷"),
                     (2, "三、存在的问题及原因 > 绩效评价结果的重要性被忽视")]
    first = rows[1]
    assert first["heading"] == "一、部门(单位)基本概况"
    assert first["text"].startswith("邵东市行政审批服务局机关行政编制10名")
    assert "(八)职能转变。" in first["text"] and first["text"].count("\n") == 8
    assert [r["order"] for r in rows] == list(range(len(rows)))


def test_keywords_keep_domain_terms_whole() -> None:
    rows = {r["heading"]: r for r in sample_sections(S004, "docx")}
    assert {"跨省通办", "一件事一次办"} <= set(rows["(一)全面优化营商环境,纵深推进“放管服”改革"]["keywords"])
    assert "12345政务服务便民热线" in rows["(二)开展“一呼即应”改革,快速响应群众诉求"]["keywords"]
    assert "好差评" in rows["(四)着力打造清廉大厅,狠抓政务文明建设"]["keywords"]
    assert all("的" not in k and not k.isdigit() for r in rows.values() for k in r["keywords"])


def test_000_project_reports_are_titles_that_reset_the_hierarchy() -> None:
    rows = sample_sections(S000, "pdf")
    titles = [r["heading"] for r in rows if r["level"] == 0 and r["heading"]]
    assert "2023年度汨罗市行政审批服务局部门整体支出绩效自评报告" in titles
    assert titles.count("项目支出绩效评价报告") == 4
    assert all(r["page"] is not None for r in rows)


# ---- hand-built documents -------------------------------------------------------------------------------------

def doc_of(*texts: str) -> Document:
    """A document of body-level paragraphs (no formatting hints: numbering alone must decide)."""
    return Document("docx", [Paragraph(t) for t in texts])


def structure(doc: Document) -> list[tuple[int, str]]:
    """(level, path) of every section with a heading."""
    return [(s.level, s.path) for s in outline(doc).sections if s.heading]


def test_heading_in_a_table_cell_is_not_a_section() -> None:
    table = Table(0, 2, 1, [Cell(0, 0, "一、部门基本情况"), Cell(1, 0, "（一）内设机构")])
    doc = Document("docx", [Paragraph("一、概况"), table, Paragraph("正文。")])
    assert structure(doc) == [(1, "一、概况")]
    assert outline(doc).sections[-1].texts == ["正文。"]


def test_nesting_by_numbering_style() -> None:
    doc = doc_of("一、总体情况", "正文一。", "（一）收入", "正文二。", "1、财政拨款", "正文三。", "（1）明细", "正文。",
                 "2、其他收入", "正文四。", "（二）支出", "正文五。", "二、问题", "正文六。")
    assert structure(doc) == [
        (1, "一、总体情况"), (2, "一、总体情况 > (一)收入"), (3, "一、总体情况 > (一)收入 > 1、财政拨款"),
        (4, "一、总体情况 > (一)收入 > 1、财政拨款 > (1)明细"), (3, "一、总体情况 > (一)收入 > 2、其他收入"),
        (2, "一、总体情况 > (二)支出"), (1, "二、问题")]


def test_misnumbered_sibling_keeps_its_level() -> None:
    doc = doc_of("一、项目支出基本情况", "（1） 项目支出概况", "正文。", "（二）项目资金使用及管理情况", "正文。",
                 "1、具体使用情况", "正文。", "二、评价结论", "正文。", "3、 绩效评价指标分析", "正文。", "（一）经济性评价", "正文。")
    assert structure(doc) == [
        (1, "一、项目支出基本情况"), (2, "一、项目支出基本情况 > (1)项目支出概况"),
        (2, "一、项目支出基本情况 > (二)项目资金使用及管理情况"),
        (3, "一、项目支出基本情况 > (二)项目资金使用及管理情况 > 1、具体使用情况"),
        (1, "二、评价结论"), (1, "3、绩效评价指标分析"), (2, "3、绩效评价指标分析 > (一)经济性评价")]


def test_numbered_sentences_and_lists_are_body() -> None:
    doc = doc_of("一、基本情况",
                 "（一）项目基本情况简介。永州市行政审批服务局于2019年1月13日挂牌成立。",  # run-in sentence
                 "（1）《关于全面推进预算绩效管理的意见》；", "（2）《实施意见》；", "（3）《操作办法》",  # list, last without ；
                 "1、部门整体支出绩效评价基础数据表", "2、部门整体支出绩效自评表",  # an attachment list
                 "（三）人员编制情况", "核定编制20名。")
    assert structure(doc) == [(1, "一、基本情况"), (2, "一、基本情况 > (三)人员编制情况")]
    assert len(outline(doc).sections[0].texts) == 6


def test_titles_join_split_lines_and_reset_the_stack() -> None:
    doc = doc_of("一、旧报告", "正文。", "2023年度汨罗市行政审批服务局部门整体支出", "绩效自评报告", "一、部门基本情况", "正文。",
                 "附件1", "2023年度部门整体支出绩效评价基础", "数据表")
    assert [(s.level, s.heading) for s in outline(doc).sections] == [
        (1, "一、旧报告"), (0, "2023年度汨罗市行政审批服务局部门整体支出绩效自评报告"), (1, "一、部门基本情况"),
        (0, "附件1 2023年度部门整体支出绩效评价基础数据表")]


def test_short_line_before_long_body_is_a_sub_heading_but_a_signature_is_not() -> None:
    body = "单位设立了财政资金预算管理制度，但是该制度却没有真正发挥作用，实施需要一定的成本。"
    doc = doc_of("三、存在的问题", "制度流于形式", body, "汨罗市政务服务中心", "2019年05月23日")
    o = outline(doc)
    assert structure(doc) == [(1, "三、存在的问题"), (2, "三、存在的问题 > 制度流于形式")]
    assert o.sections[-1].texts[-2:] == ["汨罗市政务服务中心", "2019年05月23日"]
