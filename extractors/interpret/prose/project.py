"""A project report -> the name of the one project it evaluates (`永州市政务服务和电子政务专项（项目）` -> `政务服务和电子政务专项`)."""
from __future__ import annotations

import re
from typing import Iterable, Optional

from extractors.interpret.records import DocMeta
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import word
from extractors.model import Document, Table
from normalizers.text import clean_text

HEAD_BLOCKS = 20
PROJECT_LINE = [
    re.compile(r"^(?P<name>.{2,40}?)\(项目\)$"),
    re.compile(r"^(?P<name>.{2,40}?(?:专项|项目))(?:资金|经费)?(?:\d{4}年度?)?(?:绩效)?(?:自评|评价)报告$"),
]
FORM_LABEL = word("prose", "project_form_label")
LEADING = word("prose", "project_leading")



def strip_place(name: str, meta: DocMeta) -> str:
    """Drop a leading year, level word, org name or region from a project name."""
    name = LEADING.sub("", name)
    for prefix in (meta.org_name, meta.region):
        if prefix and name.startswith(prefix) and len(name) > len(prefix) + 1:
            name = name[len(prefix):]
    return name


def name_from_lines(lines: Iterable[str], meta: DocMeta) -> Optional[str]:
    """The project named by a cover/title line."""
    for line in lines:
        text = squeeze(line)
        for pattern in PROJECT_LINE:
            m = pattern.match(text)
            if m:
                return strip_place(m.group("name"), meta)
    return None


def name_from_forms(tables: Iterable[Table]) -> Optional[str]:
    """The single project named in `项目名称 | …` form cells (None when there are several)."""
    names: set[str] = set()
    for table in tables:
        for row in table.anchors():
            for left, right in zip(row, row[1:]):
                if left is not None and right is not None and left is not right and FORM_LABEL.match(squeeze(left.text)):
                    if squeeze(right.text):
                        names.add(squeeze(right.text))
    return names.pop() if len(names) == 1 else None


def project_name_of(doc: Document, meta: DocMeta) -> Optional[str]:
    """The evaluated project's name, only for a project self-evaluation; None when it cannot be told."""
    if meta.doc_type != "project_performance_self_eval":
        return None
    lines = [p.text for p in list(doc.paragraphs())[:HEAD_BLOCKS]]
    return name_from_lines(lines, meta) or name_from_forms(doc.tables())
