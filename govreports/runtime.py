"""Where Prefect flows report to: a configured API, else a temporary server that dies with this process."""
from __future__ import annotations

import ctypes
import importlib.util
import os
import signal
import socket
import subprocess
import sys
import time
import tomllib
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Optional

PR_SET_PDEATHSIG = 1


def configured_api_url() -> Optional[str]:
    """PREFECT_API_URL from the environment or the active Prefect profile (read without importing prefect)."""
    if os.environ.get("PREFECT_API_URL"):
        return os.environ["PREFECT_API_URL"]
    home = Path(os.environ.get("PREFECT_HOME", Path.home() / ".prefect"))
    profiles = Path(os.environ.get("PREFECT_PROFILES_PATH", home / "profiles.toml"))
    try:
        data = tomllib.loads(profiles.read_text("utf-8"))
    except (OSError, tomllib.TOMLDecodeError):
        return None
    active = os.environ.get("PREFECT_PROFILE") or data.get("active", "ephemeral")
    url = data.get("profiles", {}).get(active, {}).get("PREFECT_API_URL")
    return str(url) if url else None


def _die_with_parent() -> None:
    """In the server's process before exec: the kernel kills it when the CLI dies, even by SIGKILL."""
    ctypes.CDLL(None, use_errno=True).prctl(PR_SET_PDEATHSIG, signal.SIGKILL)


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/health", timeout=1) as resp:
            return bool(resp.status == 200)
    except OSError:
        return False


@contextmanager
def temporary_server(timeout_s: float = 120.0) -> Iterator[str]:
    """Prefect's API server (as prefect's own temporary server runs it) on a free loopback port, tied to this
    process by PR_SET_PDEATHSIG so that no server outlives a killed CLI; yields its API URL (also exported)."""
    spec = importlib.util.find_spec("prefect")  # not imported: prefect reads PREFECT_API_URL when first imported
    assert spec is not None and spec.origin is not None, "prefect is not installed"
    port = _free_port()
    env = {"PREFECT_SERVER_ANALYTICS_ENABLED": "false", **os.environ, "PREFECT_UI_ENABLED": "0",
           "PREFECT__SERVER_EPHEMERAL": "1", "PREFECT__SERVER_FINAL": "1"}
    cmd = [sys.executable, "-m", "uvicorn", "--app-dir", str(Path(spec.origin).parent.parent), "--factory",
           "prefect.server.api.server:create_app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "error",
           "--lifespan", "on"]
    proc = subprocess.Popen(cmd, env=env, preexec_fn=_die_with_parent)
    url = f"http://127.0.0.1:{port}/api"
    try:
        deadline = time.monotonic() + timeout_s
        while not _healthy(url):
            if proc.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"the temporary Prefect server did not start (exit code {proc.poll()})")
            time.sleep(0.2)
        os.environ["PREFECT_API_URL"] = url
        yield url
    finally:
        os.environ.pop("PREFECT_API_URL", None)
        proc.terminate()
        try:
            proc.wait(10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


@contextmanager
def prefect_api() -> Iterator[str]:
    """The configured Prefect API, else a temporary server for this command only."""
    url = configured_api_url()
    if url:
        yield url
        return
    with temporary_server() as url:
        yield url
