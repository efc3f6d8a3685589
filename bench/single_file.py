"""`govreports extract ONE.pdf` wall time minus in-process extraction time, for each way of running one file.

Usage: python bench/single_file.py [--file PDF] [--repeat 5] [--option-repeat 2] [--skip-options]
Baseline: a fresh `python` that imports the pipeline and times `extract_path(PDF)` alone (the imports are not
counted, jieba's first load is). Measured side by side, median of --repeat each:
  local      - the default with no Prefect API configured: no prefect import, the flow's tasks run locally;
  server     - a long-lived Prefect server (PREFECT_API_URL set), the run recorded as a Prefect flow run;
  temporary  - `--prefect` with no API: a temporary Prefect server started for the command (main's behaviour).
The last line is `overhead_s=X` for the default (local) path; the target is <= 1.0.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from typing import Optional

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_FILE = ROOT / "data" / "samples" / "pdf" / "004_9afd7b26ca454508.pdf"  # 4 pages
BIN = Path(sys.executable).parent
IN_PROCESS = ("import sys, time; from pathlib import Path; from govreports.pipeline import extract_path\n"
              "t = time.perf_counter(); extract_path(Path(sys.argv[1])); print(time.perf_counter() - t)")


def clean_env(home: Path, api: Optional[str] = None) -> dict[str, str]:
    """The environment of one measured command: its own PREFECT_HOME, an API URL only when given."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(home)
    if api:
        env["PREFECT_API_URL"] = api
    return env


def in_process(pdf: Path, env: dict[str, str]) -> float:
    """Seconds of extract_path() alone in a fresh interpreter."""
    out = subprocess.run([sys.executable, "-c", IN_PROCESS, str(pdf)], env=env, capture_output=True, text=True,
                         check=True, cwd=ROOT)
    return float(out.stdout.strip().splitlines()[-1])


def cli(pdf: Path, env: dict[str, str], *extra: str) -> float:
    """Wall seconds of `govreports extract PDF` into a fresh folder."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([str(BIN / "govreports"), "extract", str(pdf), "--out", out, *extra], env=env, check=True,
                       capture_output=True, cwd=ROOT)
        return time.perf_counter() - start


def overhead(pdf: Path, env: dict[str, str], repeat: int, *extra: str) -> tuple[float, float, float]:
    """(median CLI wall, median in-process extraction, median of the paired differences), measured alternately."""
    walls, bases = [], []
    for _ in range(repeat):
        bases.append(in_process(pdf, env))
        walls.append(cli(pdf, env, *extra))
    diffs = [w - b for w, b in zip(walls, bases)]
    return statistics.median(walls), statistics.median(bases), statistics.median(diffs)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--file", type=Path, default=DEFAULT_FILE)
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--option-repeat", type=int, default=2, help="runs of the slow server options")
    parser.add_argument("--skip-options", action="store_true", help="measure the default (local) path only")
    args = parser.parse_args()
    home = Path(tempfile.mkdtemp(prefix="bench-prefect-home-"))
    env = clean_env(home)
    in_process(args.file, env)  # warm the page cache and jieba's trimmed dictionary files
    results: dict[str, tuple[float, float, float]] = {}
    if not args.skip_options:
        from govreports.runtime import temporary_server

        results["temporary"] = overhead(args.file, env, args.option_repeat, "--prefect")
        with temporary_server() as api:
            results["server"] = overhead(args.file, clean_env(home, api), args.option_repeat)
    results["local"] = overhead(args.file, env, args.repeat)
    for name, (wall, base, diff) in results.items():
        print(f"{name:10s} cli_wall_s={wall:.2f} in_process_s={base:.2f} overhead_s={diff:.2f}")
    print(f"overhead_s={results['local'][2]:.2f}")


if __name__ == "__main__":
    main()
