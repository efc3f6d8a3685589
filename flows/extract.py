"""Prefect flow: files -> one task per file (its own bounded process: extract, then write at once) -> summary."""
from __future__ import annotations

import errno
import re
from pathlib import Path
from typing import Any, Callable, Optional

from prefect import flow, task
from prefect.artifacts import create_table_artifact
from prefect.cache_policies import NO_CACHE
from prefect.futures import PrefectFuture, as_completed
from prefect.task_runners import TaskRunner, ThreadPoolTaskRunner

from govreports.analyst.publish import publish
from govreports.batch import BatchResult, DiskFull, FileJob, crashed_report, default_workers, process_job, summarize
from govreports.bounds import Limits
from govreports.errors import Transient

OnFile = Optional[Callable[[dict[str, Any]], None]]


def _retry_io(task: Any, task_run: Any, state: Any) -> bool:
    """Retry only transient I/O failures, never bad input, bugs or a full disk."""
    try:
        state.result()
    except DiskFull:
        return False
    except OSError as exc:
        return exc.errno not in (errno.ENOSPC, errno.EDQUOT)
    except Transient:
        return True
    except Exception:
        return False
    return False


@task(name="extract", cache_policy=NO_CACHE, retries=1, retry_delay_seconds=1, retry_condition_fn=_retry_io)
def extract_task(job: FileJob, out: Path, limits: Limits) -> dict[str, Any]:
    """One file -> its rows written (bad input becomes a failed row with its issue) -> its report."""
    return process_job(job, out, limits)


def task_runner(workers: Optional[int] = None, dask: Optional[str] = None) -> TaskRunner[Any]:
    """Threads supervising one process per file (default), or Dask: `local` starts a LocalCluster of processes."""
    n = workers or default_workers()
    if not dask:
        return ThreadPoolTaskRunner(max_workers=n)
    from dask import config as dask_config
    from distributed import LocalCluster
    from prefect_dask import DaskTaskRunner

    dask_config.set({"distributed.worker.daemon": False})  # workers may start each file's bounded process
    if dask == "local":
        return DaskTaskRunner(cluster_class=LocalCluster,
                              cluster_kwargs={"n_workers": n, "threads_per_worker": 1, "processes": True,
                                              "dashboard_address": None})
    return DaskTaskRunner(address=dask)


@task(name="publish-views", retries=2, retry_delay_seconds=1, retry_condition_fn=_retry_io)
def publish_task(out: Path) -> dict[str, int]:
    """Rebuild the facts_* views and datapackage.json from the stored datasets."""
    return publish(out)


def artifact_key(*parts: str) -> str:
    """A Prefect artifact key (lowercase letters, digits and dashes only) from free text such as a source name."""
    return re.sub(r"-+", "-", re.sub(r"[^a-z0-9-]", "-", "-".join(parts).lower())).strip("-") or "govreports"


def table_artifact(result: BatchResult, key: str, title: str) -> None:
    """A table artifact of the batch: one row per file with its status, rows and error codes."""
    table = [{"file": r["file"], "status": r["status"], "doc_type": r["doc_type"], "fiscal_year": r["fiscal_year"],
              "rows": sum(n for k, n in r["rows"].items() if k != "extraction_issues"),
              "issues": r["rows"].get("extraction_issues", 0), "errors": " ".join(r["errors"]),
              "seconds": r["seconds"]} for r in result.reports]
    if result.fatal:
        table.append({"file": "(batch stopped)", "status": "error", "doc_type": "", "fiscal_year": None, "rows": 0,
                      "issues": 0, "errors": result.fatal, "seconds": 0.0})
    create_table_artifact(table=table, key=key, description=title)


def run_jobs(jobs: list[FileJob], out: Path, limits: Limits, on_file: OnFile = None) -> BatchResult:
    """Submit one task per job (named after its file) and collect reports as they finish (inside a flow)."""
    futures: dict[PrefectFuture[Any], FileJob] = {
        extract_task.with_options(task_run_name=f"extract · {j.name}").submit(j, out, limits): j for j in jobs}
    result = BatchResult()
    for fut in as_completed(list(futures)):
        try:
            report = fut.result()
        except DiskFull as exc:
            result.fatal = result.fatal or str(exc)
            continue
        except Exception as exc:  # a bug in one file must not stop the others
            report = crashed_report(futures[fut], exc)
        result.reports.append(report)
        if on_file:
            on_file(report)
    return result


@flow(name="extract-files", task_runner=task_runner())
def extract_files(paths: list[Path], out: Path, on_file: OnFile = None,
                  limits: Optional[Limits] = None) -> dict[str, Any]:
    """Extract and write every file (each as soon as it is read) and return the batch summary."""
    result = run_jobs([FileJob.of_path(Path(p)) for p in paths], Path(out), limits or Limits.from_env(), on_file)
    if result.fatal is None:
        publish_task(Path(out))
    table_artifact(result, "govreports-extract", f"govreports extract: {len(paths)} files -> {out}")
    return {**summarize(result.reports), "fatal": result.fatal}


def run_extract(paths: list[Path], out: Path, workers: Optional[int] = None, dask: Optional[str] = None,
                on_file: OnFile = None, limits: Optional[Limits] = None) -> dict[str, Any]:
    """The extract flow on the chosen task runner."""
    return extract_files.with_options(task_runner=task_runner(workers, dask))(paths, out, on_file, limits)
