"""prose_metrics: figures stated in prose with their subject — seed 004 checked by hand, and the exclusion rules."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any

import pytest

from extractors.base import registry
from extractors.interpret.prose.metrics import prose_metrics
from extractors.interpret.narrative.sections import outline
from extractors.model import Cell, Document, Paragraph, Table

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"
S004 = "004_9afd7b26ca454508"
Rows = list[dict[str, Any]]


@lru_cache(maxsize=None)
def sample_rows(stem: str, fmt: str) -> tuple[dict[str, Any], ...]:
    """prose_metrics of a bundled seed sample (skipped when absent)."""
    path = SAMPLES / fmt / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not bundled")
    doc = registry()[fmt](path.read_bytes(), path.name)
    return tuple(prose_metrics(doc, outline(doc)))


def rows_of(*texts: str) -> Rows:
    """prose_metrics of a document made of the given paragraphs."""
    doc = Document("docx", [Paragraph(t) for t in texts])
    return prose_metrics(doc, outline(doc))


def triples(rows: Rows) -> set[tuple[str, float, str]]:
    """(subject, value, unit) of each row."""
    return {(r["subject"], r["value"], r["unit"]) for r in rows}


# Read by hand from seed 004's sentences (/work/shared/seeds/004_…txt): the subject is what the figure counts.
HAND_CHECKED_004 = [
    ("受理市民来电反映事项", 63000, "件"),  # 12345政务热线共受理市民来电反映事项6.3万件
    ("来电接通率", 99.99, "%"),
    ("按时办结率", 97.61, "%"),
    ("回访率", 100, "%"),
    ("群众满意率", 98.93, "%"),
    ("全市市级领导和各单位一把手、分管领导", 118, "人"),  # …分管领导共计118人
    ("行政审批服务事项", 648, "个"),  # 对648个行政审批服务事项进行模拟体验办理
    ("发现堵点、难点问题", 77, "个"),
    ("提出相关整改措施", 48, "条"),
    ("梳理“跨省通办”高频事项", 136, "个"),
    ("政务服务事项网上可办率", 100, "%"),  # 我市政务服务事项网上可办率达到100%
    ("三级以上网上可办率", 96.87, "%"),
    ("三级网上可办率", 23.17, "%"),  # 其中三级网上可办率为23.17%
    ("四级网上可办(全程网办)率", 73.7, "%"),
    ("注册用户", 260118, "人"),  # 截至目前邵东市注册用户260118人
    ("办件量", 640000, "件"),  # 办件量达64万件
    ("梳理编制特殊群体服务事项", 20, "个"),  # 梳理编制了特殊群体服务二十个事项的办事指南
    ("依申请类行政许可和依申请类公共服务类事项的承诺压缩率", 82, "%"),
    ("乡镇级可办事项", 147, "项"),
    ("发改局、市监局、人社局、医保局、司法局等单位", 5, "个"),
    ("村(社区)", 580, "个"),  # 26个乡镇（街道）、580个村（社区）已连通…
    ("电子证照库现存证照数据", 300000, "条"),  # 30余万条
    ("更新政务信息", 5420, "条"),
    ("办结率", 96.42, "%"),
    ("平均办理时间", 5, "天"),
    ("收集评价数据", 982454, "条"),
    ("收件", 602320, "件"),
    ("法定提速率", 97.33, "%"),
]


@pytest.mark.parametrize("fmt", ["docx", "pdf"])
def test_004_hand_checked_figures(fmt: str) -> None:
    rows = list(sample_rows(S004, fmt))
    assert len(rows) >= 40
    missing = [t for t in HAND_CHECKED_004 if t not in triples(rows)]
    assert missing == []


def test_004_same_rows_from_docx_and_pdf() -> None:
    assert triples(list(sample_rows(S004, "docx"))) == triples(list(sample_rows(S004, "pdf")))


def test_004_provenance_and_operators() -> None:
    rows = list(sample_rows(S004, "pdf"))
    hotline = next(r for r in rows if r["subject"] == "受理市民来电反映事项")
    assert hotline["raw"].startswith("2022年邵东市12345政务热线共受理市民来电反映事项6.3万件")
    assert hotline["section_path"] == "二、部门(单位)整体支出绩效状况 > (二)开展“一呼即应”改革,快速响应群众诉求"
    assert hotline["page"] == 2 and hotline["table_index"] is None and hotline["value_raw"] == "6.3万件"
    more = next(r for r in rows if r["value"] == 120000)
    assert (more["op"], more["unit"], more["value_raw"]) == (">", "人次", "12万余人次")
    reached = next(r for r in rows if r["subject"] == "政务服务事项网上可办率")
    assert (reached["op"], reached["value_raw"]) == ("=", "100%")  # 达到100% states the level reached


def test_004_dates_years_and_numbering_are_not_metrics() -> None:
    rows = list(sample_rows(S004, "docx"))
    assert not [r for r in rows if r["value"] in (2021, 2022, 12345) or r["unit"] in ("年", "月", "日")]
    assert not [r for r in rows if r["unit"] == "批"]  # 第一、二、三批
    assert not [r for r in rows if r["value"] == 1 and "一名专业人员" in r["raw"]]  # 一 as an article
    assert ("局长", 1, "名") in triples(rows)  # 设局长1名: a digit is a count
    assert not [r for r in rows if r["unit"] == "小时"]  # 24小时值班读网制度


def test_verb_noun_chain_before_the_figure() -> None:
    rows = rows_of("2023年，共受理各类政务服务事项76138件，收取税费 4521万元。")
    assert triples(rows) == {("受理各类政务服务事项", 76138, "件"), ("收取税费", 45210000, "元")}
    assert rows[0]["raw"] == "2023年,共受理各类政务服务事项76138件,收取税费4521万元。"


def test_document_numbers_phones_dates_and_slogans_are_not_metrics() -> None:
    assert rows_of("（1）《湖南省人民政府关于全面推进预算绩效管理的意见》（湘政发〔2012〕33号）；",
                   "填表人：彭雁 填报日期：2024年4月25日 联系电话：0730-5244006",
                   "全面落实第一、二、三批“一件事一次办”事项，推进“最多跑一次”改革。",
                   "建立24小时值班读网制度，分别安排一名专业人员。") == []


def test_noun_after_a_classifier_and_enumerations() -> None:
    rows = rows_of("邵东市政府网站子页面的24个市直部门和26个乡镇以及纳入全国政务新媒体监测系统的22个政务新媒体，安排专人更新内容。")
    assert triples(rows) == {("政府网站子页面的市直部门", 24, "个"), ("乡镇", 26, "个"),
                             ("纳入全国政务新媒体监测系统的政务新媒体", 22, "个")}


def test_listed_figures_after_one_subject() -> None:
    rows = rows_of("电子监察系统共计收件602320件、办结602270件、法定提速率97.33%。共发出“红牌”预警45条，“黄牌”预警13条。")
    assert triples(rows) == {("收件", 602320, "件"), ("办结", 602270, "件"), ("法定提速率", 97.33, "%"),
                             ("发出“红牌”预警", 45, "条"), ("“黄牌”预警", 13, "条")}


def test_prose_in_a_table_cell_keeps_table_provenance() -> None:
    text = "2018年网站共更新信息31863条，上报至岳阳政府网站新闻456条，共办理依申请公开15件，市长信箱共收到信件550篇。政务公开工作总体水平迈上新台阶。"
    doc = Document("docx", [Table(3, 2, 1, [Cell(0, 0, "年度总体运行情况"), Cell(1, 0, text)])])
    rows = prose_metrics(doc, outline(doc))
    assert ("更新信息", 31863, "条") in triples(rows) and ("收到信件", 550, "篇") in triples(rows)
    assert {(r["table_index"], r["row_index"]) for r in rows} == {(3, 1)}


def test_a_sentence_repeated_verbatim_counts_once() -> None:
    sentence = "推动了地方经济的快速发展。2023年，共受理各类政务服务事项76138件。"
    assert len(rows_of(sentence, "（一）经济性评价", sentence)) == 1
