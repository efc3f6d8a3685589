"""Serve one Prefect deployment per source, each on its source file's cron schedule."""
from __future__ import annotations

from typing import Any, Optional

from prefect.schedules import Cron

from flows.run import run_source
from govreports.crawl.sources import Source, load_sources


def deployments(sources: Optional[list[Source]] = None, data: str = "data") -> list[Any]:
    """One RunnerDeployment of the run-source flow per source, named after it, on its cron (one run at a time)."""
    return [run_source.to_deployment(name=f"govreports-{s.name}", schedule=Cron(s.cron, timezone=s.timezone),
                                     parameters={"source_name": s.name, "data": data},
                                     tags=["govreports", s.name], concurrency_limit=1)
            for s in (sources if sources is not None else load_sources())]


def serve_all(data: str = "data") -> None:
    """Block serving every source's deployment (prefect.serve)."""
    from prefect import serve

    serve(*deployments(data=data))
