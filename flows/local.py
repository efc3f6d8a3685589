"""The extract batch without a Prefect API (one-off local work): same per-file tasks, no orchestration records.

Imports nothing from prefect, so `govreports extract one.pdf` does not pay ~3 s of imports plus a server start."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Optional

from govreports.batch import FileJob, default_workers, run_local, summarize
from govreports.bounds import Limits


def extract_local(paths: list[Path], out: Path, workers: Optional[int] = None,
                  on_file: Optional[Callable[[dict[str, Any]], None]] = None,
                  limits: Optional[Limits] = None) -> dict[str, Any]:
    """Extract and write every file, `workers` at a time, each in its own bounded process; the batch summary."""
    result = run_local([FileJob.of_path(Path(p)) for p in paths], Path(out), limits or Limits.from_env(),
                       workers or default_workers(), on_file)
    if result.fatal is None:
        from govreports.analyst.publish import publish  # after the batch: its pandas import is not paid per file

        publish(Path(out))
    return {**summarize(result.reports), "fatal": result.fatal}
