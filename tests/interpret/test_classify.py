"""classify(): doc_type, org_name, region, fiscal_year on the seed samples (every format) and on hand-built documents."""
from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

import pytest

from extractors.base import registry
from extractors.interpret.classify.meta import classify
from extractors.interpret.classify.org import org_from_title, region_of_name, split_suffix
from extractors.interpret.classify.doc_type import line_type
from extractors.model import Cell, Document, Paragraph, Table

ROOT = Path(__file__).resolve().parents[2]
SAMPLES = ROOT / "data" / "samples"
GOLD = ROOT.parent / "shared" / "gold"
STEMS = ["000_b6cc7c43e2eeb60f", "001_08874745f9f1f8cd", "002_99c7b2a72a410d2a", "003_990a092f0fb6bf8b",
         "004_9afd7b26ca454508"]
CASES = [(stem, fmt) for stem in STEMS for fmt in ("docx", "pdf", "html")]


@lru_cache(maxsize=None)
def load(stem: str, fmt: str) -> Document:
    """A bundled seed sample through its extractor (skipped when absent)."""
    path = SAMPLES / fmt / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not bundled")
    return registry()[fmt](path.read_bytes(), path.name)


def paragraphs(*texts: str) -> Document:
    """A document of plain paragraphs."""
    return Document("docx", blocks=[Paragraph(t) for t in texts])


@pytest.mark.parametrize("stem,fmt", CASES)
def test_seed_documents_match_gold(stem: str, fmt: str) -> None:
    gold_path = GOLD / f"{stem}.json"
    if not gold_path.exists():
        pytest.skip("gold not next to this checkout")
    want = json.loads(gold_path.read_text(encoding="utf-8"))["documents"]
    meta = classify(load(stem, fmt))
    assert (meta.doc_type, meta.org_name, meta.region, meta.fiscal_year) == (
        want["doc_type"], want["org_name"], want["region"], want["fiscal_year"])


def test_seed_titles() -> None:
    assert classify(load(STEMS[2], "docx")).title == "2018年度汨罗市人民政府政务服务中心单位部门决算"
    assert classify(load(STEMS[0], "docx")).title == "2023年度部门整体支出绩效评价基础数据表"


@pytest.mark.parametrize("line,want", [
    ("2018年度汨罗市人民政府政务服务中心单位部门决算", "final_accounts"),
    ("江苏省人民检察院2019年度部门预算", "budget"),
    ("市级部门（单位）整体支出绩效自评报告", "dept_performance_self_eval"),
    ("2019年专项支出绩效自评", "project_performance_self_eval"),
    ("2023年度项目支出绩效自评表", "project_performance_self_eval"),
    ("关于做好2020年部门预算编制工作的通知", "other"),
    ("汨罗市行政审批服务局2022年工作总结", "other"),
    ("汨罗市人民政府公报", "other"),
    ("一、主要职能", None),
    ("上海市普陀区规划和自然", None),  # a title broken across lines is no notice
])
def test_line_type(line: str, want: str) -> None:
    assert line_type(line) == want


@pytest.mark.parametrize("line,want", [
    ("2018年度汨罗市人民政府政务服务中心单位部门决算", "汨罗市人民政府政务服务中心"),
    ("江苏省人大常委会办公厅2019年度部门预算公开", "江苏省人大常委会办公厅"),
    ("2023年度汨罗市行政审批服务局部门整体支出", "汨罗市行政审批服务局"),
    ("永州市行政审批服务局", "永州市行政审批服务局"),
    ("市级部门（单位）整体支出绩效自评报告", None),
    ("永州市政务服务和电子政务专项（项目）", None),
])
def test_org_from_title(line: str, want: str) -> None:
    assert org_from_title(line) == want


@pytest.mark.parametrize("org,want", [
    ("汨罗市人民政府政务服务中心", "汨罗市"), ("君山区行政审批服务局", "君山区"), ("上海市普陀区财政局", "普陀区"),
    ("永州市行政审批服务局", "永州市"), ("江苏省人民检察院", None), ("上海市财政局", "上海市"),
])
def test_region_of_name(org: str, want: str) -> None:
    assert region_of_name(org) == want


def test_suffix_is_split_off() -> None:
    assert split_suffix("江苏省人民检察院(本级)") == ("江苏省人民检察院", "本级")
    meta = classify(paragraphs("江苏省人民检察院（汇总）", "2019年度部门预算", "目录"))
    assert (meta.org_name, meta.org_suffix, meta.doc_type, meta.fiscal_year) == ("江苏省人民检察院", "汇总", "budget", 2019)


def test_title_broken_over_lines_is_joined() -> None:
    meta = classify(paragraphs("中共上海市普陀区委", "社会工作部2024年度", "部门决算", "目录", "第一部分 概况"))
    assert (meta.org_name, meta.region, meta.doc_type, meta.fiscal_year) == (
        "中共上海市普陀区委社会工作部", "普陀区", "final_accounts", 2024)


def test_notice_is_other_even_when_it_talks_about_budgets() -> None:
    body = "各单位：请按时报送部门预算。部门预算公开表须完整。部门预算编制要规范。部门决算同步报送。"
    meta = classify(paragraphs("关于做好2020年部门预算编制工作的通知", body))
    assert meta.doc_type == "other"


def test_org_from_form_cells_and_dominant_year() -> None:
    form = Table(0, 2, 2, [Cell(0, 0, "预算部门\n名称"), Cell(0, 1, "汨罗市行政审批服务局"),
                           Cell(1, 0, "年度资金总额"), Cell(1, 1, "671.45")])
    doc = Document("docx", blocks=[Paragraph("附件2"), form,
                                   Paragraph("2023年全年完成各项工作，2023年度支出稳定，2022年12月31日结账。")])
    meta = classify(doc)
    assert (meta.org_name, meta.region, meta.fiscal_year) == ("汨罗市行政审批服务局", "汨罗市", 2023)


def test_org_from_body_skips_generic_places() -> None:
    body = ("2020年，君山区行政审批服务局在区委、区政府的正确领导下，按照省政务管理服务局和市行政审批服务局工作要求，"
            "督促省辖市检察院和全县政府系统网站整改。")
    meta = classify(paragraphs("一、部门基本概况", body))
    assert (meta.org_name, meta.region) == ("君山区行政审批服务局", "君山区")
