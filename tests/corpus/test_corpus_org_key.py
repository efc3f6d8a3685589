"""org_key on the real corpus: every printed variant of one unit gets one key, and no key covers two units.

The units, checked by hand against the files (a file's unit is the one whose budget or accounts it publishes):
the Jiangsu folders are one unit each (江苏省委办公厅 is printed 江苏省委办公厅 / 中共江苏省委办公厅 /
中国共产党江苏省委员会办公厅), and the Shanghai files are listed in SHANGHAI."""
from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Callable, Optional

import pytest

from govreports.analyst.orgkey import org_key
from tests.corpus.conftest import CorpusFile

pytestmark = pytest.mark.corpus

SHANGHAI = {
    "1770007475548-818404804.pdf": "万里街道办事处",
    "上海市普陀区人民政府万里街道办事处24年预算.pdf": "万里街道办事处",
    "上海市普陀区人民政府万里街道办事处25年预算.pdf": "万里街道办事处",
    "上海市普陀区人民政府办公室单位25年预算.pdf": "普陀区人民政府办公室",
    "上海市普陀区人民政府办公室25年预算.pdf": "普陀区人民政府办公室",
    "unit_budget.pdf": "普陀区司法局", "dept_budget.pdf": "普陀区司法局",
    "unit_budget.xlsx": "普陀区司法局", "dept_budget.xlsx": "普陀区司法局",
    "上海市普陀区商务委员会25年预算.pdf": "普陀区商务委员会",
    "上海市普陀区商务委员会单位25年预算.pdf": "普陀区商务委员会",
    "1769321433314-826553525.pdf": "普陀区社会福利院",
    "上海市普陀区规划和自然资源局 2024 年度部门决算.pdf": "普陀区规划和自然资源局",
    "24年普陀区财政局（测试问题版本）.pdf": "普陀区财政局",
    "上海市普陀区财政局2024年度部门决算.pdf": "普陀区财政局",
    "上海市普陀区财政局部门25年预算.pdf": "普陀区财政局",
    "上海市财政局25年预算.pdf": "上海市财政局",
    "中共上海市普陀区委社会工作部 2024 年度部门决算.pdf": "普陀区委社会工作部",
    "附件2：部门决算模板.pdf": None, "budget_template.xls": None,  # blank templates: no unit
}


def unit_of(path: Path, corpus: Path) -> Optional[str]:
    """The hand-checked unit of a corpus file."""
    rel = path.relative_to(corpus)
    if rel.parts[0] == "jiangsu-provincial-budgets":
        return rel.parts[1]
    return SHANGHAI[path.name]


def test_org_key_groups_every_variant_of_a_unit_and_splits_none(
        corpus_dir: Path, corpus_files: list[Path], extracted: Callable[[Path], CorpusFile]) -> None:
    keys_of_unit: dict[str, set[Optional[str]]] = defaultdict(set)
    names_of_unit: dict[str, set[str]] = defaultdict(set)
    for path in corpus_files:
        unit = unit_of(path, corpus_dir)
        if unit is None:
            continue
        doc = extracted(path).document
        keys_of_unit[unit].add(doc["org_key"])
        names_of_unit[unit].add(doc["org_name"])
        assert doc["org_key"] == org_key(doc["org_name"])
    assert len(keys_of_unit) == 14
    split = {u: k for u, k in keys_of_unit.items() if len(k) != 1 or None in k}
    assert split == {}, names_of_unit
    units_of_key: dict[Optional[str], set[str]] = defaultdict(set)
    for unit, keys in keys_of_unit.items():
        units_of_key[next(iter(keys))].add(unit)
    assert {k: u for k, u in units_of_key.items() if len(u) > 1} == {}
    assert len(names_of_unit["江苏省委办公厅"]) == 3  # the variants really are printed differently
