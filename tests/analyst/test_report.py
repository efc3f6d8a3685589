"""`govreports report` writes one self-contained page that headless Chromium renders without console errors."""
from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from govreports.analyst.report import write_report

FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
         "--disable-sync", "--no-first-run", "--enable-logging=stderr", "--v=0", "--virtual-time-budget=10000"]


def chromium() -> str:
    """Path of the Debian chromium (scripts/setup.sh installs it as root), or skip."""
    path = shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        pytest.skip("chromium is not installed (scripts/setup.sh installs it where root and apt-get are available)")
    return path


def browse(page: Path, profile: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    """Open page in a fresh headless Chromium profile with extra flags (--screenshot=..., --dump-dom)."""
    return subprocess.run([chromium(), *FLAGS, f"--user-data-dir={profile}", *extra, page.resolve().as_uri()],
                          capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def report(demo_curated: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_report(demo_curated, tmp_path_factory.mktemp("report") / "report.html")


def test_the_page_is_self_contained(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert not re.search(r"<script[^>]+src=|<link[^>]+stylesheet", text)  # no file or CDN the page must fetch
    for heading in ("Documents", "三公经费: budget vs actual", "Budget totals by year", "Indicator attainment",
                    "Extraction issues"):
        assert f"<h2>{heading}</h2>" in text


def test_issues_link_back_to_their_file_and_page(report: Path) -> None:
    text = report.read_text(encoding="utf-8")
    assert re.search(r'<a href="file://[^"]+\.pdf#page=\d+">', text)
    assert "conflicting_values" in text


def test_chromium_renders_the_report_with_a_screenshot_and_no_console_output(report: Path, tmp_path: Path) -> None:
    shot = tmp_path / "report.png"
    run = browse(report, tmp_path / "profile-shot", "--window-size=1400,3000", f"--screenshot={shot}")
    assert shot.exists() and shot.stat().st_size > 20_000, run.stderr[-2000:]
    console = [line for line in run.stderr.splitlines() if ":CONSOLE" in line]
    assert console == [], console  # the page logs nothing: any console line is an error or a warning
    dom = browse(report, tmp_path / "profile-dom", "--dump-dom").stdout
    assert dom.count('class="main-svg"') >= 7 * 2  # plotly drew every chart (two svg layers each)


def test_a_console_error_would_be_seen(tmp_path: Path) -> None:
    page = tmp_path / "bad.html"
    page.write_text("<html><body><script>console.error('boom'); missing();</script></body></html>")
    run = browse(page, tmp_path / "profile", f"--screenshot={tmp_path / 'bad.png'}")
    assert any(":CONSOLE" in line and "missing is not defined" in line for line in run.stderr.splitlines())


def test_the_cli_writes_the_report(demo_curated: Path, tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from govreports.cli import app

    out = tmp_path / "r.html"
    result = CliRunner().invoke(app, ["report", "--data", str(demo_curated), "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert out.stat().st_size > 1_000_000  # plotly's JS is inside the page
