"""The `govreports` command line: extract files into the curated datasets."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Chinese government budget and performance reports -> exact Parquet datasets.",
                  no_args_is_help=True, add_completion=False)
console = Console()


@app.callback()
def _root() -> None:
    """Chinese government budget and performance reports -> exact Parquet datasets."""


def print_summary(summary: dict[str, Any], out: Path) -> None:
    """Print files with their status and the rows written per dataset."""
    table = Table(title=f"govreports -> {out}")
    for col in ("file", "status", "doc_type", "org", "year", "rows", "issues"):
        table.add_column(col)
    for f in summary["files"]:
        rows = {k: v for k, v in f["rows"].items() if k != "extraction_issues"}
        table.add_row(f["file"], f["status"], f["doc_type"], f["org_name"] or "", str(f["fiscal_year"] or ""),
                      " ".join(f"{k}={v}" for k, v in rows.items() if v), str(f["rows"].get("extraction_issues", 0)))
    console.print(table)
    console.print("rows: " + ", ".join(f"{k}={v}" for k, v in sorted(summary["rows"].items())))


@app.command()
def extract(files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="report files"),
            out: Path = typer.Option(Path("data/curated"), "--out", help="curated datasets folder")) -> None:
    """Extract FILES into the contracted datasets under --out (re-extracting a file replaces its rows)."""
    from flows.extract import extract_files

    summary = extract_files([f.resolve() for f in files], out)
    print_summary(summary, out)


def main() -> None:
    """Console entry point."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    app()


if __name__ == "__main__":
    main()
