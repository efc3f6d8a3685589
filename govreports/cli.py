"""The `govreports` command line: extract files into the curated datasets."""
from __future__ import annotations

import os
import sys
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Any, Callable, Iterator, Optional

import typer
from rich.console import Console
from rich.markup import escape

app = typer.Typer(help="Chinese government budget and performance reports -> exact Parquet datasets.",
                  no_args_is_help=True, add_completion=False)
console = Console()


@app.callback()
def _root() -> None:
    """Chinese government budget and performance reports -> exact Parquet datasets."""


SHORT = {"budgets": "budgets", "three_public": "3public", "indicators": "indic", "evaluations": "evals",
         "sections": "sections", "prose_metrics": "metrics", "org_profile": "profile"}


STYLE = {"ok": "green", "partial": "yellow", "failed": "red"}


def file_line(f: dict[str, Any]) -> str:
    """One finished file: status, type, year, org, name, rows per dataset, issues and error codes."""
    rows = " ".join(f"{SHORT.get(k, k)}={v}" for k, v in f["rows"].items()
                    if v and k not in ("extraction_issues", "documents"))
    style = STYLE.get(f["status"], "")
    errors = escape(f" [{', '.join(f['errors'])}]") if f.get("errors") else ""
    return (f"[{style}]{f['status']:7s}[/{style}] {f['doc_type']:29s} {str(f['fiscal_year'] or '-'):4s} "
            f"{escape((f['org_name'] or '-')[:24]):24s} {escape(f['file'])}  ({rows or 'no rows'}; "
            f"issues={f['rows'].get('extraction_issues', 0)}{errors}; {f.get('seconds', 0):.1f}s)")


def print_totals(summary: dict[str, Any], out: Path) -> None:
    """Files per status and rows written per dataset (each file's line was printed as it finished)."""
    statuses: dict[str, int] = {}
    for f in summary["files"]:
        statuses[f["status"]] = statuses.get(f["status"], 0) + 1
    console.print(f"files: {len(summary['files'])} (" + ", ".join(f"{k} {v}" for k, v in sorted(statuses.items()))
                  + f") -> {out}", highlight=False)
    console.print("rows: " + ", ".join(f"{k}={v}" for k, v in sorted(summary["rows"].items())), highlight=False,
                  soft_wrap=True)
    if summary.get("fatal"):
        console.print(f"[red]stopped: {escape(summary['fatal'])}[/red] (the files above are written whole; rerun the "
                      "command once there is space: finished files are not lost)", highlight=False)


@contextmanager
def progress(total: Optional[int], what: str) -> Iterator[Callable[[dict[str, Any]], None]]:
    """A per-file callback: prints each file's line, and on a terminal a rich bar (done/total, last file, rate)."""
    if not console.is_terminal:
        done = [0]

        def plain(f: dict[str, Any]) -> None:
            done[0] += 1
            console.print(f"[{done[0]}/{total if total is not None else '?'}] " + file_line(f), highlight=False,
                          soft_wrap=True)
        yield plain
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    rate = TextColumn("{task.fields[rate]}")
    with Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), rate, TimeElapsedColumn(),
                  TextColumn("{task.fields[current]}"), console=console, transient=True) as bar:
        task = bar.add_task(what, total=total, rate="", current="")
        start = time.monotonic()

        def fancy(f: dict[str, Any]) -> None:
            bar.console.print(file_line(f), highlight=False, soft_wrap=True)
            bar.advance(task)
            n = bar.tasks[0].completed
            per_min = n / max(time.monotonic() - start, 1e-9) * 60
            bar.update(task, current=f"last: {f['file'][:40]}", rate=f"{per_min:.1f} files/min")
        yield fancy


def use_prefect(dask: Optional[str], prefect: Optional[bool]) -> bool:
    """Prefect flow run when asked (--prefect, --dask) or when a Prefect API is configured; else a local run."""
    from govreports.runtime import configured_api_url

    if prefect is not None:
        return prefect or bool(dask)
    return bool(dask) or configured_api_url() is not None


def check_source(name: str) -> None:
    """A clear usage error unless name is a file in sources/."""
    from govreports.source_names import UnknownSource, source_file

    try:
        source_file(name)
    except UnknownSource as exc:
        raise typer.BadParameter(str(exc), param_hint="--source") from None


WORKERS = typer.Option(None, "--workers", min=1, help="files extracted at once, each in its own process "
                       "(default: the machine's cores)")
DASK = typer.Option(None, "--dask", envvar="GOVREPORTS_DASK",
                    help="run the tasks on a Dask cluster: a scheduler address (tcp://host:8786) or 'local'")
PREFECT = typer.Option(None, "--prefect/--no-prefect",
                       help="run as a Prefect flow (default: when a Prefect API is configured, or with --dask)")


@app.command()
def extract(files: list[Path] = typer.Argument(..., help="report files (a missing or unreadable one becomes a "
                                               "failed row; the rest of the batch goes on)"),
            out: Path = typer.Option(Path("data/curated"), "--out", help="curated datasets folder"),
            workers: Optional[int] = WORKERS, dask: Optional[str] = DASK, prefect: Optional[bool] = PREFECT) -> None:
    """Extract FILES into the contracted datasets under --out (re-extracting a file replaces its rows)."""
    paths = [Path(os.path.abspath(f)) for f in files]  # absolute, symlinks not resolved (inputs.py decides)
    with progress(len(paths), f"extracting {len(paths)} files") as on_file:
        if use_prefect(dask, prefect):
            from govreports.runtime import prefect_api

            with prefect_api():
                from flows.extract import run_extract

                summary = run_extract(paths, out, workers, dask, on_file)
        else:
            from flows.local import extract_local

            summary = extract_local(paths, out, workers, on_file)
    print_totals(summary, out)
    if summary.get("fatal"):
        raise typer.Exit(1)


@app.command()
def run(source: str = typer.Option("demo", "--source", help="source name (a file in sources/)"),
        data: Path = typer.Option(Path("data"), "--data", help="data folder: DATA/raw and DATA/curated"),
        demo_port: Optional[int] = typer.Option(None, "--demo-port", envvar="GOVREPORTS_DEMO_PORT",
                                                help="port of the bundled demo portal (default: sources/demo.toml)"),
        workers: Optional[int] = WORKERS, dask: Optional[str] = DASK) -> None:
    """Crawl a source, extract new or changed documents and write the datasets (default: the demo portal)."""
    from govreports.runtime import prefect_api

    check_source(source)
    with prefect_api():
        from flows.run import opened_source, run_crawl

        with opened_source(source, demo_port) as src, progress(None, f"crawling {source} and extracting") as on_file:
            summary = run_crawl(src, data, workers, dask or src.extra.get("dask"), on_file)
    console.print(f"source {source}: crawled {summary['crawled']} files, downloaded {summary['downloaded']},"
                  f" {summary['new']} new or changed, {len(summary['failures'])} fetch failures")
    counts = summary.get("crawl", {})
    console.print(f"  not stored: {counts.get('skipped_pages', 0)} pages and {counts.get('skipped_attachments', 0)}"
                  f" attachments naming no report of the source's kinds; {counts.get('blocked', 0)} bot-check/redirect stubs")
    for f in summary["failures"]:
        console.print(f"  failed: {f['url']} ({f['code']})")
    print_totals(summary, data / "curated")
    if summary.get("fatal"):
        raise typer.Exit(1)


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
    from govreports.runtime import prefect_api

    with prefect_api():
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
    if len(sys.argv) > 1 and sys.argv[1] in ("extract", "run"):
        from govreports.bounds import start_forkserver

        start_forkserver()
    app()


if __name__ == "__main__":
    main()
