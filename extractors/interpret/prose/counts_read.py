"""A sentence -> the 三公 counts it states (`共接待93批次,1348人次`, `公务用车保有量为0辆`), never differences."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

from normalizers.quantity import Quantity, find_quantities
from extractors.interpret.vocab.load import Words, word

VEHICLE = r"(?:公务用车|公务车辆|公用车辆|车辆|公车)"
# What a 辆 count is, read from the words right before it.
HELD_TAIL = re.compile(rf"(?:{VEHICLE}(?:保有量|保有数|总数|总量)|(?:共有|现有|拥有|实有|保有){VEHICLE})"
                       r"(?:共计|合计|共)?(?:为|是|达)?$"
                       r"|(?:^|[,;:])(?:公务用车|车辆)$")  # an asset list: `房屋…平方米;车辆7辆(…)`
PURCHASE_TAIL = re.compile(rf"(?:(?:购置|更新|新购|购买|采购|新增|置换)了?{VEHICLE}|{VEHICLE}(?:购置|更新)(?:数量|数)?)"
                           r"(?:共计|共)?(?:为|是)?$")
WORDS = Words("prose", "counts_read")  # this module's patterns in vocab/prose.toml
VEHICLE_AFTER = re.compile(rf"^{VEHICLE}")
MAX_GAP = 30  # characters between the item word and the end of its clause, other counts removed
CLAUSE = re.compile(r"[,;:]")
# Words a later clause may hold before a count that still belongs to the item word (`共接待93批次,累计1348人次`).
FILLER = word("prose", "counts_read_filler")
# A clause that states a change (`比上年减少2批次`, `较上年减少了3批次、15人次`), not a level.
DIFFERENCE = word("prose", "counts_read_difference")
BUDGET_WORDS = r"预算(?!单位|管理|法|编制|公开)|预计|计划|拟(?!定|稿)"
ACTUAL_WORDS = r"决算|实际|执行|完成|截至|截止|列明"
MEASURE_WORD = re.compile(rf"(?P<budget>{BUDGET_WORDS})|(?P<actual>{ACTUAL_WORDS})")
YEAR = word("prose", "counts_read_year")
UNIT_METRIC = {"批次": "batches", "批": "batches", "人次": "person_times", "人": "persons", "个": "groups"}


@dataclass(frozen=True)
class Count:
    """One count stated in a sentence, before the document's defaults are applied."""

    item: str
    metric: str
    value: float
    unit: str
    measure: Optional[str]  # None: the document's default
    year: Optional[int]  # None: the fiscal year
    priority: int = 1  # 2 for the 三公 `公务用车保有量` itself, which beats an asset section's `共有车辆`


@dataclass(frozen=True)
class Skipped:
    """A count that was seen but not kept, and why (`approximate`)."""

    reason: str
    text: str


def vehicle_metric(prefix: str, after: str) -> Optional[tuple[str, str, int]]:
    """(item, metric, priority) of a 辆 count from the words around it; None for a sub-type (`执法执勤用车3辆`)."""
    if HELD_TAIL.search(prefix):
        return "vehicle_total", "vehicles_held", 2 if "保有" in prefix[-12:] else 1
    if PURCHASE_TAIL.search(prefix) or (WORDS.purchase_verb_tail.search(prefix) and VEHICLE_AFTER.match(after)):
        return "vehicle_purchase", "vehicles_purchased", 1
    return None


def without_counts(text: str) -> str:
    """Text with its quantities cut out, to measure how far a count sits from its item word."""
    for start, end, _ in reversed(find_quantities(text)):
        text = text[:start] + text[end:]
    return text


def item_of(prefix: str) -> Optional[str]:
    """official_reception or overseas_travel: the nearest item word before a count, if close enough."""
    found = [(m.end(), item) for pattern, item in ((WORDS.reception, "official_reception"), (WORDS.overseas, "overseas_travel"))
             for m in pattern.finditer(prefix)]
    if not found:
        found = [(m.end(), "overseas_travel") for m in WORDS.groups.finditer(prefix)]  # a bare 团组 is a trip abroad
    if not found:
        return None
    end, item = max(found)
    first, *later = CLAUSE.split(without_counts(prefix[end:]))
    return item if len(first) <= MAX_GAP and all(FILLER.match(c) for c in later) else None


def clause_before(sentence: str, start: int) -> str:
    """The text from the last clause mark up to a count."""
    return CLAUSE.split(sentence[:start])[-1]


def travel_metric(item: str, unit: str, prefix: str, after: str) -> Optional[str]:
    """The metric of a 批次/人次/人/个 count of a reception or a trip abroad; None when 个 counts no 团组."""
    metric = UNIT_METRIC[unit]
    if item == "overseas_travel" and metric == "batches":
        return "groups"
    if metric == "groups" and (item != "overseas_travel" or not ("团组" in prefix[-8:] or after.startswith("团组"))):
        return None
    return metric


def measure_of(prefix: str) -> Optional[str]:
    """budget or actual from the last measure word before the count; None when there is none."""
    last = None
    for m in MEASURE_WORD.finditer(prefix):
        last = "budget" if m.group("budget") else "actual"
    return last


def count_year(prefix: str) -> Optional[int]:
    """The last year named before the count (not a comparison year such as `比2017年`)."""
    years = YEAR.findall(prefix)
    return int(years[-1]) if years else None


def classify(sentence: str, start: int, end: int, q: Quantity) -> Optional[tuple[str, str, int]]:
    """(item, metric, priority) of one quantity of a sentence, or None when it is no 三公 count."""
    prefix, after = sentence[:start], sentence[end:]
    if q.unit == "辆":
        return vehicle_metric(prefix, after)
    if q.unit not in UNIT_METRIC:
        return None
    item = item_of(prefix)
    metric = travel_metric(item, q.unit, prefix, after) if item else None
    if item is None or metric is None:
        return None
    if item == "official_reception" and WORDS.subset.search(prefix):
        return None
    return item, metric, 1


def stock_date(sentence: str) -> Optional[str]:
    """The last `截至2022年12月31日` of a sentence: it dates the counts of the sentences after it."""
    found = WORDS.stock_date.findall(sentence)
    return found[-1] if found else None


def read_counts(sentence: str, context: str = "") -> tuple[list[Count], list[Skipped]]:
    """The 三公 counts a sentence states (first per item and metric), and the approximate ones it skipped.

    `context` is a date stated earlier in the paragraph (`截至2022年12月31日`), read for measure and year.
    """
    counts: list[Count] = []
    skipped: list[Skipped] = []
    for start, end, q in find_quantities(sentence):
        what = classify(sentence, start, end, q)
        if what is None or q.value is None or DIFFERENCE.search(clause_before(sentence, start)):
            continue
        item, metric, priority = what
        if any(c.item == item and c.metric == metric for c in counts):
            continue  # a breakdown after the total (`其中:…`)
        if q.op != "=":
            skipped.append(Skipped("approximate", sentence[start:end]))
            continue
        prefix = context + sentence[:start]
        counts.append(Count(item, metric, q.value, q.unit or "", measure_of(prefix), count_year(prefix), priority))
    return counts, skipped
