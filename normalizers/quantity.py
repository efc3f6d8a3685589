"""Readers for performance targets and results: operator, value (万/亿 folded in) and counting unit."""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from decimal import Decimal

from normalizers.numbers import EMPTY_MARKS, cn_numeral
from normalizers.text import clean_text
from normalizers.units import MULTIPLIERS, PREFIX_OPS, SUFFIX_OPS, UNITS, alternation, unit_pattern


@dataclass(frozen=True)
class Quantity:
    """An operator (`>=`, `<=`, `>`, `<`, `=`, `text` or None), a value and a canonical unit."""

    op: str | None
    value: float | None
    unit: str | None


EMPTY = Quantity(None, None, None)
TEXT = Quantity("text", None, None)

_CN = "零〇一二两三四五六七八九十百千万亿壹贰叁肆伍陆柒捌玖拾佰仟"
_CN_VALUE_START = set("一二两三四五六七八九十壹贰叁肆伍陆柒捌玖拾")
_QUANTITY = re.compile(
    rf"""
    (?:(?P<pre>{alternation(PREFIX_OPS)})\s*)?
    (?P<pct>百分之)?
    (?:
        (?P<num>(?:(?<![0-9A-Za-z.])[-+])?(?<![0-9A-Za-z.])\d+(?:,\d{{3}})*(?:\.\d+)?(?![0-9]))
      | (?P<cn>(?<!第)(?<!周)(?<!星期)(?<!礼拜)[{_CN}]+)
    )
    \s*(?P<approx>余|多)?\s*
    (?:
        (?P<unit>{unit_pattern()})
      | (?P<mult>{alternation(MULTIPLIERS)})\s*(?P<approx2>余|多)?\s*(?P<munit>{unit_pattern()})?
      | \(\s*(?P<pmult>{alternation(MULTIPLIERS)})?\s*(?P<punit>{unit_pattern()})\s*\)
    )?
    (?P<per>(?:\s*/\s*(?:{unit_pattern()}))+)?
    (?:\s*\(含\))?
    (?:\s*(?P<suf>(?:{alternation({k: v for k, v in SUFFIX_OPS.items() if k != "内"})})|内(?=$|[\s,.;:。、)])))?
    """,
    re.X,
)

_CN_DATE_DIGIT = "〇零一二三四五六七八九十"
_MASKS = [re.compile(p) for p in (
    r"(?<!\d)(?:19|20)\d{2}\s*年(?:\s*度)?(?:\s*\d{1,2}\s*月(?:\s*\d{1,2}\s*[日号])?)?",  # 2024年04月26日, 2020年
    r"(?<!\d)(?:19|20)\d{2}\s*[-./]\s*\d{1,2}(?:\s*[-./]\s*\d{1,2})?(?!\d)",  # 2019-07-29, 2025.1.1
    r"(?<![\d个])\d{1,2}\s*[-~至到]\s*\d{1,2}\s*月",  # 1-12月
    r"(?<![\d个])\d{1,2}\s*月\s*\d{1,2}\s*[日号]",  # 5月11日
    r"(?<![\d个])\d{1,2}\s*月(?=\s*(?:底|初|中|末|份|上旬|中旬|下旬|前|后|起|止|至|到|-))",  # 6月底
    r"月\s*\d{1,2}\s*[日号]",  # 每月20日
    r"(?<=[日号])\s*[、,和及与至到-]\s*\d{1,2}\s*[日号]",  # 5月30日、31日
    rf"[{_CN_DATE_DIGIT}]{{4}}\s*年|[{_CN_DATE_DIGIT}]{{1,3}}月[{_CN_DATE_DIGIT}]{{1,3}}[日号]",  # 二〇二〇年, 五月二十日
    r"[〔\[【(]\s*(?:19|20)\d{2}\s*[〕\]】)]\s*(?:第\s*)?\d*\s*号?",  # 〔2012〕33号
    r"(?<!\d)0\d{2,3}\s*[-—]\s*\d{7,8}(?!\d)|(?<!\d)1[3-9]\d{5}(?:\d{4}|\*{4})(?!\d)",  # phone numbers
    r"第\s*[\d" + _CN + r"]+",  # ordinals
    r"(?<!\d)\d{1,2}\s*:\s*\d{2}(?!\d)",  # clock times
)]
_TRAILING_PUNCT = ".。;；,，、 "
_CLAUSE_END = re.compile(r"[,;。]")
_SENTENCE_PUNCT = re.compile(r"[,;:!?。]")
_CONNECTOR = re.compile(r"(?:为|是|:)$")
_CN_IDIOMS = {("十", "字"), ("一", "米")}  # 红十字, 一米线
# After a Chinese numeral these units name an office or a section (公诉二处, 第一分, 三所), so they count only digits.
_DIGIT_ONLY_UNITS = frozenset({"处", "部", "所", "分"})
_IDIOM_ONE = re.compile(rf"^一[^\d{_CN}]")  # 一次办好, 最多跑一次: a slogan, not a count


def _fold(text: str) -> str:
    """NFKC each character on its own, keeping the length so that spans index the input."""
    out = []
    for ch in text:
        n = unicodedata.normalize("NFKC", ch)
        out.append(n if len(n) == 1 else ch)
    return "".join(out)


def _masked(text: str) -> list[tuple[int, int]]:
    """Spans of dates, document numbers, phone numbers and ordinals, which hold no quantity."""
    return [m.span() for pattern in _MASKS for m in pattern.finditer(text)]


def _number_span(m: re.Match[str]) -> tuple[int, int]:
    """Span of the number itself within a quantity match."""
    return m.span("num") if m.group("num") is not None else m.span("cn")


def _read(m: re.Match[str], masks: list[tuple[int, int]], need_unit: bool) -> Quantity | None:
    """Turn a match into a Quantity, or None when it is masked, lacks a unit, or is no real numeral."""
    start, end = _number_span(m)
    if any(s < end and start < e for s, e in masks):
        return None
    printed_unit = m.group("unit") or m.group("munit") or m.group("punit")
    if need_unit and not printed_unit and not m.group("pct"):
        return None
    if need_unit and printed_unit == "月":
        return None  # a bare N月 in a sentence is a month, not a duration (that is N个月)
    if m.group("num") is not None:
        value = Decimal(m.group("num").replace(",", ""))
    else:
        cn = m.group("cn")
        if cn[0] not in _CN_VALUE_START and not (len(cn) > 1 and cn[1] in _CN_VALUE_START):
            return None  # 万, 千家万户: no digit, so no count
        if (cn, printed_unit) in _CN_IDIOMS or printed_unit in _DIGIT_ONLY_UNITS:
            return None
        number = cn_numeral(cn)
        if number is None:
            return None
        value = Decimal(number)
    multiplier = m.group("mult") or m.group("pmult")
    if multiplier:
        value *= MULTIPLIERS[multiplier]
    unit = "%" if m.group("pct") else (UNITS[printed_unit] if printed_unit else None)
    if unit and m.group("per"):  # compound units: `150元/人/天`, `3万元/公里`
        unit += "".join("/" + UNITS[u.strip()] for u in m.group("per").split("/")[1:])
    op = PREFIX_OPS.get(m.group("pre") or "") or SUFFIX_OPS.get(m.group("suf") or "")
    if op is None:
        op = ">" if m.group("approx") or m.group("approx2") else "="
    return Quantity(op, float(value), unit)


def find_quantities(text: str) -> list[tuple[int, int, Quantity]]:
    """Every quantity (number or Chinese numeral with a unit, and any operator) in text, with its span."""
    folded = _fold(text)
    masks = _masked(folded)
    found: list[tuple[int, int, Quantity]] = []
    for m in _QUANTITY.finditer(folded):
        if m.group("num") is None and m.group("cn") is None:
            continue
        q = _read(m, masks, need_unit=True)
        if q is not None:
            start = m.start("pre") if m.group("pre") else m.start()
            found.append((start, m.end(), q))
    return found


def _whole(text: str) -> Quantity | None:
    """The quantity that makes up all of the (cleaned) text, a bare number allowed; else None."""
    m = _QUANTITY.fullmatch(text)
    if m is None or (m.group("num") is None and m.group("cn") is None):
        return None
    return _read(m, _masked(text), need_unit=False)


def _prepare(text: str | None) -> str:
    """Clean a cell and drop trailing punctuation."""
    return clean_text(text or "").rstrip(_TRAILING_PUNCT)


def parse_target(text: str) -> Quantity:
    """Read a 年度指标值 cell (`≧300万字` → (>=, 3000000, 字)); qualitative text gives op `text`, blank gives Nones."""
    t = _prepare(text)
    if t in EMPTY_MARKS:
        return EMPTY
    whole = _whole(t)
    if whole is not None:
        return whole
    if not _SENTENCE_PUNCT.search(t):
        found = [(s, e, q) for s, e, q in find_quantities(t) if not _IDIOM_ONE.match(t[s:e])]
        if len(found) == 1:
            return found[0][2]
    return TEXT


def parse_actual(text: str, target_unit: str | None) -> Quantity:
    """Read a 实际完成值 cell; a bare number takes the target's unit, a sentence gives the quantity it reports."""
    t = _prepare(text)
    if t in EMPTY_MARKS:
        return EMPTY
    whole = _whole(t)
    if whole is not None:
        if whole.unit is None and target_unit is not None:
            return replace(whole, unit=target_unit)
        return whole
    found = find_quantities(t)
    if target_unit is not None:
        for _, _, q in found:
            if q.unit == target_unit:
                return q
    clause_end = _CLAUSE_END.search(t)
    limit = clause_end.start() if clause_end else len(t)
    in_clause = [q for start, end, q in found if end <= limit]
    return in_clause[0] if len(in_clause) == 1 else TEXT


def split_trailing_target(name: str) -> tuple[str, str | None]:
    """Split a target printed at the end of an indicator name (`…办结率100%` → (`…办结率`, `100%`))."""
    stripped = name.rstrip()
    found = find_quantities(stripped)
    if not found or found[-1][1] != len(stripped):
        return name, None
    start = found[-1][0]
    tail = stripped[start:].strip()
    if _IDIOM_ONE.match(tail):
        return name, None
    head = _CONNECTOR.sub("", stripped[:start].rstrip()).rstrip()
    if not head:
        return name, None
    return head, tail
