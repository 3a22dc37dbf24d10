"""Two promises every writer keeps, beside ``textio``'s atomic write: one run per folder, and no lost saves.

A reviewer may save ``en.po`` in Poedit while a run is translating, and a cron job may start a second run
on the same folder. So a run takes a lock on the translations folder (``.workbench.lock``, an ``fcntl``
lock the kernel drops when the process dies, so a killed run never leaves a stale lock), and it remembers
the digest of every file it read (``Seen``); ``replace_unless_changed`` refuses to replace a file whose
bytes are no longer those, so the caller can read the file again and redo its merge.

A process stopped on purpose cleans up after itself: Ctrl-C raises ``KeyboardInterrupt``, and inside
``terminate_cleanly`` SIGTERM (what ``kill``, systemd and container runtimes send) does the same, so the
``finally`` clauses that remove temporary work run before the process dies. ``signals_held`` keeps both out
of a few steps that must not stop halfway. What a killed process (SIGKILL, a power cut) leaves is removed by
the next run (``textio.remove_leftovers``, ``textio.remove_leftover_folders``).

The digest is checked just before the atomic rename: a save in the few milliseconds between the check
and the rename could still be replaced, which no userspace protocol without the editor's cooperation can
close; everything before that (the whole translation, which takes seconds to hours) is covered.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import hashlib
import os
import signal
import socket
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from workbench.errors import InputError, WorkbenchError
from workbench.textio import remove_leftovers_in, write_bytes_atomic

LOCK_NAME = ".workbench.lock"


class ChangedOnDisk(WorkbenchError):
    """A file changed on disk after this run read it; it was left as it is now."""


class FolderBusy(WorkbenchError):
    """Another run holds the folder's lock and this one was asked not to wait."""


@dataclass(frozen=True)
class Seen:
    """A file as a run read it: its digest, or ``None`` when it did not exist."""

    path: Path
    digest: str | None


def digest(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def file_digest(path: Path) -> str | None:
    """The digest of the file's bytes now, or ``None`` when there is no file."""
    try:
        return digest(path.read_bytes())
    except FileNotFoundError:
        return None


def read_seen(path: Path) -> tuple[bytes | None, Seen]:
    """The file's bytes (``None`` when absent) and the record to hand back to ``replace_unless_changed``."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return None, Seen(path, None)
    return data, Seen(path, digest(data))


def replace_unless_changed(data: bytes, seen: Seen) -> bool:
    """Write ``data`` to ``seen.path`` atomically unless the file changed since it was read.

    Returns False when the file already holds ``data`` (nothing is written, its timestamp stays); raises
    ``ChangedOnDisk`` when someone else wrote, created or removed it after ``seen`` was taken.
    """
    if check_unchanged(seen) == digest(data):
        return False
    write_bytes_atomic(seen.path, data)
    return True


def check_unchanged(seen: Seen) -> str | None:
    """Raise ``ChangedOnDisk`` unless the file is as ``seen``; returns its digest."""
    now = file_digest(seen.path)
    if now != seen.digest:
        raise ChangedOnDisk(
            f"{seen.path}: changed on disk while this run was working (saved in an editor?); "
            "it was left as saved, run again to merge it"
        )
    return now


@contextlib.contextmanager
def folder_lock(
    folder: Path, *, wait: bool = True, on_wait: Callable[[str], None] = lambda _line: None
) -> Iterator[None]:
    """Hold ``folder``'s lock for the block; a second run waits (saying who holds it) or, without ``wait``,
    raises ``FolderBusy``.

    The folder is created when missing: the run is about to write into it anyway.
    """
    if folder.exists() and not folder.is_dir():
        raise InputError(f"{folder}: is a file, not a folder; give another --out or move the file away")
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / LOCK_NAME
    try:
        # Never through a link: truncating and writing the lock would change the link's target.
        fd = os.open(path, os.O_RDWR | os.O_CREAT | os.O_NOFOLLOW, 0o666)
    except OSError as err:
        if err.errno != errno.ELOOP:
            raise
        raise InputError(
            f"{path}: is a symbolic link; workbench never writes through a link in a folder it owns, so "
            "nothing was changed; remove the link and run again"
        ) from None
    try:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            holder = _holder(path)
            if not wait:
                raise FolderBusy(
                    f"{folder}: another run ({holder}) is writing here; wait for it to finish, "
                    "or run without --no-wait to wait"
                ) from None
            on_wait(f"{folder}: waiting for another run to finish ({holder})")
            fcntl.flock(fd, fcntl.LOCK_EX)
        os.ftruncate(fd, 0)
        stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime())
        os.pwrite(fd, f"pid {os.getpid()} on {socket.gethostname()} since {stamp}\n".encode(), 0)
        remove_leftovers_in(folder)  # a killed run's temporary files, even in folders this run skips
        try:
            yield
        finally:
            # Emptied while still held: a finished run leaves the folder as it found it.
            os.ftruncate(fd, 0)
    finally:
        # Closing the descriptor releases the lock; the file stays, so no other run races to recreate it.
        os.close(fd)


def _holder(path: Path) -> str:
    try:
        text = path.read_text(encoding="utf-8", errors="replace").strip()
    except OSError:
        text = ""
    return text or "holder unknown"


class _Terminated(BaseException):
    """SIGTERM arrived inside ``terminate_cleanly`` (a ``BaseException``: ``except Exception`` lets it by)."""


_STOP_SIGNALS = (signal.SIGINT, signal.SIGTERM)


@contextlib.contextmanager
def terminate_cleanly() -> Iterator[None]:
    """Within the block SIGTERM unwinds the stack like Ctrl-C, so ``finally`` clauses run; then the process
    dies of the signal, as whoever sent it expects. Outside the main thread (where Python cannot handle
    signals) this changes nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def on_term(_signum: int, _frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)  # a second SIGTERM must not cut the clean-up short
        raise _Terminated

    previous = signal.signal(signal.SIGTERM, on_term)
    restore = previous if previous is not None else signal.SIG_DFL
    try:
        yield
    except _Terminated:
        signal.signal(signal.SIGTERM, restore)
        signal.raise_signal(signal.SIGTERM)
        raise SystemExit(128 + signal.SIGTERM) from None  # the previous handler chose to go on
    finally:
        signal.signal(signal.SIGTERM, restore)


@contextlib.contextmanager
def signals_held() -> Iterator[None]:
    """Ctrl-C and SIGTERM wait until the block is done (for steps that must not stop halfway, such as
    swapping a folder for another by two renames), then take effect. Outside the main thread this changes
    nothing."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    arrived: list[int] = []

    def hold(signum: int, _frame: object) -> None:
        arrived.append(signum)

    previous = {signum: signal.signal(signum, hold) for signum in _STOP_SIGNALS}
    try:
        yield
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler if handler is not None else signal.SIG_DFL)
        for held in dict.fromkeys(arrived):
            signal.raise_signal(held)
