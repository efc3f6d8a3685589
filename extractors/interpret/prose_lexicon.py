"""The words prose uses for money lines: item subjects, measures, differences and 功能分类 class names."""
from __future__ import annotations

import re
from dataclasses import dataclass

Q = "[\"“”'‘’]?"  # an optional quote mark around 三公
AFTER_YEAR = r"(?:(?<=年)|(?<=年度)|(?<=本年)|(?<=决算)|(?<=单位)|(?<=部门)|(?<=部门预算)|(?<=单位预算))"


@dataclass(frozen=True)
class Term:
    """A subject word: the dataset and item it names, and its priority against other words of the same clause."""

    dataset: str  # 'budgets' or 'three_public'
    item: str
    pattern: re.Pattern[str]
    priority: int


def term(dataset: str, item: str, pattern: str, priority: int) -> Term:
    """Build a Term."""
    return Term(dataset, item, re.compile(pattern), priority)


FUNCTIONAL_CLASSES = (
    "一般公共服务支出", "外交支出", "国防支出", "公共安全支出", "教育支出", "科学技术支出", "文化旅游体育与传媒支出",
    "文化体育与传媒支出", "社会保障和就业支出", "社会保障与就业支出", "社会保险基金支出", "卫生健康支出",
    "医疗卫生与计划生育支出", "医疗卫生支出", "节能环保支出", "城乡社区支出", "农林水支出", "交通运输支出",
    "资源勘探工业信息等支出", "资源勘探信息等支出", "商业服务业等支出", "金融支出", "援助其他地区支出",
    "自然资源海洋气象等支出", "国土海洋气象等支出", "住房保障支出", "粮油物资储备支出", "灾害防治及应急管理支出",
    "债务付息支出", "债务发行费用支出",
)

TERMS: list[Term] = [
    term("three_public", "total", rf"{Q}三公{Q}经费", 3),
    term("three_public", "official_reception", r"(?<!国内)(?<!外)(?<!外宾)公务接待(?:费用?|经费)", 3),
    term("three_public", "vehicle_total",
         r"公务用车购置(?:费)?(?:及|和)(?:公务用车)?运行(?:维护)?费|公务用车购置和维护经费|公务用车购置及运维费", 3),
    term("three_public", "vehicle_purchase", r"公务用车购置费|公车购置费?", 3),
    term("three_public", "vehicle_operation", r"公务用车运行(?:维护)?费|公务用车运维费|公车运行维护费?|公车运维费", 3),
    term("three_public", "overseas_travel", r"因公出国\(境\)(?:经)?费|因公出国(?:境)?(?:经)?费|出国\(境\)(?:经)?费", 3),
    term("budgets", "functional", "|".join(FUNCTIONAL_CLASSES), 2),
    term("budgets", "income_general_budget",
         r"(?:市级?|县级?|区级?|省级?|本级)?财政拨款(?:收入|资金)(?!支出)|(?:公共财政|一般公共预算)(?:财政)?拨款(?:收入)?(?!支出)"
         r"|当年财政拨款(?!支出)|一般公共预算收入", 2),
    term("budgets", "income_gov_fund", r"政府性基金(?:预算)?(?:财政)?拨款(?:收入)?(?!支出)|政府性基金收入|政府基金拨款", 2),
    term("budgets", "income_special_account", r"纳入专户管理的非税收入(?:拨款)?", 2),
    term("budgets", "income_carryover", r"上年结转(?:结余)?(?:资金)?", 2),
    term("budgets", "income_other", r"其他收入", 2),
    term("budgets", "expenditure_basic", r"基本支出", 2),
    term("budgets", "expenditure_personnel", r"人员经费(?:支出)?|人员支出|(?:人员)?工资福利支出", 2),
    term("budgets", "expenditure_public", r"(?:日常)?公用经费(?:支出)?|公用支出|商品和服务支出", 2),
    term("budgets", "expenditure_project", r"项目(?:专项)?支出", 2),
    term("budgets", "government_procurement", r"(?<!类)(?<!货物)(?<!工程)(?<!服务)(?:政府采购(?:支出)?(?:预算)?(?:总金额|总额|金额|合计)|政府采购支出|政府采购预算)", 2),
    term("budgets", "income_total", rf"收入合计|总收入|收入总额|{AFTER_YEAR}收入(?!支出|总计)", 1),
    term("budgets", "expenditure_total", rf"支出合计|总支出|支出总额|整体支出|财政拨款支出|{AFTER_YEAR}支出(?!总计)", 1),
]

# What may stand between a subject and its amount (`政府采购支出总额139.8万元`, `支出预算为4.7万元`).
GAP = re.compile(r"^(?:一般公共预算|财政拨款|财政|拨款|支出|收入|总额|总计|合计|共计|金额|年初|全年|调整|预算|决算|实际|执行|安排|控制数|"
                 r"20\d{2}年度?|数|为|是|达到|达|均|共|计|了|:)*$")
# Measure words, checked on the clause just before an amount; the last one found wins.
MEASURES = [
    ("budget_full_year", re.compile(r"调整预算|全年预算|调整后预算")),
    ("budget_initial", re.compile(r"年初预算|(?<!全年)(?<!调整)(?<!调整后)预算(?:数|为|安排)?")),
    ("actual", re.compile(r"决算|实际|执行数|执行|完成")),
]
# A clause stating a change rather than a level.
DIFFERENCE = re.compile(r"增加|减少|增长|下降|节约|节省|超支|相比|同比|环比|增幅|降幅|(?:上年|上一年)(?!度?(?:末?结转|结余))|多支|少支|"
                        r"[比较]\d{4}年|压减|缩减|降低")
# A per-head or average figure (`人均公用经费1.5万元`), never a line's level.
PER_HEAD = re.compile(r"(?:人均|平均|户均|生均|每人|每车)$")
# An amount that is a threshold, not a level (`50万元以上`).
THRESHOLD_AFTER = re.compile(r"^(?:以上|以下|以内|左右|多|余|及以上|不等)")
CONNECTORS = re.compile(r"^[和及与、]$")
