"""A `…(类)…(款)…(项)` line -> the most specific 功能分类 name it gives (and whether it is 经济分类 instead)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional

MARK = re.compile(r"\((?:类|款|项)\)")
ENUMERATOR = re.compile(r"^(?:\(?[一二三四五六七八九十\d]{1,3}[)、.]|第[一二三四五六七八九十]+[、.])")
# The name a `(款)` line ends with when its `(项)` is not printed (`…(款)机关事业单位基本养老保险缴费支出 年初预算…`).
TRAILING_NAME = re.compile(r"^(?P<name>[^\d,;。:\s()]{2,30}?)(?=\s|年初预算|预算|决算|\d|$)")
# 经济分类 classes: their (类)/(款) lines break 人员经费 and 公用经费 down, not the 功能分类.
ECONOMIC = re.compile(r"^(?:机关)?(?:工资福利|商品和服务|对个人和家庭的补助|对企业补助|对企事业单位的补贴|资本性|"
                      r"债务利息及费用|对社会保障基金补助)(?:支出)?$")


@dataclass
class Heading:
    """A classification line: its most specific name, the text after it, and its (类) name when it prints one."""

    label: str
    rest: str
    class_name: Optional[str]

    @property
    def economic(self) -> bool:
        """True for a 经济分类 (类) line."""
        return bool(self.class_name and ECONOMIC.match(self.class_name))


def trailing(names: list[str], rest: str, last_mark: str) -> tuple[list[str], str]:
    """Add the name printed after a final (类)/(款) mark (`一般公共服务(类)支出…` names the class itself)."""
    tail = TRAILING_NAME.match(rest) if last_mark != "(项)" else None
    if not tail:
        return names, rest
    name = tail.group("name")
    if name == "支出" and names and not names[-1].endswith("支出"):
        name = names[-1] + name
    return names + [name], rest[tail.end():].strip()


def functional_heading(text: str) -> Optional[Heading]:
    """The classification a `…(类)…(款)…(项)` line names, None for any other line."""
    marks = list(MARK.finditer(text))
    if not marks:
        return None
    path, rest = ENUMERATOR.sub("", text[: marks[-1].end()]).strip(), text[marks[-1].end():].strip()
    if re.search(r"[,;。]", path):
        return None
    names = [n.strip() for n in MARK.split(path) if n.strip()]
    class_name = names[0] if marks[0].group() == "(类)" and names else None
    names, rest = trailing(names, rest, marks[-1].group())
    return Heading(names[-1], rest, class_name) if names else None
