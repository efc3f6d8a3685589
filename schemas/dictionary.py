"""The data dictionary (dictionary.toml) -> column descriptions on the pyarrow schemas and issue codes."""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path
from typing import Any, Optional

import pyarrow as pa

DICTIONARY = Path(__file__).with_name("dictionary.toml")


@lru_cache(maxsize=1)
def dictionary() -> dict[str, Any]:
    """The parsed dictionary.toml."""
    with open(DICTIONARY, "rb") as fh:
        return tomllib.load(fh)


def dataset_description(name: str) -> str:
    """One sentence on what a dataset holds."""
    return str(dictionary()["datasets"].get(name, {}).get("description", ""))


def column_description(dataset: str, column: str) -> Optional[str]:
    """A column's description: the dataset's own, else the shared one, else None."""
    own = dictionary()["datasets"].get(dataset, {}).get("columns", {})
    return own.get(column) or dictionary()["common"].get(column)


def issue_codes() -> dict[str, str]:
    """Every extraction_issues code -> what it means."""
    return dict(dictionary()["issue_codes"])


def described(name: str, schema: pa.Schema, version: str) -> pa.Schema:
    """The schema with each field's description and the dataset's description and schema_version as metadata."""
    fields = []
    for f in schema:
        text = column_description(name, f.name) or (f.metadata or {}).get(b"description", b"").decode()
        fields.append(f.with_metadata({"description": text}) if text else f)
    meta = {"dataset": name, "schema_version": version, "description": dataset_description(name)}
    return pa.schema(fields, metadata=meta)
