"""parse_decimal, parse_percent and cn_numeral on the number forms of the seeds and the real PDFs."""
from __future__ import annotations

from decimal import Decimal

import pytest

from normalizers.numbers import cn_numeral, parse_decimal, parse_percent


@pytest.mark.parametrize(("raw", "expected"), [
    ("1,450.82", Decimal("1450.82")),
    ("1450.82", Decimal("1450.82")),
    ("671.45", Decimal("671.45")),
    ("4.05", Decimal("4.05")),
    ("0.35", Decimal("0.35")),
    ("0", Decimal("0")),
    ("0.00", Decimal("0.00")),
    ("　222", Decimal("222")),
    ("　　　0", Decimal("0")),
    ("\t1004.12\n", Decimal("1004.12")),
    ("２２２", Decimal("222")),
    ("１，４５０．８２", Decimal("1450.82")),
    ("6,351,000.00", Decimal("6351000.00")),
    ("4,563,800.00", Decimal("4563800.00")),
    ("7595500.00", Decimal("7595500.00")),
    ("12,345", Decimal("12345")),
    # 元 tables that group only the last three digits (上海 2026 单位预算, 人社局 file)
    ("128138,600", Decimal("128138600")),
    ("120258,600", Decimal("120258600")),
    ("19711,277", Decimal("19711277")),
    ("1234,567,890.50", Decimal("1234567890.50")),
    ("2025,2026", None),
    ("12,34", None),
    ("(12.5)", Decimal("-12.5")),
    ("（12.5）", Decimal("-12.5")),
    ("-3.20", Decimal("-3.20")),
    ("－3.20", Decimal("-3.20")),
    ("−3.20", Decimal("-3.20")),
    ("+5", Decimal("5")),
    (".5", Decimal(".5")),
    ("-", None),
    ("—", None),
    ("——", None),
    ("－", None),
    ("／", None),
    ("/", None),
    ("", None),
    ("   ", None),
    ("100.00%", None),
    ("95%", None),
    ("1,45", None),
    ("1 450", None),
    ("12.5万", None),
    ("abc", None),
    ("1e3", None),
    ("1.2.3", None),
])
def test_parse_decimal(raw: str, expected: Decimal | None) -> None:
    got = parse_decimal(raw)
    assert got == expected
    if expected is not None:
        assert isinstance(got, Decimal) and str(got) == str(expected)


@pytest.mark.parametrize(("raw", "expected"), [
    ("100.00%", Decimal("100.00")),
    ("100%", Decimal("100")),
    ("95％", Decimal("95")),
    ("99.97%", Decimal("99.97")),
    ("-3.5%", Decimal("-3.5")),
    (" 47.04 % ", Decimal("47.04")),
    ("１００％", Decimal("100")),
    ("100", None),
    ("≥95%", None),
    ("%", None),
    ("", None),
    ("-", None),
])
def test_parse_percent(raw: str, expected: Decimal | None) -> None:
    assert parse_percent(raw) == expected


@pytest.mark.parametrize(("raw", "expected"), [
    ("零", 0), ("〇", 0), ("一", 1), ("二", 2), ("两", 2), ("三", 3), ("四", 4), ("五", 5),
    ("六", 6), ("七", 7), ("八", 8), ("九", 9), ("十", 10), ("十二", 12), ("二十", 20),
    ("二十三", 23), ("九十九", 99), ("一百", 100), ("百", 100), ("一百二十", 120), ("一百零五", 105),
    ("三百五", 350), ("一千", 1000), ("三千零五", 3005), ("一千零五十", 1050), ("一万", 10000),
    ("万", 10000), ("十万", 100000), ("一万二千", 12000), ("一万二", 12000), ("一万零二", 10002),
    ("五十万零三", 500003), ("一亿", 100_000_000), ("一亿二千万", 120_000_000), ("两千", 2000),
    ("二〇二〇", 2020), ("二〇一九", 2019),
    ("壹", 1), ("贰", 2), ("叁", 3), ("肆", 4), ("伍", 5), ("陆", 6), ("柒", 7), ("捌", 8), ("玖", 9),
    ("拾", 10), ("壹佰贰拾", 120), ("叁仟零伍", 3005), ("伍佰", 500),
    ("12", 12), ("１２", 12),
    ("", None), ("一二十", None), ("百分", None), ("第一", None), ("四次", None), ("abc", None),
])
def test_cn_numeral(raw: str, expected: int | None) -> None:
    assert cn_numeral(raw) == expected
