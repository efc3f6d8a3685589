"""`govreports extract --workers 1` vs the default (the machine's cores) on >= 12 real PDFs, side by side.

Usage: python bench/parallel.py [--corpus DIR] [--limit N] [--repeat 1] [--prefect]
Each run writes into a fresh folder; the runs alternate (1, default, 1, default ...) so that load from other
processes hits both alike. --prefect runs both through a Prefect flow on a temporary server (same task code).
The last line is `speedup=X` (median wall time with --workers 1 / with the default); the target is >= 1.6 on 2 cores.
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

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEFAULT_CORPUS = ROOT.parent / "shared" / "corpus" / "real" / "shanghai-putuo"
BIN = Path(sys.executable).parent


def pdfs(corpus: Path, limit: int) -> list[Path]:
    """The first `limit` PDFs under corpus (sorted, so both runs read the same files)."""
    found = sorted(corpus.rglob("*.pdf"))[:limit]
    if len(found) < 12:
        raise SystemExit(f"need >= 12 PDFs under {corpus}, found {len(found)}")
    return found


def wall(files: list[Path], env: dict[str, str], *extra: str) -> float:
    """Seconds of one `govreports extract` over the files into a fresh folder."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        subprocess.run([str(BIN / "govreports"), "extract", *map(str, files), "--out", out, *extra], env=env,
                       check=True, capture_output=True, cwd=ROOT)
        return time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--corpus", type=Path, default=DEFAULT_CORPUS)
    parser.add_argument("--limit", type=int, default=16)
    parser.add_argument("--repeat", type=int, default=1)
    parser.add_argument("--prefect", action="store_true")
    args = parser.parse_args()
    files = pdfs(args.corpus, args.limit)
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = tempfile.mkdtemp(prefix="bench-prefect-home-")
    mode = ["--prefect"] if args.prefect else []
    one, default = [], []
    for _ in range(args.repeat):
        one.append(wall(files, env, "--workers", "1", *mode))
        default.append(wall(files, env, *mode))
    cores = len(os.sched_getaffinity(0))
    print(f"files={len(files)} cores={cores} mode={'prefect' if args.prefect else 'local'}")
    print(f"workers_1_s={statistics.median(one):.1f} default_s={statistics.median(default):.1f}")
    print(f"speedup={statistics.median(one) / statistics.median(default):.2f}")


if __name__ == "__main__":
    main()
