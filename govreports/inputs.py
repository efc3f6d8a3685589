"""A path given on the command line -> its bytes, read safely (regular file, inside its folder, bounded size)."""
from __future__ import annotations

import errno
import io
import os
import stat
import zipfile
from pathlib import Path

from govreports.errors import BadInput


def source_key_of(path: Path) -> str:
    """The path that identifies a file across versions: its folder resolved, its own name kept (a symlink is
    named by itself, never by what it points to)."""
    return str(path.absolute().parent.resolve() / path.name)


def refuse_symlink_out(path: Path) -> Path:
    """The path to open: a symlink is followed only when its target stays in the symlink's own folder."""
    if not path.is_symlink():
        return path
    target = path.resolve()
    folder = path.parent.resolve()
    if folder != target.parent and folder not in target.parents:
        raise BadInput(f"{path.name}: a symlink to {target} (outside {folder}) is not read", "symlink_refused")
    return target


def open_regular(path: Path) -> int:
    """A read-only descriptor on a regular file: no symlink in the last component, no blocking on a FIFO."""
    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise BadInput(f"{path.name}: no such file", "missing") from None
    except IsADirectoryError:
        raise BadInput(f"{path.name}: a directory, not a file", "not_a_regular_file") from None
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            raise BadInput(f"{path.name}: a symlink swapped in while reading", "symlink_refused") from None
        raise BadInput(f"{path.name}: cannot be opened ({exc.strerror})", "unreadable") from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise BadInput(f"{path.name}: not a regular file (FIFO, device or directory)", "not_a_regular_file")
    return fd


def read_input(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; BadInput(missing / not_a_regular_file / symlink_refused / unreadable / too_large)."""
    fd = open_regular(refuse_symlink_out(path))
    try:
        size = os.fstat(fd).st_size
        if size > max_bytes:
            raise BadInput(f"{path.name}: {size} bytes, over the {max_bytes}-byte limit", "too_large")
        with os.fdopen(fd, "rb", closefd=False) as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise BadInput(f"{path.name}: read failed ({exc.strerror})", "unreadable") from None
    finally:
        os.close(fd)
    if len(data) > max_bytes:
        raise BadInput(f"{path.name}: grew past the {max_bytes}-byte limit while read", "too_large")
    return data


def check_unzipped(data: bytes, name: str, max_bytes: int) -> None:
    """BadInput(too_large) when a zip's parts would inflate past max_bytes (zipfile never reads past a
    part's declared size, so the declared total bounds what any reader can decompress)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as zf:
            total = sum(info.file_size for info in zf.infolist())
    except (zipfile.BadZipFile, ValueError, OSError):
        return  # a damaged zip is the extractor's to report
    if total > max_bytes:
        raise BadInput(f"{name}: its parts inflate to {total} bytes, over the {max_bytes}-byte limit", "too_large")
