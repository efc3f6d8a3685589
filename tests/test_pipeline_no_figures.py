"""A document typed as a report that yields no figure gets a `no_figures` issue row, never a silent empty report."""
from __future__ import annotations

from typing import Any

import pytest

from govreports.pipeline import empty_report_issues, extract_bytes

# A 部门预算 article page whose body is only the portal's metadata box and a link to the attachment.
STUB = """<html><head><meta charset="utf-8"><title>温州市公安局2026年部门预算</title></head><body>
<h1>温州市公安局2026年部门预算</h1>
<table><tr><td>索引号</td><td>11330300002518524H/2026-1010497327</td><td>发布机构</td><td>温州市公安局</td></tr>
<tr><td>生成日期</td><td>2026-03-02</td><td>公开方式</td><td>主动公开</td></tr></table>
<p>温州市公安局2026年部门预算</p>
<p>附件：<a href="/att/2026.pdf">温州市公安局2026年部门预算.pdf</a></p>
</body></html>""".encode("utf-8")


@pytest.mark.parametrize(("doc_type", "records", "expected"), [
    ("budget", {}, ["no_figures"]),
    ("budget", {"budgets": [], "three_public": []}, ["no_figures"]),
    ("final_accounts", {"prose_metrics": [{"x": 1}]}, ["no_figures"]),
    ("budget", {"budgets": [{"x": 1}]}, []),
    ("project_performance_self_eval", {"indicators": [{"x": 1}]}, []),
    ("dept_performance_self_eval", {"evaluations": [{"x": 1}]}, []),
    ("other", {}, []),
])
def test_empty_report_issues(doc_type: str, records: dict[str, list[dict[str, Any]]], expected: list[str]) -> None:
    assert [i.code for i in empty_report_issues(doc_type, records)] == expected


def test_budget_page_without_its_tables_says_so() -> None:
    result = extract_bytes(STUB, "公安局_2026年部门预算.html")
    assert not result.records["budgets"]
    codes = [i["code"] for i in result.records["extraction_issues"]]
    if result.document["doc_type"] == "other":
        assert "no_figures" not in codes
    else:
        assert "no_figures" in codes
