"""parse_date on the date forms of the seeds, the portal pages and the real PDFs."""
from __future__ import annotations

import datetime

import pytest

from normalizers.dates import parse_date


@pytest.mark.parametrize(("raw", "expected"), [
    ("2024年04月26日", datetime.date(2024, 4, 26)),
    ("2024年4月26日", datetime.date(2024, 4, 26)),
    ("2024年4月25日", datetime.date(2024, 4, 25)),
    ("2019-07-29", datetime.date(2019, 7, 29)),
    ("2019/7/29", datetime.date(2019, 7, 29)),
    ("2019.07.29", datetime.date(2019, 7, 29)),
    ("2025.1.1", datetime.date(2025, 1, 1)),
    ("填表日期：2024年04月26日", datetime.date(2024, 4, 26)),
    ("填表人：彭雁 填报日期：2024年04月26日  联系电话：0730－5244006", datetime.date(2024, 4, 26)),
    ("生成日期 | 2019-07-29 | 公开日期 | 2019-07-29 |", datetime.date(2019, 7, 29)),
    ("报告日期:2019 年05月23日", datetime.date(2019, 5, 23)),
    ("报告日期：2019年05月 23日", datetime.date(2019, 5, 23)),
    ("2018 年 2 月 24 日", datetime.date(2018, 2, 24)),
    ("截至 2023年 12 月 31 日", datetime.date(2023, 12, 31)),
    ("截至2023年12月31日", datetime.date(2023, 12, 31)),
    ("计划开始日期 2023-01-01 计划完成日期 2023-12-31", datetime.date(2023, 1, 1)),
    ("2025.1.1\n-2025.12.31", datetime.date(2025, 1, 1)),
    ("２０１９－０７－２９", datetime.date(2019, 7, 29)),
    ("二〇一九年五月二十三日", datetime.date(2019, 5, 23)),
    ("二〇二四年四月二十六日", datetime.date(2024, 4, 26)),
    ("于2019年1月13日挂牌正式成立", datetime.date(2019, 1, 13)),
    ("2023-02-30", None),
    ("2023年13月01日", None),
    ("2020年2月", None),
    ("2020年", None),
    ("12019-07-29", None),
    ("2019-07/29", None),
    ("0730-5244006", None),
    ("评价组组长(签字): 年 月 日", None),
    ("", None),
])
def test_parse_date(raw: str, expected: datetime.date | None) -> None:
    assert parse_date(raw) == expected
