"""Title lines -> doc_type: 决算, 预算, 部门整体 or 项目 self-evaluation, or other."""
from __future__ import annotations

import re
from typing import Iterable, Optional

# Checked in this order on one line; the first pattern that matches names the line's type.
TYPE_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("budget", re.compile(r"绩效目标(?:申报)?表$")),  # a 预算's target table, not a self-evaluation
    ("dept_performance_self_eval", re.compile(r"整体支出.{0,8}绩效|部门整体.{0,8}绩效|整体绩效.{0,4}(自评|评价)")),
    ("project_performance_self_eval",
     re.compile(r"(项目|专项)(支出|资金|经费)?.{0,16}绩效.{0,6}(自评|评价)|专项支出绩效|项目支出绩效")),
    ("dept_performance_self_eval", re.compile(r"(?:部门|单位)?绩效自评(?:工作)?报告")),  # no 项目/专项 named
    ("final_accounts", re.compile(r"决算")),
    ("budget", re.compile(r"部门预算|单位预算|预算公开|预算表|收支预算|预算信息公开|预算(?:情况)?说明|\d{4}年度?预算$")),
]
# A title ending in one of these words is a notice, gazette, speech or work summary, whatever else it mentions.
OTHER_TITLE = re.compile(r"(?:通知|公告|通告|公报|意见|办法|规定|总结|讲话|纪要|批复|决定|方案|规划|简报|新闻|答记者问|函|通报)"
                         r"[\"”」》]?$")
# Wherever they stand in a title line, these name a gazette, a work plan/summary or the government's own budget report.
OTHER_ANYWHERE = re.compile(r"公报|工作(?:总结|计划|思路|要点|动态)|(?<!自评)(?<!评价)工作报告|(?:预算执行情况|预算草案|决算草案).{0,16}报告"
                            r"|决算草案|自查报告|审计报告|答记者问|政策解读"
                            r"|(?:政府|财政|县级|市级|区级|省级|全县|全市|全区|全省)总?(?:预算|决算)(?!表)")
# A review of a report (an official 检查表 / 审核意见) quotes the report's figures but is not the report.
REVIEW_TITLE = re.compile(r"检查表|审核表|核查表|审查表|审核意见|审查意见|检查情况")
BODY_MIN_HITS = 3
DATED = re.compile(r"(?:^|\s)\d{4}-\d{1,2}-\d{1,2}$")  # a list entry's publication date, inline or on its own line


def is_link_list(lines: list[str]) -> bool:
    """True for a portal page listing reports: at least two lines announce a report and every one of them is a dated
    list entry (`…2026年度单位预算 2026-03-02`, or a date on the next line), so none is this page's own title."""
    announcing = [i for i, line in enumerate(lines) if line_type(line) not in (None, "other")]
    dated = [i for i in announcing
             if DATED.search(lines[i].strip()) or (i + 1 < len(lines) and DATED.match(lines[i + 1].strip()))]
    return len(announcing) >= 2 and len(dated) == len(announcing)


def line_type(line: str) -> Optional[str]:
    """The doc_type a single title line announces, 'other' for a notice-like title, else None."""
    text = re.sub(r"\s+", "", line)
    if REVIEW_TITLE.search(text) and len(text) <= 60:
        return "other"
    if OTHER_ANYWHERE.search(text) and "表" not in text and len(text) <= 60:
        return "other"
    for doc_type, pattern in TYPE_PATTERNS:
        if pattern.search(text):
            return "other" if OTHER_TITLE.search(text) and "表" not in text else doc_type
    return "other" if OTHER_TITLE.search(text) and len(text) <= 40 else None


def first_type(lines: Iterable[str]) -> Optional[str]:
    """The type announced by the first line (or a title broken over two lines) that announces one."""
    items = list(lines)
    for i, line in enumerate(items):
        found = line_type(line) or (line_type(line + items[i + 1]) if i + 1 < len(items) else None)
        if found:
            return found
    return None


def body_type(text: str) -> Optional[str]:
    """The type whose phrases dominate a body of text (at least BODY_MIN_HITS mentions), else None."""
    text = re.sub(r"\s+", "", text)
    counts = {t: len(p.findall(text)) for t, p in TYPE_PATTERNS}
    best = max(counts, key=lambda t: counts[t])
    return best if counts[best] >= BODY_MIN_HITS else None


def doc_type_of(head: list[str], headings: list[str], body: str) -> str:
    """Title lines first, then headings and captions, then the body's dominant phrases; 'other' when none."""
    if any(REVIEW_TITLE.search(re.sub(r"\s+", "", line)) for line in head[:5]):
        return "other"  # a reviewer's check sheet of a report, whatever the sheet or file is called
    return first_type(head) or first_type(headings) or body_type(body) or "other"
