"""A 预算/决算 report's own consistency -> issues: tables its 目录 lists but it lacks, headings whose year or unit
contradicts the report, and the arithmetic of its money tables (tables continued over a page break checked whole).
"""
from __future__ import annotations

import dataclasses
import re
from typing import Iterator, Optional

from extractors.interpret.money.context import TableContext, context_of
from extractors.interpret.money.continuation import continuation, tail
from extractors.interpret.money.grid import Grid, Segment, segments_of
from extractors.interpret.money.sums import (Lines, balance_issues, functional_issues, functional_lines,
                                              row_sum_issues)
from extractors.interpret.money.titles import same_title, title_family, title_key
from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.issue_codes import issue
from extractors.interpret.text import squeeze
from extractors.interpret.vocab.load import Words
from extractors.model import Document, Paragraph, Table
from govreports.errors import Issue
from normalizers.text import clean_text

MONEY_REPORTS = ("budget", "final_accounts")
TOC_MAX_LINES = 80
HEADING_CHARS = 60
WORDS = Words("money", "audit")  # this module's patterns in vocab/money.toml
Piece = tuple[Table, Grid, Segment, TableContext, int]  # (table part, its grid, a segment, context, row offset)


def audit(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append the report-level consistency issues of a 预算/决算 document to out."""
    if meta.doc_type not in MONEY_REPORTS:
        return
    issues = listed_table_issues(doc) + heading_issues(doc, meta) + sum_issues(doc, meta)
    seen: set[tuple[object, ...]] = set()
    for issue in issues:
        key = (issue.code, issue.table_index, issue.row_index, issue.message)
        if key not in seen:
            seen.add(key)
            out.issues.append(issue)



def toc_lines(doc: Document) -> list[str]:
    """The entries of the 目录: paragraphs after a `目录` line, until the body repeats its first entry."""
    paragraphs = list(_blocks_until_table(doc))
    start = next((i for i, p in enumerate(paragraphs) if WORDS.toc.match(squeeze(p.text))), None)
    if start is None:
        return []
    entries: list[str] = []
    for p in paragraphs[start + 1: start + 1 + TOC_MAX_LINES]:
        text = squeeze(p.text)
        if len(text) > HEADING_CHARS or (entries and title_key(text) == title_key(entries[0])):
            break
        if text:
            entries.append(text)
    return entries


def _blocks_until_table(doc: Document) -> Iterator[Paragraph]:
    """The paragraphs before the first table."""
    for block in doc.blocks:
        if isinstance(block, Table):
            return
        yield block


def listed_tables(entries: list[str]) -> list[str]:
    """The 目录 entries that name a table (not a part heading such as `第二部分…部门决算表`)."""
    return [e for e in entries if not WORDS.part.match(e) and title_family(e)]


def table_titles(doc: Document) -> list[str]:
    """Every title a table is printed under: its caption lines and its own one-text title rows."""
    titles: list[str] = []
    for table in doc.tables():
        titles.extend(table.caption[-3:])
        for row in table.text_grid()[:3]:
            if row and len({squeeze(t) for t in row}) == 1 and squeeze(row[0]):
                titles.append(row[0])
    return titles


def listed_table_issues(doc: Document) -> list[Issue]:
    """One warning naming the tables the 目录 lists but the report does not print (when it prints the others)."""
    toc = toc_lines(doc)
    listed = listed_tables(toc)
    captions = table_titles(doc)
    if not any(same_title(e, t) for e in listed for t in captions):  # none printed: published separately (见附件)
        return []
    titles = captions + [p.text for p in doc.paragraphs() if len(squeeze(p.text)) <= HEADING_CHARS
                         and squeeze(p.text) not in set(toc)]
    missing = [e for e in listed if not any(same_title(e, t) for t in titles)]
    if not missing:
        return []
    return [issue("listed_table_missing", f"the 目录 lists {len(listed)} tables but {len(missing)} of them ({'；'.join(missing[:6])}) are"
                  " not printed under that title", raw="；".join(missing))]


def heading_lines(doc: Document) -> Iterator[tuple[str, Optional[int]]]:
    """(text, page) of headings and table captions."""
    for block in doc.blocks:
        if isinstance(block, Paragraph) and block.level > 0:
            yield block.text, block.page
        elif isinstance(block, Table) and block.caption:
            yield block.caption[-1], block.page


def heading_issues(doc: Document, meta: DocMeta) -> list[Issue]:
    """Headings that name the report for another year (`2023年度部门决算情况说明` in a 2024 决算) or keep a
    template placeholder (`上海市XX局`)."""
    word = "决算" if meta.doc_type == "final_accounts" else "预算"
    issues = []
    for text, page in heading_lines(doc):
        key = squeeze(text)
        for m in WORDS.report_year.finditer(key):
            if meta.fiscal_year and m.group(2) == word and int(m.group(1)) != meta.fiscal_year:
                issues.append(issue("heading_year_mismatch", f"a heading names the {m.group(1)} {word} in a report for {meta.fiscal_year}",
                                    page=page, raw=text))
        if WORDS.placeholder.search(key):
            issues.append(issue("placeholder_text", "a heading still holds a template placeholder (XX) instead of the unit's name",
                                page=page, raw=text))
    return issues


def table_pieces(prev: Optional[Table], unit: Optional[str], table: Table, meta: DocMeta
                 ) -> tuple[list[Piece], Optional[str], bool]:
    """The table's segments with their contexts (rows continued from prev first), the unit after it, and whether
    it continues prev."""
    cont = continuation(prev, table)
    parts = [(table, 0)] if cont is None else [(cont[0], -cont[1]), (tail(table, cont[2]), cont[2])]
    pieces: list[Piece] = []
    for part, offset in parts:
        grid, segments = segments_of(part)
        for seg in segments:
            ctx = context_of(part.caption, seg, meta, unit)
            unit = ctx.unit
            pieces.append((part, grid, seg, ctx, offset))
    return pieces, unit, cont is not None


def sum_issues(doc: Document, meta: DocMeta) -> list[Issue]:
    """Run the arithmetic checks over every money table, merging 功能分类 lines across page-break continuations."""
    issues: list[Issue] = []
    prev: Optional[Table] = None
    unit: Optional[str] = None
    pending: Optional[Lines] = None
    for table in doc.tables():
        pieces, unit, continued = table_pieces(prev, unit, table, meta)
        prev = table
        for i, (part, grid, seg, ctx, offset) in enumerate(pieces):
            if ctx.unit is None or ctx.foreign or ctx.three_public or ctx.entity:
                continue
            found = functional_lines(part, grid, seg, ctx.unit, offset)
            if i == 0 and continued and pending is not None:
                pending = ({**found[0], **pending[0]}, pending[1] + found[1])
            else:
                issues.extend(functional_issues(pending) if pending else [])
                pending = found
            issues.extend(_shifted(balance_issues(part, grid, seg, ctx.unit) + row_sum_issues(part, grid, seg,
                                                                                             ctx.unit), offset))
    return issues + (functional_issues(pending) if pending else [])


def _shifted(issues: list[Issue], offset: int) -> list[Issue]:
    """Issues with their row index moved back to the source table's numbering."""
    return [dataclasses.replace(i, row_index=i.row_index + offset) if i.row_index is not None else i for i in issues]
