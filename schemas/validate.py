"""Validate dataset rows against the contract: types, required columns and enum codes."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

import pyarrow as pa

from schemas.datasets import DEFAULTS, ENUMS, SCHEMAS


class SchemaViolation(ValueError):
    """A row breaks the data contract; this is a pipeline bug, never an input problem."""


def row_problems(name: str, row: dict[str, Any]) -> list[str]:
    """Contract problems of one row of dataset `name` (empty list when it is valid)."""
    schema = SCHEMAS[name]
    problems = [f"unknown column {k!r}" for k in row if schema.get_field_index(k) < 0]
    for field in schema:
        value = row.get(field.name)
        if value is None:
            if not field.nullable:
                problems.append(f"{field.name} is required")
            continue
        allowed = ENUMS.get((name, field.name))
        if allowed is not None and value not in allowed:
            problems.append(f"{field.name}={value!r} is not a contract code")
        if pa.types.is_decimal(field.type) and not isinstance(value, Decimal):
            problems.append(f"{field.name} must be an exact Decimal, got {type(value).__name__}")
    return problems


def with_defaults(name: str, row: dict[str, Any]) -> dict[str, Any]:
    """The row with the contract's default for every defaulted column it leaves out (the row itself when none)."""
    missing = {col: value for (ds, col), value in DEFAULTS.items() if ds == name and row.get(col) is None}
    return {**row, **missing} if missing else row


def split_valid(name: str, rows: list[dict[str, Any]]) -> tuple[list[dict[str, Any]], list[tuple[dict[str, Any], str]]]:
    """Split rows into (valid rows, [(bad row, reason)])."""
    good: list[dict[str, Any]] = []
    bad: list[tuple[dict[str, Any], str]] = []
    for row in (with_defaults(name, r) for r in rows):
        problems = row_problems(name, row)
        if problems:
            bad.append((row, "; ".join(problems)))
        else:
            good.append(row)
    return good, bad


def to_arrow(name: str, rows: list[dict[str, Any]]) -> pa.Table:
    """Build the pyarrow table of dataset `name`, raising SchemaViolation on any contract breach."""
    rows, bad = split_valid(name, rows)
    if bad:
        raise SchemaViolation(f"{name}: {bad[0][1]} in {bad[0][0]!r}")
    try:
        return pa.Table.from_pylist(rows, schema=SCHEMAS[name])
    except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError, ValueError) as exc:
        raise SchemaViolation(f"{name}: {exc}") from exc
