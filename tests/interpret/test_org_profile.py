"""org_profile: 编制 / 在职 / 退休 / 内设机构 / 公务用车 from the seed samples' tables and prose, and hand-built cases."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pytest

from extractors.base import registry
from extractors.interpret.narrative import reader as narrative
from extractors.interpret.narrative.org_profile import profile
from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Cell, Table

SAMPLES = Path(__file__).resolve().parents[2] / "data" / "samples"


@lru_cache(maxsize=None)
def sample_profile(stem: str, fmt: str) -> Optional[dict[str, Any]]:
    """The org_profile row of a bundled seed sample (skipped when absent)."""
    path = SAMPLES / fmt / f"{stem}.{fmt}"
    if not path.exists():
        pytest.skip(f"{path} not bundled")
    out = Interpretation()
    narrative.interpret(registry()[fmt](path.read_bytes(), path.name), DocMeta(), out)
    assert len(out.org_profile) <= 1
    return out.org_profile[0] if out.org_profile else None


def staff(row: Optional[dict[str, Any]]) -> tuple[Any, Any]:
    """(authorized_staff, actual_staff) of a profile row."""
    assert row is not None
    return row["authorized_staff"], row["actual_staff"]


# The printed figures: 000's 基础数据表 (编制数 28 / 2023年实际在职人数 28, values in the row below the labels),
# 001's 基本概况 table (人员编制 18 / 实有人数 38, values to the right), 003's prose (核定编制20名 … 现有在编在岗23人).
@pytest.mark.parametrize("fmt", ["docx", "pdf"])
@pytest.mark.parametrize("stem, want", [("000_b6cc7c43e2eeb60f", (28, 28)), ("001_08874745f9f1f8cd", (18, 38)),
                                        ("003_990a092f0fb6bf8b", (20, 23))])
def test_seed_staff_figures(stem: str, want: tuple[int, int], fmt: str) -> None:
    assert staff(sample_profile(stem, fmt)) == want


def test_000_table_wins_and_raw_names_sources() -> None:
    row = sample_profile("000_b6cc7c43e2eeb60f", "docx")
    assert row is not None
    assert row["raw"].startswith("编制数: 28 | 2023年实际在职人数: 28")
    assert row["retired_staff"] == 2  # 保障在职人员28人、退休人员2人 (the 自评表's 目标1)


def test_003_prose_skips_subordinate_units_in_brackets() -> None:
    row = sample_profile("003_990a092f0fb6bf8b", "docx")
    assert row is not None
    # `永州市政务服务中心（核定编制20名，现有在职12人，退休8人）` describes a subordinate unit; the bureau's own
    # figures come first; 退休8人 is then read from `我局及直属机构共有在编在岗干部职工59人，退休8人`.
    assert (row["internal_units"], row["vehicles"], row["retired_staff"]) == (10, 1, 8)  # 10个科室, 车辆一台


def test_001_internal_units_from_prose_cell() -> None:
    row = sample_profile("001_08874745f9f1f8cd", "docx")
    assert row is not None and row["internal_units"] == 7  # 内设有办公室、…热线办7个股室


@pytest.mark.parametrize("fmt", ["docx", "html"])
def test_002_units_and_vehicles(fmt: str) -> None:
    row = sample_profile("002_99c7b2a72a410d2a", fmt)
    assert row is not None
    assert (row["authorized_staff"], row["actual_staff"], row["internal_units"], row["vehicles"]) == (32, 32, 5, 0)


def test_004_only_the_authorized_staff_is_stated() -> None:
    row = sample_profile("004_9afd7b26ca454508", "pdf")
    assert row is not None
    assert row == {"authorized_staff": 10, "actual_staff": None, "retired_staff": None, "internal_units": None,
                   "vehicles": None, "raw": "机关行政编制10名"}


# ---- hand-built -----------------------------------------------------------------------------------------------

def test_label_with_value_to_the_right_or_below() -> None:
    right = Table(0, 1, 4, [Cell(0, 0, "人员编制"), Cell(0, 1, "18"), Cell(0, 2, "实有人数"), Cell(0, 3, "38")])
    below = Table(1, 2, 3, [Cell(0, 0, "编制数"), Cell(0, 1, "2023年实际在职    人数"), Cell(0, 2, "控制率"),
                            Cell(1, 0, "28"), Cell(1, 1, "27"), Cell(1, 2, "96.43%")])
    rows, issues = profile([right], [])
    assert (rows[0]["authorized_staff"], rows[0]["actual_staff"]) == (18, 38) and issues == []
    rows, _ = profile([below], [])
    assert (rows[0]["authorized_staff"], rows[0]["actual_staff"]) == (28, 27)


def test_prose_statements_and_conflicts() -> None:
    table = Table(0, 1, 2, [Cell(0, 0, "人员编制"), Cell(0, 1, "12")])
    rows, issues = profile([table], ["我单位机关行政编制10名，现有在编在岗9人（下属中心在职30人），离退休人员3名。",
                                     "根据编委核定，我单位有5个内设机构。截至年底，共有车辆2辆，2024年预算安排购置车辆0辆。"])
    assert rows == [{"authorized_staff": 12, "actual_staff": 9, "retired_staff": 3, "internal_units": 5, "vehicles": 2,
                     "raw": "人员编制: 12 | 在编在岗9人 | 离退休人员3名 | 5个内设机构 | 共有车辆2辆"}]
    assert [i.code for i in issues] == ["org_profile_conflict"]  # the table says 12, the prose 10


def test_nothing_stated_gives_no_row() -> None:
    assert profile([], ["本单位未安排政府性基金预算支出。", "在职7名人员工资等经费。"]) == ([], [])
