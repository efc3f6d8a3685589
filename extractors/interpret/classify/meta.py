"""Document -> DocMeta: what kind of report it is, whose, where, for which year, and its title."""
from __future__ import annotations

import re
from collections import Counter
from typing import Iterator, Optional

from extractors.interpret.classify.org import (org_from_body, org_from_form_lines, org_from_forms, org_from_lines,
                                               region_from_body, region_of_name, region_of_title, split_suffix,
                                               org_key)
from extractors.interpret.classify.doc_type import doc_type_of, is_link_list, line_type
from extractors.interpret.records import DocMeta
from extractors.model import Document, Paragraph, Table

HEAD_MAX_LINES = 15
HEAD_LINE_CHARS = 60
MONTH_AHEAD = r"(?!\s*(?:\d{1,2}|[一二三四五六七八九十]{1,3})\s*月)"
YEAR = re.compile(rf"(20\d{{2}})\s*(?:年|预算|决算|部门|单位){MONTH_AHEAD}")
TEXT_YEAR = re.compile(rf"(20\d{{2}})\s*年{MONTH_AHEAD}")


def head_lines(doc: Document) -> list[str]:
    """The short lines that open the document (cover and title), before the first table or long paragraph."""
    lines: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Table) and block.n_cols <= 1 and not lines:  # a cover text box
            lines.extend(t for c in block.cells for t in c.text.splitlines() if t.strip())
            continue
        if isinstance(block, Table) or len(lines) >= HEAD_MAX_LINES:
            break
        text = block.text.strip()
        if len(org_key(text)) > HEAD_LINE_CHARS:
            break
        if text:
            lines.extend(t for t in text.splitlines() if t.strip())
    title = doc.metadata.get("title")
    return lines + ([title] if title else [])


def heading_lines(doc: Document) -> list[str]:
    """Headings and table captions in reading order."""
    out: list[str] = []
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.level > 0:
            out.append(block.text)
        elif isinstance(block, Table):
            out.extend(block.caption[-2:])
    return out


def body_text(doc: Document) -> str:
    """All prose, table captions and the long (report-like) table cells."""
    cells = [c.text for t in doc.tables() for c in t.cells if len(c.text) > HEAD_LINE_CHARS]
    return "\n".join([doc.text()] + [" ".join(t.caption) for t in doc.tables()] + cells)


def form_pairs(doc: Document) -> Iterator[tuple[str, str]]:
    """(label, value) pairs of neighbouring cells in every table row (merged cells counted once)."""
    for table in doc.tables():
        for row in table.anchors():
            cells = [c for i, c in enumerate(row) if c is not None and (i == 0 or c is not row[i - 1])]
            for left, right in zip(cells, cells[1:]):
                if len(left.text) <= 20:
                    yield left.text, right.text


def type_title(lines: list[str]) -> Optional[tuple[int, str]]:
    """(index, text) of the first line that announces a report type; a title broken over two lines is joined
    (`2023年度部门整体支出` + `绩效自评报告`) and indexed at its second line."""
    for i, line in enumerate(lines):
        if line_type(line) not in (None, "other"):
            return i, line
        if i + 1 < len(lines) and line_type(lines[i + 1]) is None and line_type(line + lines[i + 1]) not in (None, "other"):
            return i + 1, line + lines[i + 1]
    return None


def joined_title(lines: list[str]) -> Optional[str]:
    """The cover lines up to the first type-announcing one, joined (`上海市普陀区规划和自然` + `资源局` + `2024年度部门决算`)."""
    found = type_title(lines)
    if not found:
        return None
    head = lines[: found[0] + 1]
    start = max((i + 1 for i, line in enumerate(head) if re.search(r"目\s*录|附件", line)), default=0)
    return "".join(head[start:])


def title_of(lines: list[str]) -> Optional[str]:
    """The title line (joined with a short continuation line such as `数据表`)."""
    found = type_title(lines)
    if not found:
        return None
    i, text = found
    nxt = lines[i + 1].strip() if i + 1 < len(lines) else ""
    if nxt and len(nxt) <= 10 and not re.search(r"\d|目录|目 录", nxt):
        text += nxt
    return org_key(text)


def full_title(head: list[str]) -> Optional[str]:
    """The joined cover title when it names the unit (`江苏省人民检察院2018年部门预算`), else the title line."""
    joined = joined_title(head)
    return org_key(joined) if joined and org_from_lines([joined]) else title_of(head)


def year_in(text: str) -> Optional[int]:
    """The first report year printed in a line (`2023年度…` -> 2023)."""
    m = YEAR.search(org_key(text))
    return int(m.group(1)) if m else None


def fiscal_year_of(head: list[str], headings: list[str], body: str) -> Optional[int]:
    """Year of the title line, else the first year in head lines or captions, else the body's dominant year."""
    found = type_title(head)
    if found and year_in(found[1]):
        return year_in(found[1])
    for line in head + headings:
        if line_type(line) not in (None, "other") and year_in(line):
            return year_in(line)
    counts = Counter(int(y) for y in TEXT_YEAR.findall(org_key(body)))  # org_key also reads 二〇二三年
    return counts.most_common(1)[0][0] if counts else None


def listing(doc: Document) -> bool:
    """True for a page without tables that only lists reports published elsewhere (a portal's home or column page)."""
    return not any(True for _ in doc.tables()) and is_link_list([p.text for p in doc.paragraphs()])


def org_of(doc: Document, head: list[str], body: str) -> Optional[str]:
    """Title/cover lines first, then form cells, then the body's most frequent placed unit."""
    lines = [p.text for p in doc.paragraphs()]
    joined = joined_title(head)
    return (org_from_lines([joined] if joined else []) or org_from_lines(head)
            or org_from_forms(list(form_pairs(doc)) + org_from_form_lines(head + lines)) or org_from_body(body))


def classify(doc: Document) -> DocMeta:
    """Classify a document and find its unit, region, fiscal year and title."""
    head, headings, body = head_lines(doc), heading_lines(doc), body_text(doc)
    org, suffix = split_suffix(org_of(doc, head, body) or "")
    title = full_title(head) or doc.metadata.get("title") or title_of(headings)
    if org and suffix is None:  # `…部门决算（汇总）`: the suffix printed after the report type
        m = re.search(r"\((汇总|本级|部门汇总)\)", org_key(title or ""))
        suffix = m.group(1) if m else None
    return DocMeta(
        doc_type="other" if listing(doc) else doc_type_of(head, headings, body),
        org_name=org or None,
        org_suffix=suffix,
        region=(region_of_name(org) or region_of_title(title)) if org
        else (region_of_title(title or next(iter(head), None)) or region_from_body(body)),
        fiscal_year=fiscal_year_of(head, headings, body),
        title=title,
    )
