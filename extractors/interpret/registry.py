"""The explicit, ordered registry of readers and the table kinds each one reads (tables before prose: tables win)."""
from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from extractors.interpret.records import DocMeta, Interpretation
from extractors.interpret.tables.kinds import MONEY, PROJECT_FORM, RUBRIC, SCORE_LIST, SELFEVAL, TARGETS, decide
from extractors.model import Document, Table

# A reader reads the document (and what classify found) and appends records and issues to `out`.
ReadFn = Callable[[Document, DocMeta, Interpretation], None]

# Reader name -> the table kinds it reads; a reader reads no other table. () reads prose only.
READS: dict[str, tuple[str, ...]] = {
    "selfeval": (PROJECT_FORM, SELFEVAL),
    "money": (MONEY, SELFEVAL),  # a 部门整体 自评表's 基础数据 block is a money table; its scoring block is skipped
    "targets": (TARGETS,),
    "rubric": (RUBRIC,),
    "score_list": (SCORE_LIST,),
    "prose": (),
    "three_public_counts": (),
    "narrative": (),
}


@dataclass(frozen=True)
class Reader:
    """One registered reader: its name (a key of READS) and its function."""

    name: str
    read: ReadFn


def readers() -> list[Reader]:
    """The readers in the order they run; money checks (audit) run after the money and targets readers."""
    from extractors.interpret.money import audit, reader as money
    from extractors.interpret.narrative import reader as narrative
    from extractors.interpret.prose import counts, reader as prose
    from extractors.interpret.rubric import reader as rubric
    from extractors.interpret.selfeval import reader as selfeval, score_list
    from extractors.interpret.targets import reader as targets

    return [Reader("selfeval", selfeval.interpret), Reader("money", money.interpret),
            Reader("targets", targets.interpret), Reader("money_audit", audit.audit),
            Reader("rubric", rubric.interpret), Reader("score_list", score_list.interpret),
            Reader("prose", prose.interpret),
            Reader("three_public_counts", counts.interpret), Reader("narrative", narrative.interpret)]


def owns(reader: str, table: Table, doc: Document, out: Interpretation) -> bool:
    """True when the table's kind (decided once per document) is one the reader is registered for."""
    if out.kinds is None:
        out.kinds = decide(doc)
    return out.kinds.of(table) in READS[reader]
