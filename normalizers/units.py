"""Vocabulary of performance targets: comparison words, counting units and the multipliers folded into values."""
from __future__ import annotations

import re

# Comparison words printed before the number, with the operator they stand for.
PREFIX_OPS: dict[str, str] = {
    "≥": ">=", "≧": ">=", "⩾": ">=", ">=": ">=", "=>": ">=", "大于等于": ">=", "大于或等于": ">=",
    "不少于": ">=", "不低于": ">=", "不小于": ">=", "至少": ">=", "达到": ">=", "达": ">=",
    "≤": "<=", "≦": "<=", "⩽": "<=", "<=": "<=", "=<": "<=", "小于等于": "<=", "小于或等于": "<=",
    "不超过": "<=", "不高于": "<=", "不大于": "<=", "不多于": "<=", "最多": "<=", "至多": "<=",
    "控制在": "<=",
    ">": ">", "大于": ">", "高于": ">", "超过": ">", "多于": ">",
    "<": "<", "小于": "<", "低于": "<", "少于": "<", "不足": "<", "不到": "<",
    "==": "=", "=": "=", "等于": "=",
}
# Words printed after the number and unit.
SUFFIX_OPS: dict[str, str] = {
    "及以上": ">=", "或以上": ">=", "以上": ">=",
    "及以下": "<=", "或以下": "<=", "以下": "<=", "以内": "<=", "之内": "<=", "内": "<=",
}
# Printed unit → canonical unit. Money units appear as a multiplier (万/亿/千) plus 元.
UNITS: dict[str, str] = {
    "%": "%", "‰": "‰", "个百分点": "百分点", "百分点": "百分点",
    "人次": "人次", "人数": "人", "人": "人", "名": "名",
    "批次": "批次", "批": "批", "次": "次", "件": "件", "项": "项", "条": "条", "个": "个",
    "个工作日": "工作日", "工作日": "工作日", "天": "天", "日": "日", "年": "年", "个月": "月", "月": "月",
    "周": "周", "小时": "小时", "分钟": "分钟", "秒": "秒",
    "中文字": "字", "字": "字", "台": "台", "套": "套", "家": "家", "户": "户", "篇": "篇", "期": "期",
    "场": "场", "份": "份", "辆": "辆", "册": "册", "座": "座", "张": "张", "栋": "栋", "例": "例",
    "课时": "课时", "学时": "学时", "本": "本", "大类": "类", "元": "元",
    "页": "页", "分": "分", "所": "所", "间": "间", "台套": "台套", "处": "处", "株": "株", "棵": "棵", "盏": "盏",
    "块": "块", "部": "部",
    "公里": "公里", "千米": "公里", "km": "公里", "平方公里": "平方公里", "平方米": "平方米", "m2": "平方米",
    "㎡": "平方米", "立方米": "立方米", "立方": "立方米", "m3": "立方米", "米": "米", "吨": "吨", "亩": "亩",
}
# Units that must not be read where a longer word starts with them (项目, 台账, 年度 …).
UNIT_GUARDS: dict[str, str] = {
    "项": "目", "台": "账帐", "年": "度", "次": "数", "人": "民员", "期": "间", "周": "年岁", "本": "级年部单期次月人项",
    "分": "钟之值数别", "所": "有属在得需", "处": "理置室罚", "部": "门分署", "间": "隔断",
}
MULTIPLIERS: dict[str, int] = {"千万": 10_000_000, "百万": 1_000_000, "十万": 100_000, "万": 10_000, "亿": 100_000_000, "千": 1_000}


def alternation(words: "dict[str, str] | dict[str, int]") -> str:
    """Regex alternation of the given words, longest first so that `≥=`-style prefixes never shadow longer ones."""
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


def unit_pattern() -> str:
    """Regex alternation of the units, each guarded against the longer words that begin with it."""
    parts = []
    for word in sorted(UNITS, key=len, reverse=True):
        guard = UNIT_GUARDS.get(word)
        parts.append(re.escape(word) + (f"(?![{guard}])" if guard else ""))
    return "|".join(parts)
