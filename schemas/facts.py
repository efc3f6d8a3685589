"""Schemas of the canonical views (facts_*): one row per fact, its best source and the other documents that print it."""
from __future__ import annotations

import pyarrow as pa

from schemas.datasets import SCHEMA_VERSION, SCHEMAS
from schemas.dictionary import described

# view -> (source dataset, the columns that identify one fact besides org_key and fiscal_year)
FACT_KEYS: dict[str, tuple[str, tuple[str, ...]]] = {
    "facts_three_public": ("three_public", ("item", "measure", "period_year")),
    "facts_budgets": ("budgets", ("scope", "project_name", "item", "item_label", "functional_code", "measure",
                                  "period_year", "fund")),
    "facts_indicators": ("indicators", ("scope", "project_name", "level3")),
}
_PROVENANCE = ("doc_id", "org_name", "fiscal_year", "page", "table_index", "row_index", "raw")


def _fact_schema(source: str) -> pa.Schema:
    base = SCHEMAS[source]
    fields = [pa.field("org_key", pa.string()), pa.field("org_name", pa.string()), pa.field("fiscal_year", pa.int16())]
    fields += [f for f in base if f.name not in _PROVENANCE]
    if source == "budgets" and "fund" not in base.names:
        fields.append(pa.field("fund", pa.string()))  # the contract's fund column, null until the extractors set it
    fields += [
        pa.field("derived", pa.bool_(), nullable=False),
        pa.field("source", pa.string(), nullable=False),
        pa.field("doc_id", pa.string(), nullable=False),
        pa.field("page", pa.int32()), pa.field("table_index", pa.int32()), pa.field("row_index", pa.int32()),
        pa.field("raw", pa.string()),
        pa.field("other_doc_ids", pa.list_(pa.string()), nullable=False),
        pa.field("n_sources", pa.int32(), nullable=False),
        pa.field("sources_agree", pa.bool_(), nullable=False),
    ]
    return pa.schema(fields)


FACT_SCHEMAS: dict[str, pa.Schema] = {view: described(view, _fact_schema(source), SCHEMA_VERSION)
                                      for view, (source, _) in FACT_KEYS.items()}
