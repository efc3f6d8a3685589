"""Each file under its own bounds: a slow, greedy or inflating file becomes a failed row; the others are written."""
from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from govreports.batch import FileJob, process_job, run_local
from govreports.bounds import Exceeded, Limits, run_bounded
from govreports.store import read_dataset

from .builders import inflating_docx, merge_bomb_xlsx


def _sleep(seconds: float) -> str:
    time.sleep(seconds)
    return "woke"


def _allocate(mb: int) -> int:
    return len(bytearray(mb << 20))


def _boom() -> None:
    raise ValueError("a bug")


def test_a_call_past_its_wall_time_is_stopped() -> None:
    start = time.monotonic()
    with pytest.raises(Exceeded) as err:
        run_bounded(_sleep, (30,), Limits(timeout_s=1))
    assert err.value.code == "timeout" and time.monotonic() - start < 15


def test_a_call_past_its_memory_bound_is_too_large() -> None:
    with pytest.raises(Exceeded) as err:
        run_bounded(_allocate, (3000,), Limits(memory_mb=1500))
    assert err.value.code == "too_large"
    assert run_bounded(_allocate, (10,), Limits(memory_mb=1500)) == 10 << 20


def test_the_callee_s_own_error_comes_back_as_itself() -> None:
    with pytest.raises(ValueError, match="a bug"):
        run_bounded(_boom, (), Limits())


def test_a_docx_zip_bomb_is_too_large_before_it_is_inflated(tmp_path: Path) -> None:
    bomb = inflating_docx(tmp_path / "bomb.docx", inflated_mb=64)
    assert bomb.stat().st_size < 2 << 20
    report = process_job(FileJob.of_path(bomb), tmp_path / "out", Limits(unzipped_mb=20))
    assert report["status"] == "failed" and report["errors"] == ["too_large"]


def test_the_merge_bomb_is_read_in_bounded_memory(tmp_path: Path) -> None:
    bomb = merge_bomb_xlsx(tmp_path / "bomb.xlsx")
    report = process_job(FileJob.of_path(bomb), tmp_path / "out", Limits(timeout_s=60, memory_mb=4000))
    assert report["status"] != "failed", report


def test_a_slow_file_times_out_and_the_others_are_written(tmp_path: Path, samples_dir: Path) -> None:
    big = samples_dir / "pdf" / "000_b6cc7c43e2eeb60f.pdf"  # 28 pages: seconds, far over a 0.5 s bound
    small = samples_dir / "html" / "002_99c7b2a72a410d2a.html"
    too_big = tmp_path / "huge.pdf"
    too_big.write_bytes(b"%PDF-1.4\n" + b"0" * (3 << 20))
    out = tmp_path / "out"
    slow = run_local([FileJob.of_path(big)], out, Limits(timeout_s=0.5), 1).reports
    rest = run_local([FileJob.of_path(small), FileJob.of_path(too_big)], out, Limits(file_mb=2), 2).reports
    assert slow[0]["status"] == "failed" and slow[0]["errors"] == ["timeout"]
    by_file = {r["file"]: r for r in rest}
    assert by_file["huge.pdf"]["errors"] == ["too_large"]
    assert by_file[small.name]["status"] in ("ok", "partial")
    docs = read_dataset(out, "documents").to_pylist()
    assert sorted(d["status"] == "failed" for d in docs) == [False, True, True]


@pytest.mark.parametrize("special, code", [("/dev/zero", "not_a_regular_file"), ("/proc/self/mem", "unreadable")])
def test_device_and_proc_files_are_rows_not_crashes(tmp_path: Path, special: str, code: str) -> None:
    report = process_job(FileJob.of_path(Path(special)), tmp_path / "out", Limits(timeout_s=30))
    assert report["status"] == "failed" and report["errors"] == [code]


def test_a_directory_and_an_unreadable_file_are_rows(tmp_path: Path) -> None:
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(b"%PDF-1.4\n")
    locked.chmod(0)
    folder = tmp_path / "folder.pdf"
    folder.mkdir()
    reports = run_local([FileJob.of_path(folder), FileJob.of_path(locked)], tmp_path / "out", Limits(), 2).reports
    got = {r["file"]: r["errors"] for r in reports}
    assert got["folder.pdf"] == ["not_a_regular_file"]
    if os.geteuid() != 0:  # root reads a mode-000 file
        assert got["locked.pdf"] == ["unreadable"]


def test_a_symlink_inside_its_folder_is_read_and_one_out_of_it_is_refused(tmp_path: Path, samples_dir: Path) -> None:
    inside = tmp_path / "report.html"
    inside.write_bytes((samples_dir / "html" / "002_99c7b2a72a410d2a.html").read_bytes())
    (tmp_path / "alias.html").symlink_to(inside)
    (tmp_path / "escape.html").symlink_to(samples_dir / "html" / "002_99c7b2a72a410d2a.html")
    reports = run_local([FileJob.of_path(tmp_path / "alias.html"), FileJob.of_path(tmp_path / "escape.html")],
                        tmp_path / "out", Limits(), 2).reports
    got = {r["file"]: r for r in reports}
    assert got["alias.html"]["status"] in ("ok", "partial")
    assert got["escape.html"]["errors"] == ["symlink_refused"]


def _segfault() -> None:
    os.kill(os.getpid(), 11)


def test_a_file_whose_process_dies_is_a_crash_not_a_hang() -> None:
    with pytest.raises(Exceeded) as err:
        run_bounded(_segfault, (), Limits(timeout_s=60))
    assert err.value.code == "extractor_crashed"
