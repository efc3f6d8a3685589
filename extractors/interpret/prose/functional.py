"""A `…(类)…(款)…(项)` line -> the most specific 功能分类 name it gives (and whether it is 经济分类 instead)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional
from extractors.interpret.vocab.load import word

MARK = word("prose", "functional_mark")
ENUMERATOR = word("prose", "functional_enumerator")
# The name a `(款)` line ends with when its `(项)` is not printed (`…(款)机关事业单位基本养老保险缴费支出 年初预算…`).
TRAILING_NAME = word("prose", "functional_trailing_name")
# 经济分类 classes: their (类)/(款) lines break 人员经费 and 公用经费 down, not the 功能分类.
ECONOMIC = word("prose", "functional_economic")


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
    name, after = tail.group("name"), rest[tail.end():].strip()
    if name == "支出" and names and names[-1].endswith("支出"):
        return names, after  # `教育支出(类)支出86,499.23万元`: the class itself, not a line named 支出
    if name == "支出" and names:
        name = names[-1] + name
    return names + [name], after


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
