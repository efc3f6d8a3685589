"""A function call -> its result, run in its own process under a wall-time and memory bound."""
from __future__ import annotations

import multiprocessing
import multiprocessing.connection
import os
import resource
import signal
import threading
import traceback
from multiprocessing import spawn
from dataclasses import dataclass
from typing import Any, Callable

# The forkserver imports the extractors and loads jieba once; each file's process is a cheap fork of it,
# and no thread of the caller (Prefect's event loop, rich's refresher) is copied into a child.
PRELOAD = ["govreports.warm"]


def _env_float(name: str, default: float) -> float:
    try:
        return float(os.environ.get(name, default))
    except ValueError:
        return default


@dataclass(frozen=True)
class Limits:
    """Per-file bounds; the defaults are far above any real portal file (a 300-page PDF takes ~1 min, <1 GB)."""

    timeout_s: float = 600.0  # wall time of one file's extraction
    memory_mb: int = 6144  # address space of the file's process (RLIMIT_AS)
    file_mb: int = 512  # size of the file itself
    unzipped_mb: int = 512  # declared uncompressed size of all parts of a DOCX/XLSX (a file holds <= 512 MB)

    @classmethod
    def from_env(cls) -> "Limits":
        """Defaults, overridden by GOVREPORTS_TIMEOUT_S / _MEMORY_MB / _FILE_MB / _UNZIPPED_MB."""
        d = cls()
        return cls(_env_float("GOVREPORTS_TIMEOUT_S", d.timeout_s),
                   int(_env_float("GOVREPORTS_MEMORY_MB", d.memory_mb)), int(_env_float("GOVREPORTS_FILE_MB", d.file_mb)),
                   int(_env_float("GOVREPORTS_UNZIPPED_MB", d.unzipped_mb)))


class Exceeded(Exception):
    """The call broke a bound (`code` is timeout or too_large) or its process died (`extractor_crashed`)."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code


_CTX: Any = None


def _context() -> Any:
    global _CTX
    if _CTX is None:
        _CTX = multiprocessing.get_context("forkserver")
        _CTX.set_forkserver_preload(PRELOAD)
    return _CTX


def start_forkserver() -> None:
    """Start the per-file forkserver now (its imports then overlap with the caller's own start-up)."""
    from multiprocessing import forkserver

    _context()
    forkserver.ensure_running()


def _child(conn: multiprocessing.connection.Connection, fn: Callable[..., Any], args: tuple[Any, ...],
           memory_bytes: int) -> None:
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    resource.setrlimit(resource.RLIMIT_AS, (memory_bytes, memory_bytes))
    try:
        reply: tuple[str, Any] = ("ok", fn(*args))
    except MemoryError:
        reply = ("too_large", f"over the {memory_bytes >> 20} MB memory bound")
    except BaseException as exc:  # reported to the parent as data; the parent decides
        reply = ("error", (exc, traceback.format_exc(limit=5)))
    try:
        conn.send(reply)
    except MemoryError:
        conn.send(("too_large", f"result over the {memory_bytes >> 20} MB memory bound"))
    conn.close()


_START_LOCK = threading.Lock()


def _start_without_main(proc: Any) -> None:
    """Start proc without re-running the caller's __main__ in it: the child needs only govreports' modules, and
    a __main__ that cannot be re-run (a script on stdin, a console script's side effects) must not kill it."""
    original = spawn.get_preparation_data

    def prepared(name: str) -> dict[str, Any]:
        data = original(name)
        data.pop("init_main_from_path", None)
        data.pop("init_main_from_name", None)
        return data

    with _START_LOCK:
        spawn.get_preparation_data = prepared
        try:
            proc.start()
        finally:
            spawn.get_preparation_data = original


def in_daemon() -> bool:
    """True inside a daemonic process (e.g. a Dask worker), which may not start children."""
    return bool(multiprocessing.current_process().daemon)


def run_bounded(fn: Callable[..., Any], args: tuple[Any, ...], limits: Limits) -> Any:
    """fn(*args) in a fresh process; Exceeded on timeout, memory or a dead process; fn's own errors re-raised."""
    if in_daemon():  # no child possible: run here, unbounded (README: set distributed.worker.daemon=False)
        return fn(*args)
    ctx = _context()
    parent, child = ctx.Pipe(duplex=False)
    proc = ctx.Process(target=_child, args=(child, fn, args, limits.memory_mb << 20), daemon=True)
    _start_without_main(proc)
    child.close()
    try:
        if not parent.poll(limits.timeout_s):
            raise Exceeded("timeout", f"still running after {limits.timeout_s:g} s; stopped")
        try:
            status, value = parent.recv()
        except (EOFError, OSError):
            proc.join(5)
            code = proc.exitcode
            if code == -signal.SIGKILL:
                raise Exceeded("too_large", "the file's process was killed (out of memory)") from None
            raise Exceeded("extractor_crashed", f"the file's process died (exit code {code})") from None
    finally:
        if proc.is_alive():
            proc.kill()
        proc.join()
        parent.close()
    if status == "ok":
        return value
    if status == "too_large":
        raise Exceeded("too_large", value)
    exc, tb = value
    exc.add_note(tb)
    raise exc
