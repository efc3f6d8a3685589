"""`govreports serve`: one Prefect deployment per source on its cron (`govreports run` is in test_flows)."""
from __future__ import annotations

from flows.serve import deployments
from govreports.crawl.sources import load_sources


def test_serve_registers_one_deployment_per_source() -> None:
    sources = load_sources()
    deps = deployments(sources)
    assert [d.name for d in deps] == [f"govreports-{s.name}" for s in sources]
    for dep, src in zip(deps, sources):
        (sched,) = dep.schedules
        assert sched.schedule.cron == src.cron and sched.schedule.timezone == src.timezone
        assert dep.parameters == {"source_name": src.name, "data": "data"}
        assert dep.flow_name == "run-source" and dep.entrypoint.endswith("flows/run.py:run_source")
    assert {s.name: s.cron for s in sources}["demo"] == "*/30 * * * *"
