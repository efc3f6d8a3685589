"""A curated folder -> one self-contained HTML page (plotly charts with their JS inline): documents, 三公 budget vs
actual, budget totals, indicator attainment and the extraction issues with links back to file/page/table/row."""
from __future__ import annotations

import html
from pathlib import Path
from typing import Any, Optional
from urllib.parse import quote

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go
import pyarrow.parquet as pq
from plotly.offline import get_plotlyjs

from govreports.analyst.views import build_views
from govreports.store import read_dataset
from schemas.facts import FACT_SCHEMAS

WAN = 10000
TEMPLATE = "plotly_white"


def load(curated: Path) -> dict[str, pd.DataFrame]:
    """documents, extraction_issues and the facts_* views (built in memory when not written yet) as DataFrames."""
    frames = {name: read_dataset(curated, name).to_pandas() for name in ("documents", "extraction_issues")}
    missing = [v for v in FACT_SCHEMAS if not (curated / v).is_dir()]
    built = build_views(curated) if missing else {}
    for view in FACT_SCHEMAS:
        table = built[view] if view in built else pq.read_table(curated / view)
        frames[view] = table.to_pandas()
    return frames


def chart(fig: go.Figure) -> str:
    """A figure as an HTML fragment (the plotly JS is inlined once in the page head)."""
    fig.update_layout(template=TEMPLATE, margin=dict(l=40, r=20, t=50, b=40))
    fig.update_yaxes(automargin=True)
    if fig.layout.height is None:
        fig.update_layout(height=380)
    return str(fig.to_html(full_html=False, include_plotlyjs=False, config={"displaylogo": False}))


def table_html(df: pd.DataFrame, escape: bool = True) -> str:
    """A DataFrame as a plain HTML table."""
    return str(df.to_html(index=False, escape=escape, border=0, classes="grid", na_rep=""))


def documents_section(docs: pd.DataFrame) -> str:
    """Documents by status, type and region."""
    if docs.empty:
        return "<p>No documents yet.</p>"
    parts = []
    for column, title in (("status", "Documents by status"), ("doc_type", "Documents by type"),
                          ("region", "Documents by region")):
        counts = docs[column].fillna("(unknown)").value_counts().rename_axis(column).reset_index(name="documents")
        fig = px.bar(counts, x=column, y="documents", title=title, text="documents")
        parts.append(chart(fig.update_xaxes(type="category")))
    return "".join(f'<div class="cell">{p}</div>' for p in parts)


def three_public_section(facts: pd.DataFrame) -> str:
    """三公 total by unit and year, budget vs actual (the report's own year), in 万元."""
    rows = facts[(facts["item"] == "total") & (facts["period_year"] == facts["fiscal_year"])].copy()
    if rows.empty:
        return "<p>No 三公 totals.</p>"
    rows["unit_year"] = rows["org_key"].fillna("(unknown unit)") + " " + rows["fiscal_year"].astype(str)
    rows["万元"] = rows["amount_yuan"].astype(float) / WAN
    fig = px.bar(rows.sort_values("unit_year", ascending=False), y="unit_year", x="万元", color="measure",
                 barmode="group", orientation="h", hover_data=["derived", "doc_id"],
                 title="三公经费 total by unit and year: budget vs actual (万元)")
    fig = fig.update_yaxes(type="category", title=None)
    html_fig = chart(fig.update_layout(height=max(380, 28 * rows["unit_year"].nunique())))
    pivot = rows.pivot_table(index=["org_key", "fiscal_year"], columns="measure", values="万元", aggfunc="sum")
    pivot.columns.name = None
    return html_fig + table_html(pivot.reset_index().round(2))


def budgets_section(facts: pd.DataFrame) -> str:
    """Department income and expenditure totals by year and measure (from each year's own reports), in 万元."""
    rows = facts[(facts["scope"] == "department") & facts["item"].isin(["income_total", "expenditure_total"])
                 & (facts["period_year"] == facts["fiscal_year"])].copy()  # each year once: from its own report
    if rows.empty:
        return "<p>No budget totals.</p>"
    rows["万元"] = rows["amount_yuan"].astype(float) / WAN
    sums = rows.groupby(["period_year", "item", "measure"], as_index=False)["万元"].sum()
    sums["series"] = sums["item"] + " / " + sums["measure"]
    fig = px.bar(sums, x="period_year", y="万元", color="series", barmode="group",
                 title="Budget totals by year (all units, 万元)")
    fig.update_xaxes(type="category")
    return chart(fig)


def attainment_section(facts: pd.DataFrame) -> str:
    """Indicators met / not met / unknown per unit, and the overall share met."""
    rows = facts[facts["scope"] != "rubric"].copy()
    if rows.empty:
        return "<p>No indicators.</p>"
    rows["attainment"] = rows["met"].map({True: "met", False: "not met"}).fillna("cannot tell")
    counts = rows.groupby(["org_key", "attainment"], dropna=False).size().reset_index(name="indicators")
    fig = px.bar(counts, x="org_key", y="indicators", color="attainment", title="Indicators by unit: met or not",
                 color_discrete_map={"met": "#2e7d32", "not met": "#c62828", "cannot tell": "#9e9e9e"})
    told = rows["met"].notna().sum()
    share = (rows["met"] == True).sum() / told if told else 0.0  # noqa: E712 (a nullable column)
    return f"<p>{told} of {len(rows)} indicators can be judged; {share:.1%} of those are met.</p>" + chart(fig)


def source_link(doc: Optional[dict[str, Any]], page: Any) -> Optional[str]:
    """A link to the issue's file (its URL, else its local path), at its page for a PDF."""
    if not doc:
        return None
    target = next((v for v in (doc.get("source_url"), doc.get("source_key")) if isinstance(v, str) and v), None)
    if not target:
        return None
    if "://" not in str(target):
        target = "file://" + quote(str(target))
    if page is not None and not pd.isna(page):
        target = f"{target}#page={int(page)}"
    return str(target)


def issues_section(issues: pd.DataFrame, docs: pd.DataFrame) -> str:
    """Issues by code (chart) and every issue with a link to its file and its page / table / row."""
    if issues.empty:
        return "<p>No extraction issues.</p>"
    counts = issues.groupby(["code", "severity"]).size().reset_index(name="issues").sort_values("issues")
    fig = px.bar(counts, x="issues", y="code", color="severity", orientation="h", title="Extraction issues by code",
                 color_discrete_map={"error": "#c62828", "warning": "#f9a825"})
    fig.update_layout(height=max(380, 22 * counts["code"].nunique()))
    by_id = {d["doc_id"]: d for d in docs.to_dict("records")}
    lines = []
    for i in issues.sort_values(["code", "doc_id"]).to_dict("records"):
        doc = by_id.get(i["doc_id"])
        name = html.escape(str(doc["file_name"]) if doc else i["doc_id"])
        link = source_link(doc, i.get("page"))
        file_cell = f'<a href="{html.escape(link)}">{name}</a>' if link else name
        where = " ".join(f"{k} {int(i[k])}" for k in ("page", "table_index", "row_index")
                         if i.get(k) is not None and not pd.isna(i[k]))
        lines.append(f"<tr><td>{html.escape(i['code'])}</td><td>{html.escape(i['severity'])}</td><td>{file_cell}</td>"
                     f"<td>{html.escape(where)}</td><td>{html.escape(str(i['message']))}</td></tr>")
    body = "".join(lines)
    return (chart(fig) + '<table class="grid"><thead><tr><th>code</th><th>severity</th><th>file</th><th>where</th>'
            f"<th>message</th></tr></thead><tbody>{body}</tbody></table>")


STYLE = """body{font-family:system-ui,sans-serif;margin:24px;color:#222}h1{font-size:1.6em}h2{margin-top:1.6em;
border-bottom:1px solid #ddd}.row{display:flex;flex-wrap:wrap}.cell{flex:1 1 420px;min-width:380px}
table.grid{border-collapse:collapse;font-size:13px;margin:8px 0}table.grid td,table.grid th{border:1px solid #ddd;
padding:3px 6px;text-align:left;vertical-align:top}"""


def render(frames: dict[str, pd.DataFrame], title: str = "govreports: curated data report") -> str:
    """The whole page."""
    docs, issues = frames["documents"], frames["extraction_issues"]
    summary = (f"{len(docs)} documents, {len(frames['facts_three_public'])} 三公 facts, "
               f"{len(frames['facts_budgets'])} money facts, {len(frames['facts_indicators'])} indicators, "
               f"{len(issues)} extraction issues")
    sections = [
        ("Documents", f'<div class="row">{documents_section(docs)}</div>'),
        ("三公经费: budget vs actual", three_public_section(frames["facts_three_public"])),
        ("Budget totals by year", budgets_section(frames["facts_budgets"])),
        ("Indicator attainment", attainment_section(frames["facts_indicators"])),
        ("Extraction issues", issues_section(issues, docs)),
    ]
    body = "".join(f"<h2>{html.escape(h)}</h2>{content}" for h, content in sections)
    return (f'<!DOCTYPE html><html lang="zh"><head><meta charset="utf-8"><title>{html.escape(title)}</title>'
            f'<link rel="icon" href="data:,"><style>{STYLE}</style><script>{get_plotlyjs()}</script></head><body>'
            f"<h1>{html.escape(title)}</h1><p>{html.escape(summary)}</p>{body}</body></html>")


def write_report(curated: Path, out: Path) -> Path:
    """Write the report page for a curated folder; returns its path."""
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(render(load(curated)), encoding="utf-8")
    return out
