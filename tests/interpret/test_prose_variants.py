"""Money prose as other provinces word it: each sentence -> the exact budgets / three_public rows (or none)."""
from __future__ import annotations

from decimal import Decimal

import pytest

from extractors.interpret.prose import reader as prose
from extractors.interpret.records import DocMeta, Interpretation
from extractors.model import Document, Paragraph

B24 = DocMeta(doc_type="budget", fiscal_year=2024)
F23 = DocMeta(doc_type="final_accounts", fiscal_year=2023)
Row = tuple[str, str, int, str]


def wan(x: str) -> str:
    return str((Decimal(x) * 10000).quantize(Decimal("0.01")))


def rows_of(text: str, meta: DocMeta) -> tuple[set[Row], set[Row], list[str]]:
    out = Interpretation(meta=meta)
    prose.interpret(Document("docx", blocks=[Paragraph(text)]), meta, out)
    budgets = {(r["item"], r["measure"], r["period_year"], str(r["amount_yuan"])) for r in out.budgets}
    tp = {(r["item"], r["measure"], r["period_year"], str(r["amount_yuan"])) for r in out.three_public}
    return budgets, tp, [i.code for i in out.issues]


CASES: list[tuple[str, DocMeta, set[Row], set[Row]]] = [
    # 上年结转 is this year's carry-over, not a comparison with last year
    ("2024年收入预算总额1,234.56万元，其中：一般公共预算拨款收入1,100万元、上年结转134.56万元。", B24,
     {("income_total", "budget_initial", 2024, wan("1234.56")), ("income_general_budget", "budget_initial", 2024, wan("1100")),
      ("income_carryover", "budget_initial", 2024, wan("134.56"))}, set()),
    ("上年结转结余50万元。", B24, {("income_carryover", "budget_initial", 2024, wan("50"))}, set()),
    # 安排 / 控制数 / 均 between the subject and the amount
    ("2024年“三公”经费财政拨款预算安排25.6万元。", B24, set(), {("total", "budget", 2024, wan("25.6"))}),
    ("“三公”经费预算控制数为20万元。", B24, set(), {("total", "budget", 2024, wan("20"))}),
    ("2024年因公出国（境）费和公务用车购置费均为0。", B24, set(),
     {("overseas_travel", "budget", 2024, "0.00"), ("vehicle_purchase", "budget", 2024, "0.00")}),
    ("2024年政府采购预算安排350万元。", B24, {("government_procurement", "budget_initial", 2024, wan("350"))}, set()),
    # 零 written out
    ("2024年因公出国（境）费预算为零。", B24, set(), {("overseas_travel", "budget", 2024, "0.00")}),
    ("因公出国（境）费零万元，公务用车购置费零万元。", B24, set(),
     {("overseas_travel", "budget", 2024, "0.00"), ("vehicle_purchase", "budget", 2024, "0.00")}),
    # name variants
    ("因公出国（境）经费预算0万元，公务接待经费预算3万元。", B24, set(),
     {("overseas_travel", "budget", 2024, "0.00"), ("official_reception", "budget", 2024, wan("3"))}),
    ("公务接待费用预算3万元。", B24, set(), {("official_reception", "budget", 2024, wan("3"))}),
    ("公车运维费预算6万元。", B24, set(), {("vehicle_operation", "budget", 2024, wan("6"))}),
    ("2024年度部门预算收入1234.56万元。", B24, {("income_total", "budget_initial", 2024, wan("1234.56"))}, set()),
    ("2024年部门整体支出预算1234.56万元。", B24, {("expenditure_total", "budget_initial", 2024, wan("1234.56"))}, set()),
    # parts of 公务接待费 are not the item
    ("国内公务接待费3万元，国（境）外公务接待费1.35万元，公务接待费合计4.35万元。", B24, set(),
     {("official_reception", "budget", 2024, wan("4.35"))}),
    # never rows: 总计 (carry-overs included), per-head figures, other funds' spending
    ("2023年度收入总计1500万元，支出总计1500万元。", F23, set(), set()),
    ("人均公用经费1.5万元。", F23, set(), set()),
    ("人均公务接待费0.2万元。", F23, set(), set()),
    ("2024年政府性基金预算财政拨款支出预算0万元。", B24, set(), set()),
    ("本部门2024年无国有资本经营预算拨款安排的支出，国有资本经营预算财政拨款支出为0万元。", B24, set(), set()),
    ("2024年一般公共预算财政拨款支出预算1100万元。2024年政府性基金预算财政拨款支出预算0万元。", B24,
     {("expenditure_total", "budget_initial", 2024, wan("1100"))}, set()),
    # a clause opening with a year keeps the subject before it
    ("2024年“三公”经费财政拨款预算20万元，2023年预算为25万元。", B24, set(),
     {("total", "budget", 2024, wan("20")), ("total", "budget", 2023, wan("25"))}),
    # differences and thresholds stay out
    ("“三公”经费财政拨款预算比上年减少3.2万元，下降11.1%。", B24, set(), set()),
    ("单台价值50万元以上的设备。", B24, set(), set()),
]


@pytest.mark.parametrize(("text", "meta", "budgets", "three_public"), CASES)
def test_prose_variants(text: str, meta: DocMeta, budgets: set[Row], three_public: set[Row]) -> None:
    got_budgets, got_tp, codes = rows_of(text, meta)
    assert (got_budgets, got_tp) == (budgets, three_public)
    assert "conflicting_values" not in codes
