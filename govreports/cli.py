"""The `govreports` command line: extract files into the curated datasets."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Optional

import typer
from rich.console import Console

app = typer.Typer(help="Chinese government budget and performance reports -> exact Parquet datasets.",
                  no_args_is_help=True, add_completion=False)
console = Console()


@app.callback()
def _root() -> None:
    """Chinese government budget and performance reports -> exact Parquet datasets."""


SHORT = {"budgets": "budgets", "three_public": "3public", "indicators": "indic", "evaluations": "evals",
         "sections": "sections", "prose_metrics": "metrics", "org_profile": "profile"}


def print_summary(summary: dict[str, Any], out: Path) -> None:
    """Print one line per file (status, type, year, org, rows, issues) and the rows written per dataset."""
    for f in summary["files"]:
        rows = " ".join(f"{SHORT.get(k, k)}={v}" for k, v in f["rows"].items() if v and k != "extraction_issues")
        style = {"ok": "green", "partial": "yellow", "failed": "red"}.get(f["status"], "")
        console.print(f"[{style}]{f['status']:7s}[/{style}] {f['doc_type']:29s} {str(f['fiscal_year'] or '-'):4s} "
                      f"{(f['org_name'] or '-')[:24]:24s} {f['file']}", highlight=False, soft_wrap=True)
        console.print(f"        {rows or 'no rows'}; issues={f['rows'].get('extraction_issues', 0)}",
                      highlight=False, soft_wrap=True)
    statuses: dict[str, int] = {}
    for f in summary["files"]:
        statuses[f["status"]] = statuses.get(f["status"], 0) + 1
    console.print(f"files: {len(summary['files'])} (" + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
                  + f") -> {out}", highlight=False)
    console.print("rows: " + ", ".join(f"{k}={v}" for k, v in sorted(summary["rows"].items())), highlight=False,
                  soft_wrap=True)


@app.command()
def extract(files: list[Path] = typer.Argument(..., exists=True, dir_okay=False, help="report files"),
            out: Path = typer.Option(Path("data/curated"), "--out", help="curated datasets folder")) -> None:
    """Extract FILES into the contracted datasets under --out (re-extracting a file replaces its rows)."""
    from flows.extract import extract_files

    summary = extract_files([f.resolve() for f in files], out)
    print_summary(summary, out)


@app.command()
def run(source: str = typer.Option("demo", "--source", help="source name (a file in sources/)"),
        data: Path = typer.Option(Path("data"), "--data", help="data folder: DATA/raw and DATA/curated"),
        demo_port: Optional[int] = typer.Option(None, "--demo-port", envvar="GOVREPORTS_DEMO_PORT",
                                                help="port of the bundled demo portal (default: sources/demo.toml)"),
        ) -> None:
    """Crawl a source, extract new or changed documents and write the datasets (default: the demo portal)."""
    from rich.progress import BarColumn, Progress, TextColumn

    from flows.run import opened_source, run_flow
    from govreports.crawl.sources import SOURCES_DIR

    if not (SOURCES_DIR / f"{source}.toml").is_file():
        known = ", ".join(sorted(p.stem for p in SOURCES_DIR.glob("*.toml")))
        raise typer.BadParameter(f"no sources/{source}.toml (known: {known})", param_hint="--source")
    with opened_source(source, demo_port) as src:
        with Progress(TextColumn("{task.description}"), BarColumn(), TextColumn("{task.completed} files"),
                      console=console, transient=True) as progress:
            bar = progress.add_task(f"crawling {source} and extracting", total=None)
            summary = run_flow(src, data, on_file=lambda doc: progress.advance(bar))
    console.print(f"source {source}: crawled {summary['crawled']} files, downloaded {summary['downloaded']},"
                  f" {summary['new']} new or changed, {len(summary['failures'])} fetch failures")
    counts = summary.get("crawl", {})
    console.print(f"  not stored: {counts.get('skipped_pages', 0)} pages and {counts.get('skipped_attachments', 0)}"
                  f" attachments naming no report of the source's kinds; {counts.get('blocked', 0)} bot-check/redirect stubs")
    for f in summary["failures"]:
        console.print(f"  failed: {f['url']} ({f['code']})")
    print_summary(summary, data / "curated")


@app.command("inspect-page")
def inspect_page(page: str = typer.Argument(..., help="a saved page (file) or a URL to fetch"),
                 url: Optional[str] = typer.Option(None, "--url", help="the page's URL (resolves its relative links)"),
                 source: Optional[str] = typer.Option(None, "--source",
                                                      help="a source in sources/ or a template in sources/templates/"
                                                           " (default: the template the page's markup matches)"),
                 as_json: bool = typer.Option(False, "--json", help="print JSON")) -> None:
    """What the crawler would take from one page: kind, relevance, attachments, details, next page, metadata."""
    import json

    from govreports.crawl.inspect import inspect_target

    try:
        answer = inspect_target(page, url, source)
    except (ValueError, OSError) as exc:
        raise typer.BadParameter(str(exc), param_hint="PAGE") from exc
    if as_json:
        print(json.dumps(answer, ensure_ascii=False, indent=1))
        return
    console.print(f"{answer['kind']} relevant={answer['relevant']} family={answer['family']} "
                  f"title={answer['metadata'].get('title', '')!r}", highlight=False)
    for a in answer["attachments"]:
        console.print(f"  attachment {a}", highlight=False)
    for d in answer["details"]:
        console.print(f"  detail     {d['url']} {d['text']}", highlight=False)
    if answer["next_page"]:
        console.print(f"  next page  {answer['next_page']}", highlight=False)


@app.command()
def views(data: Path = typer.Option(Path("data/curated"), "--data", help="curated datasets folder")) -> None:
    """Rebuild the facts_* views (one row per fact, best source) and datapackage.json of a curated folder."""
    from govreports.analyst.publish import publish

    counts = publish(data)
    console.print("views: " + ", ".join(f"{k}={v}" for k, v in counts.items()) + f" -> {data}", highlight=False)


@app.command()
def report(data: Path = typer.Option(Path("data/curated"), "--data", help="curated datasets folder"),
           out: Path = typer.Option(Path("report.html"), "--out", help="the HTML page to write")) -> None:
    """Write one self-contained HTML page on a curated folder: documents, 三公, budgets, attainment, issues."""
    from govreports.analyst.report import write_report

    write_report(data, out)
    console.print(f"report: {out}", highlight=False)


@app.command()
def serve(data: str = typer.Option("data", "--data")) -> None:
    """Serve one Prefect deployment per source on its cron schedule (blocks)."""
    from flows.serve import serve_all

    serve_all(data)


@app.command("demo-portal")
def demo_portal_cmd(port: int = typer.Option(8765, "--port")) -> None:
    """Run the bundled demo portal on 127.0.0.1 until interrupted."""
    from govreports import demo_portal

    server = demo_portal.PortalServer(port)
    console.print(f"demo portal on {server.base_url}/col/{demo_portal.COLUMN}/index.html (Ctrl-C stops)")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        server.shutdown()


def main() -> None:
    """Console entry point."""
    os.environ.setdefault("PREFECT_LOGGING_LEVEL", "WARNING")
    os.environ.setdefault("PREFECT_SERVER_ANALYTICS_ENABLED", "false")  # no telemetry calls from the temporary server
    app()


if __name__ == "__main__":
    main()
