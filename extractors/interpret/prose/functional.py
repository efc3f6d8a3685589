"""A `…(类)…(款)…(项)` line -> the most specific 功能分类 name it gives (and whether it is 经济分类 instead)."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Optional
from extractors.interpret.vocab.load import Words

WORDS = Words("prose", "functional")  # this module's patterns in vocab/prose.toml


@dataclass
class Heading:
    """A classification line: its most specific name, the text after it, and its (类) name when it prints one."""

    label: str
    rest: str
    class_name: Optional[str]

    @property
    def economic(self) -> bool:
        """True for a 经济分类 (类) line."""
        return bool(self.class_name and WORDS.economic.match(self.class_name))


def trailing(names: list[str], rest: str, last_mark: str) -> tuple[list[str], str]:
    """Add the name printed after a final (类)/(款) mark (`一般公共服务(类)支出…` names the class itself)."""
    tail = WORDS.trailing_name.match(rest) if last_mark != "(项)" else None
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
    marks = list(WORDS.mark.finditer(text))
    if not marks:
        return None
    path, rest = WORDS.enumerator.sub("", text[: marks[-1].end()]).strip(), text[marks[-1].end():].strip()
    if re.search(r"[,;。]", path):
        return None
    names = [n.strip() for n in WORDS.mark.split(path) if n.strip()]
    class_name = names[0] if marks[0].group() == "(类)" and names else None
    names, rest = trailing(names, rest, marks[-1].group())
    return Heading(names[-1], rest, class_name) if names else None
