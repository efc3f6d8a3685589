"""direction and met of indicator rows: a table of printed cases."""
from __future__ import annotations

from typing import Any, Optional

import pytest

from govreports.analyst.attainment import direction_of, met_of, with_attainment


def ind(level3: str, target_raw: Optional[str], op: Optional[str], target: Optional[float], actual_raw: Optional[str],
        actual: Optional[float], unit: Optional[str] = "%", actual_unit: Optional[str] = "%", scope: str = "project",
        raw: str = "") -> dict[str, Any]:
    return {"scope": scope, "level3": level3, "target_raw": target_raw, "target_op": op, "target_value": target,
            "target_unit": unit, "actual_raw": actual_raw, "actual_value": actual, "actual_unit": actual_unit,
            "raw": raw, "level1": None, "level2": None}


CASES = [
    # (row, direction, met)
    (ind("服务对象满意率", "95%", "=", 95, "满意率99.97%", 99.97), "higher_better", True),  # the case
    (ind("服务对象满意度", "95%", "=", 95, "90%", 90), "higher_better", False),
    (ind("覆盖率", "100%", "=", 100, "100%", 100), "higher_better", True),
    (ind("质量达标率", "98%", "=", 98, "97.5%", 97.5), "higher_better", False),
    (ind("社会公众满意度", "≥95%", ">=", 95, "98%", 98), "higher_better", True),
    (ind("群众满意率", "≥95%", ">=", 95, "94%", 94), "higher_better", False),
    (ind("资金到位率", ">90%", ">", 90, "90%", 90), "higher_better", False),  # strictly greater
    (ind("办事群众投诉率", "0", "=", 0, "0", 0, None, None), "lower_better", True),
    (ind("政务大厅办事差错率", "1%", "=", 1, "2%", 2), "lower_better", False),  # 差错率 before 率 words
    (ind("咨询投诉件的办理时限", "≤2天", "<=", 2, "2天", 2, "天", "天"), "lower_better", True),
    (ind("整体运维成本", "≤20万元", "<=", 200000, "21万元", 210000, "元", "元"), "lower_better", False),
    (ind("政府网站上传信息", "31863条", "=", 31863, "31863条", 31863, "条", "条"), "equal", True),
    (ind("政府网站上传信息", "31863条", "=", 31863, "31000条", 31000, "条", "条"), "equal", False),
    (ind("开展培训", "4次", "=", 4, "4人", 4, "次", "人"), "equal", None),  # units differ: cannot tell
    (ind("政务公开全年督查", "四次", "=", 4, "完成", None, "次", None), "equal", True),
    (ind("政务公开全年督查", "四次", "=", 4, "未完成", None, "次", None), "equal", False),
    (ind("项目建设", "四次", "=", 4, "已将14个部门近300个审批事项纳入并完成", None, "次", None), "equal", None),
    (ind("对社会发展可能造成的负面影响", "无", "text", None, "无", None, None, None), "text", True),
    (ind("生态环境改善情况", "有所改 善", "text", None, "有所改善", None, None, None), "text", True),
    (ind("生态环境改善情况", "有所改善", "text", None, "基本持平", None, None, None), "text", None),
    (ind("指标", "90", "=", 90, "95", 95, None, None, raw="指标 | 反向 | 90 | 95"), "lower_better", False),
    (ind("指标", "90", "=", 90, "95", 95, None, None, raw="指标 | 正向 | 90 | 95"), "higher_better", True),
    (ind("政务大厅收取税费", None, None, None, "4270万元", 42700000, None, "元"), None, None),  # no target
    (ind("资金使用合规性", "评价要点：…", "text", None, None, None, None, None, scope="rubric"), "text", None),
]


@pytest.mark.parametrize("row, direction, met", CASES, ids=[f"{c[0]['level3']}-{c[0]['actual_raw']}" for c in CASES])
def test_direction_and_met(row: dict[str, Any], direction: Optional[str], met: Optional[bool]) -> None:
    assert direction_of(row) == direction
    assert met_of(row, direction) is met


def test_with_attainment_adds_both_columns() -> None:
    out = with_attainment([CASES[0][0]])
    assert (out[0]["direction"], out[0]["met"]) == ("higher_better", True)
