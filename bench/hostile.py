"""Each hostile input alone through `govreports extract` (default bounds): wall time, peak RSS, status, issue.

Usage: python bench/hostile.py [--only NAME ...]
Builds the inputs in a temporary folder (a 1 GB-inflating DOCX takes a few seconds to compress), runs the CLI
once per input (no Prefect API: the local run) and prints one table row per input, then the acceptance batch
(all of them plus two good files in one command). The last line is `batch_s=X` (target < 120).
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import time
import zipfile
from pathlib import Path
from typing import Callable

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from govreports.store import read_dataset  # noqa: E402
from tests.hostile.builders import fifo, image_only_pdf, inflating_docx, merge_bomb_xlsx, symlink_to  # noqa: E402

BIN = Path(sys.executable).parent
GOOD = [ROOT / "data" / "samples" / "docx" / "001_08874745f9f1f8cd.docx",
        ROOT / "data" / "samples" / "pdf" / "004_9afd7b26ca454508.pdf"]


def image_bomb_docx(path: Path) -> Path:
    """A DOCX whose one image part inflates to 1 GB."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/'
                    'package/2006/content-types"/>')
        zf.writestr("word/document.xml", '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/'
                    '2006/main"><w:body><w:p><w:r><w:t>一</w:t></w:r></w:p></w:body></w:document>')
        with zf.open("word/media/image1.png", "w", force_zip64=True) as part:
            chunk = b"\0" * (1 << 24)
            for _ in range(64):
                part.write(chunk)
    return path


def directory(path: Path) -> Path:
    """A directory given as a file."""
    path.mkdir()
    return path


def unreadable(path: Path) -> Path:
    """A file with mode 000 (root still reads it)."""
    path.write_bytes(b"%PDF-1.4\n")
    path.chmod(0)
    return path


INPUTS: dict[str, Callable[[Path], Path]] = {
    "xlsx merge bomb A2:XFD1048575": lambda d: merge_bomb_xlsx(d / "bomb.xlsx"),
    "FIFO": lambda d: fifo(d / "pipe.pdf"),
    "/dev/zero": lambda d: Path("/dev/zero"),
    "/proc/self/mem": lambda d: Path("/proc/self/mem"),
    "missing path": lambda d: d / "missing.pdf",
    "directory": lambda d: directory(d / "folder.pdf"),
    "mode-000 file": lambda d: unreadable(d / "locked.pdf"),
    "symlink to /etc/passwd": lambda d: symlink_to(d / "passwd.pdf", "/etc/passwd"),
    "DOCX, 1 GB document.xml": lambda d: inflating_docx(d / "textbomb.docx", 1024),
    "DOCX, 1 GB image part": lambda d: image_bomb_docx(d / "imagebomb.docx"),
    "image-only PDF": lambda d: image_only_pdf(d / "scan.pdf"),
}


def run(paths: list[Path], out: Path) -> tuple[float, int, int]:
    """(wall s, peak summed RSS MB of the CLI and its processes, exit code) of one extract."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(out.parent / "prefect-home")
    start = time.perf_counter()
    proc = subprocess.Popen([str(BIN / "govreports"), "extract", *map(str, paths), "--out", str(out)], env=env,
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    ps, peak = psutil.Process(proc.pid), 0
    while proc.poll() is None:
        total = 0
        for p in [ps, *ps.children(recursive=True)]:
            try:
                total += p.memory_info().rss
            except psutil.Error:
                pass
        peak = max(peak, total)
        time.sleep(0.05)
    return time.perf_counter() - start, peak >> 20, proc.returncode


def outcome(out: Path) -> dict[str, str]:
    """file name -> 'status: error codes' from the written datasets."""
    issues = read_dataset(out, "extraction_issues").to_pylist()
    got = {}
    for d in read_dataset(out, "documents").to_pylist():
        codes = sorted({i["code"] for i in issues if i["doc_id"] == d["doc_id"] and i["severity"] == "error"})
        got[d["file_name"]] = f"{d['status']}: {', '.join(codes) or '-'}"
    return got


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", nargs="*")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "inputs"
        folder.mkdir()
        built = {name: make(folder) for name, make in INPUTS.items() if not args.only or name in args.only}
        print("| input | wall s | peak RSS MB | exit | row |\n|---|---|---|---|---|")
        for i, (name, path) in enumerate(built.items()):
            out = Path(tmp) / f"out{i}"
            wall, rss, code = run([path], out)
            print(f"| {name} | {wall:.1f} | {rss} | {code} | {'; '.join(outcome(out).values()) or 'no row'} |",
                  flush=True)
        batch = [built[n] for n in ("xlsx merge bomb A2:XFD1048575", "FIFO", "missing path", "symlink to /etc/passwd",
                                    "image-only PDF") if n in built] + GOOD
        out = Path(tmp) / "batch"
        wall, rss, code = run(batch, out)
        rows = outcome(out)
        leaked = Path("/etc/passwd").read_bytes()[:32] in b"".join(p.read_bytes() for p in out.rglob("*.parquet"))
        print(f"acceptance batch: {len(batch)} inputs, {len(rows)} documents rows, exit {code}, peak RSS {rss} MB, "
              f"/etc/passwd bytes stored: {leaked}")
        for file, row in sorted(rows.items()):
            print(f"  {file}: {row}")
        print(f"batch_s={wall:.1f}")


if __name__ == "__main__":
    main()
