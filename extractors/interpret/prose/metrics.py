"""Figures stated in prose -> prose_metrics rows: subject, operator, value and unit, with the sentence and section."""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Iterator, Optional

from extractors.interpret.narrative.subject import names_something, noun_after, subject_of
from extractors.interpret.records import Row
from extractors.interpret.narrative.sections import Outline
from extractors.interpret.vocab.load import Words, wordlist
from extractors.model import Document, Paragraph, Table
from normalizers.quantity import Quantity, find_quantities
from normalizers.text import clean_text

CELL_MIN_CHARS = 60  # a table cell this long with a full stop is prose (a 情况说明 written into the form)
SUBJECT_MAX_CHARS = 40
CLASSIFIERS = frozenset(wordlist("prose", "metrics_classifiers"))
TIME_UNITS = frozenset(wordlist("prose", "metrics_time_units"))
_SENTENCE_END = re.compile(r"[。;!?\n]")
_CLAUSE_MARK = ",:;"
_PAIRS = {"“": "”", "《": "》", "(": ")", '"': '"'}
_QUOTED = re.compile(r"“[^”]*”|《[^》]*》|\"[^\"]*\"")
WORDS = Words("prose", "metrics")  # this module's patterns in vocab/prose.toml


@dataclass(frozen=True)
class Prose:
    """A stretch of prose (a body paragraph or a prose table cell) with its provenance."""

    text: str
    page: Optional[int]
    section_path: str
    table_index: Optional[int] = None
    row_index: Optional[int] = None


@dataclass(frozen=True)
class Figure:
    """A quantity found in a sentence: its span and reading."""

    start: int
    end: int
    quantity: Quantity


def prose_of(doc: Document, outline: Outline) -> Iterator[Prose]:
    """Body paragraphs (headings excluded) and long sentence-like table cells, in reading order."""
    for i, block in enumerate(doc.blocks):
        if i not in outline.path_of_block:
            continue
        path = outline.path_of_block[i]
        if isinstance(block, Paragraph):
            yield Prose(clean_text(block.text), block.page, path)
        elif isinstance(block, Table):
            for cell in block.cells:
                text = clean_text(cell.text)
                if len(text) >= CELL_MIN_CHARS and "。" in text:
                    yield Prose(text, cell.page or block.page, path, block.index, cell.row)


def sentences(text: str) -> list[str]:
    """Text cut into sentences at 。;!? and line breaks (never inside quotes)."""
    out, start, depth = [], 0, 0
    for i, ch in enumerate(text):
        if ch in "“《":
            depth += 1
        elif ch in "”》" and depth:
            depth -= 1
        elif depth == 0 and _SENTENCE_END.match(ch):
            out.append(text[start:i + 1].strip())
            start = i + 1
    out.append(text[start:].strip())
    return [s for s in out if s]


def masked_spans(sentence: str) -> list[tuple[int, int]]:
    """Spans holding no metric: quoted slogans, book titles and ordinal lists (第一、二、三批)."""
    return [m.span() for p in (_QUOTED, WORDS.ordinal_list, WORDS.idioms) for m in p.finditer(sentence)]


def clause_start(sentence: str, pos: int) -> int:
    """Index just after the last clause mark (, : ;) or still-open bracket before pos, outside quotes and brackets."""
    opened: list[int] = []
    start = 0
    for i, ch in enumerate(sentence[:pos]):
        if ch in "“《(":
            opened.append(i)
        elif ch in "”》)" and opened:
            opened.pop()
        elif not opened and ch in _CLAUSE_MARK:
            start = i + 1
    return max([start] + [i + 1 for i in opened if sentence[i] == "("])


def clause_end(sentence: str, pos: int) -> int:
    """Index of the next clause mark at or after pos (outside quotes and brackets), or the sentence end."""
    depth = 0
    for i in range(pos, len(sentence)):
        ch = sentence[i]
        if ch in "“《(":
            depth += 1
        elif ch in "”》)" and depth:
            depth -= 1
        elif depth == 0 and (ch in _CLAUSE_MARK or _SENTENCE_END.match(ch)):
            return i
    return len(sentence)


def is_metric(sentence: str, f: Figure, masks: list[tuple[int, int]]) -> bool:
    """False for figures in quotes or ordinal lists, 一 used as an article (一名), and time words (24小时值班)."""
    if any(s <= f.start < e for s, e in masks):
        return False
    raw = sentence[f.start:f.end]
    if f.quantity.value == 1 and WORDS.cn_one.match(raw) and not re.search(r"\d", raw):
        return False
    nxt = sentence[f.end:f.end + 1]
    return not (f.quantity.unit in TIME_UNITS and nxt and "\u4e00" <= nxt <= "\u9fff")


def figures(sentence: str) -> list[Figure]:
    """The metric figures of a sentence, in order."""
    masks = masked_spans(sentence)
    found = [Figure(s, e, q) for s, e, q in find_quantities(sentence) if q.value is not None]
    return [f for f in found if is_metric(sentence, f, masks)]


def reading(sentence: str, f: Figure) -> tuple[str, Optional[str]]:
    """(value_raw, op) of a figure; `达到100%` in prose states the value reached, so its op is `=`."""
    raw = sentence[f.start:f.end].strip()
    m = WORDS.as_reached.match(raw)
    if m:
        return raw[m.end():].strip(), "="
    return raw, f.quantity.op


def metric_rows(p: Prose) -> Iterator[Row]:
    """One row per figure of the prose; `subject` is None when no subject can be read."""
    for sentence in sentences(p.text):
        prev_end = 0
        for f in figures(sentence):
            segment = sentence[max(clause_start(sentence, f.start), prev_end):f.start].lstrip("、,;: ")
            classifier = f.quantity.unit in CLASSIFIERS
            noun = noun_after(sentence[f.end:clause_end(sentence, f.end)]) if classifier else ""
            prev_end = f.end + len(noun)
            subject: Optional[str] = subject_of(segment, noun)
            if not subject or len(subject) > SUBJECT_MAX_CHARS or not names_something(subject):
                subject = None
            value_raw, op = reading(sentence, f)
            yield {
                "page": p.page, "table_index": p.table_index, "row_index": p.row_index, "raw": sentence,
                "subject": subject, "op": op, "value": f.quantity.value, "unit": f.quantity.unit,
                "value_raw": value_raw, "section_path": p.section_path or None,
            }


def figure_rows(doc: Document, outline: Outline) -> list[Row]:
    """Every figure in the document's prose, subject or not (a sentence repeated verbatim counts once)."""
    rows: list[Row] = []
    seen: set[tuple[object, ...]] = set()
    for p in prose_of(doc, outline):
        for row in metric_rows(p):
            key = (row["raw"], row["subject"], row["value"], row["unit"], row["value_raw"])
            if key not in seen:
                seen.add(key)
                rows.append(row)
    return rows


def prose_metrics(doc: Document, outline: Outline) -> list[Row]:
    """Every figure stated in the document's prose whose subject can be read."""
    return [r for r in figure_rows(doc, outline) if r["subject"] is not None]
