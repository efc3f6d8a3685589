"""The curated folder -> data/curated/datapackage.json: a Frictionless Data Package describing every dataset and view
(columns, types, enums, descriptions; Fiscal Data Package column types where they fit) and every issue code."""
from __future__ import annotations

import json
import os
import uuid
from pathlib import Path
from typing import Any

import pyarrow as pa

from schemas import ENUMS, SCHEMA_VERSION, SCHEMAS
from schemas.dictionary import dataset_description, issue_codes
from schemas.facts import FACT_KEYS, FACT_SCHEMAS

PARTITION = "fiscal_year"
# Fiscal Data Package (v1) columnType of the columns it has a word for.
FISCAL_TYPES = {"amount_yuan": "value", "fiscal_year": "date:fiscal-year", "period_year": "date:fiscal-year",
                "org_name": "administrative-classification:generic:label",
                "org_key": "administrative-classification:generic:id",
                "functional_code": "functional-classification:generic:code", "measure": "budget-phase"}


def field_type(t: pa.DataType) -> str:
    """Table Schema type of an Arrow type."""
    if pa.types.is_integer(t):
        return "integer"
    if pa.types.is_floating(t) or pa.types.is_decimal(t):
        return "number"
    if pa.types.is_boolean(t):
        return "boolean"
    if pa.types.is_date(t):
        return "date"
    if pa.types.is_timestamp(t):
        return "datetime"
    if pa.types.is_list(t):
        return "any"  # read through pandas as arrays; Table Schema's array type wants JSON text
    return "string"


def field_of(dataset: str, f: pa.Field) -> dict[str, Any]:
    """One Table Schema field: name, type, description, constraints (required, enum) and fiscal column type."""
    out: dict[str, Any] = {"name": f.name, "type": field_type(f.type)}
    meta = f.metadata or {}
    if b"description" in meta:
        out["description"] = meta[b"description"].decode()
    constraints: dict[str, Any] = {}
    if not f.nullable:
        constraints["required"] = True
    source = FACT_KEYS[dataset][0] if dataset in FACT_KEYS else dataset
    enum = ENUMS.get((source, f.name))
    if enum:
        constraints["enum"] = sorted(enum)
    if constraints:
        out["constraints"] = constraints
    if f.name in FISCAL_TYPES:
        out["columnType"] = FISCAL_TYPES[f.name]
    if pa.types.is_decimal(f.type):
        out["decimalPrecision"] = f.type.scale
        out["unit"] = "CNY yuan"
    return out


def resource_of(name: str, schema: pa.Schema) -> dict[str, Any]:
    """A tabular resource for one hive-partitioned Parquet folder (fields in the order readers return them)."""
    ordered = [f for f in schema if f.name != PARTITION] + [schema.field(PARTITION)]
    return {
        "name": name, "path": name, "format": "parquet", "mediatype": "application/vnd.apache.parquet",
        "profile": "tabular-data-resource", "description": dataset_description(name),
        "partitioning": {"flavor": "hive", "fields": [PARTITION],
                         "note": "fiscal_year=0 holds rows whose year is unknown"},
        # pandas (which frictionless reads Parquet through) turns a null in an integer column into NaN
        "schema": {"fields": [field_of(name, f) for f in ordered], "missingValues": ["nan", "NaT", "None", "<NA>"]},
    }


def package(curated: Path) -> dict[str, Any]:
    """The datapackage.json descriptor of a curated folder (the facts_* views where they are written)."""
    schemas = dict(SCHEMAS)
    schemas.update({v: s for v, s in FACT_SCHEMAS.items() if (curated / v).is_dir()})
    return {
        "name": "govreports-curated", "title": "Chinese local-government budget and performance reports",
        "description": "Exact, page-traceable datasets extracted by govreports: documents, money lines, 三公经费, "
                       "performance indicators, self-evaluations, extraction issues and the canonical facts_* views.",
        "version": SCHEMA_VERSION, "profile": "tabular-data-package",
        "resources": [resource_of(name, schema) for name, schema in schemas.items()],
        "issue_codes": issue_codes(),
    }


def write_datapackage(curated: Path) -> Path:
    """Write datapackage.json into the curated folder atomically; returns its path."""
    curated.mkdir(parents=True, exist_ok=True)
    target = curated / "datapackage.json"
    tmp = curated / f".datapackage.{uuid.uuid4().hex}.json"
    tmp.write_text(json.dumps(package(curated), ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(tmp, target)
    return target
