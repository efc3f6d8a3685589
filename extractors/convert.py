"""Office bytes (.doc, .wps, .et, old .xls) -> .docx/.xlsx bytes with LibreOffice headless, from a reused profile pool."""
from __future__ import annotations

import atexit
import os
import queue
import shutil
import signal
import subprocess
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from govreports.errors import BadInput

SOFFICE_ENV = "GOVREPORTS_SOFFICE"  # path of the soffice binary (else found on PATH)
TIMEOUT_ENV = "GOVREPORTS_CONVERT_TIMEOUT"  # seconds one conversion may take
DEFAULT_TIMEOUT = 120.0
POOL_SIZE = 2  # soffice processes that may run at once; each owns its profile (one profile serves one process)
INSTALL_HINT = ("install LibreOffice (Debian/Ubuntu: apt-get install libreoffice-writer-nogui libreoffice-calc-nogui "
                "fonts-noto-cjk; scripts/setup.sh does it as root) or set GOVREPORTS_SOFFICE to its soffice binary")
FILTERS = {"docx": "docx:MS Word 2007 XML", "xlsx": "xlsx:Calc MS Excel 2007 XML"}


class ConverterMissing(BadInput):
    """LibreOffice is not installed here; the raw file is kept and converts once it is (not a retryable failure)."""

    code = "converter_missing"


class ConversionFailed(BadInput):
    """LibreOffice could not convert the file (it crashed, hung past the timeout, or wrote nothing)."""

    code = "conversion_failed"


@dataclass(frozen=True)
class Converted:
    """A converted file: its bytes, target format and the converter that made it."""

    data: bytes
    target: str
    converter: str


def find_soffice() -> Optional[str]:
    """Path of the soffice binary: GOVREPORTS_SOFFICE, else soffice/libreoffice on PATH, else None."""
    configured = os.environ.get(SOFFICE_ENV)
    if configured:
        return configured if os.access(configured, os.X_OK) else None
    return shutil.which("soffice") or shutil.which("libreoffice")


def timeout_seconds() -> float:
    """The per-file conversion timeout (GOVREPORTS_CONVERT_TIMEOUT, default 120 s)."""
    try:
        return float(os.environ.get(TIMEOUT_ENV, DEFAULT_TIMEOUT))
    except ValueError:
        return DEFAULT_TIMEOUT


class ProfilePool:
    """LibreOffice user profiles reused across a batch: the first conversion builds one, later ones start warm."""

    def __init__(self, size: int = POOL_SIZE) -> None:
        self.root = Path(tempfile.mkdtemp(prefix="govreports-soffice-"))
        self.free: queue.LifoQueue[Path] = queue.LifoQueue()  # the warmest profile is taken first
        for k in reversed(range(size)):
            self.free.put(self.root / f"profile{k}")
        self.made = size

    def take(self) -> Path:
        """A profile no running soffice uses (blocks while all are busy)."""
        return self.free.get()

    def give(self, profile: Path, healthy: bool) -> None:
        """Return a profile; one whose soffice was killed is replaced by a fresh one (its lock files may be stale)."""
        if not healthy:
            shutil.rmtree(profile, ignore_errors=True)
            profile = self.root / f"profile{self.made}"
            self.made += 1
        self.free.put(profile)

    def close(self) -> None:
        """Remove every profile."""
        shutil.rmtree(self.root, ignore_errors=True)


_pool: Optional[ProfilePool] = None
_pool_lock = threading.Lock()


def pool() -> ProfilePool:
    """The process-wide profile pool, made on first use and removed at exit."""
    global _pool
    with _pool_lock:
        if _pool is None:
            _pool = ProfilePool()
            atexit.register(_pool.close)
        return _pool


def convert(data: bytes, name: str, source_ext: str, target: str, timeout: Optional[float] = None) -> Converted:
    """Convert one file's bytes to target ('docx' or 'xlsx'); ConverterMissing / ConversionFailed on failure."""
    soffice = find_soffice()
    if soffice is None:
        raise ConverterMissing(f"{name}: a .{source_ext} file needs LibreOffice to be read: {INSTALL_HINT}")
    profiles = pool()
    profile = profiles.take()
    healthy = False
    try:
        with tempfile.TemporaryDirectory(prefix="govreports-convert-") as work:
            src = Path(work) / f"input.{source_ext}"
            src.write_bytes(data)
            out = Path(work) / "out"
            healthy = run_soffice(soffice, profile, src, out, target, timeout or timeout_seconds(), name)
            result = out / f"input.{target}"
            if not result.is_file() or result.stat().st_size == 0:
                raise ConversionFailed(f"{name}: LibreOffice wrote no .{target} (the .{source_ext} is damaged "
                                       f"or not what its bytes claim)")
            return Converted(result.read_bytes(), target, f"LibreOffice {soffice_version(soffice)}")
    finally:
        profiles.give(profile, healthy)


def run_soffice(soffice: str, profile: Path, src: Path, out: Path, target: str, timeout: float, name: str) -> bool:
    """Run one headless conversion in its own process group; on timeout the whole group is killed (no orphans)."""
    cmd = [soffice, "--headless", "--invisible", "--nologo", "--norestore", "--nodefault", "--nolockcheck",
           f"-env:UserInstallation={profile.as_uri()}", "--convert-to", FILTERS[target], "--outdir", str(out), str(src)]
    proc = subprocess.Popen(cmd, stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            start_new_session=True, env={**os.environ, "HOME": str(profile.parent)})
    try:
        output, _ = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        kill_group(proc)
        raise ConversionFailed(f"{name}: LibreOffice did not finish converting within {timeout:g} s; "
                               f"it was stopped", code="conversion_timeout") from None
    finally:
        kill_group(proc)  # soffice.bin helpers outlive the wrapper script when it crashes
    if proc.returncode != 0:
        tail = output.decode("utf-8", "replace").strip()[-300:]
        raise ConversionFailed(f"{name}: LibreOffice exited with {proc.returncode}: {tail}")
    return True


def kill_group(proc: subprocess.Popen[bytes]) -> None:
    """SIGKILL every process of proc's session (soffice wrapper, soffice.bin, oosplash) and reap proc."""
    try:
        os.killpg(proc.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    proc.wait()


_versions: dict[str, str] = {}


def soffice_version(soffice: str) -> str:
    """'7.4.7.2' from `soffice --version` (cached per binary; 'unknown' when it will not say)."""
    if soffice not in _versions:
        try:
            text = subprocess.run([soffice, "--version"], capture_output=True, timeout=30, text=True,
                                  start_new_session=True).stdout
        except (OSError, subprocess.TimeoutExpired):
            text = ""
        words = text.split()
        _versions[soffice] = words[1] if len(words) > 1 and words[0] == "LibreOffice" else "unknown"
    return _versions[soffice]
