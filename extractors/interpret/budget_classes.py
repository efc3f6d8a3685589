"""功能分类 class (类) names -> their national 3-digit codes, for class lines printed without a code."""
from __future__ import annotations

import re
from typing import Optional

# 政府收支分类科目 (支出功能分类) classes, with the older names that earlier years' tables still print.
CLASS_CODES: dict[str, str] = {
    "一般公共服务支出": "201", "外交支出": "202", "国防支出": "203", "公共安全支出": "204", "教育支出": "205",
    "科学技术支出": "206", "文化旅游体育与传媒支出": "207", "文化体育与传媒支出": "207",
    "社会保障和就业支出": "208", "社会保险基金支出": "209", "卫生健康支出": "210",
    "医疗卫生与计划生育支出": "210", "医疗卫生支出": "210", "节能环保支出": "211", "城乡社区支出": "212",
    "城乡社区事务支出": "212", "农林水支出": "213", "农林水事务支出": "213", "交通运输支出": "214",
    "资源勘探工业信息等支出": "215", "资源勘探信息等支出": "215", "资源勘探电力信息等支出": "215",
    "商业服务业等支出": "216", "金融支出": "217", "金融监管等事务支出": "217", "援助其他地区支出": "219",
    "自然资源海洋气象等支出": "220", "国土海洋气象等支出": "220", "国土资源气象等支出": "220",
    "住房保障支出": "221", "粮油物资储备支出": "222", "国有资本经营预算支出": "223",
    "灾害防治及应急管理支出": "224", "预备费": "227", "其他支出": "229", "转移性支出": "230",
    "债务还本支出": "231", "债务付息支出": "232", "债务发行费用支出": "233", "抗疫特别国债安排的支出": "234",
}
_CLASS_MARK = re.compile(r"[(（]类[)）]$")


def class_key(name: str) -> str:
    """A class name as looked up: spaces and a trailing `(类)` removed."""
    return _CLASS_MARK.sub("", re.sub(r"\s+", "", name))


def class_code(name: str) -> Optional[str]:
    """The 3-digit 功能分类 code of a class name (`一般公共服务支出` -> `201`), or None for any other label."""
    return CLASS_CODES.get(class_key(name))
