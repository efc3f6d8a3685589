"""Indicator rows -> direction (which way is better) and met (does the actual reach the target)."""
from __future__ import annotations

from typing import Any, Optional

from govreports.analyst.vocab import vocab

Row = dict[str, Any]
OPERATOR_DIRECTION = {">=": "higher_better", ">": "higher_better", "<=": "lower_better", "<": "lower_better"}


def _has(text: Optional[str], words: list[str]) -> bool:
    return bool(text) and any(w in str(text) for w in words)


def direction_of(row: Row) -> Optional[str]:
    """higher_better / lower_better / equal / text: a printed operator first, then a 正向/反向 mark, then the wording."""
    words = vocab()["attainment"]
    op = row.get("target_op")
    if op is None and row.get("target_raw") is None:
        return None  # no target: nothing to compare with
    if op == "text":
        return "text"
    if op in OPERATOR_DIRECTION:
        return OPERATOR_DIRECTION[op]
    marks = " ".join(str(row.get(k) or "") for k in ("raw", "level2", "level1"))
    if _has(marks, words["negative_marks"]):
        return "lower_better"
    if _has(marks, words["positive_marks"]):
        return "higher_better"
    name = row.get("level3")
    if _has(name, words["lower_better"]):
        return "lower_better"
    if _has(name, words["higher_better"]):
        return "higher_better"
    return "equal"


def _same_unit(row: Row) -> bool:
    a, b = row.get("actual_unit"), row.get("target_unit")
    return a is None or b is None or a == b


def _compare(actual: float, target: float, direction: str, op: Optional[str]) -> bool:
    tol = vocab()["attainment"]["tolerance"] * max(1.0, abs(target))
    if direction == "higher_better":
        return actual > target if op == ">" else actual >= target - tol
    if direction == "lower_better":
        return actual < target if op == "<" else actual <= target + tol
    return abs(actual - target) <= tol


def _squeezed(text: Optional[str]) -> str:
    return "".join(str(text or "").split())


def _worded(actual_raw: Optional[str]) -> Optional[bool]:
    words = vocab()["attainment"]
    text = _squeezed(actual_raw)
    if not text or len(text) > words["worded_max_chars"]:
        return None
    if text in words["not_reached_exact"]:
        return False
    if text in words["reached_exact"]:
        return True
    if _has(text, words["not_reached"]):
        return False
    if _has(text, words["reached"]):
        return True
    return None


def met_of(row: Row, direction: Optional[str]) -> Optional[bool]:
    """True / False when actual and target can be compared (numbers in one unit, or a worded 完成/未完成), else None."""
    if direction is None or row.get("scope") == "rubric":
        return None  # a scoring table's 评分标准 is no target
    target, actual = row.get("target_value"), row.get("actual_value")
    if direction != "text" and target is not None and actual is not None:
        return _compare(float(actual), float(target), direction, row.get("target_op")) if _same_unit(row) else None
    if _squeezed(row.get("actual_raw")) and _squeezed(row.get("actual_raw")) == _squeezed(row.get("target_raw")):
        return True  # the actual repeats the target (无 / 无, 达标 / 达标)
    if actual is None:
        return _worded(row.get("actual_raw"))
    return None


def with_attainment(rows: list[Row]) -> list[Row]:
    """Each indicators row with direction and met."""
    out = []
    for row in rows:
        direction = direction_of(row)
        out.append({**row, "direction": direction, "met": met_of(row, direction)})
    return out
