"""Peak RSS of `govreports extract` (the CLI and every process under it, summed) for 20 vs 200 files.

Usage: python bench/memory.py [--small 20] [--large 200] [--workers N] [--prefect]
The files are the bundled samples (the long 28-page PDF left out to keep the run short), each copy made
distinct by a trailing PDF comment / zip-tolerated suffix so that every one is a new document, repeated to
reach the count. The process tree's RSS is sampled every 0.1 s. The last line is `rss_ratio=X`
(peak for --large / peak for --small); the target is <= 1.5.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SAMPLES = ROOT / "data" / "samples"
BIN = Path(sys.executable).parent
SKIP = {"000_b6cc7c43e2eeb60f.pdf"}


def corpus(folder: Path, count: int) -> list[Path]:
    """count distinct files made from the samples (a PDF gets a trailing comment, HTML a trailing comment)."""
    base = [p for p in sorted(SAMPLES.rglob("*")) if p.suffix in (".pdf", ".html") and p.name not in SKIP]
    folder.mkdir(parents=True, exist_ok=True)
    made = []
    for i in range(count):
        src = base[i % len(base)]
        tail = f"\n%copy {i}\n" if src.suffix == ".pdf" else f"\n<!-- copy {i} -->\n"
        dst = folder / f"{i:04d}_{src.name}"
        dst.write_bytes(src.read_bytes() + tail.encode())
        made.append(dst)
    return made


def tree_rss(proc: psutil.Process) -> int:
    """RSS of a process and all its descendants, in bytes."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_info().rss
        except psutil.Error:
            pass
    return total


def peak_rss(files: list[Path], env: dict[str, str], *extra: str) -> tuple[int, float]:
    """(peak summed RSS in bytes, wall seconds) of one extract run over files into a fresh folder."""
    with tempfile.TemporaryDirectory() as out:
        start = time.perf_counter()
        proc = subprocess.Popen([str(BIN / "govreports"), "extract", *map(str, files), "--out", out, *extra], env=env,
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
        ps = psutil.Process(proc.pid)
        peak = 0
        while proc.poll() is None:
            peak = max(peak, tree_rss(ps))
            time.sleep(0.1)
        if proc.returncode:
            raise SystemExit(f"extract failed with {proc.returncode}")
        return peak, time.perf_counter() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--small", type=int, default=20)
    parser.add_argument("--large", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None)
    parser.add_argument("--prefect", action="store_true")
    args = parser.parse_args()
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = tempfile.mkdtemp(prefix="bench-prefect-home-")
    extra = (["--workers", str(args.workers)] if args.workers else []) + (["--prefect"] if args.prefect else [])
    with tempfile.TemporaryDirectory() as tmp:
        large = corpus(Path(tmp), args.large)
        small_peak, small_s = peak_rss(large[:args.small], env, *extra)
        large_peak, large_s = peak_rss(large, env, *extra)
    print(f"files={args.small} peak_rss_mb={small_peak / 2**20:.0f} wall_s={small_s:.0f}")
    print(f"files={args.large} peak_rss_mb={large_peak / 2**20:.0f} wall_s={large_s:.0f}")
    print(f"rss_ratio={large_peak / small_peak:.2f}")


if __name__ == "__main__":
    main()
