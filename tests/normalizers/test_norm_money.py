"""caption_unit and to_yuan on the captions and amounts of the seeds and the real PDFs."""
from __future__ import annotations

from decimal import Decimal

import pytest

from normalizers.money import caption_unit, rounding_slack, to_yuan


@pytest.mark.parametrize(("raw", "expected"), [
    ("单位：万元", "万元"),
    ("单位:万元", "万元"),
    ("金额单位:元", "元"),
    ("金额单位：元", "元"),
    ("单位： 千元", "千元"),
    ("单位 ：万元", "万元"),
    ("单位：元", "元"),
    ("年度预算申请(万元)", "万元"),
    ("项目资金　(万元)", "万元"),
    ("项目资金　　(万元)", "万元"),
    ("项目资金　（万元）", "万元"),
    ("项目资金(万元)", "万元"),
    ("经费控制情况(万元)", "万元"),
    ("年度收入情况（万元）", "万元"),
    ("部门(单位)年度支出和结余情况(万元)", "万元"),
    ("计划安排资金 (万元)", "万元"),
    ("预算投资\n(万元)", "万元"),
    ("（单位：亿元）", "亿元"),
    ("(单位:万元)", "万元"),
    ("（元）", "元"),
    ("项目资金\n（元）", "元"),
    ("收入预算总表 单位：万元", "万元"),
    ("江苏省人大常委会办公厅 单位：万元", "万元"),
    ("上海市普陀区财政局 单位:元", "元"),
    ("编制单位：上海市普陀区财政局 单位：元", "元"),
    ("单位：人民币元", "元"),
    ("万元", "万元"),
    ("编制单位：上海市普陀区财政局", None),
    ("单位：上海市普陀区人民政府万里街道办事处", None),
    ("单价（元/平方米）", None),
    ("批复规模 (m²)", None),
    ("财政供养人员情况(人)", None),
    ("", None),
])
def test_caption_unit(raw: str, expected: str | None) -> None:
    assert caption_unit(raw) == expected


@pytest.mark.parametrize(("raw", "unit", "expected"), [
    # the contract's examples
    ("4.05", "万元", "40500.00"),
    ("0.35万元", "万元", "3500.00"),
    ("0.35万元", "元", "3500.00"),
    ("4050元", "万元", "4050.00"),
    ("1450.82", "万元", "14508200.00"),
    ("1,450.82", "万元", "14508200.00"),
    ("0", "万元", "0.00"),
    ("", "万元", None),
    ("-", "万元", None),
    ("—", "万元", None),
    ("／", "万元", None),
    # seed 000 (万元 tables) against the gold amounts
    ("2.8", "万元", "28000.00"),
    ("1010.3", "万元", "10103000.00"),
    ("334", "万元", "3340000.00"),
    ("1116.12", "万元", "11161200.00"),
    ("1004.12", "万元", "10041200.00"),
    ("　222", "万元", "2220000.00"),
    ("　　　0", "万元", "0.00"),
    ("671.45", "万元", "6714500.00"),
    ("334.70", "万元", "3347000.00"),
    # seed 001 / 002
    ("1595.33", "万元", "15953300.00"),
    ("797.73", "万元", "7977300.00"),
    ("797.6", "万元", "7976000.00"),
    ("16.65", "万元", "166500.00"),
    ("8.65", "万元", "86500.00"),
    ("846.77", "万元", "8467700.00"),
    ("45.8万元", None, "458000.00"),
    ("14.39万元", None, "143900.00"),
    ("221万元", "万元", "2210000.00"),
    ("4270万元", None, "42700000.00"),
    ("4.5万元", None, "45000.00"),
    ("0万元", None, "0.00"),
    ("935.89万元", None, "9358900.00"),
    # real PDFs: yuan tables with thousands separators, spaced inline units, wrapped lines
    ("6,351,000.00", "元", "6351000.00"),
    ("4,563,800.00", "元", "4563800.00"),
    ("7595500.00", "元", "7595500.00"),
    ("1,234.56 万元", None, "12345600.00"),
    ("20\n万元", None, "200000.00"),
    ("99,999.99 万元", "元", "999999900.00"),
    # other units and forms
    ("1.5", "亿元", "150000000.00"),
    ("2亿元", None, "200000000.00"),
    ("3.5", "千元", "3500.00"),
    ("12千元", None, "12000.00"),
    ("4.05万", "元", "40500.00"),
    ("１．５万元", None, "15000.00"),
    ("(12.5)", "万元", "-125000.00"),
    ("-3.2", "万元", "-32000.00"),
    ("0.005", "元", "0.01"),
    ("1.004", "元", "1.00"),
    ("12.345678", "万元", "123456.78"),
    ("12", None, None),
    ("12", "人", None),
    ("100.00%", "万元", None),
    ("330余万元", None, None),
    ("合计", "万元", None),
])
def test_to_yuan(raw: str, unit: str | None, expected: str | None) -> None:
    got = to_yuan(raw, unit)
    if expected is None:
        assert got is None
    else:
        assert isinstance(got, Decimal)
        assert str(got) == expected


def test_to_yuan_default_unit_is_yuan() -> None:
    assert str(to_yuan("4050")) == "4050.00"


def test_to_yuan_is_exact_where_floats_are_not() -> None:
    # 0.1 + 0.2 in binary floats is 0.30000000000000004; the Decimal path keeps every cent.
    total = sum((to_yuan(x, "万元") or Decimal(0)) for x in ["0.1", "0.2"])
    assert str(total) == "3000.00"
    assert str(to_yuan("1234567890123.45", "元")) == "1234567890123.45"


@pytest.mark.parametrize(("num", "unit", "expected"), [
    ("8695.94", "万元", "50.00"),
    ("4.5", "万元", "500.00"),
    ("17,192", "万元", "5000.00"),
    ("1.2", "亿元", "5000000.00"),
    ("4050", "元", "0.50"),
    ("4050.00", "元", "0.01"),  # half a cent rounds up to the cent
    ("0.3", "万", "500.00"),
    ("3", "千元", "500.00"),
])
def test_rounding_slack(num: str, unit: str, expected: str) -> None:
    assert rounding_slack(num, unit) == Decimal(expected)
