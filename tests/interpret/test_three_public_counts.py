"""Prose -> three_public_counts: single sentences, the exclusions, hand-built documents and the seed samples."""
from __future__ import annotations

from typing import Any, Optional

import pytest

from extractors.interpret.prose import counts as three_public_counts
from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.prose.counts_read import read_counts
from tests.interpret.test_prose import pipeline
from extractors.model import Cell, Document, Paragraph, Table
from normalizers.text import clean_text

S002 = "002_99c7b2a72a410d2a"
FINAL = DocMeta(doc_type="final_accounts", fiscal_year=2018)
BUDGET = DocMeta(doc_type="budget", fiscal_year=2025)
Said = tuple[str, str, float, str]


def said(sentence: str) -> list[Said]:
    """(item, metric, value, unit) of each count a sentence states."""
    return [(c.item, c.metric, c.value, c.unit) for c in read_counts(clean_text(sentence))[0]]


def run(*blocks: Any, meta: DocMeta = FINAL) -> Interpretation:
    """The three_public_counts interpreter alone on hand-built blocks (strings become paragraphs)."""
    out = Interpretation(meta=meta)
    doc = Document("docx", blocks=[Paragraph(b, page=3) if isinstance(b, str) else b for b in blocks])
    three_public_counts.interpret(doc, meta, out)
    return out


def rows(out: Interpretation) -> list[tuple[str, str, str, Optional[int], float]]:
    """(item, metric, measure, period_year, value) of each row."""
    return [(r["item"], r["metric"], r["measure"], r["period_year"], r["value"]) for r in out.three_public_counts]


@pytest.mark.parametrize("sentence, expected", [
    ("共接待国内来访团组12批次、来宾156人次",
     [("official_reception", "batches", 12.0, "批次"), ("official_reception", "person_times", 156.0, "人次")]),
    ("全年共接待十二批次、一百五十六人次",
     [("official_reception", "batches", 12.0, "批次"), ("official_reception", "person_times", 156.0, "人次")]),
    ("2、公务接待费支出决算为4.5万元,全年共接待93批次,1348人次",
     [("official_reception", "batches", 93.0, "批次"), ("official_reception", "person_times", 1348.0, "人次")]),
    ("因公出国（境）团组2个、3人次",
     [("overseas_travel", "groups", 2.0, "个"), ("overseas_travel", "person_times", 3.0, "人次")]),
    ("全年安排因公出国（境）团组两个，共5人",
     [("overseas_travel", "groups", 2.0, "个"), ("overseas_travel", "persons", 5.0, "人")]),
    ("年末公务用车保有量5辆", [("vehicle_total", "vehicles_held", 5.0, "辆")]),
    ("本部门共有车辆54辆，其中，一般公务用车13辆、执法执勤用车41辆", [("vehicle_total", "vehicles_held", 54.0, "辆")]),
    ("固定资产3149.52万元，其中：房屋14609.83平方米；车辆7辆（一般公务用车3辆，执法执勤用车4辆）",
     [("vehicle_total", "vehicles_held", 7.0, "辆")]),
    ("购置公务用车1辆", [("vehicle_purchase", "vehicles_purchased", 1.0, "辆")]),
    ("更新公务用车2辆", [("vehicle_purchase", "vehicles_purchased", 2.0, "辆")]),
    ("主要原因是2025年新增1辆公务用车购置", [("vehicle_purchase", "vehicles_purchased", 1.0, "辆")]),
    ("2025年部门预算安排购置车辆0辆，其中：执法执勤用车0辆、其他用车0辆",
     [("vehicle_purchase", "vehicles_purchased", 0.0, "辆")]),
    ("列明公务接待2批次、26人次，其中：接待外宾0批次、0人次",
     [("official_reception", "batches", 2.0, "批次"), ("official_reception", "person_times", 26.0, "人次")]),
])
def test_counts_read_from_a_sentence(sentence: str, expected: list[Said]) -> None:
    assert said(sentence) == expected


@pytest.mark.parametrize("sentence", [
    "公务接待批次比上年减少2批次",  # a difference, not a level
    "公务接待较上年减少了3批次、15人次",  # the difference runs on through the list
    "公务用车运行维护费12.5万元，公务用车购置费0万元",  # money is never a count
    "组织业务培训500人次",  # no 三公 item
    "公务接待费支出3万元，主要用于接待上级检查，开展业务培训活动共计20次，培训干部职工累计800人次",
    "一般公务用车3辆、执法执勤用车4辆",  # sub-types without a total
    "接待外宾0批次",  # a part of the reception total
    "新增救护车2辆",  # not a 公务用车
    "共有车辆XX辆",  # a template placeholder
])
def test_exclusions(sentence: str) -> None:
    assert said(sentence) == []


def test_approximate_counts_become_issues_not_rows() -> None:
    out = run("预计全年将接待港澳台侨同胞及国际友好人士10多批200多人次。", meta=BUDGET)
    assert rows(out) == []
    assert [i.code for i in out.issues] == ["approximate_count", "approximate_count"]


def test_measure_and_year_come_from_the_sentence_else_the_document() -> None:
    out = run("截至2024年8月31日，上海市某局共有车辆8辆，其中：其他用车8辆；单价100万元（含）以上设备0台（套）。",
              "2025年部门预算安排购置车辆1辆，其中：其他用车1辆。",
              "本部门共有车辆54辆。", meta=BUDGET)
    assert rows(out) == [("vehicle_total", "vehicles_held", "actual", 2024, 8.0),
                         ("vehicle_purchase", "vehicles_purchased", "budget", 2025, 1.0),
                         ("vehicle_total", "vehicles_held", "budget", 2025, 54.0)]


def test_a_stock_date_dates_the_later_sentences_of_its_paragraph() -> None:
    out = run("截止2022年12月31日，本部门流动资产448.82万元。固定资产3149.52万元，其中：车辆7辆（一般公务用车3辆）。",
              meta=DocMeta(doc_type="budget", fiscal_year=2023))
    assert rows(out) == [("vehicle_total", "vehicles_held", "actual", 2022, 7.0)]


def test_the_three_public_holding_beats_the_asset_section_count() -> None:
    out = run("2024年，某局所属各预算单位开支财政拨款的公务用车保有量为2辆。",
              "截至2024年12月31日，某局共有车辆5辆，其中：执法执勤用车3辆。",
              meta=DocMeta(doc_type="final_accounts", fiscal_year=2024))
    assert rows(out) == [("vehicle_total", "vehicles_held", "actual", 2024, 2.0)]
    assert out.three_public_counts[0]["raw"].endswith("公务用车保有量为2辆")


def test_a_second_differing_statement_is_reported() -> None:
    out = run("全年共接待12批次。", "公务接待全年共接待15批次。")
    assert rows(out) == [("official_reception", "batches", "actual", 2018, 12.0)]
    assert [i.code for i in out.issues] == ["conflicting_counts"]


def test_a_report_like_table_cell_is_read_with_its_provenance() -> None:
    text = ("三公经费使用情况：公务接待费支出决算为4.5万元，全年共接待93批次、1348人次，"
            "接待标准严格执行有关规定。因公出国（境）费为0。")
    out = run(Table(7, 1, 1, [Cell(0, 0, text, page=9)]))
    assert rows(out) == [("official_reception", "batches", "actual", 2018, 93.0),
                         ("official_reception", "person_times", "actual", 2018, 1348.0)]
    assert (out.three_public_counts[0]["page"], out.three_public_counts[0]["table_index"],
            out.three_public_counts[0]["row_index"]) == (9, 7, 0)


def test_a_far_year_gives_no_row() -> None:
    assert rows(run("2015年共接待30批次。")) == []


@pytest.mark.parametrize("fmt", ["docx", "pdf", "html"])
def test_seed_002_counts(fmt: str) -> None:
    out = pipeline(S002, fmt)
    got = {(r["item"], r["metric"], r["measure"], r["period_year"]): (r["value"], r["unit"])
           for r in out.three_public_counts}
    assert got == {
        ("overseas_travel", "groups", "actual", 2018): (0.0, "个"),
        ("overseas_travel", "person_times", "actual", 2018): (0.0, "人次"),
        ("official_reception", "batches", "actual", 2018): (93.0, "批次"),
        ("official_reception", "person_times", "actual", 2018): (1348.0, "人次"),
        ("vehicle_total", "vehicles_held", "actual", 2018): (0.0, "辆"),
    }
    held = next(r for r in out.three_public_counts if r["metric"] == "vehicles_held")
    assert "公务用车保有量为0辆" in held["raw"] and not any(k.startswith("_") for k in held)
    if fmt == "pdf":
        assert held["page"] == 4


@pytest.mark.parametrize("stem", ["000_b6cc7c43e2eeb60f", "001_08874745f9f1f8cd", "003_990a092f0fb6bf8b",
                                  "004_9afd7b26ca454508"])
def test_seeds_without_counts_give_none(stem: str) -> None:
    assert pipeline(stem, "docx").three_public_counts == []
