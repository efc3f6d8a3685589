"""The hostile batch through the real CLI: every input gets a row, the good files their rows, nothing leaks."""
from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

import pyarrow as pa

from govreports.store import SCHEMAS, read_dataset

from .builders import fifo, image_only_pdf, merge_bomb_xlsx, symlink_to

ROOT = Path(__file__).resolve().parents[2]
GOOD = ("docx/001_08874745f9f1f8cd.docx", "pdf/004_9afd7b26ca454508.pdf")


def _all_text(out: Path) -> str:
    """Every string cell of every dataset, joined (to look for leaked bytes)."""
    parts = []
    for name in SCHEMAS:
        table = read_dataset(out, name)
        for col in table.columns:
            if pa.types.is_string(col.type):
                parts.extend(v for v in col.to_pylist() if v)
    return "\n".join(parts)


def test_hostile_batch_finishes_with_a_row_for_every_input(tmp_path: Path, samples_dir: Path) -> None:
    inputs = tmp_path / "inputs"
    inputs.mkdir()
    hostile = {
        "bomb.xlsx": merge_bomb_xlsx(inputs / "bomb.xlsx"),
        "pipe.pdf": fifo(inputs / "pipe.pdf"),
        "missing.pdf": inputs / "missing.pdf",
        "passwd.pdf": symlink_to(inputs / "passwd.pdf", "/etc/passwd"),
        "scan.pdf": image_only_pdf(inputs / "scan.pdf"),
    }
    good = [samples_dir / g for g in GOOD]
    out = tmp_path / "curated"
    env = {k: v for k, v in os.environ.items() if not k.startswith("PREFECT_API")}
    env["PREFECT_HOME"] = str(tmp_path / "prefect")  # no API: the local run, default bounds
    start = time.monotonic()
    done = subprocess.run([str(Path(sys.executable).with_name("govreports")), "extract", *map(str, hostile.values()),
                           *map(str, good), "--out", str(out)], env=env, cwd=ROOT, capture_output=True, text=True,
                          timeout=170)
    seconds = time.monotonic() - start
    assert done.returncode == 0, done.stdout + done.stderr
    assert seconds < 120, seconds

    docs = {d["file_name"]: d for d in read_dataset(out, "documents").to_pylist()}
    issues = read_dataset(out, "extraction_issues").to_pylist()
    codes = {name: {i["code"] for i in issues if i["doc_id"] == d["doc_id"]} for name, d in docs.items()}
    assert set(docs) == set(hostile) | {g.name for g in good}
    assert docs["pipe.pdf"]["status"] == "failed" and "not_a_regular_file" in codes["pipe.pdf"]
    assert docs["missing.pdf"]["status"] == "failed" and "missing" in codes["missing.pdf"]
    assert docs["passwd.pdf"]["status"] == "failed" and "symlink_refused" in codes["passwd.pdf"]
    assert docs["bomb.xlsx"]["file_format"] == "xlsx"  # read (merges clipped), not killed
    assert docs["scan.pdf"]["file_format"] == "pdf"  # kept as a row; its issue is the PDF reader's to give
    for g in good:
        assert docs[g.name]["status"] in ("ok", "partial")
    assert read_dataset(out, "sections").num_rows > 0 and read_dataset(out, "prose_metrics").num_rows > 0

    passwd = Path("/etc/passwd").read_text(errors="replace").splitlines()
    text = _all_text(out)
    assert not [line for line in passwd if line.strip() and line in text]
    raw_bytes = b"".join(p.read_bytes() for p in out.rglob("*.parquet"))
    assert Path("/etc/passwd").read_bytes()[:64] not in raw_bytes
