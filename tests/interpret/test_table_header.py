"""The shared header reader: cell text -> role, stacked header rows -> texts per column, merged cells, ColumnRoles."""
from __future__ import annotations

import re

import pytest

from extractors.interpret.tables.header import ColumnRoles, header_texts, merged_end, role_of
from extractors.interpret.vocab.headers import header_roles

ROLES = (("level1", re.compile("一级")), ("target", re.compile("指标值")), ("level3", re.compile("指标")))


@pytest.mark.parametrize("text, role", [("一级指标", "level1"), ("年度指标值", "target"), ("三级指标", "level3"),
                                        ("备注", None), ("", None)])
def test_role_of_first_match_wins(text: str, role: str | None) -> None:
    assert role_of(text, ROLES) == role


def test_role_of_reads_the_vocabulary() -> None:
    assert role_of("三级指标", header_roles("targets")) == "level3"


def test_header_texts_join_stacked_rows_and_merged_repeats_once() -> None:
    grid = [["指标", "指标", "分值"], ["一级", "二级", "分值"], ["产出", "数量", "10"]]
    texts, n = header_texts(grid, lambda row: not any(c.isdigit() for c in "".join(row)), 3)
    assert (texts, n) == (["指标一级", "指标二级", "分值"], 2)


def test_header_texts_stop_at_max_rows_and_empty_grid() -> None:
    assert header_texts([["a"], ["b"], ["c"]], lambda row: True, 2) == (["ab"], 2)
    assert header_texts([], lambda row: True, 3) == ([], 0)


@pytest.mark.parametrize("row, c, end", [(["三级", "指标值", "指标值", "指标值", "单位"], 1, 3),
                                         (["三级", "指标值", "单位"], 1, 1), (["a", "b", "b"], 2, 2)])
def test_merged_end(row: list[str], c: int, end: int) -> None:
    assert merged_end(row, c) == end


def test_column_roles_mapping_end_and_header_rows() -> None:
    cols = ColumnRoles({"level3": 2, "score": None, "target": 3}, header_rows=2, ends={"target": 5})
    assert dict(cols) == {"level3": 2, "target": 3} and "score" not in cols and cols.get("score") is None
    assert (cols.end("target"), cols.end("level3"), cols.header_rows) == (5, 2, 2)
    cont = cols.with_header_rows(0)
    assert (dict(cont), cont.header_rows, cont.end("target")) == (dict(cols), 0, 5)
