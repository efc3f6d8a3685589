"""The Jiangsu departments' `收支预算总表.csv` (the source repository's own parse) reproduced from our budgets rows.

For each department folder and each year row of its CSV, every PDF of that folder and year that prints the
收支预算总表 must give the CSV's figures (万元) as budgets rows. Checked by hand against the PDFs: the CSVs agree
with the printed tables on every figure; 公共安全支出 / 一般公共服务支出 there are the 收支总表's all-funds class
totals, which differ from the 财政拨款-only 功能分类 tables (检察院 2017: 13,656.34 vs 13,641.34).
"""
from __future__ import annotations

import csv
import re
from decimal import Decimal
from pathlib import Path
from typing import Any, Callable, Optional

import pytest

from extractors.interpret.money.cells import bare_label

pytestmark = pytest.mark.corpus

# CSV column -> (item, printed label or None for any label); any other column is a label of its own.
COLUMNS: dict[str, tuple[str, Optional[str]]] = {
    "财政拨款": ("income_general_budget", "财政拨款"), "一般公共预算": ("income_general_budget", "一般公共预算"),
    "收入合计": ("income_total", None), "支出合计": ("expenditure_total", None),
    "基本支出": ("expenditure_basic", None), "项目支出": ("expenditure_project", None),
    "其他资金": ("income_other", None), "财政专户管理资金": ("income_special_account", None),
    "一般公共服务支出": ("functional", "一般公共服务支出"), "公共安全支出": ("functional", "公共安全支出"),
    "社会保障和就业支出": ("functional", "社会保障和就业支出"), "住房保障支出": ("functional", "住房保障支出"),
}
CLASS_CODES = {"一般公共服务支出": "201", "公共安全支出": "204", "社会保障和就业支出": "208", "住房保障支出": "221"}


def csv_years(folder: Path) -> dict[int, dict[str, Decimal]]:
    """year -> {column: amount in 元} of a folder's 收支预算总表.csv (empty cells left out)."""
    out: dict[int, dict[str, Decimal]] = {}
    with open(folder / "收支预算总表.csv", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            year = int(row[""][:4])
            out[year] = {k: (Decimal(v) * 10000).quantize(Decimal("0.01")) for k, v in row.items() if k and v}
    return out


def prints_summary_table(f: Any) -> bool:
    """True when the PDF prints a 收支预算总表: a two-sided 收入 | 支出 table that is not the 财政拨款 one."""
    def two_sided(t: Any) -> bool:
        top = [re.sub(r"\s+", "", x) for x in t.text_grid()[0]] if t.n_rows else []
        return bool(top) and top[0].endswith("收入") and any(x.endswith("支出") for x in top)
    return f.doc is not None and any(two_sided(t) and not any("财政拨款" in c for c in t.caption[-3:])
                                     for t in f.doc.tables())


def matching(rows: list[dict[str, Any]], column: str) -> list[dict[str, Any]]:
    """The budgets rows a CSV column stands for."""
    item, label = COLUMNS.get(column, ("other", column))
    return [r for r in rows if r["item"] == item and (label is None or bare_label(r["item_label"]) == label)]


def test_csv_figures_come_out_of_the_matching_pdfs(corpus_dir: Path, extracted: Callable[[Path], Any]) -> None:
    folders = sorted(p.parent for p in (corpus_dir / "jiangsu-provincial-budgets").glob("*/收支预算总表.csv"))
    assert len(folders) == 3
    checked, pdfs = 0, []
    for folder in folders:
        years = csv_years(folder)
        for pdf in sorted(folder.glob("*.pdf")):
            f = extracted(pdf)
            year = f.document["fiscal_year"]
            if not prints_summary_table(f):
                continue
            assert year in years, (pdf, year)
            pdfs.append(pdf.name)
            rows = [r for r in f.records["budgets"] if r["period_year"] == year and r["measure"] == "budget_initial"
                    and r["scope"] == "department"]
            for column, amount in years[year].items():
                found = matching(rows, column)
                assert amount in {r["amount_yuan"] for r in found}, (pdf.name, column, amount, found)
                if column in CLASS_CODES:
                    assert CLASS_CODES[column] in {r["functional_code"] for r in found}, (pdf.name, column)
                checked += 1
    assert len(pdfs) == 9 and checked >= 100, (pdfs, checked)  # 9 PDFs print the table; each CSV year has 11-13 figures
