"""Plain-text reports: GBK / UTF-8 / UTF-16 decoding, one paragraph per line, and the whole pipeline on seed 004's text."""
from __future__ import annotations

from pathlib import Path

import pytest

from extractors.txt_extractor import extract
from govreports.errors import BadInput
from govreports.pipeline import extract_bytes

SEED_004 = Path(__file__).resolve().parents[2].parent / "shared" / "seeds" / "004_9afd7b26ca454508.txt"
TEXT = "邵东市行政审批服务局2022年度部门整体支出绩效自评报告\r\n\r\n一、部门基本概况\r\n　　共受理各类政务服务事项76138件。\n"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"])
def test_lines_become_paragraphs_in_any_common_encoding(encoding: str) -> None:
    doc = extract(TEXT.encode(encoding), "report.txt")
    assert [p.text for p in doc.paragraphs()] == [
        "邵东市行政审批服务局2022年度部门整体支出绩效自评报告", "一、部门基本概况", "共受理各类政务服务事项76138件。"]
    assert doc.file_format == "txt" and doc.page_count is None and not list(doc.tables())


def test_an_empty_text_file_is_bad_input() -> None:
    with pytest.raises(BadInput):
        extract(" \r\n\u3000\n".encode("utf-8"), "empty.txt")


def test_a_gbk_text_report_goes_through_the_pipeline() -> None:
    if not SEED_004.is_file():
        pytest.skip("seed text not available")
    result = extract_bytes(SEED_004.read_text(encoding="utf-8").encode("gbk", errors="replace"), "004.txt")
    assert result.document["file_format"] == "txt" and result.document["status"] == "ok"
    assert result.document["doc_type"] == "dept_performance_self_eval" and result.document["fiscal_year"] == 2022
    assert len(result.records["sections"]) >= 10 and len(result.records["prose_metrics"]) >= 40
