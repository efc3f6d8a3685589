"""Counts stated beside 三公 figures (接待批次/人次, 出国团组/人次, 公务用车保有量/购置数量) -> three_public_counts."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from extractors.interpret.records import PROV, Provenance, prov, DocMeta, Interpretation, Row
from extractors.interpret.prose.counts_read import Count, read_counts, stock_date
from extractors.interpret.issue_codes import issue
from extractors.interpret.vocab.load import word
from extractors.model import Document, Paragraph, Table
from govreports.errors import Issue
from normalizers.text import clean_text

CELL_MIN_CHARS = 60
SENTENCE_END = re.compile(r"[。!?！？\n]")  # not `;`: a date before it still applies
HINT = word("prose", "counts_hint")
MAX_YEAR_DISTANCE = 1
KEY = ("item", "metric", "measure", "period_year")


@dataclass(frozen=True)
class Sentence:
    """One cleaned sentence with its provenance."""

    text: str
    page: Optional[int]
    table_index: Optional[int] = None
    row_index: Optional[int] = None
    context: str = ""  # a `截至…日` stated in an earlier sentence of the same paragraph or cell


def split(text: str, page: Optional[int], table_index: Optional[int] = None,
          row_index: Optional[int] = None) -> Iterator[Sentence]:
    """Sentences of one paragraph or cell, each with the last stock date of the sentences before it."""
    context = ""
    for s in SENTENCE_END.split(text):
        yield Sentence(s.strip(), page, table_index, row_index, context)
        context = stock_date(s) or context


def table_sentences(table: Table) -> Iterator[Sentence]:
    """Sentences of a table's long, report-like cells."""
    for cell in table.cells:
        text = clean_text(cell.text)
        if len(text) >= CELL_MIN_CHARS and re.search(r"[。;]", text):
            yield from split(text, cell.page, table.index, cell.row)


def block_sentences(block: Paragraph | Table) -> Iterator[Sentence]:
    """Sentences of a paragraph, or of a table's long cells."""
    if isinstance(block, Table):
        yield from table_sentences(block)
    else:
        yield from split(clean_text(block.text), block.page)


def sentences(doc: Document) -> Iterator[Sentence]:
    """Every prose sentence of the document (paragraphs and long table cells) that could hold a count."""
    for block in doc.blocks:
        yield from (s for s in block_sentences(block) if s.text and HINT.search(s.text))


def default_measure(meta: DocMeta) -> str:
    """A count without a measure word is a budget in a 预算, else an actual."""
    return "budget" if meta.doc_type == "budget" else "actual"


def year_for(count: Count, meta: DocMeta) -> Optional[int]:
    """The count's year, the fiscal year when none is stated; None for a year far from the report's."""
    if count.year is None:
        return meta.fiscal_year
    if meta.fiscal_year is not None and abs(count.year - meta.fiscal_year) > MAX_YEAR_DISTANCE:
        return None
    return count.year


def to_row(count: Count, sentence: Sentence, meta: DocMeta) -> Optional[Row]:
    """A three_public_counts row dict (private `_priority` kept for dedupe), None without a usable year."""
    year = year_for(count, meta)
    if year is None:
        return None
    return {"item": count.item, "metric": count.metric, "measure": count.measure or default_measure(meta),
            "period_year": year, "value": count.value, "unit": count.unit, "page": sentence.page,
            "table_index": sentence.table_index, "row_index": sentence.row_index, "raw": sentence.text,
            PROV: Provenance("prose", priority=count.priority)}


def add(out: Interpretation, row: Row) -> None:
    """Keep one row per (item, metric, measure, year): the higher priority, else the first; report disagreements."""
    for i, kept in enumerate(out.three_public_counts):
        if all(kept[k] == row[k] for k in KEY):
            if prov(row).priority > prov(kept).priority:
                out.three_public_counts[i] = row
            elif prov(row).priority == prov(kept).priority and row["value"] != kept["value"]:
                out.issues.append(issue("conflicting_counts", f"three_public_counts {' '.join(str(row[k]) for k in KEY)}: kept "
                                        f"{kept['value']}, prose also says {row['value']}",
                                        page=row["page"], table_index=row["table_index"],
                                        row_index=row["row_index"], raw=row["raw"]))
            return
    out.three_public_counts.append(row)


def interpret(doc: Document, meta: DocMeta, out: Interpretation) -> None:
    """Append the 三公 counts stated in the document's prose to out.three_public_counts."""
    for sentence in sentences(doc):
        counts, skipped = read_counts(sentence.text, sentence.context)
        for count in counts:
            row = to_row(count, sentence, meta)
            if row is not None:
                add(out, row)
        for skip in skipped:
            out.issues.append(issue("approximate_count", f"三公 count printed as an approximation ({skip.text}) was not kept",
                                    page=sentence.page, table_index=sentence.table_index,
                                    row_index=sentence.row_index, raw=sentence.text))
