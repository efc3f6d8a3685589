"""Interpretation -> deduplicated rows (tables win over prose) plus the contract's cross-check issues."""
from __future__ import annotations

import re
from collections import defaultdict
from decimal import Decimal
from typing import Any, Callable, Iterable, Optional

from extractors.interpret.records import TOLERANCE, prov, Interpretation, Row
from extractors.interpret.issue_codes import issue
from extractors.interpret.vocab.load import word
from govreports.errors import Issue

RESERVE = word("interpret", "reconcile_reserve")
Key = Callable[[Row], tuple[Any, ...]]


def budget_key(row: Row) -> tuple[Any, ...]:
    """One budgets row per (scope, project, item, label, functional code, measure, period_year, fund).

    The 功能分类 code is part of the key: the same name (一般行政管理事务) recurs under different 款."""
    return (row.get("scope"), row.get("project_name"), row.get("item"), row.get("item_label"),
            row.get("functional_code"), row.get("measure"), row.get("period_year"), row.get("fund", "all"))


def three_public_key(row: Row) -> tuple[Any, ...]:
    """One three_public row per (item, measure, period_year)."""
    return (row.get("item"), row.get("measure"), row.get("period_year"))


def _rank(row: Row) -> int:
    return 0 if prov(row).origin == "table" else 1


def dedupe(rows: list[Row], key: Key, dataset: str, issues: list[Issue]) -> list[Row]:
    """Keep one row per key: tables before prose, then first seen; a differing amount is a conflicting_values issue."""
    kept: dict[tuple[Any, ...], Row] = {}
    for row in sorted(rows, key=_rank):  # stable: keeps document order within each origin
        k = key(row)
        first = kept.get(k)
        if first is None:
            kept[k] = row
        elif abs((first.get("amount_yuan") or 0) - (row.get("amount_yuan") or 0)) > TOLERANCE:
            issues.append(issue("conflicting_values", f"{dataset} {k}: kept {first.get('amount_yuan')} ({prov(first).origin}),"
                                f" dropped {row.get('amount_yuan')} ({prov(row).origin})",
                                page=row.get("page"), table_index=row.get("table_index"),
                                row_index=row.get("row_index"), raw=row.get("raw")))
    order = {id(r): i for i, r in enumerate(rows)}
    return sorted(kept.values(), key=lambda r: order[id(r)])


TOTALS = ("income_total", "expenditure_total")


def one_total(rows: list[Row], issues: list[Issue], balancing: bool) -> list[Row]:
    """Keep one income_total and one expenditure_total value per slot.

    A 收支总表 prints `本年收入合计` and `收入总计` (or a 收入合计 after 上年结转): in a budget the pair that balances
    is kept, elsewhere (a 决算's need not balance) the first printed; every other value is reported."""
    slots: dict[tuple[Any, ...], dict[str, list[Row]]] = defaultdict(lambda: {t: [] for t in TOTALS})
    for row in rows:
        if row.get("item") in TOTALS and row.get("amount_yuan") is not None:
            slot = (row.get("scope"), row.get("project_name"), row.get("measure"), row.get("period_year"),
                    row.get("fund", "all"), prov(row).subset)
            slots[slot][row["item"]].append(row)
    dropped: set[int] = set()
    for slot, found in slots.items():
        keep = {t: found[t][0]["amount_yuan"] for t in TOTALS if found[t]}
        if balancing:
            even = [i["amount_yuan"] for i in found["income_total"]
                    if any(abs(i["amount_yuan"] - e["amount_yuan"]) <= TOLERANCE for e in found["expenditure_total"])]
            if even:
                keep = {t: even[0] for t in TOTALS}
        for item in TOTALS:
            for row in found[item]:
                if abs(row["amount_yuan"] - keep[item]) > TOLERANCE:
                    dropped.add(id(row))
                    issues.append(issue("alternative_total", f"{item} {slot[2]} {slot[3]}: kept {keep[item]},"
                                        f" not {row['amount_yuan']} ({row.get('item_label')})",
                                        page=row.get("page"), table_index=row.get("table_index"),
                                        row_index=row.get("row_index"), raw=row.get("raw")))
    return [r for r in rows if id(r) not in dropped]


def strip_private(rows: Iterable[Row]) -> list[Row]:
    """Drop the interpreters' private `_` keys."""
    return [{k: v for k, v in row.items() if not k.startswith("_")} for row in rows]


def _sum_check(total: Optional[Decimal], parts: list[Optional[Decimal]], code: str, what: str,
               issues: list[Issue]) -> None:
    present = [p for p in parts if p is not None]
    if total is None or not present:
        return
    got = sum(present, Decimal(0))
    if abs(total - got) > TOLERANCE:
        issues.append(issue(code, f"{what}: printed total {total} 元 but its parts add up to {got} 元"))


def check_three_public(rows: list[Row], issues: list[Issue]) -> None:
    """三公 total = its parts, vehicle_total = purchase + operation, per measure and year."""
    groups: dict[tuple[Any, ...], dict[str, Decimal]] = defaultdict(dict)
    for row in rows:
        groups[(row["measure"], row["period_year"])][row["item"]] = row["amount_yuan"]
    for (measure, year), items in groups.items():
        vehicle = items.get("vehicle_total")
        if vehicle is None and ("vehicle_purchase" in items or "vehicle_operation" in items):
            vehicle = items.get("vehicle_purchase", Decimal(0)) + items.get("vehicle_operation", Decimal(0))
        _sum_check(items.get("total"), [items.get("official_reception"), vehicle, items.get("overseas_travel")],
                   "three_public_sum_mismatch", f"三公经费 {measure} {year}", issues)
        if "vehicle_purchase" in items and "vehicle_operation" in items:
            _sum_check(items.get("vehicle_total"), [items["vehicle_purchase"], items["vehicle_operation"]],
                       "vehicle_sum_mismatch", f"公务用车购置及运行维护费 {measure} {year}", issues)


def check_budgets(rows: list[Row], issues: list[Issue]) -> None:
    """basic = personnel + public and total = basic + project, per scope/project/measure/year."""
    groups: dict[tuple[Any, ...], dict[str, Decimal]] = defaultdict(dict)
    reserves: dict[tuple[Any, ...], list[Decimal]] = defaultdict(list)
    for row in rows:  # a 财政拨款 view (Provenance.subset) is summed only with lines of the same view
        key = (row["scope"], row.get("project_name"), row["measure"], row["period_year"], prov(row).subset,
               row.get("fund", "all"))
        groups[key].setdefault(row["item"], row["amount_yuan"])
        if row["item"] == "other" and RESERVE.search(row.get("item_label") or ""):
            reserves[key].append(row["amount_yuan"])
    for key, items in groups.items():
        scope, project, measure, year, _, _ = key
        where = f"{scope} {project or ''} {measure} {year}".replace("  ", " ")
        if "expenditure_personnel" in items and "expenditure_public" in items:
            _sum_check(items.get("expenditure_basic"), [items["expenditure_personnel"], items["expenditure_public"]],
                       "basic_sum_mismatch", f"基本支出 ({where})", issues)
        if "expenditure_basic" in items and "expenditure_project" in items:
            # a budget's 支出合计 may also hold 预留机动经费 / 结转下年 lines besides 基本 + 项目
            _sum_check(items.get("expenditure_total"),
                       [items["expenditure_basic"], items["expenditure_project"], *reserves.get(key, [])],
                       "expenditure_sum_mismatch", f"支出合计 ({where})", issues)


def check_execution_rate(out: Interpretation) -> None:
    """A 预算执行率 indicator must equal 全年执行数 / 全年预算数 of the same scope's funds_total."""
    funds: dict[tuple[Any, ...], dict[str, Decimal]] = defaultdict(dict)
    for row in out.budgets:
        if row["item"] == "funds_total":
            funds[(row["scope"], row.get("project_name"))][row["measure"]] = row["amount_yuan"]
    for ind in out.indicators:
        if ind.get("level3") != "预算执行率" or ind.get("actual_value") is None:
            continue
        scope = "department" if ind["scope"] == "department" else "project"
        f = funds.get((scope, ind.get("project_name")), {})
        full, actual = f.get("budget_full_year"), f.get("actual")
        if not full or actual is None:
            continue
        rate = float(actual / full * 100)
        if abs(rate - float(ind["actual_value"])) > 0.5:
            out.issues.append(issue("execution_rate_mismatch", f"预算执行率 printed {ind['actual_value']}% but 执行数/全年预算数 = {rate:.2f}%"
                                    f" ({ind.get('project_name') or 'department'})",
                                    page=ind.get("page"), table_index=ind.get("table_index"),
                                    row_index=ind.get("row_index"), raw=ind.get("raw")))


def check_scores(out: Interpretation) -> None:
    """A scoring table's item scores must add up to its printed 总分."""
    sums: dict[tuple[Any, ...], float] = defaultdict(float)
    for ind in out.indicators:
        if ind.get("score") is not None:  # the 资金 row's 预算执行率 score is part of the total too
            scope = "department" if ind["scope"] in ("department", "rubric") and not ind.get("project_name") else "project"
            sums[(scope, ind.get("project_name"))] += float(ind["score"])
    for ev in out.evaluations:
        key = (ev["scope"], ev.get("project_name"))
        if ev.get("total_score") is None or key not in sums:
            continue
        if abs(sums[key] - float(ev["total_score"])) > 0.01:
            out.issues.append(issue("score_sum_mismatch", f"总分 printed {ev['total_score']} but the item scores add up to {sums[key]:g}"
                                    f" ({ev.get('project_name') or 'department'})",
                                    page=ev.get("page"), raw=ev.get("raw")))


def finalize(out: Interpretation) -> None:
    """Deduplicate, run the contract's cross-checks and drop private keys, in place."""
    for row in out.budgets:  # a line read from no fund view covers all funds (contract budgets.fund)
        row.setdefault("fund", "all")
    balancing = out.meta.doc_type == "budget"  # a budget's 收支总表 balances by construction; a 决算's need not
    budgets = dedupe(one_total(out.budgets, out.issues, balancing), budget_key, "budgets", out.issues)
    check_budgets(budgets, out.issues)
    out.budgets = strip_private(budgets)
    out.three_public = strip_private(dedupe(out.three_public, three_public_key, "three_public", out.issues))
    out.indicators = strip_private(out.indicators)
    out.evaluations = strip_private(out.evaluations)
    out.sections = strip_private(out.sections)
    out.prose_metrics = strip_private(out.prose_metrics)
    out.org_profile = strip_private(out.org_profile)
    out.three_public_counts = strip_private(out.three_public_counts)
    check_three_public(out.three_public, out.issues)
    check_execution_rate(out)
    check_scores(out)
